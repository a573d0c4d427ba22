// Issue #15, the sidebar you act from: what the server gives it (every finding with its story, the readiness of the
// next stories, the Sprint's load, the workspace's health per file and in total).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import { HealthRequest, WorkspaceHealthRequest, type BacklogHealth, type WorkspaceHealth } from "../../server/protocol";
import { BacklogLanguageService } from "../../server/service";
import { startTestClient } from "../support/lsp-client";

const FIXTURES = join(__dirname, "..", "..", "..", "test", "fixtures");
const SPRINT = readFileSync(join(FIXTURES, "sidebar", "sprint.backlog.yaml"), "utf8");

function healthOf(text: string): BacklogHealth {
  const service = new BacklogLanguageService();
  service.update("file:///w/sprint.backlog.yaml", text, 1);
  const health = service.health("file:///w/sprint.backlog.yaml");
  assert.ok(health);
  return health;
}

describe("the health the sidebar acts from", () => {
  it("lists every finding with its place, its story's id, title and status, and whether a quick fix exists", () => {
    const health = healthOf(SPRINT);
    const atomic = health.findings?.find((f) => f.ruleId === "story-atomic");
    assert.deepEqual(
      atomic && { story: atomic.story, title: atomic.title, status: atomic.status, fixable: atomic.fixable, line: atomic.line },
      {
        story: "CB-2",
        title: "Search orders",
        status: "ready",
        fixable: true,
        line: SPRINT.split("\n").findIndex((l) => l.includes("search and filter")),
      },
    );
    const role = health.findings?.find((f) => f.ruleId === "story-well-formed");
    assert.equal(role?.story, "CB-3");
    assert.equal(role?.fixable, false);
    assert.equal(
      health.findings?.length,
      health.findingsBySeverity.error + health.findingsBySeverity.warning + health.findingsBySeverity.info + health.findingsBySeverity.hint,
    );
    assert.equal(health.worstStories.find((s) => s.label === "CB-3")?.title, "Remove a card");
  });

  it("gives the next stories in rank order with their readiness", () => {
    assert.deepEqual(
      healthOf(SPRINT).nextStories?.map((s) => [s.label, s.rank, s.readiness]),
      [
        // CB-2 says ready but has no criteria; CB-1 is ready; CB-3 is a draft.
        ["CB-2", "1", "claimed"],
        ["CB-1", "2", "ready"],
        ["CB-3", "3", "notReady"],
      ],
    );
  });

  it("gives the Sprint's stories with their estimates against its capacity, and says which id no story has", () => {
    assert.deepEqual(healthOf(SPRINT).sprint, {
      capacity: 10,
      stories: [
        { label: "CB-1", title: "Save a card", estimate: 5, found: true },
        { label: "CB-2", title: "Search orders", estimate: 8, found: true },
        { label: "CB-9", found: false },
      ],
    });
    assert.equal(healthOf(SPRINT.replace(/ {2}capacity: 10\n {2}stories: .*\n/, "")).sprint, undefined);
  });
});

describe("the workspace's health over LSP", () => {
  it("counts every file, unopened ones from the workspace check and open ones live, in total too", async () => {
    const folder = join(FIXTURES, "workspace");
    const folders = ["checkout", "payments"].map((name) => ({ uri: pathToFileURL(join(folder, name)).href, name }));
    const client = await startTestClient({ workspaceFolders: folders });
    try {
      const payments = `${folders[1]?.uri ?? ""}/payments.backlog.yaml`;
      await client.diagnosticsEventually(payments, (d) => d.length > 0);
      let health: WorkspaceHealth = await client.connection.sendRequest(WorkspaceHealthRequest, {});
      assert.deepEqual(health.files.map((f) => [f.fileName, f.open]).sort(), [
        ["checkout/checkout.backlog.yaml", false],
        ["payments/payments.backlog.yaml", false],
      ]);
      assert.equal(health.total.files, 2);
      assert.equal(
        health.total.stories,
        health.files.reduce((n, f) => n + f.stories, 0),
      );
      assert.ok(health.total.stories > 0);
      // Opened with a new error, the file counts with its live text.
      const checkout = `${folders[0]?.uri ?? ""}/checkout.backlog.yaml`;
      const text = readFileSync(new URL(checkout), "utf8");
      const opened = client.diagnostics(checkout);
      await client.open(checkout, `${text}  - story: Payment page.\n`);
      await opened;
      health = await client.connection.sendRequest(WorkspaceHealthRequest, {});
      const open = health.files.find((f) => f.open);
      const live: BacklogHealth = await client.connection.sendRequest(HealthRequest, { uri: checkout });
      assert.equal(open?.fileName, "checkout/checkout.backlog.yaml");
      assert.deepEqual(open?.findingsBySeverity, live.findingsBySeverity);
      assert.equal(health.files.length, 2, "the open file is not counted twice");
      assert.equal(health.files[0]?.fileName, "checkout/checkout.backlog.yaml", "the file with an error comes first");
    } finally {
      await client.dispose();
    }
  });
});
