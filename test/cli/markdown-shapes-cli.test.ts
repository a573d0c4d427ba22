// The CLI on spec and story workflow Markdown: a folder walk reads the default markdownFiles globs (and the config
// file's), never a README; --type markdown reads any .md named; --fix writes the shape's own criteria section.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { FIXTURES } from "../support/fixtures";
import { runCapturedCli } from "../support/cli-run";

const run = runCapturedCli;

const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project folder holding the shape fixtures at their usual paths, and a README beside them. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "backlog-coach-shapes-"));
  temps.push(dir);
  const shapes = join(FIXTURES, "markdown-shapes");
  mkdirSync(join(dir, "specs", "002-refunds"), { recursive: true });
  mkdirSync(join(dir, "docs", "stories"), { recursive: true });
  copyFileSync(join(shapes, "specs", "002-refunds", "spec.md"), join(dir, "specs", "002-refunds", "spec.md"));
  copyFileSync(join(shapes, "docs", "stories", "2.3.refund-export.md"), join(dir, "docs", "stories", "2.3.refund-export.md"));
  writeFileSync(join(dir, "docs", "stories", "README.md"), "# Stories\n\n## How to add one\n\nCopy the last one.\n");
  writeFileSync(join(dir, "notes.md"), "# Notes\n\n## Ideas\n\nNone yet.\n");
  return dir;
}

describe("backlog-coach lint on spec and story workflow Markdown", () => {
  it("walks a folder into specs/*/spec.md and docs/stories/*.md, never into a README or other Markdown", async () => {
    const dir = project();
    const { code, stdout } = await run(["--no-config", "."], dir);
    assert.equal(code, 1);
    const files = new Set(
      stdout
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(":")[0]),
    );
    assert.deepEqual([...files].sort(), ["docs/stories/2.3.refund-export.md", "specs/002-refunds/spec.md"]);
    assert.match(stdout, /^specs\/002-refunds\/spec\.md:44:\d+ warning priority-unique /m);
    assert.match(stdout, /^docs\/stories\/2\.3\.refund-export\.md:5:1 warning definition-of-ready /m);
  });

  it("reads the config file's markdownFiles instead of the defaults", async () => {
    const dir = project();
    writeFileSync(join(dir, ".backlog-coach.yaml"), 'markdownFiles: ["notes.md"]\n');
    const { stdout } = await run(["."], dir);
    assert.deepEqual(
      [
        ...new Set(
          stdout
            .split("\n")
            .filter(Boolean)
            .map((l) => l.split(":")[0]),
        ),
      ],
      [],
    );
    writeFileSync(join(dir, ".backlog-coach.yaml"), 'markdownFiles: ["docs/stories/*.md"]\n');
    const only = await run(["."], dir);
    assert.deepEqual(
      [
        ...new Set(
          only.stdout
            .split("\n")
            .filter(Boolean)
            .map((l) => l.split(":")[0]),
        ),
      ],
      ["docs/stories/2.3.refund-export.md"],
    );
  });

  it("reads a .md named on the command line, and every .md of a folder with --type markdown", async () => {
    const named = await run(["--no-config", "examples/specs/001-checkout/spec.md"]);
    assert.match(named.stdout, /^examples\/specs\/001-checkout\/spec\.md:42:1 error story-well-formed /m);
    const dir = project();
    const forced = await run(["--no-config", "--type", "markdown", "--format", "json", "."], dir);
    const files = (JSON.parse(forced.stdout) as { files: { path: string }[] }).files.map((r) => r.path);
    assert.ok(files.includes("notes.md"), "--type markdown reads every .md, as named story files");
  });

  it("--fix leaves the unsafe criteria fix to the editor and changes nothing in a spec.md", async () => {
    const dir = project();
    const path = join(dir, "specs", "002-refunds", "spec.md");
    const before = readFileSync(path, "utf8");
    await run(["--no-config", "--fix", "."], dir);
    assert.equal(readFileSync(path, "utf8"), before);
  });
});
