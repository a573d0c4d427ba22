// The Sprint's length and the events' timeboxes: a month in days is a month, a longer Sprint is reported in the
// editor and the CLI, a breach of the Guide's maximum outranks an event above the proportional guideline.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DiagnosticSeverity } from "vscode-languageserver/node";
import { runCli } from "../../cli/main";
import { analyzeBacklog } from "../../server/core/analyze";
import type { CoachConfig, SeveritySetting } from "../../server/core/config";
import { parseSprintLength } from "../../server/core/guidance/timebox";
import type { Finding } from "../../server/core/model";
import { startTestClient } from "../support/lsp-client";

const RULE = "sprint-event-timebox";
const backlog = (length: string, events: [string, string][] = []): string =>
  [
    "sprint:",
    `  length: ${length}`,
    "  goal: Stored cards",
    ...(events.length > 0 ? ["  events:"] : []),
    ...events.flatMap(([name, duration]) => [`    - name: ${name}`, `      duration: ${duration}`]),
    "stories: []",
    "",
  ].join("\n");

const findings = (text: string, config: CoachConfig = {}): Finding[] =>
  analyzeBacklog(text, "yaml", config).findings.filter((f) => f.ruleId === RULE);

describe("sprint lengths", () => {
  it("reads 30 and 25 days as within one month, not as six or five working weeks", () => {
    for (const text of [
      "30 days",
      "31 days",
      "25 days",
      "1 month",
      "4 weeks",
      "20 days",
      "20 working days",
      "23 working days",
      "22 days",
    ]) {
      const length = parseSprintLength(text);
      assert.ok(length, text);
      assert.equal(length.longerThanOneMonth, false, text);
    }
    assert.equal(parseSprintLength("10 days")?.weeks, 2, "up to 20 plain days are working days");
    assert.equal(parseSprintLength("30 days")?.weeks, 30 / 7);
  });

  it("knows a Sprint longer than a month", () => {
    for (const text of ["6 weeks", "5 weeks", "2 months", "32 days", "25 working days", "45 calendar days"]) {
      assert.equal(parseSprintLength(text)?.longerThanOneMonth, true, text);
    }
  });

  it("reports a Sprint over one month, and not a 30-day one", () => {
    assert.deepEqual(
      findings(backlog("6 weeks")).map((f) => f.messageId),
      ["sprintTooLong"],
    );
    assert.match(findings(backlog("6 weeks"))[0]?.message ?? "", /6-week Sprint is longer than Scrum allows: .* one month or less/);
    assert.deepEqual(findings(backlog("30 days", [["Sprint Planning", "8h"]])), []);
    assert.deepEqual(findings(backlog("25 days", [["Sprint Review", "3h30"]])), [], "about 3.5 hours in proportion");
    assert.deepEqual(
      findings(backlog("25 days", [["Sprint Review", "4h"]])).map((f) => f.messageId),
      ["aboveProportional"],
    );
  });
});

describe("event timeboxes", () => {
  const two = (duration: string, name = "Sprint Planning"): Finding[] => findings(backlog("2 weeks", [[name, duration]]));

  it("takes the Guide's one-month maximum as the breach, at the rule's severity", () => {
    const [breach] = two("9h");
    assert.equal(breach?.messageId, "overMaximum");
    assert.equal(breach?.severity, "warning");
    assert.match(breach?.message ?? "", /more than the Scrum Guide's maximum of 8 hours for a one-month Sprint/);
    assert.deepEqual(
      breach?.fixes?.map((f) => f.title),
      ["Shorten to 4h (proportional guideline)", "Shorten to 8h (the Guide's maximum)"],
    );
    // A choice between two fixes is the team's: neither is applied by Fix all.
    assert.deepEqual(
      breach?.fixes?.map((f) => f.safe),
      [false, false],
    );
    const [daily] = two("30 min", "Daily Scrum");
    assert.equal(daily?.messageId, "overMaximum");
    assert.match(daily?.message ?? "", /maximum of 15 minutes whatever the Sprint's length/);
    // The Guide's maximum as the only fix is safe, and written in the unit the file uses.
    assert.deepEqual(
      daily?.fixes?.map((f) => [f.edits[0]?.newText, f.safe]),
      [["15 min", true]],
    );
  });

  it("writes a shortened duration in the unit the file uses", () => {
    for (const [planned, written] of [
      ["9h", "8h"],
      ["9 hours", "8 hours"],
      ["9:00", "8:00"],
      ["600 min", "480 min"],
      ["nine hours and a bit", undefined],
    ] as const) {
      const [breach] = findings(backlog("1 month", [["Sprint Planning", planned]]));
      if (written === undefined) assert.equal(breach?.messageId, "unreadable", planned);
      else
        assert.deepEqual(
          breach?.fixes?.map((f) => f.edits[0]?.newText),
          [written],
          planned,
        );
    }
    const [daily] = findings(backlog("2 weeks", [["Daily Scrum", "1h"]]));
    assert.equal(daily?.fixes?.[0]?.edits[0]?.newText, "15m");
  });

  it("reports above the proportional figure but within the maximum at a lower severity, and says it is a guideline", () => {
    const [above] = two("6h");
    assert.equal(above?.messageId, "aboveProportional");
    assert.equal(above?.severity, "info");
    assert.match(above?.message ?? "", /within the Scrum Guide's maximum of 8 hours/);
    assert.match(above?.message ?? "", /about 4 hours for a 2-week Sprint \(a guideline from the 2011 Scrum Guide/);
    assert.deepEqual(two("4h"), [], "at the proportional figure");
    assert.deepEqual(
      two("8h", "Sprint Review").map((f) => f.messageId),
      ["overMaximum"],
    );
    assert.deepEqual(
      two("3h", "Sprint Review").map((f) => f.severity),
      ["info"],
    );
  });

  it("lets the team choose the severity of the proportional finding, never above the rule's", () => {
    const withOption = (aboveProportional: string, severity: SeveritySetting = "warning"): CoachConfig => ({
      rules: { [RULE]: { severity, options: { aboveProportional } } },
    });
    const text = backlog("2 weeks", [
      ["Sprint Planning", "6h"],
      ["Sprint Retrospective", "4h"],
    ]);
    assert.deepEqual(
      findings(text, withOption("hint")).map((f) => `${f.messageId}:${f.severity}`),
      ["aboveProportional:hint", "overMaximum:warning"],
    );
    assert.deepEqual(
      findings(text, withOption("off")).map((f) => f.messageId),
      ["overMaximum"],
    );
    assert.deepEqual(
      findings(text, withOption("error", "info")).map((f) => `${f.messageId}:${f.severity}`),
      ["aboveProportional:info", "overMaximum:info"],
    );
  });

  it("applies the one-month maxima, unscaled, without a length or for a month", () => {
    assert.deepEqual(findings(backlog("1 month", [["Sprint Planning", "7h"]])), []);
    const noLength = "sprint:\n  events:\n    - name: Sprint Planning\n      duration: 7h\n";
    assert.deepEqual(findings(noLength), []);
  });
});

describe("a Sprint over one month outside the core", () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("reports it in the CLI", async () => {
    const dir = mkdtempSync(join(tmpdir(), "backlog-coach-sprint-"));
    dirs.push(dir);
    const file = join(dir, "six.backlog.yaml");
    writeFileSync(file, backlog("6 weeks"));
    let stdout = "";
    const code = await runCli(["lint", "--format", "json", file], { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: dir });
    assert.equal(code, 0, "a warning does not fail the run");
    assert.match(stdout, /"sprint-event-timebox"/);
    assert.match(stdout, /longer than Scrum allows/);
  });

  it("shows it in the editor as a warning on the length", async () => {
    const client = await startTestClient();
    try {
      const uri = "file:///workspace/six.backlog.yaml";
      const published = client.diagnostics(uri);
      await client.open(uri, backlog("6 weeks"), "yaml");
      const diagnostic = (await published).find((d) => d.code === RULE);
      assert.ok(diagnostic, "a diagnostic for the 6-week Sprint");
      assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
      assert.equal(diagnostic.range.start.line, 1);
    } finally {
      await client.dispose();
    }
  });
});
