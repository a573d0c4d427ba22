// The first findings shown for a large backlog must be exactly the ones the whole analysis gives its top stories.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { activeRules, analyzeBacklog, storyChecker } from "../../server/core/analyze";
import { parseBacklog } from "../../server/core/formats";
import { previewFindings } from "../../server/core/preview";
import { applySuppressions } from "../../server/core/suppressions";
import type { CoachConfig } from "../../server/core/config";
import type { Backlog, Finding } from "../../server/core/model";
import { FIXTURES } from "../support/fixtures";
import { pick, seededRandom } from "../support/random";
import { randomBacklog } from "../support/yaml-variants";

const key = (f: Finding): string => JSON.stringify(f);

/** The mapping the `mapped.csv` fixture is read with (the tracker exports name their own columns). */
const MAPPING: CoachConfig = { csv: { columns: { id: "Key", story: "Text", criteria: "AC", estimate: "Points", status: "State" } } };

/** Each record of a CSV text, its line break included: a scan for line breaks outside quotes. */
function* csvRecords(text: string): Generator<string> {
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === "\n" && !quoted) {
      yield text.slice(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.length) yield text.slice(start);
}

/** The story rules' findings for the first `top` stories of the whole file's reading, as a preview must give them. */
function storyRuleFindings(text: string, backlog: Backlog, top: number, config: CoachConfig = {}): Finding[] {
  const check = storyChecker(
    backlog,
    activeRules(config).filter((a) => a.rule.checkStory),
  );
  return applySuppressions(
    text,
    backlog.stories.slice(0, top).flatMap((s) => check(s).findings.flat()),
    backlog.stories,
  ).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

describe("preview of a large backlog's first stories", () => {
  it("gives the whole analysis's story-rule findings for those stories, on 300 random backlogs", () => {
    const random = seededRandom(911);
    let previews = 0;
    let shown = 0;
    for (let n = 0; n < 300; n++) {
      const text = randomBacklog(random, 20 + Math.floor(random() * 20));
      const top = 1 + Math.floor(random() * 15);
      const preview = previewFindings(text, {}, top);
      const full = analyzeBacklog(text, "yaml");
      const backlog = parseBacklog(text, "yaml");
      if (!preview) continue;
      previews++;
      shown += preview.length;
      // The same story checks over the whole file's reading of those stories.
      const expected = storyRuleFindings(text, backlog, top);
      assert.deepEqual(preview, expected, `backlog ${n}`);
      const all = new Set(full.findings.map(key));
      for (const f of preview) assert.ok(all.has(key(f)), `backlog ${n}: ${f.ruleId} at ${f.span.start} is not in the whole analysis`);
    }
    assert.ok(previews > 100, `only ${previews} backlogs were previewed`);
    assert.ok(shown > 100, `only ${shown} findings were previewed`);
  });

  it("gives a plain list's first stories the findings the whole analysis gives them, on 300 random lists", () => {
    const random = seededRandom(912);
    const lines = [
      "As a shopper, I want to save my card, so that I pay faster.",
      "As a clerk, I want to export orders and invoices.",
      "As a <role>, I want to see my orders so I can plan.",
      "I want a report of stored cards",
      "  continued on the next line, so that it reads on.",
      "and more words without a stop",
      "# a comment",
      "Payments:",
      "CHK-7: As a guest, I want to pay by card, so that I need no account.",
      "- As an admin, I want to remove users quickly, so that the list is clean.",
      "",
      "\r",
    ];
    let previews = 0;
    let shown = 0;
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 10 + Math.floor(random() * 40) }, () => pick(random, lines)).join(random() < 0.2 ? "\r\n" : "\n");
      const top = 1 + Math.floor(random() * 12);
      const preview = previewFindings(text, {}, top, undefined, "plain");
      const backlog = parseBacklog(text, "plain");
      if (!preview) {
        // Nothing to gain only when no line after the first `top` stories closes the last of them.
        assert.ok(backlog.stories.length <= top + 1, `list ${n}: ${backlog.stories.length} stories, no preview of ${top}`);
        continue;
      }
      previews++;
      shown += preview.length;
      const expected = storyRuleFindings(text, backlog, top);
      assert.deepEqual(preview, expected, `list ${n}\n${JSON.stringify(text)}`);
    }
    assert.ok(previews > 200, `only ${previews} lists were previewed`);
    assert.ok(shown > 200, `only ${shown} findings were previewed`);
  });

  it("gives a tracker export's first rows the findings the whole analysis gives them, on 300 random exports", () => {
    const random = seededRandom(913);
    // Rows of each fixture (its header first), shuffled and repeated: quoted cells with line breaks, markup, other
    // issue types, rows with fewer cells, in the file's line break.
    const exports = (["jira.csv", "azure.csv", "mapped.csv"] as const).map((file) => {
      const text = readFileSync(join(FIXTURES, "trackers", file), "utf8");
      const config = file === "mapped.csv" ? MAPPING : {};
      const backlog = parseBacklog(text, "csv", config);
      const first = backlog.stories[0]?.span.start ?? 0;
      const rows = [...csvRecords(text.slice(first))];
      return { header: text.slice(0, first), rows, eol: text.includes("\r\n") ? "\r\n" : "\n", config };
    });
    let previews = 0;
    let shown = 0;
    for (let n = 0; n < 300; n++) {
      const { header, rows, eol, config } = pick(random, exports);
      const body = Array.from({ length: 5 + Math.floor(random() * 30) }, () => pick(random, rows).replace(/\r?\n$/, "")).join(eol);
      const text = `${header}${body}${random() < 0.5 ? eol : ""}`;
      const top = 1 + Math.floor(random() * 12);
      const preview = previewFindings(text, config, top, undefined, "csv");
      const backlog = parseBacklog(text, "csv", config);
      if (!preview) {
        assert.ok(backlog.stories.length <= top, `export ${n}: ${backlog.stories.length} stories, no preview of ${top}`);
        continue;
      }
      previews++;
      shown += preview.length;
      assert.deepEqual(preview, storyRuleFindings(text, backlog, top, config), `export ${n}\n${JSON.stringify(text)}`);
    }
    assert.ok(previews > 200, `only ${previews} exports were previewed`);
    assert.ok(shown > 200, `only ${shown} findings were previewed`);
  });

  it("has nothing to show for a list no longer than the preview, or a file that is not a list of stories", () => {
    assert.equal(previewFindings("stories:\n  - id: A\n", {}, 5), undefined);
    assert.equal(previewFindings("product: x\n", {}, 5), undefined);
  });
});
