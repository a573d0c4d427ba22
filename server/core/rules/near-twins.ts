// Each story's first earlier story with the same stem set, or one a typo away: an index kept up to date between runs.
import type { Story } from "../model";
import { typoDistance } from "../nlp/similarity";
import { changedPositions } from "./story-groups";

/** A stem set as one map key; stems hold no NUL, and the count keeps [] and [""] apart. */
const keyOf = (stems: readonly string[]): string => `${stems.length}\u0000${stems.join("\u0000")}`;

const without = (stems: readonly string[], k: number): string => keyOf([...stems.slice(0, k), ...stems.slice(k + 1)]);

/**
 * One misspelt word: one edit (a swap of two letters counts as one) in a word of at least 5 letters, two in one of
 * at least 9. "agent" / "event" (two edits in five letters) are two words.
 */
const isTypo = (x: string, y: string): boolean => {
  const shorter = Math.min(x.length, y.length);
  const limit = shorter >= 9 ? 2 : 1;
  return shorter >= TYPO_LETTERS && typoDistance(x, y, limit) <= limit;
};

/**
 * The fewest letters of a word that may be misspelt: a shorter stem is never one typo away from another, so no entry
 * is kept or looked up by the set without it (the same stems are the exact index's).
 */
const TYPO_LETTERS = 5;

/**
 * Entries with more stems than this are matched exactly, not one typo away: the typo index holds one key per
 * stem, each as long as the entry, which costs the square of its length (a pasted 1 MB "story" of 80,000 words
 * held the server for minutes). Real story parts have a few dozen stems.
 */
const TYPO_STEMS_MAX = 64;

/** The word left out of an entry, as the typo index keeps it, is the word looked for or one typo from it. */
const sameOrTypo = (word: string, left: string): boolean => word === left || isTypo(word, left);

/**
 * An entry's keys in the typo index: each stem that may be misspelt, with the stem set without it as the key. None
 * for an entry of more than TYPO_STEMS_MAX stems. Adding, removing and looking up go by the same keys.
 */
function lessOneKeys(stems: readonly string[]): { readonly left: string; readonly reduced: string }[] {
  if (stems.length > TYPO_STEMS_MAX) return [];
  const keys: { left: string; reduced: string }[] = [];
  stems.forEach((left, k) => {
    if (left.length >= TYPO_LETTERS) keys.push({ left, reduced: without(stems, k) });
  });
  return keys;
}

/** What a story is compared by: its stem set (sorted, distinct), and whether it looks for a twin itself. */
export interface NearEntry {
  readonly stems: readonly string[];
  readonly seeks: boolean;
}

/** Inserts `at` into a list sorted by position. */
function insertSorted<T>(list: T[], item: T, at: (x: T) => number): void {
  let k = list.length;
  while (k > 0 && at(list[k - 1] as T) > at(item)) k--;
  list.splice(k, 0, item);
}

/**
 * The stories of a backlog by their stem set, and by each stem set with one stem left out, so that a story finds
 * the first earlier one with the same stems or one typo away without comparing every pair. Kept between runs
 * (in a rule's memory): when the next backlog holds the same story objects at most positions, the stories that
 * changed are taken out and put back, and only the stories that shared a key with their old or new stems look
 * for their twin again; a keystroke in a 2,000-story backlog then costs an identity check per story.
 */
export class NearTwins {
  private stories: readonly Story[] = [];
  private entries: (NearEntry | undefined)[] = [];
  private keys: (string | undefined)[] = [];
  private twins: (number | undefined)[] = [];
  private readonly exact = new Map<string, number[]>();
  private readonly lessOne = new Map<string, { readonly at: number; readonly left: string }[]>();

  constructor(private readonly entryOf: (story: Story) => NearEntry | undefined) {}

  /** Each story's twin (the position of the first earlier story with the same stems or one typo away), by position. */
  update(stories: readonly Story[]): readonly (number | undefined)[] {
    try {
      return this.tryUpdate(stories);
    } catch (error) {
      // A half-made update must not be built on: the next run starts again from nothing.
      this.stories = [];
      throw error;
    }
  }

  private tryUpdate(stories: readonly Story[]): readonly (number | undefined)[] {
    const changed = changedPositions(this.stories, stories);
    this.stories = stories;
    if (!changed) return this.rebuild();
    const again = new Set<number>();
    for (const i of changed) {
      const entry = this.entryOf(stories[i] as Story);
      const key = entry && keyOf(entry.stems);
      const old = this.entries[i];
      if (key === this.keys[i] && entry?.seeks === old?.seeks) {
        this.entries[i] = entry;
        continue;
      }
      // The later stories the old stems were the twin of, and those the new ones may be the twin of now, look again.
      if (old) this.remove(old, i, again);
      this.entries[i] = entry;
      this.keys[i] = key;
      if (entry) this.add(entry, i, again);
      again.add(i);
    }
    for (const j of again) this.twins[j] = this.twinOf(j);
    return this.twins;
  }

  private rebuild(): readonly (number | undefined)[] {
    this.exact.clear();
    this.lessOne.clear();
    this.entries = this.stories.map(this.entryOf);
    this.keys = this.entries.map((e) => e && keyOf(e.stems));
    this.entries.forEach((entry, i) => entry && this.add(entry, i));
    this.twins = this.entries.map((_, i) => this.twinOf(i));
    return this.twins;
  }

  /** The first story before `j` with the same number of stems that equal j's or one typo away. */
  private twinOf(j: number): number | undefined {
    const entry = this.entries[j];
    if (!entry?.seeks) return undefined;
    const first = this.exact.get(this.keys[j] as string)?.[0];
    let best = first !== undefined && first < j ? first : undefined;
    for (const { left: word, reduced } of lessOneKeys(entry.stems)) {
      for (const other of this.lessOne.get(reduced) ?? []) {
        if (other.at >= (best ?? j)) break;
        if (sameOrTypo(word, other.left)) {
          best = other.at;
          break;
        }
      }
    }
    return best;
  }

  /**
   * Whether the story at `at`, now matching the later story `k`, may be k's twin: its twin is the first earlier match,
   * so only a story before k's twin (or of a k without one) takes its place.
   */
  private mayBecomeTwin(k: number, at: number): boolean {
    const twin = this.twins[k];
    return k > at && (twin === undefined || twin >= at);
  }

  /**
   * Puts a story into the index; `touched` gets the later stories it matches and may now be the twin of. A story
   * that only shares a key ("card 7" / "card 8", one real word apart) keeps its twin: a family of 200 such stories
   * costs no look-up on a keystroke in one of them.
   */
  private add(entry: NearEntry, at: number, touched?: Set<number>): void {
    const key = this.keys[at] as string;
    const list = this.exact.get(key);
    if (list) {
      if (touched) for (const k of list) if (this.mayBecomeTwin(k, at)) touched.add(k);
      insertSorted(list, at, (x) => x);
    } else this.exact.set(key, [at]);
    for (const { left, reduced } of lessOneKeys(entry.stems)) {
      const near = this.lessOne.get(reduced);
      if (near) {
        if (touched) for (const other of near) if (this.mayBecomeTwin(other.at, at) && sameOrTypo(left, other.left)) touched.add(other.at);
        insertSorted(near, { at, left }, (x) => x.at);
      } else this.lessOne.set(reduced, [{ at, left }]);
    }
  }

  /** Takes a story out of the index; `touched` gets the later stories whose twin it was. */
  private remove(entry: NearEntry, at: number, touched: Set<number>): void {
    const key = this.keys[at] as string;
    const list = this.exact.get(key);
    if (list) {
      for (const k of list) if (this.twins[k] === at) touched.add(k);
      const rest = list.filter((k) => k !== at);
      if (rest.length > 0) this.exact.set(key, rest);
      else this.exact.delete(key);
    }
    for (const { reduced } of lessOneKeys(entry.stems)) {
      const near = this.lessOne.get(reduced);
      if (!near) continue;
      for (const other of near) if (this.twins[other.at] === at) touched.add(other.at);
      const rest = near.filter((other) => other.at !== at);
      if (rest.length > 0) this.lessOne.set(reduced, rest);
      else this.lessOne.delete(reduced);
    }
  }
}
