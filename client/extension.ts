// The extension's entry point: starts the language client on backlog files and registers commands and the sidebar.
import { LOAD_START } from "./load-start";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { HealthChangedNotification, SHOW_GUIDANCE_COMMAND } from "../server/protocol";
import { RestartPolicy } from "./restart-policy";
import { SIDEBAR_VIEW_ID, SidebarProvider } from "./sidebar";

/** When this module's imports had loaded. */
const LOADED = performance.now();

let client: LanguageClient | undefined;

/** What activate() returns to other extensions and tests: how long activation took, for the benchmark notes. */
export interface BacklogCoachApi {
  /** Milliseconds spent loading the modules activation needs (reading and compiling dist/client.js not included). */
  readonly loadMs: number;
  /** Milliseconds spent in activate(): commands and sidebar; the language client loads and starts after it. */
  readonly activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<BacklogCoachApi> {
  const started = performance.now();
  const restarts = new RestartPolicy();
  // The client module loads after activate() has returned (a dynamic import is deferred even in the bundle), and the
  // server starts in the background: VS Code waits for activate(), the user should not. Requests made meanwhile
  // (the sidebar's) wait for the client; a failed start is reported by the client, in a message and its output.
  const ready: Promise<LanguageClient> = import("./language-client.js").then(({ createLanguageClient }) => {
    const created = createLanguageClient(context, restarts);
    client = created;
    context.subscriptions.push(
      created.onNotification(HealthChangedNotification, (p: { uri: string }) => void sidebar.refreshHealth(p.uri)),
    );
    created.start().catch(() => undefined);
    return created;
  });
  const sidebar = new SidebarProvider(context.extensionUri, {
    request: async <R>(method: string, params?: object): Promise<R> => {
      const c = await ready;
      return params === undefined ? c.sendRequest<R>(method) : c.sendRequest<R>(method, params);
    },
  });
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
      await (await ready).restart();
    }),
  );
  return { loadMs: LOADED - LOAD_START, activationMs: performance.now() - started };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
