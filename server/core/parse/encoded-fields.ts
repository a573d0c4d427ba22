// Writes the rules' fixes into encoded fields (CSV cells, JSON strings): each edit's new text quoted or escaped
// as its field needs; a fix that would write outside a field, or end inside an escape or a tag, is not offered.
import type { Finding, Fix, Span, TextEdit } from "../model";

/** A field whose text the rules read as a projection (see tracker-text.ts). Offsets in the file. */
export interface EncodedField {
  /** The field's value as written: inside the quotes of a quoted CSV cell or of a JSON string. */
  readonly content: Span;
  /** The whole field, quotes included: what is replaced when an unquoted CSV cell must become quoted. */
  readonly whole: Span;
  readonly kind: "csv" | "csv-quoted" | "json";
  /** Runs of the source that stand for something else (file offsets); no edit may end strictly inside one. */
  readonly atoms: readonly Span[];
}

/**
 * New text as the rules wrote it, in the field's encoding. A doubled quote in it came from the projection, where
 * it stands for one quote (CSV `""`, JSON `\"`).
 */
function encode(newText: string, kind: EncodedField["kind"]): string {
  const plain = newText.replace(/""/g, '"');
  if (kind === "json") return JSON.stringify(plain).slice(1, -1);
  return kind === "csv-quoted" ? plain.replace(/"/g, '""') : plain;
}

/** Whether an unquoted CSV cell needs quotes once it holds this text. */
const needsQuotes = (value: string, delimiter: string): boolean => value.includes(delimiter) || /["\r\n]/.test(value);

/** The field an edit falls in (both ends inside its content), or undefined. */
export type FieldFinder = (span: Span) => EncodedField | undefined;

/** The field an edit falls in, by binary search over fields sorted by position (offsets relative to `base`). */
function fieldOf(fields: readonly EncodedField[], span: Span, base = 0): EncodedField | undefined {
  let lo = 0;
  let hi = fields.length - 1;
  const start = span.start - base;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = fields[mid] as EncodedField;
    if (start < f.content.start) hi = mid - 1;
    else if (start > f.content.end) lo = mid + 1;
    else return span.end - base <= f.content.end ? f : undefined;
  }
  return undefined;
}

/** Finds fields in one list sorted by position. */
export const sortedFields =
  (fields: readonly EncodedField[]): FieldFinder =>
  (span) =>
    fieldOf(fields, span);

const shiftSpan = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });

/**
 * Finds fields kept per record (a CSV row read once and handed back while its text is unchanged): `starts` are
 * the records' offsets in increasing order, `lists[k]` the fields of record k relative to its start, sorted.
 */
export function fieldsByRecord(starts: readonly number[], lists: readonly (readonly EncodedField[])[]): FieldFinder {
  // The same field object for the same field: a fix's edits are grouped by field.
  const placed = new Map<EncodedField, EncodedField>();
  return (span) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= span.start) lo = mid;
      else hi = mid - 1;
    }
    const base = starts[lo];
    const list = lists[lo];
    if (base === undefined || !list || base > span.start) return undefined;
    const field = fieldOf(list, span, base);
    if (!field) return undefined;
    let absolute = placed.get(field);
    if (!absolute) {
      absolute = {
        content: shiftSpan(field.content, base),
        whole: shiftSpan(field.whole, base),
        kind: field.kind,
        atoms: field.atoms.map((a) => shiftSpan(a, base)),
      };
      placed.set(field, absolute);
    }
    return absolute;
  };
}

const splitsAtom = (field: EncodedField, offset: number): boolean => field.atoms.some((a) => offset > a.start && offset < a.end);

/**
 * A function that rewrites a finding's fixes for a file of encoded fields. `source` reads the file's text; an
 * unquoted CSV cell that a fix gives a delimiter, a quote or a line break is rewritten whole, quoted.
 */
export function fieldFixWriter(
  fieldAt: FieldFinder,
  source: (start: number, end: number) => string,
  delimiter = ",",
): (finding: Finding) => Finding {
  const rewrite = (fix: Fix): Fix | undefined => {
    const edits: TextEdit[] = [];
    const byField = new Map<EncodedField, TextEdit[]>();
    for (const edit of fix.edits) {
      if (edit.encoded) {
        edits.push(edit);
        continue;
      }
      const field = fieldAt(edit.span);
      if (!field || splitsAtom(field, edit.span.start) || splitsAtom(field, edit.span.end)) return undefined;
      byField.set(field, [...(byField.get(field) ?? []), edit]);
    }
    for (const [field, own] of byField) {
      const encoded = own.map((e) => ({ span: e.span, newText: encode(e.newText, field.kind) }));
      if (field.kind !== "csv") {
        edits.push(...encoded);
        continue;
      }
      // An unquoted cell: write it back whole, quoted, when its new value needs quotes.
      let value = source(field.content.start, field.content.end);
      for (const e of [...encoded].sort((a, b) => b.span.start - a.span.start)) {
        value = value.slice(0, e.span.start - field.content.start) + e.newText + value.slice(e.span.end - field.content.start);
      }
      if (needsQuotes(value, delimiter)) edits.push({ span: field.whole, newText: `"${value.replace(/"/g, '""')}"` });
      else edits.push(...encoded);
    }
    return { ...fix, edits };
  };
  return (finding) => {
    if (!finding.fixes) return finding;
    const fixes = finding.fixes.map(rewrite).filter((f): f is Fix => f !== undefined);
    if (fixes.length === finding.fixes.length && fixes.every((f, k) => f === finding.fixes?.[k])) return finding;
    if (fixes.length > 0) return { ...finding, fixes };
    const rest: { -readonly [K in keyof Finding]?: Finding[K] } = { ...finding };
    delete rest.fixes;
    return rest as Finding;
  };
}
