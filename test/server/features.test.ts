// Editor features over a real LSP connection: completion, outline, go to definition, persona rename, fix all.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { startTestClient, type TestClient } from "../support/lsp-client";
import { applyLspEdits } from "../support/lsp-edits";

const URI = "file:///workspace/features.backlog.yaml";
const TEXT = [
  "personas:",
  "  - name: returning shopper",
  "  - name: store admin",
  "stories:",
  "  - id: F-1",
  "    story: As a returning shopper, I want to save my card, so that I pay faster.",
  "    acceptance:",
  "      - Given I am signed in, when I pay, then my card is stored",
  "      - ",
  "    status: ",
  "  - id: F-2",
  "    story: As a store admin, I want to refund an order, so that I keep shoppers.",
  "    dependsOn: [F-1]",
  "  - id: F-3",
  "    story: As a ",
  "  - id: F-4",
  "    story: As a shopper, I would like to rate a product, so that others can choose.",
  "  - id: F-5",
  "    story: As a returning shopper, I want to track a parcel, so I know when to be home.",
  "  - id: F-6",
  "    story: As a returning shopper, I want to see my orders, so that I can reorder.",
  "  - id: F-7",
  "    story: As a store admin, I want to export orders, so that I can file them.",
  "",
].join("\r\n");

/** The position just after the first occurrence of `marker` on a line containing `lineMarker`. */
function positionAfter(lineMarker: string, marker: string): { line: number; character: number } {
  const lines = TEXT.split("\r\n");
  const line = lines.findIndex((l) => l.includes(lineMarker));
  const text = lines[line] ?? "";
  return { line, character: text.indexOf(marker) + marker.length };
}

const applyWorkspaceEdit = (text: string, edit: WorkspaceEdit | null): string => applyLspEdits(text, edit?.changes?.[URI] ?? []);

describe("editor features", () => {
  let client: TestClient;
  let diagnostics: Diagnostic[];
  before(async () => {
    client = await startTestClient();
    const published = client.diagnostics(URI);
    await client.open(URI, TEXT);
    diagnostics = await published;
  });
  after(async () => client.dispose());

  const complete = async (position: { line: number; character: number }): Promise<CompletionItem[]> =>
    (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: URI }, position })) as CompletionItem[];

  it("completes personas after 'As a '", async () => {
    const items = await complete({ line: 14, character: "    story: As a ".length });
    const labels = items.map((i) => i.label);
    assert.deepEqual(labels.slice(0, 2).sort(), ["returning shopper", "store admin"]);
  });

  it("completes status values and Gherkin keywords", async () => {
    const statuses = await complete({ line: 9, character: "    status: ".length });
    assert.ok(statuses.some((i) => i.label === "ready"));
    const steps = await complete({ line: 8, character: "      - ".length });
    assert.ok(
      ["Given", "When", "Then"].every((k) => steps.some((i) => i.label === k)),
      steps.map((i) => i.label).join(","),
    );
  });

  it("outlines the stories", async () => {
    const symbols = (await client.connection.sendRequest("textDocument/documentSymbol", {
      textDocument: { uri: URI },
    })) as DocumentSymbol[];
    const stories = symbols.filter((s) => s.kind === SymbolKind.Class);
    assert.equal(stories.length, 7);
    assert.match(stories[0]?.name ?? "", /^F-1: save my card/);
    assert.equal(stories[0]?.children?.length, 1);
  });

  it("goes from a dependsOn id to the story", async () => {
    const location = (await client.connection.sendRequest("textDocument/definition", {
      textDocument: { uri: URI },
      position: positionAfter("dependsOn: [F-1]", "[F-"),
    })) as Location | null;
    assert.equal(location?.range.start.line, 4);
  });

  it("renames a persona everywhere in the file", async () => {
    const position = positionAfter("name: store admin", "name: store");
    const prepared = (await client.connection.sendRequest("textDocument/prepareRename", { textDocument: { uri: URI }, position })) as {
      placeholder: string;
    } | null;
    assert.equal(prepared?.placeholder, "store admin");
    const edit = (await client.connection.sendRequest("textDocument/rename", {
      textDocument: { uri: URI },
      position,
      newName: "shop owner",
    })) as WorkspaceEdit;
    const renamed = applyWorkspaceEdit(TEXT, edit);
    assert.equal(renamed.split("shop owner").length - 1, 3);
    assert.ok(!renamed.includes("store admin"));
    assert.equal(renamed.split("\r\n").length, TEXT.split("\r\n").length, "CRLF kept");
  });

  it("offers 'fix all' for a rule and for the file, changing nothing else", async () => {
    const uniform = diagnostics.find((d) => d.code === "story-uniform");
    assert.ok(uniform, diagnostics.map((d) => d.code).join(","));
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: uniform.range,
      context: { diagnostics: [uniform] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Fix all 'story-uniform' problems"), titles.join(" | "));
    assert.ok(titles.includes("Disable 'story-uniform' for this line"));
    const fixed = applyWorkspaceEdit(TEXT, actions.find((a) => a.title === "Fix all 'story-uniform' problems")?.edit ?? null);
    assert.equal(fixed, TEXT.replace("I would like to rate", "I want to rate").replace("so I know", "so that I know"));
    const source = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    })) as CodeAction[];
    assert.equal(source.length, 1);
    assert.equal(source[0]?.kind, "source.fixAll.backlog-coach");
  });
});
