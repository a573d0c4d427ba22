// Hosts the sidebar webview: builds its CSP-locked page, feeds it guidance and health, acts on checked messages.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { GuidanceRequest, HealthRequest, type BacklogHealth } from "../server/protocol";
import { parseWebviewMessage, type GuidanceTermView, type HostMessage } from "./webview/messages";

export const SIDEBAR_VIEW_ID = "backlogCoach.sidebar";

export class SidebarProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private healthUri: string | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const assets = vscode.Uri.joinPath(this.extensionUri, "dist", "webview");
    view.webview.options = { enableScripts: true, localResourceRoots: [assets] };
    view.webview.html = this.html(view.webview, assets);
    view.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw));
    view.onDidDispose(() => (this.view = undefined));
    view.onDidChangeVisibility(() => view.visible && void this.refreshHealth());
  }

  /** Called when the active editor changes or the server says a file's health changed. */
  async refreshHealth(changedUri?: string): Promise<void> {
    if (!this.view) return;
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri.toString() ?? this.healthUri;
    if (changedUri && uri !== changedUri) return;
    const health = uri ? await this.client.sendRequest<BacklogHealth | null>(HealthRequest, { uri }) : null;
    if (health) this.healthUri = uri;
    const fileName = health && uri ? vscode.workspace.asRelativePath(vscode.Uri.parse(uri)) : null;
    await this.post({ type: "health", fileName, health });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    if (message.type === "ready") {
      const guidance = await this.client.sendRequest<{ terms: GuidanceTermView[] }>(GuidanceRequest);
      await this.post({ type: "guidance", terms: guidance.terms });
      await this.refreshHealth();
      return;
    }
    // Only a backlog the server analysed may be revealed: the page cannot make the host open arbitrary files.
    if (message.uri !== this.healthUri) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(message.uri));
    const position = new vscode.Position(message.line, message.character);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preserveFocus: false });
  }

  private async post(message: HostMessage): Promise<void> {
    await this.view?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview, assets: vscode.Uri): string {
    const nonce = randomBytes(16).toString("base64");
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
<main id="app" aria-live="polite"><p class="muted">Loading guidance…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}
