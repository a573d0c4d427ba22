// Issue #15, part A: the CLI counts severities as the editor and the sidebar do, and reports what they report.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { BacklogLanguageService } from "../../server/service";
import { runCapturedCli, type CliRun } from "../support/cli-run";

const dir = mkdtempSync(join(tmpdir(), "backlog-coach-honest-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (argv: string[]): Promise<CliRun> => runCapturedCli(argv, dir);

// The same request for two roles is a hint of story-unique; "easy" is vague in the means, "quickly" in the benefit is a reason.
const STORIES = [
  "As a shopper, I want an easy checkout, so that I can pay quickly.",
  "As a buyer, I want to see my past orders, so that I can reorder them.",
  "As a shopper, I want to see my past orders, so that I can track them.",
  "",
].join("\n");

describe("the CLI summary", () => {
  it("counts hints as hints, not as info, and the sidebar's health counts the same", async () => {
    const file = join(dir, "a.stories");
    writeFileSync(file, STORIES);
    const result = await run(["--no-config", file]);
    const service = new BacklogLanguageService();
    const uri = "file:///w/a.stories";
    service.update(uri, STORIES, 1);
    const c = service.health(uri)?.findingsBySeverity;
    assert.ok(c && c.hint > 0, "the fixture has a hint");
    const expected = `${c.error} error${c.error === 1 ? "" : "s"}, ${c.warning} warning${c.warning === 1 ? "" : "s"}, ${c.info} info, ${c.hint} hint${c.hint === 1 ? "" : "s"}`;
    assert.ok(result.stderr.includes(`1 file checked, ${expected}`), result.stderr);
  });

  it("reports a vague word in the means and none in the benefit, at info", async () => {
    const file = join(dir, "b.stories");
    writeFileSync(file, STORIES);
    const result = await run(["--no-config", "-f", "json", file]);
    const report = JSON.parse(result.stdout) as { files: { problems: { ruleId: string; severity: string; message: string }[] }[] };
    const vague = report.files[0]?.problems.filter((p) => p.ruleId === "story-vague-terms") ?? [];
    assert.deepEqual(
      vague.map((p) => [p.severity, p.message.slice(0, 6)]),
      [["info", "'easy'"]],
    );
  });
});

describe("a placeholder role or means in the CLI", () => {
  it("lint reports the part missing (an error) and stats does not count the story as well formed", async () => {
    const file = join(dir, "c.stories");
    writeFileSync(file, "As a <role>, I want to save my card, so that I pay faster.\nAs a shopper, I want TBD, so that I pay faster.\n");
    const lint = await run(["--no-config", "-f", "json", file]);
    assert.equal(lint.code, 1);
    const report = JSON.parse(lint.stdout) as { files: { problems: { ruleId: string; severity: string; message: string }[] }[] };
    assert.deepEqual(
      report.files[0]?.problems.filter((p) => p.ruleId === "story-well-formed").map((p) => [p.severity, p.message.split(" is ")[0]]),
      [
        ["error", "'<role>'"],
        ["error", "'TBD'"],
      ],
    );
    const stats = await run(["stats", "--no-config", "--format", "json", file]);
    assert.equal((JSON.parse(stats.stdout) as { wellFormed: number }).wellFormed, 0);
  });
});
