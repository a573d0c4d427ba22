// The language service: documents in, LSP answers out. No connection inside, so tests can drive it directly.
import type { CodeAction, Diagnostic } from "vscode-languageserver";
import type { Analysis } from "./core/analyze";
import type { CoachConfig } from "./core/config";
import { IncrementalAnalyzer } from "./core/incremental";
import { backlogFileKind } from "./core/backlog-files";
import type { Backlog, BacklogFormat, Finding, Severity, Story, TextChange, TextSource } from "./core/model";
import { healthMeasures, type HealthMeasures } from "./core/health";
import { previewFindings } from "./core/preview";
import { rules } from "./core/rules/registry";
import { LineIndex } from "./core/parse/text-lines";
import { codeActions as buildCodeActions } from "./code-actions";
import { toDiagnostic } from "./lsp-convert";
import {
  MAX_HEALTH_FINDINGS,
  NEXT_STORIES,
  type BacklogHealth,
  type FindingSummary,
  type SprintLoad,
  type StoryReadiness,
} from "./protocol";
import type { WorkspaceView } from "./core/workspace";

/** Severities from the most severe: the order of the health view's stories. */
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The most severe of a story's findings (the first of them in the file); the list is never empty. */
function mostSevere(list: readonly Finding[]): Finding {
  let top = list[0] as Finding;
  for (const f of list) if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[top.severity]) top = f;
  return top;
}

/** A story as the sidebar names it: its id, else its title, else its sentence's start. */
function storyLabel(story: Story): string {
  return story.id?.text ?? story.title?.text ?? story.sentence?.text.slice(0, 60) ?? `Story ${story.index + 1}`;
}

/** A numeric rank ("priority: 3"), or undefined. */
const rankOf = (story: Story): number | undefined => {
  const value = story.priority?.value;
  const n =
    typeof value === "number" ? value : typeof value === "string" && /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : undefined;
  return n !== undefined && Number.isFinite(n) ? n : undefined;
};

/** The first NEXT_STORIES stories in rank order (ranked ones by rank, then the rest in file order), each with how ready it is. */
function nextStories(stories: readonly Story[], m: HealthMeasures, lines: LineIndex): StoryReadiness[] {
  const ranked = stories
    .map((story) => ({ story, rank: rankOf(story) }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.story.index - b.story.index)
    .slice(0, NEXT_STORIES);
  return ranked.map(({ story }) => {
    const at = lines.positionAt(story.span.start);
    return {
      label: storyLabel(story),
      ...(story.id && story.title && { title: story.title.text }),
      ...(story.status && { status: story.status.text }),
      ...(story.priority && { rank: String(story.priority.value) }),
      readiness: m.readyStories.has(story.index) ? "ready" : story.status?.text === "ready" ? "claimed" : "notReady",
      findings: m.findingsByStory.get(story.index)?.length ?? 0,
      line: at.line,
      character: at.character,
    };
  });
}

/** The Sprint's stories (sprint.stories) with their estimates, and its capacity; undefined when the backlog gives neither. */
function sprintLoad(backlog: Backlog): SprintLoad | undefined {
  const sprint = backlog.sprint;
  if (!sprint || (sprint.capacity === undefined && sprint.stories === undefined)) return undefined;
  const byId = new Map(backlog.stories.flatMap((s) => (s.id ? [[s.id.text, s] as const] : [])));
  return {
    ...(sprint.capacity && { capacity: sprint.capacity.value }),
    stories: (sprint.stories ?? []).map((id) => {
      const story = byId.get(id.text);
      const estimate = story?.estimate?.value;
      return {
        label: id.text,
        ...(story?.title && { title: story.title.text }),
        ...(typeof estimate === "number" && Number.isFinite(estimate) && { estimate }),
        found: story !== undefined,
      };
    }),
  };
}

/** What the service keeps per open document: the text it analysed and the result. */
interface DocumentState {
  readonly uri: string;
  readonly version: number;
  readonly format: BacklogFormat;
  readonly lines: LineIndex;
  readonly analysis: Analysis;
}

/**
 * A URI with its percent escapes decoded, for reading the file name: as written when an escape is malformed
 * (`100%.backlog.yaml`, `%E0%A4%A`), which clients send and which must not stop the server.
 */
function decodedUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

export class BacklogLanguageService {
  private readonly documents = new Map<string, DocumentState>();
  /** Per-document caches, so that an edit re-reads and re-checks only the stories it touched. */
  private readonly analyzers = new Map<string, IncrementalAnalyzer>();
  private config: CoachConfig = {};
  /** The other backlog files each document's backlog rules see, and their line indexes (see workspace-check.ts). */
  private workspace: { viewFor(uri: string): WorkspaceView | undefined; linesOf(uri: string): LineIndex | undefined } | undefined;

  /** The format of a document by its URI, or undefined when the file is not a backlog. */
  formatOf(uri: string): BacklogFormat | undefined {
    return backlogFileKind(decodedUri(uri), this.config)?.format;
  }

  setConfig(config: CoachConfig): void {
    this.config = config;
  }

  /** The config the documents are analysed with. */
  get currentConfig(): CoachConfig {
    return this.config;
  }

  /** Gives the backlog rules of every later analysis the workspace's other files. */
  setWorkspace(workspace: { viewFor(uri: string): WorkspaceView | undefined; linesOf(uri: string): LineIndex | undefined }): void {
    this.workspace = workspace;
  }

  /**
   * Analyses a document version; returns its state, or undefined when the document is not a backlog file.
   * `lines`, when the caller keeps the text's line index up to date itself, saves a scan of the whole text.
   */
  update(uri: string, text: string, version: number, lines: LineIndex = new LineIndex(text)): DocumentState | undefined {
    // A string is a TextSource too; "all": it is compared with the last text analysed, not told what changed.
    return this.updateSource(uri, text, "all", version, lines);
  }

  /**
   * Diagnostics for the first `stories` stories of a large file that has not been analysed yet (a YAML backlog, a
   * plain list, a tracker export), to show before its whole analysis; undefined when there is no such preview to
   * make (see previewFindings).
   */
  preview(uri: string, text: string, lines: LineIndex, stories: number): Diagnostic[] | undefined {
    const format = this.formatOf(uri);
    if (!format || this.documents.has(uri)) return undefined;
    return previewFindings(text, this.config, stories, rules, format)?.map((f) => toDiagnostic(lines, uri, f));
  }

  /**
   * Analyses a document kept as a `TextSource` after `edit` (see IncrementalAnalyzer.analyzeSource): typing in a
   * large file then never makes its whole text one string. `lines` must be the source's line index.
   */
  updateSource(
    uri: string,
    source: TextSource,
    edit: TextChange | "all" | undefined,
    version: number,
    lines: LineIndex,
  ): DocumentState | undefined {
    const format = this.formatOf(uri);
    if (!format) {
      // A tracker export the settings no longer opt in is not a backlog any more.
      this.close(uri);
      return undefined;
    }
    const analyzer = this.analyzer(uri, format);
    analyzer.workspace = this.workspace?.viewFor(uri);
    const state: DocumentState = { uri, version, format, lines, analysis: analyzer.analyzeSource(source, edit, this.config) };
    this.documents.set(uri, state);
    return state;
  }

  private analyzer(uri: string, format: BacklogFormat): IncrementalAnalyzer {
    let analyzer = this.analyzers.get(uri);
    // The settings can change the format of a file (a glob opting a CSV in): its old analyzer cannot serve it.
    const shapesOnly = backlogFileKind(decodedUri(uri), this.config)?.shapesOnly === true;
    if (!analyzer || analyzer.format !== format || analyzer.markdownShapesOnly !== shapesOnly) {
      analyzer = new IncrementalAnalyzer(format, shapesOnly);
      this.analyzers.set(uri, analyzer);
    }
    return analyzer;
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
    const linesOf = this.workspace && ((other: string) => this.workspace?.linesOf(other));
    return state.analysis.findings.map((f) => toDiagnostic(state.lines, uri, f, linesOf));
  }

  /** The line index of the analysed text, for features (hover) that convert positions themselves. */
  lines(uri: string): LineIndex | undefined {
    return this.documents.get(uri)?.lines;
  }

  /** Code actions for a request: quick fixes, fix all, disable here, open docs (see code-actions.ts). */
  codeActions(uri: string, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
    const state = this.documents.get(uri);
    if (!state) return [];
    return buildCodeActions(state, { diagnostics, ...(only && { only }) });
  }

  /** Counts for the sidebar's health section. */
  health(uri: string): BacklogHealth | null {
    const state = this.documents.get(uri);
    if (!state) return null;
    const { backlog } = state.analysis;
    const m = healthMeasures(state.analysis);
    const stories = backlog.stories;
    // Errors first: a story is ranked by its most severe finding, then by how many findings it has, then by place;
    // each is headed by that most severe finding (the first of them in the file).
    const worst = [...m.findingsByStory.entries()]
      .map(([index, list]) => ({ index, list, top: mostSevere(list) }))
      .sort((a, b) => SEVERITY_RANK[a.top.severity] - SEVERITY_RANK[b.top.severity] || b.list.length - a.list.length || a.index - b.index)
      .slice(0, 10)
      .flatMap(({ index, list, top }) => {
        const story = stories[index];
        if (!story) return [];
        const position = state.lines.positionAt(story.span.start);
        return [
          {
            label: storyLabel(story),
            ...(story.id && story.title && { title: story.title.text }),
            line: position.line,
            character: position.character,
            findings: list.length,
            severity: top.severity,
            topMessage: top.message,
          },
        ];
      });
    const bySeverity = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const f of state.analysis.findings) bySeverity[f.severity]++;
    const findings = state.analysis.findings.slice(0, MAX_HEALTH_FINDINGS).map((f): FindingSummary => {
      const start = state.lines.positionAt(f.span.start);
      const end = state.lines.positionAt(f.span.end);
      const story = f.storyIndex === undefined ? undefined : stories[f.storyIndex];
      return {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: start.line,
        character: start.character,
        endLine: end.line,
        endCharacter: end.character,
        fixable: (f.fixes?.length ?? 0) > 0,
        ...(story && { story: storyLabel(story) }),
        ...(story?.title && { title: story.title.text }),
        ...(story?.status && { status: story.status.text }),
      };
    });
    return {
      uri,
      format: state.format,
      stories: m.stories,
      wellFormed: m.wellFormed,
      withBenefit: m.withBenefit,
      withCriteria: m.withCriteria,
      ready: m.ready,
      findingsBySeverity: bySeverity,
      findingsByRule: [...m.findingsByRule.entries()].sort((a, b) => b[1] - a[1]).map(([ruleId, count]) => ({ ruleId, count })),
      worstStories: worst,
      ...(backlog.sprint?.length && { sprintLength: backlog.sprint.length.text }),
      findings,
      ...(state.analysis.findings.length > findings.length && { findingsLeftOut: state.analysis.findings.length - findings.length }),
      nextStories: nextStories(backlog.stories, m, state.lines),
      ...(sprintLoad(backlog) && { sprint: sprintLoad(backlog) }),
    };
  }
}
