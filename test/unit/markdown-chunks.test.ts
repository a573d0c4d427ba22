// Markdown is parsed a chunk at a time (cut at headings): the result must be the one of the whole text.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseMarkdownStories } from "../../server/core/parse/markdown-stories";
import { FIXTURES, REPO_ROOT, fixtureFiles } from "../support/fixtures";
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
});
