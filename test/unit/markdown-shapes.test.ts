// Markdown of spec and story workflows (Spec Kit, BMAD, issue templates): shapes read at exact offsets, the
// findings each fixture expects, fixes written in the shape, the markdownFiles globs and the opt-in reading.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { applyEdits } from "../../server/core/apply-edits";
import { mergeConfigs } from "../../server/core/config";
import { parseConfigFile } from "../../server/core/config-file";
import { IncrementalAnalyzer } from "../../server/core/incremental";
import { DEFAULT_MARKDOWN_FILES, markdownFileOptedIn } from "../../server/core/markdown-files";
import type { Backlog, Span } from "../../server/core/model";
import { parseMarkdownStories } from "../../server/core/parse/markdown-stories";
import { LineIndex } from "../../server/core/parse/text-lines";
import { FIXTURES, markdownShapeFiles, readFixture } from "../support/fixtures";

const SHAPES = join(FIXTURES, "markdown-shapes");
const read = (relative: string): string => readFixture(join(SHAPES, relative)).text;
const at = (text: string, span: Span | undefined): string | undefined => (span ? text.slice(span.start, span.end) : undefined);
const shapesOnly = { markdownShapesOnly: true } as const;

describe("Markdown shapes: each fixture's findings", () => {
  const files = markdownShapeFiles();
  it("has fixtures of every shape", () => {
    const shapes = new Set(files.flatMap((f) => parseMarkdownStories(readFileSync(f.path, "utf8")).stories.map((s) => s.layout?.shape)));
    for (const shape of ["spec-kit", "bmad", "issue-template"]) assert.ok(shapes.has(shape as never), `no ${shape} fixture`);
  });
  for (const file of files.filter((f) => f.path.startsWith(SHAPES))) {
    it(`finds what ${file.relative} expects`, () => {
      const fixture = readFixture(file.path);
      const lines = new LineIndex(fixture.text);
      const { findings } = analyzeBacklog(fixture.text, "markdown", {}, undefined, shapesOnly);
      const actual = findings.map((f) => `${lines.positionAt(f.span.start).line + 1}:${f.ruleId}`).sort();
      assert.deepEqual(actual, fixture.expected);
    });
  }
});

describe("Spec Kit spec.md", () => {
  for (const eol of ["\n", "\r\n"]) {
    it(`reads stories, ranks, sentences and scenarios at exact offsets (${JSON.stringify(eol)})`, () => {
      const text = read("specs/002-refunds/spec.md").replace(/\n/g, eol);
      const b = parseMarkdownStories(text);
      // Three "User Story" headings; Edge Cases, Requirements and Success Criteria are no stories.
      assert.equal(b.stories.length, 3);
      const [first, second, third] = b.stories;
      assert.ok(first && second && third);
      assert.equal(first.layout?.shape, "spec-kit");
      assert.equal(at(text, first.title?.span), "Refund a whole order");
      assert.deepEqual([first.priority?.value, at(text, first.priority?.span)], [1, "P1"]);
      assert.equal(at(text, first.sentence?.role?.span), "store admin");
      assert.equal(at(text, first.sentence?.means?.span), "refund a whole order from its page");
      assert.equal(at(text, first.sentence?.ends?.span), "the shopper gets the money back the same day");
      // "**Given** a, **When** b": the bold markers are blanked for the rules; the span covers the source.
      const scenario = first.acceptance?.[0];
      assert.ok(scenario);
      assert.equal(scenario.text.length, scenario.span.end - scenario.span.start);
      assert.ok(scenario.text.startsWith("Given   a paid order,   When   the admin refunds it,   Then   the order"));
      assert.ok(at(text, scenario.span)?.startsWith("Given** a paid order, **When** the admin refunds it, **Then**"));
      assert.ok(at(text, scenario.span)?.endsWith("the shopper gets an e-mail"));
      assert.equal(first.acceptance?.length, 2);
      // The story ends before the "---" that separates it from the next.
      assert.ok(at(text, first.span)?.endsWith("the refund button is gone"));
      // An em dash heading; a narrative paragraph is the sentence as written, with no template parts.
      assert.equal(at(text, second.title?.span), "Refund part of an order");
      assert.deepEqual([second.priority?.value, at(text, second.priority?.span)], [2, "P2"]);
      assert.ok(at(text, second.sentence?.span)?.startsWith("A store admin ticks the lines"));
      assert.equal(second.sentence?.role, undefined);
      // "US3: ... (Priority: P2) 🎯 MVP"; a "**User Story**:" label: the sentence starts after it.
      assert.equal(at(text, third.title?.span), "Refund to store credit");
      assert.ok(at(text, third.sentence?.span)?.startsWith("As a store admin, I want to refund to store credit"));
      assert.equal(third.acceptance, undefined);
      assert.ok(text.slice(third.layout?.endOfEntry ?? 0).startsWith(`${eol}${eol}### Edge Cases`));
    });
  }

  describe("split: a new user story after the spec's last, numbered after the highest", () => {
    /** The original's Acceptance Scenarios, which the new story gets as written. */
    const SCENARIOS = [
      "**Acceptance Scenarios**:",
      "",
      "1. **Given** an order, **When** I export, **Then** a file is written.",
      "2. **Given** no order, **When** I export, **Then** the file is empty.",
    ];
    const spec = (eol: string): string =>
      [
        "# Feature Specification: Orders",
        "",
        "## User Scenarios & Testing",
        "",
        "### User Story 1 - Export (Priority: P1)",
        "",
        "As a clerk, I want to export the orders and print the invoices, so that I can file them.",
        "",
        "**Why this priority**: Filing is due monthly.",
        "",
        ...SCENARIOS,
        "",
        "---",
        "",
        "### User Story 2 - Search (Priority: P2)",
        "",
        "As a clerk, I want to find an order by number, so that I answer calls.",
        "",
        "### Edge Cases",
        "",
        "- An order without lines.",
        "",
      ].join(eol);
    const splitOf = (text: string): string => {
      const atomic = analyzeBacklog(text, "markdown", {}, undefined, shapesOnly).findings.filter((f) => f.ruleId === "story-atomic");
      assert.equal(atomic.length, 1);
      const fix = atomic[0]?.fixes?.find((f) => f.title.startsWith("Split"));
      assert.ok(fix, "a split is offered");
      return applyEdits(text, fix.edits).text;
    };

    it("keeps every story's number: the part goes last, with the title, priority and Acceptance Scenarios copied", () => {
      const text = spec("\n");
      assert.equal(
        splitOf(text),
        text
          .replace("I want to export the orders and print the invoices,", "I want to export the orders,")
          .replace(
            "I answer calls.\n",
            [
              "I answer calls.",
              "",
              "---",
              "",
              "### User Story 3 - Export (Priority: P1)",
              "",
              "As a clerk, I want to print the invoices, so that I can file them.",
              "",
              ...SCENARIOS,
              "",
            ].join("\n"),
          ),
      );
    });

    it("reads back as the stories expected, and keeps CRLF", () => {
      const text = spec("\r\n");
      const out = splitOf(text);
      assert.equal((out.match(/(?<!\r)\n/g) ?? []).length, 0, "no LF in a CRLF file");
      const { backlog, findings } = analyzeBacklog(out, "markdown", {}, undefined, shapesOnly);
      assert.deepEqual(
        backlog.stories.map((s) => [s.title?.text, s.priority?.value, s.sentence?.text, s.acceptance?.length ?? 0]),
        [
          ["Export", 1, "As a clerk, I want to export the orders, so that I can file them.", 2],
          ["Search", 2, "As a clerk, I want to find an order by number, so that I answer calls.", 0],
          ["Export", 1, "As a clerk, I want to print the invoices, so that I can file them.", 2],
        ],
      );
      assert.deepEqual(
        findings.filter((f) => f.ruleId === "story-atomic"),
        [],
      );
    });

    it("numbers after the highest, whatever story is split, and writes no rule where the spec has none", () => {
      const text = [
        "### US4: Search (Priority: P2)",
        "",
        "As a clerk, I want to sort and filter the orders, so that I find one.",
        "",
        "### User Story 7 - Export (Priority: P1)",
        "",
        "As a clerk, I want to export the orders, so that I can file them.",
        "",
      ].join("\n");
      assert.equal(
        splitOf(text),
        [
          "### US4: Search (Priority: P2)",
          "",
          "As a clerk, I want to sort the orders, so that I find one.",
          "",
          "### User Story 7 - Export (Priority: P1)",
          "",
          "As a clerk, I want to export the orders, so that I can file them.",
          "",
          "### User Story 8 - Search (Priority: P2)",
          "",
          "As a clerk, I want to filter the orders, so that I find one.",
          "",
        ].join("\n"),
      );
    });
  });

  it("never reads the template's boilerplate: a story with only its labelled parts has no sentence", () => {
    const text =
      "### User Story 1 - Sign in (Priority: P1)\n\n**Why this priority**: As a user I want this, so that it ships.\n\n" +
      "**Independent Test**: As an admin I want to check it.\n\n**Acceptance Scenarios**:\n\n1. **Given** a user, **When** they sign in, **Then** the home page opens\n";
    const [story] = parseMarkdownStories(text).stories;
    assert.equal(story?.sentence, undefined);
    assert.equal(story?.acceptance?.length, 1);
  });

  it("writes the missing Acceptance Scenarios in Spec Kit's style, and reads them back as a placeholder", () => {
    const text = read("specs/002-refunds/spec.md");
    const missing = analyzeBacklog(text, "markdown").findings.find((f) => f.ruleId === "criteria-missing");
    const fix = missing?.fixes?.[0];
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits).text;
    assert.ok(
      fixed.includes(
        "back within a month.\n\n**Independent Test**: Refund an order to credit and pay the next order with it.\n\n" +
          "**Acceptance Scenarios**:\n\n1. **Given** <context>, **When** <event>, **Then** <outcome>\n\n### Edge Cases",
      ),
    );
    const left = analyzeBacklog(fixed, "markdown").findings.filter((f) => f.ruleId === "criteria-missing");
    assert.deepEqual(
      left.map((f) => f.messageId),
      ["placeholder"],
    );
  });
});

describe("BMAD story files", () => {
  it("reads the id, title, status, sentence and criteria of a story file", () => {
    const text = read("docs/stories/2.3.refund-export.md");
    const b = parseMarkdownStories(text);
    assert.equal(b.stories.length, 1);
    const [story] = b.stories;
    assert.ok(story);
    assert.equal(story.layout?.shape, "bmad");
    assert.equal(at(text, story.id?.span), "2.3");
    assert.equal(at(text, story.title?.span), "Export the day's refunds");
    // "Approved" is written; the rules read it as the schema's "ready".
    assert.deepEqual([story.status?.text, at(text, story.status?.span)], ["ready", "Approved"]);
    // "**As a** finance clerk, **I want** ...": the bold markers are markup, the parts land on the words.
    assert.equal(at(text, story.sentence?.role?.span), "finance clerk");
    // The marker's span runs over the bold marker inside it ("I want** to"); its text reads the words alone.
    assert.equal(story.sentence?.meansMarker?.text.replace(/\s+/g, " "), "I want to");
    assert.equal(at(text, story.sentence?.meansMarker?.span), "I want** to");
    assert.equal(at(text, story.sentence?.means?.span), "download the day's refunds as a CSV file");
    assert.equal(at(text, story.sentence?.ends?.span), "I can book them without typing them again");
    assert.deepEqual(
      story.acceptance?.map((c) => at(text, c.span)?.slice(0, 30)),
      ["Given refunds on the chosen da", "Given a day without refunds, w"],
    );
    // Tasks, Dev Notes ("As a reminder, ..."), Testing and the Change Log are not stories or criteria.
    assert.ok(at(text, story.span)?.startsWith("# Story 2.3"));
  });

  it("maps the workflow's status words onto the status values the rules know", () => {
    const cases: [string, string][] = [
      ["Draft", "draft"],
      ["drafted", "draft"],
      ["Approved", "ready"],
      ["ready-for-dev", "ready"],
      ["InProgress", "in-progress"],
      ["in-progress", "in-progress"],
      ["Review", "in-progress"],
      ["Done", "done"],
      ["backlog", "new"],
      ["On hold", "On hold"],
    ];
    for (const [written, value] of cases) {
      for (const text of [
        `# Story 1.1: A\n\n## Status\n\n${written}\n\n## Story\n\nAs a clerk, I want a report, so that I can plan.\n`,
        `# Story 1.1: A\n\nStatus: ${written}\n\n## Story\n\nAs a clerk, I want a report, so that I can plan.\n`,
        `# Story 1.1: A\n\n## Status: ${written}\n\n## Story\n\nAs a clerk, I want a report, so that I can plan.\n`,
        `# Story 1.1: A\n\n**Epic:** 1\n**Status:** ${written}\n\n## Story\n\nAs a clerk, I want a report, so that I can plan.\n`,
      ]) {
        const [story] = parseMarkdownStories(text).stories;
        assert.deepEqual([story?.status?.text, at(text, story?.status?.span)], [value, written], text);
      }
    }
  });

  it("definition-of-ready reads an Approved story as ready", () => {
    const text = read("docs/stories/2.3.refund-export.md");
    const ready = analyzeBacklog(text, "markdown").findings.filter((f) => f.ruleId === "definition-of-ready");
    assert.deepEqual(
      ready.map((f) => [at(text, f.span), f.message]),
      [["Approved", "The story is marked 'ready' but lacks an estimate: it does not meet the team's Definition of Ready."]],
    );
  });

  it("writes a missing Acceptance Criteria section after the Story section, as a numbered list", () => {
    const text =
      "# Story 2.1: Export\n\nStatus: Draft\n\n## Story\n\nAs a clerk, I want an export, so that I can book refunds.\n\n## Tasks / Subtasks\n\n- [ ] Task\n";
    const fix = analyzeBacklog(text, "markdown").findings.find((f) => f.ruleId === "criteria-missing")?.fixes?.[0];
    assert.ok(fix);
    assert.equal(
      applyEdits(text, fix.edits).text,
      "# Story 2.1: Export\n\nStatus: Draft\n\n## Story\n\nAs a clerk, I want an export, so that I can book refunds.\n\n" +
        "## Acceptance Criteria\n\n1. Given <context>, when <event>, then <outcome>\n\n## Tasks / Subtasks\n\n- [ ] Task\n",
    );
  });
});

describe("issue-template stories", () => {
  it("reads 'As a / I need / So that' lines and joins a scenario's Given, When and Then items", () => {
    const text = read("docs/stories/refund-status.md");
    const [story, ...rest] = parseMarkdownStories(text).stories;
    assert.equal(rest.length, 0);
    assert.ok(story);
    assert.equal(story.layout?.shape, "issue-template");
    assert.equal(at(text, story.sentence?.role?.span), "returning shopper");
    assert.equal(at(text, story.sentence?.meansMarker?.span), "I need to");
    assert.equal(at(text, story.sentence?.ends?.span), "I stop writing to support to ask");
    const [scenario, second] = story.acceptance ?? [];
    assert.ok(scenario && second);
    // Three task-list items make one scenario; their boxes and list markers are blanked, offsets kept.
    assert.equal(
      scenario.text.replace(/\s+/g, " "),
      "Given a refunded order When the shopper opens it Then the page says on which day the money was sent",
    );
    assert.equal(scenario.text.length, scenario.span.end - scenario.span.start);
    assert.ok(at(text, second.span)?.startsWith("Given a refund under way"));
  });

  it("writes a missing Acceptance criteria section as a bulleted list", () => {
    const text = read("docs/stories/refund-search.md");
    const fix = analyzeBacklog(text, "markdown").findings.find((f) => f.ruleId === "criteria-missing")?.fixes?.[0];
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits).text;
    assert.ok(fixed.includes("e-mail address.").valueOf());
    assert.match(fixed, /e-mail address\. +\n\n## Acceptance criteria\n\n- Given <context>, when <event>, then <outcome>\n\n## Notes/);
  });

  it("leaves a stories file with a heading called 'Story' among its stories to the heading reader", () => {
    const text =
      "## Story\n\nAs a clerk, I want a report.\n\n## CHK-2 Export\n\nAs a clerk, I want an export.\n\n## CHK-3 Print\n\nAs a clerk, I want to print.\n";
    const b = parseMarkdownStories(text);
    assert.equal(b.stories.length, 3);
    assert.ok(b.stories.every((s) => s.layout?.shape === undefined));
  });
});

describe("Markdown opted in by glob", () => {
  it("matches the default paths, never a README, and a glob the user gives", () => {
    assert.deepEqual(DEFAULT_MARKDOWN_FILES, ["**/specs/*/spec.md", "**/docs/stories/*.md"]);
    assert.ok(markdownFileOptedIn("file:///w/specs/001-checkout/spec.md", undefined));
    assert.ok(markdownFileOptedIn("C:\\w\\docs\\stories\\1.2.receipt.md", undefined));
    assert.ok(!markdownFileOptedIn("/w/docs/stories/README.md", undefined));
    assert.ok(!markdownFileOptedIn("/w/docs/stories/readme.md", ["**/*.md"]));
    assert.ok(!markdownFileOptedIn("/w/README.md", ["**/*.md"]));
    assert.ok(!markdownFileOptedIn("/w/specs/001-checkout/plan.md", undefined));
    assert.ok(!markdownFileOptedIn("/w/docs/guide.md", undefined));
    assert.ok(!markdownFileOptedIn("/w/specs/001-checkout/spec.md", []), "[] opts nothing in");
    assert.ok(markdownFileOptedIn("/w/backlog/epics/e1.md", ["backlog/epics/*.md"]));
    assert.ok(!markdownFileOptedIn("/w/specs/001-checkout/spec.txt", ["**/*"]), "only .md files");
  });

  it("is a config key and a setting: validated, the file's list replacing the setting's", () => {
    assert.deepEqual(parseConfigFile('markdownFiles: ["stories/**/*.md"]\n').config.markdownFiles, ["stories/**/*.md"]);
    const bad = parseConfigFile("markdownFiles: stories/*.md\n");
    assert.equal(bad.config.markdownFiles, undefined);
    assert.deepEqual(
      bad.findings.map((f) => f.ruleId),
      ["config-file"],
    );
    assert.deepEqual(mergeConfigs({ markdownFiles: ["a/*.md"] }, { markdownFiles: [] }).markdownFiles, []);
    assert.deepEqual(mergeConfigs({ markdownFiles: ["a/*.md"] }, { rules: {} }).markdownFiles, ["a/*.md"]);
  });

  it("reads an ordinary document under such a path as no backlog, but as stories when it is named a story file", () => {
    for (const name of ["docs/stories/epic-2-overview.md", "docs/stories/README.md"]) {
      const text = read(name);
      assert.deepEqual(analyzeBacklog(text, "markdown", {}, undefined, shapesOnly).findings, [], name);
      assert.equal(parseMarkdownStories(text, { shapesOnly: true }).stories.length, 0);
      assert.ok(parseMarkdownStories(text).stories.length > 0, "a *.stories.md file's headings are its stories");
    }
    // Headings with story sentences under them are still read when opted in by glob.
    const stories = "# Backlog\n\n## CHK-1 Export\n\nAs a clerk, I want an export.\n";
    assert.equal(parseMarkdownStories(stories, { shapesOnly: true }).stories.length, 1);
  });
});

describe("Markdown shapes, incrementally", () => {
  it("gives after each edit what a fresh analysis gives, for every shape sample", () => {
    for (const file of markdownShapeFiles()) {
      const original = readFileSync(file.path, "utf8");
      const analyzer = new IncrementalAnalyzer("markdown", true);
      const first = analyzer.analyze(original);
      let text = original;
      let seed = 7;
      const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
      for (let k = 0; k < 25; k++) {
        const pos = next() % (text.length + 1);
        const insert = ["x", " and ", "\n", "", "**", "Given "][next() % 6] ?? "";
        const remove = next() % 3;
        text = text.slice(0, pos) + insert + text.slice(pos + remove);
        const incremental = analyzer.analyze(text);
        const fresh = analyzeBacklog(text, "markdown", {}, undefined, shapesOnly);
        const view = (b: Backlog, f: readonly { ruleId: string; span: Span; message: string }[]) => ({
          stories: b.stories.map((s) => [s.span, s.sentence?.text, s.acceptance?.map((c) => c.span), s.priority, s.status, s.layout]),
          findings: f.map((x) => [x.ruleId, x.span, x.message]).sort(),
        });
        assert.deepEqual(
          view(incremental.backlog, incremental.findings),
          view(fresh.backlog, fresh.findings),
          `${file.relative} edit ${k}`,
        );
      }
      assert.ok(first.backlog.stories.length > 0 || file.relative.includes("overview"), file.relative);
    }
  });

  it("hands back an unchanged Spec Kit story after an edit in another story", () => {
    const text = read("specs/002-refunds/spec.md");
    const analyzer = new IncrementalAnalyzer("markdown", true);
    const before = analyzer.analyze(text).backlog.stories;
    const at3 = text.indexOf("Refund an order to credit");
    const after = analyzer.analyze(text.slice(0, at3) + "Quickly r" + text.slice(at3 + 1)).backlog.stories;
    assert.equal(after[0], before[0], "story 1 kept");
    assert.notEqual(after[2], before[2], "story 3 read again");
  });
});
