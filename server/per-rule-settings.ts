// The settings UI's entry per rule (`backlogCoach.rule.<id>`: off, hint, info, warning, error or default) folded into
// the `backlogCoach.rules` object, before the settings are checked as a config file is.
import { isSeveritySetting, type RuleSetting } from "./core/config";

/** The value of a `backlogCoach.rule.<id>` entry that leaves the rule to `backlogCoach.rules` and its default. */
export const RULE_SETTING_DEFAULT = "default";

/**
 * The rules object with each per-rule entry that names a severity applied over it: the per-rule entry wins over
 * the object's severity for that rule (it is the more specific setting, the one the settings UI shows), and the
 * object's options for the rule are kept. "default" and anything that is not a severity leave the object as it
 * is. A workspace `.backlog-coach.yaml` still overrides both (see mergeConfigs).
 */
export function withPerRuleSettings(rules: unknown, perRule: unknown): unknown {
  if (typeof perRule !== "object" || perRule === null || Array.isArray(perRule)) return rules;
  const picked = Object.entries(perRule as Record<string, unknown>).filter((entry): entry is [string, RuleSetting & string] =>
    isSeveritySetting(entry[1]),
  );
  if (picked.length === 0) return rules;
  const base = typeof rules === "object" && rules !== null && !Array.isArray(rules) ? (rules as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...base };
  for (const [id, severity] of picked) {
    const before = base[id];
    merged[id] = typeof before === "object" && before !== null && !Array.isArray(before) ? { ...before, severity } : severity;
  }
  return merged;
}
