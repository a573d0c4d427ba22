// Markdown stories: headings, ids, sentences, criteria and front matter at exact spans (LF, CRLF and BOM alike).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { applyEdits } from "../../server/core/apply-edits";
import type { Span } from "../../server/core/model";
import { parseMarkdownStories } from "../../server/core/parse/markdown-stories";
import { FIXTURES } from "../support/fixtures";

const read = (name: string): string => readFileSync(join(FIXTURES, "formats", name), "utf8");
/** The text at a span, with CRLF read as LF so that both fixtures share one expectation. */
const at = (text: string, span: Span | undefined): string | undefined =>
  span ? text.slice(span.start, span.end).replace(/\r/g, "") : undefined;

describe("Markdown stories", () => {
  for (const name of ["checkout.stories.md", "checkout-crlf.stories.md"]) {
    it(`${name}: front matter, stories, ids, titles, sentence parts and criteria at exact spans`, () => {
      const text = read(name);
      const b = parseMarkdownStories(text);
      assert.deepEqual(
        b.personas.map((p) => at(text, p.span)),
        ["returning shopper", "store admin"],
      );
      assert.equal(at(text, b.sprint?.goal?.span), "Stored cards for returning shoppers");
      assert.equal(at(text, b.sprint?.length?.span), "2 weeks");
      assert.equal(at(text, b.product?.span), "Checkout");
      assert.deepEqual(b.parseFindings, []);
      assert.equal(b.stories.length, 3);
      const [first, second, third] = b.stories;
      assert.ok(first && second && third);

      assert.equal(at(text, first.id?.span), "CHK-12");
      assert.equal(at(text, first.title?.span), "Save a card");
      // The bold markers around the role are markup, not part of the role.
      assert.equal(at(text, first.sentence?.role?.span), "returning shopper");
      assert.equal(at(text, first.sentence?.means?.span), "save my card");
      assert.equal(at(text, first.sentence?.ends?.span), "I can pay faster next time");
      assert.deepEqual(
        first.acceptance?.map((c) => at(text, c.span)),
        ["Given I am signed in, when I pay, then the card is stored", "Given a stored card, when I check out, then it is offered first"],
      );
      assert.ok(at(text, first.span)?.startsWith("## CHK-12") && at(text, first.span)?.endsWith("it is offered first"));

      assert.equal(at(text, second.id?.span), "CHK-13");
      assert.equal(at(text, second.title?.span), "Remove a card");
      assert.equal(second.acceptance, undefined);
      assert.equal(second.layout?.headingDepth, 2);

      // A heading that is itself the story sentence; Gherkin scenarios under a bold "Acceptance criteria".
      assert.equal(third.id, undefined);
      assert.equal(at(text, third.sentence?.role?.span), "store admin");
      assert.equal(at(text, third.sentence?.ends?.span), "I can audit them");
      assert.deepEqual(
        third.acceptance?.map((c) => at(text, c.span)),
        [
          "Given two stored cards\n  When I open the report\n  Then both cards are listed",
          "Given no stored cards\n  When I open the report\n  Then the report says so",
        ],
      );
    });
  }

  it("adds an '### Acceptance criteria' section with the criteria-missing fix, in the file's line breaks", () => {
    for (const name of ["checkout.stories.md", "checkout-crlf.stories.md"]) {
      const text = read(name);
      const missing = analyzeBacklog(text, "markdown").findings.filter((f) => f.ruleId === "criteria-missing");
      assert.equal(missing.length, 1);
      const fix = missing[0]?.fixes?.[0];
      assert.ok(fix, "the finding offers a fix");
      const fixed = applyEdits(text, fix.edits).text;
      const eol = name.includes("crlf") ? "\r\n" : "\n";
      assert.ok(fixed.includes(`stored card.${eol}${eol}### Acceptance criteria${eol}${eol}- Given <context>`));
      const after = parseMarkdownStories(fixed).stories[1];
      assert.deepEqual(after?.acceptance?.length, 1);
      // The criterion is a template still to fill in: reported as a placeholder, no longer as missing (issue #15).
      const left = analyzeBacklog(fixed, "markdown").findings.filter((f) => f.ruleId === "criteria-missing");
      assert.deepEqual(
        left.map((f) => [f.messageId, fixed.slice(f.span.start, f.span.end)]),
        [["placeholder", "<context>"]],
      );
    }
  });

  it("reports a front matter syntax error inside the front matter, and still reads the stories", () => {
    const text = "---\npersonas: [a\n---\n## S1\n\nAs a user, I want x.\n";
    const b = parseMarkdownStories(text);
    assert.equal(b.stories.length, 1);
    assert.ok(
      b.parseFindings.length > 0 &&
        b.parseFindings.every((f) => f.ruleId === "yaml-syntax" && f.span.start < f.span.end && f.span.end <= text.indexOf("\n---")),
    );
  });

  it("reads story paragraphs in a file without headings, and a lone heading as a story without a sentence", () => {
    assert.equal(parseMarkdownStories("As a user, I want x.\n\nSome prose.\n\nAs a user, I want y.\n").stories.length, 2);
    assert.equal(parseMarkdownStories("# Notes\n\nNothing here.\n").stories.length, 1);
    for (const text of ["", "\uFEFF", "---\n", "---\n---\n", "```\nunclosed"]) assert.doesNotThrow(() => parseMarkdownStories(text));
  });

  it("never throws and keeps every span inside the text, whatever the input", () => {
    const pieces = [
      "## ",
      "# ",
      "As a ",
      "I want ",
      "so that ",
      "**",
      "_",
      "`",
      "\r\n",
      "\n",
      "- ",
      "[ ] ",
      "---\n",
      "Acceptance criteria",
      "Given ",
      "Scenario: ",
      "<!-- x -->",
      "\u{1F600}",
      "[a](b)",
      "CHK-1 ",
    ];
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 400; i++) {
      let text = "";
      for (let n = next() % 40; n > 0; n--) text += pieces[next() % pieces.length] ?? "";
      const { findings, backlog } = analyzeBacklog(text, "markdown");
      for (const s of backlog.stories) assert.ok(s.span.start >= 0 && s.span.start <= s.span.end && s.span.end <= text.length, text);
      for (const f of findings) assert.ok(f.span.start <= f.span.end && f.span.end <= text.length, text);
    }
  });
});
