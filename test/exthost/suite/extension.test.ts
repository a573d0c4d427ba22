// Runs inside the real VS Code extension host: activation, diagnostics through the language client, edits, hovers.
import assert from "node:assert/strict";
import * as vscode from "vscode";
import {
  BENEFIT_EDIT,
  EDITOR_FIXTURE_FILE,
  EXPECTED_FINDINGS,
  FIXTURE_RULES,
  HOVER_TERM,
  type ExpectedFinding,
} from "../../support/editor-fixture";
import { SUITE_MARK } from "./marker";

const EXTENSION_ID = "backlog-coach.backlog-coach";
const TIMEOUT_MS = 30_000;

const SEVERITY: Record<vscode.DiagnosticSeverity, ExpectedFinding["severity"]> = {
  [vscode.DiagnosticSeverity.Error]: 1,
  [vscode.DiagnosticSeverity.Warning]: 2,
  [vscode.DiagnosticSeverity.Information]: 3,
  [vscode.DiagnosticSeverity.Hint]: 4,
};

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "backlog-coach");
}

function ruleId(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === "object" ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

function asFindings(diagnostics: readonly vscode.Diagnostic[]): ExpectedFinding[] {
  return diagnostics
    .filter((d) => FIXTURE_RULES.has(ruleId(d) ?? ""))
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => ({ line: d.range.start.line, character: d.range.start.character, code: ruleId(d) ?? "", severity: SEVERITY[d.severity] }));
}

/** Resolves with our diagnostics for `uri` once `accept` holds for them, waiting on onDidChangeDiagnostics. */
async function diagnosticsWhen(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const now = ours(uri);
  if (accept(now)) return now;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}; last seen: ${JSON.stringify(asFindings(ours(uri)))}`));
    }, TIMEOUT_MS);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const current = ours(uri);
      if (!accept(current)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(current);
    });
  });
}

/** Polls a condition that has no event (extension activation); the interval timer is always cleared. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Backlog Coach in the VS Code extension host", () => {
  let document: vscode.TextDocument;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, "the runner opens the fixture folder as the workspace");
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, EDITOR_FIXTURE_FILE));
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    // Leave the copied fixture as it was and close it without a save prompt.
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("activates when a backlog file is opened", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the development host`);
    // Activation is VS Code's job here: the test never calls activate() itself.
    await until(() => extension.isActive, `${EXTENSION_ID} to activate`);
    const api = extension.exports as { loadMs?: unknown; activationMs?: unknown } | undefined;
    assert.equal(typeof api?.activationMs, "number", "activate() reports how long it took");
    assert.equal(typeof api?.loadMs, "number", "activate() reports how long the modules took to load");
    // Figures for the README's performance section, not assertions: these machines are shared and noisy.
    console.log(
      `${SUITE_MARK}  client modules loaded in ${Number(api?.loadMs).toFixed(1)} ms, activate() took ${Number(api?.activationMs).toFixed(1)} ms`,
    );
  });

  it("publishes the story diagnostics with rule ids and docs links", async () => {
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length > 0, "the first diagnostics");
    assert.deepEqual(asFindings(diagnostics), EXPECTED_FINDINGS);
    for (const d of diagnostics) {
      assert.ok(typeof d.code === "object", `${ruleId(d)} carries a docs link`);
      assert.match(d.code.target.toString(), new RegExp(`${d.code.value}`), "the docs link names the rule");
      assert.ok(d.message.length > 10);
    }
  });

  it("clears the story-benefit warning once the story says 'so that'", async () => {
    const offset = document.getText().indexOf(BENEFIT_EDIT.after);
    assert.ok(offset >= 0, `the fixture contains "${BENEFIT_EDIT.after}"`);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(offset + BENEFIT_EDIT.after.length), BENEFIT_EDIT.insert);
    assert.ok(await vscode.workspace.applyEdit(edit), "the edit applies");

    const diagnostics = await diagnosticsWhen(
      document.uri,
      (d) => d.length > 0 && !d.some((x) => ruleId(x) === "story-benefit"),
      "story-benefit to clear",
    );
    assert.deepEqual(
      asFindings(diagnostics),
      EXPECTED_FINDINGS.filter((f) => f.code !== "story-benefit"),
    );
  });

  it(`explains "${HOVER_TERM}" in a hover`, async () => {
    const offset = document.getText().indexOf(HOVER_TERM);
    assert.ok(offset >= 0, `the fixture names ${HOVER_TERM}`);
    const position = document.positionAt(offset + Math.floor(HOVER_TERM.length / 2));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", document.uri, position);
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === "string" ? c : c.value))
      .join("\n");
    assert.match(text, new RegExp(HOVER_TERM));
    assert.ok(text.length > HOVER_TERM.length + 20, `the hover explains the term: ${text}`);
  });
});
