// Edits that arrive while an analysis is pending supersede it: the server drops the stale work instead of
// queueing one analysis per keystroke, and what it publishes is for the latest text.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startTestClient, type TestClient } from "../support/lsp-client";

describe("superseded edits", () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => client.dispose());

  it("analyses a burst of edits once, for the last version", async () => {
    const uri = "file:///burst.backlog.yaml";
    // Small: its analysis is fast, so the edits are not debounced by its cost; they are dropped because they
    // stream in (see whenQuiet in server/start-server.ts), whatever the speed of the machine.
    const story = (i: number): string => `  - id: S-${i}\n    story: As a shopper, I want to pay with card ${i}, so that I get my goods.\n`;
    const base = `stories:\n${Array.from({ length: 30 }, (_, i) => story(i)).join("")}`;
    const opened = client.diagnostics(uri);
    await client.open(uri, base);
    await opened;

    const versions: number[] = [];
    const last = 21;
    const done = client.diagnostics(
      uri,
      (p) => {
        versions.push(p.version ?? -1);
        return p.version === last;
      },
      30_000,
    );
    let text = base;
    for (let v = 2; v <= last; v++) {
      // Each edit removes one more benefit: the last version lacks 20.
      text = text.replace(/, so that I get my goods\.\n/, ".\n");
      await client.change(uri, v, text);
    }
    const diagnostics = await done;
    assert.equal(diagnostics.filter((d) => d.code === "story-benefit").length, 20);
    assert.ok(
      versions.length < 20 && versions.every((v, i) => i === 0 || v > (versions[i - 1] ?? 0)),
      `a burst of 20 edits was analysed ${versions.length} times, in this order: ${versions.join(", ")}`,
    );
  });
});
