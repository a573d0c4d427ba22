// What both extension-host suites share: the extension's id and waiting on diagnostics and activation.
import * as vscode from "vscode";
import { FIXTURE_RULES, type ExpectedFinding } from "../../support/editor-fixture";

export const EXTENSION_ID = "backlog-coach.backlog-coach";
const TIMEOUT_MS = 30_000;

const SEVERITY: Record<vscode.DiagnosticSeverity, ExpectedFinding["severity"]> = {
  [vscode.DiagnosticSeverity.Error]: 1,
  [vscode.DiagnosticSeverity.Warning]: 2,
  [vscode.DiagnosticSeverity.Information]: 3,
  [vscode.DiagnosticSeverity.Hint]: 4,
};

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "backlog-coach");
}

export function ruleId(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === "object" ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

export function asFindings(diagnostics: readonly vscode.Diagnostic[]): ExpectedFinding[] {
  return diagnostics
    .filter((d) => FIXTURE_RULES.has(ruleId(d) ?? ""))
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => ({ line: d.range.start.line, character: d.range.start.character, code: ruleId(d) ?? "", severity: SEVERITY[d.severity] }));
}

/** Resolves with our diagnostics for `uri` once `accept` holds for them, waiting on onDidChangeDiagnostics. */
export async function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (d: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
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
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
