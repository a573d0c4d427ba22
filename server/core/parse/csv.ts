// An RFC 4180 CSV reader that keeps every cell's source span: quoted cells over several lines, doubled quotes,
// CRLF or LF, a BOM; malformed input (an unclosed quote, text after a closing quote) is reported, never thrown.
import type { Span } from "../model";

/** One cell as written. Offsets are UTF-16 code units in the file text. */
export interface CsvCell {
  /** The cell as written, its quotes included. */
  readonly start: number;
  readonly end: number;
  /** Where its value is written: inside the quotes of a quoted cell, the whole cell otherwise. */
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly quoted: boolean;
  /** The value, doubled quotes read as one. */
  readonly value: string;
}

/** One record: its cells and its span in the file, the line break after it excluded. */
export interface CsvRow {
  readonly cells: readonly CsvCell[];
  readonly start: number;
  readonly end: number;
}

/** What the reader could not read as RFC 4180 says, and where. */
export interface CsvProblem {
  readonly kind: "unclosedQuote" | "textAfterQuote";
  readonly span: Span;
}

export interface CsvTable {
  readonly rows: readonly CsvRow[];
  readonly problems: readonly CsvProblem[];
  readonly delimiter: string;
}

/**
 * The delimiter of a file: the one of comma, semicolon and tab that occurs most often outside quotes on its
 * first line (Excel writes semicolons where the decimal mark is a comma); a comma when none does.
 */
export function detectDelimiter(text: string, from = 0): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

const isBreak = (c: number): boolean => c === 10 || c === 13;

/** Whether a cell ends at this offset: the end of the text, a delimiter or a line break. */
const atCellEnd = (text: string, at: number, sepCode: number): boolean =>
  at >= text.length || text.charCodeAt(at) === sepCode || isBreak(text.charCodeAt(at));

/** Where the record after `at` starts: past the line break and any blank lines (blank lines are not records). */
export function nextRecordStart(text: string, at: number): number {
  let i = at;
  while (i < text.length && isBreak(text.charCodeAt(i))) i++;
  return i;
}

/** Whether a line break lies in [from, to). */
function breaksIn(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isBreak(text.charCodeAt(k))) return true;
  return false;
}

/** The closing quote of the quoted cell opening at `open` (the first quote not doubled), or -1 when there is none. */
function closingQuote(text: string, open: number): number {
  let j = open + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0 || text.charCodeAt(q + 1) !== 34) return q;
    j = q + 2;
  }
}

/**
 * Where a quoted cell's value is closed, or -1 when it is not: a cell over several lines must be followed by the end
 * of its cell, or its quote is taken as unclosed (a stray quote would otherwise swallow the rows after it).
 */
function closedAt(text: string, open: number, sepCode: number): number {
  const j = closingQuote(text, open);
  return j < 0 || (!atCellEnd(text, j + 1, sepCode) && breaksIn(text, open, j)) ? -1 : j;
}

/** The end of an unquoted run: the next delimiter or line break. */
function runEnd(text: string, from: number, sepCode: number): number {
  let j = from;
  while (j < text.length && text.charCodeAt(j) !== sepCode && !isBreak(text.charCodeAt(j))) j++;
  return j;
}

const lineEnd = (text: string, from: number): number => {
  let i = from;
  while (i < text.length && !isBreak(text.charCodeAt(i))) i++;
  return i;
};

/**
 * Where the record starting at `at` ends (its line break excluded), found without reading its cells: the same
 * walk as `readCsvRecord`, so that a file can be cut into records cheaply and only the records that changed read.
 */
export function csvRecordEnd(text: string, at: number, sepCode: number): number {
  let i = at;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      const j = closedAt(text, i, sepCode);
      if (j < 0) return lineEnd(text, i + 1);
      i = runEnd(text, j + 1, sepCode);
    } else i = runEnd(text, i, sepCode);
    if (i < text.length && text.charCodeAt(i) === sepCode) {
      i++;
      if (i >= text.length || isBreak(text.charCodeAt(i))) return i;
      continue;
    }
    return i;
  }
}

/**
 * Reads the record starting at `at` (not a line break) into cells; what is not RFC 4180 in it is added to
 * `problems`. An unclosed quote is reported at its opening quote, and its cell is taken to end with its own line.
 */
export function readCsvRecord(text: string, at: number, sepCode: number, problems: CsvProblem[]): CsvRow {
  const n = text.length;
  const cells: CsvCell[] = [];
  let i = at;
  for (;;) {
    const cellStart = i;
    if (text.charCodeAt(i) === 34) {
      const j = closedAt(text, i, sepCode);
      if (j < 0) {
        // Unclosed: the cell ends at its own line's end, and reading goes on from there.
        const end = lineEnd(text, i + 1);
        problems.push({ kind: "unclosedQuote", span: { start: i, end: i + 1 } });
        cells.push({
          start: i,
          end,
          contentStart: i + 1,
          contentEnd: end,
          quoted: true,
          value: text.slice(i + 1, end).replace(/""/g, '"'),
        });
        i = end;
        break;
      }
      let value = text.slice(i + 1, j).replace(/""/g, '"');
      // Text between the closing quote and the delimiter is not RFC 4180: report it and keep it in the value.
      const end = runEnd(text, j + 1, sepCode);
      if (end > j + 1) {
        problems.push({ kind: "textAfterQuote", span: { start: j + 1, end } });
        value += text.slice(j + 1, end);
      }
      cells.push({ start: cellStart, end, contentStart: cellStart + 1, contentEnd: j, quoted: true, value });
      i = end;
    } else {
      const j = runEnd(text, i, sepCode);
      cells.push({ start: i, end: j, contentStart: i, contentEnd: j, quoted: false, value: text.slice(i, j) });
      i = j;
    }
    if (i < n && text.charCodeAt(i) === sepCode) {
      i++;
      // A delimiter at the end of the record opens one more, empty cell.
      if (i >= n || isBreak(text.charCodeAt(i))) {
        cells.push({ start: i, end: i, contentStart: i, contentEnd: i, quoted: false, value: "" });
        break;
      }
      continue;
    }
    break;
  }
  return { cells, start: at, end: i };
}

/** Where a text's first record starts: past a BOM and blank lines. */
export const firstRecordStart = (text: string): number => nextRecordStart(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);

/** Reads a CSV text into rows of cells, record by record (see `readCsvRecord`). Blank lines are not rows. */
export function readCsv(text: string, delimiter?: string): CsvTable {
  const sep = delimiter ?? detectDelimiter(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const sepCode = sep.charCodeAt(0);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  for (let i = firstRecordStart(text); i < text.length; i = nextRecordStart(text, (rows[rows.length - 1] as CsvRow).end))
    rows.push(readCsvRecord(text, i, sepCode, problems));
  return { rows, problems, delimiter: sep };
}

/** A value written as a CSV cell: quoted when it holds the delimiter, a quote or a line break, its quotes doubled. */
export function csvCell(value: string, delimiter = ","): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
