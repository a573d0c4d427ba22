// Finds Given/When/Then steps inside acceptance criteria, in every language of the Gherkin dialects.
import dialects from "@cucumber/gherkin/dist/gherkin-languages.json";
import type { Span } from "../model";
import { isSpace } from "../parse/text-lines";

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
  /** The keyword with a capital first letter ("Given"), when that is how it is usually written; reused as the step's text. */
  readonly capital: string | undefined;
}

interface DialectKeywords {
  readonly language: string;
  /** Every keyword with its kind, longest first so "Gegeben seien" wins over "Gegeben sei". */
  readonly keywords: readonly Keyword[];
  /** The same keywords by their first character's code, in the same order: a criterion is read against a few, not all. */
  readonly byFirst: ReadonlyMap<number, readonly Keyword[]>;
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
          const capital = /^[a-z]/.test(word) ? word.charAt(0).toUpperCase() + word.slice(1) : undefined;
          return { word, kind, needsEdge, capital };
        }),
    ).sort((a, b) => b.word.length - a.word.length);
    const byFirst = new Map<number, Keyword[]>();
    for (const k of keywords) {
      const first = k.word.charCodeAt(0);
      const list = byFirst.get(first);
      if (list) list.push(k);
      else byFirst.set(first, [k]);
    }
    return { language, keywords, byFirst };
  });

/** The dialects that have a keyword starting with a character, in the order of DIALECTS. */
const DIALECTS_BY_FIRST = new Map<number, DialectKeywords[]>();
for (const d of DIALECTS) {
  for (const first of d.byFirst.keys()) {
    const list = DIALECTS_BY_FIRST.get(first);
    if (list) list.push(d);
    else DIALECTS_BY_FIRST.set(first, [d]);
  }
}

const ENGLISH = DIALECTS[0];

/** An ASCII capital letter's lower case; every other character as it is (the text is ASCII or already lower-cased). */
function lower(code: number): number {
  return code >= 65 && code <= 90 ? code | 32 : code;
}

const isBlank = (code: number): boolean => code === 32 || code === 9;

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Whether a character continues a word (a letter, a digit or an underscore), so a keyword before it is no whole word. */
function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
  return WORD_CHAR.test(String.fromCharCode(code));
}

/** The keyword of `dialect` that starts at `at` in `folded` (compared in lower case), longest first. */
function keywordAt(folded: string, at: number, dialect: DialectKeywords): Keyword | undefined {
  const candidates = dialect.byFirst.get(lower(folded.charCodeAt(at)));
  if (!candidates) return undefined;
  next: for (const k of candidates) {
    const word = k.word;
    const end = at + word.length;
    if (end > folded.length) continue;
    for (let j = 1; j < word.length; j++) if (lower(folded.charCodeAt(at + j)) !== word.charCodeAt(j)) continue next;
    // A keyword must end a word, except in scripts written without spaces (Chinese, Japanese, Korean, Thai).
    if (k.needsEdge && end < folded.length && isWordChar(folded.charCodeAt(end))) continue;
    return k;
  }
  return undefined;
}

/** The first keyword of a criterion's text, in whichever dialect has one there. */
function detectDialect(folded: string, start: number): DialectKeywords | undefined {
  for (const d of DIALECTS_BY_FIRST.get(lower(folded.charCodeAt(start))) ?? []) {
    const k = keywordAt(folded, start, d);
    if (k && (k.kind === "given" || k.kind === "when" || k.kind === "then")) return d;
  }
  return undefined;
}

/** Past a list bullet ("- ", "* ", "1. ", "2) ") at `at`, or `at` when there is none. */
function afterBullet(folded: string, at: number): number {
  const c = folded.charCodeAt(at);
  let i = at + 1;
  if (c >= 48 && c <= 57) {
    while (isDigit(folded.charCodeAt(i))) i++;
    const d = folded.charCodeAt(i);
    if (d !== 46 && d !== 41) return at;
    i++;
  } else if (c !== 45 && c !== 42 && c !== 43) return at;
  if (!isSpace(folded.charCodeAt(i))) return at;
  while (isSpace(folded.charCodeAt(i))) i++;
  return i;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Past the blanks after a step boundary, and a list bullet with the blanks after it. */
function afterGap(folded: string, at: number): number {
  let i = at;
  while (isBlank(folded.charCodeAt(i))) i++;
  const c = folded.charCodeAt(i);
  if ((c === 45 || c === 42 || c === 43) && isBlank(folded.charCodeAt(i + 1))) {
    i += 2;
    while (isBlank(folded.charCodeAt(i))) i++;
  }
  return i;
}

/** The keyword as written in the criterion: the keyword's own string when it is written in lower case or capitalised. */
function writtenAs(text: string, at: number, k: Keyword): string {
  if (text.startsWith(k.word, at)) return k.word;
  if (k.capital !== undefined && text.startsWith(k.capital, at)) return k.capital;
  return text.slice(at, at + k.word.length);
}

function step(text: string, at: number, k: Keyword, base: number): StepKeyword {
  const start = base + at;
  return { kind: k.kind, text: writtenAs(text, at, k), span: { start, end: start + k.word.length } };
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

const BARE: Readonly<Record<"when" | "then", Keyword>> = {
  when: { word: "when", kind: "when", needsEdge: false, capital: "When" },
  then: { word: "then", kind: "then", needsEdge: false, capital: "Then" },
};

/**
 * Reads the step keywords of a criterion: at the start of each line and after a comma or semicolon, as in
 * "Given a cart, when I pay, then I get a receipt". `base` is the criterion's file offset. A criterion that
 * starts with no Given/When/Then keyword in any dialect has no steps.
 *
 * One pass over the characters, compared in lower case without a lower-cased copy when the text is ASCII (the
 * same results as `toLowerCase` there); other text is lower-cased first, and not read when that changes its length.
 */
export function criterionSteps(text: string, base: number): CriterionSteps | undefined {
  const length = text.length;
  const folded = isAscii(text) ? text : text.toLowerCase();
  if (folded.length !== length) return undefined;
  let start = 0;
  while (start < length && isSpace(folded.charCodeAt(start))) start++;
  if (start === length) return undefined;
  // Leading list bullets or a "Scenario:" line may precede the first step.
  const dialect = detectDialect(folded, afterBullet(folded, start));
  if (!dialect) return undefined;
  const steps: StepKeyword[] = [];
  let whens = 0;
  let thens = 0;
  let givens = 0;
  // Steps start at the start of the text, of each line, and after a comma, semicolon or colon, past blanks and
  // a bullet. The first character is the start of the text, never a boundary of its own.
  for (let i = 0; i < length; i++) {
    const c = i === 0 ? -1 : folded.charCodeAt(i);
    if (i > 0 && c !== 10 && c !== 44 && c !== 59 && c !== 58) continue;
    const at = afterGap(folded, i === 0 ? 0 : i + 1);
    if (at >= length) continue;
    const k = keywordAt(folded, at, dialect);
    if (!k) continue;
    // After a comma, "and"/"but" usually join words inside one step ("when I tick a box, and pay"): only a
    // line-initial one opens a step.
    if ((k.kind === "and" || k.kind === "but") && c !== -1 && c !== 10) continue;
    steps.push(step(text, at, k, base));
    if (k.kind === "when") whens++;
    else if (k.kind === "then") thens++;
    else if (k.kind === "given") givens++;
  }
  // English criteria often leave out the comma: "Given a card when I pay then it is charged". Only a bare word
  // of a kind otherwise missing is taken: "then" or "when" as ordinary words are common.
  if (dialect === ENGLISH && steps.length > 0 && (whens === 0 || thens === 0)) {
    let added = false;
    for (let i = 0; i + 6 <= length; i++) {
      if (!isSpace(folded.charCodeAt(i)) || !isSpace(folded.charCodeAt(i + 5)) || lower(folded.charCodeAt(i + 2)) !== 104) continue;
      const first = lower(folded.charCodeAt(i + 1));
      if (lower(folded.charCodeAt(i + 3)) !== 101 || lower(folded.charCodeAt(i + 4)) !== 110 || (first !== 119 && first !== 116)) continue;
      const k = first === 119 ? BARE.when : BARE.then;
      const at = i + 1;
      // The match takes the space after the word: the next one starts after it.
      i += 5;
      if ((k.kind === "when" ? whens : thens) > 0 || steps.some((s) => s.span.start === base + at)) continue;
      steps.push(step(text, at, k, base));
      added = true;
      if (k.kind === "when") whens++;
      else thens++;
      if (whens > 0 && thens > 0) break;
    }
    if (added) steps.sort((a, b) => a.span.start - b.span.start);
  }
  // Many dialects' keywords are ordinary English words ("Data", "Dan", "Als"): another language is only taken
  // when the criterion has at least two different step keywords of it.
  if (dialect !== ENGLISH && (givens > 0 ? 1 : 0) + (whens > 0 ? 1 : 0) + (thens > 0 ? 1 : 0) < 2) return undefined;
  // A copy of exactly the steps' length: the list grown by push has room for 16, and the steps are kept.
  return { language: dialect.language, steps: steps.slice() };
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
