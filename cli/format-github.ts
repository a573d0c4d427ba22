// GitHub Actions output: workflow commands that annotate the pull request's changed lines.
import type { FileResult } from "./lint";

/** Escaping of a workflow command's message (data). */
const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
/** Escaping of a workflow command's properties, which also end at ',' and ':'. */
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub knows error, warning and notice; info and hint become notices. */
const LEVEL = { error: "error", warning: "warning", info: "notice", hint: "notice" } as const;

export function formatGithub(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const p of r.problems) {
      const props = [
        `file=${escapeProperty(r.file.display)}`,
        `line=${p.line}`,
        `col=${p.column}`,
        `endLine=${p.endLine}`,
        `endColumn=${p.endColumn}`,
        `title=${escapeProperty(`backlog-coach ${p.ruleId}`)}`,
      ];
      lines.push(`::${LEVEL[p.severity]} ${props.join(",")}::${escapeData(p.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
