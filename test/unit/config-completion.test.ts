// Completion in .backlog-coach.yaml: rule ids under `rules:` (those not configured yet), severities as their values.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SEVERITIES, configCompletion } from "../../client/config-completion-items";
import { rules } from "../../server/core/rules/registry";
import { REPO_ROOT } from "../support/fixtures";

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  contributes: { configuration: { properties: Record<string, { properties: Record<string, unknown> }> } };
};
/** What the extension reads at run time: the manifest's per-rule settings. */
const RULE_IDS = Object.keys(manifest.contributes.configuration.properties["backlogCoach.rules"]?.properties ?? {});

/** Completion at the end of the line holding `marker` (the marker's last character is the cursor). */
function at(text: string, marker: string) {
  const offset = text.indexOf(marker) + marker.length;
  const lines = text.slice(0, offset).split("\n");
  return configCompletion(text, lines.length - 1, (lines.at(-1) ?? "").length, RULE_IDS);
}

describe(".backlog-coach.yaml completion", () => {
  it("knows every rule of the registry, from the manifest", () =>
    assert.deepEqual([...RULE_IDS].sort(), rules.map((r) => r.meta.id).sort()));

  it("offers the rule ids not configured yet, as keys under rules:", () => {
    const text = "# team settings\nrules:\n  story-atomic: off\n  story-\n  # a comment\n  story-benefit: info\nmaxFindings: 50\n";
    const found = at(text, "off\n  story-");
    assert.equal(found?.kind, "rule");
    assert.equal(found?.replaceFrom, 2);
    assert.ok(found?.labels.includes("story-vague-terms"));
    assert.ok(!found?.labels.includes("story-atomic") && !found?.labels.includes("story-benefit"), "already configured");
    assert.equal(found?.labels.length, RULE_IDS.length - 2);
  });

  it("offers severities after a rule id and after its severity key", () => {
    const text = "rules:\n  story-atomic: wa\n  story-benefit:\n    severity: \n";
    assert.deepEqual(at(text, "story-atomic: wa"), { kind: "severity", labels: SEVERITIES, replaceFrom: "  story-atomic: ".length });
    assert.deepEqual(at(text, "    severity: ")?.labels, SEVERITIES);
  });

  it("offers nothing elsewhere: top-level keys, an unknown rule's value, a rule's options", () => {
    const text = "maxFindings: \nrules:\n  story-atomik: \n  story-atomic:\n    options:\n      twoRoles: \n";
    assert.equal(at(text, "maxFindings: "), undefined);
    assert.equal(at(text, "story-atomik: "), undefined);
    assert.equal(at(text, "twoRoles: "), undefined);
  });
});
