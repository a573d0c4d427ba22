// Finds guidance terms in backlog text: phrases anywhere (with plurals and any separator), exact-case abbreviations,
// and whole names such as an event planned as "Review".
import type { Guidance, GuidanceEntry } from "./types";

/** A term found in a text, with its half-open offsets in that text. */
export interface TermMatch {
  readonly entry: GuidanceEntry;
  readonly start: number;
  readonly end: number;
}

/** Letters, digits and "_" glue words together: a term must not start or end inside a word. */
const BEFORE = "(?<![\\p{L}\\p{N}_])";
const AFTER = "(?![\\p{L}\\p{N}_])";
/** How far around the cursor a hover looks: every term is far shorter, and a huge line stays cheap. */
const WINDOW = 80;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "sprint review" also matches "Sprint-Review", "sprint_review", "sprintReview" and "sprint reviews". */
const phrasePattern = (alias: string): string =>
  alias.split(/[ -]+/).map(escapeRegExp).join("[ \\t_-]*") + (/[a-z]$/.test(alias) ? "s?" : "");

const normaliseName = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

/** The terms of one guidance data set, ready for lookups. Build it once per data set. */
export class TermIndex {
  private readonly phrases: RegExp | undefined;
  private readonly exact: RegExp | undefined;
  private readonly byPhrase = new Map<string, GuidanceEntry>();
  private readonly byExact = new Map<string, GuidanceEntry>();
  private readonly byWholeName = new Map<string, GuidanceEntry>();

  constructor(readonly guidance: Guidance) {
    for (const entry of guidance.entries) {
      for (const alias of entry.aliases) this.byPhrase.set(alias, entry);
      for (const word of entry.exactCase ?? []) this.byExact.set(word, entry);
      for (const name of [entry.name.toLowerCase(), ...entry.aliases, ...(entry.shortNames ?? [])]) {
        if (!this.byWholeName.has(normaliseName(name))) this.byWholeName.set(normaliseName(name), entry);
      }
    }
    // Longest first, so that at one position "product backlog refinement" wins over "product backlog".
    const aliases = [...this.byPhrase.keys()].sort((a, b) => b.length - a.length);
    if (aliases.length > 0) this.phrases = new RegExp(`${BEFORE}(?:${aliases.map(phrasePattern).join("|")})${AFTER}`, "giu");
    const words = [...this.byExact.keys()].sort((a, b) => b.length - a.length);
    // "at 3 PM" is a time of day, not a Product Manager.
    if (words.length > 0) this.exact = new RegExp(`${BEFORE}(?<!\\d\\s?)(?:${words.map(escapeRegExp).join("|")})${AFTER}`, "gu");
  }

  /** The entry of a phrase as it was found in text (any case, separator or plural). */
  private entryOfPhrase(found: string): GuidanceEntry | undefined {
    const folded = normaliseName(found);
    return this.byPhrase.get(folded) ?? this.byPhrase.get(folded.replace(/s$/, "")) ?? this.phraseIgnoringSeparators(folded);
  }

  /** "sprintreview" (from "sprintReview") has lost its space: compare without separators. */
  private phraseIgnoringSeparators(folded: string): GuidanceEntry | undefined {
    const bare = folded.replace(/ /g, "");
    for (const [alias, entry] of this.byPhrase) {
      const aliasBare = alias.replace(/[ -]/g, "");
      if (bare === aliasBare || bare === `${aliasBare}s`) return entry;
    }
    return undefined;
  }

  /** Every term in a text, left to right; where two overlap, the one found first and longest is kept. */
  termsIn(text: string): TermMatch[] {
    const found: TermMatch[] = [];
    for (const [pattern, resolve] of [
      [this.phrases, (s: string) => this.entryOfPhrase(s)],
      [this.exact, (s: string) => this.byExact.get(s)],
    ] as const) {
      if (!pattern) continue;
      for (const m of text.matchAll(pattern)) {
        const entry = resolve(m[0]);
        if (entry && m.index !== undefined) found.push({ entry, start: m.index, end: m.index + m[0].length });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: TermMatch[] = [];
    for (const match of found) if (!kept.some((k) => match.start < k.end && k.start < match.end)) kept.push(match);
    return kept;
  }

  /** The term under an offset of a text (its start or end included), looking only at the cursor's surroundings. */
  termAt(text: string, offset: number): TermMatch | undefined {
    const from = Math.max(0, offset - WINDOW);
    const to = Math.min(text.length, offset + WINDOW);
    const window = text.slice(from, to);
    const hit = this.termsIn(window).find((m) => m.start + from <= offset && offset <= m.end + from);
    return hit && { entry: hit.entry, start: hit.start + from, end: hit.end + from };
  }

  /** The entry a whole name stands for ("Review", "Backlog grooming"), else the first term inside it. */
  entryForName(name: string): GuidanceEntry | undefined {
    const folded = normaliseName(name);
    return this.byWholeName.get(folded) ?? this.byWholeName.get(folded.replace(/s$/, "")) ?? this.termsIn(name)[0]?.entry;
  }

  /** Every phrase a user may hover, with the entry it must resolve to (for tests and docs). */
  phrasesForTest(): { phrase: string; entryId: string }[] {
    return [
      ...[...this.byPhrase].map(([phrase, entry]) => ({ phrase, entryId: entry.id })),
      ...[...this.byExact].map(([phrase, entry]) => ({ phrase, entryId: entry.id })),
    ];
  }
}
