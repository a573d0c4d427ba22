// Neovim's built-in LSP client against the bundled server over stdio: a second editor that must see the same findings.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { EDITOR_FIXTURE_FILE, EDITOR_FIXTURE_FOLDER, EXPECTED_FINDINGS, FIXTURE_RULES, HOVER_TERM } from "../support/editor-fixture";
import { REPO_ROOT, createSandbox, runProcess } from "../support/editor-harness";

const SERVER = join(REPO_ROOT, "dist", "server.js");
const SCRIPT = join(REPO_ROOT, "test", "neovim", "print-diagnostics.lua");

interface NeovimDiagnostic {
  line: number;
  col: number;
  severity: number;
  code: string;
  source: string;
  message: string;
  href?: string;
}

function neovimVersion(): string | undefined {
  const result = spawnSync("nvim", ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.split("\n")[0] : undefined;
}

const version = neovimVersion();
const skip = version ? false : "nvim is not installed (apt-get install neovim, or run bash scripts/ensure-tools.sh as root)";

describe(`Neovim (${version ?? "absent"}) as an LSP client`, { skip }, () => {
  it("shows the server's diagnostics and hover for a backlog file", { timeout: 60_000 }, async () => {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run npm run build first`);
    const sandbox = createSandbox("neovim");
    try {
      const workspace = sandbox.copyFolder(EDITOR_FIXTURE_FOLDER, "workspace");
      const env = {
        ...sandbox.env,
        BACKLOG_COACH_SERVER: SERVER,
        BACKLOG_COACH_NODE: process.execPath,
        BACKLOG_COACH_HOVER_TERM: HOVER_TERM,
        BACKLOG_COACH_TIMEOUT_MS: "20000",
      };
      const { code, output } = await runProcess("nvim", ["--headless", "--clean", "-c", `luafile ${SCRIPT}`, EDITOR_FIXTURE_FILE], {
        env,
        cwd: workspace,
        timeoutMs: 45_000,
      });
      assert.equal(code, 0, `nvim exited with ${String(code)}:\n${output}`);
      const jsonLine = output.split("\n").find((line) => line.startsWith("{"));
      assert.ok(jsonLine, `no JSON line in nvim's output:\n${output}`);
      const seen = JSON.parse(jsonLine) as { diagnostics: NeovimDiagnostic[]; hover: string | null };

      assert.deepEqual(
        seen.diagnostics
          .filter((d) => FIXTURE_RULES.has(d.code))
          .map((d) => ({ line: d.line, character: d.col, code: d.code, severity: d.severity })),
        EXPECTED_FINDINGS,
      );
      for (const d of seen.diagnostics) {
        assert.equal(d.source, "backlog-coach");
        assert.ok(d.message.length > 10, `a real message for ${d.code}: ${d.message}`);
        assert.match(d.href ?? "", new RegExp(`${d.code}`), `the docs link of ${d.code} names its rule`);
      }
      assert.equal(typeof seen.hover, "string", "a hover for the Scrum event");
      assert.match(seen.hover ?? "", new RegExp(HOVER_TERM));
      assert.ok((seen.hover ?? "").length > HOVER_TERM.length + 20, `the hover explains the term: ${String(seen.hover)}`);
    } finally {
      sandbox.dispose();
    }
  });
});
