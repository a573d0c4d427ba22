// The parser for each backlog format, behind one function.
import type { CsvSettings } from "./config";
import type { Backlog, BacklogFormat, TextSource } from "./model";
export { FORMAT_GLOBS, formatOfFileName } from "./file-patterns";
import { parseGherkinStories } from "./parse/gherkin-stories";
import { parseGithubIssues } from "./parse/github-issues";
import { parseMarkdownStories } from "./parse/markdown-stories";
import { firstPlainStories, parsePlainStories } from "./parse/plain-stories";
import type { StoryReuse } from "./parse/story-reuse";
import { firstTrackerStories, parseTrackerCsv } from "./parse/tracker-csv";
import { firstYamlStories, parseYamlFast, parseYamlWithLibrary, readYamlReusing } from "./parse/yaml/fast";

/** How to read YAML: the fast subset reader (falling back to `yaml` by itself), or `yaml` for the whole file. */
export interface ParseOptions {
  readonly yaml?: "fast" | "library";
  /** The stories of the last reading, for a reader that can hand back unchanged chunks' stories (all but GitHub issues). */
  readonly reuse?: StoryReuse;
  /** How CSV exports are read (the config's `csv` key). */
  readonly csv?: CsvSettings;
  /** A Markdown file opted in by the `markdownFiles` globs: only what has a story's shape is read (see markdown-files.ts). */
  readonly markdownShapesOnly?: boolean;
}

/** Parses a backlog of a known format, schema findings included. Never throws on any input. */
export function parseBacklog(text: string, format: BacklogFormat, options: ParseOptions = {}): Backlog {
  switch (format) {
    case "yaml":
      // Both give the same result (test/unit/yaml-fast.test.ts, which compares them); the library path is the reference.
      if (options.yaml === "library") return parseYamlWithLibrary(text);
      return (options.reuse && readYamlReusing(text, options.reuse)) || parseYamlFast(text).backlog;
    case "markdown":
      return parseMarkdownStories(text, {
        ...(options.reuse && { reuse: options.reuse }),
        ...(options.markdownShapesOnly && { shapesOnly: true }),
      });
    case "plain":
      return parsePlainStories(text, options.reuse);
    case "gherkin":
      return parseGherkinStories(text, options.reuse);
    case "csv":
      return parseTrackerCsv(text, options.csv, options.reuse);
    case "github-issues":
      return parseGithubIssues(text);
  }
}

/**
 * The first `count` stories of a file, read from its start without the rest, with what their story rules read of
 * the file (its header): for a preview of a large file. Each is the story the whole reading gives. Undefined where
 * there are no more stories than that, or where a format's first stories cannot be read alone: Markdown votes which
 * heading depth holds its stories over every section, a `.feature` file is one story, GitHub issues are one JSON
 * value.
 */
export function firstStories(
  text: string,
  format: BacklogFormat,
  count: number,
  options: Pick<ParseOptions, "csv"> = {},
): Backlog | undefined {
  switch (format) {
    case "yaml":
      return firstYamlStories(text, count);
    case "plain":
      return firstPlainStories(text, count);
    case "csv":
      return firstTrackerStories(text, options.csv, count);
    case "markdown":
    case "gherkin":
    case "github-issues":
      return undefined;
  }
}

/**
 * Reads a text its holder keeps in pieces (an open document's buffer) with the last reading's stories, without
 * making it one string: undefined where the format's reader cannot (all but YAML), or not this time (an edit
 * outside one story item); the caller then reads the text as a string.
 */
export function parseSource(source: TextSource, format: BacklogFormat, reuse: StoryReuse): Backlog | undefined {
  return readsSource(format) ? readYamlReusing(source, reuse) : undefined;
}

/** Whether `parseSource` can read the format at all (else a text in pieces is read as one string). */
export const readsSource = (format: BacklogFormat): boolean => format === "yaml";

/**
 * Whether a reading that did not take part in `StoryReuse` (it gave new stories: YAML the library read as a whole)
 * may have read a story from text outside its span (an item's indentation guessed from its neighbours): the
 * analyzer then keeps no rule results by a story's text.
 */
export const readsBeyondStories = (format: BacklogFormat): boolean => format === "yaml";
