// A huge or binary file gets one clear finding and leaves the server responsive for other files.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { countOf, openWithPreview, startTestClient, type TestClient } from "../support/lsp-client";

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

  it("publishes the top stories' findings first for a large backlog, then the whole analysis", async () => {
    // 2,000 stories (about 330 KB): every tenth lacks a benefit, and the last two repeat the second.
    const criteria = "    acceptance:\n      - Given a report, when I export it, then I get a file\n";
    const stories = Array.from({ length: 2_000 }, (_, i) =>
      i % 10 === 0
        ? `  - id: S-${i}\n    story: As a shopper, I want to see order ${i}.\n${criteria}`
        : `  - id: S-${i}\n    story: As a shopper, I want to export report ${i}, so that I can check the numbers.\n${criteria}`,
    );
    stories.push(stories[1] ?? "", stories[1] ?? "");
    const text = `product: Shop\nstories:\n${stories.join("")}`;
    assert.ok(text.length > 200_000);
    const uri = "file:///preview.backlog.yaml";
    const { first, second } = await openWithPreview(client, uri, text);
    // The first 300 stories (4 lines each) hold 30 without a benefit.
    assert.equal(countOf(first, "story-benefit"), 30, JSON.stringify(first.slice(0, 3)));
    assert.ok(first.every((d) => d.range.start.line < 2 + 300 * 4));
    assert.equal(countOf(first, "story-unique"), 0);
    // The whole file: 200 without a benefit, and the two repeats of the second story.
    assert.equal(countOf(second, "story-benefit"), 200);
    assert.ok(countOf(second, "story-unique") >= 2);
  });

  it("publishes a large plain list's top stories' findings first too, then the whole analysis", async () => {
    // 4,000 stories, one a line (about 270 KB): every tenth lacks a benefit, and the last two repeat the second.
    const lines = Array.from({ length: 4_000 }, (_, i) =>
      i % 10 === 0
        ? `As a shopper, I want to see order ${i}.`
        : `As a shopper, I want to export report ${i}, so that I can check the numbers.`,
    );
    lines.push(lines[1] ?? "", lines[1] ?? "");
    const text = `${lines.join("\n")}\n`;
    assert.ok(text.length > 200_000);
    const uri = "file:///preview.stories";
    const { first, second } = await openWithPreview(client, uri, text, "plaintext");
    // The first 300 stories (a line each) hold 30 without a benefit, and no duplicate yet.
    assert.equal(countOf(first, "story-benefit"), 30, JSON.stringify(first.slice(0, 3)));
    assert.ok(first.every((d) => d.range.start.line < 300));
    assert.equal(countOf(first, "story-unique"), 0);
    assert.equal(countOf(second, "story-benefit"), 400);
    assert.ok(countOf(second, "story-unique") >= 2);
  });

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
