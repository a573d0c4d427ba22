// Fix all and --fix apply every fix that cannot lose meaning, and only those: each rule's safe fixes, and the
// near-misses that stay the team's choice.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "../../cli/main";
import { analyzeBacklog } from "../../server/core/analyze";
import type { Finding } from "../../server/core/model";

const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const BACKLOG = [
  "personas:",
  "  - name: returning shopper",
  "  - name: store admin",
  "sprint:",
  "  length: 2 weeks",
  "  goal: Pay faster",
  "  events:",
  "    - name: Daily Scrum",
  "      duration: 30m",
  "stories:",
  "  - id: CB-1",
  "    story: As a returning shoper, I want to save my card, so that I pay faster.",
  "    acceptance:",
  "      - Given a card, when I save it, then it is listed",
  "  - id: CB-2",
  "    story: As a store admin, I want to see refunds, so that I can check them.",
  "    dependsOn: [CB-l]",
  "    acceptance:",
  "      - Given a refund, when I open the list, then I see it",
  "",
].join("\n");

const safeFixes = (text: string): [string, string][] =>
  analyzeBacklog(text, "yaml")
    .findings.filter((f: Finding) => f.fixes?.some((x) => x.safe))
    .map((f) => [f.ruleId, f.fixes?.find((x) => x.safe)?.edits[0]?.newText ?? ""]);

describe("safe fixes", () => {
  it("marks a persona's misspelling, a dependsOn with one candidate and the only timebox fix safe", () => {
    assert.deepEqual(safeFixes(BACKLOG).sort(), [
      ["depends-on", "CB-1"],
      ["sprint-event-timebox", "15m"],
      ["story-role-persona", "returning shopper"],
    ]);
  });

  it("leaves the choice to the team where two fixes fit: a generic role, two ids as near, two timeboxes", () => {
    const text = BACKLOG.replace("returning shoper", "user")
      .replace("dependsOn: [CB-l]", "dependsOn: [CB-3]")
      .replace("  - id: CB-2", "  - id: CB-4\n    story: As a store admin, I want to export refunds, so that I file them.\n  - id: CB-2")
      .replace("name: Daily Scrum\n      duration: 30m", "name: Sprint Planning\n      duration: 9h");
    assert.deepEqual(safeFixes(text), []);
  });

  it("--fix applies them and leaves every other byte as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "backlog-coach-safe-"));
    temps.push(dir);
    const file = join(dir, "b.backlog.yaml");
    writeFileSync(file, BACKLOG);
    let stderr = "";
    await runCli(["lint", "--fix", file], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir });
    const expected = BACKLOG.replace("returning shoper", "returning shopper").replace("[CB-l]", "[CB-1]").replace("30m", "15m");
    assert.equal(readFileSync(file, "utf8"), expected);
    assert.match(stderr, /3 fixed/);
  });
});
