// Applies text edits to a text: the one implementation behind quick fixes in tests, "fix all" and the CLI's --fix.
import type { Finding, TextEdit } from "./model";

/** Applies non-overlapping edits; an edit that overlaps one already taken is skipped and returned. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const taken: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const edit of sorted) {
    // Two insertions at the same point are ambiguous in order; the first wins, like overlapping edits.
    if (
      edit.span.start < lastEnd ||
      (edit.span.start === lastEnd && taken.length > 0 && taken[taken.length - 1]?.span.start === edit.span.start)
    ) {
      skipped.push(edit);
      continue;
    }
    taken.push(edit);
    lastEnd = edit.span.end;
  }
  let result = "";
  let at = 0;
  for (const edit of taken) {
    result += text.slice(at, edit.span.start) + edit.newText;
    at = edit.span.end;
  }
  return { text: result + text.slice(at), skipped };
}

/** The edits of each finding's first fix that qualifies (all fixes, or only safe ones), whole fixes only. */
export function editsOfFixes(findings: readonly Finding[], onlySafe: boolean): TextEdit[] {
  const edits: TextEdit[] = [];
  // Two edits at the same start where one is an insertion conflict too: applyEdits takes only the first of them,
  // so a fix that has one must be left out whole rather than half applied.
  const overlaps = (e: TextEdit): boolean =>
    edits.some(
      (t) =>
        (e.span.start < t.span.end && t.span.start < e.span.end) ||
        (e.span.start === t.span.start && (e.span.start === e.span.end || t.span.start === t.span.end)),
    );
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.safe || !onlySafe);
    if (!fix || fix.edits.some(overlaps)) continue;
    edits.push(...fix.edits);
  }
  return edits;
}
