// The web extension's entry point (`browser`: vscode.dev, github.dev, code-server's web-worker extension host): the
// same activation as on the desktop, with the language server in a web worker.
import "./load-start";
import type * as vscode from "vscode";
import { activateCoach, deactivateCoach, type BacklogCoachApi } from "./activate";

export async function activate(context: vscode.ExtensionContext): Promise<BacklogCoachApi> {
  return activateCoach(context, async () => (await import("./browser-language-client.js")).createLanguageClient);
}

export const deactivate = deactivateCoach;
