// Spec Kit and BMAD Markdown over a real LSP connection: opted in by the default globs (never a README), turned off
// by the setting, diagnostics with rule ids, the outline, the health request, completion and the criteria fix.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, TextEdit } from "vscode-languageserver/node";
import { applyEdits } from "../../server/core/apply-edits";
import { LineIndex } from "../../server/core/parse/text-lines";
import { HealthRequest, type BacklogHealth } from "../../server/protocol";
import { REPO_ROOT } from "../support/fixtures";
import { startTestClient, type TestClient } from "../support/lsp-client";

const SPEC = readFileSync(join(REPO_ROOT, "examples", "specs", "001-checkout", "spec.md"), "utf8");
const BMAD = readFileSync(join(REPO_ROOT, "examples", "docs", "stories", "1.2.saved-card-receipt.md"), "utf8");

const symbolsOf = async (client: TestClient, uri: string): Promise<DocumentSymbol[] | null> =>
  (await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })) as DocumentSymbol[] | null;

describe("spec and story workflow Markdown over LSP", () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient({ configuration: true, settings: {} });
  });
  after(async () => client.dispose());

  it("checks a Spec Kit spec.md opted in by the default globs, with its findings on the words", async () => {
    const uri = "file:///w/specs/001-checkout/spec.md";
    const published = client.diagnostics(uri);
    await client.open(uri, SPEC, "markdown");
    const diagnostics: Diagnostic[] = await published;
    const lines = new LineIndex(SPEC);
    const found = diagnostics.map((d) => [d.code, SPEC.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end)).slice(0, 20)]);
    assert.deepEqual(found.sort(), [
      ["criteria-missing", "A shopper whose save"],
      ["criteria-testable", "Given** a removed ca"],
      ["priority-unique", "P2"],
      ["story-atomic", "and"],
      ["story-well-formed", "A shopper whose save"],
    ]);
    for (const d of diagnostics) assert.match(String(d.codeDescription?.href), new RegExp(`docs/rules/${String(d.code)}\\.md`));
    // The outline: the three user stories (Edge Cases, Requirements and Success Criteria are none), with criteria.
    const symbols = await symbolsOf(client, uri);
    assert.ok(symbols);
    assert.equal(symbols.length, 3);
    assert.deepEqual(
      symbols.map((s) => s.children?.length ?? 0),
      [2, 2, 0],
    );
    const health = (await client.connection.sendRequest(HealthRequest, { uri })) as BacklogHealth | null;
    assert.equal(health?.stories, 3);
    // The criteria fix writes Spec Kit's own section.
    const missing = diagnostics.find((d) => d.code === "criteria-missing");
    assert.ok(missing);
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing] },
    })) as CodeAction[];
    const add = actions.find((a) => a.title === "Add an acceptance criterion");
    const edits = (add?.edit?.changes?.[uri] ?? []) as TextEdit[];
    assert.ok(edits.length > 0, "the fix is offered");
    const fixed = applyEdits(
      SPEC,
      edits.map((e) => ({ span: { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }, newText: e.newText })),
    ).text;
    assert.ok(
      fixed.includes("**Acceptance Scenarios**:\n\n1. **Given** <context>, **When** <event>, **Then** <outcome>\n\n---\n\n### Edge Cases"),
    );
  });

  it("offers the Spec Kit and BMAD templates on an empty line", async () => {
    const uri = "file:///w/specs/002-new/spec.md";
    const text = "# Feature Specification: New\n\n";
    const published = client.diagnostics(uri);
    await client.open(uri, text, "markdown");
    await published;
    const result = (await client.connection.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: { line: 2, character: 0 },
    })) as CompletionItem[] | CompletionList | null;
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes("Spec Kit user story") && labels.includes("BMAD story file"), labels.join(", "));
  });

  it("checks a BMAD story file, its Approved status read as ready", async () => {
    const uri = "file:///w/docs/stories/1.2.saved-card-receipt.md";
    const published = client.diagnostics(uri);
    await client.open(uri, BMAD, "markdown");
    const diagnostics = await published;
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ["criteria-testable", "definition-of-ready"]);
    const symbols = await symbolsOf(client, uri);
    assert.equal(symbols?.length, 1);
    assert.equal(symbols?.[0]?.detail, "ready");
  });

  it("leaves a README and a Markdown file no glob names alone", async () => {
    for (const uri of ["file:///w/docs/stories/README.md", "file:///w/notes/spec.md", "file:///w/README.md"]) {
      await client.open(uri, SPEC, "markdown");
      const symbols = await symbolsOf(client, uri);
      assert.ok(symbols === null || symbols.length === 0, uri);
    }
  });
});

describe("markdownFiles: [] in the settings", () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient({ configuration: true, settings: { markdownFiles: [], rules: { "story-benefit": "off" } } });
    // The settings are loaded once this story file's only finding, story-benefit, is gone (no sleep, no race).
    const probe = "file:///w/probe.stories.md";
    const loaded = client.diagnostics(probe, (d) => d.diagnostics.length === 0);
    await client.open(
      probe,
      "## S-1 Export\n\nAs a clerk, I want an export.\n\n### Acceptance criteria\n\n- Given a day, when I export, then I get a file\n",
      "markdown",
    );
    await loaded;
  });
  after(async () => client.dispose());

  it("opts no spec.md in, while *.stories.md files are still checked by name", async () => {
    const uri = "file:///w/specs/001-checkout/spec.md";
    await client.open(uri, SPEC, "markdown");
    const symbols = await symbolsOf(client, uri);
    assert.ok(symbols === null || symbols.length === 0);
    const named = "file:///w/specs/001-checkout/checkout.stories.md";
    const published = client.diagnostics(named);
    await client.open(named, SPEC, "markdown");
    assert.ok((await published).length > 0);
  });
});
