// The web language client: starts dist/browser/server.js in a web worker and answers the server's requests for
// workspace config files, which only the client can read (through vscode.workspace.fs).
import * as vscode from "vscode";
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from "vscode-languageclient/browser";
import { ReadConfigFileRequest } from "../server/protocol";
import { coachClientOptions } from "./client-options";
import { readConfigFileForServer } from "./config-file-reader";
import type { RestartPolicy } from "./restart-policy";

/**
 * A client whose server runs in a worker. The server options are a function returning the transports, so that a
 * restart starts a fresh worker; the function form must not return the Worker itself: workers made through VS
 * Code's Worker shim are not `instanceof Worker`, and the library would take one for a transport.
 */
export function createLanguageClient(context: vscode.ExtensionContext, restarts: RestartPolicy): LanguageClient {
  let worker: { readonly instance: Worker; dispose(): void } | undefined;
  const client = new LanguageClient(
    "backlogCoach",
    "Backlog Coach",
    async (): Promise<MessageTransports> => {
      worker?.dispose();
      worker = await startServerWorker(vscode.Uri.joinPath(context.extensionUri, "dist", "browser", "server.js"));
      return { reader: new BrowserMessageReader(worker.instance), writer: new BrowserMessageWriter(worker.instance) };
    },
    coachClientOptions(restarts),
  );
  context.subscriptions.push(client.onRequest(ReadConfigFileRequest, readConfigFileForServer), { dispose: () => worker?.dispose() });
  return client;
}

/**
 * A worker running `script`. An installed extension in code-server or VS Code's server has a `vscode-remote:` uri,
 * and creating a worker from it throws ("Creating workers from remote extensions is currently not supported",
 * microsoft/vscode#168942): there the script is read through the workspace file system and started from a blob.
 */
async function startServerWorker(script: vscode.Uri): Promise<{ readonly instance: Worker; dispose(): void }> {
  if (script.scheme !== "vscode-remote") {
    const instance = new Worker(script.toString(true));
    return { instance, dispose: () => instance.terminate() };
  }
  const bytes: Uint8Array<ArrayBuffer> = new Uint8Array(await vscode.workspace.fs.readFile(script));
  const blobUrl = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
  const instance = new Worker(blobUrl);
  return {
    instance,
    dispose: () => {
      instance.terminate();
      URL.revokeObjectURL(blobUrl);
    },
  };
}
