// Reads the YAML subset backlogs are written in without the `yaml` lexer, one story chunk at a time, else falls back.
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { parseYaml } from "./yaml-guard";
import type { Backlog, Finding, Span, Story, TextSource } from "../model";
import { checkBacklogData, checkBacklogSchema, checkStoryData, yamlNodeLocator } from "./schema-check";
import { moveSpan, shiftFinding, shiftStory } from "./story-move";
import { lineBreakOf } from "./text-lines";
import { MAX_ALIAS_COUNT, parseYamlBacklog, readBacklogHeader, readStory } from "./yaml-backlog";

/*
 * Why a second reader: `yaml`'s lexer needs about 0.2 ms per story, so a 10,000-story file takes seconds to
 * parse, once per keystroke. Backlogs use a small part of YAML (block mappings and sequences, one-line plain
 * and quoted scalars, one-line flow sequences, comments), which a line reader handles a hundred times faster.
 * It builds the same `yaml` node objects with the same ranges, so the model and schema code are shared and
 * the results are identical; anything it does not know (anchors, tags, block scalars, multi-line values,
 * flow maps, tabs, directives, errors ...) makes it give up, and the `yaml` library reads that part instead.
 */

/*
 * The nodes are plain objects carrying `yaml`'s node-type mark (registered symbols, which `yaml` itself uses
 * so that nodes from several copies of the library are recognised): `isMap`, `isSeq` and `isScalar` accept
 * them, and the model and schema code read only `items`, `key`, `value` and `range`. Building the library's
 * classes instead costs a property definition per node, a third of the read time on a large file.
 */
const NODE_TYPE = Symbol.for("yaml.node.type");
const newScalar = (value: unknown): Scalar => ({ [NODE_TYPE]: Symbol.for("yaml.scalar"), value }) as unknown as Scalar;
const newMap = (): YAMLMap => ({ [NODE_TYPE]: Symbol.for("yaml.map"), items: [] }) as unknown as YAMLMap;
const newSeq = (flow: boolean): YAMLSeq => ({ [NODE_TYPE]: Symbol.for("yaml.seq"), items: [], flow }) as unknown as YAMLSeq;
const newPair = (key: Scalar, value: YamlNode): Pair => ({ [NODE_TYPE]: Symbol.for("yaml.pair"), key, value }) as unknown as Pair;

/** Thrown inside the reader when the text leaves the subset; never escapes this module. */
class Unsupported extends Error {}

const unsupported = (): never => {
  throw new Unsupported();
};

/** Characters the reader will not interpret: tabs, lone carriage returns, BOMs and the Unicode line breaks. */
const OUTSIDE_SUBSET = /\t|\r(?!\n)|\uFEFF|\u0085|\u2028|\u2029/;
/** The same test; `includes` is a native scan, many times faster than the regular expression on long text. */
const outsideSubset = (text: string): boolean =>
  text.includes("\t") ||
  text.includes("\uFEFF") ||
  text.includes("\u0085") ||
  text.includes("\u2028") ||
  text.includes("\u2029") ||
  (text.includes("\r") && OUTSIDE_SUBSET.test(text));

/** One line of the region being read. */
interface Line {
  readonly start: number;
  /** Offset of the first character that is not a space. */
  readonly content: number;
  /** End of the line's text, before its line break. */
  readonly end: number;
  /** Start of the next line (after the line break), or the end of the text. */
  readonly next: number;
  /** Blank or comment-only lines carry no content. */
  readonly blank: boolean;
}

function readLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start < to) {
    const lf = text.indexOf("\n", start);
    const next = lf < 0 || lf >= to ? to : lf + 1;
    const end = lf < 0 || lf >= to ? to : text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
    let content = start;
    while (content < end && text.charCodeAt(content) === 32) content++;
    const blank = content === end || text.charCodeAt(content) === 35; /* # */
    lines.push({ start, content, end, next, blank });
    start = next;
  }
  return lines;
}

const KEY = /[A-Za-z_][A-Za-z0-9_-]*/y;
/** Keys that YAML would read as something other than a string, or that JavaScript objects treat specially. */
const NON_STRING_KEYS = new Set(["true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "__proto__"]);

/** The YAML 1.2 core schema, in the order and with the expressions `yaml` 2.x uses. */
function typedValue(source: string): string | number | boolean | null {
  // Every non-string form starts with one of these: most values (sentences) are settled by one look.
  if (source.length > 0 && !"~nNtTfF0123456789+-.".includes(source[0] ?? "")) return source;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(source)) return source[0] === "t" || source[0] === "T";
  if (/^0o[0-7]+$/.test(source)) return parseInt(source.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(source)) return parseInt(source, 10);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    return source.slice(-3).toLowerCase() === "nan" ? NaN : source[0] === "-" ? -Infinity : Infinity;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) return parseFloat(source);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return parseFloat(source);
  return source;
}

const isSpace = (c: number): boolean => c === 32;

/** A node with the range triple `yaml` gives: start, end of the value, end with trailing comment and line break. */
function ranged<T extends YamlNode>(node: T, start: number, valueEnd: number, nodeEnd: number): T {
  node.range = [start, valueEnd, nodeEnd];
  return node;
}

/**
 * The reader over one region's lines. Offsets are relative to `text`, which is the whole file or one chunk.
 * `hole` is the index of a line that stands for the stories list read elsewhere (see `readSkeleton`).
 */
class SubsetReader {
  private at = 0;
  /** Set once the first content line is read: comment lines before it are free. */
  private started = false;
  hole: YAMLSeq | undefined;

  /**
   * `commentLimit`: comment lines after content must not be indented deeper than this (the region's outermost
   * column). `yaml` extends the range of the node a deeper comment follows, in ways that depend on what comes
   * next; a comment at the outermost column only extends ranges no finding or story span uses.
   * `nextContent`: where the first content after the region starts, when known (an empty value with a
   * comment ends there in `yaml`).
   */
  constructor(
    private readonly text: string,
    private readonly lines: readonly Line[],
    private readonly commentLimit: number,
    private readonly holeLine = -1,
    private readonly nextContent?: number,
  ) {}

  /** Skips blank and comment lines; says whether a comment was among them. */
  private skipBlank(): boolean {
    let comment = false;
    while (this.at < this.lines.length && this.at !== this.holeLine) {
      const line = this.lines[this.at] as Line;
      if (!line.blank) break;
      if (line.content < line.end) {
        if (this.started && line.content - line.start > this.commentLimit) unsupported();
        comment = true;
      }
      this.at++;
    }
    this.started = true;
    return comment;
  }

  private current(): Line | undefined {
    return this.lines[this.at];
  }

  done(): boolean {
    this.skipBlank();
    return this.at >= this.lines.length;
  }

  /** The whole region as one document's root: a block mapping at column 0, or nothing. */
  readRoot(): YAMLMap | null {
    this.started = false;
    this.skipBlank();
    const line = this.current();
    if (!line) return null;
    if (line.content !== line.start) unsupported();
    const root = this.readMap(line.content - line.start, line.content);
    if (!this.done()) unsupported();
    return root;
  }

  /** One block sequence item at `indent`, the whole region (a story chunk). */
  readSingleItem(indent: number): YamlNode {
    this.skipBlank();
    const line = this.current();
    if (!line || line.content - line.start !== indent) return unsupported();
    const seq = this.readSeq(indent);
    if (!this.done() || seq.items.length !== 1) unsupported();
    return seq.items[0] as YamlNode;
  }

  /** A block mapping whose first key starts at `first` (mid-line after "- ", or at the indentation). */
  private readMap(indent: number, first: number): YAMLMap {
    const map = newMap();
    const keys = new Set<string>();
    let keyAt = first;
    let end = first;
    for (;;) {
      const line = this.current() as Line;
      KEY.lastIndex = keyAt;
      const match = KEY.exec(this.text);
      const keyEnd = keyAt + (match?.[0].length ?? 0);
      if (!match || keyEnd > line.end || this.text.charCodeAt(keyEnd) !== 58 /* : */) return unsupported();
      const afterColon = keyEnd + 1;
      if (afterColon < line.end && !isSpace(this.text.charCodeAt(afterColon))) unsupported();
      const name = match[0];
      if (NON_STRING_KEYS.has(name) || keys.has(name)) unsupported();
      keys.add(name);
      const key = ranged(newScalar(name), keyAt, keyEnd, keyEnd);
      const value = this.readValueAfter(indent, afterColon, line, true);
      map.items.push(newPair(key, value));
      end = (value.range as [number, number, number])[2];
      const next = this.current();
      if (!next || this.at === this.holeLine) break;
      const column = next.content - next.start;
      if (column < indent) break;
      if (column > indent) unsupported();
      keyAt = next.content;
      if (this.text.charCodeAt(keyAt) === 45 /* - */) {
        // A sequence at the mapping's own indentation ends it only when the mapping is a sequence item's.
        break;
      }
    }
    return ranged(map, first, end, end);
  }

  /** A block sequence whose items' dashes stand at `indent`. */
  private readSeq(indent: number): YAMLSeq {
    const seq = newSeq(false);
    const first = (this.current() as Line).content;
    let end = first;
    for (;;) {
      const line = this.current() as Line;
      const dash = line.content;
      if (this.text.charCodeAt(dash) !== 45 || (dash + 1 < line.end && !isSpace(this.text.charCodeAt(dash + 1)))) unsupported();
      const item = this.readValueAfter(indent, dash + 1, line, false);
      seq.items.push(item);
      end = (item.range as [number, number, number])[2];
      const next = this.current();
      if (!next || this.at === this.holeLine) break;
      const column = next.content - next.start;
      if (column < indent) break;
      if (column > indent) unsupported();
      if (this.text.charCodeAt(next.content) !== 45) break;
    }
    return ranged(seq, first, end, end);
  }

  /**
   * The value after a key's colon or an item's dash at `from` on `line`: on the same line, on the lines
   * below, or empty. `inMap` is true for a mapping value, which may be a sequence at the key's own indentation.
   */
  private readValueAfter(indent: number, from: number, line: Line, inMap: boolean): YamlNode {
    let pos = from;
    while (pos < line.end && isSpace(this.text.charCodeAt(pos))) pos++;
    if (pos < line.end && this.text.charCodeAt(pos) !== 35) {
      if (!inMap) {
        // "- key: value" opens a mapping inside the item, its keys aligned with the first one.
        KEY.lastIndex = pos;
        const match = KEY.exec(this.text);
        if (match) {
          const after = pos + match[0].length;
          if (this.text.charCodeAt(after) === 58 && (after + 1 >= line.end || isSpace(this.text.charCodeAt(after + 1)))) {
            return this.readMap(pos - line.start, pos);
          }
        }
      }
      const node = this.readInline(pos, line.end, false);
      const valueEnd = (node.range as [number, number, number])[1];
      node.range = [node.range?.[0] ?? pos, valueEnd, this.lineTail(valueEnd, line)];
      this.at++;
      this.started = true;
      // A continuation line (a multi-line plain scalar, or an error) is outside the subset.
      this.skipBlank();
      const next = this.current();
      if (next && this.at !== this.holeLine && next.content - next.start > indent) unsupported();
      return node;
    }
    // Nothing on this line: the value is on the lines below, or empty.
    const emptyAt = pos;
    const withComment = pos < line.end;
    this.at++;
    const commented = this.skipBlank();
    if (this.at === this.holeLine && this.at < this.lines.length) {
      this.at++;
      this.hole = ranged(newSeq(false), 0, 0, 0);
      return this.hole;
    }
    const next = this.current();
    if (next) {
      const column = next.content - next.start;
      const dash = this.text.charCodeAt(next.content) === 45;
      if (column > indent || (inMap && column === indent && dash)) {
        if (dash) return this.readSeq(column);
        return this.readMap(column, next.content);
      }
    }
    // `yaml` lets an empty value's range run over the comments below it, and, when it has a comment of its
    // own, up to the next content.
    if (commented) unsupported();
    const tail = !withComment ? emptyAt : next ? next.content : (this.nextContent ?? unsupported());
    return ranged(newScalar(null), emptyAt, emptyAt, tail);
  }

  /** Where a node that ends at `valueEnd` on `line` ends with its trailing spaces, comment and line break. */
  private lineTail(valueEnd: number, line: Line): number {
    let pos = valueEnd;
    while (pos < line.end && isSpace(this.text.charCodeAt(pos))) pos++;
    if (pos < line.end && (this.text.charCodeAt(pos) !== 35 || pos === valueEnd)) unsupported();
    return line.next;
  }

  /** A scalar or a one-line flow sequence starting at `pos`; `inFlow` inside "[...]". */
  private readInline(pos: number, end: number, inFlow: boolean): YamlNode {
    const c = this.text.charCodeAt(pos);
    if (c === 91 /* [ */ && !inFlow) return this.readFlowSeq(pos, end);
    if (c === 34 /* " */) {
      const close = this.text.indexOf('"', pos + 1);
      if (close < 0 || close >= end) return unsupported();
      const value = this.text.slice(pos + 1, close);
      if (value.includes("\\")) unsupported();
      return ranged(newScalar(value), pos, close + 1, close + 1);
    }
    if (c === 39 /* ' */) {
      let close = pos + 1;
      for (;;) {
        close = this.text.indexOf("'", close);
        if (close < 0 || close >= end) return unsupported();
        if (this.text.charCodeAt(close + 1) !== 39) break;
        close += 2;
      }
      return ranged(newScalar(this.text.slice(pos + 1, close).replace(/''/g, "'")), pos, close + 1, close + 1);
    }
    return this.readPlain(pos, end, inFlow);
  }

  private readPlain(pos: number, end: number, inFlow: boolean): YamlNode {
    const text = this.text;
    const first = text[pos] ?? "";
    const second = text.charCodeAt(pos + 1);
    const secondEnds = pos + 1 >= end || isSpace(second) || (inFlow && ",[]{}".includes(text[pos + 1] ?? ""));
    if (",[]{}#&*!|>'\"%@`".includes(first) || ("-?:".includes(first) && secondEnds)) unsupported();
    let stop = pos;
    while (stop < end) {
      const ch = text.charCodeAt(stop);
      if (ch === 35 /* # */ && isSpace(text.charCodeAt(stop - 1))) break;
      if (ch === 58 /* : */) {
        const next = text.charCodeAt(stop + 1);
        if (stop + 1 >= end || isSpace(next) || (inFlow && ",[]{}".includes(text[stop + 1] ?? ""))) unsupported();
      }
      if (inFlow && (ch === 44 || ch === 93)) break; /* , ] */
      if (inFlow && (ch === 91 || ch === 123 || ch === 125)) unsupported(); /* [ { } */
      stop++;
    }
    let valueEnd = stop;
    while (valueEnd > pos && isSpace(text.charCodeAt(valueEnd - 1))) valueEnd--;
    const source = text.slice(pos, valueEnd);
    return ranged(newScalar(typedValue(source)), pos, valueEnd, inFlow ? stop : valueEnd);
  }

  /** "[a, b]" on one line; anything nested or spread over lines is left to `yaml`. */
  private readFlowSeq(open: number, end: number): YamlNode {
    const seq = newSeq(true);
    const text = this.text;
    let pos = open + 1;
    for (;;) {
      while (pos < end && isSpace(text.charCodeAt(pos))) pos++;
      if (pos >= end) return unsupported();
      if (text.charCodeAt(pos) === 93) break; /* ] */
      const item = this.readInline(pos, end, true);
      let after = (item.range as [number, number, number])[1];
      while (after < end && isSpace(text.charCodeAt(after))) after++;
      (item.range as [number, number, number])[2] = after;
      seq.items.push(item);
      const c = text.charCodeAt(after);
      if (c === 93) {
        pos = after;
        break;
      }
      if (c !== 44) return unsupported();
      pos = after + 1;
    }
    return ranged(seq, open, pos + 1, pos + 1);
  }
}

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
  let indent = -1;
  let chunkStart = -1;
  let listEnd = text.length;
  for (let lineStart = start; lineStart < text.length;) {
    const lf = text.indexOf("\n", lineStart);
    const lineEnd = lf < 0 ? text.length : lf;
    const next = lf < 0 ? text.length : lf + 1;
    const kind = classifyLine(text, lineStart, lineEnd);
    if (kind >= 0) {
      const column = kind >> 1;
      const item = (kind & 1) === 1;
      if (indent < 0) {
        if (!item) return undefined;
        indent = column;
      }
      if (item && column === indent) {
        if (chunkStart >= 0) chunks.push({ start: chunkStart, end: lineStart });
        chunkStart = lineStart;
      } else if (column <= indent) {
        listEnd = lineStart;
        break;
      }
    }
    lineStart = next;
  }
  if (chunkStart < 0) return undefined;
  chunks.push({ start: chunkStart, end: listEnd });
  return { indent, chunks, storiesLine, listEnd };
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
  for (let lineStart = (chunks[from] as Span).start; lineStart < text.length;) {
    const lf = text.indexOf("\n", lineStart);
    const lineEnd = lf < 0 ? text.length : lf;
    const next = lf < 0 ? text.length : lf + 1;
    const kind = classifyLine(text, lineStart, lineEnd);
    if (kind >= 0) {
      const column = kind >> 1;
      const item = (kind & 1) === 1;
      if (item && column === indent) {
        // An unchanged item line after the edit: from here on the old scan saw the same text.
        const old = lineStart - 1 >= newEditEnd ? oldChunkAt(lineStart - delta) : undefined;
        if (old !== undefined) {
          resyncAt = old;
          break;
        }
        starts.push(lineStart);
      } else if (column <= indent) break;
    }
    lineStart = next;
  }
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

/** One story item read on its own: everything in it is relative to the chunk's start. */
export interface StoryChunk {
  /** The story with spans relative to the chunk and index 0. */
  readonly story: Story;
  /** Schema findings of the item, relative to the chunk, for story index 0. */
  readonly schemaFindings: readonly Finding[];
}

/** Plain data of a node the subset reader built (no aliases, string keys only). */
function dataOf(node: unknown): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) out[String((pair.key as Scalar).value)] = dataOf(pair.value);
    return out;
  }
  if (isSeq(node)) return node.items.map(dataOf);
  return (node as Scalar | null)?.value ?? null;
}

/** Schema findings of one item, validated alone; their messages still name the item's place in the list. */
function storySchema(item: YamlNode, data: unknown, chunk: string, index: number): Finding[] {
  return checkStoryData(data, yamlNodeLocator(item), chunk, index);
}

/** Where a chunk stands: before another item, last before more keys, or last in the file. */
export type ChunkPlace = "middle" | "last" | "end";

/**
 * Reads one story chunk (its text starts at the item's line) with the subset reader, or with `yaml` when the
 * chunk leaves the subset. Undefined when the chunk cannot be read on its own exactly as in its file: a YAML
 * error, or anchors, aliases and tags, which may reach across stories. The whole file is then read at once.
 */
export function readStoryChunk(chunk: string, indent: number, eol: string, place: ChunkPlace): StoryChunk | undefined {
  let item: YamlNode | undefined;
  let data: unknown;
  if (!outsideSubset(chunk)) {
    try {
      const next = place === "middle" ? chunk.length + indent : undefined;
      item = new SubsetReader(chunk, readLines(chunk, 0, chunk.length), indent, -1, next).readSingleItem(indent);
      data = dataOf(item);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
    }
  }
  if (!item) {
    // What follows the last chunk (keys at another indentation) cannot be stood in for.
    if (/[&*!]/.test(chunk) || place === "last") return undefined;
    // A stand-in next item gives `yaml` the context the chunk has in its file, where trailing comments and
    // line breaks attach to nodes by what follows them.
    const followed = place === "middle";
    const sentinel = followed ? `${" ".repeat(indent)}- x${eol}` : "";
    const doc = parseYaml(chunk + sentinel, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, logLevel: "error" });
    const seq = doc.contents;
    if (doc.errors.length > 0 || doc.warnings.length > 0 || !isSeq(seq) || seq.items.length !== (followed ? 2 : 1)) return undefined;
    item = seq.items[0] as YamlNode;
    data = (doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown[])[0];
  }
  // A middle chunk's ranges may reach the next item's dash (an empty value with a comment ends there), so
  // the story is read from the chunk plus the start of the next item, which is the same in every file.
  const view = place === "middle" ? `${chunk}${" ".repeat(indent)}-` : chunk;
  return { story: readStory(view, item, 0, eol), schemaFindings: storySchema(item, data, view, 0) };
}

/** The backlog outside its stories list: header fields and the root's schema findings. */
export interface YamlSkeleton {
  readonly header: Pick<Backlog, "product" | "productGoal" | "personas" | "sprint">;
  readonly schemaFindings: readonly Finding[];
}

/**
 * Reads the file outside its story chunks with the subset reader. `items` are the story items' nodes with
 * file offsets, or undefined when the caller reads them separately (the list then counts as valid).
 */
export function readSkeleton(text: string, layout: YamlLayout | undefined, lastItemEnd: number): YamlSkeleton | undefined {
  if (outsideSubset(layout ? text.slice(0, layout.chunks[0]?.start ?? 0) + text.slice(layout.listEnd) : text)) return undefined;
  const firstChunk = layout?.chunks[0];
  const lines = layout && firstChunk ? readLines(text, 0, firstChunk.start) : readLines(text, 0, text.length);
  const holeLine = layout ? lines.length : -1;
  if (layout) {
    // The stories list is one placeholder line; the lines after the list follow it.
    lines.push({ start: firstChunk?.start ?? 0, content: firstChunk?.start ?? 0, end: layout.listEnd, next: layout.listEnd, blank: false });
    lines.push(...readLines(text, layout.listEnd, text.length));
  }
  try {
    const reader = new SubsetReader(text, lines, 0, holeLine);
    const root = reader.readRoot();
    if (layout) {
      const list = reader.hole;
      if (!list || !root || root.items.find((p) => (p.key as Scalar).value === "stories")?.value !== list) return undefined;
      const dash = (firstChunk?.start ?? 0) + layout.indent;
      list.range = [dash, lastItemEnd, lastItemEnd];
      // The root's range ends where its last value does; with the list last, that is the list's end.
      const lastValue = root.items[root.items.length - 1]?.value as YamlNode | undefined;
      if (lastValue === list) root.range = [root.range?.[0] ?? 0, lastItemEnd, lastItemEnd];
    }
    const data = dataOf(root);
    if (layout && data && typeof data === "object") (data as Record<string, unknown>)["stories"] = [];
    return {
      header: root ? readBacklogHeader(text, root) : { personas: [] },
      schemaFindings: root ? checkBacklogData(data, yamlNodeLocator(root), text) : [],
    };
  } catch (error) {
    if (error instanceof Unsupported) return layout ? librarySkeleton(text, layout, lastItemEnd) : undefined;
    throw error;
  }
}

/**
 * The file outside its story chunks read by `yaml`, for a header the subset reader leaves (a flow map such as the
 * sprint's `- { name: Sprint Planning, duration: 4h }`): the stories list is stood in for by an empty flow list at
 * its first dash, every other character of it a space, so that every offset is the file's; the header is small,
 * and the stories are still read chunk by chunk (before, such a header sent every keystroke through the whole
 * file: 1.6 s in a 10,000-story backlog). Undefined where that could read otherwise than the whole file does: any
 * error or warning, anchors, aliases or tags outside the list.
 */
function librarySkeleton(text: string, layout: YamlLayout, lastItemEnd: number): YamlSkeleton | undefined {
  const first = layout.chunks[0];
  if (!first) return undefined;
  const dash = first.start + layout.indent;
  const outside = text.slice(0, first.start) + text.slice(layout.listEnd);
  if (/[&*!]/.test(outside) || text.slice(dash, dash + 2) !== "- ") return undefined;
  const blank = (from: number, to: number): string => text.slice(from, to).replace(/[^\r\n]/g, " ");
  const stood = `${text.slice(0, dash)}[]${blank(dash + 2, layout.listEnd)}${text.slice(layout.listEnd)}`;
  const doc = parseYaml(stood, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, logLevel: "error" });
  const root = doc.contents;
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isMap(root)) return undefined;
  const list = root.items.find((p) => isScalar(p.key) && p.key.value === "stories")?.value;
  if (!isSeq(list) || list.items.length > 0 || list.range?.[0] !== dash) return undefined;
  list.range = [dash, lastItemEnd, lastItemEnd];
  const lastValue = root.items[root.items.length - 1]?.value;
  if (lastValue === list) root.range = [root.range?.[0] ?? 0, lastItemEnd, lastItemEnd];
  const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  return {
    header: readBacklogHeader(text, root as YAMLMap),
    schemaFindings: checkBacklogData(data, yamlNodeLocator(root as YamlNode), text),
  };
}

/** What a fast read gives besides the backlog: whether it had to read the whole file with `yaml`. */
export interface FastParse {
  readonly backlog: Backlog;
  /** "fast": subset reader (with `yaml` for some chunks); "library": the whole file by `yaml`. */
  readonly path: "fast" | "library";
}

/** The whole file by `yaml`: the reference behaviour everything else must equal. */
export function parseYamlWithLibrary(text: string): Backlog {
  const { backlog, document } = parseYamlBacklog(text);
  return { ...backlog, parseFindings: [...backlog.parseFindings, ...checkBacklogSchema(document, text)] };
}

/**
 * Parses a YAML backlog with the fast reader, chunk by chunk, with exactly the result of
 * `parseYamlWithLibrary`; falls back to it for the whole file when a chunk or the rest cannot be read alone.
 */
export function parseYamlFast(text: string): FastParse {
  const library = (): FastParse => ({ backlog: parseYamlWithLibrary(text), path: "library" });
  const eol = lineBreakOf(text);
  const layout = layoutOf(text);
  const stories: Story[] = [];
  const storyFindings: Finding[] = [];
  let lastItemEnd = 0;
  for (const chunk of layout?.chunks ?? []) {
    const place = chunk.end < (layout?.listEnd ?? 0) ? "middle" : chunk.end < text.length ? "last" : "end";
    const read = readStoryChunk(text.slice(chunk.start, chunk.end), layout?.indent ?? 0, eol, place);
    if (!read) return library();
    const index = stories.length;
    stories.push(shiftStory(read.story, chunk.start, index));
    for (const f of read.schemaFindings) storyFindings.push(shiftFinding(f, chunk.start, f.storyIndex === undefined ? undefined : index));
    lastItemEnd = chunk.start + read.story.span.end;
  }
  const skeleton = readSkeleton(text, layout, lastItemEnd);
  if (!skeleton) return library();
  return {
    backlog: {
      format: "yaml",
      text,
      stories,
      parseFindings: [...skeleton.schemaFindings, ...storyFindings],
      ...skeleton.header,
    },
    path: "fast",
  };
}
