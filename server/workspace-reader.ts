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

/** Which files a listing keeps: those by name, and those the user's globs opt in (see core/backlog-files.ts). */
export interface BacklogFileFilter {
  /** The opted-in globs (`**\/...`), for a finder that lists by pattern (the client's findFiles). */
  readonly globs: readonly string[];
  /** Whether a file's uri is a backlog under the current config. */
  accepts(uri: string): boolean;
}

/** Lists and reads backlog files; both reject when the host cannot (the server then checks open files only). */
export interface WorkspaceFiles {
  /** The backlog files under a workspace folder that `filter` accepts, at most `max` (one more says the folder holds more). */
  list(folder: string, max: number, token: CancellationToken, filter: BacklogFileFilter): Promise<string[]>;
  read(uri: string): Promise<string>;
}

/** Asks the client, which lists with `vscode.workspace.findFiles` and reads with `vscode.workspace.fs`. */
export function workspaceFilesThroughClient(connection: Connection): WorkspaceFiles {
  return {
    async list(folder, max, token, filter) {
      const uris = await connection.sendRequest<ListWorkspaceFilesResult>(
        ListWorkspaceFilesRequest,
        { folder, max, include: filter.globs } satisfies ListWorkspaceFilesParams,
        token,
      );
      if (!Array.isArray(uris)) throw new Error(`the client lists no files in ${folder}`);
      // The client lists by pattern; the globs' own reading (a README is never a backlog) decides.
      return uris.filter((u): u is string => typeof u === "string" && filter.accepts(u));
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
