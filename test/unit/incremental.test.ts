// The incremental analyser must return exactly what a full analysis returns, after any sequence of edits.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { IncrementalAnalyzer } from "../../server/core/incremental";
import { layoutOf, relayout } from "../../server/core/parse/yaml-fast";
import { REPO_ROOT } from "../support/fixtures";
import { pick, seededRandom } from "../support/random";
import { mutateYaml, randomBacklog } from "../support/yaml-variants";

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
});
