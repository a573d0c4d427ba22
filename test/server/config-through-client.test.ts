// The server as it runs in a web worker: no file system, so the workspace's .backlog-coach.yaml comes from the
// client (backlogCoach/readConfigFile); a virtual workspace folder (github.dev's vscode-vfs:) is read the same way.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT } from "../support/fixtures";
import { startTestClient } from "../support/lsp-client";

const FOLDER = "vscode-vfs://github/acme/shop";
const CONFIG_URI = `${FOLDER}/.backlog-coach.yaml`;
const URI = `${FOLDER}/checkout.backlog.yaml`;
const SAMPLE = readFileSync(join(REPO_ROOT, "examples", "checkout.backlog.yaml"), "utf8");

async function findingsWith(files: ReadonlyMap<string, string>) {
  const client = await startTestClient({ workspaceFolder: FOLDER, clientFiles: files });
  try {
    // The server publishes the config file's diagnostics (none for a valid file) once it has read it, which it
    // does when initialized: the backlog opened after that is checked with the file's settings.
    const config = await client.diagnostics(CONFIG_URI);
    const published = client.diagnostics(URI);
    await client.open(URI, SAMPLE);
    return { backlog: await published, config };
  } finally {
    await client.dispose();
  }
}

describe("config file read through the client (web worker)", () => {
  it("applies the folder's .backlog-coach.yaml that the client handed over", async () => {
    const defaults = await findingsWith(new Map());
    assert.ok(
      defaults.backlog.some((d) => d.code === "story-benefit"),
      "without a config file story-benefit reports",
    );
    assert.deepEqual(defaults.config, [], "no file: nothing to report on it");

    const configured = await findingsWith(new Map([[CONFIG_URI, "rules:\n  story-benefit: off\n  criteria-missing: info\n"]]));
    assert.ok(!configured.backlog.some((d) => d.code === "story-benefit"), "story-benefit is off");
    const criteria = configured.backlog.filter((d) => d.code === "criteria-missing");
    assert.ok(criteria.length > 0);
    assert.ok(
      criteria.every((d) => d.severity === 3),
      "criteria-missing is lowered to info",
    );
  });

  it("reports a broken entry of that file as a diagnostic on its virtual uri", async () => {
    const { config } = await findingsWith(new Map([[CONFIG_URI, "rules:\n  story-benfit: off\n"]]));
    assert.equal(config.length, 1);
    assert.equal(config[0]?.code, "config-file");
    assert.match(JSON.stringify(config[0]?.message), /story-benefit/, "the nearest rule id is suggested");
  });

  it("offers the suggested rule id as a quick fix on that diagnostic", async () => {
    const client = await startTestClient({
      workspaceFolder: FOLDER,
      clientFiles: new Map([[CONFIG_URI, "rules:\n  story-benfit: off\n"]]),
    });
    try {
      const [diagnostic] = await client.diagnostics(CONFIG_URI);
      assert.ok(diagnostic);
      const actions = (await client.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri: CONFIG_URI },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as { title: string; edit?: { changes?: Record<string, { newText: string; range: unknown }[]> } }[];
      assert.deepEqual(
        actions.map((a) => [a.title, a.edit?.changes?.[CONFIG_URI]?.[0]?.newText]),
        [["Change to 'story-benefit'", "story-benefit"]],
      );
      assert.deepEqual(actions[0]?.edit?.changes?.[CONFIG_URI]?.[0]?.range, diagnostic.range);
    } finally {
      await client.dispose();
    }
  });
});
