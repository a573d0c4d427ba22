// The guidance data, checked when it loads: by its JSON Schema, then for references a schema cannot express.
import Ajv from "ajv";
import generated from "../../../guidance/guidance.generated.json";
import guidanceSchema from "../../../schemas/guidance.schema.json";
import { TermIndex } from "./lookup";
import { PROFILE_LISTS, type Guidance, type GuidanceEntry, type ProfileList, type RoleProfile } from "./types";

/** The data and what was wrong with it; invalid data is replaced by empty guidance rather than served half-checked. */
export interface GuidanceLoad {
  readonly guidance: Guidance;
  readonly errors: readonly string[];
}

const EMPTY_PROFILE: RoleProfile = {
  title: "",
  ...(Object.fromEntries(PROFILE_LISTS.map((list) => [list, []])) as unknown as Record<ProfileList, string[]>),
  sources: Object.fromEntries(PROFILE_LISTS.map((list) => [list, []])) as unknown as Record<ProfileList, string[]>,
};

/** What is served when the bundled data is broken: hovers and sidebar stay quiet instead of the server failing. */
export const EMPTY_GUIDANCE: Guidance = {
  sources: [],
  entries: [],
  comparison: { note: "", rows: [] },
  profiles: { productOwner: EMPTY_PROFILE, productManager: EMPTY_PROFILE },
  organisations: [],
  decisions: { note: "", rows: [] },
  shared: [],
  combinedRole: { note: "", sources: [], risks: [] },
  contradictions: { note: "", items: [] },
  selfCheck: { note: "", sources: [], questions: [] },
  dayInTheLife: { note: "", days: [] },
  interviews: { note: "", roles: [] },
  careerMove: { ceiling: "", steps: [], sources: [] },
  certifications: { note: "", sources: [], items: [] },
  industries: { note: "", sources: [], items: [] },
  salaries: { note: "", sets: [] },
  kpis: { note: "", items: [] },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The source ids a node of the data cites itself: `sources` (a list, or lists by name), `source`, `settledBy`. */
function citedBy(node: Record<string, unknown>): unknown[] {
  const sources = node["sources"];
  const lists = Array.isArray(sources) ? [sources] : isRecord(sources) ? Object.values(sources) : [];
  const ids: unknown[] = lists.flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
  for (const key of ["source", "settledBy"]) if (node[key] !== undefined) ids.push(node[key]);
  return ids;
}

/**
 * Every cited source must exist, and every item of every list (an entry, a row, a card, a figure) must cite at least
 * one, itself, through what holds it (a time slot through its day) or through every item it holds (a decision
 * through its cells). Walks the data without knowing its sections,
 * so a section added later cannot slip through unsourced.
 */
export function sourceErrors(guidance: Guidance): string[] {
  const known = new Set(guidance.sources.map((s) => s.id));
  const errors: string[] = [];
  const walk = (value: unknown, path: string, sourced: boolean, listItem: boolean): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}/${i}`, sourced, true));
      return;
    }
    if (!isRecord(value)) return;
    const ids = citedBy(value);
    // Sources by list name (a role profile): every list beside them needs sources of its own.
    const byList = value["sources"];
    if (isRecord(byList)) {
      for (const [key, child] of Object.entries(value)) {
        const listIds = byList[key];
        if (Array.isArray(child) && !(Array.isArray(listIds) && listIds.length > 0)) errors.push(`${path}/${key} names no source`);
      }
    }
    for (const id of ids) if (typeof id !== "string" || !known.has(id)) errors.push(`${path} cites unknown source ${String(id)}`);
    const here = sourced || ids.length > 0;
    // A row made of cells (a decision, a disagreement's claims) is sourced through each of them, which are checked.
    const holdsItems = Object.values(value).some((child) => Array.isArray(child) && child.some(isRecord));
    if (listItem && !here && !holdsItems) errors.push(`${path} names no source`);
    for (const [key, child] of Object.entries(value)) if (key !== "sources") walk(child, `${path}/${key}`, here, false);
  };
  for (const [key, value] of Object.entries(guidance)) if (key !== "sources" && key !== "$comment") walk(value, `/${key}`, false, false);
  return errors;
}

/** Ids must be unique, references must point at something, and no phrase may name two entries. */
export function referenceErrors(guidance: Guidance): string[] {
  const errors: string[] = [];
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
  for (const entry of guidance.entries) {
    if (entry.pairedWith && !entryIds.has(entry.pairedWith)) errors.push(`entry ${entry.id} is paired with unknown ${entry.pairedWith}`);
    if (entry.refersTo && !entryIds.has(entry.refersTo)) errors.push(`entry ${entry.id} refers to unknown ${entry.refersTo}`);
    if (entry.kind === "event" && entry.id !== "scrum-events" && !entry.timebox) errors.push(`event ${entry.id} has no timebox`);
  }
  return [...errors, ...sourceErrors(guidance)];
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

/** The entry an entry stands for: itself, or the one a misconception or older name refers to ("grooming"). */
export function meaningOf(guidance: Guidance, entry: GuidanceEntry): GuidanceEntry {
  return (entry.refersTo && entryById(guidance, entry.refersTo)) || entry;
}

/** The entry with an id, if any. */
export function entryById(guidance: Guidance, id: string): GuidanceEntry | undefined {
  return guidance.entries.find((e) => e.id === id);
}
