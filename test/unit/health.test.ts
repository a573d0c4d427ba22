// The health measures shared by the sidebar and `backlog-coach stats`: counted from one analysis.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { healthMeasures } from "../../server/core/health";

const backlog = [
  "stories:",
  "  - id: A-1",
  "    status: ready",
  "    story: As a shopper, I want to save my card, so that I pay faster.",
  "    acceptance:",
  "      - Given a saved card, when I pay, then the card is offered first",
  "  - id: A-2",
  "    status: ready",
  "    story: As a shopper, I want to see my orders.",
  "  - id: A-3",
  "    story: I want a report.",
  "",
].join("\n");

describe("healthMeasures", () => {
  const analysis = analyzeBacklog(backlog, "yaml");
  const m = healthMeasures(analysis);

  it("counts well formed, with a benefit, with criteria and ready stories", () => {
    assert.deepEqual([m.stories, m.wellFormed, m.withBenefit, m.withCriteria, m.ready], [3, 2, 1, 1, 1]);
  });

  it("counts findings and distinct stories per rule, and groups findings by story", () => {
    let total = 0;
    for (const n of m.findingsByRule.values()) total += n;
    assert.equal(total, analysis.findings.length);
    assert.equal(m.storiesByRule.get("criteria-missing"), 2);
    assert.equal(m.storiesByRule.get("story-well-formed"), 1);
    assert.ok(m.findingsByStory.get(2)?.some((f) => f.ruleId === "story-well-formed"));
    assert.equal(m.findingsByStory.get(0)?.some((f) => f.ruleId === "criteria-missing") ?? false, false);
  });
});
