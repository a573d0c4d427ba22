// A huge or binary file gets one clear finding and leaves the server responsive for other files.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startTestClient, type TestClient } from "../support/lsp-client";

describe("huge and binary files", () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => client.dispose());

  for (const megabytes of [6, 50]) {
    it(`says a ${megabytes} MB backlog is too large to check, and still answers for a small one`, async () => {
      const story = "  - story: As a shopper, I want to pay, so that I get my goods.\n";
      const huge = `stories:\n${story.repeat(Math.ceil((megabytes * 1_000_000) / story.length))}`;
      const uri = `file:///big-${megabytes}.backlog.yaml`;
      const published = client.diagnostics(uri);
      await client.open(uri, huge);
      const diagnostics = await published;
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]?.code, "file-not-checked");
      assert.match(String(diagnostics[0]?.message), /not checked/);

      const small = `file:///small-${megabytes}.backlog.yaml`;
      const next = client.diagnostics(small);
      await client.open(small, "stories:\n  - story: As a shopper, I want to pay.\n");
      assert.ok((await next).some((d) => d.code === "story-benefit"));
    });
  }

  it("says a binary file is not text", async () => {
    const uri = "file:///oops.stories";
    const published = client.diagnostics(uri);
    await client.open(uri, "\u0000\u0001PNG\u0000".repeat(100), "backlog-stories");
    const diagnostics = await published;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ["file-not-checked"],
    );
  });
});
