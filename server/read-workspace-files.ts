// The Node host's workspace files: a folder on disk walked for backlog file names, files read with node:fs; folders
// that are not on disk (a remote or virtual workspace) are asked of the client.
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mayBeBacklog } from "./core/backlog-files";
import { IGNORED_FOLDERS } from "./core/file-patterns";
import type { BacklogFileFilter, WorkspaceFiles } from "./workspace-reader";

/**
 * Walks `folder` breadth-first for the backlog files `filter` accepts (by name, or opted in by glob), without entering dot-folders or IGNORED_FOLDERS, nor
 * following symbolic links (a link loop must not hold the server); stops once it holds `max` files.
 */
async function walk(folder: string, max: number, cancelled: () => boolean, filter: BacklogFileFilter): Promise<string[]> {
  const found: string[] = [];
  const queue = [folder];
  while (queue.length > 0 && found.length < max && !cancelled()) {
    const dir = queue.shift() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // A folder that cannot be listed holds nothing to check.
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) {
        if (!IGNORED_FOLDERS.has(entry.name)) queue.push(join(dir, entry.name));
      } else if (entry.isFile() && found.length < max && mayBeBacklog(entry.name)) {
        const uri = pathToFileURL(join(dir, entry.name)).href;
        if (filter.accepts(uri)) found.push(uri);
      }
    }
  }
  return found;
}

/** Disk for file: folders, `other` (the client) for the rest. */
export function workspaceFilesFromDisk(other: WorkspaceFiles): WorkspaceFiles {
  return {
    list: (folder, max, token, filter) =>
      folder.startsWith("file:")
        ? walk(fileURLToPath(folder), max, () => token.isCancellationRequested, filter)
        : other.list(folder, max, token, filter),
    read: (uri) => (uri.startsWith("file:") ? readFile(fileURLToPath(uri), "utf8") : other.read(uri)),
  };
}
