// Finds the backlog files the command line names: files, folders (searched by the backlog patterns) and globs.
import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { IGNORED_FOLDERS, formatOfFileName } from "../server/core/file-patterns";
import { markdownFileOptedIn } from "../server/core/markdown-files";
import type { BacklogFormat } from "../server/core/model";
import { UsageError } from "./args";

/** A file to check, with the format it is read as. */
export interface BacklogFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the current folder with "/" separators: what output shows and problem matchers read. */
  readonly display: string;
  readonly format: BacklogFormat;
  /** Markdown found by the `markdownFiles` globs in a folder walk: only what has a story's shape is read. */
  readonly shapesOnly?: boolean;
}

/** A file found in a folder, with its format. */
type FoundFile = { path: string; format: BacklogFormat; shapesOnly?: boolean };

/** The same folders as globs, for the inputs that are globs. */
const IGNORED = [...IGNORED_FOLDERS].map((folder) => `**/${folder}/**`);

/** Other file extensions each format is read from when the format is forced or the file is named explicitly. */
const EXTENSIONS: Readonly<Record<BacklogFormat, readonly string[]>> = {
  yaml: [".yaml", ".yml"],
  markdown: [".md", ".markdown"],
  plain: [".txt", ".stories"],
  gherkin: [".feature"],
  csv: [".csv"],
  "github-issues": [".json"],
};

/** The format of a file named explicitly: by its backlog name, else by its extension. */
export function formatOfNamedFile(path: string, forced: BacklogFormat | undefined): BacklogFormat | undefined {
  if (forced) return forced;
  const byName = formatOfFileName(path);
  if (byName) return byName;
  const ext = extname(path).toLowerCase();
  return (Object.keys(EXTENSIONS) as BacklogFormat[]).find((f) => EXTENSIONS[f].includes(ext));
}

const toDisplay = (cwd: string, path: string): string => (relative(cwd, path) || path).split("\\").join("/");

/** A folder in the tree that could not be listed, and why. */
export interface UnreadableFolder {
  readonly display: string;
  readonly reason: string;
}

/** An error's text without its code said twice ("EACCES: permission denied, scandir '/x'"). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
}

/**
 * The backlog files under a folder, by name (or, with a forced format, by extension too). Walked here rather
 * than globbed, so that a folder that cannot be listed is reported, not skipped; symlinked folders are followed
 * once each (by real path), so a loop ends and a file reached by two paths is found once; only regular files
 * are taken (a FIFO would block the reader for ever). Dot-folders and IGNORED_FOLDERS are not entered.
 */
function filesInFolder(
  folder: string,
  forced: BacklogFormat | undefined,
  cwd: string,
  markdownGlobs: readonly string[] | undefined,
): { files: FoundFile[]; unreadable: UnreadableFolder[] } {
  const files: FoundFile[] = [];
  const unreadable: UnreadableFolder[] = [];
  const visited = new Set<string>();
  const formatOf = (name: string): BacklogFormat | undefined =>
    forced
      ? formatOfFileName(name) === forced || EXTENSIONS[forced].includes(extname(name).toLowerCase())
        ? forced
        : undefined
      : formatOfFileName(name);
  const topTexts: string[] = [];
  const stack = [folder];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: Dirent[];
    try {
      const real = realpathSync(dir);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ display: toDisplay(cwd, dir), reason: describeError(error) });
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // A broken link names nothing to check.
        }
      }
      if (isDirectory) {
        if (!IGNORED_FOLDERS.has(entry.name)) stack.push(path);
      } else if (isFile) {
        const format = formatOf(entry.name);
        if (format) files.push({ path, format });
        // Spec and story workflows' Markdown (Spec Kit's specs/*/spec.md, BMAD's docs/stories/*.md), by glob.
        else if (!forced && markdownFileOptedIn(path, markdownGlobs)) files.push({ path, format: "markdown", shapesOnly: true });
        else if (dir === folder && extname(entry.name).toLowerCase() === ".txt") topTexts.push(path);
      }
    }
  }
  // A folder of exported story lists (like the Dalpiaz corpus) holds plain *.txt files and no backlog names:
  // read its own *.txt files as plain lists. Only when nothing else matched, so a project folder's
  // LICENSE.txt or requirements.txt are never read as stories.
  if (files.length === 0 && !forced) files.push(...topTexts.map((path) => ({ path, format: "plain" as const })));
  return { files, unreadable };
}

/** The real path of a file, so that one reached through two symlinked folders is checked once. */
function identity(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Resolves the inputs to files, each once, in a stable order. A path that does not exist, or a glob that
 * matches nothing, is a usage error (exit 2): a CI job must not pass because it checked nothing.
 */
export async function discoverFiles(
  inputs: readonly string[],
  forced: BacklogFormat | undefined,
  cwd = process.cwd(),
  markdownGlobs?: readonly string[],
): Promise<{ files: BacklogFile[]; unreadable: UnreadableFolder[] }> {
  const seen = new Map<string, BacklogFile>();
  const unreadable: UnreadableFolder[] = [];
  const add = (path: string, format: BacklogFormat, shapesOnly = false): void => {
    const key = identity(path);
    if (!seen.has(key)) seen.set(key, { path, display: toDisplay(cwd, path), format, ...(shapesOnly && { shapesOnly }) });
  };
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    let stats: ReturnType<typeof statSync> | undefined;
    try {
      stats = statSync(absolute);
    } catch {
      stats = undefined;
    }
    if (stats?.isDirectory()) {
      const found = filesInFolder(absolute, forced, cwd, markdownGlobs);
      unreadable.push(...found.unreadable);
      for (const f of found.files.sort((a, b) => a.path.localeCompare(b.path))) add(f.path, f.format, f.shapesOnly);
      continue;
    }
    if (stats && !stats.isFile())
      throw new UsageError(`${input} is not a regular file or folder (a pipe, socket or device): Backlog Coach reads files only.`);
    if (stats) {
      const format = formatOfNamedFile(absolute, forced);
      if (!format)
        throw new UsageError(`Cannot tell the format of ${input}: name it *.backlog.yaml, *.stories.md or *.stories, or pass --type.`);
      add(absolute, format);
      continue;
    }
    if (!isDynamicPattern(input)) throw new UsageError(`No such file or folder: ${input}`);
    const matched = (await glob([input.split("\\").join("/")], { cwd, absolute: true, ignore: IGNORED })).sort();
    const files = matched.flatMap((path) => {
      const format = formatOfNamedFile(path, forced);
      return format && isRegularFile(path) ? [{ path, format }] : [];
    });
    if (files.length === 0) throw new UsageError(`No backlog files match ${input}.`);
    for (const f of files) add(f.path, f.format);
  }
  return { files: [...seen.values()], unreadable };
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
