// Writes dist/cli.cache, V8's code cache for the CLI bundle (see bin/backlog-coach.js), after a training run: the CLI
// checks examples/ once in each output format, so the cache holds the bytecode of what a run over a backlog uses.
// Run by scripts/build.mjs in a process of its own, with the flags a user's `backlog-coach` runs with (none).
import { createRequire } from "node:module";

const { loadCli } = createRequire(import.meta.url)("../bin/backlog-coach.js");
const { cli, writeCache } = loadCli();
const output = [];
const io = { stdout: (t) => output.push(t), stderr: (t) => output.push(t), cwd: process.cwd() };
for (const format of ["text", "stylish", "json", "sarif", "github"]) {
  const code = await cli.runCli(["lint", "--format", format, "examples"], io);
  // Exit 1 is the examples' findings; 2 means the run itself failed, and then the cache would hold the wrong code.
  if (code === 2) throw new Error(`the CLI's training run failed (--format ${format}):\n${output.join("")}`);
}
writeCache();
