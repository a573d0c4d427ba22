// An in-process LSP client for tests: the real server over real JSON-RPC streams, with no sleeps.
import { PassThrough } from "node:stream";
import {
  createConnection,
  createMessageConnection,
  ProposedFeatures,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
  type ServerCapabilities,
} from "vscode-languageserver/node";
import { MessageActivity } from "../../server/message-activity";
import { startServer } from "../../server/start-server";

/** A test client connected to a fresh server instance. */
export interface TestClient {
  readonly connection: MessageConnection;
  /** What the server said it supports in its initialize result. */
  readonly capabilities: ServerCapabilities;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept` (default: any). */
  diagnostics(uri: string, accept?: (d: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, languageId?: string): Promise<void>;
  change(uri: string, version: number, text: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function startTestClient(initOptions: { configuration?: boolean } = {}): Promise<TestClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // Wired as server.ts wires the real process.
  const activity = new MessageActivity();
  const serverConnection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
    activity.options,
  );
  startServer(serverConnection, { activity });
  const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (d: PublishDiagnosticsParams) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const w of [...waiters]) {
      if (w.uri === params.uri && w.accept(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params.diagnostics);
      }
    }
  });
  connection.onRequest("workspace/configuration", () => [{}]);
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const initialized: InitializeResult = await connection.sendRequest("initialize", {
    processId: null,
    rootUri: null,
    capabilities: {
      workspace: { configuration: initOptions.configuration ?? false },
      textDocument: { hover: { contentFormat: ["markdown"] } },
    },
  });
  await connection.sendNotification("initialized", {});

  return {
    connection,
    capabilities: initialized.capabilities,
    diagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          uri,
          accept,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        });
      });
    },
    async open(uri, text, languageId = "yaml") {
      await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
    },
    async change(uri, version, text) {
      await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async dispose() {
      await connection.sendRequest("shutdown");
      connection.dispose();
      serverConnection.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}
