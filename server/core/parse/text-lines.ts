// Line arithmetic over file text: the single offset <-> line/character conversion used by the server and the CLI.

/**
 * The file's line break: "\r\n" when its first line break is CRLF, "\n" otherwise. The one definition: the readers
 * write it into each story's layout, and the rules' fixes write it.
 */
export function lineBreakOf(text: string | CharacterSource): string {
  if (typeof text === "string") {
    const lf = text.indexOf("\n");
    return lf > 0 && text[lf - 1] === "\r" ? "\r\n" : "\n";
  }
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) return i > 0 && text.charCodeAt(i - 1) === 13 ? "\r\n" : "\n";
  return "\n";
}

/** The offset where the line holding `offset` starts (after the "\n" before it). */
export function lineStartAt(text: CharacterSource, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && text.charCodeAt(i - 1) !== 10) i--;
  return i;
}

/** The offset where the line after the one holding `offset` starts (after its "\n"), or the text's end. */
export function nextLineStartAt(text: CharacterSource, offset: number): number {
  let i = Math.max(0, offset);
  while (i < text.length && text.charCodeAt(i) !== 10) i++;
  return Math.min(text.length, i + 1);
}

/** A zero-based line and UTF-16 character, as LSP counts them. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

/** What line arithmetic reads of a text: a string, or a document that hands out its characters (TextSource). */
export interface CharacterSource {
  readonly length: number;
  charCodeAt(index: number): number;
}

/** Offsets of line starts, computed once per text; "\r\n", "\n" and a lone "\r" all end a line (as in LSP). */
export class LineIndex {
  private readonly starts: Int32Array;
  private readonly count: number;

  /**
   * `starts` (the first `count` entries), when given, must be exactly what a scan of the text would find; the
   * index reads them in place (see `editLineStarts`), so it is valid as long as the caller leaves them be.
   */
  private readonly text: CharacterSource;

  constructor(text: string);
  constructor(text: CharacterSource, starts: Int32Array, count: number);
  constructor(text: string | CharacterSource, starts?: Int32Array, count?: number) {
    this.text = text;
    if (starts || typeof text !== "string") {
      this.starts = starts ?? new Int32Array(1);
      this.count = count ?? this.starts.length;
      return;
    }
    const found = [0];
    // Without carriage returns, line starts are found by the native indexOf: a character loop over a
    // 2.5 MB file cost more than the incremental analysis of a keystroke.
    if (!text.includes("\r")) {
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) found.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          found.push(i + 1);
        } else if (c === 10 /* \n */) {
          found.push(i + 1);
        }
      }
    }
    this.starts = Int32Array.from(found);
    this.count = found.length;
  }

  /** The offsets where lines start, ascending, the first 0 (a copy). */
  lineStarts(): number[] {
    return Array.from(this.starts.subarray(0, this.count));
  }

  /** The line starts and their count, to be edited by `editLineStarts` (the index is then no longer valid). */
  release(): { readonly starts: Int32Array; readonly count: number } {
    return { starts: this.starts, count: this.count };
  }

  get lineCount(): number {
    return this.count;
  }

  /** The offset where a line starts (clamped to the text). */
  lineStart(line: number): number {
    if (line < 0) return 0;
    return this.starts[Math.min(line, this.count - 1)] ?? 0;
  }

  /** The offset where a line's content ends, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.count ? (this.starts[line + 1] ?? this.text.length) : this.text.length;
    let end = next;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 10 /* \n */) end--;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 13 /* \r */) end--;
    return end;
  }

  positionAt(offset: number): LinePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (this.starts[lo] ?? 0) };
  }

  offsetAt(position: LinePosition): number {
    if (position.line >= this.count) return this.text.length;
    const start = this.lineStart(position.line);
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }
}

/**
 * Updates line starts in place for one edit: the old text's `[editStart, oldEnd)` became the new text's
 * `[editStart, newEnd)`. Starts before the edit are kept, those after it moved, and only the edited characters
 * (with one on each side, where a "\r" and a "\n" may join or part) are scanned; the result equals a fresh scan
 * of `text`. In place, because a copy per keystroke of a 10,000-story file's 80,000 starts cost more than the
 * analysis; the array is replaced by a larger one only when it is full. Returns the array and the new count.
 */
export function editLineStarts(
  starts: Int32Array,
  count: number,
  text: CharacterSource,
  editStart: number,
  oldEnd: number,
  newEnd: number,
): { starts: Int32Array; count: number } {
  const delta = newEnd - oldEnd;
  // Starts up to editStart - 1 are made by characters before editStart - 1 and the one at it, all unchanged;
  // starts from oldEnd + 2 on by characters after the edit and the one after those.
  const keep = Math.max(1, firstAtLeast(starts, count, editStart));
  const tail = firstAtLeast(starts, count, oldEnd + 2);
  const middle: number[] = [];
  for (let i = Math.max(0, editStart - 1); i <= newEnd && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) middle.push(i + 1);
  }
  const newCount = keep + middle.length + (count - tail);
  let out = starts;
  if (newCount > starts.length) {
    out = new Int32Array(Math.ceil(newCount * 1.25) + 16);
    out.set(starts.subarray(0, keep));
    out.set(starts.subarray(tail, count), keep + middle.length);
  } else {
    out.copyWithin(keep + middle.length, tail, count);
  }
  for (let k = 0; k < middle.length; k++) out[keep + k] = middle[k] as number;
  if (delta !== 0) for (let k = keep + middle.length; k < newCount; k++) out[k] = (out[k] as number) + delta;
  out[0] = 0;
  return { starts: out, count: newCount };
}

/** The first index whose value is at least `value` among the first `count` of an increasing array (`count` when none is). */
function firstAtLeast(values: Int32Array, count: number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a character is white space as `\s` has it. */
export function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
