// New Backlog's templates start clean in every format, and the empty-file lens sees through comments only.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BACKLOG_TEMPLATES, isEmptyBacklog, templateOf } from "../../client/backlog-templates";
import { analyzeBacklog } from "../../server/core/analyze";
import { formatOfFileName } from "../../server/core/file-patterns";
import { rules } from "../../server/core/rules/registry";

/** Every rule at its default severity, hints included: a template must not start the day with a finding. */
const everyRule = { rules: Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.defaultSeverity])) };

describe("backlog templates", () => {
  it("has one template per format, named as the checker recognises it", () => {
    assert.deepEqual(
      BACKLOG_TEMPLATES.map((t) => t.format),
      ["yaml", "markdown", "plain", "gherkin"],
    );
    for (const t of BACKLOG_TEMPLATES) assert.equal(formatOfFileName(t.fileName), t.format, t.fileName);
  });

  for (const t of BACKLOG_TEMPLATES) {
    it(`${t.format}: one story, no finding from any rule`, () => {
      const { backlog, findings, failures } = analyzeBacklog(t.text, t.format, everyRule);
      assert.deepEqual(failures, []);
      assert.deepEqual(
        findings.map((f) => `${f.ruleId}: ${f.message}`),
        [],
      );
      assert.equal(backlog.stories.length, 1);
      // A Gherkin narrative is a clause a line: the sentence holds the line breaks' room as spaces.
      assert.match((backlog.stories[0]?.sentence?.text ?? "").replace(/\s+/g, " "), /^As a shopper, I want .+, so that .+\.$/);
    });

    it(`${t.format}: explains itself in comments, and is not "empty"`, () => {
      assert.match(t.text, t.format === "markdown" ? /<!--[\s\S]*As a <role>[\s\S]*-->/ : /^# .*As a <role>/m);
      assert.equal(isEmptyBacklog(t.text, t.format), false);
    });
  }

  it("templateOf finds each format", () => {
    assert.equal(templateOf("plain").fileName, "product.stories");
  });
});

describe("isEmptyBacklog", () => {
  it("is true for nothing, blank lines, a BOM and comments in the format's syntax", () => {
    assert.equal(isEmptyBacklog("", "yaml"), true);
    assert.equal(isEmptyBacklog("\uFEFF\n  \r\n", "plain"), true);
    assert.equal(isEmptyBacklog("# my backlog\n  # more\n", "yaml"), true);
    assert.equal(isEmptyBacklog("<!-- notes\nacross lines -->\n\n", "markdown"), true);
    assert.equal(isEmptyBacklog("<!-- unterminated", "markdown"), true);
  });

  it("is false as soon as there is content", () => {
    assert.equal(isEmptyBacklog("stories: []\n", "yaml"), false);
    assert.equal(isEmptyBacklog("# Title\n", "markdown"), false, "a Markdown heading is content, not a comment");
    assert.equal(isEmptyBacklog("# c\nAs a user, I want x.\n", "plain"), false);
  });
});
