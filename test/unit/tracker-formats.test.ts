// Tracker exports: the CSV reader (quoting, BOM, CRLF, multi-line cells), the Jira, Azure DevOps and mapped CSV
// profiles, `gh issue list --json`, exact spans in encoded fields, fixes written back quoted, malformed input.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { applyEdits } from "../../server/core/apply-edits";
import type { CoachConfig } from "../../server/core/config";
import type { BacklogFormat, Finding, Span } from "../../server/core/model";
import { csvCell, readCsv } from "../../server/core/parse/csv";
import { readJsonArray } from "../../server/core/parse/json-spans";
import { blankHtml, blankJiraMarkup, projectCsvContent, projectJsonContent } from "../../server/core/parse/tracker-text";
import { globToRegExp, trackerFormatOf } from "../../server/core/tracker-files";
import { FIXTURES } from "../support/fixtures";

const read = (name: string): string => readFileSync(join(FIXTURES, "trackers", name), "utf8");
const at = (text: string, span: Span): string => text.slice(span.start, span.end);
const MAPPING: CoachConfig = { csv: { columns: { id: "Key", story: "Text", criteria: "AC", estimate: "Points", status: "State" } } };

/** Each finding as its rule id and the exact text its span covers. */
const found = (text: string, findings: readonly Finding[]): string[] => findings.map((f) => `${f.ruleId}: ${at(text, f.span)}`);

describe("CSV reader", () => {
  it("reads quoted cells over several lines, doubled quotes, a BOM, CRLF and a trailing empty cell", () => {
    const text = '\ufeffa,b,c\r\n"x, ""y""","line 1\r\nline 2",\r\n\r\nplain,,"last"';
    const table = readCsv(text);
    assert.deepEqual(
      table.rows.map((r) => r.cells.map((c) => c.value)),
      [
        ["a", "b", "c"],
        ['x, "y"', "line 1\r\nline 2", ""],
        ["plain", "", "last"],
      ],
    );
    const cell = table.rows[1]?.cells[0];
    assert.ok(cell);
    assert.equal(at(text, { start: cell.start, end: cell.end }), '"x, ""y"""');
    assert.equal(at(text, { start: cell.contentStart, end: cell.contentEnd }), 'x, ""y""');
    assert.equal(table.rows[0]?.start, 1, "the BOM is not content");
    assert.deepEqual(table.problems, []);
  });

  it("reports an unclosed quote and text after a closing quote, and reads on", () => {
    const text = 'a,b\n"q"x,3\n"open,1\nnext,2\n';
    const table = readCsv(text);
    assert.deepEqual(
      table.problems.map((p) => p.kind),
      ["textAfterQuote", "unclosedQuote"],
    );
    assert.deepEqual(
      table.rows.map((r) => r.cells.map((c) => c.value)),
      [["a", "b"], ["qx", "3"], ["open,1"], ["next", "2"]],
    );
  });

  it("detects a semicolon or tab delimiter from the header", () => {
    assert.equal(readCsv("a;b;c\n1;2;3").delimiter, ";");
    assert.equal(readCsv("a\tb\n1\t2").rows[1]?.cells[1]?.value, "2");
  });

  it("writes a cell quoted when it must be", () => {
    assert.equal(csvCell("plain"), "plain");
    assert.equal(csvCell('a, "b"'), '"a, ""b"""');
    assert.equal(csvCell("two\nlines"), '"two\nlines"');
  });
});

describe("projections keep the length and blank the markup", () => {
  it("Jira wiki markup", () => {
    const p = blankJiraMarkup(projectCsvContent("h2. Story\n*As a* member, I want {{code}} _now_\n# item one\n[link|http://x]"));
    assert.equal(p.text.length, "h2. Story\n*As a* member, I want {{code}} _now_\n# item one\n[link|http://x]".length);
    assert.equal(p.text, "    Story\n As a  member, I want   code    now \n  item one\n link          ");
  });

  it("HTML: block tags end lines, entities read as their character", () => {
    const raw = "<ul><li>Given &quot;a&quot;</li><li>then b</li></ul>";
    const p = blankHtml(projectCsvContent(raw));
    assert.equal(p.text.length, raw.length);
    assert.deepEqual(
      p.text
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
      ['Given "     a"', "then b"],
    );
  });

  it("JSON escapes", () => {
    const raw = 'say \\"hi\\"\\nnext \\u00e9t\\u00e9';
    const p = projectJsonContent(raw);
    assert.equal(p.text.length, raw.length);
    assert.equal(p.text, 'say ""hi"" \nnext é     té     ');
    assert.equal(p.atoms.length, 5);
  });
});

describe("Jira CSV", () => {
  const text = read("jira.csv");
  const analysis = analyzeBacklog(text, "csv");

  it("reads story rows only, by their columns, whatever headers repeat", () => {
    const stories = analysis.backlog.stories;
    assert.deepEqual(
      stories.map((s) => s.id?.text),
      ["LIB-1", "LIB-2", "LIB-4"],
    );
    // The repeated Sprint and Labels headers do not shift the estimate or description columns.
    assert.deepEqual(
      stories.map((s) => s.estimate?.value),
      [3, 5, 2],
    );
  });

  it("finds the sentence in the description when the summary is a title, without its wiki markup", () => {
    const story = analysis.backlog.stories[1];
    assert.equal(story?.title?.text, "Overdue reminders");
    assert.equal(story?.sentence?.role?.text, "library member");
    assert.equal(at(text, story?.sentence?.role?.span ?? { start: 0, end: 0 }), "library member");
    assert.deepEqual(
      story?.acceptance?.map((c) => at(text, c.span)),
      ["Given a loan due in two days, when the nightly job runs, then I get one email"],
    );
  });

  it("reads criteria from the criteria cell, list markup aside, doubled quotes in place", () => {
    const criteria = analysis.backlog.stories[0]?.acceptance ?? [];
    assert.equal(criteria.length, 2);
    assert.equal(
      at(text, criteria[0]?.span ?? { start: 0, end: 0 }),
      'Given a loan due tomorrow, when I press ""Renew"", then the due date moves by two weeks',
    );
  });

  it("gives the expected findings, on the words", () => {
    assert.deepEqual(
      found(text, analysis.findings),
      ["story-benefit: As a librarian, I want to add and remove books", "story-atomic: and", "criteria-missing: LIB-4"].sort(
        (a, b) => text.indexOf(a.split(": ")[1] ?? "") - text.indexOf(b.split(": ")[1] ?? ""),
      ),
    );
  });

  it("configured issue types select other rows", () => {
    const bugs = analyzeBacklog(text, "csv", { csv: { issueTypes: ["Bug"] } });
    assert.deepEqual(
      bugs.backlog.stories.map((s) => s.id?.text),
      ["LIB-3"],
    );
  });
});

describe("Azure DevOps CSV", () => {
  const text = read("azure.csv");
  const analysis = analyzeBacklog(text, "csv");

  it("reads User Story and Product Backlog Item rows, criteria from HTML list items and <br> lines", () => {
    const [first, second] = analysis.backlog.stories;
    assert.deepEqual(
      analysis.backlog.stories.map((s) => s.id?.text),
      ["7", "9", "10"],
    );
    assert.deepEqual(
      first?.acceptance?.map((c) => at(text, c.span)),
      ["Given a patient, when I enter 37.5, then it shows on the chart", "Given a reading, when I open the chart, then it is there"],
    );
    // A scenario over three <br> lines is one criterion.
    assert.equal(second?.acceptance?.length, 1);
    assert.equal(second?.sentence?.role?.text, "ward manager");
  });

  it("gives the expected findings", () => {
    assert.deepEqual(found(text, analysis.findings), [
      "estimate-scale: 40",
      "criteria-missing: 10",
      "story-benefit: As a nurse, I want to print the chart",
    ]);
  });
});

describe("mapped CSV", () => {
  const text = read("mapped.csv");

  it("reads the columns the config maps", () => {
    const analysis = analyzeBacklog(text, "csv", MAPPING);
    assert.deepEqual(found(text, analysis.findings), ["criteria-missing: M-2", "story-benefit: As a driver, I want to pay by app"]);
  });

  it("says which mapped column is absent, and still reads the others", () => {
    const analysis = analyzeBacklog(text, "csv", { csv: { columns: { story: "Text", criteria: "Acceptance" } } });
    const absent = analysis.findings.filter((f) => f.ruleId === "file-not-checked");
    assert.equal(absent.length, 1);
    assert.match(absent[0]?.message ?? "", /'Acceptance' that csv.columns.criteria names is not in this file's header/);
    assert.equal(analysis.backlog.stories.length, 2);
  });

  it("an unknown CSV gets one finding saying how to map it", () => {
    const analysis = analyzeBacklog("Name,Amount\nTea,3\n", "csv");
    assert.deepEqual(
      analysis.findings.map((f) => f.messageId),
      ["exportUnread"],
    );
    assert.match(analysis.findings[0]?.message ?? "", /csv: \{ columns/);
  });
});

describe("GitHub issues JSON", () => {
  const text = read("issues.json");
  const analysis = analyzeBacklog(text, "github-issues");

  it("reads issues with a story sentence or a story label; ids are #<number>", () => {
    assert.deepEqual(
      analysis.backlog.stories.map((s) => s.id?.text),
      ["#7", "#9"],
    );
    const first = analysis.backlog.stories[0];
    assert.equal(first?.title?.text, "Bookmarks");
    assert.equal(at(text, first?.sentence?.ends?.span ?? { start: 0, end: 0 }), "I can resume quickly");
    assert.deepEqual(
      first?.acceptance?.map((c) => at(text, c.span)),
      ["Given a chapter, when I tap bookmark, then it is saved"],
    );
  });

  it("lands a finding after escapes on its exact words", () => {
    const body = 'As a reader, I want to export \\"notes\\"\\nquickly, so that I can share them.';
    const json = `[{"number":1,"title":"Notes","body":"${body}","labels":[],"state":"OPEN"}]`;
    const vague = analyzeBacklog(json, "github-issues").findings.find((f) => f.ruleId === "story-vague-terms");
    assert.ok(vague);
    assert.equal(at(json, vague.span), "quickly");
  });

  it("gives the expected findings", () => {
    assert.deepEqual(found(text, analysis.findings), ["criteria-missing: 9", "story-benefit: As a reader, I want to change the font size"]);
  });
});

describe("malformed exports still give every finding that can be made", () => {
  it("a CSV with an unclosed quote and a ragged row", () => {
    const text =
      "Issue key,Summary,Issue Type\n" +
      'A-1,"As a cook, I want to list recipes,Story\n' +
      "A-2,As a cook I want to rate recipes,Story,extra\n" +
      'A-3,"As a cook, I want to share recipes, so that friends cook them",Story\n';
    const analysis = analyzeBacklog(text, "csv");
    const parse = analysis.findings.filter((f) => f.ruleId === "file-not-checked").map((f) => at(text, f.span));
    // One finding for the ragged rows (A-1's, cut at its line's end, and A-2's), at the first; one for the quote.
    assert.deepEqual(parse, ['A-1,"As a cook, I want to list recipes,Story', '"']);
    assert.match(analysis.findings.find((f) => f.ruleId === "file-not-checked")?.message ?? "", /^2 rows have another number of cells/);
    // The rows after the broken one are read and checked.
    assert.ok(analysis.findings.some((f) => f.ruleId === "story-benefit" && at(text, f.span).includes("rate recipes")));
    assert.equal(analysis.backlog.stories.length, 2, "A-1's row has its type in the unclosed cell, A-2 and A-3 are stories");
  });

  it("invalid JSON: the issues before and after the error are checked", () => {
    const good = (n: number, means: string): string =>
      `{"number":${n},"title":"As a cook, I want to ${means}","body":"","labels":[],"state":"OPEN"}`;
    const text = `[${good(1, "list recipes")},{"number":2,"title":"As a cook, I want x" "body":""},${good(3, "rate recipes")}]`;
    const analysis = analyzeBacklog(text, "github-issues");
    assert.deepEqual(
      analysis.backlog.stories.map((s) => s.id?.text),
      ["#1", "#3"],
    );
    const parse = analysis.findings.filter((f) => f.ruleId === "file-not-checked");
    assert.equal(parse.length, 1);
    assert.match(parse[0]?.message ?? "", /not valid JSON from line 1, column \d+: ',' or '}' was expected/);
  });

  it("no input throws", () => {
    for (const text of ["", '"', '[{"', "[", "{}", 'a,b\n"', "\ufeff", '[{"number":1,"title":"As a', 'Summary\n"""\n']) {
      for (const format of ["csv", "github-issues"] as const) assert.doesNotThrow(() => analyzeBacklog(text, format));
    }
    assert.deepEqual(readJsonArray('{"a":1}', ["number"]).isArray, false);
  });
});

/** Every fix of a file applied alone: only its span changes, the export reads back with the same shape. */
function checkFixes(text: string, format: BacklogFormat, config: CoachConfig = {}): number {
  let checked = 0;
  for (const finding of analyzeBacklog(text, format, config).findings) {
    for (const fix of finding.fixes ?? []) {
      const after = applyEdits(text, fix.edits).text;
      const first = Math.min(...fix.edits.map((e) => e.span.start));
      const last = Math.max(...fix.edits.map((e) => e.span.end));
      assert.equal(after.slice(0, first), text.slice(0, first), `${finding.ruleId}: text before the fix kept`);
      assert.equal(after.slice(after.length - (text.length - last)), text.slice(last), `${finding.ruleId}: text after the fix kept`);
      if (format === "csv") {
        const before = readCsv(text);
        const fixed = readCsv(after);
        // A split adds records of the header's width: the rows before it are kept as they were.
        const added = fix.edits.filter((e) => e.encoded).reduce((n, e) => n + readCsv(e.newText.replace(/^\r?\n/, "")).rows.length, 0);
        const headerCells = before.rows[0]?.cells.length ?? 0;
        assert.deepEqual(
          fixed.rows.map((r) => r.cells.length).sort((a, b) => a - b),
          [...before.rows.map((r) => r.cells.length), ...Array.from({ length: added }, () => headerCells)].sort((a, b) => a - b),
          `${finding.ruleId}: ${fix.title} keeps every row's cells`,
        );
        assert.equal(fixed.rows.length, before.rows.length + added);
        assert.equal(fixed.problems.length, before.problems.length);
        for (const e of fix.edits.filter((x) => !x.encoded)) {
          const inserted = e.newText.replace(/^"|"$/g, "").replace(/""/g, '"');
          assert.ok(
            fixed.rows.some((r) => r.cells.some((c) => c.value.includes(inserted))),
            `${fix.title}: '${inserted}' in a cell`,
          );
        }
      } else {
        const values = JSON.parse(after) as { body?: string; title?: string }[];
        assert.ok(Array.isArray(values));
        const inserted = fix.edits.map((e) => JSON.parse(`"${e.newText}"`) as string);
        for (const piece of inserted)
          assert.ok(
            values.some((v) => `${v.title ?? ""}${v.body ?? ""}`.includes(piece)),
            `${fix.title}: '${piece}' decoded`,
          );
      }
      assert.equal(
        (after.match(/\r\n/g) ?? []).length - (text.match(/\r\n/g) ?? []).length,
        (
          fix.edits
            .map((e) => e.newText)
            .join("")
            .match(/\r\n/g) ?? []
        ).length,
      );
      checked++;
    }
  }
  return checked;
}

describe("fixes change only their span and keep the export readable", () => {
  const withCrlf = (t: string): string => t.replace(/\r?\n/g, "\r\n");
  const commas =
    'Issue key,Summary,Issue Type,Custom field (Acceptance Criteria)\nX-1,As a cook I want to list recipes,Story,\nX-2,"As a cook, want to rate recipes, so that I remember them",Story,\n';
  for (const [name, text, format, config] of [
    ["jira.csv", read("jira.csv"), "csv", {}],
    ["jira.csv with CRLF", withCrlf(read("jira.csv")), "csv", {}],
    ["azure.csv", read("azure.csv"), "csv", {}],
    ["mapped.csv", read("mapped.csv"), "csv", MAPPING],
    ["unquoted cells that a fix gives a comma", commas, "csv", {}],
    ["the same with CRLF", withCrlf(commas), "csv", {}],
    ["issues.json", read("issues.json"), "github-issues", {}],
    ["examples/issues.json", readFileSync(join(FIXTURES, "..", "..", "examples", "issues.json"), "utf8"), "github-issues", {}],
  ] as const) {
    it(name, () => {
      assert.ok(checkFixes(text, format, config) > 0, "the file offers fixes");
    });
  }

  it("an unquoted cell is quoted when a fix gives it a comma", () => {
    const fix = analyzeBacklog(commas, "csv").findings.find((f) => f.ruleId === "story-benefit")?.fixes?.[0];
    assert.ok(fix);
    assert.equal(applyEdits(commas, fix.edits).text.split("\n")[1], 'X-1,"As a cook I want to list recipes, so that <benefit>",Story,');
  });

  it("criteria-missing writes its criterion into the empty criteria cell, quoted", () => {
    const fix = analyzeBacklog(commas, "csv").findings.find((f) => f.ruleId === "criteria-missing")?.fixes?.[0];
    assert.ok(fix);
    assert.match(applyEdits(commas, fix.edits).text, /Story,"Given <context>, when <event>, then <outcome>"\n/);
  });

  it("an issue's criteria section is written escaped at the end of its body", () => {
    const json =
      '[{"number":3,"title":"As a cook, I want to rate recipes, so that I remember them","body":"Asked by \\"Ann\\".","labels":[],"state":"OPEN"}]';
    const fix = analyzeBacklog(json, "github-issues").findings.find((f) => f.ruleId === "criteria-missing")?.fixes?.[0];
    assert.ok(fix);
    const body = (JSON.parse(applyEdits(json, fix.edits).text) as { body: string }[])[0]?.body;
    assert.equal(body, 'Asked by "Ann".\n\n## Acceptance criteria\n\n- [ ] Given <context>, when <event>, then <outcome>');
  });
});

describe("split writes a new record after the story's", () => {
  /** The text after the story-atomic finding's split. */
  const split = (text: string, config: CoachConfig = {}): string => {
    const fix = analyzeBacklog(text, "csv", config)
      .findings.find((f) => f.ruleId === "story-atomic")
      ?.fixes?.find((f) => f.title.startsWith("Split"));
    assert.ok(fix, "a split is offered");
    return applyEdits(text, fix.edits).text;
  };
  const sentences = (text: string, config: CoachConfig = {}): (string | undefined)[] =>
    analyzeBacklog(text, "csv", config).backlog.stories.map((s) => s.sentence?.text);

  it("Jira: the part in the Summary, the issue type and status copied, the key left to Jira, the rest empty", () => {
    const text = read("jira.csv");
    const out = split(text);
    assert.equal(
      out,
      text.replace(
        'LIB-4,"As a librarian, I want to add and remove books",User Story,To Do,Sprint 8,,,,2,,\n',
        'LIB-4,"As a librarian, I want to add books",User Story,To Do,Sprint 8,,,,2,,\n,"As a librarian, I want to remove books",User Story,To Do,,,,,,,\n',
      ),
    );
    assert.ok(out.startsWith("\ufeff"), "the BOM is kept");
    const stories = analyzeBacklog(out, "csv").backlog.stories;
    assert.deepEqual(
      stories.slice(-2).map((s) => [s.id?.text, s.sentence?.text, s.status?.text]),
      [
        ["LIB-4", "As a librarian, I want to add books", "To Do"],
        [undefined, "As a librarian, I want to remove books", "To Do"],
      ],
    );
    assert.equal(analyzeBacklog(out, "csv").findings.filter((f) => f.ruleId === "story-atomic").length, 0, "the split finding is gone");
  });

  it("keeps CRLF, and a file that quotes every cell gets quoted empty cells", () => {
    const text =
      '"Issue key","Summary","Issue Type","Status","Description"\r\n"X-1","As a cook, I want to list and rate recipes, so that I cook again","Story","Open","Asked by ""Ann"""\r\n"X-2","As a cook, I want to print a recipe, so that I cook offline","Story","Open",""\r\n';
    const out = split(text);
    assert.equal(
      out,
      text.replace(
        '"X-1","As a cook, I want to list and rate recipes, so that I cook again","Story","Open","Asked by ""Ann"""\r\n',
        '"X-1","As a cook, I want to list recipes, so that I cook again","Story","Open","Asked by ""Ann"""\r\n' +
          '"","As a cook, I want to rate recipes, so that I cook again","Story","Open",""\r\n',
      ),
    );
    assert.equal((out.match(/(?<!\r)\n/g) ?? []).length, 0, "no LF in a CRLF file");
  });

  it("a story with quotes in it: written with its quotes doubled, read back as written", () => {
    const text = 'Summary,Issue Type\n"As a cook, I want to import and export ""menus"", so that I share them",Story\n';
    const out = split(text);
    assert.deepEqual(sentences(out), [
      'As a cook, I want to import ""menus"", so that I share them',
      'As a cook, I want to export ""menus"", so that I share them',
    ]);
    assert.equal(readCsv(out).rows[2]?.cells[0]?.value, 'As a cook, I want to export "menus", so that I share them');
  });

  it("a sentence read from a Jira description: the part in the Summary, where Jira wants one", () => {
    const text =
      'Issue key,Summary,Issue Type,Status,Description\nLIB-7,Loans,Story,Open,"h3. Story\nAs a member, I want to search and filter my loans, so that I find one."\n';
    const out = split(text);
    assert.equal(out.split("\n").slice(-2)[0], ',"As a member, I want to filter my loans, so that I find one.",Story,Open,');
    assert.deepEqual(sentences(out)[1], "As a member, I want to filter my loans, so that I find one.");
  });

  it("Azure DevOps: the part in the Title, the ID left to Azure DevOps", () => {
    const text = 'ID,Work Item Type,Title,State,Effort\n7,User Story,"As a nurse, I want to print and mail the chart",New,3\n';
    assert.equal(
      split(text),
      'ID,Work Item Type,Title,State,Effort\n7,User Story,"As a nurse, I want to print the chart",New,3\n,User Story,"As a nurse, I want to mail the chart",New,\n',
    );
  });

  it("a mapped id column is the team's own: the new record gets the next id in its scheme", () => {
    const text = read("mapped.csv").replace("I want to pay by app", "I want to pay by app and by card");
    const out = split(text, MAPPING);
    const stories = analyzeBacklog(out, "csv", MAPPING).backlog.stories;
    assert.deepEqual(
      stories.map((s) => [s.id?.text, s.sentence?.text, s.status?.text]),
      [
        ["M-1", "As a driver, I want to see free charging points, so that I do not queue", "open"],
        ["M-2", "As a driver, I want to pay by app", "open"],
        ["M-3", "As a driver, I want to pay by card", "open"],
      ],
    );
  });

  it("splits into three records, each after the one before", () => {
    const text = 'Issue key,Summary,Issue Type\nX-1,"As a cook, I want to add, edit and delete recipes",Story\nX-2,Other,Bug\n';
    assert.equal(
      split(text),
      'Issue key,Summary,Issue Type\nX-1,"As a cook, I want to add recipes",Story\n,"As a cook, I want to edit recipes",Story\n,"As a cook, I want to delete recipes",Story\nX-2,Other,Bug\n',
    );
  });
});

describe("opting tracker files in by glob", () => {
  it("matches the end of a path; only .csv and .json files", () => {
    assert.ok(globToRegExp("exports/*.csv").test("/home/me/work/exports/jira.csv"));
    assert.ok(!globToRegExp("exports/*.csv").test("/home/me/work/exports/old/jira.csv"));
    assert.ok(globToRegExp("**/*.{csv,CSV}").test("a/b/c.csv"));
    const files = { csv: ["exports/**/*.csv"], "github-issues": ["issues.json"] };
    assert.equal(trackerFormatOf("file:///w/exports/2024/jira.csv", files), "csv");
    assert.equal(trackerFormatOf("C:\\w\\issues.json", files), "github-issues");
    assert.equal(trackerFormatOf("/w/data.csv", files), undefined);
    assert.equal(trackerFormatOf("/w/exports/a.csv", undefined), undefined, "nothing is opted in by default");
  });
});
