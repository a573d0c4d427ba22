// Tracker exports over a real LSP connection: opted in by the setting, diagnostics on the words, no suppression
// action, the outline and the health request, and every position-taking request at every position answered.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CodeAction, Diagnostic, DocumentSymbol } from "vscode-languageserver/node";
import { LineIndex } from "../../server/core/parse/text-lines";
import { HealthRequest, type BacklogHealth } from "../../server/protocol";
import { REPO_ROOT } from "../support/fixtures";
import { countOf, openWithPreview, startTestClient, type TestClient } from "../support/lsp-client";

const SAMPLES: readonly [string, string][] = [
  ["jira-export.csv", "csv"],
  ["azure-devops-export.csv", "csv"],
  ["issues.json", "json"],
];

describe("tracker exports over LSP", () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient({
      configuration: true,
      settings: { trackerFiles: { csv: ["exports/*.csv"], "github-issues": ["exports/issues.json"] } },
    });
  });
  after(async () => client.dispose());

  it("a CSV the globs do not name is not checked", async () => {
    const uri = "file:///w/other/jira-export.csv";
    await client.open(uri, readFileSync(join(REPO_ROOT, "examples", "jira-export.csv"), "utf8"), "csv");
    const symbols = (await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })) as unknown[] | null;
    assert.ok(symbols === null || symbols.length === 0);
  });

  for (const [name, languageId] of SAMPLES) {
    it(name, { timeout: 120_000 }, async () => {
      const text = readFileSync(join(REPO_ROOT, "examples", name), "utf8");
      const uri = `file:///w/exports/${name}`;
      const published = client.diagnostics(uri);
      await client.open(uri, text, languageId);
      const diagnostics: Diagnostic[] = await published;
      assert.ok(diagnostics.length > 0, "findings are published");
      const lines = new LineIndex(text);
      const benefit = diagnostics.find((d) => d.code === "story-benefit");
      assert.ok(benefit);
      const span = text.slice(lines.offsetAt(benefit.range.start), lines.offsetAt(benefit.range.end));
      assert.match(span, /^As a\b/, "the benefit finding covers the story sentence");
      for (const d of diagnostics) {
        const actions = (await client.connection.sendRequest("textDocument/codeAction", {
          textDocument: { uri },
          range: d.range,
          context: { diagnostics: [d] },
        })) as CodeAction[];
        assert.ok(!actions.some((a) => a.title.startsWith("Disable")), "no suppression comment in CSV or JSON");
      }
      const symbols = (await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })) as DocumentSymbol[];
      assert.ok(symbols.length >= 2, "the outline lists the stories");
      const health = (await client.connection.sendRequest(HealthRequest, { uri })) as BacklogHealth | null;
      assert.ok(health && health.stories === symbols.length);
      // Every position-taking request at every position answers without an error.
      for (let line = 0; line < lines.lineCount; line++) {
        const length = lines.lineEnd(line) - lines.lineStart(line);
        for (let character = 0; character <= length; character += 3) {
          const params = { textDocument: { uri }, position: { line, character } };
          await client.connection.sendRequest("textDocument/hover", params);
          await client.connection.sendRequest("textDocument/completion", params);
          await client.connection.sendRequest("textDocument/definition", params);
          await client.connection.sendRequest("textDocument/codeAction", {
            ...params,
            range: { start: params.position, end: params.position },
            context: { diagnostics: [] },
          });
        }
      }
    });
  }
  // After the samples: by then the server has the settings that opt the exports in.
  it("publishes a large export's first rows' findings first, then the whole analysis", async () => {
    // 4,000 rows (about 500 KB): every tenth story lacks a benefit, and the last two repeat the second.
    const CRITERION = '"Given a report, when I export it, then I get a file"';
    const rows = Array.from({ length: 4_000 }, (_, i) =>
      i % 10 === 0
        ? `"As a shopper, I want to see order ${i}.",CHK-${i},Story,To Do,${CRITERION}`
        : `"As a shopper, I want to export report ${i}, so that I can check the numbers.",CHK-${i},Story,To Do,${CRITERION}`,
    );
    rows.push(rows[1] ?? "", rows[1] ?? "");
    const text = `Summary,Issue key,Issue Type,Status,Custom field (Acceptance Criteria)\r\n${rows.join("\r\n")}\r\n`;
    assert.ok(text.length > 200_000);
    const uri = "file:///w/exports/large.csv";
    const { first, second } = await openWithPreview(client, uri, text, "csv");
    // The first 300 stories (a row each, after the header) hold 30 without a benefit, and no duplicate yet.
    assert.equal(countOf(first, "story-benefit"), 30, JSON.stringify(first.slice(0, 3)));
    assert.ok(first.every((d) => d.range.start.line <= 300));
    assert.equal(countOf(first, "story-unique"), 0);
    assert.equal(countOf(second, "story-benefit"), 400);
    assert.ok(countOf(second, "story-unique") >= 2);
  });
});
