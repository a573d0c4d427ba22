// Answers the web server's backlogCoach/readConfigFile: the text of a workspace folder's .backlog-coach.yaml, read
// through vscode.workspace.fs (which serves vscode-vfs:, vscode-remote: and file: alike). The request is checked
// like any input: only that one file of an open workspace folder is read, never an arbitrary uri.
import * as vscode from "vscode";
import { CONFIG_FILE_NAME } from "../server/core/file-patterns";
import type { ReadConfigFileResult } from "../server/protocol";

export async function readConfigFileForServer(params: unknown): Promise<ReadConfigFileResult> {
  const requested = typeof params === "object" && params !== null ? (params as { uri?: unknown }).uri : undefined;
  if (typeof requested !== "string") return null;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(requested, true);
  } catch {
    return null;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder || uri.toString() !== vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME).toString()) return null;
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    // No config file in this folder (the usual case).
    return null;
  }
}
