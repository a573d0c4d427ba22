// Answers the server's requests for the workspace's backlog files (backlogCoach/listWorkspaceFiles and
// backlogCoach/readWorkspaceFile): the web server has no file system, and the desktop one asks for folders that are
// not on disk. Checked like any input: only backlog files inside an open workspace folder are listed or read.
import * as vscode from "vscode";
import { mayBeBacklog } from "../server/core/backlog-files";
import { FORMAT_GLOBS, IGNORED_FOLDERS } from "../server/core/file-patterns";
import type { ListWorkspaceFilesResult, ReadWorkspaceFileResult } from "../server/protocol";

const parse = (value: unknown): vscode.Uri | undefined => {
  if (typeof value !== "string") return undefined;
  try {
    return vscode.Uri.parse(value, true);
  } catch {
    return undefined;
  }
};

/** A glob the server asks to list besides the names: relative, no folder climbing, of an extension it can opt in. */
const safeGlob = (g: unknown): g is string => typeof g === "string" && !g.startsWith("/") && !g.includes("..") && mayBeBacklog(g);

/**
 * The backlog files of one workspace folder, by the same name patterns as the server and the opted-in globs it sends
 * (`include`), at most `max` (the server keeps those its config accepts).
 */
export async function listWorkspaceFiles(params: unknown): Promise<ListWorkspaceFilesResult> {
  const p = typeof params === "object" && params !== null ? (params as { folder?: unknown; max?: unknown; include?: unknown }) : {};
  const folderUri = parse(p.folder);
  const max = typeof p.max === "number" && Number.isInteger(p.max) && p.max > 0 ? p.max : 1;
  const folder = folderUri && vscode.workspace.getWorkspaceFolder(folderUri);
  if (!folder || folder.uri.toString() !== folderUri.toString()) return null;
  const globs = Object.values(FORMAT_GLOBS)
    .flat()
    .map((g) => g.replace(/^\*\*\//, ""));
  // The folders the CLI and the Node server skip, besides the user's files.exclude (findFiles applies it).
  const exclude = `**/{${[...IGNORED_FOLDERS].join(",")}}/**`;
  const found = new Set(
    (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/{${globs.join(",")}}`), exclude, max)).map(String),
  );
  // One search per opted-in glob: a user's glob may hold braces of its own, which a brace group cannot nest.
  const include = Array.isArray(p.include) ? p.include.filter(safeGlob).slice(0, 50) : [];
  for (const glob of include) {
    if (found.size >= max) break;
    for (const u of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude, max - found.size))
      found.add(String(u));
  }
  return [...found].sort();
}

/**
 * The text of one backlog file in a workspace folder (by name, or a CSV, JSON or Markdown file the server's globs can
 * opt in: the files the document selector gives the server anyway); null for any other uri or a file that cannot be read.
 */
export async function readWorkspaceFile(params: unknown): Promise<ReadWorkspaceFileResult> {
  const uri = parse(typeof params === "object" && params !== null ? (params as { uri?: unknown }).uri : undefined);
  if (!uri || !vscode.workspace.getWorkspaceFolder(uri) || !mayBeBacklog(uri.path)) return null;
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}
