// The parser for each backlog format, behind one function.
import type { Backlog, BacklogFormat } from "./model";
export { FORMAT_GLOBS, formatOfFileName } from "./file-patterns";
import { checkBacklogSchema } from "./parse/schema-check";
import { parseYamlBacklog } from "./parse/yaml-backlog";

/** Parses a backlog of a known format, schema findings included. Never throws on any input. */
export function parseBacklog(text: string, format: BacklogFormat): Backlog {
  switch (format) {
    case "yaml": {
      const { backlog, document } = parseYamlBacklog(text);
      return { ...backlog, parseFindings: [...backlog.parseFindings, ...checkBacklogSchema(document, text)] };
    }
    case "markdown":
    case "plain":
      // Parsers for these formats plug in here; until then the file is read as having no stories.
      return { format, text, personas: [], stories: [], parseFindings: [] };
  }
}
