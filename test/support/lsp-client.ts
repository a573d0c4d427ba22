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
import { readConfigThroughClient } from "../../server/config-reader";
import { MessageActivity } from "../../server/message-activity";
import {
  ListWorkspaceFilesRequest,
  ReadConfigFileRequest,
  ReadWorkspaceFileRequest,
  type ListWorkspaceFilesParams,
  type ListWorkspaceFilesResult,
  type ReadConfigFileParams,
  type ReadConfigFileResult,
  type ReadWorkspaceFileParams,
  type ReadWorkspaceFileResult,
} from "../../server/protocol";
import { formatOfFileName } from "../../server/core/file-patterns";
import { globToRegExp } from "../../server/core/tracker-files";
import { readConfigFromDisk } from "../../server/read-config-file";
import { workspaceFilesFromDisk } from "../../server/read-workspace-files";
import { startServer } from "../../server/start-server";
import { workspaceFilesThroughClient } from "../../server/workspace-reader";

/** A test client connected to a fresh server instance. */
export interface TestClient {
  readonly connection: MessageConnection;
  /** What the server said it supports in its initialize result. */
  readonly capabilities: ServerCapabilities;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept` (default: any). */
  diagnostics(uri: string, accept?: (d: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** The last diagnostics published for `uri` if they satisfy `accept`, else the next that do (a file not opened). */
  diagnosticsEventually(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, languageId?: string): Promise<void>;
  change(uri: string, version: number, text: string): Promise<void>;
  /** Every diagnostics notification published for `uri` so far. */
  published(uri: string): readonly PublishDiagnosticsParams[];
  dispose(): Promise<void>;
}

/**
 * `workspaceFolder` is sent in initialize. With `clientFiles` the server runs as in a web worker: it reads config
 * files through the client, and this client answers from the map (null for a uri it does not hold).
 */
export async function startTestClient(
  initOptions: {
    configuration?: boolean;
    settings?: unknown;
    workspaceFolder?: string;
    /** Several folders (a multi-root workspace); overrides workspaceFolder. */
    workspaceFolders?: readonly { uri: string; name: string }[];
    clientFiles?: ReadonlyMap<string, string>;
  } = {},
): Promise<TestClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // Wired as server.ts (or, with clientFiles, browser-server.ts) wires the real server.
  const activity = new MessageActivity();
  const serverConnection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
    activity.options,
  );
  const clientFiles = initOptions.clientFiles;
  const throughClient = workspaceFilesThroughClient(serverConnection);
  startServer(serverConnection, {
    readConfigFile: clientFiles ? readConfigThroughClient(serverConnection) : readConfigFromDisk,
    activity,
    workspaceFiles: clientFiles ? throughClient : workspaceFilesFromDisk(throughClient),
  });
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
  connection.onRequest("workspace/configuration", () => [initOptions.settings ?? {}]);
  connection.onRequest("client/registerCapability", () => null);
  if (clientFiles) {
    connection.onRequest(ReadConfigFileRequest, (p: ReadConfigFileParams): ReadConfigFileResult => clientFiles.get(p.uri) ?? null);
    // As client/workspace-files.ts answers: the folder's files by backlog name or by one of the globs sent.
    connection.onRequest(ListWorkspaceFilesRequest, (p: ListWorkspaceFilesParams): ListWorkspaceFilesResult => {
      const folder = `${p.folder.replace(/\/$/, "")}/`;
      const globs = (p.include ?? []).map((g) => globToRegExp(g));
      return [...clientFiles.keys()]
        .filter((uri) => uri.startsWith(folder))
        .filter((uri) => formatOfFileName(uri) || globs.some((re) => re.test(uri.slice(folder.length))))
        .sort()
        .slice(0, p.max);
    });
    connection.onRequest(ReadWorkspaceFileRequest, (p: ReadWorkspaceFileParams): ReadWorkspaceFileResult => clientFiles.get(p.uri) ?? null);
  }
  connection.listen();
  const initialized: InitializeResult = await connection.sendRequest("initialize", {
    processId: null,
    rootUri: null,
    ...(initOptions.workspaceFolder !== undefined && { workspaceFolders: [{ uri: initOptions.workspaceFolder, name: "workspace" }] }),
    ...(initOptions.workspaceFolders !== undefined && { workspaceFolders: initOptions.workspaceFolders }),
    capabilities: {
      workspace: { configuration: initOptions.configuration ?? false },
      textDocument: { hover: { contentFormat: ["markdown"] } },
    },
  });
  await connection.sendNotification("initialized", {});

  const diagnostics: TestClient["diagnostics"] = (uri, accept = () => true, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
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
  return {
    connection,
    capabilities: initialized.capabilities,
    diagnostics,
    diagnosticsEventually(uri, accept = () => true, timeoutMs = 10_000) {
      const last = published.filter((p) => p.uri === uri).at(-1);
      if (last && accept(last.diagnostics)) return Promise.resolve(last.diagnostics);
      return diagnostics(uri, (p) => accept(p.diagnostics), timeoutMs);
    },
    published: (uri) => published.filter((p) => p.uri === uri),
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

/**
 * Opens a large file and waits for its two publications, the preview of its first stories and the whole analysis;
 * `count(list, code)` counts a rule's diagnostics in either.
 */
export async function openWithPreview(
  client: TestClient,
  uri: string,
  text: string,
  languageId?: string,
): Promise<{ readonly first: Diagnostic[]; readonly second: Diagnostic[] }> {
  const seen: Diagnostic[][] = [];
  const whole = client.diagnostics(uri, (d) => seen.push(d.diagnostics) === 2);
  await client.open(uri, text, languageId);
  await whole;
  const [first = [], second = []] = seen;
  return { first, second };
}

/** How many of `list` a rule gave. */
export const countOf = (list: readonly Diagnostic[], code: string): number => list.filter((d) => d.code === code).length;
