// `--format stylish` groups problems per file as ESLint does, agreeing with the one-line text format; `stats` counts
// in the singular for one and names what each share is out of.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { templateOf } from "../../client/backlog-templates";

import { runCapturedCli, type CliRun } from "../support/cli-run";

const run = (argv: string[]): Promise<CliRun> => runCapturedCli(argv);

describe("backlog-coach lint --format stylish", () => {
  const inputs = ["--no-config", "examples"];

  it("names each file once, then its problems in aligned columns, as the text format has them", async () => {
    const text = await run(inputs);
    const stylish = await run([...inputs, "--format", "stylish"]);
    assert.equal(stylish.code, text.code);
    const expected = new Map<string, string[]>();
    for (const line of text.stdout.trimEnd().split("\n")) {
      const m = /^(.+?):(\d+):(\d+) (\w+) ([a-z0-9-]+) (.*)$/.exec(line);
      assert.ok(m, line);
      const [, file = "", l, c, severity = "", ruleId = "", message = ""] = m;
      expected.set(file, [...(expected.get(file) ?? []), `${l}:${c}|${severity}|${message}|${ruleId}`]);
    }
    const blocks = stylish.stdout.trimEnd().split("\n\n");
    const footer = blocks.pop() ?? "";
    assert.deepEqual(
      blocks.map((b) => b.split("\n")[0]),
      [...expected.keys()],
    );
    for (const block of blocks) {
      const [file = "", ...rows] = block.split("\n");
      const cells = rows.map((row) => {
        const m = /^ {2}( *\d+:\d+) {2}(\w+ *) {2}(.*?) {2,}([a-z0-9-]+)$/.exec(row);
        assert.ok(m, `a stylish row: ${JSON.stringify(row)}`);
        return m;
      });
      // Aligned: every row's columns start at the same place.
      for (const i of [1, 2] as const) assert.equal(new Set(cells.map((m) => m[i]?.length)).size, 1, `column ${i} of ${file}`);
      assert.deepEqual(
        cells.map((m) => `${m[1]?.trim()}|${m[2]?.trim()}|${m[3]}|${m[4]}`),
        expected.get(file),
      );
    }
    const total = [...expected.values()].flat();
    const count = (s: string) => total.filter((row) => row.split("|")[1] === s).length;
    assert.equal(footer, `✖ ${total.length} problems (${count("error")} errors, ${count("warning")} warnings, ${count("info")} info)`);
  });

  it("prints nothing for a clean file, and says what --fix can fix", async () => {
    const dir = mkdtempSync(join(tmpdir(), "backlog-coach-stylish-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, templateOf("yaml").fileName);
    writeFileSync(file, templateOf("yaml").text);
    const clean = await run(["--no-config", "--format", "stylish", file]);
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, "");
    const fixable = await run(["--no-config", "--format", "stylish", "test/fixtures/rules/story-uniform/plurality.stories"]);
    assert.match(fixable.stdout, /\n {2}\d+ problems? potentially fixable with the `--fix` option\.\n$/);
  });
});

describe("backlog-coach stats: wording", () => {
  it('says "1 file" in the singular', async () => {
    const { stdout } = await run(["stats", "--no-config", "examples/checkout.backlog.yaml"]);
    assert.match(stdout, /^1 file, 4 stories\n/);
  });

  it("names the denominator of each share", async () => {
    const { stdout } = await run(["stats", "--no-config", "examples"]);
    // examples/ holds a Spec Kit spec.md (3 stories) and a BMAD story file (1, its status "Approved": ready).
    assert.match(stdout, /^6 files, 17 stories\n/);
    assert.match(stdout, /\| well formed \(role and means\) \| 14 \| 17 stories \| 82\.4 % \|/);
    assert.match(
      stdout,
      /\| with acceptance criteria \| 8 \| 12 stories in YAML, Markdown and Gherkin \(a plain list holds no criteria\) \| 66\.7 % \|/,
    );
    assert.match(stdout, /\| ready \(status ready, well formed, with criteria\) \| 3 \| 5 stories in YAML or with a status \| 60\.0 % \|/);
    assert.match(stdout, /\| rule \| severity \| findings \| stories flagged \| share of the 17 stories \|/);
  });
});
