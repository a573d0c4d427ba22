// `npm run eval`: the story rules measured against the labelled development set (devset/): precision, recall and
// F1 per criterion and per source, with every miss and false alarm listed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeBacklog } from "../server/core/analyze";
import type { CoachConfig } from "../server/core/config";
import type { Finding } from "../server/core/model";
import { LineIndex } from "../server/core/parse/text-lines";

export const REPO_ROOT = join(__dirname, "..", "..");
export const DEVSET = join(REPO_ROOT, "devset");
export const DEFAULT_CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "dalpiaz");

/** The criteria labelled per story, each with the finding that reports it. */
export const CRITERIA = ["well_formed", "atomic", "minimal", "uniform", "unique", "benefit", "unique_hint"] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Whether a finding reports the criterion: one rule each, the role hint of story-unique counted apart. */
const REPORTS: Record<Criterion, (f: Finding) => boolean> = {
  well_formed: (f) => f.ruleId === "story-well-formed",
  atomic: (f) => f.ruleId === "story-atomic",
  minimal: (f) => f.ruleId === "story-minimal",
  uniform: (f) => f.ruleId === "story-uniform",
  unique: (f) => f.ruleId === "story-unique" && f.messageId !== "otherRole",
  benefit: (f) => f.ruleId === "story-benefit",
  unique_hint: (f) => f.ruleId === "story-unique" && f.messageId === "otherRole",
};

/** One labelled story: where it stands (`file:line`), its text, and 0/1 per criterion (1: a defect). */
export interface LabelledStory {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly source: string;
  readonly text: string;
  readonly labels: Readonly<Record<Criterion, 0 | 1>>;
  readonly note: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** What one story got: its labels, the findings the rules made on it, and the messages. */
export interface Judged {
  readonly story: LabelledStory;
  readonly found: Readonly<Record<Criterion, readonly Finding[]>>;
}

export interface EvalResult {
  readonly judged: readonly Judged[];
  /** Sources left out, with why (the corpus folder is absent). */
  readonly skipped: readonly string[];
}

const sha8 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8);

/** The groups of the set: "corpus" for the Dalpiaz backlogs, "written" for the stories written for it. */
export const partOf = (source: string): "corpus" | "written" => (source.startsWith("corpus:") ? "corpus" : "written");

/** A row of devset/labels.tsv: corpus rows hold no text (the corpus is not copied) but the checksum of their line. */
export interface LabelRow extends LabelledStory {
  readonly sha: string;
}

/** Reads devset/labels.tsv. */
export function readLabels(devset = DEVSET): LabelRow[] {
  const lines = readFileSync(join(devset, "labels.tsv"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
  const header = (lines.shift() ?? "").split("\t");
  const col = (name: string): number => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`devset/labels.tsv has no column '${name}'`);
    return at;
  };
  return lines.map((row) => {
    const cells = row.split("\t");
    const cell = (name: string): string => cells[col(name)] ?? "";
    const id = cell("id");
    const ref = /^(.+):(\d+)$/.exec(id);
    if (!ref?.[1] || !ref[2]) throw new Error(`devset/labels.tsv: bad id '${id}'`);
    const labels = Object.fromEntries(
      CRITERIA.map((c) => {
        const v = cell(c);
        if (v !== "0" && v !== "1") throw new Error(`devset/labels.tsv: ${id}: ${c} is '${v}', not 0 or 1`);
        return [c, v === "1" ? 1 : 0];
      }),
    ) as Record<Criterion, 0 | 1>;
    return {
      id,
      file: ref[1],
      line: Number(ref[2]),
      source: cell("source"),
      text: cell("text"),
      sha: cell("sha"),
      labels,
      note: cell("note"),
    };
  });
}

/** The backlog file a labelled row stands in: a corpus file, or one of the set's own written backlogs. */
function backlogPath(file: string, corpus: string, devset: string): string {
  return file.startsWith("written/") ? join(devset, `${file}.stories`) : join(corpus, `${file}.txt`);
}

/** Every rule at its default, nothing capped: the eval measures what a user gets without a config. */
const CONFIG: CoachConfig = { maxFindings: Number.MAX_SAFE_INTEGER };

/**
 * Runs the analysis on each backlog of the set, as a plain story list (its own format), and gives each labelled
 * story the findings on its line. Corpus backlogs are skipped, and said to be, when the corpus is absent.
 */
export function evaluate(options: { corpus?: string; devset?: string } = {}): EvalResult {
  const corpus = options.corpus ?? DEFAULT_CORPUS;
  const devset = options.devset ?? DEVSET;
  const rows = readLabels(devset);
  const byFile = new Map<string, typeof rows>();
  for (const row of rows) byFile.set(row.file, [...(byFile.get(row.file) ?? []), row]);
  const judged: Judged[] = [];
  const skipped: string[] = [];
  for (const [file, labelled] of byFile) {
    const path = backlogPath(file, corpus, devset);
    if (!existsSync(path)) {
      skipped.push(`${file}: ${path} is absent`);
      continue;
    }
    const text = readFileSync(path, "utf8");
    const lines = new LineIndex(text);
    const lineText = (n: number): string =>
      text
        .slice(lines.lineStart(n - 1), lines.lineEnd(n - 1))
        .replace(/^\uFEFF/, "")
        .trim();
    const { findings } = analyzeBacklog(text, "plain", CONFIG);
    const byLine = new Map<number, Finding[]>();
    for (const f of findings) {
      const line = lines.positionAt(f.span.start).line + 1;
      byLine.set(line, [...(byLine.get(line) ?? []), f]);
    }
    for (const row of labelled) {
      const actual = lineText(row.line);
      if (row.text !== "" && row.text !== actual) throw new Error(`devset: ${row.id} reads '${actual}', the label row holds '${row.text}'`);
      if (row.sha !== "" && sha8(actual) !== row.sha)
        throw new Error(`devset: ${row.id} is not the labelled story (checksum ${sha8(actual)}, label ${row.sha})`);
      const onLine = byLine.get(row.line) ?? [];
      const found = Object.fromEntries(CRITERIA.map((c) => [c, onLine.filter(REPORTS[c])])) as Record<Criterion, Finding[]>;
      judged.push({ story: { ...row, text: actual }, found });
    }
  }
  return { judged, skipped };
}

export function countsOf(judged: readonly Judged[], criterion: Criterion): Counts {
  const counts: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const j of judged) {
    const labelled = j.story.labels[criterion] === 1;
    const found = j.found[criterion].length > 0;
    if (labelled && found) counts.tp++;
    else if (found) counts.fp++;
    else if (labelled) counts.fn++;
    else counts.tn++;
  }
  return counts;
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Precision, recall and F1; a criterion with no defect labelled and none found scores 1 (nothing to get wrong). */
export function scoresOf(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

const f3 = (x: number): string => x.toFixed(3);

function table(judged: readonly Judged[], criteria: readonly Criterion[]): string {
  const out = [
    "| criterion | labelled defects | found | TP | FP | FN | precision | recall | F1 |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const c of criteria) {
    const n = countsOf(judged, c);
    const s = scoresOf(n);
    out.push(
      `| ${c} | ${n.tp + n.fn} | ${n.tp + n.fp} | ${n.tp} | ${n.fp} | ${n.fn} | ${f3(s.precision)} | ${f3(s.recall)} | ${f3(s.f1)} |`,
    );
  }
  return out.join("\n");
}

/**
 * F1 per source (rows) and criterion (columns), with the number of labelled defects in brackets; where a source has
 * none labelled, the number of false alarms instead.
 */
function perSource(judged: readonly Judged[], criteria: readonly Criterion[]): string {
  const sources = [...new Set(judged.map((j) => j.story.source))];
  const out = [`| source | stories | ${criteria.join(" | ")} |`, `| --- | ---: | ${criteria.map(() => "---:").join(" | ")} |`];
  for (const source of sources) {
    const of = judged.filter((j) => j.story.source === source);
    const cells = criteria.map((c) => {
      const n = countsOf(of, c);
      // No defect labelled: F1 says nothing; the false alarms do.
      if (n.tp + n.fn === 0) return n.fp === 0 ? "– (0)" : `${n.fp} false (0)`;
      return `${f3(scoresOf(n).f1)} (${n.tp + n.fn})`;
    });
    out.push(`| ${source} | ${of.length} | ${cells.join(" | ")} |`);
  }
  return out.join("\n");
}

function errors(judged: readonly Judged[], criterion: Criterion): string[] {
  const out: string[] = [];
  for (const j of judged) {
    const labelled = j.story.labels[criterion] === 1;
    const found = j.found[criterion];
    if (labelled === found.length > 0) continue;
    const what = labelled ? "miss" : `false alarm (${found.map((f) => `${f.messageId}: ${f.message}`).join(" / ")})`;
    out.push(`- ${j.story.id} ${what}\n  ${j.story.text}${j.story.note ? `\n  label note: ${j.story.note}` : ""}`);
  }
  return out;
}

/** The F1 figures a part of the set is held to (devset/figures.json): the ratchet the eval test checks. */
export type Figures = Partial<Record<"all" | "corpus" | "written", Partial<Record<Criterion, number>>>>;

export const FIGURES = join(DEVSET, "figures.json");

/** F1 per criterion for each part of the set the result holds (rounded to 3 places, as printed). */
export function figuresOf(judged: readonly Judged[]): Figures {
  const figures: Figures = {};
  for (const part of ["all", "corpus", "written"] as const) {
    const of = part === "all" ? judged : judged.filter((j) => partOf(j.story.source) === part);
    if (of.length === 0) continue;
    figures[part] = Object.fromEntries(CRITERIA.map((c) => [c, Math.round(scoresOf(countsOf(of, c)).f1 * 1000) / 1000]));
  }
  return figures;
}

/** The figures that fell below the committed ones, as messages; empty when none did. */
export function dropsBelow(committed: Figures, measured: Figures): string[] {
  const drops: string[] = [];
  for (const [part, criteria] of Object.entries(committed) as [keyof Figures, Partial<Record<Criterion, number>>][])
    for (const [criterion, f1] of Object.entries(criteria) as [Criterion, number][]) {
      const now = measured[part]?.[criterion];
      if (now !== undefined && now < f1) drops.push(`${part} ${criterion}: F1 ${now.toFixed(3)} < ${f1.toFixed(3)} committed`);
    }
  return drops;
}

function main(argv: readonly string[]): number {
  const corpusArg = /^--corpus=(.+)$/.exec(argv.find((a) => a.startsWith("--corpus=")) ?? "")?.[1];
  const onlyCriterion = /^--criterion=(.+)$/.exec(argv.find((a) => a.startsWith("--criterion=")) ?? "")?.[1];
  const quiet = argv.includes("--table");
  const result = evaluate(corpusArg ? { corpus: corpusArg } : {});
  const { judged } = result;
  const criteria = CRITERIA.filter((c) => !onlyCriterion || c === onlyCriterion);
  console.log(`Backlog Coach eval: ${judged.length} labelled stories from devset/labels.tsv`);
  for (const s of result.skipped) console.log(`skipped: ${s}`);
  for (const part of ["all", "corpus", "written"] as const) {
    const of = part === "all" ? judged : judged.filter((j) => partOf(j.story.source) === part);
    if (of.length === 0) continue;
    console.log(`\n## ${part} (${of.length} stories)\n\n${table(of, criteria)}`);
  }
  console.log(`\n## F1 per source (labelled defects in brackets)\n\n${perSource(judged, criteria)}`);
  if (argv.includes("--write-figures")) {
    const measured = figuresOf(judged);
    const committed = existsSync(FIGURES) ? (JSON.parse(readFileSync(FIGURES, "utf8")) as Figures) : {};
    const drops = dropsBelow(committed, measured);
    if (drops.length > 0 && !argv.includes("--allow-lower")) {
      console.error(`Not written: figures below the committed ones (a ratchet only goes up):\n${drops.join("\n")}`);
      return 1;
    }
    if (result.skipped.length > 0) {
      console.error("Not written: part of the set was skipped (the corpus is absent).");
      return 1;
    }
    writeFileSync(FIGURES, `${JSON.stringify(measured, null, 2)}\n`);
    console.log(`\nwritten: ${FIGURES}`);
  }
  if (!quiet)
    for (const c of criteria) {
      const list = errors(judged, c);
      console.log(`\n## ${c}: ${list.length} misses and false alarms\n`);
      if (list.length > 0) console.log(list.join("\n"));
    }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
