// Hovers over a real LSP connection, in each backlog format: the tip, its range, the scaled timebox, no stray links.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hover } from "vscode-languageserver/node";
import { GuidanceRequest, type GuidanceResult } from "../../server/protocol";
import { startTestClient, type TestClient } from "../support/lsp-client";

const YAML_URI = "file:///workspace/hover.backlog.yaml";
const YAML = `product: Hover
sprint:
  length: 2 weeks
  goal: Stored cards
  events:
    - name: Review
      duration: 2h
stories:
  - id: H-1
    story: As a shopper, I want to save my card, so that I pay faster.
    notes: Show it at the Sprint Planning; the PO decides. <img src=x onerror=alert(1)>
    acceptance:
      - Given a card, when I pay, then it is stored
`;
const MARKDOWN_URI = "file:///workspace/hover.stories.md";
const MARKDOWN = `# Stories

## Save a card

As a shopper, I want to save my card, so that I pay faster.

Raised at the daily standup; agreed in the retro.
`;
const PLAIN_URI = "file:///workspace/hover.stories";
const PLAIN = "As a PO, I want backlog grooming every week, so that the DoD is met.\n";

describe("hover over LSP", () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
    for (const [uri, text, languageId] of [
      [YAML_URI, YAML, "yaml"],
      [MARKDOWN_URI, MARKDOWN, "markdown"],
      [PLAIN_URI, PLAIN, "backlog-stories"],
    ] as const) {
      const published = client.diagnostics(uri);
      await client.open(uri, text, languageId);
      await published;
    }
  });
  after(async () => client.dispose());

  /** Hovers the middle of the first occurrence of `phrase` in `text`. */
  async function hover(uri: string, text: string, phrase: string): Promise<{ value: string; hover: Hover }> {
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes(phrase));
    assert.ok(line >= 0, phrase);
    const character = (lines[line] ?? "").indexOf(phrase) + Math.floor(phrase.length / 2);
    const result = (await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: { line, character },
    })) as Hover | null;
    assert.ok(result, `a hover on ${phrase}`);
    const contents = result.contents as { kind: string; value: string };
    assert.equal(contents.kind, "markdown");
    return { value: contents.value, hover: result };
  }

  it("explains an event in a YAML backlog with the proportional guideline for the declared Sprint length and the Guide's maximum", async () => {
    const { value, hover: h } = await hover(YAML_URI, YAML, "Sprint Planning");
    assert.match(value, /\*\*Sprint Planning\*\* \(Scrum event\)/);
    assert.match(
      value,
      /about 4 hours for your 2-week Sprint, a proportional guideline .*the Scrum Guide's maximum is 8 hours for a one-month Sprint/,
    );
    assert.match(value, /Product Manager \(industry role, not Scrum\)/);
    const line = YAML.split("\n").findIndex((l) => l.includes("Sprint Planning"));
    const start = (YAML.split("\n")[line] ?? "").indexOf("Sprint Planning");
    assert.deepEqual(h.range, { start: { line, character: start }, end: { line, character: start + "Sprint Planning".length } });
  });

  it("recognises an event planned by a short name in the sprint section", async () => {
    const { value } = await hover(YAML_URI, YAML, "Review");
    assert.match(value, /\*\*Sprint Review\*\*/);
    assert.match(value, /about 2 hours for your 2-week Sprint/);
  });

  it("explains roles in YAML, and never echoes the backlog's own text", async () => {
    const { value } = await hover(YAML_URI, YAML, "PO");
    assert.match(value, /\*\*Product Owner\*\* \(Scrum accountability\)/);
    assert.doesNotMatch(value, /onerror|<img/);
  });

  it("works in Markdown stories, where no Sprint length is declared", async () => {
    const daily = await hover(MARKDOWN_URI, MARKDOWN, "daily standup");
    assert.match(daily.value, /\*\*Daily Scrum\*\*/);
    assert.match(daily.value, /for the Developers/);
    assert.match(daily.value, /15 minutes, whatever the Sprint's length/);
    const retro = await hover(MARKDOWN_URI, MARKDOWN, "retro");
    assert.match(retro.value, /at most 3 hours for a one-month Sprint/);
  });

  it("works in plain story lists", async () => {
    const grooming = await hover(PLAIN_URI, PLAIN, "backlog grooming");
    assert.match(grooming.value, /^\*\*Backlog grooming\*\* \(common misconception, not in the Scrum Guide\)/);
    assert.match(grooming.value, /\*\*In Scrum: Product Backlog refinement\.\*\* An ongoing activity, not a Scrum event/);
    const dod = await hover(PLAIN_URI, PLAIN, "DoD");
    assert.match(dod.value, /\*\*Definition of Done\*\* \(commitment of the Increment\)/);
  });

  it("adds no command link for a client that did not ask for one", async () => {
    const { value } = await hover(PLAIN_URI, PLAIN, "PO");
    assert.doesNotMatch(value, /command:/);
  });

  it("answers null away from any term and in files that are not backlogs", async () => {
    const none = await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: PLAIN_URI },
      position: { line: 0, character: 12 },
    });
    assert.equal(none, null);
    const other = "file:///workspace/notes.md";
    await client.open(other, "The sprint review is on Friday.\n", "markdown");
    const outside = await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: other },
      position: { line: 0, character: 8 },
    });
    assert.equal(outside, null);
  });

  it("serves the whole guidance to the sidebar", async () => {
    const guidance = (await client.connection.sendRequest(GuidanceRequest)) as GuidanceResult;
    assert.ok(guidance.entries.some((e) => e.id === "sprint-review"));
    assert.ok(guidance.comparison.rows.length > 10);
  });
});
