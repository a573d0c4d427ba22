// The guidance data, checked when it loads: by its JSON Schema, then for references a schema cannot express.
import Ajv from "ajv";
import generated from "../../../guidance/guidance.generated.json";
import guidanceSchema from "../../../schemas/guidance.schema.json";
import { TermIndex } from "./lookup";
import type { Guidance, GuidanceEntry } from "./types";

/** The data and what was wrong with it; invalid data is replaced by empty guidance rather than served half-checked. */
export interface GuidanceLoad {
  readonly guidance: Guidance;
  readonly errors: readonly string[];
}

const EMPTY_PROFILE = {
  title: "",
  dayToDay: [],
  skills: [],
  metrics: [],
  challenges: [],
  background: [],
  entryPoints: [],
  careerLadder: [],
  careerMoves: [],
};

/** What is served when the bundled data is broken: hovers and sidebar stay quiet instead of the server failing. */
export const EMPTY_GUIDANCE: Guidance = {
  sources: [],
  entries: [],
  comparison: { note: "", rows: [] },
  profiles: { productOwner: EMPTY_PROFILE, productManager: EMPTY_PROFILE },
  organisations: [],
  salaries: { note: "", ranges: [] },
};

/** Ids must be unique, references must point at something, and no phrase may name two entries. */
export function referenceErrors(guidance: Guidance): string[] {
  const errors: string[] = [];
  const sourceIds = new Set(guidance.sources.map((s) => s.id));
  const entryIds = new Set<string>();
  const phrases = new Map<string, string>();
  const claim = (phrase: string, entry: GuidanceEntry): void => {
    const owner = phrases.get(phrase);
    if (owner && owner !== entry.id) errors.push(`'${phrase}' names both ${owner} and ${entry.id}`);
    phrases.set(phrase, entry.id);
  };
  for (const entry of guidance.entries) {
    if (entryIds.has(entry.id)) errors.push(`entry id ${entry.id} is used twice`);
    entryIds.add(entry.id);
    for (const alias of [...entry.aliases, ...(entry.shortNames ?? [])]) claim(alias, entry);
    for (const word of entry.exactCase ?? []) claim(word, entry);
  }
  const cited = [
    ...guidance.entries.map((e) => ({ where: `entry ${e.id}`, sources: e.sources })),
    ...guidance.comparison.rows.map((r) => ({ where: `comparison ${r.id}`, sources: r.sources })),
    ...guidance.organisations.map((o) => ({ where: `organisation ${o.id}`, sources: o.sources })),
    ...guidance.salaries.ranges.map((r) => ({ where: `salary ${r.source} ${r.year}`, sources: [r.source] })),
  ];
  for (const { where, sources } of cited) {
    for (const id of sources) if (!sourceIds.has(id)) errors.push(`${where} cites unknown source ${id}`);
  }
  for (const entry of guidance.entries) {
    if (entry.pairedWith && !entryIds.has(entry.pairedWith)) errors.push(`entry ${entry.id} is paired with unknown ${entry.pairedWith}`);
    if (entry.kind === "event" && entry.id !== "scrum-events" && !entry.timebox) errors.push(`event ${entry.id} has no timebox`);
  }
  return errors;
}

/** Checks a guidance document; used at load and by the tests. */
export function loadGuidance(value: unknown): GuidanceLoad {
  const validate = new Ajv({ allErrors: true, strict: false }).compile<Guidance>(guidanceSchema);
  if (!validate(value)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
    return { guidance: EMPTY_GUIDANCE, errors };
  }
  const errors = referenceErrors(value);
  return errors.length > 0 ? { guidance: EMPTY_GUIDANCE, errors } : { guidance: value, errors: [] };
}

let bundled: GuidanceLoad | undefined;

/**
 * The bundled guidance, checked against its schema once, on first use rather than when the module loads: the
 * check compiles the schema, which a CLI run over backlogs without a sprint never needs. `errors` is logged by the
 * server.
 */
export function bundledGuidance(): GuidanceLoad {
  return (bundled ??= loadGuidance(generated));
}

let bundledIndex: TermIndex | undefined;

/** The term index of the bundled guidance, built on first use. */
export function bundledTerms(): TermIndex {
  return (bundledIndex ??= new TermIndex(bundledGuidance().guidance));
}

/** The entry with an id, if any. */
export function entryById(guidance: Guidance, id: string): GuidanceEntry | undefined {
  return guidance.entries.find((e) => e.id === id);
}
