// Finds Given/When/Then steps inside acceptance criteria, in every language of the Gherkin dialects.
import dialects from "@cucumber/gherkin/dist/gherkin-languages.json";
import type { Span } from "../model";

export type StepKind = "given" | "when" | "then" | "and" | "but";

/** One step keyword found in a criterion. */
export interface StepKeyword {
  readonly kind: StepKind;
  /** The keyword as written, e.g. "Given", "Angenommen", "Alors". */
  readonly text: string;
  readonly span: Span;
}

/** The steps of one criterion and the dialect they were read in. */
export interface CriterionSteps {
  readonly language: string;
  readonly steps: readonly StepKeyword[];
}

interface Keyword {
  readonly word: string;
  readonly kind: StepKind;
  /** Whether the keyword must end a word: not in scripts written without spaces (Chinese, Japanese, Korean, Thai). */
  readonly needsEdge: boolean;
}

interface DialectKeywords {
  readonly language: string;
  /** Every keyword with its kind, longest first so "Gegeben seien" wins over "Gegeben sei". */
  readonly keywords: readonly Keyword[];
  /** The same keywords by their first character, in the same order: a criterion is read against a few, not all. */
  readonly byFirst: ReadonlyMap<string, readonly Keyword[]>;
}

const KINDS: readonly StepKind[] = ["given", "when", "then", "and", "but"];

type DialectData = Record<string, Partial<Record<StepKind, string[]>>>;

/** Keywords of each dialect, English first so an English criterion is never read as a look-alike language. */
const DIALECTS: readonly DialectKeywords[] = Object.entries(dialects as unknown as DialectData)
  .sort(([a], [b]) => (a === "en" ? -1 : b === "en" ? 1 : 0))
  .map(([language, d]) => {
    const keywords = KINDS.flatMap((kind) =>
      (d[kind] ?? [])
        // "* " is a bullet in every dialect, not a keyword a criterion is written with.
        .filter((k) => k.trim() !== "*" && k.trim() !== "")
        .map((k): Keyword => {
          const word = k.trim().toLowerCase();
          const needsEdge =
            /[\p{L}\p{N}]$/u.test(word) &&
            !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]$/u.test(word);
          return { word, kind, needsEdge };
        }),
    ).sort((a, b) => b.word.length - a.word.length);
    const byFirst = new Map<string, Keyword[]>();
    for (const k of keywords) {
      const first = k.word.charAt(0);
      const list = byFirst.get(first);
      if (list) list.push(k);
      else byFirst.set(first, [k]);
    }
    return { language, keywords, byFirst };
  });

/** Whether the characters around a match make it a whole word (dialects without spaces, like Japanese, excepted). */
function isWordEdge(c: string | undefined): boolean {
  return c === undefined || !/[\p{L}\p{N}_]/u.test(c);
}

function keywordAt(folded: string, at: number, dialect: DialectKeywords): Keyword | undefined {
  for (const k of dialect.byFirst.get(folded.charAt(at)) ?? []) {
    if (!folded.startsWith(k.word, at)) continue;
    // A keyword must end a word, except in scripts written without spaces (Chinese, Japanese, Korean, Thai).
    if (k.needsEdge && !isWordEdge(folded[at + k.word.length])) continue;
    return k;
  }
  return undefined;
}

/** The first keyword of a criterion's text, in whichever dialect has one there. */
function detectDialect(folded: string, start: number): DialectKeywords | undefined {
  for (const d of DIALECTS) {
    const k = keywordAt(folded, start, d);
    if (k && (k.kind === "given" || k.kind === "when" || k.kind === "then")) return d;
  }
  return undefined;
}

const ENGLISH = DIALECTS[0];

/**
 * Reads the step keywords of a criterion: at the start of each line and after a comma or semicolon, as in
 * "Given a cart, when I pay, then I get a receipt". `base` is the criterion's file offset. A criterion that
 * starts with no Given/When/Then keyword in any dialect has no steps.
 */
export function criterionSteps(text: string, base: number): CriterionSteps | undefined {
  const folded = text.toLowerCase();
  const first = /\S/.exec(folded);
  if (!first) return undefined;
  // Leading list bullets or a "Scenario:" line may precede the first step.
  let start = first.index;
  const bullet = /^(?:[-*+]\s+|\d+[.)]\s+)/.exec(folded.slice(start));
  if (bullet) start += bullet[0].length;
  const dialect = folded.length === text.length ? detectDialect(folded, start) : undefined;
  if (!dialect) return undefined;
  const steps: StepKeyword[] = [];
  const boundary = /(^|\n|[,;:])[ \t]*(?:[-*+][ \t]+)?/g;
  for (const m of folded.matchAll(boundary)) {
    const at = (m.index ?? 0) + m[0].length;
    if (at >= folded.length) continue;
    const k = keywordAt(folded, at, dialect);
    if (!k) continue;
    // After a comma, "and"/"but" usually join words inside one step ("when I tick a box, and pay"): only a
    // line-initial one opens a step.
    if ((k.kind === "and" || k.kind === "but") && !/^(?:|\n)$/.test(m[1] ?? "")) continue;
    if (steps.some((s) => s.span.start === base + at)) continue;
    steps.push({ kind: k.kind, text: text.slice(at, at + k.word.length), span: { start: base + at, end: base + at + k.word.length } });
  }
  // English criteria often leave out the comma: "Given a card when I pay then it is charged".
  if (dialect === ENGLISH && steps.length > 0) {
    for (const m of folded.matchAll(/\s(when|then)\s/g)) {
      const at = (m.index ?? 0) + 1;
      if (steps.some((s) => s.span.start === base + at)) continue;
      const kind = m[1] as StepKind;
      // Only take a bare word when that kind is otherwise missing: "then" or "when" as ordinary words are common.
      if (steps.some((s) => s.kind === kind)) continue;
      steps.push({ kind, text: text.slice(at, at + kind.length), span: { start: base + at, end: base + at + kind.length } });
    }
  }
  steps.sort((a, b) => a.span.start - b.span.start);
  // Many dialects' keywords are ordinary English words ("Data", "Dan", "Als"): another language is only taken
  // when the criterion has at least two different step keywords of it.
  if (dialect !== ENGLISH && new Set(steps.map((s) => s.kind).filter((k) => k !== "and" && k !== "but")).size < 2) return undefined;
  return { language: dialect.language, steps };
}

/** The step keywords of a language, for completion. Unknown languages fall back to English. */
export function stepKeywords(language: string): string[] {
  const d = DIALECTS.find((x) => x.language === language) ?? ENGLISH;
  return d ? [...new Set(d.keywords.map((k) => k.word))] : [];
}

/** The original-case keywords of a language, by kind, for completion items. */
export function stepKeywordsByKind(language: string): { kind: StepKind; keyword: string }[] {
  const data = (dialects as unknown as DialectData)[language] ?? (dialects as unknown as DialectData)["en"] ?? {};
  return KINDS.flatMap((kind) => (data[kind] ?? []).filter((k) => k.trim() !== "*").map((k) => ({ kind, keyword: k.trim() })));
}
