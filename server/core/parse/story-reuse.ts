// Stories a reader made from the previous version of a file, handed back for chunks whose text is unchanged.
import type { Story } from "../model";
import { moveStory } from "./story-move";

interface Placed {
  /** Absent for a chunk that holds no story (a CSV row of another issue type): it is still not read again. */
  readonly story: Story | undefined;
  start: number;
  /** What else the reader derived from the chunk, in offsets relative to the chunk's start (see `recall`). */
  readonly note?: unknown;
}

/** A chunk read before: its story, moved in place, and the reader's note. */
export interface Recalled {
  readonly story: Story | undefined;
  readonly note?: unknown;
}

/**
 * Lets a format's reader skip the chunks of a file it has read before: a chunk (one story's text, as the format
 * cuts it) whose text is unchanged gets back the story read from it, moved in place to its new offset and index,
 * instead of being read again. Keeping the story object also keeps what rules derived from it (see `perStory`).
 *
 * A reader calls `take` for each chunk, and `keep` for each story it had to read; the holder calls `finish` after
 * each reading. The stories handed back are the ones the last analysis returned: they are valid until the next
 * reading, as the incremental analyzer's stories are.
 */
export class StoryReuse {
  private previous = new Map<string, Placed[]>();
  private current = new Map<string, Placed[]>();
  private used = false;
  private setting = "";

  /**
   * Says what the reader reads the stories with besides their text (the story depth of a Markdown file): when
   * it differs from the last reading's, nothing read then is handed back.
   */
  within(setting: string): void {
    if (setting !== this.setting) this.previous = new Map();
    this.setting = setting;
  }

  /** The story read before from a chunk with this text, moved to `start` and `index`, or undefined. */
  take(chunk: string, start: number, index: number): Story | undefined {
    return this.recall(chunk, start, index)?.story;
  }

  /**
   * The story (if any) and the note read before from a chunk with this text, the story moved to `start` and
   * `index`; undefined when no chunk had this text. For readers that derive more from a chunk than its story
   * (its cells' places, its syntax problems) and keep it, relative to the chunk, with `keep`.
   */
  recall(chunk: string, start: number, index: number): Recalled | undefined {
    this.used = true;
    const placed = this.previous.get(chunk)?.pop();
    if (!placed) return undefined;
    if (placed.story) moveStory(placed.story, start - placed.start, index);
    placed.start = start;
    this.add(chunk, placed);
    return placed;
  }

  /** Remembers the story (if any) and note just read from a chunk with this text, found at `start`. */
  keep(chunk: string, start: number, story: Story | undefined, note?: unknown): void {
    // A copy, not a slice: a slice would keep this whole version of the file alive as long as the cache.
    this.add(`\u0000${chunk}`.slice(1), { story, start, ...(note !== undefined && { note }) });
  }

  /**
   * Ends a reading: the stories not handed back are forgotten. True when the reader took part (a format whose
   * reader does not gives new stories every time).
   */
  finish(): boolean {
    const used = this.used;
    this.previous = this.current;
    this.current = new Map();
    this.used = false;
    return used;
  }

  /** Forgets every story (what the stories were read with changed). */
  clear(): void {
    this.previous = new Map();
    this.current = new Map();
  }

  private add(chunk: string, placed: Placed): void {
    const list = this.current.get(chunk);
    if (list) list.push(placed);
    else this.current.set(chunk, [placed]);
  }
}
