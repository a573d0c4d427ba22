// Which files are tracker exports: the user's globs (setting backlogCoach.trackerFiles, .backlog-coach.yaml's
// trackerFiles), since most CSV and JSON files are not backlogs and none is checked unless opted in.
import type { TrackerFiles } from "./config";
import type { BacklogFormat } from "./model";

/** The file extensions each tracker format is read from; a glob that names another file is not followed. */
export const TRACKER_EXTENSIONS: Readonly<Record<"csv" | "github-issues", readonly string[]>> = {
  csv: [".csv"],
  "github-issues": [".json"],
};

/** The client's document selector for tracker files: the server decides from the globs which of them to check. */
export const TRACKER_SELECTOR_GLOBS: readonly string[] = ["**/*.csv", "**/*.json"];

const cache = new Map<string, RegExp>();

/**
 * A glob as a regular expression over a path with "/" separators: `**` any folders, `*` and `?` within one name,
 * `{a,b}` either. A glob not starting with "/" or "**\/" matches the end of the path at a folder boundary.
 */
export function globToRegExp(glob: string): RegExp {
  const known = cache.get(glob);
  if (known) return known;
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      out += slash ? "(?:[^/]*/)*" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "{") out += "(?:";
    else if (c === "}") out += ")";
    else if (c === "," && out.lastIndexOf("(?:") > out.lastIndexOf(")")) out += "|";
    else out += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  const anchored = glob.startsWith("/") ? `^${out}$` : `(?:^|/)${out}$`;
  const re = new RegExp(anchored, "i");
  if (cache.size > 200) cache.clear();
  cache.set(glob, re);
  return re;
}

/** The tracker format of a file by the user's globs (any path separator), or undefined when none opts it in. */
export function trackerFormatOf(fileName: string, files: TrackerFiles | undefined): BacklogFormat | undefined {
  if (!files) return undefined;
  const path = fileName.replace(/\\/g, "/");
  const lower = path.toLowerCase();
  for (const format of ["csv", "github-issues"] as const) {
    if (!TRACKER_EXTENSIONS[format].some((ext) => lower.endsWith(ext))) continue;
    if ((files[format] ?? []).some((glob) => globToRegExp(glob).test(path))) return format;
  }
  return undefined;
}
