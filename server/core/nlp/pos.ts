// Part-of-speech tagging of a story's means with `compromise`, so rules can tell a verb from a noun.
import { compromise } from "./compromise";
import type { Span } from "../model";

/** One word of a tagged phrase, with its file span and compromise's tags (Verb, Noun, Conjunction ...). */
export interface TaggedWord {
  readonly text: string;
  readonly span: Span;
  readonly tags: ReadonlySet<string>;
  /** The characters between this word and the next (spaces, commas, quotes), as written. */
  readonly post: string;
  /** The characters before this word since the previous one, as written. */
  readonly pre: string;
}

/**
 * Prefixed to a means before tagging: the tagger reads "search and filter" as nouns on their own, but as verbs
 * after "I want to", which is how the story reads.
 */
const CONTEXT = "I want to ";

/** A tagged word with offsets inside the means, before they are moved to the file. */
interface LocalWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly tags: ReadonlySet<string>;
  readonly pre: string;
  readonly post: string;
}

interface CompromiseTerm {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
}

interface CompromiseJsonTerm {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}

/**
 * Tagging costs about a third of a millisecond a means, and a means is re-checked on every keystroke in its
 * file while most stories stay as they were: the results are kept by text. Bounded, so a long session does not
 * grow it without end; cleared as a whole when full (cheap, and the next pass refills what is still in use).
 */
const CACHE_LIMIT = 20_000;
const cache = new Map<string, readonly LocalWord[]>();

/** The words of the tagged input from compromise's own term list: the input is the concatenation of pre + text + post. */
function termsOf(input: string): { start: number; end: number; tags: ReadonlySet<string> }[] | undefined {
  const docs = (compromise()(input) as unknown as { docs: CompromiseTerm[][] }).docs;
  const out: { start: number; end: number; tags: ReadonlySet<string> }[] = [];
  let at = 0;
  for (const sentence of docs)
    for (const term of sentence) {
      at += term.pre.length;
      if (input.slice(at, at + term.text.length) !== term.text) return undefined;
      out.push({ start: at, end: at + term.text.length, tags: term.tags });
      at += term.text.length + term.post.length;
    }
  return at === input.length ? out : undefined;
}

/** The same through compromise's JSON output with offsets: slower, used when the term list does not add up. */
function termsOfJson(input: string): { start: number; end: number; tags: ReadonlySet<string> }[] {
  const json = compromise()(input).json({ offset: true, terms: { offset: true } }) as { terms: CompromiseJsonTerm[] }[];
  return json.flatMap((s) => s.terms.map((t) => ({ start: t.offset.start, end: t.offset.start + t.offset.length, tags: new Set(t.tags) })));
}

function tagLocal(text: string): readonly LocalWord[] {
  const cached = cache.get(text);
  if (cached) return cached;
  const lowered = text.toLowerCase();
  const input = CONTEXT + (lowered.length === text.length ? lowered : text);
  const terms = termsOf(input) ?? termsOfJson(input);
  const words: { text: string; start: number; end: number; tags: ReadonlySet<string> }[] = [];
  for (const term of terms) {
    const local = term.start - CONTEXT.length;
    if (local < 0) continue;
    const end = term.end - CONTEXT.length;
    words.push({ text: text.slice(local, end), start: local, end, tags: term.tags });
  }
  // compromise drops punctuation from its terms; the rules need commas and quotes, so read them off the text.
  const result = words.map((w, i) => ({
    ...w,
    pre: text.slice(words[i - 1]?.end ?? 0, w.start),
    post: text.slice(w.end, words[i + 1]?.start ?? text.length),
  }));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}

/**
 * Tags the words of a means. `text` is the means as written and `start` its file offset. Lower-cased first
 * when that keeps the length, because title-cased corpus stories ("I want to Submit Application") would
 * otherwise read as proper nouns.
 */
export function tagMeans(text: string, start: number): TaggedWord[] {
  return tagLocal(text).map((w) => ({
    text: w.text,
    span: { start: start + w.start, end: start + w.end },
    tags: w.tags,
    pre: w.pre,
    post: w.post,
  }));
}

/** A verb in the base form a means uses for a capability ("search", "filter"), not a participle or copula. */
export function isActionVerb(word: TaggedWord | undefined): boolean {
  if (!word || !word.tags.has("Verb")) return false;
  if (word.tags.has("Copula") || word.tags.has("Auxiliary") || word.tags.has("Modal")) return false;
  if (word.tags.has("PastTense") || word.tags.has("Participle") || word.tags.has("Gerund")) return false;
  return word.tags.has("Infinitive") || word.tags.has("PresentTense") || word.tags.has("Imperative");
}

/** compromise's lexicon: a word's tag when read on its own ("begin" -> "Infinitive", "end" -> "Singular"). */
let lexicon: Record<string, string | string[] | undefined> | undefined;
const lexiconOf = (): Record<string, string | string[] | undefined> =>
  (lexicon ??= (
    compromise() as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[] | undefined> } } } }
  ).world().model.one.lexicon);

/** Whether the dictionary knows the word only as a verb ("begin", "edit"), whatever the tagger made of it in context. */
export function isVerbOnlyWord(text: string): boolean {
  const entry = lexiconOf()[text.toLowerCase()];
  return entry === "Infinitive" || (Array.isArray(entry) && entry.includes("Infinitive"));
}
