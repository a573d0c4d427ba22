// The one place core offsets become LSP ranges and core findings become LSP diagnostics and edits.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range, type TextEdit } from "vscode-languageserver";
import type { Finding, Severity, Span, TextEdit as CoreEdit } from "./core/model";
import { LineIndex } from "./core/parse/text-lines";
import { ruleDocsUrl } from "./core/rules/rule-docs";

export const DIAGNOSTIC_SOURCE = "backlog-coach";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to the server for its code actions (never matched on message text). */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly messageId: string;
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

export function toTextEdit(lines: LineIndex, edit: CoreEdit): TextEdit {
  return { range: toRange(lines, edit.span), newText: edit.newText };
}

/**
 * A finding as a diagnostic of `uri`. A related place in another file (cross-file rules) is converted with that
 * file's line index from `linesOf`, and left out when there is none.
 */
export function toDiagnostic(
  lines: LineIndex,
  uri: string,
  finding: Finding,
  linesOf?: (uri: string) => LineIndex | undefined,
): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, messageId: finding.messageId };
  return {
    range: toRange(lines, finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
    ...(finding.unnecessary && { tags: [DiagnosticTag.Unnecessary] }),
    ...(finding.related && {
      relatedInformation: finding.related.flatMap((r) => {
        const at = r.uri === undefined ? lines : linesOf?.(r.uri);
        return at ? [{ location: { uri: r.uri ?? uri, range: toRange(at, r.span) }, message: r.message }] : [];
      }),
    }),
  };
}
