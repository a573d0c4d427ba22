// The first findings shown for a large backlog must be exactly the ones the whole analysis gives its top stories.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { activeRules, analyzeBacklog, storyChecker } from "../../server/core/analyze";
import { parseBacklog } from "../../server/core/formats";
import { previewFindings } from "../../server/core/preview";
import { applySuppressions } from "../../server/core/suppressions";
import type { Finding } from "../../server/core/model";
import { seededRandom } from "../support/random";
import { randomBacklog } from "../support/yaml-variants";

const key = (f: Finding): string => JSON.stringify(f);

describe("preview of a large backlog's first stories", () => {
  it("gives the whole analysis's story-rule findings for those stories, on 300 random backlogs", () => {
    const random = seededRandom(911);
    let previews = 0;
    let shown = 0;
    for (let n = 0; n < 300; n++) {
      const text = randomBacklog(random, 20 + Math.floor(random() * 20));
      const top = 1 + Math.floor(random() * 15);
      const preview = previewFindings(text, {}, top);
      const full = analyzeBacklog(text, "yaml");
      const backlog = parseBacklog(text, "yaml");
      if (!preview) continue;
      previews++;
      shown += preview.length;
      // The same story checks over the whole file's reading of those stories.
      const check = storyChecker(
        backlog,
        activeRules({}).filter((a) => a.rule.checkStory),
      );
      const expected = applySuppressions(
        text,
        backlog.stories.slice(0, top).flatMap((s) => check(s).findings.flat()),
        backlog.stories,
      ).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
      assert.deepEqual(preview, expected, `backlog ${n}`);
      const all = new Set(full.findings.map(key));
      for (const f of preview) assert.ok(all.has(key(f)), `backlog ${n}: ${f.ruleId} at ${f.span.start} is not in the whole analysis`);
    }
    assert.ok(previews > 100, `only ${previews} backlogs were previewed`);
    assert.ok(shown > 100, `only ${shown} findings were previewed`);
  });

  it("has nothing to show for a list no longer than the preview, or a file that is not a list of stories", () => {
    assert.equal(previewFindings("stories:\n  - id: A\n", {}, 5), undefined);
    assert.equal(previewFindings("product: x\n", {}, 5), undefined);
  });
});
