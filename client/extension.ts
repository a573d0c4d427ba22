// The desktop extension's entry point (`main`): the language server runs in a Node process.
import "./load-start";
import type * as vscode from "vscode";
import { activateCoach, deactivateCoach, type BacklogCoachApi } from "./activate";

export type { BacklogCoachApi } from "./activate";

export async function activate(context: vscode.ExtensionContext): Promise<BacklogCoachApi> {
  return activateCoach(context, async () => (await import("./language-client.js")).createLanguageClient);
}

export const deactivate = deactivateCoach;
