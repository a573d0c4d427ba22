// Answers the server's requests for the workspace's backlog files (backlogCoach/listWorkspaceFiles and
// backlogCoach/readWorkspaceFile): the web server has no file system, and the desktop one asks for folders that are
// not on disk. Checked like any input: only backlog files inside an open workspace folder are listed or read.
import * as vscode from "vscode";
import { FORMAT_GLOBS, IGNORED_FOLDERS, formatOfFileName } from "../server/core/file-patterns";
import type { ListWorkspaceFilesResult, ReadWorkspaceFileResult } from "../server/protocol";

const parse = (value: unknown): vscode.Uri | undefined => {
  if (typeof value !== "string") return undefined;
  try {
    return vscode.Uri.parse(value, true);
  } catch {
    return undefined;
  }
};

/** The backlog files of one workspace folder, by the same name patterns as the server, at most `max`. */
export async function listWorkspaceFiles(params: unknown): Promise<ListWorkspaceFilesResult> {
  const p = typeof params === "object" && params !== null ? (params as { folder?: unknown; max?: unknown }) : {};
  const folderUri = parse(p.folder);
  const max = typeof p.max === "number" && Number.isInteger(p.max) && p.max > 0 ? p.max : 1;
  const folder = folderUri && vscode.workspace.getWorkspaceFolder(folderUri);
  if (!folder || folder.uri.toString() !== folderUri.toString()) return null;
  const globs = Object.values(FORMAT_GLOBS)
    .flat()
    .map((g) => g.replace(/^\*\*\//, ""));
  const include = new vscode.RelativePattern(folder, `**/{${globs.join(",")}}`);
  // The folders the CLI and the Node server skip, besides the user's files.exclude (findFiles applies it).
  const exclude = `**/{${[...IGNORED_FOLDERS].join(",")}}/**`;
  const found = await vscode.workspace.findFiles(include, exclude, max);
  return found.map((u) => u.toString()).sort();
}

/** The text of one backlog file in a workspace folder; null for any other uri or a file that cannot be read. */
export async function readWorkspaceFile(params: unknown): Promise<ReadWorkspaceFileResult> {
  const uri = parse(typeof params === "object" && params !== null ? (params as { uri?: unknown }).uri : undefined);
  if (!uri || !vscode.workspace.getWorkspaceFolder(uri) || !formatOfFileName(uri.path)) return null;
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}
