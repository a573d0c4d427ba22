// Adapter for compromise/two, read as the project read it (server/core/nlp/pos.ts's term list and isActionVerb).
import nlp from "compromise/two";
import { inMeansContext, punctuationTag } from "./shared.mjs";

const CCONJ_WORDS = new Set(["and", "or", "but", "nor", "yet", "plus", "&"]);
const BE = new Set(["be", "is", "am", "are", "was", "were", "been", "being", "'s", "'re", "'m"]);
const POSSESSIVES = new Set(["my", "your", "his", "her", "its", "our", "their", "whose"]);

/** compromise's tags (a set per term) to the coarse set. */
function coarseTag(text, tags) {
  const w = text.toLowerCase();
  const has = (x) => tags.has(x);
  if (has("Auxiliary") || has("Copula") || has("Modal")) return "AUX";
  if (has("Negative")) return "PART";
  // compromise tags "be" as a plain infinitive; the coarse set makes every be AUX.
  if (has("Verb") && BE.has(w)) return "AUX";
  if (has("Verb")) {
    if (has("Infinitive") || has("Imperative")) return "VERB:base";
    if (has("Gerund")) return "VERB:ger";
    if (has("Participle")) return "VERB:part";
    if (has("PastTense")) return "VERB:past";
    if (has("PresentTense")) return "VERB:pres";
    return "VERB:base";
  }
  if (has("Pronoun") || has("There") || (has("Possessive") && POSSESSIVES.has(w))) return "PRON";
  if (has("QuestionWord")) return /^(what|who|whom|whose|which)$/.test(w) ? "PRON" : "ADV";
  if (has("Determiner")) return "DET";
  if (has("Preposition")) return "ADP";
  if (has("Conjunction")) return w === "to" ? "PART" : CCONJ_WORDS.has(w) ? "CCONJ" : "SCONJ";
  if (has("Adjective")) return "ADJ";
  if (has("Adverb")) return "ADV";
  if (has("Value") || has("Cardinal") || has("NumericValue") || has("TextValue")) return "NUM";
  if (has("Date") && /\d/.test(w)) return "NUM";
  if (has("Noun") || has("ProperNoun") || has("Acronym") || has("Date")) return "NOUN";
  if (has("Particle") || has("PhrasalVerb")) return "ADP";
  if (w === "/" || w === "&") return punctuationTag(w);
  return "X";
}

/** The terms from compromise's own term list (pre + text + post add up to the input), or from its JSON offsets. */
function tagText(input) {
  const out = [];
  let at = 0;
  let aligned = true;
  for (const sentence of nlp(input).docs)
    for (const term of sentence) {
      at += term.pre.length;
      if (input.slice(at, at + term.text.length) !== term.text) aligned = false;
      // Zero-length terms are the expanded "not" of "don't".
      if (term.text.length) out.push({ start: at, end: at + term.text.length, tag: coarseTag(term.text, term.tags) });
      at += term.text.length + term.post.length;
    }
  if (aligned && at === input.length) return out;
  return nlp(input)
    .json({ offset: true, terms: { offset: true } })
    .flatMap((s) => s.terms)
    .filter((t) => t.offset.length > 0)
    .map((t) => ({ start: t.offset.start, end: t.offset.start + t.offset.length, tag: coarseTag(t.text, new Set(t.tags)) }));
}

export function makeTagger() {
  return inMeansContext(tagText);
}
