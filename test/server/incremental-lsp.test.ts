// Over a real LSP connection, diagnostics after a run of edits equal those of the same text opened fresh.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startTestClient, type TestClient } from "../support/lsp-client";
import { seededRandom } from "../support/random";
import { randomBacklog } from "../support/yaml-variants";

describe("incremental updates over LSP", () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => client.dispose());

  it("publishes, for every edited version, what a fresh open of that text publishes", async () => {
    const random = seededRandom(77);
    let text = randomBacklog(random, 15);
    const uri = "file:///edited.backlog.yaml";
    const opened = client.diagnostics(uri);
    await client.open(uri, text);
    await opened;
    for (let version = 2; version < 16; version++) {
      const at = Math.floor(random() * text.length);
      text = random() < 0.5 ? `${text.slice(0, at)}x${text.slice(at)}` : text.slice(0, at) + text.slice(at + 1);
      const published = client.diagnostics(uri, (d) => d.version === version);
      await client.change(uri, version, text);
      const edited = await published;
      const freshUri = `file:///fresh-${version}.backlog.yaml`;
      const fresh = client.diagnostics(freshUri);
      await client.open(freshUri, text);
      // Related places name their document; apart from that the two must be identical.
      assert.equal(JSON.stringify(edited).replaceAll(uri, freshUri), JSON.stringify(await fresh), `version ${version}`);
    }
  });
});
