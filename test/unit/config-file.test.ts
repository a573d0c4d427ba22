// The config file: valid settings take effect in the analysis, invalid ones are reported and left out.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { mergeConfigs } from "../../server/core/config";
import { parseConfigFile } from "../../server/core/config-file";

const BACKLOG = [
  "stories:",
  "  - id: A-1",
  "    story: As a shopper, I want a fast checkout.",
  "    estimate: 21",
  "    acceptance:",
  "      - The card is stored",
  "",
].join("\n");

const rulesOf = (text: string) =>
  analyzeBacklog(text, "yaml", parseConfigFile(CONFIG).config).findings.map((f) => `${f.ruleId}:${f.severity}`);
const CONFIG = [
  "rules:",
  "  story-benefit: info",
  "  story-vague-terms: off",
  "  estimate-scale:",
  "    options:",
  "      scale: [1, 2, 3, 5, 8, 13, 21]",
  "      maxPerSprint: 21",
  "  criteria-gherkin-style:",
  "    severity: error",
  "    options: { style: given-when-then }",
  "  story-role-persona: loud",
].join("\n");

describe(".backlog-coach.yaml", () => {
  it("applies severities, off and options", () => {
    const found = rulesOf(BACKLOG);
    assert.ok(found.includes("story-benefit:info"));
    assert.ok(!found.some((f) => f.startsWith("story-vague-terms")));
    assert.ok(!found.some((f) => f.startsWith("estimate-scale")), "21 is on the configured scale and fits the sprint");
    assert.ok(found.includes("criteria-gherkin-style:error"));
  });

  it("reports an invalid entry and keeps the rule at its default", () => {
    const { config, findings } = parseConfigFile(CONFIG);
    assert.deepEqual(
      findings.map((f) => f.messageId),
      ["schema"],
    );
    assert.equal(CONFIG.slice(findings[0]?.span.start, findings[0]?.span.end), "loud");
    assert.equal(config.rules?.["story-role-persona"], undefined);
  });

  it("suggests the nearest rule id for a typo", () => {
    const { findings } = parseConfigFile("rules:\n  story-atomik: warning\n");
    assert.match(findings[0]?.message ?? "", /did you mean 'story-atomic'/);
  });

  it("never throws, whatever the text", () => {
    for (const text of ["", "-", "rules: 3", "[1, 2", "rules:\n  x: &a [*a]", "\u0000", "maxFindings: -1"]) parseConfigFile(text);
  });

  it("lets the workspace file override editor settings rule by rule", () => {
    const merged = mergeConfigs(
      { rules: { "story-benefit": "off", "story-atomic": "hint" } },
      parseConfigFile("rules:\n  story-benefit: error\n").config,
    );
    assert.deepEqual(merged.rules, { "story-benefit": "error", "story-atomic": "hint" });
  });
});
