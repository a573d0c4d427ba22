// Part-of-speech tagging of a story's means with `compromise`, so rules can tell a verb from a noun.
import nlp from "compromise/two";
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

interface CompromiseTerm {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}

/**
 * Tags the words of a means. `text` is the means as written and `start` its file offset. Lower-cased first
 * when that keeps the length, because title-cased corpus stories ("I want to Submit Application") would
 * otherwise read as proper nouns.
 */
export function tagMeans(text: string, start: number): TaggedWord[] {
  const lowered = text.toLowerCase();
  const input = CONTEXT + (lowered.length === text.length ? lowered : text);
  const json = nlp(input).json({ offset: true, terms: { offset: true } }) as { terms: CompromiseTerm[] }[];
  const words: TaggedWord[] = [];
  for (const sentence of json) {
    for (const term of sentence.terms) {
      const local = term.offset.start - CONTEXT.length;
      if (local < 0) continue;
      const end = local + term.offset.length;
      words.push({
        text: text.slice(local, end),
        span: { start: start + local, end: start + end },
        tags: new Set(term.tags),
        pre: "",
        post: "",
      });
    }
  }
  // compromise drops punctuation from its terms; the rules need commas and quotes, so read them off the text.
  return words.map((w, i) => {
    const previousEnd = words[i - 1]?.span.end ?? start;
    const nextStart = words[i + 1]?.span.start ?? start + text.length;
    return { ...w, pre: text.slice(previousEnd - start, w.span.start - start), post: text.slice(w.span.end - start, nextStart - start) };
  });
}

/** A verb in the base form a means uses for a capability ("search", "filter"), not a participle or copula. */
export function isActionVerb(word: TaggedWord | undefined): boolean {
  if (!word || !word.tags.has("Verb")) return false;
  if (word.tags.has("Copula") || word.tags.has("Auxiliary") || word.tags.has("Modal")) return false;
  if (word.tags.has("PastTense") || word.tags.has("Participle") || word.tags.has("Gerund")) return false;
  return word.tags.has("Infinitive") || word.tags.has("PresentTense") || word.tags.has("Imperative");
}
