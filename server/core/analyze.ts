// The core's entry point: file text -> story model -> rules -> findings, with rule failures isolated.
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_FINDINGS, resolveRule, type CoachConfig } from "./config";
import { parseBacklog } from "./formats";
import type { Backlog, BacklogFormat, Finding, Severity } from "./model";
import { fileNotChecked } from "./rules/file-format-rules";
import { ruleById, rules } from "./rules/registry";
import type { Rule, RuleContext, RuleReport } from "./rules/rule";
import { applySuppressions } from "./suppressions";

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

/** Fills "{name}" placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (data && name in data ? String(data[name]) : whole));
}

function runRule(rule: Rule, backlog: Backlog, severity: Severity, options: object, out: Finding[], failures: RuleFailure[]): void {
  const make = (r: RuleReport): Finding => ({
    ruleId: rule.meta.id,
    messageId: r.messageId,
    message: formatMessage(rule.meta.messages[r.messageId] ?? r.messageId, r.data),
    severity,
    span: r.span,
    ...(r.storyIndex !== undefined && { storyIndex: r.storyIndex }),
    ...(r.fixes && { fixes: r.fixes }),
    ...(r.related && { related: r.related }),
    ...(r.unnecessary && { unnecessary: true }),
  });
  const context: RuleContext = { backlog, options, report: (r) => out.push(make(r)) };
  if (rule.checkStory) {
    for (const story of backlog.stories) {
      try {
        rule.checkStory(story, context);
      } catch (error) {
        failures.push({
          ruleId: rule.meta.id,
          storyIndex: story.index,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    }
  }
  if (rule.checkBacklog) {
    try {
      rule.checkBacklog(backlog, context);
    } catch (error) {
      failures.push({ ruleId: rule.meta.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
}

/** Parser findings take the severity (or "off") configured for their pseudo-rule. */
function configureParseFindings(findings: readonly Finding[], config: CoachConfig): Finding[] {
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
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
  const kept = [...findings].sort((a, b) => rank[a.severity] - rank[b.severity] || a.span.start - b.span.start).slice(0, max);
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

/** A file too large or not text gets one finding and no parse: the editor must stay responsive whatever is opened. */
function refuseToCheck(text: string, format: BacklogFormat, config: CoachConfig): Analysis | undefined {
  const limit = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const messageId = text.length > limit ? "tooLarge" : text.slice(0, 8192).includes("\u0000") ? "binary" : undefined;
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

/** Analyses a backlog's text. Never throws: bad input becomes findings, a failing rule becomes a failure. */
export function analyzeBacklog(text: string, format: BacklogFormat, config: CoachConfig = {}, ruleSet: readonly Rule[] = rules): Analysis {
  const refused = refuseToCheck(text, format, config);
  if (refused) return refused;
  const backlog = parseBacklog(text, format);
  const findings: Finding[] = configureParseFindings(backlog.parseFindings, config);
  const failures: RuleFailure[] = [];
  for (const rule of ruleSet) {
    if (!rule.checkStory && !rule.checkBacklog) continue;
    const { severity, options } = resolveRule(rule, config);
    if (severity === "off") continue;
    runRule(rule, backlog, severity, options, findings, failures);
  }
  const kept = applySuppressions(text, findings, backlog.stories).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { backlog, findings: capFindings(kept, config.maxFindings ?? DEFAULT_MAX_FINDINGS), failures };
}
