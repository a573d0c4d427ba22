// What the packaged taggers' adapters share: the "I want to" context, a tokenizer for the Penn taggers, and Penn -> coarse tags.
//
// An adapter (one file per candidate, bundled by scripts/tagger-eval.ts) exports makeTagger(), which returns a
// function from a means to its tokens, [{ start, end, tag }] with offsets in the means and the coarse tags of
// server/core/nlp/tagger.ts (PUNCT for punctuation, X for what the coarse set cannot say).

/** The context the means is read in, as the project read it with compromise: after "I want to", lower-cased. */
const CONTEXT = "I want to ";

/** Wraps a tagger of whole texts ([{ start, end, tag }] in the text) into a tagger of means. */
export function inMeansContext(tagText) {
  return (means) => {
    const lower = means.toLowerCase();
    // Lower-casing that changes the length (rare letters) would move the offsets: keep the case then.
    const input = CONTEXT + (lower.length === means.length ? lower : means);
    return tagText(input)
      .filter((t) => t.start >= CONTEXT.length)
      .map((t) => ({ start: t.start - CONTEXT.length, end: t.end - CONTEXT.length, tag: t.tag }));
  };
}

const SCONJ_WORDS = new Set([
  "if",
  "whether",
  "because",
  "since",
  "though",
  "although",
  "while",
  "unless",
  "that",
  "so",
  "whereas",
  "once",
  "until",
  "till",
  "than",
]);
const BE = new Set(["be", "is", "am", "are", "was", "were", "been", "being", "'s", "'re", "'m"]);
const HAVE = new Set(["have", "has", "had", "having", "'ve"]);
const DO = new Set(["do", "does", "did"]);
const NEGATIONS = new Set(["not", "n't"]);
const isWord = (w) => /[A-Za-z0-9]/.test(w);
export const punctuationTag = (w) => (w === "/" || w === "&" ? "SYM" : "PUNCT");

/** Words (with inner - . '), contractions split the Penn way (do|n't, camper|'s), other characters one by one. */
export function tokenize(text) {
  const out = [];
  const re = /[A-Za-z0-9\u00C0-\u024F]+(?:[-.'\u2019][A-Za-z0-9\u00C0-\u024F]+)*|[^\sA-Za-z0-9\u00C0-\u024F]/g;
  for (const m of text.matchAll(re)) {
    const w = m[0];
    const s = m.index;
    const neg = /n['\u2019]t$/i.exec(w);
    const clitic = /['\u2019](?:s|d|ll|re|ve|m)$/i.exec(w);
    const cut = neg && neg.index > 0 ? neg.index : clitic && clitic.index > 0 ? clitic.index : 0;
    if (cut > 0) {
      out.push({ start: s, end: s + cut, w: w.slice(0, cut) });
      out.push({ start: s + cut, end: s + w.length, w: w.slice(cut) });
    } else out.push({ start: s, end: s + w.length, w });
  }
  return out;
}

/** Offsets for a tagger that returns token strings only: each is looked for after the previous one. */
export function locate(text, values) {
  const out = [];
  let at = 0;
  const lower = text.toLowerCase();
  for (const v of values) {
    let i = text.indexOf(v, at);
    if (i < 0 || i - at > 40) i = lower.indexOf(String(v).toLowerCase(), at);
    if (i < 0 || i - at > 40) {
      out.push(undefined);
      continue;
    }
    out.push({ start: i, end: i + v.length });
    at = i + v.length;
  }
  return out;
}

const PENN = {
  CC: "CCONJ",
  CD: "NUM",
  DT: "DET",
  PDT: "DET",
  WDT: "PRON",
  EX: "PRON",
  FW: "X",
  JJ: "ADJ",
  JJR: "ADJ",
  JJS: "ADJ",
  LS: "X",
  MD: "AUX",
  NN: "NOUN",
  NNS: "NOUN",
  NNP: "NOUN",
  NNPS: "NOUN",
  POS: "PART",
  PRP: "PRON",
  PRP$: "PRON",
  WP: "PRON",
  WP$: "PRON",
  RB: "ADV",
  RBR: "ADV",
  RBS: "ADV",
  WRB: "ADV",
  RP: "ADP",
  SYM: "SYM",
  UH: "X",
  VB: "VERB:base",
  VBD: "VERB:past",
  VBG: "VERB:ger",
  VBN: "VERB:part",
  VBP: "VERB:pres",
  VBZ: "VERB:pres",
};

/**
 * Penn Treebank tags ([{ start, end, w, penn }]) to the coarse set. Penn lumps some distinctions the coarse set
 * makes; they are read off the tagger's own output, as the UD converters do: TO is PART before a verb and ADP
 * otherwise; IN is SCONJ for the subordinators; "not" is PART; be is AUX; have is AUX before a participle and do
 * before a base form (adverbs and "not" between).
 */
export function mapPenn(tokens) {
  const words = tokens.filter((t) => isWord(t.w) || t.w === "/" || t.w === "&");
  const index = new Map(words.map((t, i) => [t, i]));
  const nextTag = (t) => {
    for (let j = index.get(t) + 1; j < words.length; j++) {
      const x = words[j];
      if (!/^RB/.test(x.penn ?? "") && !NEGATIONS.has(x.w.toLowerCase())) return x.penn ?? "";
    }
    return "";
  };
  return tokens.map((t) => {
    const w = t.w.toLowerCase();
    const p = t.penn ?? "";
    let tag;
    if (!isWord(t.w) && t.w !== "/" && t.w !== "&") tag = punctuationTag(t.w);
    else if (p === "TO") tag = /^(VB|MD)/.test(nextTag(t)) ? "PART" : "ADP";
    else if (p === "IN") tag = SCONJ_WORDS.has(w) ? "SCONJ" : "ADP";
    else if (NEGATIONS.has(w) && /^RB/.test(p)) tag = "PART";
    else if (/^VB/.test(p) && BE.has(w)) tag = "AUX";
    else if (/^VB/.test(p) && HAVE.has(w) && /^VB[ND]$/.test(nextTag(t))) tag = "AUX";
    else if (/^VB/.test(p) && DO.has(w) && /^VBP?$/.test(nextTag(t))) tag = "AUX";
    else if (w === "'d" || w === "'ll") tag = "AUX";
    else tag = PENN[p] ?? (/^[^A-Za-z]+$/.test(p) ? punctuationTag(t.w) : "X");
    return { start: t.start, end: t.end, tag };
  });
}
