// The language client, in a module of its own: extension.ts imports it after activation, so loading
// vscode-languageclient (most of the extension's start-up cost) does not delay activation.
import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { FORMAT_GLOBS } from "../server/core/file-patterns";
import { SHOW_GUIDANCE_COMMAND, type CoachInitializationOptions } from "../server/protocol";
import type { RestartPolicy } from "./restart-policy";

/** A client for the bundled server over IPC; after a crash it asks `restarts` whether to restart and what to say. */
export function createLanguageClient(context: vscode.ExtensionContext, restarts: RestartPolicy): LanguageClient {
  const serverModule = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
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
  return new LanguageClient("backlogCoach", "Backlog Coach", serverOptions, clientOptions);
}
