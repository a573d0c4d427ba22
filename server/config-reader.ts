// How a host reads a workspace folder's .backlog-coach.yaml: from disk in a Node process, through the client in a
// web worker (no file system there). The Node reader lives in read-config-file.ts, which the web bundle never loads.
import type { Connection } from "vscode-languageserver";
import { ReadConfigFileRequest, type ReadConfigFileParams, type ReadConfigFileResult } from "./protocol";

/** Resolves with a config file's text; rejects when there is none or it cannot be read (the server then clears it). */
export type ReadConfigFile = (uri: string) => Promise<string>;

/** Asks the client (which reads through `vscode.workspace.fs`) for the file. */
export function readConfigThroughClient(connection: Connection): ReadConfigFile {
  return async (uri) => {
    const text = await connection.sendRequest<ReadConfigFileResult>(ReadConfigFileRequest, { uri } satisfies ReadConfigFileParams);
    if (typeof text !== "string") throw new Error(`no config file at ${uri}`);
    return text;
  };
}
