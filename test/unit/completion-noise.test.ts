// Completion without noise: one spelling per status value, and the Gherkin keywords a criterion needs next, first.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { completions } from "../../server/completion";
import { analyzeBacklog } from "../../server/core/analyze";
import { LineIndex } from "../../server/core/parse/text-lines";

/** Completion labels at the end of the line that holds `marker`, the text before it as written. */
function labelsAt(text: string, marker: string): string[] {
  const lines = new LineIndex(text);
  const offset = text.indexOf(marker) + marker.length;
  return completions(analyzeBacklog(text, "yaml"), lines, lines.positionAt(offset))
    .sort((a, b) => (a.sortText ?? "").localeCompare(b.sortText ?? ""))
    .map((i) => i.label);
}

const backlog = (criterion: string, status = "ready") =>
  [
    "stories:",
    "  - id: C-1",
    "    story: As a shopper, I want to save my card, so that I pay faster next time.",
    "    acceptance:",
    `      - ${criterion}`,
    `    status: ${status}`,
    "",
  ].join("\n");

describe("completion without noise", () => {
  it("offers each status once: 'in-progress', not also 'in progress'", () => {
    const labels = labelsAt(backlog("Given a card, when I pay, then it is stored", "STATUS"), "status: ").filter(Boolean);
    assert.deepEqual(labels, ["new", "draft", "refining", "ready", "in-progress", "done", "blocked", "cancelled"]);
  });

  it("starts a criterion with Given, then When and Then; never And or But", () => {
    const text = backlog("G");
    const lines = new LineIndex(text);
    const at = lines.positionAt(text.indexOf("      - G") + "      - ".length);
    const labels = completions(analyzeBacklog(text, "yaml"), lines, at)
      .sort((a, b) => (a.sortText ?? "").localeCompare(b.sortText ?? ""))
      .map((i) => i.label);
    assert.equal(labels[0], "Given");
    assert.deepEqual([...new Set(labels.map((l) => l.split(" ")[0]))].slice(0, 3), ["Given", "When", "Then"]);
    assert.ok(!labels.some((l) => /^(And|But)\b/.test(l)), labels.join(","));
  });

  it("after a context offers 'when' first, after an event 'then' first, after an outcome only 'and'/'but'", () => {
    const first = (criterion: string): string[] => labelsAt(backlog(criterion), criterion);
    assert.equal(first("Given I am signed in, ")[0], "when");
    assert.ok(!first("Given I am signed in, ").includes("then"), "no outcome before the event");
    assert.equal(first("Given I am signed in, when I pay, ")[0], "then");
    assert.ok(!first("Given I am signed in, when I pay, ").includes("given"));
    assert.deepEqual(new Set(first("Given I am signed in, when I pay, then my card is stored, ")), new Set(["and", "but"]));
    // "and" continues the step before it: after "Given ..., and ...," the event is still what comes next.
    assert.equal(first("Given I am signed in, and my cart is full, ")[0], "when");
  });
});

describe("story templates only where a story starts", () => {
  const at = (text: string, format: "yaml" | "markdown" | "plain", marker: string) => {
    const lines = new LineIndex(text);
    return completions(analyzeBacklog(text, format), lines, lines.positionAt(text.indexOf(marker) + marker.length));
  };
  const templates = (items: ReturnType<typeof at>) => items.filter((i) => i.label === "Story sentence" || i.label === "User story");

  it('plain list: on an empty line and on a first "As", never after "As a "', () => {
    const empty = templates(at("As a shopper, I want to pay, so that I leave.\n\n", "plain", "leave.\n"));
    assert.equal(
      empty[0]?.textEdit && "newText" in empty[0].textEdit ? empty[0].textEdit.newText : "",
      "As a ${1:role}, I want ${2:capability}, so that ${3:benefit}.",
    );
    const as = templates(at("As a shopper, I want to pay, so that I leave.\nAs", "plain", "\nAs"));
    assert.equal(as.length, 1);
    const edit = as[0]?.textEdit;
    assert.ok(edit && "range" in edit && edit.range.start.character === 0, "replaces the typed 'As'");
    const afterAsA = at("As a shopper, I want to pay, so that I leave.\nAs a ", "plain", "\nAs a ");
    assert.deepEqual(templates(afterAsA), []);
    // The roles other stories use, not the "a" of the story being typed.
    assert.deepEqual(
      afterAsA.map((i) => i.label),
      ["shopper"],
    );
  });

  it("YAML: the sentence after an empty 'story:', the story item on an empty line, neither in criteria or after 'As a '", () => {
    const text = ["stories:", "  - id: C-1", "    story: ", "    acceptance:", "      - ", "  ", ""].join("\n");
    assert.deepEqual(
      templates(at(text, "yaml", "story: ")).map((i) => i.label),
      ["Story sentence"],
    );
    assert.deepEqual(templates(at(text, "yaml", "      - ")), []);
    assert.deepEqual(
      templates(at(text, "yaml", "\n  \n")).map((i) => i.label),
      [],
      "not at column 0: a story item is indented as the others are",
    );
    const blank = text.indexOf("\n  \n") + 3;
    const lines = new LineIndex(text);
    const items = completions(analyzeBacklog(text, "yaml"), lines, lines.positionAt(blank));
    assert.deepEqual(
      templates(items).map((i) => i.label),
      ["User story"],
    );
    assert.deepEqual(templates(at(text.replace("story: ", "story: As a "), "yaml", "story: As a ")), []);
  });

  it("Markdown: a section at a line's first column only", () => {
    const text = "# Backlog\n\n\n  \n";
    assert.deepEqual(
      templates(at(text, "markdown", "# Backlog\n\n")).map((i) => i.label),
      ["User story"],
    );
    assert.deepEqual(templates(at(text, "markdown", "\n  ")), []);
  });
});
