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

/**
 * Reads a CSV text into rows of cells. Blank lines are not rows. An unclosed quote is reported at its opening
 * quote, and its cell is taken to end with its own line, so that the rows after it are still read.
 */
export function readCsv(text: string, delimiter?: string): CsvTable {
  const start0 = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const sep = delimiter ?? detectDelimiter(text, start0);
  const sepCode = sep.charCodeAt(0);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  let i = start0;
  const n = text.length;
  while (i < n) {
    // Blank lines between records are not records.
    if (isBreak(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const rowStart = i;
    const cells: CsvCell[] = [];
    for (;;) {
      const cellStart = i;
      if (text.charCodeAt(i) === 34) {
        // A quoted cell: up to the quote that is not doubled.
        let j = i + 1;
        let value = "";
        let runStart = j;
        let closed = false;
        while (j < n) {
          if (text.charCodeAt(j) === 34) {
            if (text.charCodeAt(j + 1) === 34) {
              value += text.slice(runStart, j + 1);
              j += 2;
              runStart = j;
              continue;
            }
            closed = true;
            break;
          }
          j++;
        }
        if (closed && text.slice(i, j).search(/[\r\n]/) >= 0 && !atCellEnd(text, j + 1, sepCode)) closed = false;
        if (!closed) {
          // Unclosed: the cell ends at its own line's end, and reading goes on from there.
          let lineEnd = i + 1;
          while (lineEnd < n && !isBreak(text.charCodeAt(lineEnd))) lineEnd++;
          problems.push({ kind: "unclosedQuote", span: { start: i, end: i + 1 } });
          const raw = text.slice(i + 1, lineEnd);
          cells.push({ start: i, end: lineEnd, contentStart: i + 1, contentEnd: lineEnd, quoted: true, value: raw.replace(/""/g, '"') });
          i = lineEnd;
          break;
        }
        value += text.slice(runStart, j);
        let end = j + 1;
        // Text between the closing quote and the delimiter is not RFC 4180: report it and keep it in the value.
        let k = end;
        while (k < n && text.charCodeAt(k) !== sepCode && !isBreak(text.charCodeAt(k))) k++;
        if (k > end) {
          problems.push({ kind: "textAfterQuote", span: { start: end, end: k } });
          value += text.slice(end, k);
          end = k;
        }
        cells.push({ start: cellStart, end, contentStart: cellStart + 1, contentEnd: j, quoted: true, value });
        i = end;
      } else {
        let j = i;
        while (j < n && text.charCodeAt(j) !== sepCode && !isBreak(text.charCodeAt(j))) j++;
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
    const rowEnd = i;
    if (i < n && text.charCodeAt(i) === 13) i++;
    if (i < n && text.charCodeAt(i) === 10) i++;
    rows.push({ cells, start: rowStart, end: rowEnd });
  }
  return { rows, problems, delimiter: sep };
}

/** A value written as a CSV cell: quoted when it holds the delimiter, a quote or a line break, its quotes doubled. */
export function csvCell(value: string, delimiter = ","): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
