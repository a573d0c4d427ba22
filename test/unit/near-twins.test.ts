// The near-duplicate index kept between runs: after any change of a few stories, the twins a fresh index finds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Story } from "../../server/core/model";
import { NearTwins, type NearEntry } from "../../server/core/rules/near-twins";
import { pick, seededRandom } from "../support/random";

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
      found += twins.filter((t) => t !== undefined).length;
    }
    assert.ok(found > 1000, `${found} twins found`);
  });
});
