// The extension's entry point: starts the language client on backlog files and registers commands and the sidebar.
import { LOAD_START } from "./load-start";
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
import { HealthChangedNotification, SHOW_GUIDANCE_COMMAND, type CoachInitializationOptions } from "../server/protocol";
import { RestartPolicy } from "./restart-policy";
import { SIDEBAR_VIEW_ID, SidebarProvider } from "./sidebar";

/** When this module's imports had loaded. */
const LOADED = performance.now();

let client: LanguageClient | undefined;

/** What activate() returns to other extensions and tests: how long activation took, for the benchmark notes. */
export interface BacklogCoachApi {
  /** Milliseconds spent loading the client's modules (reading and compiling dist/client.js not included). */
  readonly loadMs: number;
  /** Milliseconds spent in activate(): setting up the client, commands and sidebar, not the server's start. */
  readonly activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<BacklogCoachApi> {
  const started = performance.now();
  const serverModule = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const restarts = new RestartPolicy();
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
  client = new LanguageClient("backlogCoach", "Backlog Coach", serverOptions, clientOptions);

  const sidebar = new SidebarProvider(context.extensionUri, client);
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    vscode.window.onDidChangeActiveTextEditor(() => void sidebar.refreshHealth()),
    vscode.commands.registerCommand("backlogCoach.openRuleDocs", async (ruleId: unknown) => {
      if (typeof ruleId !== "string" || !/^[a-z][a-z0-9-]*$/.test(ruleId)) return;
      const page = vscode.Uri.joinPath(context.extensionUri, "docs", "rules", `${ruleId}.md`);
      await vscode.commands.executeCommand("markdown.showPreview", page);
    }),
    vscode.commands.registerCommand("backlogCoach.showSidebar", () => vscode.commands.executeCommand(`${SIDEBAR_VIEW_ID}.focus`)),
    // From a hover's link: the argument is checked by the sidebar before anything is shown.
    vscode.commands.registerCommand(SHOW_GUIDANCE_COMMAND, (entryId: unknown) => sidebar.showEntry(entryId)),
    vscode.commands.registerCommand("backlogCoach.restartServer", async () => {
      restarts.reset();
      await client?.restart();
    }),
  );
  context.subscriptions.push(client.onNotification(HealthChangedNotification, (p: { uri: string }) => void sidebar.refreshHealth(p.uri)));
  // VS Code waits for activate(), so the server starts in the background: requests made meanwhile (the sidebar's)
  // wait for it. A failed start is reported by the client itself, in a message and the output channel.
  client.start().catch(() => undefined);
  return { loadMs: LOADED - LOAD_START, activationMs: performance.now() - started };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
