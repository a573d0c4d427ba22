// Which files are backlogs under a config (core/backlog-files.ts): the one answer the open-file path, the workspace
// check's listing and its watcher share.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backlogFileKind, mayBeBacklog, optedInGlobs } from "../../server/core/backlog-files";

const config = { trackerFiles: { csv: ["exports/*.csv"], "github-issues": ["/abs/issues.json", "**/gh/*.json"] } };

describe("backlog files under a config", () => {
  it("reads a file by name first, then Markdown opted in by glob (by shape), then tracker exports", () => {
    assert.deepEqual(backlogFileKind("file:///w/a.backlog.yaml", config), { format: "yaml", shapesOnly: false });
    assert.deepEqual(backlogFileKind("file:///w/specs/001-x/spec.md", config), { format: "markdown", shapesOnly: true });
    assert.deepEqual(backlogFileKind("file:///w/docs/stories/1.2.story.md", config), { format: "markdown", shapesOnly: false });
    assert.deepEqual(backlogFileKind("file:///w/exports/jira.csv", config), { format: "csv", shapesOnly: false });
    assert.deepEqual(backlogFileKind("file:///w/gh/open.json", config), { format: "github-issues", shapesOnly: false });
    assert.equal(backlogFileKind("file:///w/other/jira.csv", config), undefined);
    assert.equal(backlogFileKind("file:///w/specs/001-x/README.md", { markdownFiles: ["**/specs/*/*.md"] }), undefined);
    assert.equal(backlogFileKind("file:///w/specs/001-x/spec.md", { markdownFiles: [] }), undefined);
  });

  it("gives the globs to list and watch, relative ones at any folder, the Markdown defaults included", () => {
    assert.deepEqual(optedInGlobs(config), [
      "**/exports/*.csv",
      "**/abs/issues.json",
      "**/gh/*.json",
      "**/specs/*/spec.md",
      "**/docs/stories/*.md",
    ]);
    assert.deepEqual(optedInGlobs({ markdownFiles: [] }), []);
  });

  it("passes over names no glob can opt in before any glob is tried", () => {
    assert.ok(mayBeBacklog("spec.md") && mayBeBacklog("a.CSV") && mayBeBacklog("x.feature"));
    assert.ok(!mayBeBacklog("index.ts") && !mayBeBacklog("photo.png"));
  });
});
