// Stories a reader made from the previous version of a file, handed back for chunks whose text is unchanged.
import type { Story } from "../model";
import { moveStory } from "./story-move";
import { commonPrefix, commonSuffix, ownText } from "./text-common";

interface Placed {
  /** The chunk's text (a copy: a slice would keep that whole version of the file alive as long as the cache). */
  readonly text: string;
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

/** Where the text of this reading differs from the last one's: outside [prefix, length - suffix) it is the old text, moved. */
export interface Change {
  readonly prefix: number;
  readonly suffix: number;
  readonly oldLength: number;
  readonly newLength: number;
}

/**
 * Lets a format's reader skip the chunks of a file it has read before: a chunk (one story's text, as the format
 * cuts it) whose text is unchanged gets back the story read from it, moved in place to its new offset and index,
 * instead of being read again. Keeping the story object also keeps what rules derived from it (see `perStory`).
 *
 * A reader calls `storyAt` for each chunk (or `recall`, then `keep` for each chunk it had to read), in file order; the
 * holder calls `begin` with the text before each reading and `finish` after it. A chunk outside the part of the
 * text that changed since the last reading is found by its place, without hashing its text: a keystroke in a
 * large file then looks up the few chunks around it by text. The stories handed back are the ones the last
 * analysis returned: they are valid until the next reading, as the incremental analyzer's stories are.
 */
export class StoryReuse {
  /** The last reading's chunks in file order, and where each started then. */
  private previous: Placed[] = [];
  private previousStarts: number[] | undefined;
  /** How many of `previous` hold no story (a CSV row of another issue type): `replaceRange` needs none. */
  private previousStoryless = 0;
  /** Which of `previous` this reading has handed back (made at the first look-up: `replaceRange` needs neither). */
  private taken: Uint8Array | undefined;
  /** A cursor into `previous` for the look-ups by place, which come in increasing order. */
  private cursor = 0;
  /** The previous chunks the change may have touched, by text: made at the first look-up that needs it. */
  private byText: Map<string, number[]> | undefined;
  private current: Placed[] = [];
  private used = false;
  /** The stories this reading read anew (not handed back), until the next reading begins. */
  private fresh = new Set<Story>();
  private setting = "";
  private lastText: string | undefined;
  /** The length of the last reading's text (also after a reading told only its change): what a change starts from. */
  private lastLength = -1;
  private readingLength = -1;
  private change: Change | undefined;
  /**
   * What the reader of a format whose file is one story (Gherkin) kept of the last reading, to read the next text
   * by its difference (`edit`); forgotten with the stories.
   */
  fileNote: unknown;

  /** Where this reading's text differs from the last reading's; undefined on a first reading. */
  get edit(): Change | undefined {
    return this.change;
  }

  /**
   * Says what the reader reads the stories with besides their text (the story depth of a Markdown file): when
   * it differs from the last reading's, nothing read then is handed back.
   */
  within(setting: string): void {
    if (setting !== this.setting) this.forgetPrevious();
    this.setting = setting;
  }

  /** Whether the last reading read this story anew rather than handing back one read before. */
  readAnew(story: Story): boolean {
    return this.fresh.has(story);
  }

  /**
   * Says which text is read next, so that chunks the edit did not reach are found by their place. `change`, when
   * given, says where it differs from the last reading's text (which it need not be compared with then).
   */
  begin(text: string, change?: Change): void {
    this.fresh = new Set();
    const last = this.lastText;
    if (change && change.oldLength === this.lastLength) this.change = change;
    else if (last !== undefined) {
      const prefix = commonPrefix(last, text);
      this.change = { prefix, suffix: commonSuffix(last, text, prefix), oldLength: last.length, newLength: text.length };
    } else this.change = undefined;
    this.lastText = text;
    this.readingLength = text.length;
  }

  /**
   * `begin` for a text its holder keeps in pieces (an open document): only the change is known, so the next
   * reading of a string is told its change or finds its chunks by text.
   */
  beginChange(change: Change): void {
    this.fresh = new Set();
    this.change = change.oldLength === this.lastLength ? change : undefined;
    this.lastText = undefined;
    this.readingLength = change.newLength;
  }

  /** The story read before from a chunk with this text, moved to `start` and `index`, or undefined. */
  private take(chunk: string, start: number, index: number): Story | undefined {
    return this.recall(chunk, start, index)?.story;
  }

  /** The story of the chunk `[start, end)` of `text`: handed back when read before, else read by `read` and kept. */
  storyAt(text: string, start: number, end: number, index: number, read: () => Story): Story {
    const chunk = text.slice(start, end);
    const taken = this.take(chunk, start, index);
    if (taken) return taken;
    const story = read();
    this.keep(chunk, start, story);
    return story;
  }

  /**
   * The story (if any) and the note read before from a chunk with this text, the story moved to `start` and
   * `index`; undefined when no chunk had this text. For readers that derive more from a chunk than its story
   * (its cells' places, its syntax problems) and keep it, relative to the chunk, with `keep`.
   */
  recall(chunk: string, start: number, index: number, accept?: (note: unknown) => boolean): Recalled | undefined {
    this.used = true;
    const k = this.find(chunk, start);
    if (k === undefined) return undefined;
    // A chunk read in other surroundings (a YAML item that was last and is now followed): read it again.
    if (accept && !accept((this.previous[k] as Placed).note)) return undefined;
    this.takenList()[k] = 1;
    const placed = this.previous[k] as Placed;
    if (placed.story) moveStory(placed.story, start - placed.start, index);
    placed.start = start;
    this.current.push(placed);
    return placed;
  }

  /**
   * A reading that re-read a run of chunks and knows where every other one is: the last reading's chunks are
   * handed back in order, those after the change moved by its length, with chunks `[from, to)` replaced by
   * `read` (each story with the text it was read from and where). For readers that find the chunks an edit
   * touched without going through the file (the Markdown and plain-list readers' `readEdited`); undefined, with
   * nothing handed back, when the last reading did not have `count` chunks each holding a story.
   */
  replaceRange(
    count: number,
    from: number,
    to: number,
    read: readonly { readonly chunk: string; readonly start: number; readonly story: Story; readonly note?: unknown }[],
  ): Story[] | undefined {
    const previous = this.previous;
    if (previous.length !== count || from > to || to > count || this.current.length > 0 || this.previousStoryless > 0) return undefined;
    const delta = this.change ? this.change.newLength - this.change.oldLength : 0;
    this.used = true;
    // Copies of the runs before and after the change, not a push per chunk: a keystroke in 10,000 stories.
    for (const { chunk, start, story, note } of read) this.keep(chunk, start, story, note);
    const after = previous.slice(to);
    const first = from + read.length;
    for (let k = 0; k < after.length; k++) {
      const placed = after[k] as Placed;
      moveStory(placed.story as Story, delta, first + k);
      placed.start += delta;
    }
    this.current = previous.slice(0, from).concat(this.current, after);
    const stories = new Array<Story>(this.current.length);
    for (let k = 0; k < stories.length; k++) stories[k] = (this.current[k] as Placed).story as Story;
    return stories;
  }

  /** Remembers the story (if any) and note just read from a chunk with this text, found at `start`. */
  keep(chunk: string, start: number, story: Story | undefined, note?: unknown): void {
    this.current.push({ text: ownText(chunk), story, start, ...(note !== undefined && { note }) });
    if (story) this.fresh.add(story);
  }

  /**
   * Ends a reading: the stories not handed back are forgotten. True when the reader took part (a format whose
   * reader does not gives new stories every time).
   */
  finish(): boolean {
    const used = this.used;
    // Readers go through a file in order, but keep the order by place whatever a reader does.
    let ordered = true;
    let storyless = 0;
    const list = this.current;
    for (let k = 0; k < list.length; k++) {
      const p = list[k] as Placed;
      if (!p.story) storyless++;
      if (k > 0 && (list[k - 1] as Placed).start > p.start) ordered = false;
    }
    this.previous = ordered ? list : [...list].sort((a, b) => a.start - b.start);
    this.previousStoryless = storyless;
    this.previousStarts = undefined;
    this.taken = undefined;
    this.cursor = 0;
    this.byText = undefined;
    this.current = [];
    this.used = false;
    this.change = undefined;
    this.lastLength = this.readingLength;
    return used;
  }

  /**
   * Drops what this reading handed back and kept so far, for a reader that reads the whole text another way after
   * all (YAML that must be read by the library at once): it gives new stories, as a reader that does not take part.
   */
  abandon(): void {
    this.current = [];
    this.fresh = new Set();
    this.used = false;
    this.fileNote = undefined;
  }

  /** Forgets every story (what the stories were read with changed). */
  clear(): void {
    this.forgetPrevious();
    this.current = [];
    this.lastText = undefined;
    this.lastLength = -1;
    this.change = undefined;
  }

  private forgetPrevious(): void {
    this.fileNote = undefined;
    this.previous = [];
    this.previousStoryless = 0;
    this.previousStarts = undefined;
    this.taken = undefined;
    this.cursor = 0;
    this.byText = undefined;
  }

  /** The previous chunk with this text for a chunk at `start`: by place outside the change, else by text. */
  private find(chunk: string, start: number): number | undefined {
    const change = this.change;
    if (change) {
      const end = start + chunk.length;
      const old =
        end <= change.prefix ? start : start >= change.newLength - change.suffix ? start - (change.newLength - change.oldLength) : -1;
      if (old >= 0) {
        const starts = this.startsList();
        while (this.cursor < starts.length && (starts[this.cursor] as number) < old) this.cursor++;
        const k = this.cursor;
        // The same place and length in an unchanged stretch: the same text.
        if (starts[k] === old && this.takenList()[k] === 0 && (this.previous[k] as Placed).text.length === chunk.length) return k;
      }
    }
    const candidates = this.textIndex().get(chunk);
    while (candidates && candidates.length > 0) {
      const k = candidates.pop() as number;
      if (this.takenList()[k] === 0) return k;
    }
    return undefined;
  }

  /** Where each previous chunk started in the last reading (recalled chunks' `start` is moved to the new place). */
  private startsList(): number[] {
    return (this.previousStarts ??= this.previous.map((p) => p.start));
  }

  private takenList(): Uint8Array {
    return (this.taken ??= new Uint8Array(this.previous.length));
  }

  private textIndex(): Map<string, number[]> {
    if (this.byText) return this.byText;
    const index = new Map<string, number[]>();
    const change = this.change;
    // With a change known, only the chunks it reached can have a text that is not found by place.
    const from = change ? change.prefix : -Infinity;
    const to = change ? change.oldLength - change.suffix : Infinity;
    this.previous.forEach((p, k) => {
      const start = this.startsList()[k] as number;
      if (start > to || start + p.text.length < from) return;
      const list = index.get(p.text);
      if (list) list.unshift(k);
      else index.set(p.text, [k]);
    });
    this.byText = index;
    return index;
  }
}
