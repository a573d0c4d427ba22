// Issue #15, part A: the health view, the editor and the CLI tell the same, honest story about a backlog.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { placeholderSnippet } from "../../client/snippet-placeholders";
import { analyzeBacklog } from "../../server/core/analyze";
import { applyEdits } from "../../server/core/apply-edits";
import { completions } from "../../server/completion";
import { BacklogLanguageService } from "../../server/service";

const URI = "file:///w/a.backlog.yaml";

function healthOf(text: string) {
  const service = new BacklogLanguageService();
  service.update(URI, text, 1);
  const health = service.health(URI);
  assert.ok(health);
  return health;
}

describe("the health view ranks by severity", () => {
  // S-1 has many warnings; S-2 only the one error (no role, means or benefit: not well formed).
  const text = [
    "stories:",
    "  - id: S-1",
    "    story: As a shopper, I want to pay by card and see my orders.",
    "  - id: S-2",
    "    story: Payment page.",
    "    acceptance:",
    "      - Given a cart, when I pay, then I get a receipt",
    "",
  ].join("\n");

  it("puts the story with an error first, headed by that error", () => {
    const health = healthOf(text);
    const first = health.worstStories[0];
    assert.equal(first?.label, "S-2");
    assert.equal(first?.severity, "error");
    const s1 = health.worstStories.find((s) => s.label === "S-1");
    assert.ok(s1 && s1.findings > first.findings, "S-1 has more findings, yet comes after the error");
    assert.equal(s1.severity, "warning");
  });

  it("counts findings per severity as the CLI does", () => {
    const service = new BacklogLanguageService();
    service.update(URI, text, 1);
    const health = service.health(URI);
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const f of service.analysis(URI)?.findings ?? []) counts[f.severity]++;
    assert.deepEqual(health?.findingsBySeverity, counts);
    assert.ok(counts.error >= 1);
  });
});

describe("an unfilled placeholder is the missing part", () => {
  it("the criteria-missing fix leaves a placeholder that is reported and not counted as a criterion", () => {
    const text = "stories:\n  - id: S-1\n    story: As a shopper, I want to save my card, so that I pay faster.\n";
    const fix = analyzeBacklog(text, "yaml").findings.find((f) => f.ruleId === "criteria-missing")?.fixes?.[0];
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits).text;
    const left = analyzeBacklog(fixed, "yaml").findings.filter((f) => f.ruleId === "criteria-missing");
    assert.deepEqual(
      left.map((f) => f.messageId),
      ["placeholder"],
    );
    assert.equal(healthOf(fixed).withCriteria, 0);
    assert.equal(healthOf(fixed).ready, 0);
  });

  it("the benefit fix leaves a placeholder benefit that is reported and not counted as a benefit", () => {
    const text =
      "stories:\n  - id: S-1\n    story: As a shopper, I want to save my card.\n    acceptance:\n      - Given a card, when I save it, then it is listed\n";
    const fix = analyzeBacklog(text, "yaml").findings.find((f) => f.ruleId === "story-benefit")?.fixes?.[0];
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits).text;
    assert.deepEqual(
      analyzeBacklog(fixed, "yaml")
        .findings.filter((f) => f.ruleId === "story-benefit")
        .map((f) => f.messageId),
      ["placeholder"],
    );
    assert.equal(healthOf(fixed).withBenefit, 0);
    assert.equal(healthOf(fixed).withCriteria, 1);
  });

  it("the Given/When/Then rewrite and the 'then' step leave placeholders that criteria-missing reports", () => {
    const text = [
      "stories:",
      "  - id: S-1",
      "    story: As a shopper, I want to save my card, so that I pay faster.",
      "    acceptance:",
      "      - Given a card, when I save it, then it is listed",
      "      - Given a card, when I save it, then it is offered first",
      "      - Given a card, when I pay",
      "      - The card is stored encrypted",
      "",
    ].join("\n");
    const findings = analyzeBacklog(text, "yaml").findings;
    for (const ruleId of ["criteria-gherkin-style", "criteria-then"]) {
      const fix = findings.find((f) => f.ruleId === ruleId)?.fixes?.[0];
      assert.ok(fix, ruleId);
      const fixed = applyEdits(text, fix.edits).text;
      const left = analyzeBacklog(fixed, "yaml").findings.filter((f) => f.ruleId === "criteria-missing");
      assert.ok(
        left.some((f) => f.messageId === "placeholder" && fixed.slice(f.span.start, f.span.end).startsWith("<")),
        `${ruleId}: ${fixed}`,
      );
    }
  });

  it("a placeholder role or means is the part missing: reported, and the story is not well formed", () => {
    const cases = [
      ["As a <role>, I want to save my card, so that I pay faster.", "placeholderRole", "<role>"],
      ["As a TBD, I want to save my card, so that I pay faster.", "placeholderRole", "TBD"],
      ["As a shopper, I want <capability>, so that I pay faster.", "placeholderMeans", "<capability>"],
      ["As a shopper, I want TBD, so that I pay faster.", "placeholderMeans", "TBD"],
    ] as const;
    for (const [sentence, messageId, part] of cases) {
      const text = `stories:\n  - id: S-1\n    story: ${sentence}\n    acceptance:\n      - Given a card, when I save it, then it is listed\n`;
      const found = analyzeBacklog(text, "yaml").findings.filter((f) => f.ruleId === "story-well-formed");
      assert.deepEqual(
        found.map((f) => [f.messageId, text.slice(f.span.start, f.span.end)]),
        [[messageId, part]],
        sentence,
      );
      assert.equal(healthOf(text).wellFormed, 0, sentence);
    }
    const written = "stories:\n  - id: S-1\n    story: As a shopper, I want to save my card, so that I pay faster.\n";
    assert.equal(healthOf(written).wellFormed, 1);
  });

  it("the 'As a <role>' fix leaves a placeholder role that story-well-formed reports", () => {
    const text = "stories:\n  - id: S-1\n    story: I want to save my card, so that I pay faster.\n";
    const fix = analyzeBacklog(text, "yaml").findings.find((f) => f.ruleId === "story-well-formed")?.fixes?.[0];
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits).text;
    assert.deepEqual(
      analyzeBacklog(fixed, "yaml")
        .findings.filter((f) => f.ruleId === "story-well-formed")
        .map((f) => f.messageId),
      ["placeholderRole"],
    );
  });

  it("a comparison in angle brackets is not a placeholder", () => {
    const text = [
      "stories:",
      "  - id: S-1",
      "    story: As a shopper, I want to see my total, so that I know what I pay.",
      "    acceptance:",
      "      - Given 2 < 3 items and a total > 0, when I open the cart, then the total is shown",
      "",
    ].join("\n");
    const service = new BacklogLanguageService();
    service.update(URI, text, 1);
    assert.deepEqual(
      service.analysis(URI)?.findings.filter((f) => f.ruleId === "criteria-missing"),
      [],
    );
    assert.equal(healthOf(text).withCriteria, 1);
  });
});

describe("messages that are true", () => {
  const uniqueOf = (a: string, b: string): string[] =>
    analyzeBacklog(
      `stories:\n  - id: A-1\n    story: As a shopper, I want to pay by card, ${a}.\n  - id: A-2\n    story: As a shopper, I want to pay by card, ${b}.\n`,
      "yaml",
    )
      .findings.filter((f) => f.ruleId === "story-unique")
      .map((f) => f.message);

  it("a duplicate that differs by a contraction is a duplicate, not 'another benefit'", () => {
    for (const [a, b] of [
      ["so that there's no queue", "so that there is no queue"],
      ["so that what's new shows first", "so that what is new shows first"],
      ["so that I'm done", "so that I am done"],
    ] as const)
      assert.deepEqual(uniqueOf(a, b), ["This story asks the same as A-1: merge the two, or say what differs."], `${a} / ${b}`);
  });

  it("two different benefits are still 'another benefit'", () => {
    assert.match(uniqueOf("so that I pay fast", "so that I keep my points")[0] ?? "", /another benefit/);
  });
});

describe("an empty status", () => {
  const text = "stories:\n  - id: A-1\n    status:\n    story: As a shopper, I want to pay by card, so that I go.\n";

  it("gets one schema error that names the allowed values, on the key, in the editor as in a full analysis", () => {
    const service = new BacklogLanguageService();
    service.update(URI, text, 1);
    for (const findings of [analyzeBacklog(text, "yaml").findings, service.analysis(URI)?.findings ?? []]) {
      const schema = findings.filter((f) => f.ruleId === "backlog-schema");
      assert.deepEqual(
        schema.map((f) => [text.slice(f.span.start, f.span.end), f.message]),
        [
          [
            "status",
            '"status" has no value: write one of new, draft, refining, ready, in-progress, in progress, done, blocked, cancelled (completion lists them), or remove the key.',
          ],
        ],
      );
    }
  });

  it("completes the values right after the colon, with the space YAML needs", () => {
    const service = new BacklogLanguageService();
    service.update(URI, text, 1);
    const analysis = service.analysis(URI);
    const lines = service.lines(URI);
    assert.ok(analysis && lines);
    const items = completions(analysis, lines, { line: 2, character: "    status:".length });
    const ready = items.find((i) => i.label === "ready");
    assert.equal((ready?.textEdit as { newText: string } | undefined)?.newText, " ready");
    // After "status: " the value goes in as it is.
    const spaced = "stories:\n  - id: A-1\n    status: \n";
    service.update(URI, spaced, 2);
    const after = completions(service.analysis(URI) ?? analysis, service.lines(URI) ?? lines, {
      line: 2,
      character: "    status: ".length,
    });
    assert.equal((after.find((i) => i.label === "ready")?.textEdit as { newText: string } | undefined)?.newText, "ready");
  });
});

describe("split writes the new story complete", () => {
  const text = [
    "stories:",
    "  - id: CB-3",
    "    title: Orders",
    "    status: ready",
    "    priority: 3",
    "    estimate: 5",
    "    story: As a shopper, I want to search and filter my orders, so that I find one.",
    "    acceptance:",
    "      - Given 3 orders, when I search for one, then it is listed",
    "",
    "  - id: CB-10",
    "    priority: 4",
    "    story: As a shopper, I want to pay by card, so that I get my goods.",
    "",
    "  - id: CB-4",
    "    priority: 5",
    "    story: As a shopper, I want to see my cart, so that I know the total.",
    "",
  ].join("\n");

  const split = (source: string, format: "yaml" | "plain"): string => {
    const fix = analyzeBacklog(source, format).findings.find((f) => f.ruleId === "story-atomic")?.fixes?.[0];
    assert.ok(fix, "a split is offered");
    return applyEdits(source, fix.edits).text;
  };

  it("copies title, status and criteria, takes the next free id and the next rank, leaves the estimate, keeps the blank lines", () => {
    assert.equal(
      split(text, "yaml"),
      [
        ...text.split("\n").slice(0, 6),
        "    story: As a shopper, I want to search my orders, so that I find one.",
        "    acceptance:",
        "      - Given 3 orders, when I search for one, then it is listed",
        "",
        "  - id: CB-11",
        "    title: Orders",
        "    story: As a shopper, I want to filter my orders, so that I find one.",
        "    status: ready",
        "    priority: 4",
        "    acceptance:",
        "      - Given 3 orders, when I search for one, then it is listed",
        "",
        "  - id: CB-10",
        "    priority: 5",
        "    story: As a shopper, I want to pay by card, so that I get my goods.",
        "",
        "  - id: CB-4",
        "    priority: 6",
        "    story: As a shopper, I want to see my cart, so that I know the total.",
        "",
      ].join("\n"),
    );
  });

  it("leaves no two stories sharing a rank or an id", () => {
    const findings = analyzeBacklog(split(text, "yaml"), "yaml").findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === "priority-unique" || f.ruleId === "story-id").map((f) => f.message),
      [],
    );
  });

  it("keeps the zero padding of the id scheme, and a file without blank lines gets none", () => {
    const packed =
      "stories:\n  - id: S-009\n    story: As a shopper, I want to search and filter my orders, so that I find one.\n  - id: S-010\n    story: As a shopper, I want to pay by card, so that I get my goods.\n";
    const out = split(packed, "yaml");
    assert.match(out, /\n {2}- id: S-011\n {4}story: As a shopper, I want to filter my orders/);
    assert.doesNotMatch(out, /\n\s*\n/);
  });

  it("a plain list split as the file spaces its stories", () => {
    const plain =
      "As a shopper, I want to search and filter my orders, so that I find one.\n\nAs a shopper, I want to pay by card, so that I get my goods.\n";
    assert.equal(
      split(plain, "plain"),
      "As a shopper, I want to search my orders, so that I find one.\n\nAs a shopper, I want to filter my orders, so that I find one.\n\nAs a shopper, I want to pay by card, so that I get my goods.\n",
    );
  });
});

describe("split in Markdown", () => {
  const split = (source: string): string => {
    const fix = analyzeBacklog(source, "markdown").findings.find((f) => f.ruleId === "story-atomic")?.fixes?.[0];
    assert.ok(fix, "a split is offered");
    return applyEdits(source, fix.edits).text;
  };

  it("adds a section after the story: the heading with the next free id and the title, the part's sentence, the criteria copied", () => {
    const text = [
      "# Orders",
      "",
      "## CB-3 Orders",
      "",
      "As a shopper, I want to search and filter my orders, so that I find one.",
      "",
      "### Acceptance criteria",
      "",
      "- Given 3 orders, when I search for one, then it is listed",
      "",
      "## CB-10: Pay",
      "",
      "As a shopper, I want to pay by card, so that I get my goods.",
      "",
    ].join("\n");
    const out = split(text);
    assert.equal(
      out,
      [
        "# Orders",
        "",
        "## CB-3 Orders",
        "",
        "As a shopper, I want to search my orders, so that I find one.",
        "",
        "### Acceptance criteria",
        "",
        "- Given 3 orders, when I search for one, then it is listed",
        "",
        "## CB-11 Orders",
        "",
        "As a shopper, I want to filter my orders, so that I find one.",
        "",
        "### Acceptance criteria",
        "",
        "- Given 3 orders, when I search for one, then it is listed",
        "",
        "## CB-10: Pay",
        "",
        "As a shopper, I want to pay by card, so that I get my goods.",
        "",
      ].join("\n"),
    );
    // The new story is read back as a story of its own, with its criterion, and no id is taken twice.
    const after = analyzeBacklog(out, "markdown");
    assert.deepEqual(
      after.backlog.stories.map((s) => [s.id?.text, s.acceptance?.length ?? 0]),
      [
        ["CB-3", 1],
        ["CB-11", 1],
        ["CB-10", 0],
      ],
    );
    assert.deepEqual(
      after.findings.filter((f) => f.ruleId === "story-atomic" || f.ruleId === "story-id"),
      [],
    );
  });

  it("a heading that is the sentence gets a heading of the part's sentence; a file of paragraphs a paragraph", () => {
    assert.equal(
      split("## As a shopper, I want to search and filter my orders, so that I find one\n\n## As a shopper, I want to pay\n"),
      "## As a shopper, I want to search my orders, so that I find one\n\n## As a shopper, I want to filter my orders, so that I find one\n\n## As a shopper, I want to pay\n",
    );
    assert.equal(
      split("As a shopper, I want to search and filter my orders, so that I find one.\n"),
      "As a shopper, I want to search my orders, so that I find one.\n\nAs a shopper, I want to filter my orders, so that I find one.\n",
    );
  });
});

describe("placeholder fixes as snippets", () => {
  it("makes each '<name>' of a fix a tab stop, escapes the rest, and leaves text without one", () => {
    assert.equal(placeholderSnippet(", so that <benefit>"), ", so that ${1:<benefit>}");
    assert.equal(
      placeholderSnippet("Given <context>, when <event>, then <outcome>"),
      "Given ${1:<context>}, when ${2:<event>}, then ${3:<outcome>}",
    );
    assert.equal(placeholderSnippet("Given $5 off {x}, then <outcome>"), "Given \\$5 off {x\\}, then ${1:<outcome>}");
    assert.equal(placeholderSnippet("Given 2 < 3 and 4 > 1"), undefined);
    assert.equal(placeholderSnippet(", so that I pay faster"), undefined);
    // Several lines (a new acceptance list) stay a plain edit: VS Code would re-indent the snippet's lines.
    assert.equal(placeholderSnippet("\n    acceptance:\n      - Given <context>"), undefined);
  });

  it("covers the text of every placeholder fix the rules offer", () => {
    const text = [
      "stories:",
      "  - id: S-1",
      "    story: As a shopper, I want to save my card.",
      "    acceptance:",
      "      - Given a card, when I save it, then it is listed",
      "      - Given a card, when I save it, then it is offered",
      "      - Given a card, when I pay",
      "      - The card is stored encrypted",
      "  - id: S-2",
      "    story: As a shopper, I want to see my orders, so that I can reorder.",
      "",
    ].join("\n");
    const placeholderFixes = analyzeBacklog(text, "yaml")
      .findings.flatMap((f) => f.fixes ?? [])
      .flatMap((fix) => fix.edits)
      .filter((e) => /<\p{L}+>/u.test(e.newText));
    assert.ok(placeholderFixes.length >= 4, String(placeholderFixes.length));
    for (const e of placeholderFixes.filter((x) => !x.newText.includes("\n")))
      assert.match(placeholderSnippet(e.newText) ?? "", /\$\{1:<\p{L}+>\}/u, e.newText);
  });
});

describe("split in a long ranked backlog", () => {
  it("moves at most 50 stories down a rank; beyond that the new story gets no rank rather than a shared one", () => {
    const story = (i: number, means = `pay order ${i}`) =>
      `  - id: L-${i}\n    priority: ${i}\n    story: As a shopper, I want to ${means}, so that I get my goods.\n`;
    const build = (count: number) =>
      `stories:\n${story(1, "search and filter my orders")}${Array.from({ length: count }, (_, k) => story(k + 2)).join("")}`;
    for (const [count, moved] of [
      [50, 50],
      [51, 0],
    ] as const) {
      const text = build(count);
      const fix = analyzeBacklog(text, "yaml").findings.find((f) => f.ruleId === "story-atomic")?.fixes?.[0];
      assert.ok(fix);
      const out = applyEdits(text, fix.edits).text;
      assert.equal(fix.edits.length - 2, moved, `${count} stories after`);
      assert.equal(/I want to filter my orders, so that I get my goods\.\n {4}priority: 2\n/.test(out), moved > 0, out.slice(0, 400));
      assert.deepEqual(
        analyzeBacklog(out, "yaml").findings.filter((f) => f.ruleId === "priority-unique"),
        [],
      );
    }
  });
});
