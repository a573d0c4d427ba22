// The command-line twin of the editor: `backlog-coach lint|stats`, thin over the core (parse, rules, fixes).
import { discoverFiles } from "./discover";
import { USAGE, UsageError, parseCommandLine, type CliOptions } from "./args";
import { ConfigError, loadConfig } from "./config";
import { formatGithub } from "./format-github";
import { formatJson } from "./format-json";
import { formatSarif } from "./format-sarif";
import { formatStylish, formatText } from "./format-text";
import { countProblems, lintFiles, lintText, type FileResult } from "./lint";
import { createProgress } from "./progress";
import { computeStats, formatStatsJson, formatStatsText } from "./stats";
import { VERSION } from "./version";
import type { CoachConfig } from "../server/core/config";

/** Exit codes, as the README and CI scripts rely on them. */
export const EXIT = { clean: 0, problems: 1, failure: 2 } as const;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly stderrStream?: NodeJS.WriteStream;
  /** Standard input, read whole (`--stdin`). */
  readonly stdin?: () => Promise<string>;
}

/** Reads the process's standard input to its end, as UTF-8. */
function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (c: Buffer) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

const FORMATTERS = { text: formatText, stylish: formatStylish, json: formatJson, sarif: formatSarif, github: formatGithub } as const;

function summary(results: readonly FileResult[], options: CliOptions): string {
  const { errors, warnings, infos, hints, fixed } = countProblems(results);
  const parts = [`${results.length} file${results.length === 1 ? "" : "s"} checked`];
  parts.push(`${errors} error${errors === 1 ? "" : "s"}`, `${warnings} warning${warnings === 1 ? "" : "s"}`);
  if (!options.quiet) parts.push(`${infos} info`);
  // A hint is counted as a hint, not folded into info: the editor shows none in its Problems panel.
  if (!options.quiet && hints > 0) parts.push(`${hints} hint${hints === 1 ? "" : "s"}`);
  if (options.fix) parts.push(`${fixed} fixed`);
  return `backlog-coach: ${parts.join(", ")}\n`;
}

/** Runs one command line; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    io.stderr(`backlog-coach: ${error instanceof Error ? error.message : String(error)}\nRun 'backlog-coach --help' for usage.\n`);
    return EXIT.failure;
  }
  if (options.command === "help") {
    io.stdout(`${USAGE}\n`);
    return EXIT.clean;
  }
  if (options.command === "version") {
    io.stdout(`${VERSION}\n`);
    return EXIT.clean;
  }
  try {
    const { config } = loadConfig(options.config, io.cwd);
    if (options.stdin && options.type) {
      const text = await (io.stdin ?? readStdin)();
      const stdinFile = { path: "<stdin>", display: "<stdin>", format: options.type };
      return report([lintText(stdinFile, text, config)], options, io, false, config);
    }
    const { files, unreadable } = await discoverFiles(options.inputs, options.type, io.cwd, config.markdownFiles);
    // A folder in the tree that cannot be listed fails the run (exit 2), as one named on the command line does:
    // a CI job must not pass on the files it happened to reach.
    for (const folder of unreadable) io.stderr(`backlog-coach: Cannot read the folder ${folder.display}: ${folder.reason}\n`);
    if (files.length === 0 && unreadable.length === 0) throw new UsageError(`No backlog files found in ${options.inputs.join(", ")}.`);
    const progress = createProgress(files.length, io.stderrStream ?? process.stderr);
    const results = lintFiles(files, config, options.fix, progress);
    for (const r of results) if (r.error) io.stderr(`backlog-coach: ${r.error}\n`);
    for (const r of results) if (r.notice) io.stderr(`backlog-coach: ${r.notice}\n`);
    for (const r of results)
      for (const f of r.analysis?.failures ?? [])
        io.stderr(`backlog-coach: rule ${f.ruleId} failed on ${r.file.display}: ${f.error.split("\n")[0] ?? ""}\n`);
    return report(results, options, io, unreadable.length > 0 || results.some((r) => r.error), config);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`backlog-coach: ${error.message}\n`);
      return EXIT.failure;
    }
    // Anything else is a bug: say so plainly, with the stack, and fail the run.
    io.stderr(`backlog-coach: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  }
}

/** Prints the results in the chosen format and gives the exit code. */
function report(all: readonly FileResult[], options: CliOptions, io: CliIo, ioFailed: boolean, config: CoachConfig = {}): number {
  let results = all;
  if (options.command === "stats") {
    const stats = computeStats(results, config);
    io.stdout(options.output === "json" ? formatStatsJson(stats) : formatStatsText(stats));
    return ioFailed ? EXIT.failure : EXIT.clean;
  }
  if (options.quiet) results = results.map((r) => ({ ...r, problems: r.problems.filter((p) => p.severity === "error") }));
  io.stdout(FORMATTERS[options.output](results));
  // The summary goes to stderr so that stdout stays exactly the chosen format.
  if (options.output === "text" || options.output === "stylish") io.stderr(summary(results, options));
  if (ioFailed) return EXIT.failure;
  const { errors, warnings } = countProblems(results);
  if (errors > 0) return EXIT.problems;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`backlog-coach: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return EXIT.problems;
  }
  return EXIT.clean;
}

/** Runs the process's command line and sets its exit code: what bin/backlog-coach.js calls. */
export function main(): Promise<void> {
  return runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}

// `node dist/cli.js ...` runs too; a test that imports the module does not.
if (require.main === module) void main();
