// Reads tracker CSV exports (Jira, Azure DevOps, any CSV with a column mapping) into the story model: columns
// found by header name, the story in the title or description, criteria in their cell; spans exact in cells.
import type { CsvField, CsvSettings } from "../config";
import type { Backlog, Criterion, Finding, Span, Story, StorySentence, TextPart } from "../model";
import fileNotChecked from "../rules/file-not-checked";
import { readCsv, type CsvCell, type CsvRow } from "./csv";
import { fieldFixWriter, type EncodedField } from "./encoded-fields";
import { lineBreakOf } from "./text-lines";
import { blankHtml, blankJiraMarkup, projectCsvContent, type Projected } from "./tracker-text";
import { criteriaInText, criteriaSection, sentenceInText, sentenceInTitle, titleOf, type PlacedText } from "./tracker-story";

/** Which tracker wrote the file: it decides the header names and how rich text is written. */
export type CsvProfile = "jira" | "azure" | "mapped";

/** Header names of each field per tracker, the first present one taken. Compared without case. */
const HEADERS: Readonly<Record<"jira" | "azure", Readonly<Partial<Record<CsvField, readonly string[]>>>>> = {
  jira: {
    id: ["Issue key"],
    story: ["Summary"],
    description: ["Description"],
    criteria: ["Custom field (Acceptance Criteria)", "Acceptance Criteria"],
    estimate: ["Custom field (Story Points)", "Custom field (Story point estimate)", "Story Points"],
    status: ["Status"],
    type: ["Issue Type"],
  },
  azure: {
    id: ["ID"],
    story: ["Title"],
    description: ["Description"],
    criteria: ["Acceptance Criteria"],
    estimate: ["Story Points", "Effort", "Size"],
    status: ["State"],
    type: ["Work Item Type"],
  },
};

/** The rows that are stories when the config names no issue types. */
const STORY_TYPES: readonly string[] = ["story", "user story", "product backlog item"];

/** The profile a header row shows: a mapping in the config wins, then Jira's and Azure DevOps's own names. */
export function profileOf(headers: readonly string[], settings: CsvSettings | undefined): CsvProfile | undefined {
  if (settings?.columns) return "mapped";
  const has = (name: string): boolean => headers.some((h) => h.toLowerCase() === name.toLowerCase());
  if (has("Issue key") || (has("Summary") && has("Issue Type"))) return "jira";
  if (has("Work Item Type") || (has("ID") && has("Title"))) return "azure";
  return undefined;
}

const finding = (message: string, span: Span): Finding => ({
  ruleId: fileNotChecked.meta.id,
  messageId: "exportUnread",
  message,
  severity: fileNotChecked.meta.defaultSeverity,
  span,
});

/** A cell's content read as the rules read it: as written, with the tracker's markup blanked out. */
function projectCell(text: string, cell: CsvCell, profile: CsvProfile): Projected {
  const raw = projectCsvContent(text.slice(cell.contentStart, cell.contentEnd));
  if (profile === "jira") return blankJiraMarkup(raw);
  if (profile === "azure") return blankHtml(raw);
  // A mapped CSV may come from either: HTML is blanked where it is found, wiki markup is left as written.
  return /<\/?[a-z][^>]*>/i.test(raw.text) ? blankHtml(raw) : raw;
}

/** Reads a tracker CSV export. Never throws: what cannot be read becomes one finding each, the rest is checked. */
export function parseTrackerCsv(text: string, settings?: CsvSettings): Backlog {
  const eol = lineBreakOf(text);
  const table = readCsv(text);
  const parseFindings: Finding[] = [];
  const fields: EncodedField[] = [];
  const stories: Story[] = [];
  const empty = (): Backlog => ({ format: "csv", text, personas: [], stories, parseFindings });
  for (const p of table.problems) {
    parseFindings.push(
      finding(
        p.kind === "unclosedQuote"
          ? "This quote is never closed: the cell is read to the end of its line, and the rows after it as the export goes on."
          : "Text after a cell's closing quote: a CSV cell is either quoted as a whole or not at all.",
        p.span,
      ),
    );
  }
  const [header, ...rows] = table.rows;
  if (!header) return empty();
  const headers = header.cells.map((c) => c.value.trim());
  const profile = profileOf(headers, settings);
  if (!profile) {
    parseFindings.push(
      finding(
        "No stories are read from this CSV: its header has neither Jira's columns (Summary, Issue key) nor Azure DevOps's (Title, Work Item Type). Map its columns in .backlog-coach.yaml (csv: { columns: { story: <header> } }).",
        { start: header.start, end: header.end },
      ),
    );
    return empty();
  }
  // A header that repeats (Jira's multi-value fields: Sprint, Labels) names several columns; a field reads its first.
  const columnOf = (names: readonly string[]): number | undefined => {
    for (const name of names) {
      const k = headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
      if (k >= 0) return k;
    }
    return undefined;
  };
  const columns: Partial<Record<CsvField, number>> = {};
  const mapping = settings?.columns;
  for (const field of ["id", "story", "title", "description", "criteria", "estimate", "status", "priority", "type"] as const) {
    const mapped = mapping?.[field];
    const names = mapped !== undefined ? [mapped] : profile === "mapped" ? [] : (HEADERS[profile][field] ?? []);
    const k = columnOf(names);
    if (k !== undefined) columns[field] = k;
    else if (mapped !== undefined)
      parseFindings.push(
        finding(
          `The column '${mapped}' that csv.columns.${field} names is not in this file's header (${headers.slice(0, 12).join(", ")}${headers.length > 12 ? ", ..." : ""}).`,
          { start: header.start, end: header.end },
        ),
      );
  }
  if (columns.story === undefined && columns.description === undefined) {
    parseFindings.push(
      finding("No stories are read from this CSV: it has no story, title or description column.", { start: header.start, end: header.end }),
    );
    return empty();
  }
  const types = (settings?.issueTypes ?? STORY_TYPES).map((t) => t.toLowerCase());
  const ragged: CsvRow[] = [];
  for (const row of rows) {
    if (row.cells.length !== header.cells.length) ragged.push(row);
    const cell = (field: CsvField): CsvCell | undefined => {
      const k = columns[field];
      return k === undefined ? undefined : row.cells[k];
    };
    const typeCell = cell("type");
    if (columns.type !== undefined && !types.includes((typeCell?.value ?? "").trim().toLowerCase())) continue;
    const story = readRow(text, row, cell, profile, fields, stories.length, eol);
    if (story) stories.push(story);
  }
  if (ragged.length > 0) {
    const first = ragged[0] as CsvRow;
    parseFindings.push(
      finding(
        `${ragged.length === 1 ? "A row has" : `${ragged.length.toLocaleString("en-US")} rows have`} another number of cells than the header's ${header.cells.length} (the first has ${first.cells.length}): its cells are read by position, and a cell past the header's end is not read.`,
        { start: first.start, end: first.end },
      ),
    );
  }
  fields.sort((a, b) => a.content.start - b.content.start);
  return {
    format: "csv",
    text,
    personas: [],
    stories,
    parseFindings,
    encodeFinding: fieldFixWriter(fields, (s, e) => text.slice(s, e), table.delimiter),
  };
}

/** One row as a story; undefined when it has no text to read a story from. */
function readRow(
  text: string,
  row: CsvRow,
  cell: (field: CsvField) => CsvCell | undefined,
  profile: CsvProfile,
  fields: EncodedField[],
  index: number,
  eol: string,
): Story | undefined {
  // Ids, statuses and numbers are read as written; only the text cells carry markup.
  const place = (c: CsvCell | undefined, rich = true): PlacedText | undefined => {
    if (!c) return undefined;
    const projected = rich ? projectCell(text, c, profile) : projectCsvContent(text.slice(c.contentStart, c.contentEnd));
    fields.push({
      content: { start: c.contentStart, end: c.contentEnd },
      whole: { start: c.start, end: c.end },
      kind: c.quoted ? "csv-quoted" : "csv",
      atoms: projected.atoms.map((a) => ({ start: c.contentStart + a.start, end: c.contentStart + a.end })),
    });
    return { text: projected.text, at: c.contentStart };
  };
  const summary = place(cell("story"));
  const title = place(cell("title"));
  const description = place(cell("description"));
  const criteriaCell = cell("criteria");
  const criteria = place(criteriaCell);
  const part = (c: CsvCell | undefined): TextPart | undefined => {
    const placed = place(c, false);
    return placed ? titleOf(placed) : undefined;
  };
  const id = part(cell("id"));
  const status = part(cell("status"));
  const estimateCell = cell("estimate");
  const estimate = estimateCell && estimateCell.value.trim() !== "" ? part(estimateCell) : undefined;
  const priority = part(cell("priority"));
  let sentence: StorySentence | undefined = summary ? sentenceInTitle(summary) : undefined;
  if (!sentence && description) sentence = sentenceInText(description);
  if (!sentence && !summary?.text.trim() && !description?.text.trim()) return undefined;
  // The summary is the story's title when the sentence is not in it (it came from the description).
  const titlePart =
    (title && titleOf(title)) ??
    (summary && !(sentence && sentence.span.start >= summary.at && sentence.span.start <= summary.at + summary.text.length)
      ? titleOf(summary)
      : undefined);
  let acceptance: Criterion[] | undefined;
  if (criteria && criteria.text.trim() !== "") acceptance = criteriaInText(criteria);
  else if (description) {
    const section = criteriaSection(description);
    if (section) acceptance = criteriaInText(description, section.from, section.to);
  }
  const number = (p: TextPart | undefined): { value: number | string; span: Span } | undefined =>
    p ? { value: /^\d+(\.\d+)?$/.test(p.text) ? Number(p.text) : p.text, span: p.span } : undefined;
  const est = number(estimate);
  const prio = number(priority);
  return {
    index,
    span: { start: row.start, end: row.end },
    ...(id && { id }),
    ...(titlePart && { title: titlePart }),
    ...(sentence && { sentence }),
    ...(acceptance && { acceptance, acceptanceSpan: criteriaSpan(acceptance, criteriaCell, row) }),
    ...(est && { estimate: est }),
    ...(prio && { priority: prio }),
    ...(status && { status }),
    layout: {
      keyIndent: "",
      endOfEntry: row.end,
      eol,
      // An empty criteria cell is where a criterion is written; a file without the column gets none.
      ...(criteriaCell && !acceptance && { criteriaAt: { offset: criteriaCell.contentStart, prefix: "" } }),
    },
  };
}

/** Where a story's criteria stand: their cell, else from the first to the last criterion read from the description. */
function criteriaSpan(acceptance: readonly Criterion[], criteriaCell: CsvCell | undefined, row: CsvRow): Span {
  if (criteriaCell && criteriaCell.contentEnd > criteriaCell.contentStart)
    return { start: criteriaCell.contentStart, end: criteriaCell.contentEnd };
  const first = acceptance[0];
  const last = acceptance[acceptance.length - 1];
  return first && last ? { start: first.span.start, end: last.span.end } : { start: row.start, end: row.start };
}
