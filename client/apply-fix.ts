// "Backlog Coach: Apply Quick Fix" (backlogCoach.applyFix): applies the quick fix the server offers for one finding,
// asked for through the editor's own code action provider, as the lightbulb would; the sidebar's "Fix" buttons run it.
import * as vscode from "vscode";
import { parseWebviewMessage } from "./webview/messages";

export const APPLY_FIX_COMMAND = "backlogCoach.applyFix";

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
  // Checked as the sidebar's "fix" message is: the command may be run with anything.
  const checked = typeof target === "object" && target !== null ? parseWebviewMessage({ ...target, type: "fix" }) : undefined;
  if (checked?.type !== "fix") return undefined;
  const uri = vscode.Uri.parse(checked.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const range = document.validateRange(new vscode.Range(checked.line, checked.character, checked.endLine, checked.endCharacter));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, range, "quickfix")) ?? [];
  const fix = pickFix(actions, checked.ruleId);
  if (!fix) {
    void vscode.window.showInformationMessage(`Backlog Coach: no quick fix for this ${checked.ruleId} finding.`);
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
