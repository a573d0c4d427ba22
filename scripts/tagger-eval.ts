// `npm run eval:tagger`: our part-of-speech tagger scored on the hand-labelled means (devset/pos/), with its load and tag times.
//
//   npm run eval:tagger                    our tagger: metrics on both gold files, load time, time per means
//   npm run eval:tagger -- --compare       the same for the packaged taggers it replaced or was measured against,
//                                          installed on demand into .tools/taggers (git-ignored)
//   npm run eval:tagger -- --runs 3        fewer fresh processes per tagger (default 5)
//   npm run eval:tagger -- --errors        also print each of our tagger's wrong tokens (quotes corpus words)
//   npm run eval:tagger -- --corpus=DIR    the Dalpiaz corpus elsewhere than ../shared/corpus/dalpiaz
//
// Each tagger is an adapter in scripts/tagger-adapters/, bundled by esbuild as a browser-safe CommonJS file (what the
// server and CLI bundles do with a dependency); fresh Node processes load that bundle, time it and tag every means,
// and their output is what is scored. The story text travels to them on stdin and is never written to disk.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import {
  corpusAbsence,
  DEFAULT_CORPUS,
  GOLD_FILES,
  readGold,
  REPO_ROOT,
  scorePos,
  type GoldFile,
  type GoldMeans,
  type PosMetrics,
  type PredictedToken,
} from "./pos-gold";

const TOOLS = join(REPO_ROOT, ".tools", "taggers");
const ADAPTERS = join(REPO_ROOT, "scripts", "tagger-adapters");

/** A tagger to measure: its adapter, and the packages (pinned: the versions first measured) it needs installed. */
interface Candidate {
  readonly name: string;
  readonly adapter: string;
  readonly packages: readonly string[];
}

const OURS: Candidate = { name: "ours (server/core/nlp/tagger.ts)", adapter: "ours.mjs", packages: [] };
const PACKAGED: readonly Candidate[] = [
  { name: "compromise/two 14.17", adapter: "compromise-two.mjs", packages: ["compromise@14.17.0"] },
  {
    name: "wink-nlp 2.4 + wink-eng-lite-web-model 1.8",
    adapter: "wink-nlp.mjs",
    packages: ["wink-nlp@2.4.0", "wink-eng-lite-web-model@1.8.1"],
  },
  { name: "wink-pos-tagger 2.2", adapter: "wink-pos-tagger.mjs", packages: ["wink-pos-tagger@2.2.2"] },
  { name: "en-pos 1.0", adapter: "en-pos.mjs", packages: ["en-pos@1.0.16"] },
  { name: "pos (pos-js) 0.4", adapter: "pos.mjs", packages: ["pos@0.4.2"] },
];
const packageName = (spec: string): string => spec.slice(0, spec.lastIndexOf("@"));

/** What one fresh process reports. */
interface ChildResult {
  /** From loading the bundle to the first means tagged. */
  readonly loadMs: number;
  /** All means tagged once, straight after the load. */
  readonly coldMs: number;
  /** Median per means of a second pass. */
  readonly warmMs: number;
  readonly outputs: PredictedToken[][];
}

interface Row {
  readonly candidate: Candidate;
  readonly metrics: Record<GoldFile, PosMetrics>;
  readonly loadMs: number;
  readonly coldMs: number;
  readonly warmMs: number;
  readonly bytes: number;
  readonly gzip: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/**
 * Installs the candidates' packages into .tools/taggers unless the pinned versions are all there. One npm call for
 * all of them: a --no-save install removes what an earlier one put there.
 */
function ensureInstalled(candidates: readonly Candidate[]): void {
  const specs = candidates.flatMap((c) => c.packages);
  const installed = (spec: string): boolean => {
    const manifest = join(TOOLS, "node_modules", packageName(spec), "package.json");
    return existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version === spec.split("@").pop();
  };
  if (specs.every(installed)) return;
  mkdirSync(TOOLS, { recursive: true });
  process.stderr.write(`installing ${specs.join(" ")} into ${TOOLS}\n`);
  execFileSync("npm", ["i", "--no-save", "--no-audit", "--no-fund", "--prefix", TOOLS, ...specs], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Resolves the candidates' packages from .tools/taggers, not from the project's own node_modules. */
const fromTools = (packages: readonly string[]): Plugin => ({
  name: "from-tools",
  setup(b) {
    const names = new Set(packages.map(packageName));
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : (args.path.split("/")[0] ?? "");
      if (!names.has(name) || args.resolveDir === TOOLS) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: TOOLS });
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path };
    });
  },
});

/** Bundles a candidate's adapter; returns the file and its minified size. */
async function bundle(candidate: Candidate, index: number): Promise<{ file: string; bytes: number; gzip: number }> {
  const file = join(TOOLS, "bundles", `${index}-${candidate.adapter.replace(/\.mjs$/, "")}.cjs`);
  mkdirSync(join(TOOLS, "bundles"), { recursive: true });
  const result = await build({
    entryPoints: [join(ADAPTERS, candidate.adapter)],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "cjs",
    outfile: file,
    write: false,
    logLevel: "silent",
    plugins: [fromTools(candidate.packages)],
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  writeFileSync(file, code);
  return { file, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** Runs one fresh process on a bundle; the means go in on stdin. */
function runChild(bundleFile: string, means: readonly string[]): ChildResult {
  const res = spawnSync(process.execPath, [__filename, "--child", bundleFile], {
    input: JSON.stringify(means),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (res.status !== 0) throw new Error(`${bundleFile}: ${res.stderr.slice(0, 2000)}`);
  return JSON.parse(res.stdout) as ChildResult;
}

/** The child process: load the bundle, tag every means twice, report times and the first pass's output. */
function child(bundleFile: string): void {
  const means = JSON.parse(readFileSync(0, "utf8")) as string[];
  const started = performance.now();
  const load = createRequire(__filename);
  const { makeTagger } = load(bundleFile) as { makeTagger(): (means: string) => PredictedToken[] };
  const tag = makeTagger();
  tag(means[0] ?? "");
  const loadMs = performance.now() - started;
  const outputs: PredictedToken[][] = [];
  const coldStart = performance.now();
  for (const m of means) outputs.push(tag(m));
  const coldMs = performance.now() - coldStart;
  const warm = means.map((m) => {
    const a = performance.now();
    tag(m);
    return performance.now() - a;
  });
  const result: ChildResult = { loadMs, coldMs, warmMs: median(warm), outputs };
  process.stdout.write(JSON.stringify(result));
}

async function measure(candidate: Candidate, index: number, gold: Record<GoldFile, GoldMeans[]>, runs: number): Promise<Row> {
  process.stderr.write(`${candidate.name}: bundling`);
  const b = await bundle(candidate, index);
  const means = GOLD_FILES.flatMap((f) => gold[f].map((g) => g.means));
  const results: ChildResult[] = [];
  for (let r = 0; r < runs; r++) {
    process.stderr.write(` run${r + 1}`);
    results.push(runChild(b.file, means));
  }
  process.stderr.write("\n");
  const outputs = results[0]?.outputs ?? [];
  let at = 0;
  const metrics = {} as Record<GoldFile, PosMetrics>;
  for (const f of GOLD_FILES) {
    metrics[f] = scorePos(gold[f], outputs.slice(at, at + gold[f].length));
    at += gold[f].length;
  }
  return {
    candidate,
    metrics,
    loadMs: median(results.map((r) => r.loadMs)),
    coldMs: median(results.map((r) => r.coldMs)),
    warmMs: median(results.map((r) => r.warmMs)),
    bytes: b.bytes,
    gzip: b.gzip,
  };
}

const pct = (x: number): string => (100 * x).toFixed(1);
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toFixed(3));
const prf = (x: { p: number; r: number; f: number }): string => `${pct(x.p)} / ${pct(x.r)} / ${pct(x.f)}`;

function report(rows: readonly Row[], gold: Record<GoldFile, GoldMeans[]>, runs: number): string {
  const lines: string[] = [];
  for (const f of GOLD_FILES) {
    const first = rows[0]?.metrics[f];
    lines.push(`### ${f}: ${gold[f].length} means, ${first?.tokens ?? 0} tokens`, "");
    lines.push(
      "| tagger | acc | fine acc | VERB P / R / F1 | base-verb P / R / F1 | after-conj acc | after-conj base ok | split P / R (agree) |",
    );
    lines.push("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const r of rows) {
      const m = r.metrics[f];
      const split = `${pct(m.split.p)} / ${pct(m.split.r)} (${pct(m.split.agree)})`;
      lines.push(
        `| ${r.candidate.name} | ${pct(m.accuracy)} | ${pct(m.fineAccuracy)} | ${prf(m.verb)} | ${prf(m.baseVerb)} | ${pct(m.afterConjunction)} | ${pct(m.afterConjunctionBase)} | ${split} |`,
      );
    }
    if (first)
      lines.push("", `(split question scored at ${first.split.scored} conjunctions, of which gold splits ${first.split.goldYes}.)`);
    lines.push("");
  }
  const n = GOLD_FILES.reduce((s, f) => s + gold[f].length, 0);
  lines.push(`### Cost: median of ${runs} fresh Node ${process.version} processes, ${n} means each`, "");
  lines.push("| tagger | load ms | cold ms / means | warm ms / means | load + all means ms | bundle KB (gzip) |");
  lines.push("| --- | --- | --- | --- | --- | --- |");
  for (const r of rows)
    lines.push(
      `| ${r.candidate.name} | ${ms(r.loadMs)} | ${ms(r.coldMs / n)} | ${ms(r.warmMs)} | ${ms(r.loadMs + r.coldMs)} | ${(r.bytes / 1024).toFixed(0)} (${(r.gzip / 1024).toFixed(0)}) |`,
    );
  lines.push(
    "",
    'acc: the coarse tag is right (any verb form counts as VERB). fine acc: the verb form too. VERB and base-verb P / R / F1 leave out tokens whose gold accepts both readings. after-conj: the word right after and / or / & / "/". split: at each conjunction, a base verb before it and one right after it (past to / then / also / be / able ...), the atomicity rule\'s question; P / R of "yes", and the share of conjunctions where tagger and gold agree. Load: from require() of the bundle to the first means tagged.',
  );
  return lines.join("\n");
}

function printErrors(gold: Record<GoldFile, GoldMeans[]>, row: Row): void {
  for (const f of GOLD_FILES)
    for (const e of row.metrics[f].errors) {
      const g = gold[f].find((x) => x.id === e.id);
      const words = g?.tokens.map((t, i) => (i === e.index ? `[${t.text}]` : t.text)).join(" ");
      console.log(`${f}\t${e.id}\tgold=${e.gold}\tours=${e.predicted}\t${words ?? ""}`);
    }
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === "--child") {
    child(argv[1] ?? "");
    return;
  }
  const corpus = /^--corpus=(.+)$/.exec(argv.find((a) => a.startsWith("--corpus=")) ?? "")?.[1] ?? DEFAULT_CORPUS;
  const runsAt = argv.indexOf("--runs");
  const runs = runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1]) || 5) : 5;
  const absent = corpusAbsence(corpus);
  if (absent) {
    console.error(`${absent}: the gold files hold offsets only, and the means are read from the corpus.`);
    process.exitCode = 2;
    return;
  }
  const gold = Object.fromEntries(GOLD_FILES.map((f) => [f, readGold(f, corpus)])) as Record<GoldFile, GoldMeans[]>;
  const candidates = argv.includes("--compare") ? [OURS, ...PACKAGED] : [OURS];
  ensureInstalled(candidates);
  const rows: Row[] = [];
  for (const [i, c] of candidates.entries()) rows.push(await measure(c, i, gold, runs));
  console.log(report(rows, gold, runs));
  const ours = rows[0];
  if (argv.includes("--errors") && ours) printErrors(gold, ours);
}

if (require.main === module)
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
