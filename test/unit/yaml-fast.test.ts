// The fast YAML reader must give exactly what the `yaml` library gives: same model, same findings, on any text.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseYamlFast, parseYamlWithLibrary } from "../../server/core/parse/yaml/fast";
import { FIXTURES, REPO_ROOT } from "../support/fixtures";
import { seededRandom } from "../support/random";
import { mutateYaml, randomBacklog } from "../support/yaml-variants";

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Asserts equality and returns which path the fast reader took. */
function assertSame(text: string, label: string): "fast" | "library" {
  const fast = parseYamlFast(text);
  const library = parseYamlWithLibrary(text);
  assert.deepStrictEqual(fast.backlog, library, `${label}\n${JSON.stringify(text)}`);
  return fast.path;
}

describe("the fast YAML reader", () => {
  it("equals the yaml library on every fixture and example", () => {
    const files = [...walk(FIXTURES), ...walk(join(REPO_ROOT, "examples"))].filter((f) => /\.ya?ml$/.test(f));
    assert.ok(files.length > 5);
    for (const file of files) assertSame(readFileSync(file, "utf8"), file);
  });

  it("reads the example backlog without the library", () => {
    assert.equal(parseYamlFast(readFileSync(join(REPO_ROOT, "examples", "checkout.backlog.yaml"), "utf8")).path, "fast");
  });

  it("reads the stories without the library when the header writes flow maps, and the header as the library does", () => {
    const story = (n: number): string => `  - id: S-${n}\n    story: As a shopper, I want to pay ${n}, so that I get my goods.\n`;
    const header = "product: Shop\nsprint:\n  goal: Pay faster\n  events:\n    - { name: Sprint Planning, duration: 4h }\n";
    for (const text of [
      `${header}stories:\n${story(1)}${story(2)}`,
      `personas: [shopper, { name: admin }]\nstories:\n${story(1)}# after\nproductGoal: Fast\n`,
      `sprint: { length: 2 weeks }\nstories:\n${story(1)}${story(2)}sprint2: [1, 2]\n`,
    ]) {
      assert.equal(assertSame(text, text), "fast", text);
      assert.equal(parseYamlFast(text).backlog.stories.length, text.split("  - id:").length - 1);
    }
    // A header the library would read otherwise alone (an anchor used by a story) is read with the whole file.
    assert.equal(assertSame(`base: &b { estimate: 3 }\nstories:\n${story(1)}`, "anchor"), "library");
  });

  it("equals the yaml library on 3,000 random backlogs", () => {
    const random = seededRandom(611);
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const text = randomBacklog(random, 1 + Math.floor(random() * 6));
      if (assertSame(text, `random backlog #${i}`) === "fast") fast++;
    }
    // Most generated files are in the subset; the point of the test is the equality, this keeps it honest.
    assert.ok(fast > 1500, `only ${fast} of 3000 took the fast path`);
  });

  it("equals the yaml library after 3,000 random edits", () => {
    const random = seededRandom(612);
    for (let i = 0; i < 3000; i++) {
      let text = randomBacklog(random, 1 + Math.floor(random() * 4));
      const rounds = 1 + Math.floor(random() * 3);
      for (let r = 0; r < rounds; r++) text = mutateYaml(text, random);
      assertSame(text, `mutated backlog #${i}`);
    }
  });

  it("types plain scalars by the YAML 1.2 core schema", () => {
    const values = [
      "~",
      "null",
      "NULL",
      "",
      "true",
      "False",
      "0x1F",
      "0o17",
      "-12",
      "+3",
      "1.5",
      "1.",
      ".5",
      "1e3",
      "-.inf",
      ".NaN",
      "1_000",
      "0b1",
      "012",
    ];
    const text = `stories:\n${values.map((v, i) => `  - id: S${i}\n    estimate: ${v}\n`).join("")}`;
    assert.equal(assertSame(text, "core schema"), "fast");
  });
});
