// Text output: one `path:line:col severity rule-id message` line per problem, read by the manifest's problem matcher;
// and `stylish`, grouped per file as ESLint prints it, for people.
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

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 || word === "info" ? "" : "s"}`;

/**
 * `--format stylish`, as ESLint's default formatter lays it out: each file's path once, then its problems indented,
 * `line:col`, severity, message and rule id in aligned columns, a blank line between files, and a count at the end.
 * Nothing when there is no problem. For a person at a terminal; CI logs and the problem matcher use `text`.
 */
export function formatStylish(results: readonly FileResult[]): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const r of results) {
    if (r.problems.length === 0) continue;
    const rows = r.problems.map((p) => [`${p.line}:${p.column}`, p.severity, p.message, p.ruleId] as const);
    const width = (i: 0 | 1 | 2) => Math.max(...rows.map((row) => row[i].length));
    const [at, severity, message] = [width(0), width(1), width(2)];
    out.push(r.file.display);
    for (const [position, level, text, ruleId] of rows)
      out.push(`  ${position.padStart(at)}  ${level.padEnd(severity)}  ${text.padEnd(message)}  ${ruleId}`.trimEnd());
    out.push("");
    for (const p of r.problems) {
      if (p.severity === "error") errors++;
      else if (p.severity === "warning") warnings++;
      else infos++;
      if (p.fixable) fixable++;
    }
  }
  const total = errors + warnings + infos;
  if (total === 0) return "";
  out.push(
    `${errors > 0 ? "✖" : "⚠"} ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "info")})`,
  );
  if (fixable > 0) out.push(`  ${plural(fixable, "problem")} potentially fixable with the \`--fix\` option.`);
  return `${out.join("\n")}\n`;
}
