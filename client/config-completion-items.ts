// Completion in .backlog-coach.yaml: rule ids as keys under `rules:`, and severities as their values (pure: tested
// without VS Code). The rule ids come from the manifest's per-rule settings, generated from the rules' metadata.

export const SEVERITIES = ["error", "warning", "info", "hint", "off"] as const;

/** What to offer at a position: the labels, and the column where the word being replaced starts. */
export interface ConfigCompletion {
  readonly kind: "rule" | "severity";
  readonly labels: readonly string[];
  readonly replaceFrom: number;
}

const indentOf = (line: string): number => /^\s*/.exec(line)?.[0].length ?? 0;

/** The key of the nearest line above `lineNumber` indented less than `indent`, skipping blanks and comments. */
function parentKey(lines: readonly string[], lineNumber: number, indent: number): string | undefined {
  for (let l = lineNumber - 1; l >= 0; l--) {
    const text = lines[l] ?? "";
    if (text.trim() === "" || text.trim().startsWith("#")) continue;
    if (indentOf(text) < indent) return /^\s*([\w-]+)\s*:/.exec(text)?.[1];
  }
  return undefined;
}

/** Completion at (line, character) of a config file's text; undefined where there is nothing to offer. */
export function configCompletion(text: string, line: number, character: number, ruleIds: readonly string[]): ConfigCompletion | undefined {
  const lines = text.split(/\r?\n/);
  const before = (lines[line] ?? "").slice(0, character);
  const indent = indentOf(before);
  const key = /^(\s+)([a-z0-9-]*)$/.exec(before);
  if (key && parentKey(lines, line, indent) === "rules") {
    // Only the rules not configured yet in this block.
    const present = new Set(
      lines.flatMap((l, i) => (i !== line && indentOf(l) === indent ? (/^\s*([a-z][a-z0-9-]*)\s*:/.exec(l)?.[1] ?? []) : [])),
    );
    return { kind: "rule", labels: ruleIds.filter((id) => !present.has(id)), replaceFrom: indent };
  }
  const value = /^(\s+)([a-z][a-z0-9-]*)\s*:\s*(\w*)$/.exec(before);
  if (value) {
    const parent = parentKey(lines, line, indent);
    const ruleValue = parent === "rules" && ruleIds.includes(value[2] ?? "");
    const severityKey = value[2] === "severity" && ruleIds.includes(parent ?? "");
    if (ruleValue || severityKey) return { kind: "severity", labels: SEVERITIES, replaceFrom: character - (value[3]?.length ?? 0) };
  }
  return undefined;
}
