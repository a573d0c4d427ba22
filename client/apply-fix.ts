// "Backlog Coach: Apply Quick Fix" (backlogCoach.applyFix): applies the quick fix the server offers for one finding,
// asked for through the editor's own code action provider, as the lightbulb would; the sidebar's "Fix" buttons run it.
import * as vscode from "vscode";

export const APPLY_FIX_COMMAND = "backlogCoach.applyFix";

/** Where a finding is and which rule made it: what the sidebar sends. */
export interface FixTarget {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly ruleId: string;
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

function isFixTarget(v: unknown): v is FixTarget {
  if (typeof v !== "object" || v === null) return false;
  const t = v as Record<string, unknown>;
  return (
    typeof t["uri"] === "string" &&
    typeof t["ruleId"] === "string" &&
    /^[a-z][a-z0-9-]*$/.test(t["ruleId"]) &&
    ["line", "character", "endLine", "endCharacter"].every((k) => isCount(t[k]))
  );
}

/** The server ends each diagnostic's actions with this one (see server/code-actions.ts), which names the rule. */
const DOCS_TITLE = /^Open the docs of rule '([a-z0-9-]+)'$/;

/** A rule's fixes, never "Disable ..." (which silences rather than fixes) or "Fix all ..." (which does more). */
const isOwnFix = (a: vscode.CodeAction): boolean =>
  (a.kind === undefined || a.kind.value === "quickfix" || a.kind.value.startsWith("quickfix.")) &&
  (a.edit !== undefined || a.command !== undefined) &&
  !/^(?:Disable|Fix all|Open the docs)\b/.test(a.title);

/**
 * The quick fix of the rule's finding among the actions at its range, the preferred one first. The actions that
 * vscode.executeCodeActionProvider returns carry no diagnostics, so they are told apart by the server's order: each
 * diagnostic's actions end with "Open the docs of rule '<id>'".
 */
export function pickFix(actions: readonly vscode.CodeAction[], ruleId: string): vscode.CodeAction | undefined {
  let group: vscode.CodeAction[] = [];
  const matching: vscode.CodeAction[] = [];
  for (const action of actions) {
    const docs = DOCS_TITLE.exec(action.title);
    if (!docs) {
      group.push(action);
      continue;
    }
    if (docs[1] === ruleId) matching.push(...group.filter(isOwnFix));
    group = [];
  }
  return matching.find((a) => a.isPreferred) ?? matching[0];
}

/** Applies the finding's quick fix; resolves with its title, or undefined when there is none. */
export async function applyFix(target: unknown): Promise<string | undefined> {
  if (!isFixTarget(target)) return undefined;
  const uri = vscode.Uri.parse(target.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const range = document.validateRange(new vscode.Range(target.line, target.character, target.endLine, target.endCharacter));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, range, "quickfix")) ?? [];
  const fix = pickFix(actions, target.ruleId);
  if (!fix) {
    void vscode.window.showInformationMessage(`Backlog Coach: no quick fix for this ${target.ruleId} finding.`);
    return undefined;
  }
  // The edit lands in the file, shown where it changed, as after the lightbulb.
  await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
  if (fix.edit) await vscode.workspace.applyEdit(fix.edit);
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  return fix.title;
}

export function registerApplyFix(): vscode.Disposable {
  return vscode.commands.registerCommand(APPLY_FIX_COMMAND, applyFix);
}
