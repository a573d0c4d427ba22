// `backlog-coach lint` over several files applies the editor's cross-file rules to them: ids unique across the
// files, a dependsOn naming a story of another file is known, a story written in two files is a duplicate.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../cli/main";

const ROOT = join(__dirname, "..", "..", "..");

async function lint(...inputs: string[]): Promise<{ code: number; lines: string[] }> {
  let stdout = "";
  const code = await runCli(["lint", "--no-config", ...inputs], { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: ROOT });
  return { code, lines: stdout.trim().split("\n").filter(Boolean) };
}

/** `path:line rule-id` of each text line, the column and message left out. */
const brief = (lines: readonly string[]): string[] =>
  lines.map((l) => {
    const m = /^(.+?):(\d+):\d+ \w+ ([a-z-]+) /.exec(l);
    return m ? `${m[1]?.split("/").slice(-1)[0]}:${m[2]} ${m[3]}` : l;
  });

describe("backlog-coach lint across files", () => {
  it("reports ids and stories that two files share, and resolves dependsOn into the other file", async () => {
    const { code, lines } = await lint("test/fixtures/workspace");
    assert.equal(code, 0, lines.join("\n"));
    assert.deepEqual(brief(lines), [
      "checkout.backlog.yaml:13 story-id",
      "checkout.backlog.yaml:20 story-unique",
      "payments.backlog.yaml:10 story-id",
      "payments.backlog.yaml:17 story-unique",
    ]);
    assert.match(lines[0] ?? "", /'CHK-1' is used in test\/fixtures\/workspace\/payments\/payments\.backlog\.yaml too/);
  });

  it("checks one file alone when it is the only one named: its dependsOn into the other file is then unknown", async () => {
    const { code, lines } = await lint("test/fixtures/workspace/payments/payments.backlog.yaml");
    assert.equal(code, 1);
    assert.deepEqual(brief(lines), ["payments.backlog.yaml:9 depends-on"]);
  });
});
