// The guidance beyond the Scrum terms: every item names a source, the corrections of issue 16 hold, the sidebar's
// new sections have what a PO or PM looks for, and no text is lifted from the Scrum Guide or the articles.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { bundledGuidance, entryById, referenceErrors, sourceErrors } from "../../server/core/guidance/data";
import { TermIndex } from "../../server/core/guidance/lookup";
import {
  crossLevelOverlaps,
  crossLevelSentence,
  formatPayRange,
  overlapOf,
  parsePayRange,
  shortPayText,
} from "../../server/core/guidance/salaries";
import { tipMarkdown } from "../../server/core/guidance/tips";
import type { Guidance, GuidanceEntry } from "../../server/core/guidance/types";
import { LineIndex } from "../../server/core/parse/text-lines";
import { hoverAt } from "../../server/hover";
import { REPO_ROOT } from "../support/fixtures";

const guidance = bundledGuidance().guidance;
const entry = (id: string): GuidanceEntry => {
  const found = entryById(guidance, id);
  assert.ok(found, `entry ${id}`);
  return found;
};

/** Every string of the data outside the source list, with its path. */
function allStrings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, `${path}/${i}`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) =>
      path === "" && (k === "sources" || k === "$comment") ? [] : allStrings(v, `${path}/${k}`),
    );
  }
  return [];
}
const prose = allStrings(guidance);

describe("guidance sources", () => {
  it("every entry, row, card, figure and claim names a source that exists", () => {
    assert.deepEqual(sourceErrors(guidance), []);
    assert.ok(guidance.sources.length >= 10);
  });

  it("catches an item without a source, in any section, and an unknown source", () => {
    const unsourcedKpi = { ...guidance.kpis, items: [{ ...guidance.kpis.items[0], sources: [] }] } as unknown as Guidance["kpis"];
    assert.match(sourceErrors({ ...guidance, kpis: unsourcedKpi }).join("\n"), /\/kpis\/items\/0 names no source/);
    const newSection = { ...guidance, later: [{ id: "x", text: "an unsourced card" }] } as unknown as Guidance;
    assert.match(sourceErrors(newSection).join("\n"), /\/later\/0 names no source/);
    const badClaim = {
      ...guidance.contradictions,
      items: [{ ...guidance.contradictions.items[0], claims: [{ source: "nowhere", says: "x" }] }],
    } as unknown as Guidance["contradictions"];
    assert.match(referenceErrors({ ...guidance, contradictions: badClaim }).join("\n"), /cites unknown source nowhere/);
    const profile = guidance.profiles.productOwner;
    const noSkillsSource = { ...profile, sources: { ...profile.sources, skills: [] } };
    assert.match(
      sourceErrors({ ...guidance, profiles: { ...guidance.profiles, productOwner: noSkillsSource } }).join("\n"),
      /\/profiles\/productOwner\/skills names no source/,
    );
  });
});

describe("guidance corrections", () => {
  it("keeps the Definition of Ready a team practice, and the rule says so", () => {
    assert.equal(entry("definition-of-ready").inScrumGuide, false);
    const doc = readFileSync(join(REPO_ROOT, "docs", "rules", "definition-of-ready.md"), "utf8");
    assert.match(doc, /Source: team practice/);
    assert.doesNotMatch(doc, /Source: Scrum Guide/);
  });

  it("says the events reduce the need for other meetings, not that they make them unnecessary", () => {
    const events = [entry("scrum-events").summary, ...(entry("scrum-events").details ?? [])].join(" ");
    assert.doesNotMatch(events, /unnecessary|keeps them short/);
    assert.match(events, /reduce the need for other meetings/);
  });

  it("gives the Chief Product Owner its own card as a scaling-framework title", () => {
    const cpo = entry("chief-product-owner");
    assert.equal(cpo.kind, "scaling");
    assert.equal(cpo.inScrumGuide, false);
    assert.match(cpo.summary, /scaling frameworks/);
    assert.ok(!entry("product-owner").aliases.includes("chief product owner"));
    assert.match(tipMarkdown(cpo, guidance), /scaling-framework term, not in the Scrum Guide/);
  });

  it("tags the PO's acceptance of work as a convention wherever it appears", () => {
    const mentions = prose.filter(([, text]) => /accept(s|ing)? or reject|accepts or rejects/i.test(text));
    assert.ok(mentions.length > 0);
    for (const [path, text] of mentions) {
      const tagged = /convention|no (separate )?(acceptance|approval)|not Scrum/i.test(text) || /\/(contradictions|decisions)\//.test(path);
      const inCard = path.startsWith(`/entries/${guidance.entries.findIndex((e) => e.id === "po-acceptance")}/`);
      assert.ok(tagged || inCard, `${path}: ${text}`);
    }
    assert.match(entry("increment").details?.join(" ") ?? "", /no separate acceptance step/);
  });

  it("says velocity and burn-down are not Scrum artifacts, wherever they are listed as measures", () => {
    for (const id of ["velocity", "burndown"]) {
      assert.equal(entry(id).inScrumGuide, false);
      assert.match(entry(id).correction ?? "", /Not a Scrum artifact|not a Scrum artifact/);
    }
    const metrics = guidance.comparison.rows.find((r) => r.id === "metrics");
    assert.match(metrics?.productOwner ?? "", /neither a Scrum artifact/);
    for (const id of ["velocity", "sprint-burndown"]) {
      assert.match(guidance.kpis.items.find((k) => k.id === id)?.caution ?? "", /Scrum/);
    }
  });

  it("does not say who leads refinement, speaks of accountabilities, and says the organisation must respect the PO", () => {
    const refinement = entry("refinement");
    assert.match(refinement.who?.productOwner ?? "", /Guide does not say who leads refinement/);
    assert.doesNotMatch(refinement.who?.productOwner ?? "", /^Leads it/);
    const po = entry("product-owner");
    assert.doesNotMatch(po.correction ?? "", /\brole\b/, "accountabilities, not roles");
    assert.match(po.details?.join(" ") ?? "", /must respect/);
  });

  it("calls 'team backlog' SAFe's term, with the Product Backlog belonging to the product", () => {
    const card = `/entries/${guidance.entries.findIndex((e) => e.id === "team-backlog")}/`;
    const uses = prose.filter(([path, text]) => /team backlog/i.test(text) && !path.startsWith(card));
    assert.ok(uses.length >= 2);
    for (const [path, text] of uses) assert.match(text, /SAFe/, path);
    assert.match(entry("team-backlog").summary, /SAFe's term/);
    assert.match(entry("team-backlog").correction ?? "", /belongs to the product/);
  });
});

describe("misconception cards, each reachable by hover", () => {
  const terms = new TermIndex(guidance);
  const cases: [string, string, RegExp][] = [
    ["We start with a sprint zero for the setup.", "sprint-zero", /has no Sprint Zero/],
    ["Plan a hardening sprint before the release.", "hardening-sprint", /has no such Sprint/],
    ["Skip the ceremonies this week.", "ceremonies", /says events/],
    ["The scrum master assigns tasks on Monday.", "scrum-master-assigns", /Nobody assigns tasks/],
    ["Our velocity commitment is 40 points.", "velocity-commitment", /commitment of a Sprint is its Sprint Goal/],
    ["Here the developers report to the product owner.", "po-as-manager", /nobody ranks above anyone else/],
    ["Backlog grooming on Wednesdays.", "grooming", /older name for Product Backlog refinement/],
    ["Our velocity dropped.", "velocity", /not a Scrum artifact/],
    ["Done means accepted by the PO.", "po-acceptance", /convention/i],
  ];

  it("finds each card from the words people use, and the card says what Scrum says instead", () => {
    for (const [text, id, says] of cases) {
      const phrase =
        /(sprint zero|hardening sprint|ceremonies|scrum master assigns|velocity commitment|report to the product owner|Backlog grooming|velocity|accepted by the PO)/i.exec(
          text,
        )?.[0] ?? "";
      const match = terms.termAt(text, text.indexOf(phrase) + 2);
      assert.equal(match?.entry.id, id, text);
      const tip = tipMarkdown(entry(id), guidance);
      assert.match(tip, says, id);
      if (entry(id).kind === "misconception") {
        assert.match(tip, /\(common misconception, not in the Scrum Guide\)/, id);
        assert.ok(entry(id).refersTo, `${id} refers to what Scrum has instead`);
        assert.match(tip, /\*\*In Scrum: /, id);
      }
    }
  });

  it("has the six misconceptions the issue names", () => {
    const ids = guidance.entries.filter((e) => e.kind === "misconception").map((e) => e.id);
    for (const id of ["sprint-zero", "hardening-sprint", "ceremonies", "scrum-master-assigns", "velocity-commitment", "po-as-manager"]) {
      assert.ok(ids.includes(id), id);
    }
  });

  it("answers a hover on 'sprint zero' over the hover handler too", () => {
    const text = "notes: we keep a Sprint Zero\n";
    const hover = hoverAt(text, new LineIndex(text), { line: 0, character: text.indexOf("Zero") }, undefined, { commandLinks: false });
    assert.match((hover?.contents as { value: string } | undefined)?.value ?? "", /^\*\*Sprint Zero\*\*/);
  });
});

describe("PO vs PM content", () => {
  it("tags every cell of who-decides-what as the Scrum Guide's (with its section) or a convention", () => {
    const rows = new Map(guidance.decisions.rows.map((r) => [r.id, r]));
    for (const id of ["product-goal", "backlog-order", "sprint-goal", "done-definition", "item-done", "roadmap", "pricing"]) {
      assert.ok(rows.has(id), id);
    }
    for (const row of guidance.decisions.rows) {
      for (const cell of row.cells) {
        if (cell.basis === "scrum-guide") {
          assert.ok(cell.section, `${row.id} names the Guide's section`);
          assert.deepEqual(cell.sources, ["scrum-guide-2020"], row.id);
        } else assert.ok(!cell.sources.includes("scrum-guide-2020"), `${row.id}: a convention cites what describes it`);
      }
    }
    assert.equal(
      rows.get("roadmap")?.cells.every((c) => c.basis === "convention"),
      true,
    );
    assert.deepEqual(
      rows.get("item-done")?.cells.map((c) => c.basis),
      ["scrum-guide", "convention"],
    );
  });

  it("shows contradictions with both sides and their sources, settled only by the Scrum Guide", () => {
    assert.ok(guidance.contradictions.items.length >= 5);
    for (const item of guidance.contradictions.items) {
      assert.ok(new Set(item.claims.map((c) => c.source)).size >= 2 || item.claims.length >= 2, item.id);
      if (item.settledBy) assert.equal(item.settledBy, "scrum-guide-2020", item.id);
      assert.doesNotMatch(item.verdict, /^(Settled|Open|Left open)\b/, `${item.id}: the sidebar's label says that`);
    }
    const daily = guidance.contradictions.items.find((i) => i.id === "daily-scrum");
    assert.equal(daily?.settledBy, "scrum-guide-2020");
    assert.ok(
      guidance.contradictions.items.some((i) => !i.settledBy),
      "some questions stay open",
    );
  });

  it("has the self-check, what the roles share, the risks of one person in both, and days in the life", () => {
    assert.ok(guidance.selfCheck.questions.length >= 6);
    for (const q of guidance.selfCheck.questions) assert.ok(q.productOwner && q.productManager, q.id);
    assert.ok(guidance.shared.length >= 5);
    const risks = guidance.combinedRole.risks.map((r) => r.id);
    assert.ok(risks.includes("conflict-of-interest") && risks.includes("which-hat"));
    const roles = guidance.dayInTheLife.days.map((d) => d.role);
    assert.ok(roles.includes("productOwner") && roles.includes("productManager"));
    const poDay = guidance.dayInTheLife.days.find((d) => d.role === "productOwner");
    assert.match(poDay?.slots.map((s) => s.activity).join(" ") ?? "", /Daily Scrum; the Product Owner is not needed there/);
  });

  it("has interview preparation, the PO's ceiling and the move to PM, certifications and industries", () => {
    assert.deepEqual(
      guidance.interviews.roles.map((r) => r.role),
      ["productOwner", "productManager"],
    );
    for (const r of guidance.interviews.roles) assert.ok(r.questions.length >= 4 && r.focus.length >= 3 && r.bring.length >= 2);
    assert.match(guidance.careerMove.ceiling, /ceiling/);
    assert.ok(guidance.careerMove.steps.length >= 4);
    const certs = new Map(guidance.certifications.items.map((c) => [c.id, c]));
    for (const id of ["cspo", "pspo", "safe-popm", "pragmatic"]) assert.ok(certs.has(id), id);
    assert.equal(certs.get("cspo")?.issuer, "Scrum Alliance");
    assert.equal(certs.get("pspo")?.issuer, "Scrum.org");
    for (const c of certs.values()) assert.ok(c.format && c.worth, c.id);
    assert.ok(guidance.industries.items.length >= 4);
  });

  it("defines every KPI, for both roles", () => {
    for (const role of ["productOwner", "productManager"]) {
      assert.ok(guidance.kpis.items.filter((k) => k.role === role).length >= 4, role);
    }
    for (const k of guidance.kpis.items) assert.ok(k.definition.length > 20, k.id);
    assert.match(guidance.kpis.items.find((k) => k.id === "nps")?.definition ?? "", /9 or 10 minus .* 0 to 6/);
  });
});

describe("salaries", () => {
  it("come from every article that gives figures, by level where it gives levels", () => {
    const bySource = new Map(guidance.salaries.sets.map((s) => [s.source, s]));
    for (const source of ["lister", "iopl", "best-pm-jobs", "ignition"]) assert.ok(bySource.has(source), source);
    assert.ok(!bySource.has("bluebird"), "Bluebird gives no figures");
    assert.equal(bySource.get("lister")?.year, "2024");
    assert.equal(bySource.get("best-pm-jobs")?.year, "2026");
    assert.equal(bySource.get("lister")?.levels?.length, 4);
    assert.equal(bySource.get("best-pm-jobs")?.levels?.length, 5);
  });

  it("reads ranges and works out their overlap", () => {
    const po = parsePayRange("$110,000 - $140,000");
    const pm = parsePayRange("$110,000 - $150,000");
    assert.deepEqual(po, { low: 110_000, high: 140_000, openEnded: false });
    assert.deepEqual(parsePayRange("$150,000 - $190,000+"), { low: 150_000, high: 190_000, openEnded: true });
    assert.equal(parsePayRange("$90k"), undefined);
    assert.ok(po && pm);
    assert.equal(formatPayRange(overlapOf(po, pm) ?? po), "$110,000 - $140,000");
    const touching = parsePayRange("$80,000 - $110,000");
    assert.ok(touching);
    assert.equal(overlapOf(po, touching), undefined, "ranges that only touch do not overlap");
    assert.equal(shortPayText("$180,000 - $250,000+"), "$180k–$250k+");
    assert.equal(shortPayText("$76,274 - $155,131"), "$76,274–$155,131", "exact figures stay exact");
  });

  it("says plainly how far PO ranges reach into PM ranges", () => {
    const lister = guidance.salaries.sets.find((s) => s.source === "lister");
    const best = guidance.salaries.sets.find((s) => s.source === "best-pm-jobs");
    assert.ok(lister && best);
    assert.deepEqual(crossLevelOverlaps(lister), [
      { level: "Junior", productManagerLevels: ["Junior"] },
      { level: "Mid-level", productManagerLevels: ["Junior", "Mid-level"] },
      { level: "Senior", productManagerLevels: ["Mid-level"] },
    ]);
    assert.match(
      crossLevelSentence(best) ?? "",
      /Staff \/ principal PO overlaps PM Mid-level \(3-5 years\), Senior \(5-8 years\) and Staff \/ principal/,
    );
  });
});

describe("our own words", () => {
  /**
   * Short runs of words characteristic of the Scrum Guide 2020 (Schwaber and Sutherland, CC BY-SA 4.0), quoted
   * here only to check that the guidance does not repeat them: it paraphrases the Guide instead.
   */
  const GUIDE_PHRASES = [
    "single source of work undertaken",
    "emergent, ordered list of what is needed",
    "second to last event of the sprint",
    "formal opportunity to inspect and adapt",
    "concrete stepping stone toward the product goal",
    "no changes are made that would endanger",
    "deemed ready for selection",
    "most impactful improvements are addressed as soon as possible",
    "the entire organization must respect their decisions",
    "additive to all prior increments",
    "a plan by and for the developers",
    "generate more learning cycles",
    "progress toward the product goal is discussed",
    "adjusted to meet new opportunities",
    "same time and place to reduce complexity",
    "minimize the need for meetings",
    "further defining product backlog items into smaller more precise items",
    "formal description of the state of the increment",
    "no sub-teams or hierarchies",
    "committed to creating any aspect of a usable increment",
    "whatever structure and techniques they want",
    "heartbeat of scrum",
  ];
  const fold = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[‘’]/g, "'")
      .replace(/[^a-z0-9' ]+/g, " ")
      .replace(/\s+/g, " ")
      .trim();

  it("does not repeat the Scrum Guide's sentences", () => {
    for (const [path, text] of prose) {
      for (const phrase of GUIDE_PHRASES) assert.ok(!fold(text).includes(fold(phrase)), `${path} repeats the Guide: "${phrase}"`);
    }
  });

  const SEEDS = join(REPO_ROOT, "..", "shared", "seeds");
  it(
    "shares no run of seven words with any of the articles",
    { skip: !existsSync(SEEDS) && "the articles are not on this machine" },
    () => {
      const RUN = 7;
      // The two titles are one idea each; otherwise "a Product Manager and a Product Owner" would count as seven words.
      const words = (s: string): string[] =>
        fold(
          s
            .replace(/product owners?/gi, "po")
            .replace(/product managers?/gi, "pm")
            .replace(/scrum masters?/gi, "sm"),
        ).split(" ");
      const runs = (ws: string[]): Set<string> =>
        new Set(ws.slice(0, Math.max(0, ws.length - RUN + 1)).map((_, i) => ws.slice(i, i + RUN).join(" ")));
      const articles = readdirSync(SEEDS).map((f) => ({ file: f, runs: runs(words(readFileSync(join(SEEDS, f), "utf8"))) }));
      // Proper names (an issuer's full name) are the article's and ours alike.
      for (const [path, text] of prose.filter(([p]) => !/\/(issuer|name)$/.test(p))) {
        for (const run of runs(words(text))) {
          for (const article of articles) assert.ok(!article.runs.has(run), `${path} follows ${article.file}: "${run}"`);
        }
      }
    },
  );
});
