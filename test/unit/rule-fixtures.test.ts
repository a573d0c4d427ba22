// Runs every rule over its fixtures, compares with the inline expectations, then applies the fixes and re-checks.
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { applyEdits, editsOfFixes } from "../../server/core/apply-edits";
import type { CoachConfig } from "../../server/core/config";
import { parseConfigFile } from "../../server/core/config-file";
import { formatOfFileName } from "../../server/core/file-patterns";
import { LineIndex } from "../../server/core/parse/text-lines";
import { rules } from "../../server/core/rules/registry";
import { FIXTURES, fixtureFiles, readFixture } from "../support/fixtures";

/** Only the rule under test is on, so each fixture states exactly what that rule finds. */
const only = (ruleId: string): CoachConfig => ({
  rules: Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.id === ruleId ? r.meta.defaultSeverity : "off"])),
});

for (const rule of rules) {
  const id = rule.meta.id;
  describe(`rule ${id}`, () => {
    const files = fixtureFiles(join(FIXTURES, "rules", id));
    it("has fixtures", () => assert.ok(files.length > 0, `test/fixtures/rules/${id}/ has no fixture`));
    for (const file of files) {
      // Config files are checked by their own reader, not by the backlog analysis.
      if (file.endsWith(".backlog-coach.yaml")) {
        it(`finds what ${basename(file)} expects`, () => {
          const fixture = readFixture(file);
          const lines = new LineIndex(fixture.text);
          const actual = parseConfigFile(fixture.text).findings.map((f) => `${lines.positionAt(f.span.start).line + 1}:${f.ruleId}`);
          assert.deepEqual(actual.sort(), fixture.expected);
        });
        continue;
      }
      const format = formatOfFileName(file);
      it(`finds what ${basename(file)} expects`, () => {
        assert.ok(format, `${file} is not a backlog file name`);
        const fixture = readFixture(file);
        const { findings } = analyzeBacklog(fixture.text, format, only(id));
        const lines = new LineIndex(fixture.text);
        const actual = findings.filter((f) => f.ruleId === id).map((f) => `${lines.positionAt(f.span.start).line + 1}:${f.ruleId}`);
        assert.deepEqual(
          actual.sort(),
          fixture.expected.filter((e) => e.endsWith(`:${id}`)),
        );
        for (const f of findings) assert.ok(f.span.start <= f.span.end && f.span.end <= fixture.text.length, "span inside the text");
      });
      if (rule.meta.fixable) {
        it(`fixes in ${basename(file)} remove their findings and change nothing else`, () => {
          assert.ok(format);
          const fixture = readFixture(file);
          const before = analyzeBacklog(fixture.text, format, only(id)).findings.filter((f) => f.ruleId === id);
          const edits = editsOfFixes(before, false);
          const fixed = applyEdits(fixture.text, edits).text;
          // A fix that writes a template ("so that <benefit>") leaves a placeholder for the user to fill, and the
          // rule reports the unfilled placeholder: that finding is the fix working, not the old one left over.
          const templates = edits.filter((e) => /<[^<>]+>/.test(e.newText)).length;
          const all = analyzeBacklog(fixed, format, only(id)).findings.filter((f) => f.ruleId === id);
          const isPlaceholder = (f: { messageId: string }): boolean => templates > 0 && f.messageId.startsWith("placeholder");
          assert.ok(
            all.filter(isPlaceholder).length <= before.filter(isPlaceholder).length + templates,
            "a template fix leaves one placeholder",
          );
          const after = all.filter((f) => !isPlaceholder(f));
          const unfixed = before.filter((f) => !f.fixes?.length && !isPlaceholder(f)).length;
          // A split writes new stories, which may hold another defect the first finding stood for (a story gets one
          // atomic finding): the split findings must be gone, the others stay.
          const splits = before.filter((f) => f.fixes?.some((x) => x.title.startsWith("Split into")));
          if (splits.length > 0) {
            const gone = new Set(splits.map((f) => f.message));
            assert.deepEqual(
              after.filter((f) => gone.has(f.message)).map((f) => f.message),
              [],
              "every split finding is gone",
            );
            assert.ok(after.length >= unfixed, "findings without a fix stay");
          } else assert.equal(after.length, unfixed, "every fixed finding is gone");
          // Everything outside the edited spans is byte-identical.
          let at = 0;
          let rebuilt = "";
          for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
            rebuilt += fixture.text.slice(at, e.span.start);
            at = e.span.end;
          }
          rebuilt += fixture.text.slice(at);
          let kept = fixed;
          for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) {
            const start =
              e.span.start +
              edits.filter((o) => o.span.start < e.span.start).reduce((d, o) => d + o.newText.length - (o.span.end - o.span.start), 0);
            kept = kept.slice(0, start) + kept.slice(start + e.newText.length);
          }
          assert.equal(kept, rebuilt);
        });
      }
    }
  });
}
