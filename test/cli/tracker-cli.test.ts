// The CLI on tracker exports: --type csv over a folder, CSV and JSON files named, --stdin, --fix on a CSV, SARIF.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { SarifLog } from "../../cli/format-sarif";
import { readCsv } from "../../server/core/parse/csv";
import { FIXTURES, REPO_ROOT } from "../support/fixtures";
import { runCapturedCli } from "../support/cli-run";

const TRACKERS = join(FIXTURES, "trackers");

const run = runCapturedCli;

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "backlog-coach-trackers-"));
  temps.push(dir);
  return dir;
}
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("backlog-coach lint: tracker exports", () => {
  it("a folder's CSV files are read only with --type csv", async () => {
    const dir = tempDir();
    copyFileSync(join(TRACKERS, "jira.csv"), join(dir, "jira.csv"));
    writeFileSync(join(dir, "a.stories"), "As a cook, I want to list recipes, so that I plan meals.\n");
    const plain = await run(["--no-config", dir], dir);
    assert.doesNotMatch(plain.stdout, /jira\.csv/);
    const csv = await run(["--no-config", "--type", "csv", dir], dir);
    assert.match(csv.stdout, /^jira\.csv:10:8 warning story-benefit /m);
    assert.match(csv.stdout, /^jira\.csv:10:1 warning criteria-missing /m);
    assert.doesNotMatch(csv.stdout, /a\.stories/);
  });

  it("a named .json file is read as GitHub issues; SARIF points at the words", async () => {
    const result = await run(["--no-config", "-f", "sarif", join(TRACKERS, "issues.json")]);
    const log = JSON.parse(result.stdout) as SarifLog;
    const benefit = log.runs[0]?.results.find((r) => r.ruleId === "story-benefit");
    const region = benefit?.locations[0]?.physicalLocation.region;
    assert.ok(region);
    const line = readFileSync(join(TRACKERS, "issues.json"), "utf8").split("\n")[(region.startLine ?? 1) - 1] ?? "";
    assert.equal(line.slice((region.startColumn ?? 1) - 1, (region.endColumn ?? 1) - 1), "As a reader, I want to change the font size");
  });

  it("--stdin --type github-issues reads standard input", async () => {
    const input = readFileSync(join(TRACKERS, "issues.json"), "utf8");
    const result = await run(["lint", "--no-config", "--stdin", "--type", "github-issues"], REPO_ROOT, input);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^<stdin>:\d+:\d+ warning story-benefit /m);
    assert.match(result.stderr, /1 file checked, 0 errors, 2 warnings/);
  });

  it("--stdin without --type, with files or with --fix is a usage error", async () => {
    for (const argv of [["--stdin"], ["--stdin", "--type", "csv", "a.csv"], ["--stdin", "--type", "csv", "--fix"]]) {
      const result = await run(argv);
      assert.equal(result.code, 2, argv.join(" "));
    }
    assert.match((await run(["--type", "xlsx"])).stderr, /--type must be one of yaml, markdown, plain, gherkin, csv, github-issues/);
  });

  it("--fix on a CSV writes the cells back quoted and keeps CRLF and every other byte", async () => {
    const dir = tempDir();
    const text =
      "\ufeffIssue key,Summary,Issue Type,Status\r\n" +
      'K-1,"As a cook, want to rate recipes, so that I remember them",Story,To Do\r\n' +
      "K-2,As a cook want to list recipes,Story,Done\r\n";
    writeFileSync(join(dir, "export.csv"), text);
    const result = await run(["--no-config", "--fix", "export.csv"], dir);
    assert.match(result.stderr, /2 fixed/);
    const fixed = readFileSync(join(dir, "export.csv"), "utf8");
    assert.equal(
      fixed,
      "\ufeffIssue key,Summary,Issue Type,Status\r\n" +
        'K-1,"As a cook, I want to rate recipes, so that I remember them",Story,To Do\r\n' +
        "K-2,As a cook I want to list recipes,Story,Done\r\n",
    );
    assert.deepEqual(
      readCsv(fixed).rows.map((r) => r.cells.length),
      [4, 4, 4],
    );
  });
});
