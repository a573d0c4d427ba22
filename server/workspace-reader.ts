// How a host finds and reads the workspace's backlog files: from disk in a Node process (read-workspace-files.ts,
// which the web bundle never loads), through the client in a web worker, which has no file system.
import type { CancellationToken, Connection } from "vscode-languageserver";
import {
  ListWorkspaceFilesRequest,
  ReadWorkspaceFileRequest,
  type ListWorkspaceFilesParams,
  type ListWorkspaceFilesResult,
  type ReadWorkspaceFileParams,
  type ReadWorkspaceFileResult,
} from "./protocol";

/** Lists and reads backlog files; both reject when the host cannot (the server then checks open files only). */
export interface WorkspaceFiles {
  /** The backlog files under a workspace folder, at most `max` (one more says the folder holds more). */
  list(folder: string, max: number, token: CancellationToken): Promise<string[]>;
  read(uri: string): Promise<string>;
}

/** Asks the client, which lists with `vscode.workspace.findFiles` and reads with `vscode.workspace.fs`. */
export function workspaceFilesThroughClient(connection: Connection): WorkspaceFiles {
  return {
    async list(folder, max, token) {
      const uris = await connection.sendRequest<ListWorkspaceFilesResult>(
        ListWorkspaceFilesRequest,
        { folder, max } satisfies ListWorkspaceFilesParams,
        token,
      );
      if (!Array.isArray(uris)) throw new Error(`the client lists no files in ${folder}`);
      return uris.filter((u): u is string => typeof u === "string");
    },
    async read(uri) {
      const text = await connection.sendRequest<ReadWorkspaceFileResult>(ReadWorkspaceFileRequest, {
        uri,
      } satisfies ReadWorkspaceFileParams);
      if (typeof text !== "string") throw new Error(`the client cannot read ${uri}`);
      return text;
    },
  };
}
