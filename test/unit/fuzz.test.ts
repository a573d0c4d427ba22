// Fuzzing the core: thousands of random and mutated backlogs must all analyse without throwing or hanging.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseDocument, visit } from "yaml";
import { analyzeBacklog } from "../../server/core/analyze";
import type { BacklogFormat } from "../../server/core/model";
import { FIXTURES, REPO_ROOT } from "../support/fixtures";
import { pick, seededRandom } from "../support/random";

const CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "dalpiaz");
const FORMATS: readonly BacklogFormat[] = ["yaml", "markdown", "plain", "gherkin"];

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Seeds: every fixture, the sample workspace, and some corpus stories when the corpus is beside the repo. */
function seeds(): string[] {
  const files = [...walk(FIXTURES), ...walk(join(REPO_ROOT, "examples"))].map((f) => readFileSync(f, "utf8"));
  if (existsSync(CORPUS)) {
    for (const f of readdirSync(CORPUS).filter((n) => n.endsWith(".txt"))) files.push(readFileSync(join(CORPUS, f), "utf8").slice(0, 3000));
  }
  return files;
}

const NASTY = [
  "\t",
  ":",
  "- ",
  "&a ",
  "*a",
  "{",
  "}",
  "[",
  "]",
  "\u0000",
  "\uFFFD",
  "\uD800",
  "\r",
  "\r\n",
  "\uFEFF",
  "---\n",
  "...\n",
  "? ",
  "|",
  ">",
  "!!binary ",
  "%YAML 1.2\n",
  "#",
  "<!--",
  "```",
  "# ",
  "As a ",
  "I want to ",
  "so that ",
  "Given ",
  "When ",
  "Then ",
  "acceptance:\n",
  "story: ",
  "stories:\n  - ",
  "x".repeat(10_000),
  // The shapes of issue #18: deep flow maps, compact indicators, quotes and lists, indentation, run-on "and"s.
  "{a: ".repeat(300),
  "- ".repeat(300),
  "> ".repeat(300),
  "1. ".repeat(300),
  `\n${" ".repeat(1_500)}x`,
  " and x".repeat(2_000),
  '{ "id": "S-9", "story": "As a user, I want x, so that y." }',
  // Gherkin's own shapes: headers, tables, doc strings, a dialect header, tags.
  "Feature: ",
  "  Scenario Outline: ",
  "Rule: ",
  "Background:\n",
  "Examples:\n  | a |\n",
  "| x | <y> |",
  '"""\n',
  "# language: fr\n",
  "# language: zz\n",
  "@CHK-1 ",
  "* ",
];

/** One mutation of a text: truncate, delete, duplicate, insert hostile tokens, swap, nest deeply. */
function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const len = Math.floor(random() * 40);
  switch (Math.floor(random() * 12)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + text.slice(at + len);
    case 2:
      return text.slice(0, at) + text.slice(at, at + len).repeat(2 + Math.floor(random() * 3)) + text.slice(at);
    case 3:
      return text.slice(0, at) + pick(random, NASTY) + text.slice(at);
    case 4:
      return text.replace(/:/g, () => (random() < 0.2 ? "" : ":"));
    case 5:
      return text.replace(/ {2}/g, () => (random() < 0.3 ? "\t" : "  "));
    case 6:
      return "[".repeat(200 + Math.floor(random() * 800)) + text;
    case 7:
      return text
        .split(/\r?\n/)
        .reverse()
        .join(random() < 0.5 ? "\n" : "\r\n");
    case 9:
      // Everything on one line, as a tool that strips line breaks writes it.
      return text.replace(/\r?\n/g, random() < 0.5 ? " " : ", ");
    case 10:
      // The YAML written as one-line JSON or flow maps, when it reads as YAML at all.
      return asFlow(text, random() < 0.5);
    case 11:
      return text.slice(0, at) + pick(random, ["{a: ", "- ", "> ", "[", "  "]).repeat(100 + Math.floor(random() * 3000)) + text.slice(at);
    default:
      return `${text}\n---\n${text.slice(0, at)}`;
  }
}

/** A YAML text with every map written in flow style, or as JSON; the text itself when it does not parse. */
function asFlow(text: string, json: boolean): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  if (json) {
    try {
      return JSON.stringify(doc.toJS({ maxAliasCount: 100 })) ?? text;
    } catch {
      return text; // An alias bomb: the seed stays as it is.
    }
  }
  visit(doc, {
    Map(_, map) {
      map.flow = true;
    },
  });
  try {
    return doc.toString();
  } catch {
    // An alias the library cannot write back (its anchor comes after it, as a mutation can leave one): keep the seed.
    return text;
  }
}

describe("fuzzing the analysis core", () => {
  const base = seeds();
  it("has seeds", () => assert.ok(base.length > 10));

  it("analyses 3,000 mutated backlogs in every format without throwing", { timeout: 240_000 }, (t) => {
    const random = seededRandom(20261122);
    let findings = 0;
    let slowest = 0;
    for (let i = 0; i < 3000; i++) {
      let text = pick(random, base);
      const rounds = 1 + Math.floor(random() * 4);
      for (let r = 0; r < rounds; r++) text = mutate(text, random);
      const format = pick(random, FORMATS);
      const started = performance.now();
      const analysis = analyzeBacklog(text, format);
      slowest = Math.max(slowest, performance.now() - started);
      findings += analysis.findings.length;
      assert.deepEqual(analysis.failures, [], `a rule failed on input #${i} (${format})`);
      for (const f of analysis.findings) {
        assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `span out of range on input #${i}`);
        assert.ok(f.message.length > 0);
      }
    }
    assert.ok(findings > 0);
    // Reported, not asserted: timing depends on the machine.
    t.diagnostic(`fuzz: 3000 inputs, ${findings} findings, slowest analysis ${slowest.toFixed(0)} ms`);
  });

  it("analyses 1,000 mutated tracker exports (CSV, gh issues JSON) without throwing, fixes inside the text", { timeout: 240_000 }, () => {
    const random = seededRandom(20261214);
    const trackers = [...walk(join(FIXTURES, "trackers")), ...walk(join(REPO_ROOT, "examples"))]
      .filter((f) => /\.(csv|json)$/.test(f))
      .map((f): [string, BacklogFormat] => [readFileSync(f, "utf8"), f.endsWith(".csv") ? "csv" : "github-issues"]);
    const quoting = ['"', '""', ",", '\\"', "\\u00", "\\", "<li>", "&amp;", "h2. ", "{code}"];
    const config = { csv: { columns: { id: "Key", story: "Text", criteria: "AC" } } };
    for (let i = 0; i < 1000; i++) {
      const [seed, format] = pick(random, trackers);
      let text = seed;
      for (let r = 1 + Math.floor(random() * 3); r > 0; r--) {
        const at = Math.floor(random() * (text.length + 1));
        text = random() < 0.5 ? text.slice(0, at) + pick(random, quoting) + text.slice(at) : mutate(text, random);
      }
      const analysis = analyzeBacklog(text, format, i % 7 === 0 ? config : {});
      assert.deepEqual(analysis.failures, [], `a rule failed on tracker input #${i} (${format})`);
      for (const f of analysis.findings) {
        assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `span out of range on input #${i}`);
        for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.span.start >= 0 && e.span.end <= text.length);
      }
    }
  });

  it("refuses an alias expansion bomb with a finding instead of expanding it", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(",")}]`,
      );
    const { findings } = analyzeBacklog(`${lines.join("\n")}\nstories: []\n`, "yaml");
    assert.ok(findings.some((f) => f.ruleId === "yaml-syntax" && f.messageId === "aliases"));
  });

  it("handles random bytes, deep nesting and a very long line", { timeout: 60_000 }, () => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const chars = Array.from({ length: 1 + Math.floor(random() * 400) }, () => String.fromCharCode(Math.floor(random() * 0x3000)));
      for (const format of FORMATS) assert.deepEqual(analyzeBacklog(chars.join(""), format).failures, [], `random input #${i} (${format})`);
    }
    for (const format of FORMATS) {
      for (const text of [
        `stories:\n${"  ".repeat(1)}- story: ${"[".repeat(5000)}`,
        `stories:\n  - story: As a user, I want ${"very ".repeat(4000)}long things`,
      ])
        assert.deepEqual(analyzeBacklog(text, format).failures, [], `${format}: ${text.slice(0, 40)}`);
    }
  });
});
