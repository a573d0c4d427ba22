// The sidebar's messages: each side accepts only well-typed messages, so a tampered one is dropped, not acted on.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseHostMessage, parseWebviewMessage } from "../../client/webview/messages";
import { bundledGuidance } from "../../server/core/guidance/data";

const guidance = bundledGuidance().guidance;
const health = {
  uri: "file:///w/a.backlog.yaml",
  format: "yaml",
  stories: 2,
  wellFormed: 1,
  withBenefit: 1,
  withCriteria: 0,
  ready: 0,
  findingsBySeverity: { error: 0, warning: 2, info: 0, hint: 0 },
  findingsByRule: [{ ruleId: "criteria-missing", count: 2 }],
  worstStories: [{ label: "<img src=x onerror=alert(1)>", line: 3, character: 4, findings: 2, severity: "warning", topMessage: "m" }],
  sprintLength: "2 weeks",
};

describe("sidebar messages", () => {
  it("the page accepts the real guidance, health and entry requests", () => {
    assert.equal(parseHostMessage({ type: "guidance", guidance })?.type, "guidance");
    assert.equal(parseHostMessage({ type: "health", fileName: "a.backlog.yaml", health })?.type, "health");
    assert.equal(parseHostMessage({ type: "health", fileName: null, health: null })?.type, "health");
    assert.deepEqual(parseHostMessage({ type: "showEntry", id: "sprint-review" }), { type: "showEntry", id: "sprint-review" });
  });

  it("the page drops malformed messages", () => {
    const badEntry = { ...guidance, entries: [{ ...guidance.entries[0], summary: 42 }] };
    assert.equal(parseHostMessage({ type: "guidance", guidance: badEntry }), undefined);
    assert.equal(parseHostMessage({ type: "health", fileName: null, health: { ...health, stories: -1 } }), undefined);
    assert.equal(parseHostMessage({ type: "health", fileName: null, health: { ...health, worstStories: [{ label: 1 }] } }), undefined);
    const badSeverity = [{ ...health.worstStories[0], severity: "fatal" }];
    assert.equal(parseHostMessage({ type: "health", fileName: null, health: { ...health, worstStories: badSeverity } }), undefined);
    assert.equal(parseHostMessage({ type: "health", fileName: null, health: { ...health, findingsBySeverity: { error: 1 } } }), undefined);
    assert.equal(parseHostMessage({ type: "showEntry", id: 'x" onclick="y' }), undefined);
    assert.equal(parseHostMessage({ type: "other" }), undefined);
    assert.equal(parseHostMessage(null), undefined);
  });

  it("the host accepts only ready, reveal with a position, and rule docs by id", () => {
    assert.deepEqual(parseWebviewMessage({ type: "ready", extra: 1 }), { type: "ready" });
    assert.deepEqual(parseWebviewMessage({ type: "reveal", uri: "file:///a", line: 1, character: 0 }), {
      type: "reveal",
      uri: "file:///a",
      line: 1,
      character: 0,
    });
    assert.equal(parseWebviewMessage({ type: "reveal", uri: "file:///a", line: -1, character: 0 }), undefined);
    assert.equal(parseWebviewMessage({ type: "reveal", uri: "file:///a", line: 1.5, character: 0 }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: "openRuleDocs", ruleId: "story-benefit" }), {
      type: "openRuleDocs",
      ruleId: "story-benefit",
    });
    assert.equal(parseWebviewMessage({ type: "openRuleDocs", ruleId: "../../etc/passwd" }), undefined);
    assert.equal(parseWebviewMessage({ type: "runCommand", command: "workbench.action.terminal.new" }), undefined);
  });
});
