// The web build's figures (`npm run web:report`): the size of what the browser loads, and the cost of loading it
// on activation, measured in the web-worker extension host of VS Code's server by the web extension-host suite
// (the runner's --web mode) over several runs. Prints one table; it asserts nothing (shared machines are noisy).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = resolve(__dirname, "..", "..");
const RUNNER = join(ROOT, "out", "test", "exthost", "run-code-server.js");
const BUNDLES = ["browser/client.js", "browser/server.js", "webview/main.js", "webview/main.css"];
/** The line the suite prints after activation (test/exthost/suite/extension.test.ts). */
const TIMING = /client modules loaded in ([\d.]+) ms, activate\(\) took ([\d.]+) ms, language server ready ([\d.]+) ms after activate\(\)/;

const runs = Number(/^--runs=(\d+)$/.exec(process.argv.find((a) => a.startsWith("--runs=")) ?? "")?.[1] ?? 3);
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

function sizes(): string[] {
  return BUNDLES.map((name) => {
    const path = join(ROOT, "dist", name);
    if (!existsSync(path)) return `| dist/${name} | missing: run npm run build:production | |`;
    const bytes = readFileSync(path);
    return `| dist/${name} | ${kib(bytes.length)} | ${kib(gzipSync(bytes).length)} |`;
  });
}

/** One run of the web suite: its three figures, or the reason there are none. */
function measure(): number[] | string {
  const run = spawnSync(process.execPath, [RUNNER, "--web"], { encoding: "utf8", timeout: 300_000 });
  const found = TIMING.exec(run.stdout);
  if (run.status !== 0 || !found) return `the web suite failed (exit ${String(run.status)}):\n${(run.stdout + run.stderr).slice(-3000)}`;
  return found.slice(1).map(Number);
}

function main(): number {
  console.log(`Backlog Coach web build; ${new Date().toISOString()}\n`);
  console.log("| bundle (what the browser loads) | size | gzip |\n| --- | ---: | ---: |");
  for (const row of sizes()) console.log(row);
  const figures: number[][] = [];
  for (let i = 0; i < runs; i++) {
    const result = measure();
    if (typeof result === "string") {
      console.error(result);
      return 1;
    }
    figures.push(result);
  }
  const column = (i: number): string => `${median(figures.map((f) => f[i] ?? NaN)).toFixed(1)} ms`;
  const all = (i: number): string => figures.map((f) => (f[i] ?? NaN).toFixed(0)).join(", ");
  console.log(`\n| activation in the web-worker extension host (median of ${runs} runs) | median | runs |\n| --- | ---: | --- |`);
  console.log(`| loading the client's modules (from the bundle's first statement) | ${column(0)} | ${all(0)} |`);
  console.log(`| activate() | ${column(1)} | ${all(1)} |`);
  console.log(`| activate() to the language server in its worker initialized | ${column(2)} | ${all(2)} |`);
  return 0;
}

process.exitCode = main();
