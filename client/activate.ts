// What activation does on the desktop and in the browser alike: the commands, the sidebar, and the language client,
// which each entry (extension.ts, browser-extension.ts) creates its own way and loads after activate() returns.
import * as vscode from "vscode";
import type { BaseLanguageClient } from "vscode-languageclient";
import {
  HealthChangedNotification,
  ListWorkspaceFilesRequest,
  ReadWorkspaceFileRequest,
  SHOW_GUIDANCE_COMMAND,
  WorkspaceHealthChangedNotification,
} from "../server/protocol";
import { registerApplyFix } from "./apply-fix";
import { registerCheckWorkspace } from "./check-workspace";
import { registerConfigCompletion } from "./config-completion";
import { LOAD_START } from "./load-start";
import { registerNewBacklog } from "./new-backlog";
import { RestartPolicy } from "./restart-policy";
import { SIDEBAR_VIEW_ID, SidebarProvider } from "./sidebar";
import { listWorkspaceFiles, readWorkspaceFile } from "./workspace-files";

/** When this module's imports had loaded. */
const LOADED = performance.now();

/**
 * Makes the language client for one host (a Node process on the desktop, a web worker in the browser), with the
 * options of client-options.ts; `restarts` decides about restarts after the server stopped.
 */
export type CreateLanguageClient = (context: vscode.ExtensionContext, restarts: RestartPolicy) => BaseLanguageClient;

let client: BaseLanguageClient | undefined;

/** What activate() returns to other extensions and tests: how long activation took, for the benchmark notes. */
export interface BacklogCoachApi {
  /** Milliseconds spent loading the modules activation needs (reading and compiling the bundle not included). */
  readonly loadMs: number;
  /** Milliseconds spent in activate(): commands and sidebar; the language client loads and starts after it. */
  readonly activationMs: number;
  /** Milliseconds from activate() until the language client ran (server started and initialized); NaN if it failed. */
  readonly clientReadyMs: Promise<number>;
}

export async function activateCoach(
  context: vscode.ExtensionContext,
  loadClientModule: () => Promise<CreateLanguageClient>,
): Promise<BacklogCoachApi> {
  const started = performance.now();
  const restarts = new RestartPolicy();
  // The client module loads after activate() has returned (a dynamic import is deferred even in the bundle), and the
  // server starts in the background: VS Code waits for activate(), the user should not. Requests made meanwhile
  // (the sidebar's) wait for the client; a failed start is reported by the client, in a message and its output.
  const ready: Promise<BaseLanguageClient> = loadClientModule().then((createLanguageClient) => {
    const created = createLanguageClient(context, restarts);
    client = created;
    context.subscriptions.push(
      created.onNotification(HealthChangedNotification, (p: { uri: string }) => void sidebar.refreshHealth(p.uri)),
      created.onNotification(WorkspaceHealthChangedNotification, () => sidebar.scheduleWorkspace()),
      // The workspace check's files, for a server that cannot read them itself (see client/workspace-files.ts).
      created.onRequest(ListWorkspaceFilesRequest, listWorkspaceFiles),
      created.onRequest(ReadWorkspaceFileRequest, readWorkspaceFile),
    );
    return created;
  });
  const running = ready.then((c) => c.start());
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
      // stop() then start(): what the Node client's restart() does, and the web client has no restart().
      const c = await ready;
      await c.stop();
      await c.start();
      void vscode.window.showInformationMessage("Backlog Coach: the language server restarted.");
    }),
    ...registerNewBacklog(),
    registerApplyFix(),
    registerCheckWorkspace(() => ready),
    registerConfigCompletion(context.extension),
  );
  return {
    loadMs: LOADED - LOAD_START,
    activationMs: performance.now() - started,
    clientReadyMs: running.then(
      () => performance.now() - started,
      () => Number.NaN,
    ),
  };
}

export async function deactivateCoach(): Promise<void> {
  await client?.stop();
  client = undefined;
}
