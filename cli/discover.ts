// Finds the backlog files the command line names: files, folders (searched by the backlog patterns) and globs.
import { statSync } from "node:fs";
import { extname, relative, resolve } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { FORMAT_GLOBS, formatOfFileName } from "../server/core/file-patterns";
import type { BacklogFormat } from "../server/core/model";
import { UsageError } from "./args";

/** A file to check, with the format it is read as. */
export interface BacklogFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the current folder with "/" separators: what output shows and problem matchers read. */
  readonly display: string;
  readonly format: BacklogFormat;
}

/** Folders no backlog lives in; searching them only costs time. */
const IGNORED = ["**/node_modules/**", "**/.git/**", "**/dist/**", "**/out/**", "**/.vscode-test/**"];

/** Other file extensions each format is read from when the format is forced or the file is named explicitly. */
const EXTENSIONS: Readonly<Record<BacklogFormat, readonly string[]>> = {
  yaml: [".yaml", ".yml"],
  markdown: [".md", ".markdown"],
  plain: [".txt", ".stories"],
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

async function filesInFolder(folder: string, forced: BacklogFormat | undefined): Promise<{ path: string; format: BacklogFormat }[]> {
  const patterns = forced ? [...FORMAT_GLOBS[forced], ...EXTENSIONS[forced].map((e) => `**/*${e}`)] : Object.values(FORMAT_GLOBS).flat();
  const found = await glob(patterns, { cwd: folder, absolute: true, ignore: IGNORED, dot: false });
  const files = found.flatMap((path) => {
    const format = forced ?? formatOfFileName(path);
    return format ? [{ path, format }] : [];
  });
  if (files.length > 0 || forced) return files;
  // A folder of exported story lists (like the Dalpiaz corpus) holds plain *.txt files and no backlog names:
  // read its own *.txt files as plain lists. Only when nothing else matched, so a project folder's
  // LICENSE.txt or requirements.txt are never read as stories.
  const texts = await glob(["*.txt"], { cwd: folder, absolute: true, dot: false });
  return texts.map((path) => ({ path, format: "plain" as const }));
}

/**
 * Resolves the inputs to files, each once, in a stable order. A path that does not exist, or a glob that
 * matches nothing, is a usage error (exit 2): a CI job must not pass because it checked nothing.
 */
export async function discoverFiles(
  inputs: readonly string[],
  forced: BacklogFormat | undefined,
  cwd = process.cwd(),
): Promise<BacklogFile[]> {
  const seen = new Map<string, BacklogFile>();
  const add = (path: string, format: BacklogFormat): void => {
    if (!seen.has(path)) seen.set(path, { path, display: toDisplay(cwd, path), format });
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
      const files = await filesInFolder(absolute, forced);
      for (const f of files.sort((a, b) => a.path.localeCompare(b.path))) add(f.path, f.format);
      continue;
    }
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
      return format ? [{ path, format }] : [];
    });
    if (files.length === 0) throw new UsageError(`No backlog files match ${input}.`);
    for (const f of files) add(f.path, f.format);
  }
  return [...seen.values()];
}
