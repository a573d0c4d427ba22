// Which files are backlogs under a config: by name (file-patterns.ts), or opted in by the user's globs (Markdown read
// by its shape, tracker exports). One answer for the open-file path, the workspace check, its listing and its watcher.
import type { CoachConfig } from "./config";
import { formatOfFileName } from "./file-patterns";
import { DEFAULT_MARKDOWN_FILES, markdownFileOptedIn } from "./markdown-files";
import type { BacklogFormat } from "./model";
import { trackerFormatOf } from "./tracker-files";

/** How a backlog file is read: its format, and for Markdown opted in by glob, by its shape only. */
export interface BacklogFileKind {
  readonly format: BacklogFormat;
  readonly shapesOnly: boolean;
}

/** A file's kind under `config` (any path separator, a decoded uri or a path), or undefined when it is no backlog. */
export function backlogFileKind(fileName: string, config: CoachConfig): BacklogFileKind | undefined {
  const byName = formatOfFileName(fileName);
  if (byName) return { format: byName, shapesOnly: false };
  if (markdownFileOptedIn(fileName, config.markdownFiles)) return { format: "markdown", shapesOnly: true };
  const tracker = trackerFormatOf(fileName, config.trackerFiles);
  return tracker && { format: tracker, shapesOnly: false };
}

/**
 * The globs that opt files in under `config` (tracker exports, then Markdown, the defaults included), each as a
 * pattern a file finder or watcher takes (relative ones prefixed with `**\/`, as they match at any folder): the
 * candidates to list and watch. What is listed is still filtered by backlogFileKind (a README is never a backlog).
 */
export function optedInGlobs(config: CoachConfig): string[] {
  const globs = [
    ...(config.trackerFiles?.csv ?? []),
    ...(config.trackerFiles?.["github-issues"] ?? []),
    ...(config.markdownFiles ?? DEFAULT_MARKDOWN_FILES),
  ];
  const patterns = globs.map((g) => g.replace(/\\/g, "/").replace(/^\/+/, "")).map((g) => (g.startsWith("**/") ? g : `**/${g}`));
  return [...new Set(patterns.filter((g) => g.length > 3))];
}

/** The extensions a file opted in by glob can have (tracker-files.ts, markdown-files.ts): a cheap test before the globs. */
export const OPT_IN_EXTENSIONS: readonly string[] = [".csv", ".json", ".md"];

/** Whether a file name can be a backlog under some config: by name, or by an extension the globs can opt in. */
export function mayBeBacklog(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return formatOfFileName(fileName) !== undefined || OPT_IN_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
