// The desktop language client, in a module of its own: extension.ts imports it after activation, so loading
// vscode-languageclient (most of the extension's start-up cost) does not delay activation.
import type * as vscode from "vscode";
import { LanguageClient, TransportKind, type ServerOptions } from "vscode-languageclient/node";
import { coachClientOptions } from "./client-options";
import type { RestartPolicy } from "./restart-policy";

/** A client for the bundled server in a Node process, over IPC. */
export function createLanguageClient(context: vscode.ExtensionContext, restarts: RestartPolicy): LanguageClient {
  const serverModule = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  return new LanguageClient("backlogCoach", "Backlog Coach", serverOptions, coachClientOptions(restarts));
}
