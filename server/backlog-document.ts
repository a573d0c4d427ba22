// The server's open documents: text kept in a buffer and edited in place, so a keystroke in a large file
// costs a copy, not V8 building (and later flattening) a new multi-megabyte string on its heap.
// Node's Buffer in the Node server; in the web worker's bundle the npm package of the same API (scripts/build.mjs).
import { Buffer } from "buffer";
import type { Position, Range, TextDocumentContentChangeEvent } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { TextChange, TextSource } from "./core/model";
import { editLineStarts, LineIndex } from "./core/parse/text-lines";

/** Characters up to U+00FF take one byte each ("latin1"); a text with any other is kept in UTF-16. */
const beyondLatin1 = /[^\u0000-\u00ff]/;

/**
 * An open document. Measured on a 3.4 MB backlog: applying a one-character edit the way
 * vscode-languageserver-textdocument does (`before + change + after`) gives a cons string whose first read
 * flattens it, 11 to 15 ms a keystroke, most of it the operating system handing V8 fresh pages for the new
 * large string. Here the text lives in a Buffer with spare room: an edit moves the bytes after it, and the new
 * text is read out with `Buffer#toString`, which Node makes an external string for large sizes (about 0.3 ms).
 * Line starts are updated around the edit only. Implements the library's `TextDocument` so `TextDocuments`
 * can hold it.
 */
export class BacklogDocument implements TextDocument, TextSource {
  private buffer: Buffer;
  private encoding: "latin1" | "utf16le";
  /** The text's length in UTF-16 code units, as LSP and JavaScript count. */
  private size: number;
  /** The edits since `takeEdit` was last called, as one: "all" after a whole-text replacement. */
  private pending: TextChange | "all" | undefined = "all";
  private text: string | undefined;
  /** Line starts (the first `lineTotal`), edited in place: see `lines()`. */
  private starts: Int32Array;
  private lineTotal: number;
  private index: LineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.encoding = beyondLatin1.test(content) ? "utf16le" : "latin1";
    this.buffer = Buffer.alloc(0);
    this.size = 0;
    this.starts = new Int32Array(1);
    this.lineTotal = 1;
    this.replaceAll(content);
  }

  static create(uri: string, languageId: string, version: number, content: string): BacklogDocument {
    return new BacklogDocument(uri, languageId, version, content);
  }

  /** Applies the changes in order (each one's range is in the text the previous ones left) and sets the version. */
  static update(document: BacklogDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): BacklogDocument {
    for (const change of changes) {
      if ("range" in change) document.replaceRange(change.range, change.text);
      else document.replaceAll(change.text);
    }
    document.currentVersion = version;
    return document;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.lineTotal;
  }

  get length(): number {
    return this.size;
  }

  /**
   * What changed since the last call (all of it the first time, or after a whole-text change), as one edit in
   * the current text's offsets, and forgets it: for the one analysis that follows the document's versions.
   */
  takeEdit(): TextChange | "all" | undefined {
    const edit = this.pending;
    this.pending = undefined;
    return edit;
  }

  /**
   * Whether the text changed since `takeEdit` was last called: what says a document needs analysing, since a
   * client may send a change under a version number it has used before.
   */
  get changed(): boolean {
    return this.pending !== undefined;
  }

  /** A piece of the text, read from the buffer (String#slice's arguments). */
  slice(start: number, end: number = this.size): string {
    if (this.text !== undefined) return this.text.slice(start, end);
    const from = clampIndex(start, this.size);
    const to = Math.max(from, clampIndex(end, this.size));
    return this.buffer.toString(this.encoding, this.byteOffset(from), this.byteOffset(to));
  }

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.size)) return NaN;
    return this.encoding === "latin1" ? (this.buffer[index] as number) : this.buffer.readUInt16LE(index * 2);
  }

  startsWith(search: string, position = 0): boolean {
    const at = Math.min(Math.max(0, Math.trunc(position) || 0), this.size);
    return at + search.length <= this.size && this.slice(at, at + search.length) === search;
  }

  /** Whether the text contains `search`: a native search of the buffer, not a copy of the text. */
  includes(search: string): boolean {
    if (this.text !== undefined) return this.text.includes(search);
    if (search === "") return true;
    if (this.encoding === "latin1" && beyondLatin1.test(search)) return false;
    // A view of the text's bytes (Buffer.from on the memory, not subarray, whose type the npm package leaves Uint8Array).
    const bytes = Buffer.from(this.buffer.buffer, this.buffer.byteOffset, this.byteOffset(this.size));
    // In UTF-16 a match must start at a character, at an even byte.
    for (let at = bytes.indexOf(search, 0, this.encoding); at >= 0; at = bytes.indexOf(search, at + 1, this.encoding))
      if (this.encoding === "latin1" || at % 2 === 0) return true;
    return false;
  }

  toString(): string {
    return this.getText();
  }

  getText(range?: Range): string {
    const text = (this.text ??= this.buffer.toString(this.encoding, 0, this.byteOffset(this.size)));
    if (!range) return text;
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    return text.slice(Math.min(start, end), Math.max(start, end));
  }

  /**
   * Line arithmetic over the current text; the same index is returned until the next edit, which updates the
   * line starts it reads in place: an index is only valid for the version it was taken at.
   */
  lines(): LineIndex {
    return (this.index ??= new LineIndex(this, this.starts, this.lineTotal));
  }

  /** As the library does: an offset inside a line break ("\r|\n") is the end of its line. */
  positionAt(offset: number): Position {
    const lines = this.lines();
    const position = lines.positionAt(offset);
    const end = lines.lineEnd(position.line) - lines.lineStart(position.line);
    return position.character > end ? { line: position.line, character: end } : position;
  }

  offsetAt(position: Position): number {
    return position.line < 0 ? 0 : this.lines().offsetAt(position);
  }

  /** The range of a line without its line break (the library's behaviour out of bounds). */
  getLineRange(line: number): Range {
    const lines = this.lines();
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const last = Math.min(line, lines.lineCount - 1);
    const end = line >= lines.lineCount ? this.size : lines.lineEnd(last);
    return { start: { line: last, character: 0 }, end: { line: last, character: end - lines.lineStart(last) } };
  }

  /** The line break that ends a line ("" for the last line and out of bounds). */
  getEOLCharacters(line: number): string {
    const lines = this.lines();
    if (line < 0 || line >= lines.lineCount) return "";
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : this.size;
    return this.slice(lines.lineEnd(line), next);
  }

  private bytesPerChar(): number {
    return this.encoding === "latin1" ? 1 : 2;
  }

  private byteOffset(offset: number): number {
    return offset * this.bytesPerChar();
  }

  private replaceAll(content: string): void {
    this.encoding = beyondLatin1.test(content) ? "utf16le" : "latin1";
    const bytes = content.length * this.bytesPerChar();
    this.buffer = Buffer.allocUnsafe(roomFor(bytes));
    this.buffer.write(content, 0, bytes, this.encoding);
    this.size = content.length;
    this.text = content;
    this.pending = "all";
    this.index = new LineIndex(content);
    ({ starts: this.starts, count: this.lineTotal } = this.index.release());
  }

  private replaceRange(range: Range, insert: string): void {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    const [from, to] = start <= end ? [start, end] : [end, start];
    if (this.encoding === "latin1" && beyondLatin1.test(insert)) {
      // The first character beyond Latin-1: from now on the document is kept in UTF-16.
      const text = this.getText();
      this.replaceAll(text.slice(0, from) + insert + text.slice(to));
      return;
    }
    this.pending = mergeEdits(this.pending, { start: from, oldEnd: to, newEnd: from + insert.length });
    const unit = this.bytesPerChar();
    const newLength = this.size - (to - from) + insert.length;
    if (newLength * unit > this.buffer.length) {
      const grown = Buffer.allocUnsafe(roomFor(newLength * unit));
      this.buffer.copy(grown, 0, 0, from * unit);
      this.buffer.copy(grown, (from + insert.length) * unit, to * unit, this.size * unit);
      this.buffer = grown;
    } else {
      this.buffer.copy(this.buffer, (from + insert.length) * unit, to * unit, this.size * unit);
    }
    this.buffer.write(insert, from * unit, insert.length * unit, this.encoding);
    this.size = newLength;
    this.text = undefined;
    this.index = undefined;
    // Line starts are found from the buffer's characters: asking for the text here would make all of it a string.
    ({ starts: this.starts, count: this.lineTotal } = editLineStarts(this.starts, this.lineTotal, this, from, to, from + insert.length));
  }
}

/** A buffer size with room to grow, so typing does not reallocate on every inserted character. */
const roomFor = (bytes: number): number => Math.max(1024, Math.ceil(bytes * 1.25));

/** String#slice's reading of an index: negative counts from the end; the result lies in [0, length]. */
function clampIndex(index: number, length: number): number {
  const i = Math.trunc(index) || 0;
  return i < 0 ? Math.max(0, length + i) : Math.min(i, length);
}

/**
 * Two edits as one: `next` is in the offsets `previous` left. The result covers both, in the offsets after
 * `next`; what lies outside it is the text from before both, only moved.
 */
export function mergeEdits(previous: TextChange | "all" | undefined, next: TextChange): TextChange | "all" {
  if (previous === "all") return "all";
  if (!previous) return next;
  const delta = previous.newEnd - previous.oldEnd + (next.newEnd - next.oldEnd);
  const start = Math.min(previous.start, next.start);
  // Where the earlier edit's end is after the later edit.
  const previousEnd =
    previous.newEnd >= next.oldEnd
      ? previous.newEnd + (next.newEnd - next.oldEnd)
      : previous.newEnd > next.start
        ? next.newEnd
        : previous.newEnd;
  const newEnd = Math.max(next.newEnd, previousEnd);
  return { start, oldEnd: newEnd - delta, newEnd };
}
