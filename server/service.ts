// The language service: documents in, LSP answers out. No connection inside, so tests can drive it directly.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from "vscode-languageserver";
import type { Analysis } from "./core/analyze";
import type { CoachConfig } from "./core/config";
import { IncrementalAnalyzer } from "./core/incremental";
import { formatOfFileName } from "./core/file-patterns";
import type { BacklogFormat, Finding, Fix } from "./core/model";
import { LineIndex } from "./core/parse/text-lines";
import { toDiagnostic, toRange, toTextEdit, type DiagnosticData } from "./lsp-convert";
import type { BacklogHealth } from "./protocol";

/** What the service keeps per open document: the text it analysed and the result. */
interface DocumentState {
  readonly uri: string;
  readonly version: number;
  readonly format: BacklogFormat;
  readonly lines: LineIndex;
  readonly analysis: Analysis;
}

export class BacklogLanguageService {
  private readonly documents = new Map<string, DocumentState>();
  /** Per-document caches, so that an edit re-reads and re-checks only the stories it touched. */
  private readonly analyzers = new Map<string, IncrementalAnalyzer>();
  private config: CoachConfig = {};

  /** The format of a document by its URI, or undefined when the file is not a backlog. */
  formatOf(uri: string): BacklogFormat | undefined {
    return formatOfFileName(decodeURIComponent(uri));
  }

  setConfig(config: CoachConfig): void {
    this.config = config;
  }

  /** Analyses a document version; returns its state, or undefined when the document is not a backlog file. */
  update(uri: string, text: string, version: number): DocumentState | undefined {
    const format = this.formatOf(uri);
    if (!format) return undefined;
    let analyzer = this.analyzers.get(uri);
    if (!analyzer) {
      analyzer = new IncrementalAnalyzer(format);
      this.analyzers.set(uri, analyzer);
    }
    const state: DocumentState = { uri, version, format, lines: new LineIndex(text), analysis: analyzer.analyze(text, this.config) };
    this.documents.set(uri, state);
    return state;
  }

  close(uri: string): void {
    this.documents.delete(uri);
    this.analyzers.delete(uri);
  }

  openUris(): string[] {
    return [...this.documents.keys()];
  }

  /** The document version the current analysis is of, if any. */
  analysedVersion(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  analysis(uri: string): Analysis | undefined {
    return this.documents.get(uri)?.analysis;
  }

  diagnostics(uri: string): Diagnostic[] {
    const state = this.documents.get(uri);
    if (!state) return [];
    return state.analysis.findings.map((f) => toDiagnostic(state.lines, uri, f));
  }

  /** The line index of the analysed text, for features (hover) that convert positions themselves. */
  lines(uri: string): LineIndex | undefined {
    return this.documents.get(uri)?.lines;
  }

  /** Quick fixes for the diagnostics in the request, plus "disable here" and "open docs" for each rule. */
  codeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
    const state = this.documents.get(uri);
    if (!state) return [];
    const actions: CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      const data = diagnostic.data as DiagnosticData | undefined;
      if (!data || typeof data.ruleId !== "string") continue;
      // The diagnostic may come from an older version: find its finding by rule, message and place, never by text.
      const start = state.lines.offsetAt(diagnostic.range.start);
      const end = state.lines.offsetAt(diagnostic.range.end);
      const finding = state.analysis.findings.find(
        (f) => f.ruleId === data.ruleId && f.messageId === data.messageId && f.span.start === start && f.span.end === end,
      );
      for (const fix of finding?.fixes ?? []) actions.push(this.fixAction(state, fix, diagnostic));
      if (finding) actions.push(this.disableAction(state, finding, diagnostic));
      actions.push({
        title: `Open the docs of rule '${data.ruleId}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: "Open rule docs", command: "backlogCoach.openRuleDocs", arguments: [data.ruleId] },
      });
    }
    return actions;
  }

  private fixAction(state: DocumentState, fix: Fix, diagnostic: Diagnostic): CodeAction {
    return {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      ...(fix.preferred && { isPreferred: true }),
      edit: { changes: { [state.uri]: fix.edits.map((e) => toTextEdit(state.lines, e)) } },
    };
  }

  /** Inserts a suppression comment above the finding's line, in the comment style of the format. */
  private disableAction(state: DocumentState, finding: Finding, diagnostic: Diagnostic): CodeAction {
    const line = state.lines.positionAt(finding.span.start).line;
    const lineStart = state.lines.lineStart(line);
    const text = state.analysis.backlog.text;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, state.lines.lineEnd(line)))?.[0] ?? "";
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    const directive = `backlog-coach-disable-next-line ${finding.ruleId}`;
    const comment = state.format === "markdown" ? `<!-- ${directive} -->` : `# ${directive}`;
    const at: Range = toRange(state.lines, { start: lineStart, end: lineStart });
    return {
      title: `Disable '${finding.ruleId}' for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [state.uri]: [{ range: at, newText: `${indent}${comment}${eol}` }] } },
    };
  }

  /** Counts for the sidebar's health section. */
  health(uri: string): BacklogHealth | null {
    const state = this.documents.get(uri);
    if (!state) return null;
    const { backlog, findings } = state.analysis;
    const byStory = new Map<number, Finding[]>();
    const byRule = new Map<string, number>();
    for (const f of findings) {
      byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
      if (f.storyIndex !== undefined) byStory.set(f.storyIndex, [...(byStory.get(f.storyIndex) ?? []), f]);
    }
    const has = (index: number, ruleId: string): boolean => (byStory.get(index) ?? []).some((f) => f.ruleId === ruleId);
    const stories = backlog.stories;
    const worst = [...byStory.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0] - b[0])
      .slice(0, 10)
      .flatMap(([index, list]) => {
        const story = stories[index];
        if (!story) return [];
        const position = state.lines.positionAt(story.span.start);
        const label = story.id?.text ?? story.title?.text ?? story.sentence?.text.slice(0, 60) ?? `Story ${index + 1}`;
        return [{ label, line: position.line, character: position.character, findings: list.length, topMessage: list[0]?.message ?? "" }];
      });
    return {
      uri,
      format: state.format,
      stories: stories.length,
      wellFormed: stories.filter((s) => s.sentence?.role && s.sentence.means).length,
      withBenefit: stories.filter((s) => s.sentence?.ends).length,
      withCriteria: stories.filter((s) => (s.acceptance?.length ?? 0) > 0).length,
      ready: stories.filter((s) => s.status?.text === "ready" && !has(s.index, "story-well-formed") && !has(s.index, "criteria-missing"))
        .length,
      findingsByRule: [...byRule.entries()].sort((a, b) => b[1] - a[1]).map(([ruleId, count]) => ({ ruleId, count })),
      worstStories: worst,
      ...(backlog.sprint?.length && { sprintLength: backlog.sprint.length.text }),
    };
  }
}
