// Effective settings: per-rule severity and options, merged from defaults, VS Code settings and .backlog-coach.yaml.
import type { Severity } from "./model";
import type { Rule } from "./rules/rule";

export type SeveritySetting = Severity | "off";

/** One rule's setting as a user writes it: a severity, or a severity with options. */
export type RuleSetting = SeveritySetting | { readonly severity?: SeveritySetting; readonly options?: Readonly<Record<string, unknown>> };

/** The settings the engine reads. Every field is optional; absent means the default. */
export interface CoachConfig {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** At most this many findings are reported per file; the rest are summed up in one finding. */
  readonly maxFindings?: number;
  /** Files longer than this many characters are not analysed, so a huge file cannot freeze the editor. */
  readonly maxFileSize?: number;
  /** Tracker exports the user opts in, by glob: CSV files and `gh issue list --json` files (none by default). */
  readonly trackerFiles?: TrackerFiles;
  /** How CSV exports are read: a column mapping for any CSV, the issue types that are stories. */
  readonly csv?: CsvSettings;
  /** Markdown files read by their shape (Spec Kit, BMAD, ...), by glob; absent: the defaults of markdown-files.ts. */
  readonly markdownFiles?: readonly string[];
}

export interface TrackerFiles {
  readonly csv?: readonly string[];
  readonly "github-issues"?: readonly string[];
}

/** The story fields a generic CSV's columns can be mapped to, by header name. */
export type CsvField = "id" | "story" | "title" | "description" | "criteria" | "estimate" | "status" | "priority" | "type";

export interface CsvSettings {
  readonly columns?: Readonly<Partial<Record<CsvField, string>>>;
  /** The rows read as stories, by their issue or work item type (default: Story, User Story, Product Backlog Item). */
  readonly issueTypes?: readonly string[];
}

export const DEFAULT_MAX_FINDINGS = 1000;
export const DEFAULT_MAX_FILE_SIZE = 5_000_000;

const SEVERITIES: readonly string[] = ["error", "warning", "info", "hint", "off"];

export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === "string" && SEVERITIES.includes(value);
}

/** A rule's effective severity and options under a config. */
export function resolveRule<O extends object>(rule: Rule<O>, config: CoachConfig): { severity: SeveritySetting; options: O } {
  const setting = config.rules?.[rule.meta.id];
  if (setting === undefined) return { severity: rule.meta.defaultSeverity, options: rule.meta.defaultOptions };
  if (typeof setting === "string")
    return { severity: isSeveritySetting(setting) ? setting : rule.meta.defaultSeverity, options: rule.meta.defaultOptions };
  return {
    severity: isSeveritySetting(setting.severity) ? setting.severity : rule.meta.defaultSeverity,
    options: { ...rule.meta.defaultOptions, ...(setting.options ?? {}) } as O,
  };
}

/** Later configs win rule by rule (VS Code settings, then the workspace's .backlog-coach.yaml). */
export function mergeConfigs(...configs: readonly (CoachConfig | undefined)[]): CoachConfig {
  let rules: Record<string, RuleSetting> = {};
  let maxFindings: number | undefined;
  let maxFileSize: number | undefined;
  let trackerFiles: TrackerFiles | undefined;
  let csv: CsvSettings | undefined;
  let markdownFiles: readonly string[] | undefined;
  for (const c of configs) {
    if (!c) continue;
    rules = { ...rules, ...(c.rules ?? {}) };
    if (c.trackerFiles !== undefined) trackerFiles = { ...trackerFiles, ...c.trackerFiles };
    if (c.csv !== undefined) csv = { ...csv, ...c.csv };
    if (c.markdownFiles !== undefined) markdownFiles = c.markdownFiles;
    if (c.maxFindings !== undefined) maxFindings = c.maxFindings;
    if (c.maxFileSize !== undefined) maxFileSize = c.maxFileSize;
  }
  return {
    rules,
    ...(maxFindings !== undefined && { maxFindings }),
    ...(maxFileSize !== undefined && { maxFileSize }),
    ...(trackerFiles && { trackerFiles }),
    ...(csv && { csv }),
    ...(markdownFiles && { markdownFiles }),
  };
}
