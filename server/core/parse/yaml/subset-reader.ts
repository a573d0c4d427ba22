// The subset reader: the YAML backlogs are written in, read without the `yaml` lexer into `yaml`'s own node shapes.
import type { Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";

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
export class Unsupported extends Error {}

const unsupported = (): never => {
  throw new Unsupported();
};

/** Characters the reader will not interpret: tabs, lone carriage returns, BOMs and the Unicode line breaks. */
const OUTSIDE_SUBSET = /\t|\r(?!\n)|\uFEFF|\u0085|\u2028|\u2029/;
/** The same test; `includes` is a native scan, many times faster than the regular expression on long text. */
export const outsideSubset = (text: string): boolean =>
  text.includes("\t") ||
  text.includes("\uFEFF") ||
  text.includes("\u0085") ||
  text.includes("\u2028") ||
  text.includes("\u2029") ||
  (text.includes("\r") && OUTSIDE_SUBSET.test(text));

/** One line of the region being read. */
export interface Line {
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

export function readLines(text: string, from: number, to: number): Line[] {
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
export class SubsetReader {
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
