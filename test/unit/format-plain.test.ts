// Plain story lists: which lines are stories, exact spans (LF, CRLF and BOM alike), and that no input throws.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import type { Span, Story } from "../../server/core/model";
import { classifyPlainLines, parsePlainStories } from "../../server/core/parse/plain-stories";
import { StoryReuse } from "../../server/core/parse/story-reuse";
import { lineBreakOf } from "../../server/core/parse/text-lines";
import { FIXTURES, REPO_ROOT, fixtureFiles } from "../support/fixtures";
import { pick, seededRandom } from "../support/random";

const read = (name: string): string => readFileSync(join(FIXTURES, "formats", name), "utf8");
const at = (text: string, span: Span | undefined): string | undefined => (span ? text.slice(span.start, span.end) : undefined);

/** What a story looks like through its spans only: each part is read back from the file text. */
function shape(text: string, s: Story): Record<string, string | undefined> {
  return {
    entry: at(text, s.span)?.replace(/\r/g, ""),
    id: at(text, s.id?.span),
    role: at(text, s.sentence?.role?.span),
    means: at(text, s.sentence?.means?.span)?.replace(/\r/g, ""),
    ends: at(text, s.sentence?.ends?.span)?.replace(/\r/g, ""),
  };
}

const EXPECTED = [
  {
    entry: "As a returning shopper, I want to save my card, so that I can pay faster next time.",
    id: undefined,
    role: "returning shopper",
    means: "save my card",
    ends: "I can pay faster next time",
  },
  {
    // A bullet and an id lead the line; the next line continues the story and is joined to it.
    entry: "- CHK-2: As a store admin, I want to see a report of stored cards\nper month, so that I can check the numbers.",
    id: "CHK-2",
    role: "store admin",
    means: "see a report of stored cards\nper month",
    ends: "I can check the numbers",
  },
  // A line with a verb and no template is an attempt at a story, and is checked as one.
  { entry: "Users can export their orders", id: undefined, role: undefined, means: undefined, ends: undefined },
  { entry: "I want a report of stored cards.", id: undefined, role: undefined, means: "a report of stored cards", ends: undefined },
  {
    entry: "As an admin, I want to search and filter orders, so that I find one fast.",
    id: undefined,
    role: "admin",
    means: "search and filter orders",
    ends: "I find one fast",
  },
];

describe("plain story lists", () => {
  for (const name of ["list.stories", "list-crlf.stories.txt"]) {
    it(`${name}: stories, ids and sentence parts at exact spans`, () => {
      const text = read(name);
      const backlog = parsePlainStories(text);
      assert.deepEqual(
        backlog.stories.map((s) => shape(text, s)),
        EXPECTED,
      );
      for (const s of backlog.stories) {
        assert.ok(!/^\uFEFF/.test(at(text, s.span) ?? ""), "the BOM is not part of a story");
        assert.ok(!/[\r\n]$/.test(at(text, s.span) ?? ""), "a story's span ends before its line break");
        assert.equal(s.layout?.eol, name.includes("crlf") ? "\r\n" : "\n");
      }
    });
  }

  it("comments, the heading ending in ':' and the heading without a verb are not stories", () => {
    const kinds = classifyPlainLines(read("list.stories")).map((l) => l.kind);
    assert.deepEqual(kinds, ["comment", "heading", "story", "story", "continuation", "blank", "heading", "story", "story", "story"]);
  });

  it("reports the attempt at a story, and nothing on comments or headings", () => {
    const text = read("list-crlf.stories.txt");
    const wellFormed = analyzeBacklog(text, "plain").findings.filter((f) => f.ruleId === "story-well-formed");
    assert.deepEqual(
      wellFormed.map((f) => at(text, f.span)),
      ["Users can export their orders", "I want a report of stored cards."],
    );
  });

  it("asks no plain story for acceptance criteria", () => {
    const findings = analyzeBacklog(read("list.stories"), "plain").findings;
    assert.equal(findings.filter((f) => f.ruleId.startsWith("criteria-")).length, 0);
  });

  it("reads a lone CR as a line break, and a file of only a BOM, blanks or comments as no stories", () => {
    assert.equal(parsePlainStories("As a user, I want a.\rAs a user, I want b.").stories.length, 2);
    for (const text of ["", "\uFEFF", "\r\n\r\n", "# only a comment", "   \t  "]) assert.equal(parsePlainStories(text).stories.length, 0);
  });

  it("never throws and keeps every span inside the text, whatever the input", () => {
    const pieces = [
      "As a ",
      "I want ",
      "so that ",
      "\r\n",
      "\n",
      "\r",
      "#",
      ":",
      "- ",
      "US-1 ",
      "\uFEFF",
      "\u{1F600}",
      "(",
      ".",
      " ",
      "per ",
    ];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 500; i++) {
      let text = "";
      for (let n = next() % 30; n > 0; n--) text += pieces[next() % pieces.length] ?? "";
      const { findings, backlog } = analyzeBacklog(text, "plain");
      for (const s of backlog.stories) assert.ok(s.span.start >= 0 && s.span.start <= s.span.end && s.span.end <= text.length);
      for (const f of findings) assert.ok(f.span.start <= f.span.end && f.span.end <= text.length);
    }
  });

  it("reads an edit by classifying again only the lines around it, as reading the whole text does", () => {
    // A whole reading asks the reuse for every story by its text; one by the lines around the edit asks for none.
    class CountingReuse extends StoryReuse {
      asked = 0;
      override storyAt(text: string, start: number, end: number, index: number, read: () => Story): Story {
        this.asked++;
        return super.storyAt(text, start, end, index, read);
      }
    }
    const files = [...fixtureFiles(join(REPO_ROOT, "examples")), ...fixtureFiles(join(FIXTURES, "rules")).flatMap(fixtureFiles)]
      .filter((f) => f.endsWith(".stories"))
      .map((f) => readFileSync(f, "utf8"));
    assert.ok(files.length >= 5);
    const pieces = ["x", "\n", " and ", ", so that I can ", "As a clerk, I want ", "# c\n", "", ". ", "\n\n", "\r\n", "\r"];
    const more = ["- ", "CHK-9: ", "Payments:\n", "and more\n", "I want a", "(note)", "."];
    const random = seededRandom(20261202);
    let byLines = 0;
    let edits = 0;
    for (const original of files) {
      for (let round = 0; round < 12; round++) {
        const reuse = new CountingReuse();
        let eol = lineBreakOf(original);
        const read = (text: string) => {
          // As the analyzer does: stories read with another line break are not handed back.
          if (lineBreakOf(text) !== eol) reuse.clear();
          eol = lineBreakOf(text);
          reuse.begin(text);
          const backlog = parsePlainStories(text, reuse);
          reuse.finish();
          return backlog;
        };
        let text = original;
        read(text);
        for (let e = 0; e < 20; e++) {
          const at = Math.floor(random() * (text.length + 1));
          const cut = random() < 0.4 ? Math.floor(random() * 12) : 0;
          text = text.slice(0, at) + pick(random, random() < 0.8 ? pieces : more) + text.slice(at + cut);
          const asked = reuse.asked;
          assert.deepEqual(read(text), parsePlainStories(text), `edit ${e}\n${JSON.stringify(text)}`);
          if (reuse.asked === asked) byLines++;
          edits++;
        }
      }
    }
    assert.ok(byLines > edits / 2, `${byLines} of ${edits} edits read by the lines around them`);
  });
});
