// The sidebar's messages: each side accepts only well-typed messages, so a tampered one is dropped, not acted on.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseHostMessage, parseWebviewMessage } from "../../client/webview/messages";
import { bundledGuidance } from "../../server/core/guidance/data";
import { BacklogLanguageService } from "../../server/service";

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

describe("sidebar messages for acting from the sidebar (issue #15)", () => {
  it("the page takes the server's whole health (findings, next stories, Sprint load) and the workspace's", () => {
    const service = new BacklogLanguageService();
    const uri = "file:///w/sprint.backlog.yaml";
    service.update(uri, readFileSync(join(__dirname, "..", "..", "..", "test", "fixtures", "sidebar", "sprint.backlog.yaml"), "utf8"), 1);
    const full = service.health(uri);
    assert.ok(full?.findings?.length && full.nextStories?.length && full.sprint);
    assert.deepEqual(parseHostMessage({ type: "health", fileName: "a", health: full }), { type: "health", fileName: "a", health: full });
    const workspace = {
      files: [{ uri, fileName: "sprint.backlog.yaml", stories: 3, ready: 1, findingsBySeverity: full.findingsBySeverity, open: true }],
      total: { files: 1, stories: 3, ready: 1, findingsBySeverity: full.findingsBySeverity },
    };
    assert.deepEqual(parseHostMessage({ type: "workspace", workspace }), { type: "workspace", workspace });
    assert.equal(parseHostMessage({ type: "workspace", workspace: { ...workspace, files: [{ uri }] } }), undefined);
    const badFinding = { ...full, findings: [{ ...full.findings[0], line: -1 }] };
    assert.equal(parseHostMessage({ type: "health", fileName: "a", health: badFinding }), undefined);
  });

  it("the host takes a fix with a whole range and a rule id, and only the page's own commands", () => {
    const fix = {
      type: "fix",
      uri: "file:///w/a.backlog.yaml",
      ruleId: "story-atomic",
      line: 3,
      character: 4,
      endLine: 3,
      endCharacter: 9,
    };
    assert.deepEqual(parseWebviewMessage(fix), fix);
    assert.equal(parseWebviewMessage({ ...fix, ruleId: "../x" }), undefined);
    assert.equal(parseWebviewMessage({ ...fix, endLine: undefined }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: "command", command: "newBacklog" }), { type: "command", command: "newBacklog" });
    assert.equal(parseWebviewMessage({ type: "command", command: "workbench.action.terminal.new" }), undefined);
  });
});
