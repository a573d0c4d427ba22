// Hover terms and timeboxes: every alias resolves, look-alikes do not, and timeboxes scale with the Sprint length.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bundledGuidance, entryById } from "../../server/core/guidance/data";
import { TermIndex } from "../../server/core/guidance/lookup";
import { describeTimebox, formatMinutes, parseDuration, parseSprintLength, timeboxLimit } from "../../server/core/guidance/timebox";
import { tipMarkdown } from "../../server/core/guidance/tips";
import type { Timebox } from "../../server/core/guidance/types";
import { LineIndex } from "../../server/core/parse/text-lines";
import { hoverAt } from "../../server/hover";

const guidance = bundledGuidance().guidance;
const terms = new TermIndex(guidance);
const idAt = (text: string, offset: number): string | undefined => terms.termAt(text, offset)?.entry.id;
const idOf = (text: string, phrase: string): string | undefined => idAt(text, text.indexOf(phrase) + Math.floor(phrase.length / 2));
const timeboxOf = (id: string): Timebox | undefined => entryById(guidance, id)?.timebox;

describe("hover terms", () => {
  it("resolves every alias and exact-case word, inside a sentence, to its entry", () => {
    const phrases = terms.phrasesForTest();
    assert.ok(phrases.length > 60);
    for (const { phrase, entryId } of phrases) {
      const text = `We talked about ${phrase}, then left.`;
      assert.equal(idOf(text, phrase), entryId, phrase);
    }
  });

  it("knows the usual names", () => {
    const cases: [string, string][] = [
      ["sprint planning", "sprint-planning"],
      ["Daily standup", "daily-scrum"],
      ["the stand-up", "daily-scrum"],
      ["retro", "sprint-retrospective"],
      ["retros", "sprint-retrospective"],
      ["Backlog grooming", "grooming"],
      ["sprint zero", "sprint-zero"],
      ["Sprint 0", "sprint-zero"],
      ["velocity", "velocity"],
      ["our committed velocity", "velocity-commitment"],
      ["a hardening sprint", "hardening-sprint"],
      ["the chief product owner", "chief-product-owner"],
      ["team backlog", "team-backlog"],
      ["burn-down chart", "burndown"],
      ["PO", "product-owner"],
      ["PM", "product-manager"],
      ["DoD", "definition-of-done"],
      ["ceremonies", "ceremonies"],
      ["INVEST", "invest"],
      ["estimatable", "invest-estimable"],
      ["Sprint-Review", "sprint-review"],
      ["sprint_review", "sprint-review"],
      ["productGoal", "product-goal"],
      ["Sprint Reviews", "sprint-review"],
    ];
    for (const [phrase, id] of cases) assert.equal(idOf(`x ${phrase} y`, phrase), id, phrase);
  });

  it("prefers the longest term at a position", () => {
    assert.equal(idOf("product backlog refinement", "product"), "refinement");
    assert.equal(idOf("the sprint review", "sprint"), "sprint-review");
    assert.equal(idOf("the sprint goal", "goal"), "sprint-goal");
  });

  it("does not take look-alikes for terms", () => {
    for (const text of ["the reviewer approves", "postpone it", "we meet at 3 PM", "an independent audit", "invest in bonds", "Pomodoro"]) {
      for (let offset = 0; offset <= text.length; offset++) assert.equal(idAt(text, offset), undefined, `${text} @${offset}`);
    }
  });

  it("recognises a whole event name as planned in a sprint section", () => {
    const cases: [string, string][] = [
      ["Review", "sprint-review"],
      ["Planning", "sprint-planning"],
      ["Daily", "daily-scrum"],
      ["Retro", "sprint-retrospective"],
      ["Sprint Planning", "sprint-planning"],
      ["Backlog grooming", "grooming"],
      ["Refinement session", "refinement"],
      ["Demo", "sprint-review"],
    ];
    for (const [name, id] of cases) assert.equal(terms.entryForName(name)?.id, id, name);
    assert.equal(terms.entryForName("Team lunch"), undefined);
  });

  it("looks only around the cursor on a huge line", () => {
    const line = `${"x ".repeat(500_000)}sprint review`;
    assert.equal(idAt(line, line.length - 3), "sprint-review");
    assert.equal(idAt(line, 10), undefined);
  });
});

describe("timeboxes", () => {
  it("reads sprint lengths as people write them", () => {
    const weeks = (s: string): number | undefined => parseSprintLength(s)?.weeks;
    assert.equal(weeks("2 weeks"), 2);
    assert.equal(weeks("1 week"), 1);
    assert.equal(weeks("3w"), 3);
    assert.equal(weeks("two weeks"), 2);
    assert.equal(weeks("a fortnight"), 2);
    assert.equal(weeks("1 month"), 4);
    assert.equal(weeks("10 days"), 2, "working days");
    assert.equal(weeks("14 days"), 2, "whole calendar weeks");
    assert.equal(weeks("10 calendar days"), 10 / 7);
    assert.equal(weeks("2"), 2, "a bare number is weeks");
    assert.equal(parseSprintLength("2 weeks")?.label, "2-week");
    assert.equal(parseSprintLength("soon"), undefined);
    assert.equal(parseSprintLength("0 weeks"), undefined);
  });

  it("reads durations with a unit, and refuses a bare number", () => {
    assert.equal(parseDuration("4h"), 240);
    assert.equal(parseDuration("4 hours"), 240);
    assert.equal(parseDuration("1.5 h"), 90);
    assert.equal(parseDuration("1h30"), 90);
    assert.equal(parseDuration("1 h 30 min"), 90);
    assert.equal(parseDuration("90 min"), 90);
    assert.equal(parseDuration("15 minutes"), 15);
    assert.equal(parseDuration("2:30"), 150);
    assert.equal(parseDuration("90"), undefined);
    assert.equal(parseDuration("long"), undefined);
  });

  it("keeps the one-month maxima as the limit, with the proportional figure as a guideline for shorter Sprints", () => {
    const ids = ["sprint-planning", "sprint-review", "sprint-retrospective", "daily-scrum"];
    const limits = (length: string, key: "maximum" | "proportional"): (number | undefined)[] =>
      ids.map((id) => timeboxLimit(timeboxOf(id), parseSprintLength(length))?.[key]);
    for (const length of ["2 weeks", "1 week", "3 weeks", "1 month", "30 days", "6 weeks"]) {
      assert.deepEqual(limits(length, "maximum"), [480, 240, 180, 15], `${length}: the Guide's maxima do not scale`);
    }
    assert.deepEqual(limits("2 weeks", "proportional"), [240, 120, 90, undefined]);
    assert.deepEqual(limits("1 week", "proportional"), [120, 60, 45, undefined]);
    assert.deepEqual(limits("3 weeks", "proportional"), [360, 180, 135, undefined]);
    assert.deepEqual(limits("1 month", "proportional"), [undefined, undefined, undefined, undefined]);
    assert.deepEqual(limits("30 days", "proportional"), [undefined, undefined, undefined, undefined], "30 days is a month");
    assert.deepEqual(limits("6 weeks", "proportional"), [undefined, undefined, undefined, undefined], "never scaled up");
    assert.equal(timeboxLimit(timeboxOf("refinement"), parseSprintLength("2 weeks")), undefined);
  });

  it("says the proportional figure is a guideline and the maximum is the Guide's", () => {
    assert.equal(
      describeTimebox(timeboxOf("sprint-planning"), parseSprintLength("2 weeks")),
      "about 4 hours for your 2-week Sprint, a proportional guideline (from the 2011 Scrum Guide); the Scrum Guide's maximum is 8 hours for a one-month Sprint.",
    );
    assert.match(describeTimebox(timeboxOf("sprint-retrospective"), parseSprintLength("2 weeks")) ?? "", /about 1\.5 hours/);
    assert.match(
      describeTimebox(timeboxOf("sprint-review"), undefined) ?? "",
      /at most 4 hours for a one-month Sprint \(the Scrum Guide's maximum\)/,
    );
    assert.match(
      describeTimebox(timeboxOf("sprint-review"), parseSprintLength("30 days")) ?? "",
      /^at most 4 hours for your 30-day Sprint/,
    );
    assert.match(describeTimebox(timeboxOf("sprint"), parseSprintLength("30 days")) ?? "", /30-day Sprint is within that/);
    assert.match(
      describeTimebox(timeboxOf("sprint"), parseSprintLength("6 weeks")) ?? "",
      /6-week Sprint is longer than the Scrum Guide allows/,
    );
    assert.match(describeTimebox(timeboxOf("refinement"), undefined) ?? "", /not an event/);
    assert.equal(formatMinutes(135), "2 h 15 min");
  });
});

describe("hover tips", () => {
  const tip = (id: string, length?: string): string => {
    const e = entryById(guidance, id);
    assert.ok(e);
    return tipMarkdown(e, guidance, length ? parseSprintLength(length) : undefined);
  };

  it("give purpose, scaled timebox, who, the PO and the PM for an event", () => {
    const planning = tip("sprint-planning", "2 weeks");
    assert.match(planning, /^\*\*Sprint Planning\*\* \(Scrum event\)/);
    assert.match(
      planning,
      /\*\*Timebox:\*\* about 4 hours for your 2-week Sprint, a proportional guideline .*maximum is 8 hours for a one-month Sprint/,
    );
    assert.match(planning, /\*\*Who:\*\*/);
    assert.match(planning, /\*\*Product Owner:\*\*/);
    assert.match(planning, /\*\*Product Manager \(industry role, not Scrum\):\*\*/);
  });

  it("correct the usual misreadings", () => {
    assert.match(tip("daily-scrum"), /for the Developers/);
    assert.match(tip("refinement"), /ongoing activity, not a Scrum event/);
    assert.match(tip("refinement"), /\*\*Timebox:\*\* none/);
    assert.match(tip("product-manager"), /industry role, not in the Scrum Guide/);
    assert.match(tip("invest"), /\*\*E\*\*: Estimable/);
  });

  it("link to the sidebar only for a client with the command, and never echo the backlog's text", () => {
    const text = "notes: <img src=x onerror=alert(1)> at the sprint review [x](command:evil)\n";
    const lines = new LineIndex(text);
    const character = text.indexOf("review");
    const withLink = hoverAt(text, lines, { line: 0, character }, undefined, { commandLinks: true });
    const value = (withLink?.contents as { value: string }).value;
    assert.ok(value.endsWith("(command:backlogCoach.showGuidance?%5B%22sprint-review%22%5D)"), value);
    assert.doesNotMatch(value, /onerror|<img|evil/);
    const plain = hoverAt(text, lines, { line: 0, character }, undefined, { commandLinks: false });
    assert.doesNotMatch((plain?.contents as { value: string }).value, /command:/);
    assert.deepEqual(withLink?.range, {
      start: { line: 0, character: text.indexOf("sprint review") },
      end: { line: 0, character: text.indexOf(" [x]") },
    });
    assert.equal(hoverAt(text, lines, { line: 0, character: 2 }, undefined, { commandLinks: true }), null);
    assert.equal(hoverAt(text, lines, { line: 7, character: 0 }, undefined, { commandLinks: true }), null);
  });
});
