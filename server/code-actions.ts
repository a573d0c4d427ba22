// Code actions from findings: each fix, "fix all" of a rule and of the file, "disable here", "open the docs".
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from "vscode-languageserver";
import type { Analysis } from "./core/analyze";
import { editsOfFixes } from "./core/apply-edits";
import { sourceOf, type BacklogFormat, type Finding, type Fix } from "./core/model";
import type { LineIndex } from "./core/parse/text-lines";
import { DIAGNOSTIC_SOURCE, toRange, toTextEdit, type DiagnosticData } from "./lsp-convert";

/** The kind of the whole-file "fix all" action, namespaced so editors can run it on save on its own. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.backlog-coach`;

/** What the actions are built from: one analysed document. */
export interface CodeActionDocument {
  readonly uri: string;
  readonly format: BacklogFormat;
  readonly lines: LineIndex;
  readonly analysis: Analysis;
}

/** The parts of a code action request the actions depend on. */
export interface CodeActionRequest {
  readonly diagnostics: readonly Diagnostic[];
  /** The kinds the client asked for, if it narrowed them (e.g. only source.fixAll on save). */
  readonly only?: readonly string[];
}

const wants = (only: readonly string[] | undefined, kind: string): boolean =>
  !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));

/**
 * The rule a diagnostic of ours is from: its data's, or (where an editor hands back a diagnostic without the data we
 * sent, as VS Code does for one whose collection was just published again) its code, for our source only.
 */
function ruleOf(diagnostic: Diagnostic): { readonly ruleId: string; readonly messageId?: string } | undefined {
  const data = diagnostic.data as DiagnosticData | undefined;
  if (data && typeof data.ruleId === "string") return data;
  return diagnostic.source === DIAGNOSTIC_SOURCE && typeof diagnostic.code === "string" ? { ruleId: diagnostic.code } : undefined;
}

/**
 * The finding a diagnostic stands for, matched by rule, message id and place, never by message text; without the
 * data, by rule and place (and the message among findings of one rule on one place).
 */
function findingOf(doc: CodeActionDocument, diagnostic: Diagnostic): Finding | undefined {
  const rule = ruleOf(diagnostic);
  if (!rule) return undefined;
  const start = doc.lines.offsetAt(diagnostic.range.start);
  const end = doc.lines.offsetAt(diagnostic.range.end);
  const here = doc.analysis.findings.filter((f) => f.ruleId === rule.ruleId && f.span.start === start && f.span.end === end);
  if (rule.messageId !== undefined) return here.find((f) => f.messageId === rule.messageId);
  return here.find((f) => f.message === diagnostic.message) ?? here[0];
}

function fixAction(doc: CodeActionDocument, fix: Fix, diagnostic: Diagnostic): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(fix.preferred && { isPreferred: true }),
    edit: { changes: { [doc.uri]: fix.edits.map((e) => toTextEdit(doc.lines, e)) } },
  };
}

/** Applies the safe fixes of the given findings in one edit; undefined when there is nothing to apply. */
function fixAllAction(doc: CodeActionDocument, title: string, kind: string, findings: readonly Finding[]): CodeAction | undefined {
  const edits = editsOfFixes(findings, true);
  if (edits.length === 0) return undefined;
  return { title, kind, edit: { changes: { [doc.uri]: edits.map((e) => toTextEdit(doc.lines, e)) } } };
}

/** Inserts a suppression comment above a line, in the format's comment style and the line's indentation. */
function disableAction(doc: CodeActionDocument, ruleId: string, offset: number, title: string, diagnostic: Diagnostic): CodeAction {
  const line = doc.lines.positionAt(offset).line;
  const lineStart = doc.lines.lineStart(line);
  // Pieces, not the whole text: editors ask for code actions whenever the cursor moves.
  const text = sourceOf(doc.analysis.backlog);
  const lineText = text.slice(lineStart, doc.lines.lineEnd(line));
  // A YAML list item's comment goes at the dash's column, so it stays inside the list.
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? "";
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const directive = `backlog-coach-disable-next-line ${ruleId}`;
  const comment = doc.format === "markdown" ? `<!-- ${directive} -->` : `# ${directive}`;
  const at: Range = toRange(doc.lines, { start: lineStart, end: lineStart });
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [doc.uri]: [{ range: at, newText: `${indent}${comment}${eol}` }] } },
  };
}

/** Every code action for a request: quick fixes per diagnostic, then "fix all" for the file. */
export function codeActions(doc: CodeActionDocument, request: CodeActionRequest): CodeAction[] {
  const actions: CodeAction[] = [];
  const findings = doc.analysis.findings;
  if (wants(request.only, CodeActionKind.QuickFix)) {
    const fixAllOffered = new Set<string>();
    for (const diagnostic of request.diagnostics) {
      const data = ruleOf(diagnostic);
      if (!data) continue;
      const finding = findingOf(doc, diagnostic);
      for (const fix of finding?.fixes ?? []) actions.push(fixAction(doc, fix, diagnostic));
      if (finding && !fixAllOffered.has(finding.ruleId)) {
        fixAllOffered.add(finding.ruleId);
        const same = findings.filter((f) => f.ruleId === finding.ruleId);
        // Only worth offering when it does more than the single fix above.
        if (same.filter((f) => f.fixes?.some((x) => x.safe)).length > 1) {
          const all = fixAllAction(doc, `Fix all '${finding.ruleId}' problems`, CodeActionKind.QuickFix, same);
          if (all) actions.push(all);
        }
      }
      // CSV and JSON have no comments: a suppression comment would break the export, so none is offered there.
      if (finding && doc.format !== "csv" && doc.format !== "github-issues") {
        actions.push(disableAction(doc, finding.ruleId, finding.span.start, `Disable '${finding.ruleId}' for this line`, diagnostic));
        const story = finding.storyIndex !== undefined ? doc.analysis.backlog.stories[finding.storyIndex] : undefined;
        if (story && doc.lines.positionAt(story.span.start).line !== doc.lines.positionAt(finding.span.start).line) {
          actions.push(disableAction(doc, finding.ruleId, story.span.start, `Disable '${finding.ruleId}' for this story`, diagnostic));
        }
      }
      actions.push({
        title: `Open the docs of rule '${data.ruleId}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: "Open rule docs", command: "backlogCoach.openRuleDocs", arguments: [data.ruleId] },
      });
    }
  }
  // "source.fixAll" is only sent when asked for by kind (on save, or the Fix All command), never in the light bulb.
  if (request.only && wants(request.only, FIX_ALL_KIND)) {
    const all = fixAllAction(doc, "Fix all safe Backlog Coach problems", FIX_ALL_KIND, findings);
    if (all) actions.push(all);
  }
  return actions;
}

/**
 * Quick fixes for the findings of a `.backlog-coach.yaml` (an unknown rule id's suggestion): the config file is no
 * backlog, so it gets its fixes only, no "fix all", "disable" or docs actions.
 */
export function configFileActions(
  uri: string,
  lines: LineIndex,
  findings: readonly Finding[],
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const doc: CodeActionDocument = {
    uri,
    format: "yaml",
    lines,
    analysis: { backlog: { format: "yaml", text: "", personas: [], stories: [], parseFindings: [] }, findings, failures: [] },
  };
  return diagnostics.flatMap((d) => (findingOf(doc, d)?.fixes ?? []).map((fix) => fixAction(doc, fix, d)));
}
