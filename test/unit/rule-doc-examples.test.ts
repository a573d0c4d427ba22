// Every rule page's "Good" example passes every rule, and every "Bad" example gets that page's rule: the examples
// teach what the rules do. A fragment (a story item, a criteria list, a field) is placed in a backlog whose other
// parts are complete and clean, so only the example itself can be flagged.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse, stringify } from "yaml";
import { analyzeBacklog } from "../../server/core/analyze";
import { parseConfigFile } from "../../server/core/config-file";
import type { BacklogFormat } from "../../server/core/model";
import { rules } from "../../server/core/rules/registry";
import { REPO_ROOT } from "../support/fixtures";

/** Pages whose examples are prose, not a backlog: what the rule reacts to cannot be written in a code block. */
const PROSE = new Map([["file-not-checked", "a 20 MB or binary file; test/fixtures/rules/file-not-checked/ has them"]]);
/** Rules whose examples are about a missing part: the frame must not add it. */
const ABOUT_CRITERIA = new Set(["criteria-missing", "definition-of-ready"]);
/** Rules whose bad examples are broken YAML or a wrong shape: read as written (their good ones are framed). */
const AS_WRITTEN = new Set(["yaml-syntax", "backlog-schema"]);
/** Clean sentences for frame stories that have none, one per story so that no two are alike. */
const SENTENCES = [
  "As a shopper, I want to save my card, so that I pay with one click next time.",
  "As a shopper, I want to remove a stored card, so that nobody can pay with it after I lose it.",
  "As a shopper, I want to see my past orders, so that I can reorder an item I liked.",
];
const CRITERION = "Given I am signed in, when I open my account, then my stored cards are listed";

interface Examples {
  readonly bad: string[];
  readonly good: string[];
}

/** The fenced code blocks under a page's "## Bad" and "## Good" headings. */
function examplesOf(page: string): Examples {
  const out: Examples = { bad: [], good: [] };
  let section: keyof Examples | undefined;
  let block: string[] | undefined;
  for (const line of page.split("\n")) {
    if (block) {
      if (line.startsWith("```")) {
        if (section) out[section].push(`${block.join("\n")}\n`);
        block = undefined;
      } else block.push(line);
    } else if (line.startsWith("## ")) section = line === "## Bad" ? "bad" : line === "## Good" ? "good" : undefined;
    else if (line.startsWith("```") && section) block = [];
  }
  return out;
}

type Item = Record<string, unknown>;
const isItem = (v: unknown): v is Item => typeof v === "object" && v !== null && !Array.isArray(v);

/** A backlog file holding the example, complete around it. */
function frame(ruleId: string, example: string, kind: keyof Examples): { text: string; format: BacklogFormat } {
  if (/^Feature:/m.test(example)) return { text: example, format: "gherkin" };
  const looksYaml = /^(\w+:|- )/.test(example);
  if (!looksYaml) return { text: example, format: "plain" };
  if (kind === "bad" && AS_WRITTEN.has(ruleId)) return { text: example, format: "yaml" };
  let value: unknown;
  const lines = example.trimEnd().split("\n");
  // "estimate: 4" then "estimate: 40": one story per line, each a value to judge.
  if (lines.length > 1 && lines.every((l) => /^\w+: /.test(l)) && new Set(lines.map((l) => l.split(":")[0])).size === 1)
    value = lines.map((l) => parse(l) as unknown);
  else value = parse(example) as unknown;
  let top: Item;
  if (isItem(value) && Array.isArray(value["stories"])) top = value;
  else if (isItem(value) && ["id", "story", "acceptance"].some((key) => key in value)) top = { stories: [value] };
  else if (Array.isArray(value) && value.every((v) => typeof v === "string")) top = { stories: [{ acceptance: value }] };
  else if (Array.isArray(value)) top = { stories: value };
  else if (isItem(value)) top = { ...value, stories: [] };
  else throw new Error(`cannot frame the example of ${ruleId}: ${example}`);
  const stories = (top["stories"] as unknown[]).filter(isItem);
  if (stories.length === 0) stories.push({});
  stories.forEach((s, i) => {
    if (!("id" in s)) s["id"] = `EX-${i + 1}`;
    if (!("story" in s) || s["story"] === "...") s["story"] = SENTENCES[i % SENTENCES.length];
    if (!("acceptance" in s) && !ABOUT_CRITERIA.has(ruleId)) s["acceptance"] = [CRITERION];
  });
  return { text: stringify({ ...top, stories }, { lineWidth: 0 }), format: "yaml" };
}

function ruleIdsFound(ruleId: string, example: string, kind: keyof Examples): string[] {
  if (ruleId === "config-file") return parseConfigFile(example).findings.map((f) => f.ruleId);
  const { text, format } = frame(ruleId, example, kind);
  return analyzeBacklog(text, format).findings.map((f) => `${f.ruleId}: ${f.message}`);
}

describe("rule pages: the examples do what they say", () => {
  for (const rule of rules) {
    const id = rule.meta.id;
    const skip = PROSE.get(id) ?? false;
    const { bad, good } = examplesOf(readFileSync(join(REPO_ROOT, "docs", "rules", `${id}.md`), "utf8"));
    it(`${id}: has a Bad and a Good example`, { skip }, () => assert.ok(bad.length > 0 && good.length > 0));
    bad.forEach((example, i) =>
      it(`${id}: Bad example ${i + 1} gets ${id}`, { skip }, () => {
        const found = ruleIdsFound(id, example, "bad");
        assert.ok(
          found.some((f) => f.startsWith(`${id}:`) || f === id),
          `found instead: ${JSON.stringify(found)}`,
        );
      }),
    );
    good.forEach((example, i) =>
      it(`${id}: Good example ${i + 1} passes every rule`, { skip }, () => assert.deepEqual(ruleIdsFound(id, example, "good"), [])),
    );
  }
});
