// The guidance data: the YAML fits its schema, the bundled JSON matches the YAML, and the facts are the Scrum Guide's.
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import generated from "../../guidance/guidance.generated.json";
import { bundledGuidance, EMPTY_GUIDANCE, entryById, loadGuidance, referenceErrors } from "../../server/core/guidance/data";
import type { Guidance, GuidanceEntry } from "../../server/core/guidance/types";
import { REPO_ROOT } from "../support/fixtures";

interface GuidanceScript {
  readGuidanceYaml(): Promise<Record<string, unknown>>;
  schemaErrors(guidance: unknown): Promise<string[]>;
}
const script = (): Promise<GuidanceScript> =>
  import(pathToFileURL(join(REPO_ROOT, "scripts", "guidance-data.mjs")).href) as Promise<GuidanceScript>;

const guidance = bundledGuidance().guidance;
const entry = (id: string): GuidanceEntry => {
  const found = entryById(guidance, id);
  assert.ok(found, `entry ${id}`);
  return found;
};

describe("guidance data", () => {
  it("guidance/*.yaml fits schemas/guidance.schema.json", async () => {
    const { readGuidanceYaml, schemaErrors } = await script();
    assert.deepEqual(await schemaErrors(await readGuidanceYaml()), []);
  });

  it("the bundled JSON is the YAML (run `node scripts/guidance-data.mjs` after editing guidance/*.yaml)", async () => {
    const { readGuidanceYaml } = await script();
    const bundled: Record<string, unknown> = { ...generated };
    delete bundled["$comment"];
    assert.deepEqual(bundled, await readGuidanceYaml());
  });

  it("loads without errors, references included", () => {
    assert.deepEqual(bundledGuidance().errors, []);
    assert.ok(guidance.entries.length > 20);
  });

  it("refuses invalid data at load and serves empty guidance instead", () => {
    const broken = loadGuidance({ ...guidance, entries: [{ id: "Bad Id" }] });
    assert.equal(broken.guidance, EMPTY_GUIDANCE);
    assert.ok(broken.errors.length > 0);
    const unknownSource: Guidance = { ...guidance, entries: [{ ...entry("sprint"), sources: ["nowhere"] }] };
    assert.match(referenceErrors(unknownSource).join("\n"), /unknown source nowhere/);
    const twice: Guidance = { ...guidance, entries: [...guidance.entries, { ...entry("sprint-retrospective"), id: "other" }] };
    assert.match(referenceErrors(twice).join("\n"), /names both/);
  });

  it("has the Scrum Guide 2020 events and timeboxes for a one-month Sprint", () => {
    assert.deepEqual(entry("sprint-planning").timebox, { kind: "scaled", oneMonthMinutes: 8 * 60 });
    assert.deepEqual(entry("daily-scrum").timebox, { kind: "fixed", minutes: 15 });
    assert.deepEqual(entry("sprint-review").timebox, { kind: "scaled", oneMonthMinutes: 4 * 60 });
    assert.deepEqual(entry("sprint-retrospective").timebox, { kind: "scaled", oneMonthMinutes: 3 * 60 });
    assert.deepEqual(entry("sprint").timebox, { kind: "sprint" });
    for (const id of ["sprint", "sprint-planning", "daily-scrum", "sprint-review", "sprint-retrospective"]) {
      const e = entry(id);
      assert.equal(e.kind, "event");
      assert.ok(e.who?.productOwner && e.who.productManager, `${id} says what the PO and a PM do there`);
    }
  });

  it("treats refinement as an ongoing activity without a timebox, and the Daily Scrum as the Developers' event", () => {
    const refinement = entry("refinement");
    assert.equal(refinement.kind, "activity");
    assert.deepEqual(refinement.timebox, { kind: "none" });
    assert.match(refinement.summary, /not a Scrum event/);
    const daily = entry("daily-scrum");
    assert.match(daily.summary, /for the Developers/);
    assert.match(daily.correction ?? "", /does\s+not lead it/);
  });

  it("marks the Product Manager and the practices as conventions, not Scrum", () => {
    assert.equal(entry("product-manager").inScrumGuide, false);
    assert.equal(entry("definition-of-ready").inScrumGuide, false);
    assert.match(guidance.comparison.note, /industry\s+convention/);
    for (const id of ["product-owner", "scrum-master", "developers", "scrum-team"]) assert.equal(entry(id).kind, "accountability");
  });

  it("pairs each artifact with its commitment", () => {
    const pairs = Object.fromEntries(guidance.entries.filter((e) => e.kind === "artifact").map((e) => [e.id, e.pairedWith]));
    assert.deepEqual(pairs, { "product-backlog": "product-goal", "sprint-backlog": "sprint-goal", increment: "definition-of-done" });
  });

  it("has the six INVEST letters in order", () => {
    const letters = guidance.entries.filter((e) => e.kind === "invest" && e.letter);
    assert.deepEqual(
      letters.map((e) => `${e.letter ?? ""}:${e.name}`),
      ["I:Independent", "N:Negotiable", "V:Valuable", "E:Estimable", "S:Small", "T:Testable"],
    );
  });

  it("compares the PO and the PM on every dimension the seeds give", () => {
    const dimensions = guidance.comparison.rows.map((r) => r.id);
    for (const d of ["concern", "level", "scope", "focus", "horizon", "decisions", "metrics", "background", "events", "owns"]) {
      assert.ok(dimensions.includes(d), `dimension ${d}`);
    }
    for (const profile of [guidance.profiles.productOwner, guidance.profiles.productManager]) {
      for (const list of [profile.dayToDay, profile.skills, profile.challenges, profile.careerLadder]) assert.ok(list.length >= 3);
    }
    assert.deepEqual(
      guidance.organisations.map((o) => o.id),
      ["startup", "mid-size", "enterprise"],
    );
    assert.equal(guidance.profiles.productManager.careerLadder.at(-1), "Chief Product Officer");
  });

  it("shows salaries only as ranges with their source, and the year wherever the source gives one", () => {
    const sources = new Map(guidance.sources.map((s) => [s.id, s]));
    for (const set of guidance.salaries.sets) {
      const source = sources.get(set.source);
      assert.ok(source, set.id);
      if (source.date) assert.equal(set.year, source.date.slice(0, 4), `${set.id} carries the source's year`);
      if (set.year) assert.match(set.year, /^\d{4}$/);
      const figures = [
        set.overall?.productOwner,
        set.overall?.productManager,
        ...(set.levels ?? []).flatMap((l) => [l.productOwner, l.productManager]),
      ];
      for (const figure of figures.filter((f) => f !== undefined)) assert.match(figure, /^\$[\d,]+ - \$[\d,]+\+?$/);
    }
  });

  it("speaks of events, not ceremonies, except where it corrects the word", () => {
    for (const e of guidance.entries.filter((x) => x.kind !== "misconception")) {
      const prose = [e.summary, ...(e.details ?? []), ...Object.values(e.who ?? {}), e.participants ?? ""].join(" ");
      assert.doesNotMatch(prose, /ceremon/i, e.id);
    }
    assert.match(entry("scrum-events").correction ?? "", /ceremonies/);
    assert.equal(entry("ceremonies").refersTo, "scrum-events");
  });
});
