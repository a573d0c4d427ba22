#!/usr/bin/env node
// The installed `backlog-coach` command: runs the bundled CLI (dist/cli.js, made by `npm run build`).
//
// The bundle is compiled with V8's code cache for it when the build left one (dist/cli.cache, written by
// scripts/cli-code-cache.mjs after a run over examples/): the bytecode of every function that run used, so a run
// compiles little of the 1 MB bundle again. The cache is used only when its first line is the SHA-256 of the bundle
// as it is now, since V8 itself checks no more than the source's length; V8 rejects it when its version or flags
// differ (another Node), and then the bundle is compiled as without it.
"use strict";
const { createHash } = require("node:crypto");
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const DIST = join(__dirname, "..", "dist");

/** The code cache's bytes when it was made for this source, else why not: "absent" (or unreadable) or "stale". */
function cacheFor(cacheFile, header) {
  let data;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return "absent";
  }
  return data.subarray(0, header.length).equals(header) ? data.subarray(header.length) : "stale";
}

/**
 * Loads `dist`/cli.js as Node loads a CommonJS module, with `dist`/cli.cache when it was made for it. `cache` says
 * what became of the cache: "absent", "stale" (made for another bundle), "rejected" (by V8) or "used".
 * `writeCache` stores V8's code for every function run so far (what the build's training run calls).
 */
function loadCli(dist = DIST) {
  const bundle = join(dist, "cli.js");
  const cacheFile = join(dist, "cli.cache");
  const source = readFileSync(bundle, "utf8");
  const header = Buffer.from(`${createHash("sha256").update(source).digest("hex")}\n`, "latin1");
  const cached = cacheFor(cacheFile, header);
  const cachedData = typeof cached === "string" ? undefined : cached;
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: bundle, cachedData });
  const loaded = { exports: {} };
  script.runInThisContext()(loaded.exports, createRequire(bundle), loaded, bundle, dirname(bundle));
  return {
    cli: loaded.exports,
    cache: cachedData ? (script.cachedDataRejected ? "rejected" : "used") : cached,
    writeCache: () => writeFileSync(cacheFile, Buffer.concat([header, script.createCachedData()])),
  };
}

module.exports = { loadCli };

if (require.main === module) {
  if (!existsSync(join(DIST, "cli.js"))) {
    // A fresh clone has no bundle yet: say how to make one rather than fail with a module-not-found stack.
    process.stderr.write(`backlog-coach: ${join(DIST, "cli.js")} is missing. Run 'npm run build' in ${join(__dirname, "..")} first.\n`);
    process.exitCode = 2;
  } else {
    loadCli().cli.main();
  }
}
