#!/usr/bin/env node
// The installed `backlog-coach` command: runs the bundled CLI (dist/cli.js, made by `npm run build`).
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const bundle = join(__dirname, "..", "dist", "cli.js");
if (!existsSync(bundle)) {
  // A fresh clone has no bundle yet: say how to make one rather than fail with a module-not-found stack.
  process.stderr.write(`backlog-coach: ${bundle} is missing. Run 'npm run build' in ${join(__dirname, "..")} first.\n`);
  process.exitCode = 2;
} else {
  require(bundle).main();
}
