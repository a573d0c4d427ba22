// A rule that throws is isolated: it is reported as a failure with its id, and the other rules still report.
import assert from "node:assert/strict";
import { it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { defineRule, type Rule } from "../../server/core/rules/rule";
import storyBenefit from "../../server/core/rules/story-benefit";

const broken = defineRule({
  meta: {
    id: "always-throws",
    description: "x",
    source: "QUS",
    defaultSeverity: "error",
    messages: {},
    fixable: false,
    defaultOptions: {},
  },
  checkStory() {
    throw new Error("boom");
  },
  checkBacklog() {
    throw new TypeError("set boom");
  },
});

it("keeps the other rules' findings when one rule throws", () => {
  const text = "stories:\n  - story: As a shopper, I want to pay.\n  - story: As a shopper, I want to leave.\n";
  const analysis = analyzeBacklog(text, "yaml", {}, [broken, storyBenefit] as readonly Rule[]);
  assert.equal(analysis.findings.filter((f) => f.ruleId === "story-benefit").length, 2);
  assert.deepEqual(
    analysis.failures.map((f) => [f.ruleId, f.storyIndex]),
    [
      ["always-throws", 0],
      ["always-throws", 1],
      ["always-throws", undefined],
    ],
  );
  assert.match(analysis.failures[0]?.error ?? "", /boom/);
});
