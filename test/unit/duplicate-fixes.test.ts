// story-unique's fixes: delete the duplicate (keeping its twin), or merge it into the twin with the criteria only it
// has; whole lines in YAML, plain lists and Markdown story files, nothing where an entry is not lines of its own.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { applyEdits } from "../../server/core/apply-edits";
import type { BacklogFormat, Fix } from "../../server/core/model";

const fixesOf = (text: string, format: BacklogFormat): readonly Fix[] =>
  analyzeBacklog(text, format).findings.find((f) => f.ruleId === "story-unique")?.fixes ?? [];
const apply = (text: string, fix: Fix | undefined): string => applyEdits(text, fix?.edits ?? []).text;

const PAY = "As a shopper, I want to pay by card, so that I leave.";

describe("story-unique's fixes", () => {
  it("merges a YAML duplicate's own criteria into its twin, or deletes it, and the result has no duplicate", () => {
    for (const eol of ["\n", "\r\n"]) {
      const text = [
        "stories:",
        "  - id: S-1",
        `    story: ${PAY}`,
        "    acceptance:",
        "      - Given a card, when I pay, then I see a receipt",
        "  - id: S-2",
        `    story: ${PAY}`,
        "    acceptance:",
        "      - Given a card, when I pay, then I see a receipt",
        "      - 'Given no card, when I pay, then I see: an error'",
        "  - id: S-3",
        "    story: As a clerk, I want to file claims, so that I am paid.",
        "",
      ].join(eol);
      const [merge, remove] = fixesOf(text, "yaml");
      assert.equal(merge?.title, "Merge into S-1 (its criterion added there)");
      const merged = apply(text, merge);
      assert.equal(
        merged,
        text
          .replace(
            `  - id: S-2${eol}    story: ${PAY}${eol}    acceptance:${eol}      - Given a card, when I pay, then I see a receipt${eol}      - 'Given no card, when I pay, then I see: an error'${eol}`,
            "",
          )
          .replace(`receipt${eol}`, `receipt${eol}      - "Given no card, when I pay, then I see: an error"${eol}`),
      );
      assert.equal(remove?.title, "Delete this duplicate (keep S-1)");
      for (const fixed of [merged, apply(text, remove)]) {
        const after = analyzeBacklog(fixed, "yaml");
        assert.ok(!after.findings.some((f) => f.ruleId === "story-unique" || f.ruleId === "yaml-syntax"), fixed);
        assert.deepEqual(
          after.backlog.stories.map((s) => s.id?.text),
          ["S-1", "S-3"],
        );
      }
      assert.ok(merge?.safe === false && remove?.safe === false, "which story stays is the team's choice");
    }
  });

  it("only deletes when the duplicate adds no criterion, in a plain list and in Markdown", () => {
    const plain = `${PAY}\nAs a clerk, I want to file claims.\n${PAY}\n`;
    const [remove] = fixesOf(plain, "plain");
    assert.equal(remove?.title, `Delete this duplicate (keep '${PAY.slice(0, 47)}...')`);
    assert.equal(apply(plain, remove), `${PAY}\nAs a clerk, I want to file claims.\n`);
    const markdown = `# Shop\n\n## S-1 Pay\n\n${PAY}\n\n## S-2 Pay again\n\n${PAY}\n\n## S-3 File\n\nAs a clerk, I want to file claims.\n`;
    const fixes = fixesOf(markdown, "markdown");
    assert.deepEqual(
      fixes.map((f) => f.title),
      ["Delete this duplicate (keep S-1)"],
    );
    assert.equal(apply(markdown, fixes[0]), `# Shop\n\n## S-1 Pay\n\n${PAY}\n\n## S-3 File\n\nAs a clerk, I want to file claims.\n`);
  });

  it("offers nothing where a story is not lines of its own (a YAML flow map)", () => {
    const text = `stories:\n  - { id: S-1, story: "${PAY}" }\n  - { id: S-2, story: "${PAY}" }\n`;
    assert.deepEqual(fixesOf(text, "yaml"), []);
  });
});
