// Line arithmetic over file text: the single offset <-> line/character conversion used by the server and the CLI.

/** The file's line break: "\r\n" when its first line break is CRLF, "\n" otherwise. */
export function lineBreakOf(text: string): string {
  const lf = text.indexOf("\n");
  return lf > 0 && text[lf - 1] === "\r" ? "\r\n" : "\n";
}

/** A zero-based line and UTF-16 character, as LSP counts them. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

/** Offsets of line starts, computed once per text; "\r\n", "\n" and a lone "\r" all end a line (as in LSP). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    // Without carriage returns, line starts are found by the native indexOf: a character loop over a
    // 2.5 MB file cost more than the incremental analysis of a keystroke.
    if (!text.includes("\r")) {
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset where a line starts (clamped to the text). */
  lineStart(line: number): number {
    if (line < 0) return 0;
    return this.starts[Math.min(line, this.starts.length - 1)] ?? 0;
  }

  /** The offset where a line's content ends, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? (this.starts[line + 1] ?? this.text.length) : this.text.length;
    let end = next;
    if (end > this.lineStart(line) && this.text[end - 1] === "\n") end--;
    if (end > this.lineStart(line) && this.text[end - 1] === "\r") end--;
    return end;
  }

  positionAt(offset: number): LinePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (this.starts[lo] ?? 0) };
  }

  offsetAt(position: LinePosition): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(position.line);
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }
}
