// Gherkin .feature files: the narrative in any order, scenarios as criteria, dialects, bad lines, exact offsets.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";
import { applyEdits, editsOfFixes } from "../../server/core/apply-edits";
import type { Span } from "../../server/core/model";
import { parseGherkinStories } from "../../server/core/parse/gherkin-stories";
import { LineIndex } from "../../server/core/parse/text-lines";
import { completions } from "../../server/completion";
import { documentSymbols } from "../../server/symbols";

const at = (text: string, span: Span | undefined): string | undefined => (span ? text.slice(span.start, span.end) : undefined);

/** The story sentence's parts as the file's words. */
function parts(text: string): Record<string, string | undefined> {
  const s = parseGherkinStories(text).stories[0]?.sentence;
  return {
    roleMarker: at(text, s?.roleMarker?.span),
    role: at(text, s?.role?.span),
    meansMarker: at(text, s?.meansMarker?.span),
    means: at(text, s?.means?.span),
    endsMarker: at(text, s?.endsMarker?.span),
    ends: at(text, s?.ends?.span),
  };
}

/** The stored-card story's parts before its benefit, as the tests below write them. */
const STORED_CARD = {
  roleMarker: "As a",
  role: "returning shopper",
  meansMarker: "I want to",
  means: "save my card",
  endsMarker: "So that",
};

const SCENARIO = "\n  Scenario: Pay\n    Given a cart\n    When I pay\n    Then I get a receipt\n";

describe("Gherkin: the Feature's narrative is the story", () => {
  it("reads As a / I want / So that over three lines, each part at its words", () => {
    const text = `Feature: Stored cards\n  As a returning shopper\n  I want to save my card\n  So that I pay faster next time.\n${SCENARIO}`;
    assert.deepEqual(parts(text), {
      ...STORED_CARD,
      ends: "I pay faster next time",
    });
    const { findings } = analyzeBacklog(text, "gherkin");
    assert.deepEqual(findings, [], "a clause a line, a full stop at the end: one clean sentence");
  });

  it("reads the older narrative: In order to / As a / I want to", () => {
    const text = `Feature: Sums\n  In order to avoid mistakes in my invoices\n  As a bookkeeper\n  I want to be told the sum of two numbers\n${SCENARIO}`;
    assert.deepEqual(parts(text), {
      roleMarker: "As a",
      role: "bookkeeper",
      meansMarker: "I want to",
      means: "be told the sum of two numbers",
      endsMarker: "In order to",
      ends: "avoid mistakes in my invoices",
    });
    assert.deepEqual(
      analyzeBacklog(text, "gherkin").findings.filter((f) => f.ruleId === "story-benefit"),
      [],
    );
  });

  it("reads any order (So that / I want / As a), CRLF and a BOM included", () => {
    const text = `\uFEFFFeature: Stored cards\r\n  So that I pay faster\r\n  I want to save my card,\r\n  As a returning shopper\r\n${SCENARIO.replace(/\n/g, "\r\n")}`;
    assert.deepEqual(parts(text), {
      ...STORED_CARD,
      ends: "I pay faster",
    });
  });

  it("joins a means that runs over two lines, and leaves the description's other paragraphs out", () => {
    const text = `Feature: Stored cards\n  As a returning shopper, I want to save my card\n    for later purchases, so that I pay faster.\n\n  Notes: cards expire. Ask the payments team.\n${SCENARIO}`;
    const story = parseGherkinStories(text).stories[0];
    assert.equal(at(text, story?.sentence?.means?.span), "save my card\n    for later purchases");
    assert.equal(at(text, story?.sentence?.ends?.span), "I pay faster");
    assert.equal(story?.sentence?.trailing, undefined, "the notes paragraph is not part of the sentence");
  });

  it("a Feature without a narrative gets the story findings it can, and its scenarios are still checked", () => {
    const text = "Feature: Returns\n  Returns are accepted for 30 days.\n\n  Scenario: Late\n    Given a parcel\n    When I return it\n";
    const ids = analyzeBacklog(text, "gherkin").findings.map((f) => `${f.ruleId}@${at(text, f.span)?.split("\n")[0]}`);
    assert.deepEqual(ids, ["story-well-formed@Returns", "criteria-then@Given a parcel"]);
  });

  it("takes a Feature name that reads as a story as its sentence, and an id-like tag as its id", () => {
    const text = `@CHK-7 @slow\nFeature: As a shopper I want to save my card so that I pay faster\n${SCENARIO}`;
    const story = parseGherkinStories(text).stories[0];
    assert.equal(at(text, story?.id?.span), "CHK-7");
    assert.equal(at(text, story?.sentence?.role?.span), "shopper");
    assert.equal(at(text, story?.sentence?.ends?.span), "I pay faster");
  });
});

describe("Gherkin: scenarios are the criteria", () => {
  const text = [
    "Feature: Returns",
    "  As a shopper",
    "  I want to return an order",
    "  So that I get my money back",
    "",
    "  Background:",
    "    Given I am signed in",
    "",
    "  Scenario: From the order page",
    "    When I return the order",
    "      And I pick a reason",
    "    Then I get a label:",
    '      """',
    "      Return label",
    '      """',
    "",
    "  Rule: Late returns",
    "    @slow",
    "    Scenario Outline: After <days> days",
    "      Given an order delivered <days> days ago",
    "      * I return it",
    "      Then I see <message>",
    "        | field | value |",
    "        | code  | 410   |",
    "      But no label is sent",
    "",
    "      Examples:",
    "        | days | message |",
    "        | 40   | too late |",
    "",
  ].join("\n");
  const story = parseGherkinStories(text).stories[0];
  const criteria = story?.acceptance ?? [];

  it("one criterion per scenario, its steps with doc strings and tables; the Background is context, not a criterion", () => {
    assert.equal(criteria.length, 2);
    assert.equal(
      criteria[0]?.text,
      'When I return the order\n      And I pick a reason\n    Then I get a label:\n      """\n      Return label\n      """',
    );
    assert.ok(criteria[1]?.text.startsWith("Given an order delivered <days> days ago"));
    assert.ok(criteria[1]?.text.endsWith("But no label is sent"), "Examples are not part of the steps");
    for (const c of criteria) assert.equal(at(text, c.span), c.text);
  });

  it("steps in Gherkin's meaning: And and * continue the step before, But is but; keywords at their offsets", () => {
    const steps = (i: number) =>
      criteria[i]?.scenario?.steps.map(
        (s) => `${s.kind}:${text.slice((criteria[i]?.span.start ?? 0) + s.span.start, (criteria[i]?.span.start ?? 0) + s.span.end)}`,
      );
    assert.deepEqual(steps(0), ["when:When", "and:And", "then:Then"]);
    assert.deepEqual(steps(1), ["given:Given", "and:*", "then:Then", "but:But"]);
  });

  it("keeps the Rule, the header and the Examples' columns of each scenario", () => {
    assert.equal(criteria[0]?.scenario?.rule, undefined);
    assert.equal(at(text, criteria[1]?.scenario?.rule?.span), "Rule: Late returns");
    assert.equal(at(text, criteria[1]?.scenario?.header.span), "Scenario Outline: After <days> days");
    assert.deepEqual(criteria[1]?.scenario?.parameters, ["days", "message"]);
  });

  it("no finding in a clean feature: a scenario starting at When has its context from the Background", () => {
    assert.deepEqual(
      analyzeBacklog(text, "gherkin").findings.map((f) => f.ruleId),
      [],
    );
  });

  it("outlines the Feature, its Rule and its scenarios", () => {
    const analysis = analyzeBacklog(text, "gherkin");
    const symbols = documentSymbols(analysis, new LineIndex(text));
    assert.equal(symbols[0]?.name, "Returns");
    assert.deepEqual(
      symbols[0]?.children?.map((c) => [c.name, c.children?.map((x) => x.name) ?? []]),
      [
        ["Scenario: From the order page", []],
        ["Rule: Late returns", ["Scenario Outline: After <days> days"]],
      ],
    );
  });

  it("completes a Feature template in an empty file and a Scenario inside a Feature", () => {
    const empty = analyzeBacklog("", "gherkin");
    const feature = completions(empty, new LineIndex(""), { line: 0, character: 0 });
    assert.ok(feature.some((c) => c.label === "User story" && String(c.textEdit?.newText).startsWith("Feature: ${1:")));
    const lines = text.split("\n");
    const withBlank = `${lines.slice(0, 16).join("\n")}\n  \n${lines.slice(16).join("\n")}`;
    const inside = completions(analyzeBacklog(withBlank, "gherkin"), new LineIndex(withBlank), { line: 16, character: 2 });
    assert.deepEqual(
      inside.map((c) => c.label),
      ["Scenario"],
    );
  });
});

describe("Gherkin: dialects, bad lines, suppression", () => {
  const french = [
    "# language: fr",
    "Fonctionnalité: Retours",
    "  As a shopper",
    "  I want to return an order",
    "  So that I get my money back",
    "",
    "  Scénario: Retour tardif",
    "    Soit une commande livrée il y a 40 jours",
    "    Quand je demande un retour",
    "    Et je choisis un motif",
    "",
  ].join("\n");

  it("reads the steps of a `# language:` dialect, and writes the fix in it", () => {
    const c = parseGherkinStories(french).stories[0]?.acceptance?.[0];
    assert.equal(c?.scenario?.language, "fr");
    assert.deepEqual(
      c?.scenario?.steps.map((s) => s.kind),
      ["given", "when", "and"],
    );
    const then = analyzeBacklog(french, "gherkin").findings.filter((f) => f.ruleId === "criteria-then");
    assert.equal(then.length, 1);
    const fixed = applyEdits(french, editsOfFixes(then, false)).text;
    assert.match(fixed, /\n {4}Et je choisis un motif\n {4}Alors <outcome>\n/);
    assert.deepEqual(parseGherkinStories(fixed).parseFindings, []);
  });

  it("a German Feature with no scenario gets a Scenario skeleton in German", () => {
    const text = "# language: de\nFunktionalität: Retouren\n  As a shopper\n  I want to return an order\n  So that I get my money back\n";
    const missing = analyzeBacklog(text, "gherkin").findings.filter((f) => f.ruleId === "criteria-missing");
    const fixed = applyEdits(text, editsOfFixes(missing, false)).text;
    assert.match(fixed, /\n\n {2}Szenario: <name>\n {4}Angenommen <context>\n {4}Wenn <event>\n {4}Dann <outcome>\n$/);
    assert.equal(parseGherkinStories(fixed).stories[0]?.acceptance?.length, 1);
  });

  it("a line that does not parse is one finding at it; every other finding is still made", () => {
    const text = [
      "Feature: Returns",
      "  As a shopper",
      "  I want to return an order",
      "",
      "  Scenario: Broken",
      "    Given an order",
      "    this line has no keyword",
      "    When I return it",
      "    Then it works correctly",
      "",
      "  Scenario: No outcome",
      "    Given an order",
      "    When I return it",
      "",
    ].join("\n");
    const { findings } = analyzeBacklog(text, "gherkin");
    const syntax = findings.filter((f) => f.ruleId === "gherkin-syntax");
    assert.equal(syntax.length, 1);
    assert.equal(at(text, syntax[0]?.span), "this line has no keyword");
    assert.match(syntax[0]?.message ?? "", /^Gherkin cannot read this line here: expected .*a step \(Given, When, Then, And, But\)/);
    const others = findings.filter((f) => f.ruleId !== "gherkin-syntax").map((f) => `${f.ruleId}@${at(text, f.span)?.split("\n")[0]}`);
    assert.deepEqual(others, ["story-benefit@As a shopper", "criteria-testable@works correctly", "criteria-then@Given an order"]);
  });

  it("an unknown dialect is reported on its header, and the file is read as English", () => {
    const text = `# language: qq\nFeature: Returns\n  As a shopper\n  I want to return an order\n  So that I get my money back\n${SCENARIO}`;
    const { findings, backlog } = analyzeBacklog(text, "gherkin");
    assert.deepEqual(
      findings.map((f) => [f.ruleId, at(text, f.span)]),
      [["gherkin-syntax", "# language: qq"]],
    );
    assert.equal(backlog.stories[0]?.acceptance?.length, 1);
  });

  it("text that is not Gherkin at all, or nothing, never throws", () => {
    for (const text of [
      "",
      "\n\n",
      "Given a cart\n",
      "Feature:",
      "Feature: x\n  Scenario:\n",
      "@\n",
      '"""\n',
      "Feature: x\n  Rule:\n  Rule:\n",
    ])
      assert.doesNotThrow(() => analyzeBacklog(text, "gherkin"), JSON.stringify(text));
  });

  it("a '# backlog-coach-disable-next-line' comment silences a rule on the next step line, or above the Feature for the story", () => {
    const text = `Feature: Returns\n  As a shopper\n  I want to return an order\n  So that I get my money back\n\n  Scenario: No outcome\n    # backlog-coach-disable-next-line criteria-then\n    Given an order\n    When I return it\n`;
    assert.deepEqual(
      analyzeBacklog(text, "gherkin").findings.map((f) => f.ruleId),
      [],
    );
    const above = `# backlog-coach-disable-next-line story-benefit\nFeature: Returns\n  As a shopper\n  I want to return an order\n${SCENARIO}`;
    assert.deepEqual(
      analyzeBacklog(above, "gherkin").findings.map((f) => f.ruleId),
      [],
    );
  });
});
