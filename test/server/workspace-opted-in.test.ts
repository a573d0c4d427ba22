// The workspace check over LSP for the files the user opts in by glob (tracker exports, spec and story Markdown):
// checked unopened, across files, in the sidebar's workspace health, re-checked on change, forgotten when un-opted.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import type { Diagnostic } from "vscode-languageserver/node";
import { CheckWorkspaceRequest, WorkspaceHealthRequest, type CheckWorkspaceResult, type WorkspaceHealth } from "../../server/protocol";
import { REPO_ROOT } from "../support/fixtures";
import { startTestClient, type TestClient } from "../support/lsp-client";

const code = (d: Diagnostic): string => `${String(d.code)}/${(d.data as { messageId: string }).messageId}`;

/** One GitHub issue as `gh issue list --json number,title,body,labels,state` prints it. */
const issue = (number: number, title: string, body: string): object => ({ number, title, body, labels: [], state: "OPEN" });

const OPTED_IN = ["trackerFiles:", "  csv: [exports/*.csv]", "  github-issues: ['**/issues.json']", ""].join("\n");

/**
 * A workspace with the repo's own examples: a Jira export and two repositories' issue exports opted in by the config
 * file, a Spec Kit spec.md at the default Markdown glob, a YAML backlog that refers into the export, and files
 * outside every glob (a CSV elsewhere, a README).
 */
function makeWorkspace(): { root: string; folder: string; uri: (path: string) => string } {
  const root = mkdtempSync(join(tmpdir(), "backlog-coach-optin-"));
  for (const dir of ["exports", "other", "specs/001-checkout", "web", "api"]) mkdirSync(join(root, dir), { recursive: true });
  copyFileSync(join(REPO_ROOT, "examples", "jira-export.csv"), join(root, "exports", "jira.csv"));
  copyFileSync(join(REPO_ROOT, "examples", "jira-export.csv"), join(root, "other", "notes.csv"));
  copyFileSync(join(REPO_ROOT, "examples", "specs", "001-checkout", "spec.md"), join(root, "specs", "001-checkout", "spec.md"));
  writeFileSync(join(root, "README.md"), "# Shop\n\nAs a visitor, I want a page, so that I know things.\n");
  // Two repositories' exports, each with its own issue #12 (a different story): not one id used twice.
  const body = (means: string): string =>
    `As a maintainer, I want ${means}, so that releases are predictable.\n\n## Acceptance criteria\n\n- [ ] Given a release branch, when the job runs, then it reports within five minutes`;
  writeFileSync(join(root, "web", "issues.json"), JSON.stringify([issue(12, "Nightly build", body("a nightly build of the web app"))]));
  writeFileSync(join(root, "api", "issues.json"), JSON.stringify([issue(12, "Schema diff", body("a schema diff on each API change"))]));
  writeFileSync(
    join(root, "plan.backlog.yaml"),
    [
      "stories:",
      "  - id: CHK-13",
      "    story: As a warehouse clerk, I want to print a packing slip for an order, so that parcels hold the right items.",
      "    acceptance:",
      "      - Given a paid order, when I print its slip, then the slip lists each item with its quantity",
      '    dependsOn: [CHK-12, "#12"]',
      "",
    ].join("\n"),
  );
  writeFileSync(join(root, ".backlog-coach.yaml"), OPTED_IN);
  const folder = pathToFileURL(root).href;
  return { root, folder, uri: (path) => `${folder}/${path}` };
}

describe("the workspace check of files opted in by glob", () => {
  let ws: ReturnType<typeof makeWorkspace>;
  let client: TestClient;
  before(async () => {
    ws = makeWorkspace();
    client = await startTestClient({ workspaceFolders: [{ uri: ws.folder, name: "shop" }] });
  });
  after(async () => {
    await client.dispose();
    rmSync(ws.root, { recursive: true, force: true });
  });

  it("publishes the problems of an unopened opted-in Jira export, an id shared with a YAML backlog among them", async () => {
    const diagnostics = await client.diagnosticsEventually(ws.uri("exports/jira.csv"), (d) => d.some((x) => x.code === "story-id"));
    const duplicate = diagnostics.find((d) => code(d) === "story-id/duplicateInWorkspace");
    assert.match(String(duplicate?.message ?? ""), /'CHK-13' is used in plan\.backlog\.yaml/);
    // It lands on CHK-13's row (line 3: the first row's criteria cell runs over two lines).
    assert.equal(duplicate?.range.start.line, 3);
    assert.ok(diagnostics.length > 1, "the story rules' findings come with it");
  });

  it("publishes the problems of an unopened Spec Kit spec.md read by its shape", async () => {
    const diagnostics = await client.diagnosticsEventually(ws.uri("specs/001-checkout/spec.md"), (d) => d.length > 0);
    // User Story 2 asks for two things ("remove a saved card and export my order history").
    assert.ok(
      diagnostics.some((d) => d.code === "story-atomic"),
      diagnostics.map(code).join(", "),
    );
  });

  it("resolves a dependsOn into the export by its Jira key, and not '#12', which is an issue number per repository", async () => {
    const diagnostics = await client.diagnosticsEventually(ws.uri("plan.backlog.yaml"), (d) => d.some((x) => x.code === "depends-on"));
    const dependsOn = diagnostics.filter((d) => d.code === "depends-on");
    assert.equal(dependsOn.length, 1, dependsOn.map((d) => d.message).join(" | "));
    assert.match(String(dependsOn[0]?.message ?? ""), /'#12'/);
  });

  it("does not call #12 of two repositories' exports one id used twice", async () => {
    const result = await client.connection.sendRequest<CheckWorkspaceResult>(CheckWorkspaceRequest, {});
    assert.equal(result.files, 5, "plan.backlog.yaml, exports/jira.csv, specs/001-checkout/spec.md and two issues.json");
    for (const path of ["web/issues.json", "api/issues.json"]) {
      const diagnostics = await client.diagnosticsEventually(ws.uri(path), () => true);
      assert.ok(!diagnostics.some((d) => code(d) === "story-id/duplicateInWorkspace"), `${path}: ${diagnostics.map(code).join(", ")}`);
    }
  });

  it("lists them in the sidebar's workspace health, and not the files outside the globs", async () => {
    const health = await client.connection.sendRequest<WorkspaceHealth>(WorkspaceHealthRequest, {});
    assert.deepEqual(health.files.map((f) => f.fileName).sort(), [
      "api/issues.json",
      "exports/jira.csv",
      "plan.backlog.yaml",
      "specs/001-checkout/spec.md",
      "web/issues.json",
    ]);
    const csv = health.files.find((f) => f.fileName === "exports/jira.csv");
    assert.ok((csv?.stories ?? 0) >= 4, "the Jira export's story rows count");
    assert.equal(client.published(ws.uri("other/notes.csv")).length, 0, "a CSV outside the globs stays unchecked");
    assert.equal(client.published(ws.uri("README.md")).length, 0, "a README is never a backlog");
  });

  it("re-checks an opted-in file that changed on disk", async () => {
    const path = join(ws.root, "web", "issues.json");
    writeFileSync(path, "[ {");
    const changed = client.diagnostics(ws.uri("web/issues.json"), (p) =>
      p.diagnostics.some((d) => /not valid JSON/.test(String(d.message))),
    );
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: ws.uri("web/issues.json"), type: 2 }] });
    await changed;
  });

  it("clears the files no longer opted in when the config file changes, and checks those newly opted in", async () => {
    const csvCleared = client.diagnostics(ws.uri("exports/jira.csv"), (p) => p.diagnostics.length === 0);
    const specCleared = client.diagnostics(ws.uri("specs/001-checkout/spec.md"), (p) => p.diagnostics.length === 0);
    const notesChecked = client.diagnostics(ws.uri("other/notes.csv"), (p) => p.diagnostics.length > 0);
    writeFileSync(join(ws.root, ".backlog-coach.yaml"), "trackerFiles:\n  csv: [other/*.csv]\nmarkdownFiles: []\n");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: ws.uri(".backlog-coach.yaml"), type: 2 }],
    });
    await Promise.all([csvCleared, specCleared, notesChecked]);
    const health = await client.connection.sendRequest<WorkspaceHealth>(WorkspaceHealthRequest, {});
    assert.deepEqual(health.files.map((f) => f.fileName).sort(), ["other/notes.csv", "plan.backlog.yaml"]);
  });
});

describe("the workspace check of opted-in files through the client (the browser server)", () => {
  it("lists and reads an opted-in export and spec through the client, and leaves the rest", async () => {
    const { readFileSync } = await import("node:fs");
    const folder = "vscode-test-web://mount/shop";
    const clientFiles = new Map([
      [`${folder}/.backlog-coach.yaml`, OPTED_IN],
      [`${folder}/exports/jira.csv`, readFileSync(join(REPO_ROOT, "examples", "jira-export.csv"), "utf8")],
      [`${folder}/other/notes.csv`, readFileSync(join(REPO_ROOT, "examples", "jira-export.csv"), "utf8")],
      [`${folder}/specs/001-checkout/spec.md`, readFileSync(join(REPO_ROOT, "examples", "specs", "001-checkout", "spec.md"), "utf8")],
    ]);
    const client = await startTestClient({ workspaceFolders: [{ uri: folder, name: "shop" }], clientFiles });
    try {
      // The start-up check, once the config file is read through the client.
      assert.ok((await client.diagnosticsEventually(`${folder}/exports/jira.csv`, (d) => d.length > 0)).length > 0);
      assert.ok((await client.diagnosticsEventually(`${folder}/specs/001-checkout/spec.md`, (d) => d.length > 0)).length > 0);
      assert.equal(client.published(`${folder}/other/notes.csv`).length, 0);
    } finally {
      await client.dispose();
    }
  });
});
