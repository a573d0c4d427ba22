// Hosts the sidebar webview: builds its CSP-locked page, feeds it guidance and health, acts on checked messages.
import * as vscode from "vscode";
import {
  GuidanceRequest,
  HealthRequest,
  WorkspaceHealthRequest,
  type BacklogHealth,
  type GuidanceResult,
  type WorkspaceHealth,
} from "../server/protocol";
import { APPLY_FIX_COMMAND } from "./apply-fix";
import { isId, parseWebviewMessage, type HostMessage, type PageCommand } from "./webview/messages";

/** What the page's empty-state buttons run. */
const PAGE_COMMANDS: Readonly<Record<PageCommand, () => Thenable<unknown>>> = {
  newBacklog: () => vscode.commands.executeCommand("backlogCoach.newBacklog"),
  // Quick Open, prefilled with the backlog files' endings.
  openBacklog: () => vscode.commands.executeCommand("workbench.action.quickOpen", ".backlog.yaml"),
  checkWorkspace: () => vscode.commands.executeCommand("backlogCoach.checkWorkspace"),
};

export const SIDEBAR_VIEW_ID = "backlogCoach.sidebar";

/** The requests the sidebar makes to the language server (which may still be starting). */
export interface ServerRequests {
  request<R>(method: string, params?: object): Promise<R>;
}

export class SidebarProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  /** True once the current page said "ready": messages sent before that would be lost. */
  private pageReady = false;
  private healthUri: string | undefined;
  /** An entry asked for (from a hover link) before the page could show it. */
  private pendingEntry: string | undefined;
  private guidance: GuidanceResult | undefined;
  /** The files the workspace view lists: the page may reveal (and fix in) these and the open backlog only. */
  private workspaceUris = new Set<string>();
  private workspaceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerRequests,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.pageReady = false;
    const assets = vscode.Uri.joinPath(this.extensionUri, "dist", "webview");
    view.webview.options = { enableScripts: true, localResourceRoots: [assets] };
    view.webview.html = this.html(view.webview, assets);
    view.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw));
    view.onDidDispose(() => {
      clearTimeout(this.workspaceTimer);
      this.view = undefined;
      this.pageReady = false;
    });
    view.onDidChangeVisibility(() => view.visible && void this.refreshHealth());
  }

  /** Called when the active editor changes or the server says a file's health changed. */
  async refreshHealth(changedUri?: string): Promise<void> {
    if (!this.view || !this.pageReady) return;
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri.toString() ?? this.healthUri;
    if (changedUri && uri !== changedUri) return;
    const health = uri ? await this.server.request<BacklogHealth | null>(HealthRequest, { uri }) : null;
    if (health) this.healthUri = uri;
    else if (editor) this.healthUri = undefined;
    const fileName = health && uri ? vscode.workspace.asRelativePath(vscode.Uri.parse(uri)) : null;
    await this.post({ type: "health", fileName, health });
    // The open file's counts are part of the workspace's: its view follows, once per burst of edits.
    this.scheduleWorkspace();
  }

  /** Called when the server says the workspace's health changed (a workspace check, a file re-checked). */
  scheduleWorkspace(): void {
    clearTimeout(this.workspaceTimer);
    this.workspaceTimer = setTimeout(() => void this.refreshWorkspace(), 250);
  }

  private async refreshWorkspace(): Promise<void> {
    if (!this.view || !this.pageReady) return;
    const workspace = await this.server.request<WorkspaceHealth | null>(WorkspaceHealthRequest, {});
    this.workspaceUris = new Set(workspace?.files.map((f) => f.uri) ?? []);
    await this.post({ type: "workspace", workspace });
  }

  /** Whether the page may act on this file: the open backlog, or one the workspace view lists. */
  private known(uri: string): boolean {
    return uri === this.healthUri || this.workspaceUris.has(uri);
  }

  /** Opens the sidebar on one guidance entry; the id comes from a hover link, so it is checked like any input. */
  async showEntry(id: unknown): Promise<void> {
    if (!isId(id)) return;
    if (this.guidance && !this.guidance.entries.some((e) => e.id === id)) return;
    this.pendingEntry = id;
    await vscode.commands.executeCommand(`${SIDEBAR_VIEW_ID}.focus`);
    // If the page is up, show it now; otherwise "ready" will.
    if (this.pageReady) await this.flushPendingEntry();
  }

  private async flushPendingEntry(): Promise<void> {
    const id = this.pendingEntry;
    this.pendingEntry = undefined;
    if (id) await this.post({ type: "showEntry", id });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case "ready": {
        this.pageReady = true;
        this.guidance ??= await this.server.request<GuidanceResult>(GuidanceRequest);
        await this.post({ type: "guidance", guidance: this.guidance });
        await this.refreshHealth();
        await this.flushPendingEntry();
        return;
      }
      case "openRuleDocs":
        await vscode.commands.executeCommand("backlogCoach.openRuleDocs", message.ruleId);
        return;
      case "command":
        await PAGE_COMMANDS[message.command]();
        return;
      case "fix":
        if (!this.known(message.uri)) return;
        await vscode.commands.executeCommand(APPLY_FIX_COMMAND, message);
        return;
      case "reveal": {
        // Only a backlog the server analysed may be revealed: the page cannot make the host open arbitrary files.
        if (!this.known(message.uri)) return;
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(message.uri));
        const line = Math.min(message.line, Math.max(document.lineCount - 1, 0));
        const position = document.validatePosition(new vscode.Position(line, message.character));
        await vscode.window.showTextDocument(document, {
          selection: new vscode.Range(position, position),
          preserveFocus: false,
          viewColumn: vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One,
        });
        return;
      }
    }
  }

  private async post(message: HostMessage): Promise<void> {
    await this.view?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview, assets: vscode.Uri): string {
    // Web Crypto, which the Node and the web-worker extension hosts both have.
    const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
    const script = webview.asWebviewUri(vscode.Uri.joinPath(assets, "main.js"));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(assets, "main.css"));
    const csp = [
      `default-src 'none'`,
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
    ].join("; ");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Backlog Coach</title>
</head>
<body>
<div id="app"><p class="muted" role="status">Loading guidance…</p></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}
