// The Node host's workspace files: a folder on disk walked for backlog file names, files read with node:fs; folders
// that are not on disk (a remote or virtual workspace) are asked of the client.
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { IGNORED_FOLDERS, formatOfFileName } from "./core/file-patterns";
import type { WorkspaceFiles } from "./workspace-reader";

/**
 * Walks `folder` breadth-first for backlog file names, without entering dot-folders or IGNORED_FOLDERS, nor
 * following symbolic links (a link loop must not hold the server); stops once it holds `max` files.
 */
async function walk(folder: string, max: number, cancelled: () => boolean): Promise<string[]> {
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
      } else if (entry.isFile() && formatOfFileName(entry.name) && found.length < max) {
        found.push(pathToFileURL(join(dir, entry.name)).href);
      }
    }
  }
  return found;
}

/** Disk for file: folders, `other` (the client) for the rest. */
export function workspaceFilesFromDisk(other: WorkspaceFiles): WorkspaceFiles {
  return {
    list: (folder, max, token) =>
      folder.startsWith("file:") ? walk(fileURLToPath(folder), max, () => token.isCancellationRequested) : other.list(folder, max, token),
    read: (uri) => (uri.startsWith("file:") ? readFile(fileURLToPath(uri), "utf8") : other.read(uri)),
  };
}
