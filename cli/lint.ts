// Runs the core's analysis over files (and, with --fix, its safe fixes) and turns findings into 1-based positions.
import { readFileSync, writeFileSync } from "node:fs";
import { analyzeBacklog, analyzeParsed, parseForAnalysis, refusalOf, type Analysis } from "../server/core/analyze";
import { applyEdits, editsOfFixes } from "../server/core/apply-edits";
import type { CoachConfig } from "../server/core/config";
import type { Backlog, Finding, Severity } from "../server/core/model";
import type { ParseOptions } from "../server/core/formats";
import { LineIndex } from "../server/core/parse/text-lines";
import { summarizeBacklog, WorkspaceIndex } from "../server/core/workspace";
import { describeError, type BacklogFile } from "./discover";
import type { Progress } from "./progress";

/** A finding placed on 1-based lines and UTF-16 columns (LSP's unit, and SARIF's default), as every output shows it. */
export interface Problem {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: Severity;
  /** One line: line breaks in quoted story text become spaces, so each problem stays one output line. */
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fixable: boolean;
  readonly storyIndex?: number;
}

/** What checking one file gave: its problems, or why it could not be read. */
export interface FileResult {
  readonly file: BacklogFile;
  readonly problems: readonly Problem[];
  readonly analysis?: Analysis;
  /** Set when the file could not be read or written (exit 2). */
  readonly error?: string;
  /** How many fixes --fix applied to the file. */
  readonly fixed: number;
  /** Said on stderr, not a failure: why --fix left the file as it was. */
  readonly notice?: string;
}

/** At most this many fix passes per file: a fix can make another one possible, but never loop for ever. */
const MAX_FIX_PASSES = 10;

/** Converts findings with the same LineIndex conversion the language server uses for diagnostics. */
export function toProblems(text: string, findings: readonly Finding[]): Problem[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const start = lines.positionAt(f.span.start);
    const end = lines.positionAt(f.span.end);
    return {
      ruleId: f.ruleId,
      messageId: f.messageId,
      severity: f.severity,
      message: f.message.replace(/\s*[\r\n]+\s*/g, " "),
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      fixable: (f.fixes ?? []).some((x) => x.safe),
      ...(f.storyIndex !== undefined && { storyIndex: f.storyIndex }),
    };
  });
}

/** How a file found by the `markdownFiles` globs is read: by its shape only. */
const readOptionsOf = (file: BacklogFile): ParseOptions => (file.shapesOnly ? { markdownShapesOnly: true } : {});

/** Applies safe fixes until none is left; returns the new text and how many fixes went in. */
export function fixText(
  text: string,
  format: BacklogFile["format"],
  config: CoachConfig,
  options: ParseOptions = {},
): { text: string; fixed: number } {
  const fixable = (t: string): { count: number; findings: readonly Finding[] } => {
    const findings = analyzeBacklog(t, format, config, undefined, options).findings;
    return { count: findings.filter((f) => f.fixes?.some((x) => x.safe)).length, findings };
  };
  const before = fixable(text);
  let current = text;
  let state = before;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = editsOfFixes(state.findings, true);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits).text;
    if (next === current) break;
    current = next;
    state = fixable(current);
  }
  // Fixed = the fixable findings that are gone; a fix that uncovers another still counts once each.
  return { text: current, fixed: Math.max(0, before.count - state.count) };
}

/**
 * A file read (and, with --fix, fixed and written back), waiting for its analysis; or why it could not be.
 * `backlog`: its parse, when it was parsed once already for the workspace (see workspaceOf).
 */
type ReadFile =
  | {
      readonly file: BacklogFile;
      readonly text: string;
      readonly lossless: boolean;
      readonly fixed: number;
      readonly backlog?: Backlog;
    }
  | { readonly file: BacklogFile; readonly error: string };

/** Reads one file and applies its safe fixes when asked; never throws. */
function readAndFix(file: BacklogFile, config: CoachConfig, fix: boolean): ReadFile {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file.path);
  } catch (error) {
    return { file, error: `Cannot read ${file.display}: ${describeError(error)}` };
  }
  const text = buffer.toString("utf8");
  // Only a file that decodes losslessly is written back: everything outside the fixes must stay byte-identical.
  // In any other file no finding is fixable, and --fix says why it left the file alone.
  const lossless = Buffer.from(text, "utf8").equals(buffer);
  if (!fix || !lossless) return { file, text, lossless, fixed: 0 };
  const result = fixText(text, file.format, config, readOptionsOf(file));
  if (result.text === text) return { file, text, lossless, fixed: 0 };
  try {
    writeFileSync(file.path, result.text, "utf8");
  } catch (error) {
    return { file, error: `Cannot write ${file.display}: ${describeError(error)}` };
  }
  return { file, text: result.text, lossless, fixed: result.fixed };
}

/** Analyses a file read, with the other files of the run as its workspace (see workspaceOf). */
function analyzeRead(read: ReadFile, config: CoachConfig, fix: boolean, workspace: WorkspaceIndex | undefined): FileResult {
  if ("error" in read) return { file: read.file, problems: [], error: read.error, fixed: 0 };
  const { file, text, lossless, fixed, backlog } = read;
  const view = workspace?.viewFor(file.path);
  const analysis = backlog
    ? analyzeParsed(backlog, config, undefined, view)
    : analyzeBacklog(text, file.format, config, undefined, readOptionsOf(file), view);
  const problems = toProblems(text, analysis.findings);
  if (lossless) return { file, problems, analysis, fixed };
  return {
    file,
    problems: problems.map((p) => (p.fixable ? { ...p, fixable: false } : p)),
    analysis,
    fixed,
    ...(fix && {
      notice: `${file.display} is not valid UTF-8: --fix leaves it unchanged, since writing it back would change bytes outside the fixes.`,
    }),
  };
}

/** Checks a text read from elsewhere (standard input) as the file it stands for. */
export function lintText(file: BacklogFile, text: string, config: CoachConfig): FileResult {
  return analyzeRead({ file, text, lossless: true, fixed: 0 }, config, false, undefined);
}

/**
 * The files of one run as a workspace, as the editor's workspace check sees them: ids unique across them, a
 * dependsOn naming a story of another file is known, a story written in two files is a duplicate. None for one file.
 * Each file checked is parsed here once, and its analysis uses that parse (the reads returned).
 */
function workspaceOf(reads: readonly ReadFile[], config: CoachConfig): { reads: readonly ReadFile[]; workspace?: WorkspaceIndex } {
  if (reads.length < 2) return { reads };
  const workspace = new WorkspaceIndex();
  const parsed = reads.map((read) => {
    if ("error" in read || refusalOf(read.text, config)) return read;
    const backlog = parseForAnalysis(read.text, read.file.format, config, readOptionsOf(read.file));
    workspace.set(summarizeBacklog(read.file.path, read.file.display, backlog));
    return { ...read, backlog };
  });
  return { reads: parsed, workspace };
}

/** Checks one file on its own; never throws (an unreadable file becomes an error result). */
export function lintFile(file: BacklogFile, config: CoachConfig, fix: boolean): FileResult {
  return analyzeRead(readAndFix(file, config, fix), config, fix, undefined);
}

/** Checks every file (read and fixed first, then analysed with the others as its workspace), ticking the progress line. */
export function lintFiles(files: readonly BacklogFile[], config: CoachConfig, fix: boolean, progress: Progress): FileResult[] {
  const { reads, workspace } = workspaceOf(
    files.map((file) => readAndFix(file, config, fix)),
    config,
  );
  const results = reads.map((read) => {
    const result = analyzeRead(read, config, fix, workspace);
    progress.tick(read.file.display);
    return result;
  });
  progress.done();
  return results;
}

/** Totals over all results, one per severity: the sidebar's health counts the same four (hints apart from info). */
export function countProblems(results: readonly FileResult[]): {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  fixed: number;
} {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let hints = 0;
  let fixed = 0;
  for (const r of results) {
    fixed += r.fixed;
    for (const p of r.problems) {
      if (p.severity === "error") errors++;
      else if (p.severity === "warning") warnings++;
      else if (p.severity === "info") infos++;
      else hints++;
    }
  }
  return { errors, warnings, infos, hints, fixed };
}
