// Text normalisation and similarity measures for duplicate stories and nearest-persona suggestions.
import { REQUEST_SYNONYM_GROUPS } from "./word-lists";

const STOP_WORDS = new Set([
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

/** Lower-cased words, apostrophes kept, everything else a separator. */
export function words(text: string): string[] {
  const lowered = text.toLowerCase();
  if (!isAscii(lowered)) return lowered.match(/[\p{L}\p{N}']+/gu) ?? [];
  // ASCII: the same words read by hand, without a regular expression.
  const found: string[] = [];
  let start = -1;
  for (let i = 0; i <= lowered.length; i++) {
    if (i < lowered.length && isWordCode(lowered.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      found.push(lowered.slice(start, i));
      start = -1;
    }
  }
  return found;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** An ASCII character of a word as `words` has them, in lower case: a letter, a digit or an apostrophe. */
const isWordCode = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39;

/** `\w` of a regular expression without the u flag. */
const isRegexWordCode = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;

/** Whether the three characters before `end` are all `\w` (the stem's look-behind). */
function threeWordCodesBefore(word: string, end: number): boolean {
  return (
    end >= 3 &&
    isRegexWordCode(word.charCodeAt(end - 1)) &&
    isRegexWordCode(word.charCodeAt(end - 2)) &&
    isRegexWordCode(word.charCodeAt(end - 3))
  );
}

/**
 * A crude stem: enough to treat "reports"/"report" and "searching"/"search" alike. Drops a final "'s", then
 * the first of "ing", "ed"/"es", "s" that ends the word after three word characters, then such a final "e".
 */
export function stem(word: string): string {
  let end = word.length;
  if (word.endsWith("'s")) end -= 2;
  const ends = (suffix: string): boolean => end >= suffix.length && word.startsWith(suffix, end - suffix.length);
  if (ends("ing") && threeWordCodesBefore(word, end - 3)) end -= 3;
  else if ((ends("ed") || ends("es")) && threeWordCodesBefore(word, end - 2)) end -= 2;
  else if (ends("s") && threeWordCodesBefore(word, end - 1)) end -= 1;
  if (ends("e") && threeWordCodesBefore(word, end - 1)) end -= 1;
  return end === word.length ? word : word.slice(0, end);
}

/** The content words of a text, stemmed. */
export function contentStems(text: string): string[] {
  const stems: string[] = [];
  for (const w of words(text)) if (!STOP_WORDS.has(w)) stems.push(stem(w));
  return stems;
}

/** Normalised text for exact-duplicate comparison: words only, lower case. */
export function normalise(text: string): string {
  const lowered = text.toLowerCase();
  // Most texts are already words with single spaces between them: then they are their own normal form.
  if (isPlainWords(lowered)) return lowered;
  return words(text).join(" ");
}

/** Whether an ASCII text is words (as `words` reads them) with one space between each two and none around. */
function isPlainWords(lowered: string): boolean {
  if (lowered.length === 0) return false;
  let previousWord = false;
  for (let i = 0; i < lowered.length; i++) {
    const code = lowered.charCodeAt(i);
    if (isWordCode(code)) previousWord = true;
    else if (code === 32 && previousWord) previousWord = false;
    else return false;
  }
  return previousWord;
}

const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * A 32-bit hash of `normalise(text)`, read without building that text when it is ASCII: equal normal forms
 * have equal hashes, so two texts with different hashes surely normalise differently.
 */
export function normalisedHash(text: string): number {
  if (!isAscii(text)) return hashOf(normalise(text));
  let hash = FNV_BASIS;
  let inWord = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) code |= 32;
    if (!isWordCode(code)) {
      inWord = false;
      continue;
    }
    // The one space that `normalise` puts between two words.
    if (!inWord && started) hash = Math.imul(hash ^ 32, FNV_PRIME);
    hash = Math.imul(hash ^ code, FNV_PRIME);
    inWord = true;
    started = true;
  }
  return hash;
}

function hashOf(text: string): number {
  let hash = FNV_BASIS;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** Dice coefficient on word bigrams of the stems: 1 for equal texts, near 1 for near-duplicates. */
export function similarity(a: string, b: string): number {
  const grams = (t: string): string[] => {
    const w = words(t).map(stem);
    if (w.length < 2) return w;
    return w.slice(1).map((x, i) => `${w[i] ?? ""} ${x}`);
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.length === 0 || gb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of ga) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of gb) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}

/**
 * Edits between two words when swapping two neighbouring letters is one edit ("recieve" / "receive"), the usual
 * typo: the optimal string alignment distance. With a `limit`, any number above it once the distance is known to
 * exceed it: the near-duplicate index asks whether two words are one typo apart of every pair that may be, a few
 * thousand times for a backlog of a few hundred stories, and most are not. Three rows, not the whole table.
 */
export function typoDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let up = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  let leastUp = 0;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] as number) + 1);
      row[j] = best;
      if (best < least) least = best;
    }
    // A later row is never below the least of this one and the one before it (a swap reaches back two rows).
    if (least > limit && leastUp > limit) return limit + 1;
    [before, up, row] = [up, row, before];
    leastUp = least;
  }
  return up[b.length] as number;
}

/** Edit distance between two short strings (persona names), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** Contracted negations whose stem is not the word before "n't". */
const IRREGULAR_NEGATIONS: Readonly<Record<string, string>> = {
  "won't": "will not",
  "can't": "can not",
  "shan't": "shall not",
  "ain't": "is not",
};
const CONTRACTED_ENDINGS: readonly [string, string][] = [
  ["n't", " not"],
  ["'m", " am"],
  ["'re", " are"],
  ["'ve", " have"],
  ["'ll", " will"],
  ["'d", " would"],
];
const ARTICLES = new Set(["a", "an", "the"]);

/**
 * The words of a request as duplicates are compared (QUS-LABELS.md, unique): lower case, no punctuation, no
 * articles, contractions written out ("don't" and "do not", "cannot" and "can not" are one).
 */
export function requestKey(text: string): string {
  // Most texts are plain lower-case words once lowered: their key is the text without articles and with number
  // words as digits, made with at most two replaces instead of a string per word (this runs for every story).
  const lowered = text.toLowerCase();
  if (isPlainWords(lowered) && !lowered.includes("'") && !lowered.includes("cannot")) {
    let key = ARTICLE_WORDS.test(lowered) ? lowered.replace(ARTICLE_WORDS_ALL, "").trimStart() : lowered;
    if (NUMBER_WORD.test(key)) key = key.replace(NUMBER_WORD_ALL, (w) => NUMBER_WORDS[w] ?? w);
    return key;
  }
  return requestKeyOfWords(text);
}

const ARTICLE_WORDS = /(?:^|\s)(?:a|an|the)(?=\s|$)/;
const ARTICLE_WORDS_ALL = new RegExp(ARTICLE_WORDS.source, "g");
const NUMBER_WORD = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b/;
const NUMBER_WORD_ALL = new RegExp(NUMBER_WORD.source, "g");

/** `requestKey` word by word, for texts with punctuation, capitals, contractions or hyphens. */
function requestKeyOfWords(text: string): string {
  let out = "";
  // "e-mail" and "email", "one tap" and "1 tap" are written alike. Most texts have neither a curly quote nor a
  // hyphen: the replaces run only where they can change something (this runs for every story of a backlog).
  let joined = /[\u2018\u2019\u02bc]/.test(text) ? text.replace(/[\u2018\u2019\u02bc]/g, "'") : text;
  if (joined.includes("-")) joined = joined.replace(/(\p{L})-(?=\p{L})/gu, "$1");
  for (const raw of words(joined)) {
    const w = raw.includes("'") ? raw.replace(/^'+|'+$/g, "") : raw;
    if (w === "" || ARTICLES.has(w)) continue;
    const written = w.includes("'") || w === "cannot" ? contractionWrittenOut(w) : w;
    const key = NUMBER_WORDS[written] ?? written;
    out = out === "" ? key : `${out} ${key}`;
  }
  return out;
}

/** A contraction written out: "don't" as "do not", "won't" as "will not", "cannot" as "can not". */
function contractionWrittenOut(w: string): string {
  if (w === "cannot") return "can not";
  const irregular = IRREGULAR_NEGATIONS[w];
  if (irregular) return irregular;
  const ending = CONTRACTED_ENDINGS.find(([e]) => w.endsWith(e) && w.length > e.length);
  if (ending) return w.slice(0, -ending[0].length) + ending[1];
  if (w === "let's") return "let us";
  return IS_CONTRACTIONS.has(w) ? `${w.slice(0, -2)} is` : w;
}

/** Words whose "'s" is "is", never a possessive: "there's no queue" and "there is no queue" are one benefit. */
const IS_CONTRACTIONS = new Set([
  "it's",
  "that's",
  "there's",
  "here's",
  "what's",
  "who's",
  "where's",
  "when's",
  "why's",
  "how's",
  "he's",
  "she's",
]);

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  twelve: "12",
};

/** Each request synonym's stem by the stem of its group's first word. */
let canonicalStems: Map<string, string> | undefined;

/**
 * The content stems of a request with synonyms written as one ("view" as "see", "remove" as "delete"), for
 * duplicates said in other words: compare sets of these.
 */
export function requestStems(text: string): string[] {
  canonicalStems ??= new Map(REQUEST_SYNONYM_GROUPS.flatMap((g) => g.map((w): [string, string] => [stem(w), stem(g[0] ?? w)])));
  const canonical = canonicalStems;
  return contentStems(requestKey(text)).map((s) => canonical.get(s) ?? s);
}

/** A role as compared with persona names: lower case, no article, single spaces (rules and rename share it). */
export const roleKey = (text: string): string => normalise(text.replace(/^(?:an?|the)\s+/i, ""));
