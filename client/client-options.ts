// The language client's options, the same for the desktop client (server in a Node process) and the web client
// (server in a web worker): which files, settings, the trusted hover command, and what to do when the server stops.
import * as vscode from "vscode";
import { CloseAction, ErrorAction, type LanguageClientOptions } from "vscode-languageclient";
import { FORMAT_GLOBS } from "../server/core/file-patterns";
import { SHOW_GUIDANCE_COMMAND, type CoachInitializationOptions } from "../server/protocol";
import type { RestartPolicy } from "./restart-policy";

/** After the server's connection closed, `restarts` says whether to start it again and what to tell the user. */
export function coachClientOptions(restarts: RestartPolicy): LanguageClientOptions {
  return {
    documentSelector: Object.values(FORMAT_GLOBS).flatMap((globs) => globs.map((pattern) => ({ pattern }))),
    synchronize: { configurationSection: "backlogCoach" },
    initializationOptions: { showGuidanceCommand: true } satisfies CoachInitializationOptions,
    middleware: {
      // Our hovers link to the sidebar with a command link; trust exactly that command, in our hovers only.
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        for (const content of hover?.contents ?? []) {
          if (content instanceof vscode.MarkdownString) content.isTrusted = { enabledCommands: [SHOW_GUIDANCE_COMMAND] };
        }
        return hover;
      },
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const decision = restarts.onClosed();
        if (decision.message && decision.restart) void vscode.window.showWarningMessage(decision.message);
        else if (decision.message) void vscode.window.showErrorMessage(decision.message);
        return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };
}
