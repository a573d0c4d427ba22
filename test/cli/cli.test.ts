// The CLI over real files: every output format, exit codes, config, --fix round trips, the corpus, and agreement with the editor.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DiagnosticSeverity } from "vscode-languageserver/node";
import type { JsonReport } from "../../cli/format-json";
import type { SarifLog } from "../../cli/format-sarif";
import { lintFile } from "../../cli/lint";
import { VERSION } from "../../cli/version";
import { FIXTURES, REPO_ROOT } from "../support/fixtures";
import { startTestClient } from "../support/lsp-client";
import { runCapturedCli } from "../support/cli-run";

const CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "dalpiaz");
const FORMATS_DIR = join(FIXTURES, "formats");

const run = runCapturedCli;

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "backlog-coach-cli-"));
  temps.push(dir);
  return dir;
}
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  contributes: {
    problemMatchers: {
      name: string;
      pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number };
    }[];
  };
};

describe("backlog-coach lint: output formats", () => {
  const inputs = ["--no-config", "examples", "test/fixtures/formats"];

  it("text lines are exactly what the manifest's problem matcher reads, and agree with the JSON output", async () => {
    const text = await run(inputs);
    const json = JSON.parse((await run([...inputs, "--format", "json"])).stdout) as JsonReport;
    const matcher = manifest.contributes.problemMatchers.find((m) => m.name === "backlog-coach");
    assert.ok(matcher, "package.json has the backlog-coach problem matcher");
    const re = new RegExp(matcher.pattern.regexp);
    const lines = text.stdout.trimEnd().split("\n");
    const expected = json.files.flatMap((f) =>
      f.problems.map((p) => [f.path, String(p.line), String(p.column), p.severity, p.ruleId, p.message]),
    );
    assert.ok(expected.length > 10, "the sample files have problems to show");
    assert.deepEqual(
      lines.map((line) => {
        const m = re.exec(line);
        assert.ok(m, `the problem matcher reads: ${line}`);
        const p = matcher.pattern;
        return [m[p.file], m[p.line], m[p.column], m[p.severity], m[p.code], m[p.message]];
      }),
      expected,
    );
    // Every format of the issue is found in a folder, with its own name.
    assert.deepEqual([...new Set(json.files.map((f) => f.format))].sort(), ["gherkin", "markdown", "plain", "yaml"]);
    assert.match(text.stderr, /files checked/);
  });

  it("SARIF has what GitHub code scanning requires", async () => {
    const { stdout, code } = await run([...inputs, "-f", "sarif"]);
    assert.equal(code, 1);
    const log = JSON.parse(stdout) as SarifLog;
    assert.equal(log.version, "2.1.0");
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run0 = log.runs[0];
    assert.ok(run0);
    const driver = run0.tool.driver;
    assert.equal(driver.name, "backlog-coach");
    assert.equal(driver.version, VERSION);
    const ids = driver.rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, "rule ids are unique");
    for (const r of driver.rules) {
      assert.ok(r.shortDescription.text.length > 0 && /^https:\/\//.test(r.helpUri), r.id);
      assert.ok(["error", "warning", "note"].includes(r.defaultConfiguration.level));
    }
    assert.equal(run0.columnKind, "utf16CodeUnits");
    assert.ok(run0.originalUriBaseIds["%SRCROOT%"]?.uri.startsWith("file://"));
    assert.ok(run0.results.length > 10);
    for (const r of run0.results) {
      assert.ok(r.ruleIndex !== undefined && driver.rules[r.ruleIndex]?.id === r.ruleId, "ruleIndex points at the rule");
      assert.ok(["error", "warning", "note"].includes(r.level));
      assert.ok(r.message.text.length > 0);
      assert.equal(r.locations.length, 1);
      const loc = r.locations[0]?.physicalLocation;
      assert.ok(loc);
      assert.ok(!/^[a-z]+:|^\/|\\/.test(loc.artifactLocation.uri), "a relative URI with forward slashes");
      assert.equal(loc.artifactLocation.uriBaseId, "%SRCROOT%");
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      assert.ok(
        loc.region.endLine > loc.region.startLine ||
          (loc.region.endLine === loc.region.startLine && loc.region.endColumn >= loc.region.startColumn),
      );
      assert.ok(Object.values(r.partialFingerprints).every((v) => v.length > 0));
    }
  });

  it("GitHub annotations escape their properties and message", async () => {
    const { stdout } = await run([...inputs, "--format=github"]);
    const lines = stdout.trimEnd().split("\n");
    assert.ok(lines.length > 10);
    for (const line of lines)
      assert.match(
        line,
        /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=backlog-coach [a-z-]+::[^\r\n]+$/,
      );
    assert.ok(lines.some((l) => l.startsWith("::error file=examples/checkout.stories,line=8,col=1,")));
  });

  it("stats counts stories and findings per rule", async () => {
    const { stdout, code } = await run([
      "stats",
      "--no-config",
      "--format",
      "json",
      "test/fixtures/formats/list.stories",
      "test/fixtures/formats/checkout.stories.md",
    ]);
    assert.equal(code, 0);
    const stats = JSON.parse(stdout) as {
      stories: number;
      wellFormed: number;
      withBenefit: number;
      withCriteria: number;
      criteriaApplicable: number;
      byRule: { ruleId: string; findings: number }[];
    };
    assert.equal(stats.stories, 8);
    assert.equal(stats.wellFormed, 6);
    assert.equal(stats.withCriteria, 2);
    assert.equal(stats.criteriaApplicable, 3);
    assert.equal(stats.byRule.find((r) => r.ruleId === "story-well-formed")?.findings, 2);
    assert.match((await run(["stats", "--no-config", "examples"])).stdout, /^\d+ files, \d+ stories\n/);
  });
});

describe("backlog-coach lint: exit codes and messages", () => {
  it("0 for a clean file, 1 for errors, 1 for too many warnings", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ok.stories"), "As a shopper, I want to pay by card, so that I can leave quickly.\n");
    writeFileSync(join(dir, "bad.stories"), "I want a report of stored cards.\n");
    writeFileSync(join(dir, "warn.stories"), "As a shopper, I want to pay by card.\n");
    assert.equal((await run(["lint", "ok.stories"], dir)).code, 0);
    assert.equal((await run(["lint", "bad.stories"], dir)).code, 1);
    assert.equal((await run(["lint", "warn.stories"], dir)).code, 0);
    const strict = await run(["lint", "warn.stories", "--max-warnings", "0"], dir);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /more than --max-warnings 0/);
    assert.equal((await run(["lint", "warn.stories", "--max-warnings", "1"], dir)).code, 0);
  });

  it("2 with a clear message for an unknown option, a bad value, a missing file, an unreadable file or an unknown format", async () => {
    const dir = tempDir();
    symlinkSync(join(dir, "gone"), join(dir, "dangling.stories"));
    writeFileSync(join(dir, "notes.rtf"), "x");
    const cases: [string[], RegExp][] = [
      [["lint", "--fxi"], /Unknown option '--fxi'/],
      [["lint", "--format", "xml", "."], /--format must be one of text, stylish, json, sarif, github/],
      [["lint", "--max-warnings", "many", "."], /--max-warnings needs a whole number/],
      [["lint", "missing.stories"], /No such file or folder: missing\.stories/],
      [["lint", "dangling.stories"], /No such file or folder: dangling\.stories/],
      [["lint", "notes.rtf"], /Cannot tell the format of notes\.rtf/],
      [["lint", "*.backlog.yaml"], /No backlog files match/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv, dir);
      assert.equal(r.code, 2, argv.join(" "));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    }
  });

  it("2 when a file named on the command line cannot be read", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.stories"), "As a shopper, I want to pay by card, so that I can leave.\n");
    // A folder given a story list's name reads as a folder; a FIFO or a permission error is platform-specific,
    // so the unreadable file is simulated through the one function that reads files.
    const result = lintFile({ path: join(dir, "nope.stories"), display: "nope.stories", format: "plain" }, {}, false);
    assert.match(result.error ?? "", /^Cannot read nope\.stories: ENOENT/);
  });

  it("--help and --version", async () => {
    const help = await run(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: backlog-coach/);
    assert.match(help.stdout, /--max-warnings/);
    assert.deepEqual(await run(["--version"]), { code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });
});

describe("backlog-coach lint: files and config", () => {
  it("reads a named folder of *.txt exports as plain lists, but not *.txt beside backlog files", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.txt"), "I want a report of stored cards.\n");
    const r = await run(["lint", "--no-config", "-f", "json", "."], dir);
    assert.deepEqual(
      (JSON.parse(r.stdout) as JsonReport).files.map((f) => [f.path, f.format]),
      [["a.txt", "plain"]],
    );
    writeFileSync(join(dir, "b.stories"), "As a shopper, I want to pay by card, so that I can leave.\n");
    const both = JSON.parse((await run(["lint", "--no-config", "-f", "json", "."], dir)).stdout) as JsonReport;
    assert.deepEqual(
      both.files.map((f) => f.path),
      ["b.stories"],
    );
    const forced = JSON.parse((await run(["lint", "--no-config", "-f", "json", "--type", "plain", "."], dir)).stdout) as JsonReport;
    assert.deepEqual(
      forced.files.map((f) => f.path),
      ["a.txt", "b.stories"],
    );
  });

  it("applies the nearest .backlog-coach.yaml above the current folder", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".backlog-coach.yaml"), "rules:\n  story-benefit: off\n");
    const sub = join(dir, "sub");
    mkdirSync(sub);
    writeFileSync(join(sub, "a.stories"), "As a shopper, I want to pay by card.\n");
    assert.doesNotMatch((await run(["lint", "a.stories"], sub)).stdout, /story-benefit/);
    assert.match((await run(["lint", "--no-config", "a.stories"], sub)).stdout, /story-benefit/);
  });

  it("2 when the config fails its schema, naming the file, line and problem", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".backlog-coach.yaml"), "rules:\n  story-benefti: off\n");
    writeFileSync(join(dir, "a.stories"), "As a shopper, I want to pay by card, so that I can leave.\n");
    const r = await run(["lint", "a.stories"], dir);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /\.backlog-coach\.yaml is not valid:\n {2}\.backlog-coach\.yaml:2:3 There is no rule 'story-benefti': did you mean 'story-benefit'\?/,
    );
    assert.equal((await run(["lint", "-c", "missing.yaml", "a.stories"], dir)).code, 2);
  });

  it("--fix applies the safe fixes and leaves every other byte as it was", async () => {
    const dir = tempDir();
    const original =
      "\uFEFF# exported\r\nAs a shopper, I want to pay, so that I leave.\r\nAs a shopper, I want to save a card, so that I pay later.\r\n" +
      "As a shopper, I want to see orders, so that I check them.\r\nAs a shopper, I want to get receipts, so that I file them.\r\n" +
      "As a shopper, I would like to rate items, so that others learn.\r\nI want a report.";
    writeFileSync(join(dir, "u.stories"), original);
    const fixed = await run(["lint", "--fix", "u.stories"], dir);
    const after = readFileSync(join(dir, "u.stories"), "utf8");
    assert.equal(after, original.replace("I would like to rate", "I want to rate"));
    assert.match(fixed.stderr, /1 fixed/);
    // What is left is reported, and a second run changes nothing.
    assert.equal(fixed.code, 1);
    assert.match(fixed.stdout, /^u\.stories:7:1 error story-well-formed /m);
    // The template phrase is fixed; the story without a role is still told that most stories name theirs.
    assert.doesNotMatch(fixed.stdout, /^u\.stories:6:\d+ \w+ story-uniform/m);
    assert.match(fixed.stdout, /^u\.stories:7:1 info story-uniform Most stories here name their role/m);
    await run(["lint", "--fix", "u.stories"], dir);
    assert.equal(readFileSync(join(dir, "u.stories"), "utf8"), after);
  });

  it("--fix leaves a Markdown file byte-identical when it has no safe fix", async () => {
    const dir = tempDir();
    copyFileSync(join(FORMATS_DIR, "checkout-crlf.stories.md"), join(dir, "c.stories.md"));
    await run(["lint", "--fix", "c.stories.md"], dir);
    assert.ok(readFileSync(join(dir, "c.stories.md")).equals(readFileSync(join(FORMATS_DIR, "checkout-crlf.stories.md"))));
  });
});

describe("backlog-coach lint: the Dalpiaz corpus", () => {
  it("lints every file without a crash or a rule failure", async (t) => {
    if (!existsSync(CORPUS)) {
      t.skip(`corpus folder ${CORPUS} is absent (see ../shared/corpus/dalpiaz/README.md)`);
      return;
    }
    const r = await run(["lint", "--no-config", "-f", "json", CORPUS]);
    assert.doesNotMatch(r.stderr, /failed|internal error/);
    assert.ok(r.code === 0 || r.code === 1);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.files.length, 22);
    assert.ok(report.files.every((f) => f.format === "plain"));
    // 1,680 lines, of which 3 are an epic heading and two continuation lines (README of the corpus).
    assert.equal(
      report.files.reduce((n, f) => n + f.stories, 0),
      1677,
    );
  });
});

describe("backlog-coach lint agrees with the editor", () => {
  const SEVERITY = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint,
  };
  const files = [
    "test/fixtures/formats/list-crlf.stories.txt",
    "test/fixtures/formats/checkout.stories.md",
    "examples/checkout.backlog.yaml",
  ];
  for (const file of files) {
    it(`same problems as the language server's diagnostics for ${file}`, async () => {
      const cli = JSON.parse((await run(["lint", "--no-config", "-f", "json", file])).stdout) as JsonReport;
      const fromCli = (cli.files[0]?.problems ?? []).map((p) => [
        p.line - 1,
        p.column - 1,
        p.endLine - 1,
        p.endColumn - 1,
        p.ruleId,
        SEVERITY[p.severity],
        p.message,
      ]);
      assert.ok(fromCli.length > 0);
      const client = await startTestClient();
      try {
        const uri = `file:///workspace/${file}`;
        const published = client.diagnostics(uri);
        await client.open(
          uri,
          readFileSync(join(REPO_ROOT, file), "utf8"),
          file.endsWith(".md") ? "markdown" : file.endsWith(".yaml") ? "yaml" : "backlog-stories",
        );
        const fromLsp = (await published).map((d) => [
          d.range.start.line,
          d.range.start.character,
          d.range.end.line,
          d.range.end.character,
          d.code,
          d.severity,
          (typeof d.message === "string" ? d.message : d.message.value).replace(/\s*[\r\n]+\s*/g, " "),
        ]);
        assert.deepEqual(fromCli, fromLsp);
      } finally {
        await client.dispose();
      }
    });
  }
});

describe("the installed command (bin/backlog-coach.js over dist/cli.js)", () => {
  it("runs the bundle with the same exit codes", (t) => {
    if (!existsSync(join(REPO_ROOT, "dist", "cli.js"))) {
      t.skip("dist/cli.js is missing: run `npm run build` first");
      return;
    }
    const bin = join(REPO_ROOT, "bin", "backlog-coach.js");
    const version = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    assert.equal(version.stdout, `${VERSION}\n`);
    const lint = spawnSync(process.execPath, [bin, "lint", "--no-config", "examples/checkout.stories"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    assert.equal(lint.status, 1);
    assert.match(lint.stdout, /^examples\/checkout\.stories:8:1 error story-well-formed /m);
    assert.equal(spawnSync(process.execPath, [bin, "lint", "--nope"], { encoding: "utf8" }).status, 2);
  });

  it("compiles the bundle with the code cache the build made for it, and without one that does not fit it", (t) => {
    if (!existsSync(join(REPO_ROOT, "dist", "cli.js"))) {
      t.skip("dist/cli.js is missing: run `npm run build` first");
      return;
    }
    // In a process of its own: V8 keeps what it compiled, and a second load of the same source in one process would
    // come from there whatever the cache held.
    const cacheState = (bin: string): string =>
      spawnSync(process.execPath, ["-e", "process.stdout.write(require(process.argv[1]).loadCli().cache)", bin], {
        encoding: "utf8",
      }).stdout;
    assert.equal(cacheState(join(REPO_ROOT, "bin", "backlog-coach.js")), "used", "the build writes dist/cli.cache for its bundle");
    // A copy of the tool, whose cache each case replaces: the command's output must not depend on the cache.
    const tool = tempDir();
    mkdirSync(join(tool, "bin"));
    mkdirSync(join(tool, "dist"));
    copyFileSync(join(REPO_ROOT, "bin", "backlog-coach.js"), join(tool, "bin", "backlog-coach.js"));
    copyFileSync(join(REPO_ROOT, "dist", "cli.js"), join(tool, "dist", "cli.js"));
    const lint = (bin: string): string =>
      spawnSync(process.execPath, [bin, "lint", "--no-config", "--format", "json", "examples"], { cwd: REPO_ROOT, encoding: "utf8" })
        .stdout;
    const expected = lint(join(REPO_ROOT, "bin", "backlog-coach.js"));
    assert.match(expected, /"ruleId": "story-well-formed"/);
    const cache = readFileSync(join(REPO_ROOT, "dist", "cli.cache"));
    const header = cache.indexOf("\n") + 1;
    const cases: [string, Buffer | undefined][] = [
      ["absent", undefined],
      // Made for another bundle: a source of the same length would pass V8's own check, so the hash decides.
      ["stale", Buffer.concat([Buffer.from(`${"0".repeat(64)}\n`), cache.subarray(header)])],
      ["rejected", Buffer.concat([cache.subarray(0, header), Buffer.from("not V8's code cache")])],
      ["used", cache],
    ];
    for (const [state, bytes] of cases) {
      rmSync(join(tool, "dist", "cli.cache"), { force: true });
      if (bytes) writeFileSync(join(tool, "dist", "cli.cache"), bytes);
      assert.equal(cacheState(join(tool, "bin", "backlog-coach.js")), state);
      assert.equal(lint(join(tool, "bin", "backlog-coach.js")), expected, `the same findings with the cache ${state}`);
    }
  });
});

describe("backlog-coach: hostile trees and arguments (issue #18)", () => {
  const STORY = "As a shopper, I want to pay by card so that I get my goods.\n";

  it("reports a folder inside the tree that cannot be read, checks the rest, and exits 2", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.stories"), STORY);
    mkdirSync(join(dir, "locked"));
    writeFileSync(join(dir, "locked", "b.stories"), STORY);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "locked"), 0o000);
    try {
      // root reads every folder whatever its mode (CI runs as root): the bundled command then runs as nobody,
      // from a copy nobody can read wherever the repository lives.
      const asRoot = process.getuid?.() === 0;
      const tool = join(dir, "tool");
      if (asRoot) {
        mkdirSync(join(tool, "bin"), { recursive: true });
        mkdirSync(join(tool, "dist"));
        copyFileSync(join(REPO_ROOT, "bin", "backlog-coach.js"), join(tool, "bin", "backlog-coach.js"));
        copyFileSync(join(REPO_ROOT, "dist", "cli.js"), join(tool, "dist", "cli.js"));
        for (const d of [tool, join(tool, "bin"), join(tool, "dist")]) chmodSync(d, 0o755);
      }
      const result = asRoot
        ? spawnSync(process.execPath, [join(tool, "bin", "backlog-coach.js"), "--no-config", dir], {
            uid: 65534,
            gid: 65534,
            cwd: dir,
            encoding: "utf8",
          })
        : { ...(await run(["--no-config", dir])), status: undefined };
      const code = "code" in result ? result.code : result.status;
      assert.equal(code, 2, result.stderr);
      assert.match(result.stderr, /Cannot read the folder .*locked: EACCES: permission denied/);
      assert.doesNotMatch(result.stderr, /EACCES: EACCES/);
      assert.match(result.stderr, /1 file checked/);
    } finally {
      chmodSync(join(dir, "locked"), 0o755);
    }
  });

  it("checks a file reached through two symlinked folders once, and ends a symlink loop", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "a.stories"), "As a shopper, I want to pay by card.\n");
    symlinkSync(join(dir, "real"), join(dir, "alias"));
    symlinkSync(dir, join(dir, "real", "loop"));
    const result = await run(["--no-config", "--format", "json", dir]);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.files.length, 1, report.files.map((f) => f.path).join(", "));
    assert.equal(report.files[0]?.problems.filter((p) => p.ruleId === "story-benefit").length, 1);
  });

  it("refuses a FIFO named on the command line instead of waiting on it for ever", async () => {
    const dir = tempDir();
    const fifo = join(dir, "pipe.stories");
    const made = spawnSync("mkfifo", [fifo]);
    if (made.status !== 0) return;
    const result = await run(["--no-config", fifo]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /is not a regular file or folder/);
  });

  it("says why --fix leaves a file that is not valid UTF-8, and counts none of its findings as fixable", async () => {
    const dir = tempDir();
    const file = join(dir, "latin.backlog.yaml");
    const bytes = Buffer.concat([
      Buffer.from("stories:\n  - story: As a shopper, want to pay by card, so that I get my goods.\n    notes: caf"),
      Buffer.from([0xe9]),
      Buffer.from("\n"),
    ]);
    writeFileSync(file, bytes);
    const json = JSON.parse((await run(["--no-config", "--format", "json", file])).stdout) as JsonReport;
    const problems = json.files[0]?.problems ?? [];
    assert.ok(problems.some((p) => p.ruleId === "story-well-formed"));
    assert.ok(problems.every((p) => !p.fixable));
    const fixed = await run(["--no-config", "--fix", file]);
    assert.match(fixed.stderr, /latin\.backlog\.yaml is not valid UTF-8: --fix leaves it unchanged/);
    assert.match(fixed.stderr, /0 fixed/);
    assert.ok(readFileSync(file).equals(bytes));
  });

  it("says what --max-warnings needs for a negative value", async () => {
    const result = await run(["--max-warnings", "-1", "examples"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--max-warnings needs a whole number of 0 or more, not '-1'/);
  });

  it("ends a did-you-mean message with its question mark only", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".backlog-coach.yaml"), "rules:\n  story-benefti: off\n");
    writeFileSync(join(dir, "a.stories"), STORY);
    const result = await run([dir], dir);
    assert.match(result.stderr, /There is no rule 'story-benefti': did you mean 'story-benefit'\?\n/);
  });
});
