// The near-duplicate index kept between runs: after any change of a few stories, the twins a fresh index finds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Story } from "../../server/core/model";
import { NearTwins, type NearEntry } from "../../server/core/rules/near-twins";
import { typoDistance } from "../../server/core/nlp/similarity";
import { pick, seededRandom } from "../support/random";

/** One misspelt word, as the index defines it, from the whole table of edits. */
const typo = (x: string, y: string): boolean => {
  const shorter = Math.min(x.length, y.length);
  return shorter >= 5 && typoDistance(x, y) <= (shorter >= 9 ? 2 : 1);
};

/** Each entry's twin by comparing it with every earlier one: the same stems, or all but one the same and that a typo. */
function everyPair(entries: readonly (NearEntry | undefined)[]): (number | undefined)[] {
  return entries.map((entry, j) => {
    if (!entry?.seeks) return undefined;
    const twin = entries.findIndex((other, i) => {
      if (i >= j || !other || other.stems.length !== entry.stems.length) return false;
      const mine = entry.stems.filter((w) => !other.stems.includes(w));
      const theirs = other.stems.filter((w) => !entry.stems.includes(w));
      return mine.length === 0 || (mine.length === 1 && theirs.length === 1 && typo(mine[0] as string, theirs[0] as string));
    });
    return twin < 0 ? undefined : twin;
  });
}

describe("near-duplicate twins kept between runs", () => {
  it("finds after each change of a few stories the twins a fresh index finds, typos and left-out stems included", () => {
    const random = seededRandom(4242);
    // Few words and near spellings, so that stories share keys and are one typo apart.
    const words = ["clerk", "claim", "claims", "report", "reprot", "export", "invoice", "invoices", "order", "orders", "pay"];
    const entries = new Map<Story, NearEntry | undefined>();
    let made = 0;
    const story = (): Story => {
      const s = { index: made++, span: { start: 0, end: 0 } } as Story;
      const stems = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, words)))].sort();
      entries.set(s, random() < 0.1 ? undefined : { stems, seeks: random() < 0.85 });
      return s;
    };
    const entryOf = (s: Story): NearEntry | undefined => entries.get(s);
    const kept = new NearTwins(entryOf);
    let stories = Array.from({ length: 60 }, story);
    let found = 0;
    for (let round = 0; round < 400; round++) {
      stories = [...stories];
      const changes = random() < 0.05 ? 70 : 1 + Math.floor(random() * 3);
      for (let c = 0; c < changes; c++) stories[Math.floor(random() * stories.length)] = story();
      // Now and then a story comes or goes.
      if (random() < 0.05) stories.splice(Math.floor(random() * stories.length), 1);
      const twins = kept.update(stories);
      assert.deepEqual([...twins], [...new NearTwins(entryOf).update(stories)], `round ${round}`);
      if (round % 20 === 0) assert.deepEqual([...twins], everyPair(stories.map(entryOf)), `round ${round}, against every pair`);
      found += twins.filter((t) => t !== undefined).length;
    }
    assert.ok(found > 1000, `${found} twins found`);
  });
});
