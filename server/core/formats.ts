// The parser for each backlog format, behind one function.
import type { CsvSettings } from "./config";
import type { Backlog, BacklogFormat } from "./model";
export { FORMAT_GLOBS, formatOfFileName } from "./file-patterns";
import { parseGherkinStories } from "./parse/gherkin-stories";
import { parseGithubIssues } from "./parse/github-issues";
import { parseMarkdownStories } from "./parse/markdown-stories";
import { parsePlainStories } from "./parse/plain-stories";
import type { StoryReuse } from "./parse/story-reuse";
import { parseTrackerCsv } from "./parse/tracker-csv";
import { parseYamlFast, parseYamlWithLibrary, readYamlReusing } from "./parse/yaml/fast";

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
