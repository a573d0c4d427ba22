// Every request the server says it supports, at every position of every fixture, answers without an error.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { formatOfFileName } from "../../server/core/file-patterns";
import { LineIndex } from "../../server/core/parse/text-lines";
import { FIXTURES, REPO_ROOT, fixtureFiles, markdownShapeFiles } from "../support/fixtures";
import { startTestClient, type TestClient } from "../support/lsp-client";

/** Fixture and example files of every format (walks one level of fixture folders). */
function backlogFiles(): { file: string; uri: string }[] {
  const folders = [join(REPO_ROOT, "examples"), ...fixtureFiles(join(FIXTURES, "rules")), ...fixtureFiles(join(FIXTURES, "formats"))];
  const named = folders.flatMap((f) => fixtureFiles(f)).filter((f) => formatOfFileName(f) !== undefined);
  // The Markdown of spec and story workflows, at paths the default markdownFiles globs opt in (specs/*/spec.md, ...).
  return [
    ...named.map((file) => ({ file, uri: `file:///fixtures/${basename(file)}` })),
    ...markdownShapeFiles().map((f) => ({ file: f.path, uri: `file:///fixtures/${f.relative}` })),
  ];
}

/** The position-taking requests, by the capability that announces each. */
const POSITION_REQUESTS: readonly [keyof TestClient["capabilities"], string, (p: object) => object][] = [
  ["hoverProvider", "textDocument/hover", (p) => p],
  ["completionProvider", "textDocument/completion", (p) => p],
  ["definitionProvider", "textDocument/definition", (p) => p],
  ["referencesProvider", "textDocument/references", (p) => ({ ...p, context: { includeDeclaration: true } })],
  ["renameProvider", "textDocument/prepareRename", (p) => p],
  ["documentHighlightProvider", "textDocument/documentHighlight", (p) => p],
  [
    "codeActionProvider",
    "textDocument/codeAction",
    (p) => {
      const { position } = p as { position: { line: number; character: number } };
      return { ...p, range: { start: position, end: position }, context: { diagnostics: [] } };
    },
  ],
];

const DOCUMENT_REQUESTS: readonly [keyof TestClient["capabilities"], string][] = [
  ["documentSymbolProvider", "textDocument/documentSymbol"],
  ["foldingRangeProvider", "textDocument/foldingRange"],
];

describe("every request at every position", () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => client.dispose());

  const files = backlogFiles();
  it("has files to try", () => assert.ok(files.length >= 5, `only ${files.length} files`));

  for (const { file, uri } of files) {
    it(uri.slice("file:///fixtures/".length), { timeout: 120_000 }, async (t) => {
      const text = readFileSync(file, "utf8");
      const published = client.diagnostics(uri);
      await client.open(uri, text);
      const diagnostics = await published;
      const lines = new LineIndex(text);
      const textDocument = { uri };
      let requests = 0;
      for (const [capability, method] of DOCUMENT_REQUESTS) {
        if (!client.capabilities[capability]) continue;
        await client.connection.sendRequest(method, { textDocument });
        requests++;
      }
      // Code actions for each published diagnostic, as an editor asks when the cursor is on it.
      for (const d of diagnostics) {
        await client.connection.sendRequest("textDocument/codeAction", { textDocument, range: d.range, context: { diagnostics: [d] } });
        requests++;
      }
      for (let line = 0; line < lines.lineCount; line++) {
        const length = lines.lineEnd(line) - lines.lineStart(line);
        for (let character = 0; character <= length; character++) {
          const position = { line, character };
          for (const [capability, method, params] of POSITION_REQUESTS) {
            if (!client.capabilities[capability]) continue;
            await client.connection.sendRequest(method, params({ textDocument, position }));
            requests++;
          }
        }
      }
      assert.ok(requests > 0);
      t.diagnostic(`${requests} requests answered without an error`);
      await client.connection.sendNotification("textDocument/didClose", { textDocument });
    });
  }
});
