// The desktop extension's entry point (`main`): the language server runs in a Node process.
import "./load-start";
import type * as vscode from "vscode";
import { activateCoach, deactivateCoach, type BacklogCoachApi } from "./activate";
import { registerLintTask } from "./lint-task";

export type { BacklogCoachApi } from "./activate";

export async function activate(context: vscode.ExtensionContext): Promise<BacklogCoachApi> {
  // The lint task runs the CLI as a process: the desktop build only (the web one has no processes).
  context.subscriptions.push(registerLintTask(context.extensionUri));
  return activateCoach(context, async () => (await import("./language-client.js")).createLanguageClient);
}

export const deactivate = deactivateCoach;
