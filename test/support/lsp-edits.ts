// Applying the edits a server returns, as a client would: LSP ranges in the text they were made for.
import type { TextEdit } from "vscode-languageserver/node";
import { applyEdits } from "../../server/core/apply-edits";
import { LineIndex } from "../../server/core/parse/text-lines";

/** The text with LSP edits applied (every range in the text as given). */
export function applyLspEdits(text: string, edits: readonly Pick<TextEdit, "range" | "newText">[]): string {
  const lines = new LineIndex(text);
  return applyEdits(
    text,
    edits.map((e) => ({ span: { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }, newText: e.newText })),
  ).text;
}
