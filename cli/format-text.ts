// Text output: one `path:line:col severity rule-id message` line per problem, read by the manifest's problem matcher.
import type { FileResult } from "./lint";

/**
 * The line format. package.json's problem matcher parses exactly this shape with its regexp
 * (test/cli/problem-matcher.test.ts runs the regexp on real output): change both together.
 */
export function formatTextLine(
  path: string,
  p: { line: number; column: number; severity: string; ruleId: string; message: string },
): string {
  return `${path}:${p.line}:${p.column} ${p.severity} ${p.ruleId} ${p.message}`;
}

/** All problems, file by file, in position order. */
export function formatText(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) for (const p of r.problems) lines.push(formatTextLine(r.file.display, p));
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
