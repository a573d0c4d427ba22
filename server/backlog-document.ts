// The server's open documents: text kept in a buffer and edited in place, so a keystroke in a large file
// costs a copy, not V8 building (and later flattening) a new multi-megabyte string on its heap.
import type { Position, Range, TextDocumentContentChangeEvent } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
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
export class BacklogDocument implements TextDocument {
  private buffer: Buffer;
  private encoding: "latin1" | "utf16le";
  /** The text's length in UTF-16 code units, as LSP and JavaScript count. */
  private length: number;
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
    this.length = 0;
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

  getText(range?: Range): string {
    const text = (this.text ??= this.buffer.toString(this.encoding, 0, this.byteOffset(this.length)));
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
    return (this.index ??= new LineIndex(this.getText(), this.starts, this.lineTotal));
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
    const end = line >= lines.lineCount ? this.length : lines.lineEnd(last);
    return { start: { line: last, character: 0 }, end: { line: last, character: end - lines.lineStart(last) } };
  }

  /** The line break that ends a line ("" for the last line and out of bounds). */
  getEOLCharacters(line: number): string {
    const lines = this.lines();
    if (line < 0 || line >= lines.lineCount) return "";
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : this.length;
    return this.getText().slice(lines.lineEnd(line), next);
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
    this.length = content.length;
    this.text = content;
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
    const unit = this.bytesPerChar();
    const newLength = this.length - (to - from) + insert.length;
    if (newLength * unit > this.buffer.length) {
      const grown = Buffer.allocUnsafe(roomFor(newLength * unit));
      this.buffer.copy(grown, 0, 0, from * unit);
      this.buffer.copy(grown, (from + insert.length) * unit, to * unit, this.length * unit);
      this.buffer = grown;
    } else {
      this.buffer.copy(this.buffer, (from + insert.length) * unit, to * unit, this.length * unit);
    }
    this.buffer.write(insert, from * unit, insert.length * unit, this.encoding);
    this.length = newLength;
    this.text = undefined;
    this.index = undefined;
    ({ starts: this.starts, count: this.lineTotal } = editLineStarts(
      this.starts,
      this.lineTotal,
      this.getText(),
      from,
      to,
      from + insert.length,
    ));
  }
}

/** A buffer size with room to grow, so typing does not reallocate on every inserted character. */
const roomFor = (bytes: number): number => Math.max(1024, Math.ceil(bytes * 1.25));
