// The incremental analyser must return exactly what a full analysis returns, after any sequence of edits.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { BacklogDocument } from "../../server/backlog-document";
import { analyzeBacklog, type Analysis } from "../../server/core/analyze";
import { IncrementalAnalyzer } from "../../server/core/incremental";
import { layoutOf, relayout } from "../../server/core/parse/yaml/layout";
import { formatOfFileName } from "../../server/core/file-patterns";
import { FIXTURES, REPO_ROOT, fixtureFiles } from "../support/fixtures";
import { pick, seededRandom } from "../support/random";
import { mutateYaml, randomBacklog } from "../support/yaml-variants";
import { generateBacklog, generateJiraExport } from "../../scripts/bench-generate";
import { generateFeature } from "../../scripts/bench-gherkin";
import type { CoachConfig } from "../../server/core/config";
import type { BacklogFormat } from "../../server/core/model";

/** A typing-like edit: insert or delete a few characters, or retype a line, somewhere in one story. */
function edit(text: string, random: () => number): string {
  const r = random();
  if (r < 0.6) {
    const at = Math.floor(random() * (text.length + 1));
    return r < 0.35
      ? text.slice(0, at) + pick(random, ["x", " ", "so that ", "\n", "e"]) + text.slice(at)
      : text.slice(0, at) + text.slice(at + 1);
  }
  return mutateYaml(text, random);
}

/** Typing inside a story's sentence or criteria: a character or a word inserted or deleted on one of its lines. */
function typeInStory(text: string, random: () => number): string {
  // Past the key or the dash: typing there changes what the story says, not the YAML around it.
  const lines = [...text.matchAll(/^( {4}story: | {6}- )(.+)$/gm)];
  const line = lines[Math.floor(random() * lines.length)];
  if (!line) return text;
  const at = (line.index ?? 0) + (line[1] ?? "").length + 1 + Math.floor(random() * ((line[2] ?? "").length - 1));
  return random() < 0.6
    ? text.slice(0, at) + pick(random, ["x", " ", "and ", "so that ", "e", ","]) + text.slice(at)
    : text.slice(0, at) + text.slice(at + 1);
}

/** An analysis without its backlog's fix encoder and record writer (functions, made anew by each reading): what is compared. */
function comparable(analysis: Analysis): unknown {
  const { encodeFinding, storiesAfter, ...backlog } = analysis.backlog;
  return { ...analysis, backlog: { ...backlog, encodes: encodeFinding !== undefined, writesRecords: storiesAfter !== undefined } };
}

describe("incremental analysis", () => {
  it("equals a full analysis after 2,000 seeded random edits", () => {
    const random = seededRandom(4242);
    let sessions = 0;
    for (let s = 0; s < 40; s++) {
      const analyzer = new IncrementalAnalyzer("yaml");
      let text = randomBacklog(random, 3 + Math.floor(random() * 20));
      sessions++;
      for (let e = 0; e < 50; e++) {
        // Editing whatever is there, broken or not, like a user does; sometimes a fresh file is pasted.
        text = random() < 0.02 ? randomBacklog(random, 5) : edit(text, random);
        assert.deepStrictEqual(analyzer.analyze(text), analyzeBacklog(text, "yaml"), `session ${s}, edit ${e}\n${JSON.stringify(text)}`);
      }
    }
    assert.equal(sessions, 40);
  });

  it("relays out exactly as a full scan after 3,000 random edits", () => {
    const random = seededRandom(31);
    let text = randomBacklog(random, 30);
    for (let e = 0; e < 3000; e++) {
      const next = random() < 0.01 ? randomBacklog(random, 30) : edit(text, random);
      const before = layoutOf(text);
      if (before) {
        let prefix = 0;
        while (prefix < Math.min(text.length, next.length) && text[prefix] === next[prefix]) prefix++;
        let suffix = 0;
        while (suffix < Math.min(text.length, next.length) - prefix && text[text.length - 1 - suffix] === next[next.length - 1 - suffix])
          suffix++;
        assert.deepStrictEqual(relayout(next, before, text.length, prefix, suffix), layoutOf(next), `edit ${e}`);
      }
      text = next;
    }
  });

  it("equals a full analysis when typing into a document kept in a buffer, without making its text one string", () => {
    const random = seededRandom(5150);
    let analyses = 0;
    let withoutText = 0;
    for (let s = 0; s < 30; s++) {
      const analyzer = new IncrementalAnalyzer("yaml");
      // Mostly the typing the fast path is for (a clean backlog, edits inside its stories), some of anything.
      const messy = s % 3 === 2;
      let text = messy ? randomBacklog(random, 3 + Math.floor(random() * 20)) : generateBacklog(20 + Math.floor(random() * 30), s);
      // Some documents with characters beyond Latin-1, which the buffer keeps in UTF-16.
      if (s % 3 === 1) text = text.replace("product: Checkout", "product: Checkout 日本 😀");
      const document = BacklogDocument.create("file:///t.backlog.yaml", "yaml", 1, text);
      // Every way to the whole text goes through getText (toString too).
      let wholeTexts = 0;
      const getText = document.getText.bind(document);
      document.getText = (range) => {
        if (!range) wholeTexts++;
        return getText(range);
      };
      for (let e = 0; e < 60; e++) {
        // Counted over the edits and the analysis: neither may make the text one string on the fast path.
        const before = wholeTexts;
        // One to three edits between analyses, sent as LSP range changes, as an editor sends what was typed.
        for (let k = 0, n = 1 + Math.floor(random() * 3); k < n; k++) {
          const next = messy ? edit(text, random) : typeInStory(text, random);
          let prefix = 0;
          while (prefix < Math.min(text.length, next.length) && text[prefix] === next[prefix]) prefix++;
          let suffix = 0;
          while (suffix < Math.min(text.length, next.length) - prefix && text[text.length - 1 - suffix] === next[next.length - 1 - suffix])
            suffix++;
          // An editor never puts a position between "\r" and "\n" (LSP reads it as the line's end): widen the range.
          if (prefix > 0 && text[prefix - 1] === "\r" && text[prefix] === "\n") prefix--;
          if (suffix > 0 && text[text.length - suffix - 1] === "\r" && text[text.length - suffix] === "\n") suffix--;
          const range = { start: document.positionAt(prefix), end: document.positionAt(text.length - suffix) };
          BacklogDocument.update(document, [{ range, text: next.slice(prefix, next.length - suffix) }], document.version + 1);
          text = next;
        }
        const analysis = analyzer.analyzeSource(document, document.takeEdit());
        analyses++;
        if (wholeTexts === before) withoutText++;
        const expected = analyzeBacklog(text, "yaml");
        const { source, ...backlog } = { ...analysis.backlog };
        assert.ok(source === undefined || source === document);
        const where = `session ${s}, edit ${e}\n${JSON.stringify(text)}`;
        assert.deepStrictEqual({ ...analysis, backlog }, expected, where);
      }
    }
    // Most typing lands inside a story and is analysed from the pieces it touched.
    assert.ok(withoutText > analyses / 2, `${withoutText} of ${analyses} analyses went without the whole text`);
  });

  it("equals the yaml library's analysis after edits", () => {
    const random = seededRandom(99);
    const analyzer = new IncrementalAnalyzer("yaml");
    let text = randomBacklog(random, 30);
    for (let e = 0; e < 300; e++) {
      text = edit(text, random);
      assert.deepStrictEqual(analyzer.analyze(text), analyzeBacklog(text, "yaml", {}, undefined, { yaml: "library" }), `edit ${e}`);
    }
  });

  it("follows config changes and the example file", () => {
    const text = readFileSync(join(REPO_ROOT, "examples", "checkout.backlog.yaml"), "utf8");
    const analyzer = new IncrementalAnalyzer("yaml");
    assert.deepStrictEqual(analyzer.analyze(text), analyzeBacklog(text, "yaml"));
    const config = { rules: { "story-benefit": "off" as const }, maxFindings: 2 };
    assert.deepStrictEqual(analyzer.analyze(text, config), analyzeBacklog(text, "yaml", config));
    const edited = text.replace("save my card", "save my card now");
    assert.deepStrictEqual(analyzer.analyze(edited, config), analyzeBacklog(edited, "yaml", config));
  });

  it("analyses other formats in full", () => {
    const analyzer = new IncrementalAnalyzer("plain");
    const text = "As a user, I want to log in, so that I see my data.\nI want things\n";
    assert.deepStrictEqual(analyzer.analyze(text), analyzeBacklog(text, "plain"));
  });

  it("keeps the rule results of unchanged Markdown and plain stories, with the results of a full analysis after every edit", () => {
    const random = seededRandom(20261201);
    const files = [
      ...fixtureFiles(join(REPO_ROOT, "examples")),
      ...fixtureFiles(join(FIXTURES, "formats")),
      ...fixtureFiles(join(FIXTURES, "rules")).flatMap(fixtureFiles),
    ].flatMap((f) => {
      const format = formatOfFileName(f);
      return format === "markdown" || format === "plain" ? [{ format, text: readFileSync(f, "utf8") }] : [];
    });
    assert.ok(files.length >= 5);
    const snippets = [
      "x",
      "\n",
      " and ",
      ", so that I can ",
      "As a clerk, I want ",
      "---\npersonas: [clerk]\n---\n",
      "## S-9 ",
      "- Given a, when b, then c\n",
      "",
    ];
    for (const { format, text: original } of files) {
      const analyzer = new IncrementalAnalyzer(format);
      let text = original;
      assert.deepStrictEqual(analyzer.analyze(text), analyzeBacklog(text, format));
      for (let e = 0; e < 40; e++) {
        const at = Math.floor(random() * (text.length + 1));
        const cut = random() < 0.4 ? Math.floor(random() * 12) : 0;
        text = text.slice(0, at) + pick(random, snippets) + text.slice(at + cut);
        const config = random() < 0.1 ? { rules: { "story-benefit": "off" as const } } : {};
        assert.deepStrictEqual(analyzer.analyze(text, config), analyzeBacklog(text, format, config), `${format} edit ${e}`);
      }
    }
  });

  it("equals a full analysis after random edits in CSV exports, GitHub issues and feature files", () => {
    const random = seededRandom(20261214);
    const formatOf = (file: string): BacklogFormat | undefined =>
      file.endsWith(".csv")
        ? "csv"
        : file.endsWith(".json")
          ? "github-issues"
          : formatOfFileName(file) === "gherkin"
            ? "gherkin"
            : undefined;
    const files = [
      ...fixtureFiles(join(REPO_ROOT, "examples")),
      ...fixtureFiles(join(FIXTURES, "trackers")),
      ...fixtureFiles(join(FIXTURES, "editors")),
      ...fixtureFiles(join(FIXTURES, "rules")).flatMap(fixtureFiles),
    ].flatMap((file) => {
      const format = formatOf(file);
      return format ? [{ file, format, text: readFileSync(file, "utf8") }] : [];
    });
    const counts = new Map<BacklogFormat, number>();
    for (const { format } of files) counts.set(format, (counts.get(format) ?? 0) + 1);
    assert.ok(
      (counts.get("csv") ?? 0) >= 4 && (counts.get("github-issues") ?? 0) >= 2 && (counts.get("gherkin") ?? 0) >= 4,
      JSON.stringify([...counts]),
    );
    const snippets: Readonly<Record<string, readonly string[]>> = {
      csv: [
        "x",
        '"',
        '""',
        ",",
        "\r\n",
        "\n",
        "Story",
        "Bug",
        "As a clerk, I want ",
        ", so that I can ",
        "\r\nAs a clerk, I want a,CHK-9,Story\r\n",
        "",
      ],
      "github-issues": ["x", '"', "\\n", "{", "}", ",", "\\n## Acceptance criteria\\n- [ ] it is done", "As a clerk, I want ", ""],
      gherkin: [
        "x",
        "\n",
        '"""',
        "@tag ",
        "  Scenario: more\n",
        "    Then it is done\n",
        "When ",
        "  Rule: r\n",
        "Examples:\n",
        "| a |",
        "# c",
        "",
      ],
    };
    const mapping: CoachConfig = { csv: { columns: { id: "Key", story: "Text", criteria: "AC", estimate: "Points", status: "State" } } };
    let edits = 0;
    for (const { file, format, text: original } of files) {
      const config: CoachConfig = file.endsWith("mapped.csv") ? mapping : {};
      const analyzer = new IncrementalAnalyzer(format);
      let text = original;
      assert.deepStrictEqual(comparable(analyzer.analyze(text, config)), comparable(analyzeBacklog(text, format, config)));
      for (let e = 0; e < 60; e++) {
        // Mostly typing in one place; now and then a cut of a few characters, or another config.
        const at = Math.floor(random() * (text.length + 1));
        const cut = random() < 0.3 ? Math.floor(random() * 8) : 0;
        text = text.slice(0, at) + pick(random, snippets[format] ?? [""]) + text.slice(at + cut);
        const now = random() < 0.1 ? { ...config, rules: { "story-benefit": "off" as const } } : config;
        assert.deepStrictEqual(
          comparable(analyzer.analyze(text, now)),
          comparable(analyzeBacklog(text, format, now)),
          `${file} edit ${e}\n${JSON.stringify(text)}`,
        );
        edits++;
      }
    }
    assert.ok(edits >= 600);
  });

  it("re-reads only the edited scenario of a large feature file, broken lines included, as a full analysis reads it", () => {
    const random = seededRandom(1414);
    const analyzer = new IncrementalAnalyzer("gherkin");
    let text = generateFeature(60);
    assert.deepStrictEqual(analyzer.analyze(text), analyzeBacklog(text, "gherkin"));
    const snippets = [
      "x",
      "e",
      " ",
      "\n",
      "When ",
      "Then it works correctly",
      '"""',
      "@tag",
      "Scenario: more",
      "| a |",
      "Rule: r",
      "Examples:",
      "",
    ];
    let kept = 0;
    for (let e = 0; e < 300; e++) {
      // A fresh file now and then: typing at random soon breaks more lines than anyone leaves broken.
      if (e % 15 === 0) text = generateFeature(60);
      const before = analyzer.analyze(text).backlog.stories[0]?.acceptance?.[0];
      // Mostly within a scenario's lines (past the header), sometimes anywhere.
      const lines = [...text.matchAll(/^ {6}\S.*$/gm)];
      const line = pick(random, lines);
      const at =
        random() < 0.9 && line ? (line.index ?? 0) + Math.floor(random() * (line[0].length + 1)) : Math.floor(random() * text.length);
      const cut = random() < 0.3 ? Math.floor(random() * 6) : 0;
      text = text.slice(0, at) + pick(random, snippets) + text.slice(at + cut);
      const after = analyzer.analyze(text);
      assert.deepStrictEqual(after, analyzeBacklog(text, "gherkin"), `edit ${e}\n${JSON.stringify(text)}`);
      if (before && after.backlog.stories[0]?.acceptance?.[0] === before) kept++;
    }
    // The first scenario's criterion is kept as it was whenever an edit further down was read alone.
    assert.ok(kept > 100, `${kept} edits read alone`);
  });

  it("reads only the edited record of a CSV export: the other rows keep their story objects", () => {
    const analyzer = new IncrementalAnalyzer("csv");
    const text = generateJiraExport(40);
    const before = analyzer.analyze(text).backlog.stories;
    const at = text.indexOf("I want to ", text.indexOf("CHK-21,") - 200);
    const edited = text.slice(0, at) + "x" + text.slice(at);
    const after = analyzer.analyze(edited);
    assert.deepStrictEqual(comparable(after), comparable(analyzeBacklog(edited, "csv")));
    const changed = after.backlog.stories.filter((story, k) => story !== before[k]);
    assert.equal(changed.length, 1);
    assert.ok((changed[0]?.span.start ?? 0) <= at && at <= (changed[0]?.span.end ?? 0));
  });

  it("keeps the story objects of unchanged plain stories, moved to their new place, and reads the edited one", () => {
    const analyzer = new IncrementalAnalyzer("plain");
    const file = "As a clerk, I want to file a claim, so that I am paid.";
    const close = "As a clerk, I want to close a claim, so that it is done.";
    const before = analyzer.analyze(`${file}\n${close}\n`).backlog.stories[0];
    const text = `# claims\nAs a clerk, I want to see all claims.\n${file}\n${close}\n`;
    const after = analyzer.analyze(text);
    assert.deepStrictEqual(after, analyzeBacklog(text, "plain"));
    // The comment above the stories changed their surroundings, which story rules may read: every story was
    // checked again (the results equal a full analysis), but one whose text is unchanged was not read again.
    assert.strictEqual(after.backlog.stories[1], before);
    const edited = text.replace("see all claims", "see my claims");
    const again = analyzer.analyze(edited);
    assert.deepStrictEqual(again, analyzeBacklog(edited, "plain"));
    assert.strictEqual(again.backlog.stories[1], after.backlog.stories[1]);
    assert.strictEqual(again.backlog.stories[2], after.backlog.stories[2]);
    assert.notStrictEqual(again.backlog.stories[0], after.backlog.stories[0]);
    // A story moved by the edit above it is where the new text has it.
    const moved = analyzer.analyze(edited.replace("see my claims", "see claims")).backlog.stories[2];
    assert.strictEqual(moved?.sentence?.span.start, edited.replace("see my claims", "see claims").indexOf(close));
  });

  it("reads only the edited item of a YAML backlog, as a string or a buffer: the other stories keep their objects", () => {
    const text = generateBacklog(40);
    const middle = text.indexOf("I want to", text.indexOf("  - id: CHK-20\n"));
    const typed = (t: string, k: number): string => t.slice(0, middle + k) + "x" + t.slice(middle + k);
    // Through a string, then through a document kept in a buffer (the server's way), then a string again.
    const analyzer = new IncrementalAnalyzer("yaml");
    const first = analyzer.analyze(text).backlog.stories.slice();
    const second = analyzer.analyze(typed(text, 0));
    assert.deepStrictEqual(second, analyzeBacklog(typed(text, 0), "yaml"));
    const edited = second.backlog.stories.findIndex((s) => s.id?.text === "CHK-20");
    second.backlog.stories.forEach((story, k) => (k === edited ? assert.notStrictEqual : assert.strictEqual)(story, first[k]));
    const kept = second.backlog.stories.slice();
    const document = BacklogDocument.create("file:///t.backlog.yaml", "yaml", 1, typed(text, 0));
    const source = new IncrementalAnalyzer("yaml");
    source.analyzeSource(document, document.takeEdit());
    const before = source.analyzeSource(document, { start: 0, oldEnd: 0, newEnd: 0 }).backlog.stories.slice();
    const at = document.positionAt(middle + 1);
    BacklogDocument.update(document, [{ range: { start: at, end: at }, text: "x" }], 2);
    const third = source.analyzeSource(document, document.takeEdit());
    assert.strictEqual(third.backlog.source, document, "read from the buffer, not made one string");
    const backlog = Object.fromEntries(Object.entries(third.backlog).filter(([key]) => key !== "source"));
    assert.deepStrictEqual({ ...third, backlog }, analyzeBacklog(typed(typed(text, 0), 1), "yaml"));
    third.backlog.stories.forEach((story, k) => (k === edited ? assert.notStrictEqual : assert.strictEqual)(story, before[k]));
    // A story whose text is unchanged but that now stands elsewhere in its list (the last item, then followed by
    // a new one) is read again: a middle item is read with the next item's dash.
    const appended = `${typed(text, 0)}  - id: CHK-41\n    story: As a shopper, I want to pay.\n`;
    const fourth = analyzer.analyze(appended);
    assert.deepStrictEqual(fourth, analyzeBacklog(appended, "yaml"));
    assert.strictEqual(fourth.backlog.stories[0], kept[0]);
    assert.notStrictEqual(fourth.backlog.stories[39], kept[39]);
  });

  it("checks every story again when the front matter changes, without reading their unchanged text again", () => {
    const analyzer = new IncrementalAnalyzer("markdown");
    const stories =
      "## S-1 Pay\n\nAs a shoppr, I want to pay by card, so that I get my goods.\n\n## S-2 Track\n\nAs a clerk, I want to see open orders, so that I can ship them.\n";
    const first = analyzer.analyze(`---\npersonas: [shopper]\n---\n${stories}`);
    assert.ok(first.findings.some((f) => f.ruleId === "story-role-persona" && f.storyIndex === 0));
    const text = `---\npersonas: [shoppr, clerk]\n---\n${stories}`;
    const second = analyzer.analyze(text);
    assert.deepStrictEqual(second, analyzeBacklog(text, "markdown"));
    assert.ok(!second.findings.some((f) => f.ruleId === "story-role-persona" && f.storyIndex === 0));
    assert.strictEqual(second.backlog.stories[0], first.backlog.stories[0]);
  });

  it("follows the share of Given/When/Then criteria as edits move it across the style's threshold", () => {
    const analyzer = new IncrementalAnalyzer("markdown");
    const story = (i: number, criterion: string) =>
      `## S-${i} Pay ${i}\n\nAs a shopper, I want to pay with card ${i}, so that I get my goods.\n\n### Acceptance criteria\n\n- ${criterion}\n\n`;
    const steps = "Given a cart, when I pay, then I get a receipt";
    const texts = [
      [steps, steps, steps, "The receipt is mailed"],
      [steps, "The card is charged", steps, "The receipt is mailed"],
      [steps, steps, steps, "The receipt is mailed"],
      [steps, steps, steps, steps],
    ].map((criteria) => criteria.map((c, i) => story(i, c)).join(""));
    const counts: number[] = [];
    for (const text of texts) {
      const analysis = analyzer.analyze(text);
      assert.deepStrictEqual(analysis, analyzeBacklog(text, "markdown"));
      counts.push(analysis.findings.filter((f) => f.ruleId === "criteria-gherkin-style").length);
    }
    // Required at 3 of 4, not at 2 of 4, required again, and nothing left to report at 4 of 4.
    assert.deepEqual(counts, [1, 0, 1, 0]);
  });

  it("suggests the nearest id for a dangling dependsOn after the ids change, as a full analysis does", () => {
    const analyzer = new IncrementalAnalyzer("yaml");
    const backlog = (ids: string[]) =>
      `stories:\n${ids.map((id) => `  - id: ${id}\n    story: As a shopper, I want to pay ${id}, so that I get my goods.\n    dependsOn: [S-3]\n`).join("")}`;
    for (const ids of [
      ["S-1", "S-2"],
      ["T-1", "S-2"],
      ["T-1", "T-2"],
      ["T-1", "S-4"],
      ["S-3", "S-4"],
    ]) {
      const text = backlog(ids);
      const incremental = analyzer.analyze(text);
      assert.deepStrictEqual(incremental, analyzeBacklog(text, "yaml"), ids.join(", "));
    }
  });
});
