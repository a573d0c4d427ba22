// Property: applying any fix, or all of them, changes only the fixed spans; line endings and order are kept.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, it } from "node:test";
import { isMap, isSeq, parseDocument } from "yaml";
import { analyzeBacklog } from "../../server/core/analyze";
import { applyEdits, editsOfFixes } from "../../server/core/apply-edits";
import { formatOfFileName } from "../../server/core/file-patterns";
import type { BacklogFormat, TextEdit } from "../../server/core/model";
import { FIXTURES, REPO_ROOT, fixtureFiles, markdownShapeFiles } from "../support/fixtures";

const CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "dalpiaz");

/** The text outside the edited spans, in order: what a fix must leave byte-identical. */
function untouched(text: string, edits: readonly TextEdit[]): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    pieces.push(text.slice(at, e.span.start));
    at = e.span.end;
  }
  pieces.push(text.slice(at));
  return pieces;
}

/** Checks that `fixed` is `original` with exactly the edits' new text spliced in. */
function assertOnlyEditsChanged(original: string, fixed: string, edits: readonly TextEdit[], label: string): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  const pieces = untouched(original, sorted);
  let expected = pieces[0] ?? "";
  sorted.forEach((e, i) => (expected += e.newText + (pieces[i + 1] ?? "")));
  assert.equal(fixed, expected, label);
  if (original.includes("\r\n")) {
    const loneLf = (s: string) => (s.match(/(?<!\r)\n/g) ?? []).length;
    assert.equal(loneLf(fixed), loneLf(original), `${label}: a fix wrote LF into a CRLF file`);
  }
}

function inputs(): { name: string; text: string; format: BacklogFormat }[] {
  const files = [
    ...fixtureFiles(join(REPO_ROOT, "examples")),
    ...fixtureFiles(join(FIXTURES, "rules")).flatMap(fixtureFiles),
    ...fixtureFiles(join(FIXTURES, "formats")),
  ];
  const list = files.flatMap((f) => {
    const format = formatOfFileName(f);
    return format ? [{ name: basename(f), text: readFileSync(f, "utf8"), format }] : [];
  });
  // Spec Kit, BMAD and issue-template Markdown, which the markdownFiles globs opt in.
  for (const f of markdownShapeFiles()) list.push({ name: f.relative, text: readFileSync(f.path, "utf8"), format: "markdown" });
  if (existsSync(CORPUS)) {
    for (const f of readdirSync(CORPUS).filter((n) => n.endsWith(".txt")))
      list.push({ name: f, text: readFileSync(join(CORPUS, f), "utf8"), format: "plain" });
  }
  return list;
}

describe("fixes change only what they fix", () => {
  for (const input of inputs()) {
    it(input.name, () => {
      const { findings } = analyzeBacklog(input.text, input.format);
      // Each fix alone.
      for (const finding of findings) {
        for (const fix of finding.fixes ?? []) {
          const { text, skipped } = applyEdits(input.text, fix.edits);
          assert.deepEqual(skipped, [], `${finding.ruleId}: a fix's own edits overlap`);
          assertOnlyEditsChanged(input.text, text, fix.edits, `${finding.ruleId} "${fix.title}"`);
        }
      }
      // All fixes together, and the safe ones (what "fix all" and --fix apply).
      for (const onlySafe of [false, true]) {
        const edits = editsOfFixes(findings, onlySafe);
        const { text } = applyEdits(input.text, edits);
        assertOnlyEditsChanged(input.text, text, edits, onlySafe ? "all safe fixes" : "all fixes");
        analyzeBacklog(text, input.format);
      }
    });
  }
});

/**
 * The YAML inputs rewritten with every story as a flow map (`- { id: S-1, story: "..." }`), and as one-line JSON,
 * as tools that write JSON.stringify output make them: every fix must still leave a file that parses, with the
 * same stories (a split adds its own), and the values read back as written.
 */
function flowVariants(): { name: string; text: string }[] {
  const variants: { name: string; text: string }[] = [];
  for (const input of inputs().filter((i) => i.format === "yaml")) {
    const doc = parseDocument(input.text);
    if (doc.errors.length > 0) continue;
    const stories = doc.get("stories", true);
    if (!isSeq(stories) || stories.items.length === 0) continue;
    for (const item of stories.items) if (isMap(item)) item.flow = true;
    variants.push({ name: `${input.name} (flow maps)`, text: doc.toString() });
    variants.push({ name: `${input.name} (one-line JSON)`, text: JSON.stringify(doc.toJSON()) });
  }
  return variants;
}

const storyCount = (text: string): number => {
  const doc = parseDocument(text);
  const stories = doc.get("stories");
  return isSeq(stories) ? stories.items.length : 0;
};

describe("fixes keep a flow-map or JSON backlog valid", () => {
  const variants = flowVariants();
  it("has flow variants to check", () => assert.ok(variants.length >= 10, `${variants.length} variants`));
  for (const variant of variants) {
    it(variant.name, () => {
      const { findings } = analyzeBacklog(variant.text, "yaml");
      const before = storyCount(variant.text);
      for (const finding of findings) {
        for (const fix of finding.fixes ?? []) {
          const { text } = applyEdits(variant.text, fix.edits);
          const doc = parseDocument(text);
          assert.deepEqual(
            doc.errors.map((e) => e.message),
            [],
            `${finding.ruleId} "${fix.title}" broke the file:\n${text.slice(Math.max(0, fix.edits[0]!.span.start - 80), fix.edits[0]!.span.start + 160)}`,
          );
          if (!/^Split/.test(fix.title)) assert.equal(storyCount(text), before, `${finding.ruleId} "${fix.title}" changed the story count`);
        }
      }
      const { text } = applyEdits(variant.text, editsOfFixes(findings, false));
      assert.deepEqual(
        parseDocument(text).errors.map((e) => e.message),
        [],
        "all fixes together broke the file",
      );
    });
  }
});
