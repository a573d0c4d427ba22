// The core's entry point: file text -> story model -> rules -> findings, with rule failures isolated.
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_FINDINGS, resolveRule, type CoachConfig } from "./config";
import { parseBacklog, type ParseOptions } from "./formats";
import { sourceOf, type Backlog, type BacklogFormat, type Finding, type Severity, type Story, type TextSource } from "./model";
import fileNotChecked from "./rules/file-not-checked";
import { ruleById, rules } from "./rules/registry";
import type { Rule, RuleContext, RuleReport } from "./rules/rule";
import { applySuppressions } from "./suppressions";
import type { WorkspaceView } from "./workspace";

/** A rule that threw: the other rules' findings still stand, and the host logs this. */
export interface RuleFailure {
  readonly ruleId: string;
  readonly storyIndex?: number;
  readonly error: string;
}

export interface Analysis {
  readonly backlog: Backlog;
  /** Sorted by position; suppressed and "off" findings removed; capped at the config's maximum. */
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
}

/**
 * The messages last filled from each report's data object, with the template: a backlog rule that gives a story's
 * kept reports again on the next run (story-reports.ts) hands over the same data, and its message is not made again.
 */
const filled = new WeakMap<object, { readonly template: string; readonly message: string }>();

/** Fills "{name}" placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  const known = data && filled.get(data);
  if (known?.template === template) return known.message;
  const message = template.replace(/\{(\w+)\}/g, (whole, name: string) => (data && name in data ? String(data[name]) : whole));
  if (data) filled.set(data, { template, message });
  return message;
}

/** A rule that is on, with its effective severity and options. */
export interface ActiveRule {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly options: object;
}

/** The rules a config turns on, in registry order. */
export function activeRules(config: CoachConfig, ruleSet: readonly Rule[] = rules): ActiveRule[] {
  return ruleSet.flatMap((rule): ActiveRule[] => {
    if (!rule.checkStory && !rule.checkBacklog) return [];
    const { severity, options } = resolveRule(rule, config);
    return severity === "off" ? [] : [{ rule, severity, options }];
  });
}

/**
 * What the rules said about one story (or, for backlog rules, about the whole set): findings and failure
 * per active rule, by the rule's position in the active list, so that results can be cached per story.
 */
export interface RuleResults {
  readonly findings: readonly (readonly Finding[])[];
  readonly failures: readonly (RuleFailure | undefined)[];
  /** Set on results known to hold no finding and no failure, so that most stories are passed over at a glance. */
  readonly empty?: true;
}

const errorText = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** Severities from the most to the least severe. */
const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "hint"];

/** The less severe of two severities. */
const milder = (a: Severity, b: Severity | undefined): Severity =>
  b !== undefined && SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a;

function contextFor(
  active: ActiveRule,
  backlog: Backlog,
  emit: (f: Finding) => void,
  memory?: Map<string, unknown>,
  workspace?: WorkspaceView,
): RuleContext {
  const { rule, severity, options } = active;
  const make = (r: RuleReport): Finding => ({
    ruleId: rule.meta.id,
    messageId: r.messageId,
    message: formatMessage(rule.meta.messages[r.messageId] ?? r.messageId, r.data),
    severity: milder(severity, r.atMost),
    span: r.span,
    ...(r.storyIndex !== undefined && { storyIndex: r.storyIndex }),
    ...(r.fixes && { fixes: r.fixes }),
    ...(r.related && { related: r.related }),
    ...(r.unnecessary && { unnecessary: true }),
  });
  const encode = backlog.encodeFinding;
  return {
    backlog,
    options,
    ...(memory && { memory }),
    ...(workspace && { workspace }),
    report: (r) => emit(encode ? encode(make(r)) : make(r)),
  };
}

/** What a rule that found nothing gives: shared, as most rules find nothing in most stories. */
const NOTHING: readonly Finding[] = Object.freeze([]);

/**
 * Runs every active story rule on one story at a time, with one context per rule for all the stories: a
 * context, a closure and an array per story and rule made the garbage collector the main cost of a cold open.
 * Lists of findings and failures that hold nothing are shared between stories, never to be changed.
 */
export function storyChecker(backlog: Backlog, active: readonly ActiveRule[]): (story: Story) => RuleResults {
  let sink: Finding[] | undefined;
  const contexts = active.map((a) => contextFor(a, backlog, (f) => (sink ??= []).push(f)));
  const noFindings: readonly (readonly Finding[])[] = active.map(() => NOTHING);
  const noFailures: readonly (RuleFailure | undefined)[] = active.map(() => undefined);
  const nothing: RuleResults = { findings: noFindings, failures: noFailures, empty: true };
  return (story) => {
    let findings: (readonly Finding[])[] | undefined;
    let failures: (RuleFailure | undefined)[] | undefined;
    active.forEach((a, r) => {
      const context = contexts[r];
      if (!a.rule.checkStory || !context) return;
      sink = undefined;
      try {
        a.rule.checkStory(story, context);
      } catch (error) {
        (failures ??= [...noFailures])[r] = { ruleId: a.rule.meta.id, storyIndex: story.index, error: errorText(error) };
      }
      if (sink) (findings ??= [...noFindings])[r] = sink;
    });
    sink = undefined;
    return findings || failures ? { findings: findings ?? noFindings, failures: failures ?? noFailures } : nothing;
  };
}

/** Runs every active story rule on one story. Its result depends on the story and the backlog's header only. */
export function checkStory(story: Story, backlog: Backlog, active: readonly ActiveRule[]): RuleResults {
  return storyChecker(backlog, active)(story);
}

/**
 * Runs every active backlog rule on the whole set of stories; `memories`, by active position, persist between runs;
 * `workspace`, the other backlog files of the workspace, for the rules that look across files.
 */
export function checkBacklogRules(
  backlog: Backlog,
  active: readonly ActiveRule[],
  memories?: readonly Map<string, unknown>[],
  workspace?: WorkspaceView,
): RuleResults {
  const findings: Finding[][] = [];
  const failures: (RuleFailure | undefined)[] = [];
  for (const [r, a] of active.entries()) {
    const out: Finding[] = [];
    let failure: RuleFailure | undefined;
    if (a.rule.checkBacklog) {
      try {
        a.rule.checkBacklog(
          backlog,
          contextFor(a, backlog, (f) => out.push(f), memories?.[r], workspace),
        );
      } catch (error) {
        failure = { ruleId: a.rule.meta.id, error: errorText(error) };
      }
    }
    findings.push(out);
    failures.push(failure);
  }
  return { findings, failures };
}

/** Parser findings take the severity (or "off") configured for their pseudo-rule. */
export function configureParseFindings(findings: readonly Finding[], config: CoachConfig): Finding[] {
  return findings.flatMap((f) => {
    const rule = ruleById(f.ruleId);
    if (!rule) return [f];
    const { severity } = resolveRule(rule, config);
    return severity === "off" ? [] : [{ ...f, severity }];
  });
}

/** Keeps at most `max` findings, most severe first, and says how many were left out. */
function capFindings(findings: Finding[], max: number): Finding[] {
  if (findings.length <= max) return findings;
  // The most severe first, by position within a severity: the input is sorted by position, so one pass into
  // four buckets gives that order without sorting every finding of a huge file.
  const buckets: Record<Severity, Finding[]> = { error: [], warning: [], info: [], hint: [] };
  for (const f of findings) buckets[f.severity].push(f);
  const kept = [...buckets.error, ...buckets.warning, ...buckets.info, ...buckets.hint].slice(0, max);
  kept.sort((a, b) => a.span.start - b.span.start);
  const summary: Finding = {
    ruleId: "too-many-findings",
    messageId: "capped",
    message: `${findings.length - max} more findings in this file are not shown (limit ${max}; setting backlogCoach.maxFindings).`,
    severity: "info",
    span: { start: 0, end: 0 },
  };
  return [summary, ...kept];
}

/** Why a text is not to be checked (too large, or not text), read from its length and its first 8 KB only. */
export function refusalOf(text: TextSource, config: CoachConfig): "tooLarge" | "binary" | undefined {
  if (text.length > (config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return "tooLarge";
  return text.slice(0, 8192).includes("\u0000") ? "binary" : undefined;
}

/** A file too large or not text gets one finding and no parse: the editor must stay responsive whatever is opened. */
export function refuseToCheck(text: string, format: BacklogFormat, config: CoachConfig): Analysis | undefined {
  const limit = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const messageId = refusalOf(text, config);
  if (!messageId) return undefined;
  const { severity } = resolveRule(fileNotChecked, config);
  const data = { size: text.length, limit };
  const findings: Finding[] =
    severity === "off"
      ? []
      : [
          {
            ruleId: fileNotChecked.meta.id,
            messageId,
            message: formatMessage(fileNotChecked.meta.messages[messageId] ?? "", data),
            severity,
            span: { start: 0, end: 0 },
          },
        ];
  return { backlog: { format, text, personas: [], stories: [], parseFindings: [] }, findings, failures: [] };
}

/**
 * Puts an analysis together from parse findings and rule results, in the order a full run produces them
 * (rule by rule, each rule's stories in order, then its backlog check), so cached and fresh results agree.
 */
export function assembleAnalysis(
  backlog: Backlog,
  parseFindings: readonly Finding[],
  active: readonly ActiveRule[],
  storyResults: readonly RuleResults[],
  backlogResults: RuleResults,
  config: CoachConfig,
): Analysis {
  const findings: Finding[] = [...parseFindings];
  const failures: RuleFailure[] = [];
  // Most stories have nothing to report: leave them out once, not once per rule.
  // A loop, not filter: filter sizes its result for every story, a large array on every keystroke.
  const reporting: RuleResults[] = [];
  for (const r of storyResults) {
    if (!r.empty && (r.findings.some((list) => list.length > 0) || r.failures.some((f) => f !== undefined))) reporting.push(r);
  }
  // Index loops: this runs for every reporting story and rule on each keystroke, and `for...of` over
  // `list ?? []` made an iterator (and an array) each time, megabytes a keystroke in a 10,000-story file.
  const add = (results: RuleResults, r: number): void => {
    const list = results.findings[r];
    if (list) for (let i = 0; i < list.length; i++) findings.push(list[i] as Finding);
    const failure = results.failures[r];
    if (failure) failures.push(failure);
  };
  for (let r = 0; r < active.length; r++) {
    for (let k = 0; k < reporting.length; k++) add(reporting[k] as RuleResults, r);
    add(backlogResults, r);
  }
  const kept = applySuppressions(sourceOf(backlog), findings, backlog.stories).sort(
    (a, b) => a.span.start - b.span.start || a.span.end - b.span.end,
  );
  return { backlog, findings: capFindings(kept, config.maxFindings ?? DEFAULT_MAX_FINDINGS), failures };
}

/** Parses a text as analyzeBacklog does: with the configured CSV settings. */
export function parseForAnalysis(text: string, format: BacklogFormat, config: CoachConfig, options: ParseOptions = {}): Backlog {
  return parseBacklog(text, format, config.csv ? { ...options, csv: config.csv } : options);
}

/**
 * Analyses a backlog's text. Never throws: bad input becomes findings, a failing rule becomes a failure.
 * `workspace`: the other backlog files, when the file is checked as part of a workspace (see workspace.ts).
 */
export function analyzeBacklog(
  text: string,
  format: BacklogFormat,
  config: CoachConfig = {},
  ruleSet: readonly Rule[] = rules,
  options: ParseOptions = {},
  workspace?: WorkspaceView,
): Analysis {
  return refuseToCheck(text, format, config) ?? analyzeParsed(parseForAnalysis(text, format, config, options), config, ruleSet, workspace);
}

/** Analyses a backlog already parsed (by parseForAnalysis, from a text refuseToCheck let through). */
export function analyzeParsed(
  backlog: Backlog,
  config: CoachConfig = {},
  ruleSet: readonly Rule[] = rules,
  workspace?: WorkspaceView,
): Analysis {
  const active = activeRules(config, ruleSet);
  const storyResults = backlog.stories.map(storyChecker(backlog, active));
  return assembleAnalysis(
    backlog,
    configureParseFindings(backlog.parseFindings, config),
    active,
    storyResults,
    checkBacklogRules(backlog, active, undefined, workspace),
    config,
  );
}
