// Markdown is parsed a chunk at a time (cut at headings): the result must be the one of the whole text.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseMarkdownStories } from "../../server/core/parse/markdown-stories";
import { StoryReuse } from "../../server/core/parse/story-reuse";
import { FIXTURES, REPO_ROOT, fixtureFiles } from "../support/fixtures";
import { versionsAliveAfterTyping } from "../support/heap";
import { pick, seededRandom } from "../support/random";

const PIECES = [
  "# Backlog\n",
  "## S-1 Pay by card\n",
  "### Acceptance criteria\n",
  "As a shopper, I want to pay by card, so that I get my goods.\n",
  "- Given a cart, when I pay, then I get a receipt.\n",
  "1. Given x, when y, then z.\n",
  "  continued lazily\n",
  "> As a clerk, I want a report, so that I can file it.\n",
  "> ## a heading in a quote\n",
  "```\n# not a heading\n```\n",
  "```md\n",
  "~~~\n",
  "    # indented code\n",
  "<!-- a comment\n",
  "-->\n",
  "<!-- expect story-benefit -->\n",
  "<div>\n",
  "<pre>\n# in pre\n</pre>\n",
  "Title\n=====\n",
  "Sub\n---\n",
  "- item\n  ```\n# after an indented fence\n",
  "\n",
  "\n",
  "\r\n",
  "#not a heading\n",
  "###### S-9\n",
  "> ```\n",
  "- ```\n",
  "See [the guide][g].\n",
  "[g]: https://example.com\n",
  "<script>\n",
  "</script>\n",
  "| a | b |\n|---|---|\n",
  "   ~~~~\n",
];

/** One reading of a text with the stories of the last reading to reuse, as the incremental analyzer does it. */
function readReusing(reuse: StoryReuse, text: string) {
  reuse.begin(text);
  const backlog = parseMarkdownStories(text, { reuse });
  reuse.finish();
  return backlog;
}

/**
 * The sizes of the versions of a text (from `make`, its first line `marker`) alive after typing across it, with the
 * reading's StoryReuse held (as the incremental analyzer holds it); and the last version's length.
 */
function versionsAlive(marker: string, make: () => string, typed = "very very very "): Promise<{ alive: number[]; last: number }> {
  const reuse = new StoryReuse();
  return versionsAliveAfterTyping(marker, make, (text) => readReusing(reuse, text), typed);
}

function inputs(): { name: string; text: string }[] {
  const files = [
    ...fixtureFiles(join(REPO_ROOT, "examples")),
    ...fixtureFiles(join(FIXTURES, "formats")),
    ...fixtureFiles(join(FIXTURES, "rules")).flatMap(fixtureFiles),
  ]
    .filter((f) => f.endsWith(".md"))
    .map((f) => ({ name: f, text: readFileSync(f, "utf8") }));
  const random = seededRandom(20261201);
  for (let i = 0; i < Number(process.env.MD_CHUNK_CASES ?? 400); i++) {
    const parts = Array.from({ length: 5 + Math.floor(random() * 60) }, () => pick(random, PIECES));
    files.push({ name: `generated #${i}`, text: parts.join("") });
  }
  return files;
}

describe("Markdown read a chunk at a time", () => {
  const all = inputs();
  it("has inputs, fixtures among them", () => assert.ok(all.length > 400));
  it("reads every input as the whole text reads, cut at every heading it may be cut at", () => {
    for (const { name, text } of all) {
      const whole = parseMarkdownStories(text, { chunkChars: Infinity });
      const cut = parseMarkdownStories(text, { chunkChars: 1 });
      assert.deepEqual(cut, whole, name);
    }
  });

  it("moves the chunks an edit did not touch, with the result of reading the edited text anew", () => {
    const random = seededRandom(7);
    const story = (i: number) =>
      `## S-${i} Pay ${i}\n\nAs a shopper, I want to pay with card ${i}, so that I get my goods.\n\n- Given a cart, when I pay, then I get a receipt.\n\n`;
    let text = `# Backlog\n\n${Array.from({ length: 200 }, (_, i) => story(i)).join("")}`;
    parseMarkdownStories(text);
    for (let e = 0; e < 40; e++) {
      const at = Math.floor(random() * text.length);
      text =
        text.slice(0, at) + pick(random, ["x", "\n", "## S-99 New\n", "```\n", "", "<!--\n"]) + text.slice(at + (random() < 0.3 ? 5 : 0));
      assert.deepEqual(parseMarkdownStories(text), parseMarkdownStories(text, { chunkChars: Infinity }), `edit ${e}`);
    }
  });

  it("reads an edit inside one story's section by reading that section alone, as the whole text reads it", () => {
    // A reading that goes through the whole file says which story depth it reads with; one by the section does not.
    class CountingReuse extends StoryReuse {
      whole = 0;
      override within(setting: string): void {
        this.whole++;
        super.within(setting);
      }
    }
    const random = seededRandom(1313);
    const story = (i: number) =>
      `## S-${i} Pay ${i}\n\nAs a shopper, I want to pay with card ${i}, so that I get my goods.\n\n### Acceptance criteria\n\n- Given a cart, when I pay, then I get a receipt.\n\n`;
    const fresh = (): string => `---\npersonas: [shopper]\n---\n# Backlog\n\n${Array.from({ length: 80 }, (_, i) => story(i)).join("")}`;
    const reuse = new CountingReuse();
    const read = (text: string) => readReusing(reuse, text);
    let text = fresh();
    read(text);
    let byWhole = 0;
    const edits = 400;
    for (let e = 0; e < edits; e++) {
      if (e % 40 === 0) text = fresh();
      // Mostly inside a story's lines, sometimes anywhere; the pieces above (fences, HTML, setext headings, link
      // definitions, deep headings, quotes) now and then.
      const lines = [...text.matchAll(/^(?:As a|- Given|## S-).*$/gm)];
      const line = pick(random, lines);
      const at =
        random() < 0.85 && line ? (line.index ?? 0) + Math.floor(random() * (line[0].length + 1)) : Math.floor(random() * text.length);
      const piece = random() < 0.7 ? pick(random, ["x", " and ", "e", " ", ", so that I can ", ""]) : pick(random, PIECES);
      text = text.slice(0, at) + piece + text.slice(at + (random() < 0.3 ? Math.floor(random() * 6) : 0));
      const before = reuse.whole;
      const backlog = read(text);
      if (reuse.whole !== before) byWhole++;
      assert.deepEqual(backlog, parseMarkdownStories(text), `edit ${e}\n${JSON.stringify(text)}`);
    }
    // Most edits stay inside a section; pieces that cross one (a heading, an open fence) are read whole.
    assert.ok(edits - byWhole > edits / 2, `${edits - byWhole} of ${edits} edits read by their section`);
    assert.ok(byWhole > 10, `${byWhole} edits read whole`);
  });

  it("keeps no earlier version of the text alive through the chunks it keeps (a Spec Kit spec, read whole at every edit)", async () => {
    // A chunk parsed from a slice of the text, kept while unchanged, kept that whole version alive: 142 MB after
    // typing in 150 stories of a 4,000-story spec.
    const marker = "# Spec kept 5e2c\n\n";
    const story = (i: number) =>
      `### User Story ${i} - Pay with saved card number ${i} (Priority: P1)\n\nAs a returning shopper, I want to pay with saved card ${i}, so that checkout takes seconds.\n\n**Acceptance Scenarios**:\n\n1. **Given** a shopper with card ${i}, **When** they pay, **Then** that card is selected\n\n`;
    const { alive, last } = await versionsAlive(marker, () => marker + Array.from({ length: 400 }, (_, i) => story(i)).join(""));
    assert.equal(alive.length, 1, `versions alive (bytes): ${alive.join(", ")}; only the last (${last} characters) is held`);
  });

  it("keeps no earlier version of the text alive through the heading stories it keeps (an edit read by its section, or whole)", async () => {
    // A story read from an edited section, kept while unchanged, held slices of that version (its title, id and
    // criteria): 362 MB after typing in 150 stories of a 10,000-story file. Ids and titles here are long enough
    // (13 characters or more) to be slices rather than copies.
    const marker = "# Headings kept 3b7d\n\n";
    const story = (i: number) =>
      `## CHECKOUTS-${1000 + i} Pay with the saved card ${i}\n\nAs a shopper, I want to pay with card ${i}, so that I get my goods.\n\n### Acceptance criteria\n\n- Given a cart with card ${i}, when I pay, then I get a receipt.\n\n`;
    const make = (): string => marker + Array.from({ length: 400 }, (_, i) => story(i)).join("");
    // Words in a sentence are read by the story's section alone; a new story heading makes a reading of the whole.
    for (const typed of ["very very very ", "I want it.\n\n## CHECKOUTS-9999 Another story typed in\n\nAs a clerk, "]) {
      const { alive, last } = await versionsAlive(marker, make, typed);
      assert.equal(
        alive.length,
        1,
        `typing ${JSON.stringify(typed)}: versions alive (bytes): ${alive.join(", ")}; only the last (${last} characters) is held`,
      );
    }
  });

  it("reads the whole file again when an edit in one section changes which heading depth holds the stories", () => {
    // Three sections at depth 3 outvote two at depth 2; a sentence that stops reading as a story ties the vote, and
    // the tie goes to depth 2: every story changes.
    const text = [
      "## A\n\nAs a clerk, I want a.\n",
      "## B\n\nAs a clerk, I want b.\n",
      "### c\n\nAs a clerk, I want c.\n",
      "### d\n\nAs a clerk, I want d.\n",
      "### e\n\nAs a clerk, I want e.\n",
    ].join("\n");
    const reuse = new StoryReuse();
    const read = (t: string) => readReusing(reuse, t);
    assert.deepEqual(
      read(text).stories.map((s) => s.title?.text),
      ["c", "d", "e"],
    );
    const edited = text.replace("As a clerk, I want c.", "Notes on c.");
    assert.deepEqual(read(edited), parseMarkdownStories(edited));
    assert.deepEqual(
      read(edited).stories.map((s) => s.title?.text),
      ["A", "B"],
    );
  });
});
