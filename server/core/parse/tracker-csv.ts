// Reads tracker CSV exports (Jira, Azure DevOps, any CSV with a column mapping) into the story model: columns
// found by header name, the story in the title or description, criteria in their cell; spans exact in cells.
import type { CsvField, CsvSettings } from "../config";
import type { Backlog, Criterion, Finding, Span, Story, StorySentence, TextEdit, TextPart } from "../model";
import fileNotChecked from "../rules/file-not-checked";
import {
  csvRecordEnd,
  detectDelimiter,
  firstRecordStart,
  nextRecordStart,
  readCsvRecord,
  type CsvCell,
  type CsvProblem,
  type CsvRow,
} from "./csv";
import { fieldFixWriter, fieldsByRecord, type EncodedField } from "./encoded-fields";
import type { StoryReuse } from "./story-reuse";
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

/** The messages of the reader's own findings on what is not RFC 4180. */
const PROBLEM_MESSAGES: Readonly<Record<CsvProblem["kind"], string>> = {
  unclosedQuote: "This quote is never closed: the cell is read to the end of its line, and the rows after it as the export goes on.",
  textAfterQuote: "Text after a cell's closing quote: a CSV cell is either quoted as a whole or not at all.",
};

/**
 * What was read from one record besides its story, relative to the record's start: kept with the story while the
 * record's text is unchanged (see StoryReuse), so that a keystroke reads the record it is in and no other.
 */
class RecordRead {
  constructor(
    readonly cellCount: number,
    readonly problems: readonly CsvProblem[],
    /** The record's encoded fields, sorted by position. */
    readonly fields: readonly EncodedField[],
  ) {}
}

const shift = (span: Span, d: number): Span => ({ start: span.start + d, end: span.end + d });

/** How the rows of one file are read: its header's columns, the rows that are stories, the file's line break. */
interface RowReader {
  readonly columns: Partial<Record<CsvField, number>>;
  readonly profile: CsvProfile;
  readonly types: readonly string[];
  readonly eol: string;
}

/** Reads the record at `start` (ending at `end`): its story, when it is one, and the rest of what was read. */
function readRecord(text: string, start: number, sepCode: number, index: number, reader: RowReader): { story?: Story; read: RecordRead } {
  const problems: CsvProblem[] = [];
  const row = readCsvRecord(text, start, sepCode, problems);
  const fields: EncodedField[] = [];
  const cell = (field: CsvField): CsvCell | undefined => {
    const k = reader.columns[field];
    return k === undefined ? undefined : row.cells[k];
  };
  const typeCell = cell("type");
  const wanted = reader.columns.type === undefined || reader.types.includes((typeCell?.value ?? "").trim().toLowerCase());
  const story = wanted ? readRow(text, row, cell, reader.profile, fields, index, reader.eol) : undefined;
  fields.sort((a, b) => a.content.start - b.content.start);
  const read = new RecordRead(
    row.cells.length,
    problems.map((p) => ({ kind: p.kind, span: shift(p.span, -start) })),
    fields.map((f) => ({
      content: shift(f.content, -start),
      whole: shift(f.whole, -start),
      kind: f.kind,
      atoms: f.atoms.map((a) => shift(a, -start)),
    })),
  );
  return { ...(story && { story }), read };
}

/** The header's columns for each field, and the findings on what the header lacks. */
function columnsOf(
  headers: readonly string[],
  profile: CsvProfile,
  settings: CsvSettings | undefined,
  headerSpan: Span,
  findings: Finding[],
): Partial<Record<CsvField, number>> {
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
      findings.push(
        finding(
          `The column '${mapped}' that csv.columns.${field} names is not in this file's header (${headers.slice(0, 12).join(", ")}${headers.length > 12 ? ", ..." : ""}).`,
          headerSpan,
        ),
      );
  }
  return columns;
}

/**
 * Reads a tracker CSV export. Never throws: what cannot be read becomes one finding each, the rest is checked.
 * The file is cut into records first (a scan for line breaks outside quotes, far cheaper than reading cells);
 * with `reuse`, a record whose text is unchanged since the last reading is not read again: its story comes back
 * moved, with its cells' places and problems, so a keystroke reads one record.
 */
export function parseTrackerCsv(text: string, settings?: CsvSettings, reuse?: StoryReuse): Backlog {
  return readTrackerCsv(text, settings, reuse, Infinity).backlog;
}

/**
 * The first `count` stories of a tracker export, read from its start (a record reads as the header says, whatever
 * follows it), with the writers of their fixes: what a preview of a large export checks. Undefined when the file
 * has no more stories than that (or no story column): there is nothing to gain.
 */
export function firstTrackerStories(text: string, settings: CsvSettings | undefined, count: number): Backlog | undefined {
  const { backlog, cut } = readTrackerCsv(text, settings, undefined, count);
  return cut ? backlog : undefined;
}

/** Reads the export up to its `limit`-th story; `cut` when it stopped there with more of the file to read. */
function readTrackerCsv(
  text: string,
  settings: CsvSettings | undefined,
  reuse: StoryReuse | undefined,
  limit: number,
): { readonly backlog: Backlog; readonly cut: boolean } {
  const eol = lineBreakOf(text);
  const delimiter = detectDelimiter(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const sepCode = delimiter.charCodeAt(0);
  const problems: CsvProblem[] = [];
  const headerFindings: Finding[] = [];
  const stories: Story[] = [];
  const headerAt = firstRecordStart(text);
  const header = headerAt < text.length ? readCsvRecord(text, headerAt, sepCode, problems) : undefined;
  const headers = header?.cells.map((c) => c.value.trim()) ?? [];
  const headerSpan = header ? { start: header.start, end: header.end } : { start: 0, end: 0 };
  const profile = header ? profileOf(headers, settings) : undefined;
  let reader: RowReader | undefined;
  if (header && !profile) {
    headerFindings.push(
      finding(
        "No stories are read from this CSV: its header has neither Jira's columns (Summary, Issue key) nor Azure DevOps's (Title, Work Item Type). Map its columns in .backlog-coach.yaml (csv: { columns: { story: <header> } }).",
        headerSpan,
      ),
    );
  } else if (profile) {
    const columns = columnsOf(headers, profile, settings, headerSpan, headerFindings);
    if (columns.story === undefined && columns.description === undefined)
      headerFindings.push(finding("No stories are read from this CSV: it has no story, title or description column.", headerSpan));
    else reader = { columns, profile, types: (settings?.issueTypes ?? STORY_TYPES).map((t) => t.toLowerCase()), eol };
  }
  // A record's reading depends on the header, the settings, the delimiter and the line break besides its text.
  reuse?.within(
    `csv\u0000${delimiter}\u0000${eol}\u0000${JSON.stringify(settings ?? {})}\u0000${text.slice(headerSpan.start, headerSpan.end)}`,
  );
  const fieldStarts: number[] = [];
  const fieldLists: (readonly EncodedField[])[] = [];
  let ragged: { count: number; first: Span; cells: number } | undefined;
  let cut = false;
  for (let start = header ? nextRecordStart(text, header.end) : text.length; start < text.length;) {
    if (stories.length >= limit) {
      cut = true;
      break;
    }
    if (!reader) {
      // Nothing is read from the rows: only what is wrong in them is reported.
      start = nextRecordStart(text, readCsvRecord(text, start, sepCode, problems).end);
      continue;
    }
    const end = csvRecordEnd(text, start, sepCode);
    const chunk = reuse ? text.slice(start, end) : undefined;
    const recalled = chunk !== undefined ? reuse?.recall(chunk, start, stories.length) : undefined;
    let story: Story | undefined;
    let read: RecordRead;
    if (recalled && recalled.note instanceof RecordRead) {
      story = recalled.story;
      read = recalled.note;
    } else {
      ({ story, read } = readRecord(text, start, sepCode, stories.length, reader));
      if (chunk !== undefined) reuse?.keep(chunk, start, story, read);
    }
    if (read.problems.length > 0) for (const p of read.problems) problems.push({ kind: p.kind, span: shift(p.span, start) });
    if (read.cellCount !== header?.cells.length) {
      if (ragged) ragged.count++;
      else ragged = { count: 1, first: { start, end }, cells: read.cellCount };
    }
    if (read.fields.length > 0) {
      fieldStarts.push(start);
      fieldLists.push(read.fields);
    }
    if (story) stories.push(story);
    start = nextRecordStart(text, end);
  }
  const parseFindings = [...problems.map((p) => finding(PROBLEM_MESSAGES[p.kind], p.span)), ...headerFindings];
  if (ragged) {
    parseFindings.push(
      finding(
        `${ragged.count === 1 ? "A row has" : `${ragged.count.toLocaleString("en-US")} rows have`} another number of cells than the header's ${header?.cells.length ?? 0} (the first has ${ragged.cells}): its cells are read by position, and a cell past the header's end is not read.`,
        ragged.first,
      ),
    );
  }
  const backlog: Backlog = {
    format: "csv",
    text,
    personas: [],
    stories,
    parseFindings,
    ...(reader && {
      encodeFinding: fieldFixWriter(fieldsByRecord(fieldStarts, fieldLists), (s, e) => text.slice(s, e), delimiter),
      storiesAfter: (story: Story, parts: readonly { sentence: string; id?: string }[]) =>
        recordsAfter(text, delimiter, header?.cells.length ?? 0, reader, story, parts),
    }),
  };
  return { backlog, cut };
}

/** A value written as a cell of a file: quoted when the file quotes it or the value needs it, quotes doubled. */
const cellOf = (value: string, quoted: boolean, delimiter: string): string =>
  quoted || value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/**
 * New records right after a story's record, one per part (a split): the part's sentence in the story column
 * (Summary, Title; the description where there is none), the issue type and status cells copied as written, the
 * other cells empty, in the file's delimiter, line break and quoting (a file that quotes every cell gets "" for an
 * empty one). Jira and Azure DevOps give an imported record its key, so the key cell stays empty; a mapped file's
 * id column is the team's own and gets the next id in its scheme. Undefined where the record cannot be read again.
 */
function recordsAfter(
  text: string,
  delimiter: string,
  cellCount: number,
  reader: RowReader,
  story: Story,
  parts: readonly { sentence: string; id?: string }[],
): TextEdit | undefined {
  const row = readCsvRecord(text, story.span.start, delimiter.charCodeAt(0), []);
  const { columns, profile, eol } = reader;
  const target = columns.story ?? columns.description;
  const sentence = story.sentence;
  if (row.end !== story.span.end || target === undefined || !sentence || cellCount === 0 || parts.length === 0) return undefined;
  const written = row.cells[target];
  const inTarget = !!written && sentence.span.start >= written.contentStart && sentence.span.end <= written.contentEnd;
  const quoteAll = row.cells.length > 0 && row.cells.every((c) => c.quoted);
  // The rules write source slices: a doubled quote of a quoted cell stands for one; markup of another cell (the
  // description's wiki markup or HTML, when the sentence was read there) is blanked as the rules read it.
  const sentenceCell = row.cells.find((c) => sentence.span.start >= c.contentStart && sentence.span.end <= c.contentEnd);
  const valueOf = (raw: string): string => {
    if (inTarget) return written.quoted ? raw.replace(/""/g, '"') : raw;
    const plain = sentenceCell?.quoted ? raw.replace(/""/g, '"') : raw;
    const projected = profile === "jira" ? blankJiraMarkup({ text: plain, atoms: [] }) : blankHtml({ text: plain, atoms: [] });
    return projected.text.replace(/\s+/g, " ").trim();
  };
  const copied = (field: CsvField): [number, string] | undefined => {
    const k = columns[field];
    const c = k === undefined ? undefined : row.cells[k];
    return k !== undefined && c ? [k, text.slice(c.start, c.end)] : undefined;
  };
  const records = parts.map((part) => {
    const cells = Array.from({ length: cellCount }, (): string => (quoteAll ? '""' : ""));
    for (const [k, cell] of [copied("type"), copied("status")].filter((x): x is [number, string] => x !== undefined))
      if (k < cellCount) cells[k] = cell;
    if (profile === "mapped" && columns.id !== undefined && part.id && columns.id < cellCount)
      cells[columns.id] = cellOf(part.id, quoteAll, delimiter);
    if (target < cellCount) cells[target] = cellOf(valueOf(part.sentence), quoteAll || (written?.quoted ?? false), delimiter);
    return `${eol}${cells.join(delimiter)}`;
  });
  return { span: { start: row.end, end: row.end }, newText: records.join(""), encoded: true };
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
