// Issue #15: the settings UI's entry per rule (`backlogCoach.rule.<id>`) is read by the server, over the object setting.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withPerRuleSettings } from "../../server/per-rule-settings";
import { startTestClient } from "../support/lsp-client";

describe("backlogCoach.rule.<id>", () => {
  it("wins over backlogCoach.rules for its rule, keeps that rule's options, and 'default' changes nothing", () => {
    const rules = { "story-atomic": { severity: "info", options: { twoObjects: false } }, "story-benefit": "off", "story-id": "hint" };
    assert.deepEqual(withPerRuleSettings(rules, { "story-atomic": "error", "story-benefit": "warning", "story-id": "default", junk: 3 }), {
      "story-atomic": { severity: "error", options: { twoObjects: false } },
      "story-benefit": "warning",
      "story-id": "hint",
    });
    assert.equal(withPerRuleSettings(rules, { "story-id": "default" }), rules);
    assert.deepEqual(withPerRuleSettings(undefined, { "story-id": "off" }), { "story-id": "off" });
    assert.equal(withPerRuleSettings(rules, "error"), rules);
  });

  it("the server reads the entries: a rule turned off is silent, one raised to error reports errors", async () => {
    const client = await startTestClient({
      configuration: true,
      settings: {
        rules: { "story-benefit": "off" },
        rule: { "story-benefit": "error", "story-atomic": "off", "criteria-missing": "default" },
      },
    });
    try {
      const uri = "file:///per-rule.backlog.yaml";
      const text = "stories:\n  - story: As a shopper, I want to search and filter my orders.\n";
      const opened = client.diagnostics(uri, (d) => d.diagnostics.length > 0);
      await client.open(uri, text);
      await opened;
      // The settings are pulled after initialize: an edit's analysis is sure to have them.
      const changed = client.diagnostics(uri, (d) => d.version === 2);
      await client.change(uri, 2, `${text}\n`);
      const diagnostics = await changed;
      const benefit = diagnostics.filter((d) => d.code === "story-benefit");
      assert.deepEqual(
        benefit.map((d) => d.severity),
        [1],
      );
      assert.ok(!diagnostics.some((d) => d.code === "story-atomic"), "story-atomic is off");
      // "default" leaves the rule as it was.
      assert.ok(
        diagnostics.some((d) => d.code === "criteria-missing"),
        "default: the rule runs as before",
      );
    } finally {
      await client.dispose();
    }
  });
});
