// The server over a real LSP connection: initialize, open, diagnostics, edits, hover, code actions, health.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CodeAction, Diagnostic, Hover } from "vscode-languageserver/node";
import { HealthRequest, type BacklogHealth } from "../../server/protocol";
import { REPO_ROOT } from "../support/fixtures";
import { startTestClient, type TestClient } from "../support/lsp-client";

const SAMPLE = readFileSync(join(REPO_ROOT, "examples", "checkout.backlog.yaml"), "utf8");
const URI = "file:///workspace/checkout.backlog.yaml";

describe("language server over LSP", () => {
  let client: TestClient;
  let diagnostics: Diagnostic[];
  before(async () => {
    client = await startTestClient();
    const published = client.diagnostics(URI);
    await client.open(URI, SAMPLE);
    diagnostics = await published;
  });
  after(async () => client.dispose());

  it("publishes the sample's findings with rule ids, docs links and fix data", () => {
    const codes = diagnostics.map((d) => `${d.range.start.line + 1}:${String(d.code)}`).sort();
    assert.deepEqual(
      codes,
      ["32:story-benefit", "37:definition-of-ready", "39:criteria-missing", "46:criteria-missing", "48:story-well-formed"].sort(),
    );
    for (const d of diagnostics) {
      assert.equal(d.source, "backlog-coach");
      assert.match(d.codeDescription?.href ?? "", new RegExp(`/docs/rules/${String(d.code)}\\.md$`));
      assert.equal((d.data as { ruleId: string }).ruleId, d.code);
    }
  });

  it("re-checks after an edit and clears a fixed warning", async () => {
    const edited = SAMPLE.replace(
      "I want to sign in during checkout.",
      "I want to sign in during checkout, so that my address is filled in.",
    );
    const next = client.diagnostics(URI);
    await client.change(URI, 2, edited);
    const after = await next;
    assert.ok(!after.some((d) => d.code === "story-benefit"));
    // The story is marked ready: with its benefit added it also meets the Definition of Ready.
    assert.ok(!after.some((d) => d.code === "definition-of-ready"));
    assert.equal(after.length, diagnostics.length - 2);
    await client.change(URI, 3, SAMPLE);
    await client.diagnostics(URI, (p) => p.version === 3);
  });

  it("offers the benefit quick fix, disable-here and open-docs for a finding", async () => {
    const benefit = diagnostics.find((d) => d.code === "story-benefit");
    assert.ok(benefit);
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: benefit.range,
      context: { diagnostics: [benefit] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Add a 'so that ...' benefit"), titles.join(" | "));
    assert.ok(titles.includes("Disable 'story-benefit' for this line"));
    assert.ok(titles.some((t) => t.startsWith("Open the docs")));
    const fix = actions.find((a) => a.title === "Add a 'so that ...' benefit");
    const edit = fix?.edit?.changes?.[URI]?.[0];
    assert.equal(edit?.newText, ", so that <benefit>");
  });

  it("offers the same quick fixes for a diagnostic handed back without its data", async () => {
    // VS Code hands back a diagnostic it re-made from its marker (no data) when the collection was just published
    // again; it still has our source, code and range.
    const benefit = diagnostics.find((d) => d.code === "story-benefit");
    assert.ok(benefit);
    const bare: Diagnostic = {
      range: benefit.range,
      message: benefit.message,
      severity: benefit.severity,
      code: benefit.code,
      source: benefit.source,
    };
    const titlesFor = async (d: Diagnostic): Promise<string[]> =>
      (
        (await client.connection.sendRequest("textDocument/codeAction", {
          textDocument: { uri: URI },
          range: d.range,
          context: { diagnostics: [d] },
        })) as CodeAction[]
      ).map((a) => a.title);
    assert.deepEqual(await titlesFor(bare), await titlesFor(benefit));
    assert.ok((await titlesFor(bare)).includes("Add a 'so that ...' benefit"));
    // Another tool's diagnostic with the same code gets none of ours.
    assert.deepEqual(await titlesFor({ ...bare, source: "other" }), []);
  });

  it("explains an event on hover", async () => {
    const line = SAMPLE.split("\n").findIndex((l) => l.includes("Sprint Review"));
    const character = SAMPLE.split("\n")[line]?.indexOf("Review") ?? 0;
    const hover = (await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: URI },
      position: { line, character },
    })) as Hover | null;
    assert.ok(hover);
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Sprint Review/);
    assert.match(value, /4 hours/);
  });

  it("answers the sidebar's health request", async () => {
    const health = (await client.connection.sendRequest(HealthRequest, { uri: URI })) as BacklogHealth;
    assert.equal(health.stories, 4);
    assert.equal(health.wellFormed, 3);
    assert.equal(health.withCriteria, 2);
  });

  it("leaves files that are not backlogs alone", async () => {
    const uri = "file:///workspace/other.yaml";
    await client.open(uri, "stories: [1, 2]");
    const health = await client.connection.sendRequest(HealthRequest, { uri });
    assert.equal(health, null);
  });
});
