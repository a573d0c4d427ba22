// "Backlog Coach: Check Workspace": asks the server to check every backlog file of the workspace now, with a
// cancellable notification, and says what it found (the problems are in the Problems panel).
import * as vscode from "vscode";
import type { BaseLanguageClient } from "vscode-languageclient";
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from "../server/protocol";

export const CHECK_WORKSPACE_COMMAND = "backlogCoach.checkWorkspace";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 || word === "info" ? "" : "s"}`;

/** The one-line summary the command shows. */
export function describeCheck(result: CheckWorkspaceResult): string {
  const { error, warning, info, hint } = result.findingsBySeverity;
  if (result.cancelled) return `Backlog Coach: the workspace check was cancelled after ${plural(result.files, "file")}.`;
  const counts = [plural(error, "error"), plural(warning, "warning"), plural(info, "info"), ...(hint > 0 ? [plural(hint, "hint")] : [])];
  return `Backlog Coach checked ${plural(result.files, "unopened backlog file")} (${plural(result.stories, "story").replace(/storys$/, "stories")}): ${counts.join(", ")}. See the Problems panel.`;
}

export function registerCheckWorkspace(client: () => Promise<BaseLanguageClient>): vscode.Disposable {
  return vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, async (): Promise<CheckWorkspaceResult | undefined> => {
    const c = await client();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "Backlog Coach: checking the workspace", cancellable: true },
      (_progress, token) => c.sendRequest<CheckWorkspaceResult>(CheckWorkspaceRequest, {}, token),
    );
    if (result.limit) void vscode.window.showWarningMessage(result.limit);
    else void vscode.window.showInformationMessage(describeCheck(result));
    return result;
  });
}
