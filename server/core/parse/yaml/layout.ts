// The layout scan: where a YAML backlog's stories list and each story item lie, found by a line scan and kept
// across edits.
import type { Span, TextSource } from "../../model";
import { moveSpan } from "../story-move";

/** How the stories list of a YAML backlog is laid out: the part of the file each story item occupies. */
export interface YamlLayout {
  /** Column of the stories list's dashes. */
  readonly indent: number;
  /** Each story item's [start, end): from its dash line's start to the next item's (or the list's end). */
  readonly chunks: readonly Span[];
  /** Offset of the line "stories:" and of the first line after the list. */
  readonly storiesLine: number;
  readonly listEnd: number;
}

/**
 * Finds the story items of a backlog by a line scan: a top-level "stories:" line, then items whose dashes
 * stand at one column. Returns undefined when the file is not laid out so (the whole file is read at once then).
 */
export function layoutOf(text: string): YamlLayout | undefined {
  const header = /^stories:[ ]*(?:#[^\n]*)?\r?$/m.exec(text);
  if (!header) return undefined;
  const storiesLine = header.index;
  let start = text.indexOf("\n", storiesLine);
  if (start < 0) return undefined;
  start++;
  const chunks: Span[] = [];
  let chunkStart = -1;
  const scan = scanItems(text, start, -1, (lineStart) => {
    if (chunkStart >= 0) chunks.push({ start: chunkStart, end: lineStart });
    chunkStart = lineStart;
  });
  if (!scan || chunkStart < 0) return undefined;
  chunks.push({ start: chunkStart, end: scan.end });
  return { indent: scan.indent, chunks, storiesLine, listEnd: scan.end };
}

/**
 * The line scan of a stories list from `start` (a line start): calls `item` at each line that starts an item at
 * the list's column (`indent`, or the first content line's when -1) until it returns true, and says where it
 * stopped: at the first line indented no deeper than the list that is not one of its items (the list's end, or
 * the text's), or at the item `item` stopped at. Undefined when, with the column to learn, the first content line
 * is not an item. The full scan and the scan after an edit are this one machine.
 */
function scanItems(
  text: ScanText,
  start: number,
  indent: number,
  item: (lineStart: number) => boolean | void,
): { readonly indent: number; readonly end: number } | undefined {
  let column = indent;
  for (let lineStart = start; lineStart < text.length;) {
    const lf = text.indexOf("\n", lineStart);
    const lineEnd = lf < 0 ? text.length : lf;
    const kind = classifyLine(text, lineStart, lineEnd);
    if (kind >= 0) {
      const at = kind >> 1;
      const isItem = (kind & 1) === 1;
      if (column < 0) {
        if (!isItem) return undefined;
        column = at;
      }
      if (isItem && at === column) {
        if (item(lineStart) === true) return { indent: column, end: lineStart };
      } else if (at <= column) return { indent: column, end: lineStart };
    }
    lineStart = lf < 0 ? text.length : lf + 1;
  }
  return { indent: column, end: text.length };
}

/**
 * A line of the story list, as the layout scans see it: -1 when blank or a comment, else its indentation
 * column times 2, plus 1 when the line starts a list item ("- " or a lone "-").
 */
function classifyLine(text: ScanText, lineStart: number, lineEnd: number): number {
  let content = lineStart;
  while (text.charCodeAt(content) === 32) content++;
  const c = text.charCodeAt(content);
  if (content >= lineEnd || c === 35 || (c === 13 && content + 1 === lineEnd)) return -1;
  const after = text.charCodeAt(content + 1);
  const item = c === 45 && (after === 32 || after === 10 || after === 13 || content + 1 >= text.length);
  return (content - lineStart) * 2 + (item ? 1 : 0);
}

/** What the line scans read of a text: a string, or a reader over a document's pieces (`blockReader`). */
export interface ScanText {
  readonly length: number;
  charCodeAt(index: number): number;
  indexOf(search: "\n", position: number): number;
}

/**
 * A text read a block at a time from a source that is not one string, for the line scan of `relayoutReusing`:
 * it reads the few lines around an edit, so it asks for a block or two, never the whole text.
 */
export function blockReader(source: TextSource, blockSize = 16_384): ScanText {
  let block = "";
  let blockStart = 0;
  const load = (at: number): void => {
    blockStart = at;
    block = source.slice(at, at + blockSize);
  };
  const covers = (at: number): boolean => at >= blockStart && at < blockStart + block.length;
  return {
    length: source.length,
    charCodeAt(index) {
      if (!(index >= 0 && index < source.length)) return NaN;
      if (!covers(index)) load(index);
      return block.charCodeAt(index - blockStart);
    },
    indexOf(search, position) {
      for (let at = Math.max(0, position); at < source.length; at = blockStart + block.length) {
        if (!covers(at)) load(at);
        const found = block.indexOf(search, at - blockStart);
        if (found >= 0) return blockStart + found;
      }
      return -1;
    },
  };
}

/**
 * Which chunks of a layout after an edit are the chunks before it: the first `kept` are unchanged, the next
 * `scanned` were scanned anew, and the rest are the old chunks from `resumed` on, moved by the edit's length.
 */
export interface LayoutReuse {
  readonly kept: number;
  readonly scanned: number;
  readonly resumed: number;
}

/**
 * The layout after an edit, from the layout before it: only the lines from the story the edit starts in up
 * to the first unchanged item line after it are scanned (a full scan reads every line of a large file).
 * `prefix` and `suffix` are the lengths the old and new texts share at each end. The result is exactly
 * `layoutOf(text)`: the scan is the same line-by-line machine, started where its state is known. Like
 * `relayoutReusing`, it may take `previous` apart: use the result, not `previous`, afterwards.
 */
export function relayout(
  text: string,
  previous: YamlLayout,
  previousLength: number,
  prefix: number,
  suffix: number,
): YamlLayout | undefined {
  return relayoutReusing(text, previous, previousLength, prefix, suffix).layout;
}

/**
 * `relayout`, saying which chunks it kept. When it can say (`reuse` set), it has taken `previous` apart: its
 * chunk list and the span objects after the edit are the new layout's, moved in place, so that a keystroke in a
 * large file makes no new list and no new span for the thousands of stories after it.
 */
export function relayoutReusing(
  text: string | ScanText,
  previous: YamlLayout,
  previousLength: number,
  prefix: number,
  suffix: number,
): { readonly layout: YamlLayout | undefined; readonly reuse?: LayoutReuse } {
  const { chunks, indent } = previous;
  const delta = text.length - previousLength;
  const newEditEnd = text.length - suffix;
  // An item line is classified by its first indent + 2 characters: the scan starts at the last such line the
  // edit did not touch. Edits of the header, the first item line or past the list are scanned in full.
  let from = -1;
  for (let lo = 0, hi = chunks.length - 1; lo <= hi;) {
    const mid = (lo + hi) >> 1;
    if ((chunks[mid]?.start ?? 0) + indent + 2 <= prefix) {
      from = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Where it cannot say, a string is scanned in full; a reader's caller reads the text as one string instead.
  const fullScan = (): { readonly layout: YamlLayout | undefined } => ({ layout: typeof text === "string" ? layoutOf(text) : undefined });
  if (from < 0 || previousLength - suffix >= previous.listEnd) return fullScan();
  /** The old chunk after `from` that started at an old offset, by binary search (chunks are sorted by start). */
  const oldChunkAt = (start: number): number | undefined => {
    for (let lo = from + 1, hi = chunks.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      const at = (chunks[mid] as Span).start;
      if (at === start) return mid;
      if (at < start) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  const starts: number[] = [];
  let resyncAt = -1;
  scanItems(text, (chunks[from] as Span).start, indent, (lineStart) => {
    // An unchanged item line after the edit: from here on the old scan saw the same text.
    const old = lineStart - 1 >= newEditEnd ? oldChunkAt(lineStart - delta) : undefined;
    if (old !== undefined) {
      resyncAt = old;
      return true;
    }
    starts.push(lineStart);
    return false;
  });
  // The list ended or the text ran out before an unchanged item: that ending is new, scan it all.
  if (resyncAt < 0) return fullScan();
  const list = chunks as Span[];
  const resumeAt = (list[resyncAt] as Span).start + delta;
  const scanned = starts.map((start, k): Span => ({ start, end: starts[k + 1] ?? resumeAt }));
  list.splice(from, resyncAt - from, ...scanned);
  for (let k = from + scanned.length; k < list.length; k++) moveSpan(list[k] as Span, delta);
  return {
    layout: { indent, chunks: list, storiesLine: previous.storiesLine, listEnd: previous.listEnd + delta },
    reuse: { kept: from, scanned: scanned.length, resumed: resyncAt },
  };
}
