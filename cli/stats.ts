// `backlog-coach stats`: per-rule counts and the share of stories well formed, with a benefit, with criteria, ready.
import { resolveRule, type CoachConfig } from "../server/core/config";
import { healthMeasures } from "../server/core/health";
import { rules } from "../server/core/rules/registry";
import type { FileResult } from "./lint";

/** Corpus figures: the same measures as the sidebar's health section (server/core/health.ts), summed over files. */
export interface Stats {
  readonly files: number;
  readonly stories: number;
  readonly wellFormed: number;
  readonly withBenefit: number;
  /** Stories with criteria, out of the stories whose format can hold criteria (plain lists cannot). */
  readonly withCriteria: number;
  readonly criteriaApplicable: number;
  /** Ready stories, out of the stories whose format has a status (YAML). */
  readonly ready: number;
  readonly readyApplicable: number;
  /** Findings per rule id, in registry order, every rule listed. */
  readonly byRule: readonly { readonly ruleId: string; readonly severity: string; readonly findings: number; readonly stories: number }[];
}

/** Sums the results of a run; severities are the ones the config gives each rule. */
export function computeStats(results: readonly FileResult[], config: CoachConfig = {}): Stats {
  let stories = 0;
  let wellFormed = 0;
  let withBenefit = 0;
  let withCriteria = 0;
  let criteriaApplicable = 0;
  let ready = 0;
  let readyApplicable = 0;
  const findings = new Map<string, number>();
  const storiesHit = new Map<string, number>();
  const add = (into: Map<string, number>, from: ReadonlyMap<string, number>): void => {
    for (const [ruleId, n] of from) into.set(ruleId, (into.get(ruleId) ?? 0) + n);
  };
  for (const r of results) {
    if (!r.analysis) continue;
    const m = healthMeasures(r.analysis);
    const format = r.analysis.backlog.format;
    stories += m.stories;
    wellFormed += m.wellFormed;
    withBenefit += m.withBenefit;
    withCriteria += m.withCriteria;
    ready += m.ready;
    if (format !== "plain") criteriaApplicable += m.stories;
    // A story can be marked ready in YAML, and where another format gives it a status (a BMAD story file, a tracker row).
    readyApplicable += format === "yaml" ? m.stories : r.analysis.backlog.stories.filter((s) => s.status).length;
    add(findings, m.findingsByRule);
    add(storiesHit, m.storiesByRule);
  }
  return {
    files: results.length,
    stories,
    wellFormed,
    withBenefit,
    withCriteria,
    criteriaApplicable,
    ready,
    readyApplicable,
    byRule: rules.map((r) => ({
      ruleId: r.meta.id,
      severity: resolveRule(r, config).severity,
      findings: findings.get(r.meta.id) ?? 0,
      stories: storiesHit.get(r.meta.id) ?? 0,
    })),
  };
}

const share = (n: number, of: number): string => (of > 0 ? `${((100 * n) / of).toFixed(1)} %` : "n/a");

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * A plain-text table (also valid Markdown), as the README's corpus report shows it. Each share names what it is out
 * of: criteria count only in the formats that hold them, readiness only where a story has a status.
 */
export function formatStatsText(stats: Stats): string {
  const all = count(stats.stories, "story", "stories");
  const row = (measure: string, n: number, of: number, ofWhat: string): string => `| ${measure} | ${n} | ${ofWhat} | ${share(n, of)} |`;
  const lines = [
    `${count(stats.files, "file", "files")}, ${all}`,
    "",
    "| measure | stories | out of | share |",
    "|---|---:|---|---:|",
    row("well formed (role and means)", stats.wellFormed, stats.stories, all),
    row("with a benefit (not a placeholder)", stats.withBenefit, stats.stories, all),
    row(
      "with acceptance criteria",
      stats.withCriteria,
      stats.criteriaApplicable,
      `${count(stats.criteriaApplicable, "story", "stories")} in YAML, Markdown and Gherkin (a plain list holds no criteria)`,
    ),
    row(
      "ready (status ready, well formed, with criteria)",
      stats.ready,
      stats.readyApplicable,
      `${count(stats.readyApplicable, "story", "stories")} in YAML or with a status`,
    ),
    "",
    `| rule | severity | findings | stories flagged | share of the ${all} |`,
    "|---|---|---:|---:|---:|",
    ...stats.byRule.map((r) => `| ${r.ruleId} | ${r.severity} | ${r.findings} | ${r.stories} | ${share(r.stories, stats.stories)} |`),
  ];
  return `${lines.join("\n")}\n`;
}

export function formatStatsJson(stats: Stats): string {
  return `${JSON.stringify(stats, null, 2)}\n`;
}
