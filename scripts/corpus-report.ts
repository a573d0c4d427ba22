// Runs every rule over a corpus of plain story lists and prints per-rule counts and a sample of findings.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { analyzeBacklog } from "../server/core/analyze";
import type { CoachConfig } from "../server/core/config";
import { LineIndex } from "../server/core/parse/text-lines";
import { rules } from "../server/core/rules/registry";

const REPO_ROOT = join(__dirname, "..", "..");
const DEFAULT_CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "dalpiaz");

interface Sample {
  readonly file: string;
  readonly line: number;
  readonly flagged: string;
  readonly story: string;
}

function main(argv: readonly string[]): number {
  const dir = resolve(argv.find((a) => !a.startsWith("--")) ?? DEFAULT_CORPUS);
  const perRule = Number(/^--samples=(\d+)$/.exec(argv.find((a) => a.startsWith("--samples=")) ?? "")?.[1] ?? 5);
  const onlyRule = /^--rule=(.+)$/.exec(argv.find((a) => a.startsWith("--rule=")) ?? "")?.[1];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".txt") || f.endsWith(".stories"));
  } catch {
    console.error(`No corpus at ${dir}: pass its folder as the first argument.`);
    return 2;
  }
  // Every rule at its default severity, no finding cap: the report counts what a user would see.
  const config: CoachConfig = { maxFindings: Number.MAX_SAFE_INTEGER };
  const counts = new Map<string, number>(rules.map((r) => [r.meta.id, 0]));
  const samples = new Map<string, Sample[]>();
  let stories = 0;
  let failures = 0;
  const started = Date.now();
  for (const file of files.sort()) {
    const text = readFileSync(join(dir, file), "utf8");
    const analysis = analyzeBacklog(text, "plain", config);
    stories += analysis.backlog.stories.length;
    failures += analysis.failures.length;
    for (const f of analysis.failures) console.error(`${file}: rule ${f.ruleId} failed: ${f.error.split("\n")[0] ?? ""}`);
    const lines = new LineIndex(text);
    for (const finding of analysis.findings) {
      counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
      const list = samples.get(finding.ruleId) ?? [];
      const line = lines.positionAt(finding.span.start).line;
      const story = text.slice(lines.lineStart(line), lines.lineEnd(line)).replace(/\r$/, "");
      list.push({ file, line: line + 1, flagged: text.slice(finding.span.start, finding.span.end).slice(0, 60), story });
      samples.set(finding.ruleId, list);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${files.length} files, ${stories} stories, ${seconds} s${failures > 0 ? `, ${failures} rule failures` : ""}\n`);
  console.log("rule                        severity  findings  stories%");
  for (const rule of rules) {
    const n = counts.get(rule.meta.id) ?? 0;
    const share = stories > 0 ? ((100 * n) / stories).toFixed(1) : "-";
    console.log(`${rule.meta.id.padEnd(28)}${rule.meta.defaultSeverity.padEnd(10)}${String(n).padStart(8)}  ${share.padStart(8)}`);
  }
  for (const rule of rules) {
    const list = samples.get(rule.meta.id) ?? [];
    if (list.length === 0 || (onlyRule && onlyRule !== rule.meta.id)) continue;
    // An even spread over the corpus says more than the first few of one file.
    const step = Math.max(1, Math.floor(list.length / perRule));
    const shown = onlyRule ? list : list.filter((_, i) => i % step === 0).slice(0, perRule);
    console.log(`\n## ${rule.meta.id} (${list.length})`);
    for (const s of shown)
      console.log(`${s.file}:${s.line} [${s.flagged}] ${s.story.length > 160 ? `${s.story.slice(0, 157)}...` : s.story}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
