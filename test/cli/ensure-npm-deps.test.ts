// scripts/ensure-npm-deps.sh runs 'npm ci' when package-lock.json's content changed, not when only its mtime did.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const REPO_ROOT = join(__dirname, "..", "..", "..");

describe("scripts/ensure-npm-deps.sh", () => {
  const root = mkdtempSync(join(tmpdir(), "ensure-npm-deps-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, "scripts"));
  mkdirSync(join(root, "bin"));
  for (const script of ["ensure-npm-deps.sh", "tools-env.sh"])
    copyFileSync(join(REPO_ROOT, "scripts", script), join(root, "scripts", script));
  // A fake npm: logs its arguments and installs as 'npm ci' would (node_modules/.package-lock.json).
  const log = join(root, "npm.log");
  writeFileSync(
    join(root, "bin", "npm"),
    `#!/usr/bin/env bash\necho "$*" >>"${log}"\nmkdir -p node_modules && cp package-lock.json node_modules/.package-lock.json\n`,
  );
  chmodSync(join(root, "bin", "npm"), 0o755);
  const lock = join(root, "package-lock.json");
  const run = (): string =>
    execFileSync("bash", [join(root, "scripts", "ensure-npm-deps.sh")], {
      env: { ...process.env, PATH: `${join(root, "bin")}:${process.env["PATH"] ?? ""}` },
      encoding: "utf8",
    });
  const npmCalls = (): number => readFileSync(log, { encoding: "utf8", flag: "a+" }).split("\n").filter(Boolean).length;

  it("installs the first time, then not again while the lockfile's content is the same", () => {
    writeFileSync(lock, '{"lockfileVersion": 3}\n');
    assert.match(run(), /npm ci/);
    assert.equal(npmCalls(), 1);
    assert.match(run(), /up to date \(package-lock.json unchanged\)/);
    // A checkout touches the file without changing it.
    const later = new Date(Date.now() + 60_000);
    utimesSync(lock, later, later);
    assert.match(run(), /up to date/);
    assert.equal(npmCalls(), 1);
  });

  it("installs again when the lockfile's content changed", () => {
    writeFileSync(lock, '{"lockfileVersion": 3, "packages": {}}\n');
    assert.match(run(), /npm ci/);
    assert.equal(npmCalls(), 2);
  });

  it("trusts an install made before the stamp existed, when it is newer than the lockfile", () => {
    rmSync(join(root, "node_modules", ".backlog-coach-lock"));
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(lock, earlier, earlier);
    assert.match(run(), /installed after package-lock.json changed/);
    assert.match(run(), /package-lock.json unchanged/);
    assert.equal(npmCalls(), 2);
  });
});
