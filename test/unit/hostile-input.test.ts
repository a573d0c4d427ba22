// Pathological input gets bounded work and one clear finding (issue #18): each case crashed, hung or flooded
// the Problems panel before.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { parseConfigFile } from "../../server/core/config-file";
import { defuseNesting, MAX_YAML_NESTING, parseYaml } from "../../server/core/parse/yaml/guard";

const STORY = "stories:\n  - id: S-1\n    story: As a shopper, I want to pay by card, so that I get my goods.\n";
const yamlSyntax = (text: string) => analyzeBacklog(text, "yaml").findings.filter((f) => f.ruleId === "yaml-syntax");
const storyFindings = (text: string, format: "yaml" | "markdown" | "plain" = "yaml") =>
  analyzeBacklog(text, format).findings.filter((f) => f.ruleId.startsWith("story-") || f.ruleId.startsWith("criteria-"));

describe("nesting past the limit", () => {
  it("reads 100,000 nested brackets in a header key as one finding, and still checks the stories", () => {
    for (const text of [`sprint:\n  ${"[".repeat(100_000)}: 1\n${STORY}`, `sprint:\n  goal: ${"{a: ".repeat(20_000)}\n${STORY}`]) {
      const syntax = yamlSyntax(text);
      assert.ok(syntax.length <= 3, syntax.map((f) => f.message).join("\n"));
      assert.match(syntax[0]?.message ?? "", /nested more than 64 levels deep/);
      assert.deepEqual(
        storyFindings(text).map((f) => f.ruleId),
        ["criteria-missing"],
      );
    }
  });

  it("bounds compact indicators and indentation", () => {
    const compact = `${STORY}  - ${"- ".repeat(5_000)}x\n`;
    assert.match(yamlSyntax(compact)[0]?.message ?? "", /List or key indicators nested more than 64/);
    const indented = `${STORY}    notes:\n${" ".repeat(1_500)}x\n`;
    assert.match(yamlSyntax(indented)[0]?.message ?? "", /Indented more than 1000 columns/);
  });

  it("leaves brackets alone where they are text: quoted, in block scalars, in comments, inside a plain scalar", () => {
    const deep = "[".repeat(MAX_YAML_NESTING + 10);
    for (const text of [
      `notes: "${deep}"\n`,
      `notes: '${deep}'\n`,
      `notes: |\n  ${deep}\n  more\n`,
      `notes: >-\n  ${deep}\n`,
      `# ${deep}\n`,
      `notes: a ${deep}\n`,
      `list: [a, "${deep}", b]\n`,
    ])
      assert.equal(defuseNesting(text), undefined, text);
    // Exactly at the limit is read as written.
    assert.equal(defuseNesting(`x: ${"[".repeat(MAX_YAML_NESTING)}${"]".repeat(MAX_YAML_NESTING)}\n`), undefined);
    assert.ok(defuseNesting(`x: ${"[".repeat(MAX_YAML_NESTING + 1)}${"]".repeat(MAX_YAML_NESTING + 1)}\n`));
  });

  it("keeps offsets: the defused text has the same length and line breaks", () => {
    const text = `a:\r\n  b: ${"[{".repeat(100)}x${"}]".repeat(100)}\r\n${STORY}`;
    const defused = defuseNesting(text);
    assert.ok(defused);
    assert.equal(defused.text.length, text.length);
    assert.deepEqual(defused.text.match(/\r\n/g), text.match(/\r\n/g));
  });

  it("reports a repeated key once per repetition, in one pass, as yaml does", () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `  k${i}: 1`).join("\n");
    const document = parseYaml(`m:\n${keys}\n  k7: 2\n  k7: 3\n`, { uniqueKeys: true });
    assert.deepEqual(
      document.errors.map((e) => e.code),
      ["DUPLICATE_KEY", "DUPLICATE_KEY"],
    );
    assert.equal(parseYaml("a: 1\na: 2\n", { uniqueKeys: false }).errors.length, 0);
  });

  it("reads deeply nested Markdown as one finding and checks the stories before and after it", () => {
    const story = (n: number) => `## S-${n} Pay\n\nAs a shopper, I want to pay by card ${n}, so that I get my goods.\n\n`;
    for (const deep of ["- ".repeat(10_000), "> ".repeat(5_000) + "- ".repeat(5_000)]) {
      const text = `# Backlog\n\n${story(1)}${deep}x\n\n${story(2)}`;
      const { findings, backlog } = analyzeBacklog(text, "markdown");
      assert.equal(backlog.stories.length, 2);
      assert.deepEqual(
        findings.filter((f) => f.ruleId === "file-not-checked").map((f) => f.messageId),
        ["tooDeep"],
      );
    }
  });
});

describe("long and repetitive stories", () => {
  it("names a few of 80,000 parts, and offers no split into 80,001 stories", () => {
    const text = `As a user, I want to ${Array.from({ length: 80_000 }, (_, i) => `w${i}`).join(" and ")} so that x.`;
    const atomic = analyzeBacklog(text, "plain").findings.filter((f) => f.ruleId === "story-atomic");
    assert.equal(atomic.length, 1);
    assert.ok(atomic[0]!.message.length < 300, atomic[0]!.message.slice(0, 300));
    assert.match(atomic[0]!.message, /and 79,993 more/);
    assert.equal(atomic[0]!.fixes, undefined);
  });

  it("still splits a story of a few parts", () => {
    const text = "As a clerk, I want to export orders, invoices and receipts, so that I can file them.";
    const atomic = analyzeBacklog(text, "plain").findings.find((f) => f.ruleId === "story-atomic");
    assert.match(atomic?.fixes?.[0]?.title ?? "", /^Split into 3 stories$/);
  });
});

describe("hostile config files", () => {
  it("does not read a config file over the size limit, and says so", () => {
    const { config, findings } = parseConfigFile(`${"# comment\n".repeat(1_000_000)}rules:\n  story-benefit: off\n`);
    assert.deepEqual(config, {});
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /over the limit of 262,144: it is not read/);
  });

  it("gives the first twenty unknown rule ids a finding each and counts the rest in one", () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `  story-benefi${i}: off`).join("\n");
    const { config, findings } = parseConfigFile(`rules:\n${ids}\n  story-atomic: off\n`);
    assert.equal(findings.length, 21);
    assert.match(findings[20]?.message ?? "", /^9,980 more rule ids here are not rules either/);
    assert.deepEqual(config.rules, { "story-atomic": "off" });
  });

  it("bounds a deeply nested config file", () => {
    const { findings } = parseConfigFile(`rules:\n  x: ${"[".repeat(50_000)}\n`);
    assert.ok(findings.length <= 3);
    assert.match(findings[0]?.message ?? "", /Brackets nested more than 64 levels deep/);
  });
});
