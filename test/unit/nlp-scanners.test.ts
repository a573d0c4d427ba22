// The hand-written scanners of the NLP helpers give what the regular expressions they replaced gave: each is
// compared with the old expression-based code (kept here as the reference) on real and on generated texts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import dialects from "@cucumber/gherkin/dist/gherkin-languages.json";
import type { CriterionSteps, StepKeyword, StepKind } from "../../server/core/nlp/gherkin";
import { criterionSteps } from "../../server/core/nlp/gherkin";
import { contentStems, normalise, normalisedHash, stem, words } from "../../server/core/nlp/similarity";
import { pick, seededRandom } from "../support/random";

// ---- the reference: criterionSteps as it was read with regular expressions ----

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
function referenceSteps(text: string, base: number): CriterionSteps | undefined {
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

// ---- the reference: the similarity helpers as they were ----

const refWords = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
const refStem = (word: string): string =>
  word
    .replace(/'s$/, "")
    .replace(/(?<=\w{3})(?:ing|ed|es|s)$/, "")
    .replace(/(?<=\w{3})e$/, "");
const refNormalise = (text: string): string => refWords(text).join(" ");
const STOP = new Set([
  "a",
  "an",
  "the",
  "to",
  "of",
  "in",
  "on",
  "for",
  "and",
  "or",
  "my",
  "our",
  "their",
  "i",
  "we",
  "be",
  "able",
  "can",
  "so",
  "that",
  "it",
  "is",
  "are",
  "with",
  "by",
  "from",
  "at",
  "as",
  "all",
  "any",
  "this",
  "these",
  "those",
  "me",
  "us",
  "them",
]);
const fnv = (text: string): number => {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
};

const KEYWORDS = Object.values(dialects as unknown as Record<string, Partial<Record<StepKind, string[]>>>).flatMap((d) =>
  (["given", "when", "then", "and", "but"] as const).flatMap((k) => (d[k] ?? []).map((w) => w.trim())),
);
const ENGLISH_WORDS = ["Given", "When", "Then", "And", "But", "given", "when", "then", "and", "but", "GIVEN", "* "];
const PIECES = [
  ...["a card", "I pay", "x", "when", "then", " when ", " then ", "WHEN", "Then", "whenever", "datas", "it's", "12"],
  ...[",", ", ", ";", ":", "\n", "\t", "- ", "* ", "+ ", "1. ", "12) ", "Scenario:", "\r\n", ".", "_", "9"],
  ...["İ", "ß", "Σ", "é", "\u00a0", "\u3000", "\u212a", "K", "ÄÖ", "'s", "ing", "ed", "es", "s", "e", "  "],
];

function generatedCriterion(random: () => number): string {
  const keywords = random() < 0.5 ? ENGLISH_WORDS : KEYWORDS;
  let text = random() < 0.2 ? pick(random, PIECES) : "";
  const steps = 1 + Math.floor(random() * 6);
  for (let i = 0; i < steps; i++) {
    text += (random() < 0.6 ? pick(random, keywords) : pick(random, PIECES)) + (random() < 0.7 ? " " : "");
    text += pick(random, PIECES) + (random() < 0.5 ? " " : "");
    text += pick(random, [", ", " ", "; ", ":", "\n", ",- ", " "]);
  }
  return random() < 0.2 ? text.toLowerCase() : text;
}

describe("criterionSteps, read in one pass", () => {
  it("finds the steps of a plain English criterion", () => {
    const steps = criterionSteps("Given a card, when I pay, then it is charged", 10);
    assert.equal(steps?.language, "en");
    assert.deepEqual(
      steps?.steps.map((s) => [s.kind, s.text, s.span.start, s.span.end]),
      [
        ["given", "Given", 10, 15],
        ["when", "when", 24, 28],
        ["then", "then", 36, 40],
      ],
    );
  });

  it("gives what the expression-based reading gave on 100,000 generated criteria in every dialect", () => {
    const random = seededRandom(6);
    for (let i = 0; i < 100_000; i++) {
      const text = generatedCriterion(random);
      const base = Math.floor(random() * 1000);
      assert.deepEqual(criterionSteps(text, base), referenceSteps(text, base), JSON.stringify(text));
    }
  });
});

describe("similarity, read by hand", () => {
  const random = seededRandom(9);
  const texts = Array.from({ length: 30_000 }, () => {
    let text = "";
    const n = Math.floor(random() * 8);
    for (let i = 0; i < n; i++) text += pick(random, PIECES) + pick(random, ["", " ", "", "ing", "es"]);
    return text;
  });

  it("words, stem, normalise and contentStems equal the expressions they replaced", () => {
    for (const text of texts) {
      assert.deepEqual(words(text), refWords(text), JSON.stringify(text));
      assert.equal(normalise(text), refNormalise(text), JSON.stringify(text));
      assert.equal(stem(text), refStem(text), JSON.stringify(text));
      for (const w of refWords(text)) assert.equal(stem(w), refStem(w), w);
      assert.deepEqual(
        contentStems(text),
        refWords(text)
          .filter((w) => !STOP.has(w))
          .map(refStem),
      );
    }
  });

  it("normalisedHash is the hash of the normal form", () => {
    for (const text of texts) assert.equal(normalisedHash(text), fnv(refNormalise(text)), JSON.stringify(text));
    assert.equal(normalisedHash("Given a card, when I pay"), normalisedHash("given A card when i pay!"));
  });
});
