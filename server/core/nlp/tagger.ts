// Part-of-speech tagging of a story's means, so rules can tell a verb from a noun ("search and filter" from "terms and conditions").
//
// A shallow tagger: wink-lexicon's Penn tag lists for 13k words (most frequent first), a list of software verbs that a
// newswire lexicon lacks, suffix guesses for the rest, and a few dozen left-to-right rules written for the text that
// follows "I want to" (a word after "and"/"or" takes the reading that parallels the phrase before it: "detect falls
// and send an alert", "its commit hash and build number"). Lookaheads and lookbacks are bounded, so a pass stays
// linear. It is measured against hand-labelled means (devset/pos/, `npm run eval:tagger`), where it beats the packaged
// taggers, and it loads in a few milliseconds. On other prose it is little more than a lexicon.
import lexiconData from "./lexicon.generated.json";

/** The form of a verb: base (infinitive, imperative), finite present or past, participle, gerund. */
export type VerbTag = "VERB:base" | "VERB:pres" | "VERB:past" | "VERB:part" | "VERB:ger";

/**
 * The coarse tags, close to Universal Dependencies' (every form of "be" is AUX; "to" is PART before a verb and ADP
 * otherwise; possessive determiners are PRON). "/" and "&" are SYM, other punctuation PUNCT.
 */
export type CoarseTag =
  VerbTag | "AUX" | "NOUN" | "ADJ" | "ADV" | "DET" | "ADP" | "PART" | "CCONJ" | "SCONJ" | "PRON" | "NUM" | "SYM" | "PUNCT";

/** One token of the tagged text, with half-open UTF-16 offsets into that text. */
export interface TaggedToken {
  /** The token as written. */
  readonly text: string;
  /** The token lower-cased, with a curly apostrophe read as a straight one: the form word lists match. */
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  readonly tag: CoarseTag;
}

/** A Penn Treebank tag, as wink-lexicon gives them ("VB", "NNS", "PRP$" ...). */
type Penn = string;
/** A word's possible Penn tags, most frequent first. */
type PennList = readonly Penn[];

// ---------------------------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------------------------

/** Closed-class words and their one tag, whatever the lexicon says ("that", "as", "to" are revised in context). */
const CLOSED: ReadonlyMap<string, CoarseTag> = new Map(
  (
    [
      ["DET", "the a an this these those any all each every some no another either neither both"],
      // "such as", "such a case": an adjective, as Universal Dependencies has it.
      ["ADJ", "such"],
      [
        "PRON",
        "i me my mine you your yours he him his she her hers it its we us our ours they them their theirs who whom whose " +
          "what which someone somebody anyone anybody everyone everybody something anything everything nothing myself " +
          "yourself himself herself itself ourselves themselves others there one",
      ],
      [
        "ADP",
        "of in on at by for with from about into onto over under between through via within without during after before " +
          "around across against among toward towards upon per like off out up down",
      ],
      ["CCONJ", "and or but nor plus"],
      ["SCONJ", "if whether because since though although while unless once until so that than as whereas"],
      ["AUX", "be is am are was were been being can could may might must shall should will would 'd 'll"],
      ["PART", "not n't to"],
      [
        "ADV",
        "when where why how also then very too only even just really soon again already always never often quite rather almost still more most well back",
      ],
      ["NUM", "zero two three four five six seven eight nine ten hundred thousand million first second third"],
    ] as const
  ).flatMap(([tag, words]) => words.split(" ").map((w): [string, CoarseTag] => [w, tag])),
);

/**
 * Software verbs that a 1990s newswire lexicon lacks or knows only as nouns (upload, unpublish, email, export ...),
 * written from general knowledge of the domain.
 */
const SOFTWARE_VERBS: ReadonlySet<string> = new Set(
  (
    "upload download delete browse email login logout log sign bookmark tag untag unpublish publish republish " +
    "deselect select unselect unsubscribe subscribe configure customise customize personalise personalize sync synchronise synchronize " +
    "export import filter sort search save print share edit view preview archive unarchive tweet post repost comment like " +
    "rate rank flag pin unpin map alias merge split clone copy paste drag drop zoom scroll click tap swipe restore " +
    "backup reset update upgrade install uninstall validate invalidate verify authenticate authorise authorize approve reject " +
    "assign unassign schedule reschedule notify remind invite register deregister enrol enroll unenroll book cancel refund " +
    "checkout pay invoice bill track monitor manage administer annotate moderate curate harvest index reindex normalise " +
    "normalize aggregate visualise visualize analyse analyze embed link unlink attach detach encrypt decrypt " +
    "version group ungroup categorise categorize label relabel rename reorder prioritise prioritize access contact message " +
    "chat call text favourite favorite follow unfollow block unblock mute unmute report"
  ).split(" "),
);

const DO = new Set(["do", "does", "did"]);
const HAVE = new Set(["have", "has", "had"]);
const BE = new Set(["be", "is", "am", "are", "was", "were", "been", "being"]);
/** Words that can be the subject of a clause: after one, the clause's verb is finite. */
const SUBJECT_PRONOUNS = new Set(["i", "you", "he", "she", "it", "we", "they", "who", "which", "that"]);
/** Words that open a subordinate or relative clause ("when I publish it", "what roles they have"). */
const CLAUSE_OPENERS = new Set([
  "if",
  "whether",
  "because",
  "since",
  "though",
  "although",
  "while",
  "unless",
  "once",
  "until",
  "so",
  "when",
  "where",
  "why",
  "how",
  "that",
  "which",
  "who",
  "what",
  "whose",
  "as",
]);
/** Pronouns (and possessives) that start a verb's object: "export it", "share my list". */
const OBJECT_STARTERS = new Set(["me", "my", "it", "its", "them", "their", "our", "your", "his", "her", "us", "you"]);
/** Object pronouns that cannot start a noun phrase: the verb before them is finite or base, the word after a bare infinitive. */
const OBJECT_PRONOUNS = new Set(["me", "them", "us", "him"]);
const POSSESSIVES = new Set(["my", "your", "his", "her", "its", "our", "their", "whose"]);
/** Verbs followed by an object and a bare infinitive: "help me identify", "let them choose". */
const BARE_INFINITIVE_VERBS = new Set(["help", "make", "let", "see", "have"]);
/** Particles that follow a verb ("set up", "give back", "look up"): after a conjunction, the word before is a verb. */
const PARTICLES = new Set(["up", "out", "back", "down", "off", "away"]);
/** Prepositions a verb takes as its complement ("deal with", "reply to", "pay for"), unlike "after" or "by". */
const COMPLEMENT_PREPOSITIONS = new Set(["to", "with", "for", "from", "about", "on", "in", "into", "onto", "at", "through"]);
/** Determiners that point: before a noun, the object of the verb before them ("operationalize that analysis"). */
const DEMONSTRATIVES = new Set(["this", "that", "these", "those"]);
/** Words "to" and a verb follow: "want to", "able to", "like to". */
const WANTING = new Set(["want", "wants", "like", "able", "need", "needs", "wish"]);
/** Nouns that say how a verb right after them acts, in its verb's place: "bulk upload", "batch delete", "mass edit". */
const VERB_MODIFIER_NOUNS = new Set(["bulk", "batch", "mass"]);
/** Determiners of one thing: a plural after "a X and" is not in the same noun phrase. */
const SINGULAR_DETERMINERS = new Set(["a", "an", "each", "every", "this", "that", "another"]);
/** Adverbs that may stand between a conjunction and the verb it joins: "and only share", "or then print". */
const LINKING_ADVERBS = new Set(["only", "also", "then", "just", "later", "optionally", "possibly", "even", "still", "afterwards"]);

const DEGREE_WORDS = new Set(["more", "most", "very", "too", "so", "less", "least"]);

const PENN_TO_COARSE: Readonly<Record<Penn, CoarseTag>> = {
  NN: "NOUN",
  NNS: "NOUN",
  NNP: "NOUN",
  NNPS: "NOUN",
  JJ: "ADJ",
  JJR: "ADJ",
  JJS: "ADJ",
  RB: "ADV",
  RBR: "ADV",
  RBS: "ADV",
  CD: "NUM",
  VB: "VERB:base",
  VBP: "VERB:pres",
  VBZ: "VERB:pres",
  VBD: "VERB:past",
  VBN: "VERB:part",
  VBG: "VERB:ger",
  IN: "ADP",
  DT: "DET",
  PRP: "PRON",
  PRP$: "PRON",
  MD: "AUX",
  CC: "CCONJ",
  WDT: "PRON",
  WP: "PRON",
  WP$: "PRON",
  WRB: "ADV",
  RP: "ADP",
  TO: "PART",
  EX: "PRON",
  PDT: "DET",
  POS: "PART",
  SYM: "SYM",
  // The coarse set has no X: a foreign word, a list marker or an interjection ("see also") is read as a name.
  FW: "NOUN",
  LS: "NOUN",
  UH: "NOUN",
};
const coarseOf = (penn: Penn | undefined): CoarseTag => (penn === undefined ? "NOUN" : (PENN_TO_COARSE[penn] ?? "NOUN"));

const PENN_OF_FORM: Readonly<Record<VerbTag, Penn>> = {
  "VERB:base": "VB",
  "VERB:pres": "VBP",
  "VERB:past": "VBD",
  "VERB:part": "VBN",
  "VERB:ger": "VBG",
};

const isVerbTag = (tag: string | undefined): tag is VerbTag => tag !== undefined && tag.startsWith("VERB:");
/** The form looked up in the word lists: lower case, a curly apostrophe as a straight one. */
const lookupForm = (text: string): string => text.toLowerCase().replace(/\u2019/g, "'");
const canBeBase = (tags: PennList): boolean => tags.includes("VB") || tags.includes("VBP");
const isNounTag = (penn: Penn | undefined): boolean => penn !== undefined && penn.startsWith("NN");
/** The first reading that is neither a verb nor a modal. */
const nonVerbTag = (tags: PennList): Penn | undefined => tags.find((t) => !t.startsWith("VB") && t !== "MD");

// ---------------------------------------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------------------------------------

/**
 * wink-lexicon's 13k words with their Penn tags (scripts/lexicon-data.mjs). Built on first use, because a process
 * that never tags (most CLI runs on a clean backlog) should not pay for it; never changed after.
 */
let lexicon: ReadonlyMap<string, PennList> | undefined;

function lexiconMap(): ReadonlyMap<string, PennList> {
  if (lexicon) return lexicon;
  const map = new Map<string, PennList>();
  for (const [tags, words] of Object.entries(lexiconData.tags)) {
    const list: PennList = Object.freeze(tags.split(" "));
    for (const word of words.split(" ")) map.set(word, list);
  }
  lexicon = map;
  return map;
}

/** The word's Penn tags from the lexicon and the software verbs, or a prefixed verb's ("unpublish"), else undefined. */
function lexiconTags(word: string): PennList | undefined {
  const listed = lexiconMap().get(word);
  if (SOFTWARE_VERBS.has(word)) return listed ? (listed.includes("VB") ? listed : [...listed, "VB"]) : ["VB", "NN"];
  // A plural the lexicon knows only as a noun is also the verb's -s form when its stem is a verb ("books", "fixes").
  if (listed) return listed.includes("NNS") && !listed.includes("VBZ") && isVerbStem(sStem(word)) ? [...listed, "VBZ"] : listed;
  const prefixed = /^(?:un|de|re|pre|dis|mis)(.{3,})$/.exec(word);
  const stem = prefixed?.[1];
  if (stem !== undefined && (SOFTWARE_VERBS.has(stem) || (lexiconMap().get(stem) ?? []).includes("VB"))) return ["VB"];
  return undefined;
}

/** The stem of an -s form: "books" -> "book", "fixes" -> "fix", "replies" -> "reply"; "" for a word not ending in one "s". */
function sStem(word: string): string {
  if (!/[^s]s$/.test(word)) return "";
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|x|z|ss|o)es$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** Whether the word is a known verb: "book", "fix", "upload". */
function isVerbStem(stem: string): boolean {
  return stem.length > 1 && (SOFTWARE_VERBS.has(stem) || (lexiconMap().get(stem) ?? []).includes("VB"));
}

/** Whether a word ends in a word of four letters or more that the lexicon knows only as a noun, after three or more. */
function endsInNounOnlyWord(word: string): boolean {
  for (let at = 3; at <= word.length - 4; at++) {
    const tags = lexiconMap().get(word.slice(at));
    if (tags) return tags.every(isNounTag);
  }
  return false;
}

/** A guess from the shape of a word the lexicon lacks; `raw` is the word as written, for its capitals. */
function guessTags(word: string, raw: string): PennList {
  if (/^[\d.,-]+$/.test(word)) return ["CD"];
  if (/[A-Z].*[A-Z]/.test(raw) || /\d/.test(word) || word.length === 1) return ["NNP"];
  // A word in another script is a name or a foreign term here, not a verb to split a story on.
  if (!/[a-z\u00C0-\u024F]/.test(word)) return ["NNP"];
  if (/(?:ize|ise|ify|ate)$/.test(word)) return ["VB", "NN"];
  if (/(?:able|ible|al|ive|ous|ic|ful|less|ary)$/.test(word) && word.length > 5) return ["JJ", "NN"];
  if (word.endsWith("ly")) return ["RB"];
  if (word.endsWith("ing")) return ["VBG", "NN"];
  if (word.endsWith("ed")) return ["VBN", "VBD", "JJ"];
  if (/(?:ss|us|is|ics)$/.test(word)) return ["NN"];
  // A compound whose last word is only a noun is a noun: "metadata", "geodata".
  if (endsInNounOnlyWord(word)) return ["NN"];
  // "campers", "datasets": a plural, unless its stem is a verb ("geocodes" of "geocode").
  if (/[^s]s$/.test(word)) {
    const stem = sStem(word);
    return isVerbStem(stem) || /(?:ize|ise|ify|ate)$/.test(stem) ? ["NNS", "VBZ"] : ["NNS"];
  }
  return ["NN", "VB"];
}

/** Whether the lexicon (with the software verbs) lets the word be a base-form verb: "search", "export", "upload". */
export function canBeBaseVerb(word: string): boolean {
  const key = lookupForm(word);
  if (CLOSED.has(key) || BE.has(key)) return false;
  const tags = lexiconTags(key);
  return tags !== undefined && canBeBase(tags);
}

/** Whether the lexicon lets the word be a noun: "order", "search", "terms"; false for a word it does not list. */
export function canBeNoun(word: string): boolean {
  const key = lookupForm(word);
  if (CLOSED.has(key)) return false;
  return lexiconTags(key)?.some(isNounTag) ?? false;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------------------

/** A word (letters and digits with inner "-", "'", "." kept: "non-existent", "camper's", "v1.1") or one other character. */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[-'\u2019.][\p{L}\p{M}\p{N}]+)*|\S/gu;
const WORD_START = /[\p{L}\p{M}\p{N}]/u;
/** Contractions the rules read as two words, the Penn way: "do|n't", "camper|'s", "I|'d". */
const NEGATION_END = /n['\u2019]t$/i;
const CLITIC_END = /['\u2019](?:s|d|ll|re|ve|m)$/i;
/** The first pieces of negations whose verb the split hides ("ca|n't", "wo|n't", "sha|n't"). */
const NEGATED_STEMS: ReadonlyMap<string, string> = new Map([
  ["ca", "can"],
  ["wo", "will"],
  ["sha", "shall"],
]);

/** One unit the rules read: a word, a contraction's piece, or one punctuation character. */
interface Piece {
  /** As written: capitals tell a name ("ALFRED", "PPoPZIP") from a word. */
  readonly raw: string;
  /** What the word lists are searched for. */
  readonly key: string;
  readonly isWord: boolean;
}

/** A token of the output and the index of its first piece, whose tag it takes ("don't" is AUX, from "do"). */
interface Surface {
  readonly start: number;
  readonly end: number;
  readonly firstPiece: number;
}

function tokenize(text: string): { pieces: Piece[]; surfaces: Surface[] } {
  const pieces: Piece[] = [];
  const surfaces: Surface[] = [];
  const push = (raw: string, isWord: boolean): void => {
    const key = lookupForm(raw);
    pieces.push({ raw, key, isWord });
  };
  for (const m of text.matchAll(TOKEN)) {
    const word = m[0];
    surfaces.push({ start: m.index, end: m.index + word.length, firstPiece: pieces.length });
    if (!WORD_START.test(word)) {
      push(word, false);
      continue;
    }
    const negation = NEGATION_END.exec(word)?.index ?? 0;
    const cut = negation > 0 ? negation : (CLITIC_END.exec(word)?.index ?? 0);
    if (cut === 0) {
      push(word, true);
      continue;
    }
    const stem = word.slice(0, cut);
    const negatedStem = negation > 0 ? NEGATED_STEMS.get(lookupForm(stem)) : undefined;
    if (negatedStem) pieces.push({ raw: negatedStem, key: negatedStem, isWord: true });
    else push(stem, true);
    push(word.slice(cut), true);
  }
  return { pieces, surfaces };
}

// ---------------------------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------------------------

/** The tag of a piece while the rules run: "VERB" is "do"/"have" as a main verb, its form not yet decided. */
type Working = CoarseTag | "VERB" | undefined;

/** A verb already read, that a verb after "and"/"or" may parallel. */
interface VerbSeen {
  readonly index: number;
  readonly form: VerbTag;
  readonly penn: Penn;
}

/** Where a word stands, relative to the words before it: what decides whether a verb may stand there. */
interface Slot {
  /** Where a base-form verb is expected: the start, after "to", a modal, "do"/"don't" (adverbs between skipped). */
  readonly verbSlot: boolean;
  /** After a modal or an auxiliary other than "be": "can export", "does not show". */
  readonly modalSlot: boolean;
  /** Right after a form of "be". */
  readonly afterBe: boolean;
}

/** The state of one pass over a text: no state outlives it. */
class Tagging {
  readonly n: number;
  readonly key: readonly string[];
  /** The Penn tags of each word not in a closed class, and of "/" and "&" ("/" reads as a one-letter name). */
  readonly lexical: readonly (PennList | undefined)[];
  readonly out: Working[];
  /** The nearest non-punctuation piece before and after each piece (-1 / n at the ends). */
  readonly prev: Int32Array;
  readonly next: Int32Array;
  /** For each piece read so far: itself, or if it is an adverb, the piece the verb slot is read from before it. */
  readonly slotAnchor: Int32Array;

  /** "sub" inside a clause with its own subject ("when I publish it"); "main" otherwise. */
  clause: "main" | "sub" = "main";
  subjectSeen = false;
  /** The last verb of the current clause. */
  lastVerb: VerbSeen | undefined;
  /** The verb of the last verb slot outside a subordinate clause: the means' own verb. */
  mainVerb: VerbSeen | undefined;

  constructor(pieces: readonly Piece[]) {
    const n = pieces.length;
    this.n = n;
    this.key = pieces.map((p) => p.key);
    this.out = pieces.map((p): Working => {
      if (!p.isWord) return p.key === "/" || p.key === "&" ? "SYM" : "PUNCT";
      return CLOSED.get(p.key);
    });
    this.lexical = pieces.map((p, i) =>
      CLOSED.has(p.key) || this.out[i] === "PUNCT" ? undefined : (lexiconTags(p.key) ?? guessTags(p.key, p.raw)),
    );
    this.prev = new Int32Array(n);
    this.next = new Int32Array(n);
    let last = -1;
    for (let i = 0; i < n; i++) {
      this.prev[i] = last;
      if (this.out[i] !== "PUNCT") last = i;
    }
    last = n;
    for (let i = n - 1; i >= 0; i--) {
      this.next[i] = last;
      if (this.out[i] !== "PUNCT") last = i;
    }
    this.slotAnchor = new Int32Array(n).fill(-1);
  }

  run(): CoarseTag[] {
    for (let i = 0; i < this.n; i++) {
      this.tagPiece(i);
      this.slotAnchor[i] = this.isSkippedAdverb(i) ? this.anchorBefore(i) : i;
    }
    return this.out.map((t) => (t === undefined || t === "VERB" ? "NOUN" : t));
  }

  // ---- neighbours ----

  // Indexes may fall off either end (-1, -2, n): they then read as no word.
  prevWord(i: number): number {
    return i >= 0 && i < this.n ? (this.prev[i] ?? -1) : i - 1;
  }
  nextWord(i: number): number {
    return i >= 0 && i < this.n ? (this.next[i] ?? this.n) : i + 1;
  }
  keyAt(i: number): string {
    return this.key[i] ?? "";
  }
  tagAt(i: number): Working {
    return i >= 0 ? this.out[i] : undefined;
  }
  lexicalAt(i: number): PennList | undefined {
    return i >= 0 ? this.lexical[i] : undefined;
  }
  firstLexical(i: number): Penn | undefined {
    return this.lexicalAt(i)?.[0];
  }

  /** An adverb that the verb-slot test looks past ("to quickly export"), unless it opens a clause ("when"). */
  isSkippedAdverb(i: number): boolean {
    return this.out[i] === "ADV" && !CLAUSE_OPENERS.has(this.keyAt(i));
  }

  /** The piece the verb slot of a word after `i` is read from: `i`, or the first non-adverb before a run of adverbs. */
  anchorBefore(i: number): number {
    const p = this.prevWord(i);
    return p < 0 ? -1 : (this.slotAnchor[p] ?? -1);
  }

  /** Whether the word at `i` starts an object: a determiner, a number or an object pronoun. */
  startsObject(i: number): boolean {
    if (i >= this.n) return false;
    const tag = this.out[i];
    return tag === "DET" || tag === "NUM" || OBJECT_STARTERS.has(this.keyAt(i));
  }

  openClause(): void {
    this.clause = "sub";
    this.subjectSeen = false;
    this.lastVerb = undefined;
  }

  // ---- one piece ----

  tagPiece(i: number): void {
    const tag = this.out[i];
    if (tag === "PUNCT" || tag === "SYM") return;
    const w = this.keyAt(i);
    if (w === "to") {
      this.out[i] = this.infinitiveTo(i) ? "PART" : "ADP";
      return;
    }
    this.reviseClosedInContext(i);
    if (this.readClauseWord(i)) return;
    this.tagOpenWord(i);
  }

  /** "to" before a verb ("to export the list"), not before a noun ("move on to round 2", "to ALFRED's data"). */
  infinitiveTo(i: number): boolean {
    let v = this.nextWord(i);
    while (v < this.n && ((this.firstLexical(v) === "RB" && this.keyAt(v).endsWith("ly")) || this.modifiesVerbAfter(v)))
      v = this.nextWord(v);
    if (v >= this.n) return false;
    const verb = this.keyAt(v);
    if (/^(?:be|have|do|not)$/.test(verb)) return true;
    const tags = this.lexicalAt(v);
    const after = this.nextWord(v);
    const afterWord = this.keyAt(after);
    // "I want to scope my searches": after "want to", "able to", a word the lexicon knows only as a noun is a verb
    // when a determiner or a possessive follows it (no noun stands between "want to" and "my").
    const wanting = WANTING.has(this.keyAt(this.prevWord(i)));
    if (wanting && tags && tags.every(isNounTag) && (CLOSED.get(afterWord) === "DET" || POSSESSIVES.has(afterWord))) return true;
    if (!tags || !canBeBase(tags)) return false;
    if (/^(?:DET|NUM|PRON)$/.test(this.out[v] ?? "")) return false;
    if (tags[0] === "NN" && /^[0-9]/.test(afterWord)) return false;
    if (afterWord === "'s") return false;
    const unknown = !lexiconMap().has(verb) && !SOFTWARE_VERBS.has(verb);
    if (!unknown) return true;
    // An unknown word is a verb only when an object follows it.
    if (after >= this.n) return false;
    const afterClosed = CLOSED.get(afterWord);
    const afterFirst = this.firstLexical(after);
    return (
      afterClosed === "DET" ||
      afterClosed === "NUM" ||
      OBJECT_STARTERS.has(afterWord) ||
      (afterFirst !== undefined && /^(?:NN|JJ|VBN)/.test(afterFirst))
    );
  }

  /** Whether the word at `i` is "bulk" or the like before a word that can be a base verb: "to bulk upload files". */
  modifiesVerbAfter(i: number): boolean {
    const next = this.lexicalAt(this.nextWord(i));
    return VERB_MODIFIER_NOUNS.has(this.keyAt(i)) && next !== undefined && canBeBase(next);
  }

  /** "that", "as", "do" and "have", whose class depends on their neighbours. */
  reviseClosedInContext(i: number): void {
    const w = this.keyAt(i);
    const p = this.prevWord(i);
    const q = this.nextWord(i);
    const pw = this.keyAt(p);
    const pt = p >= 0 ? this.out[p] : "START";
    const nw = this.keyAt(q);
    const nextTags = this.lexicalAt(q);
    if (w === "that") {
      // "shows that ...", "so that": a conjunction; "the list that ...": a relative pronoun; "that list": a determiner.
      // After a verb, "that" before a singular noun that no verb follows is its determiner: "operationalize that
      // analysis in Python", not "ensure that data is saved".
      const after = this.nextWord(q);
      const determines =
        pt === "VERB:base" && this.firstLexical(q) === "NN" && (after >= this.n || !/^(?:VB|MD)/.test(this.firstLexical(after) ?? ""));
      if (determines) this.out[i] = "DET";
      else if (pt === "VERB:base" || pt === "ADJ") this.out[i] = "SCONJ";
      else if (pt === "NOUN") this.out[i] = "PRON";
      else this.out[i] = isNounTag(nextTags?.[0]) ? "DET" : "SCONJ";
    }
    if (w === "as") this.out[i] = this.asReading(i);
    // "from one collection", "at one time": a number before a noun; "one of them", "pick one": a pronoun.
    if (w === "one" && q < this.n && this.out[q] === undefined && isNounTag(nextTags?.[0])) this.out[i] = "NUM";
    // "at once", "for once": after a preposition, not a conjunction opening a clause.
    if (w === "once" && pt === "ADP") this.out[i] = "ADV";
    if (DO.has(w)) {
      // "records don't create", "they do use it": an auxiliary; "do the review": the means' own verb.
      const negated = nw === "n't" || nw === "not";
      const auxiliary = negated || (nextTags !== undefined && canBeBase(nextTags) && (SUBJECT_PRONOUNS.has(pw) || pt === "NOUN"));
      this.out[i] = auxiliary ? "AUX" : "VERB";
    }
    if (HAVE.has(w)) {
      const next = nextTags ?? [];
      const perfect = next[0] === "VBN" || (next[0] === "VBD" && next.includes("VBN")) || nw === "been";
      // "to have updated codes", "to have ALFRED ...": the means' own verb, unless "to have been".
      const ownVerb = (pt === "START" || pw === "to") && nw !== "been";
      this.out[i] = perfect && !ownVerb ? "AUX" : "VERB";
    }
  }

  /**
   * "as": a preposition before a noun phrase ("as a CSV file", "as PDF", "such as"), a conjunction before a clause
   * ("as I get bored", "as the data changes", "as soon as"), an adverb before "simple ... as".
   */
  asReading(i: number): CoarseTag {
    const p = this.prevWord(i);
    const pw = this.keyAt(p);
    if (pw === "such") return "ADP";
    if ((p >= 0 && this.out[p] === "ADV") || /^(?:soon|well|long|much|many)$/.test(pw)) return "SCONJ";
    const q = this.nextWord(i);
    if (q >= this.n) return "SCONJ";
    const nw = this.keyAt(q);
    if (SUBJECT_PRONOUNS.has(nw) && !OBJECT_STARTERS.has(nw)) return "SCONJ";
    if (nw === "it" || nw === "you") {
      // "as it loads", "as you type": a clause when a verb follows the pronoun.
      const r = this.nextWord(q);
      return this.out[r] === "AUX" || (this.lexicalAt(r) ?? []).some((t) => /^VB[PZD]$/.test(t)) ? "SCONJ" : "ADP";
    }
    const first = this.firstLexical(q);
    // "as simple and clear as possible", "as soon as": an adverb of degree, whose "as" comes a few words on.
    if ((first !== undefined && /^(?:JJ|RB)/.test(first)) || this.out[q] === "ADV") {
      for (let j = this.nextWord(q), k = 0; j < this.n && k < 4; j = this.nextWord(j), k++) if (this.keyAt(j) === "as") return "ADV";
    }
    // A noun phrase: a clause when a finite verb or an auxiliary follows it.
    let j = q;
    const determined = this.out[j] === "DET" || POSSESSIVES.has(this.keyAt(j));
    if (determined || this.out[j] === "NUM") j = this.nextWord(j);
    let words = 0;
    let last = -1;
    for (let k = 0; j < this.n && k < 8; k++) {
      const tags = this.lexicalAt(j);
      const nominal = this.out[j] === undefined && tags !== undefined && tags.some((t) => /^(?:NN|JJ|VBN|VBG)/.test(t));
      if (!nominal && !(this.out[j] === "SYM" && this.keyAt(j) === "/")) break;
      if (nominal) {
        words++;
        last = j;
      }
      j = this.nextWord(j);
    }
    if (words === 0) return this.out[q] === "DET" || this.out[q] === "NUM" || POSSESSIVES.has(nw) ? "ADP" : "SCONJ";
    if (j < this.n && (this.out[j] === "AUX" || HAVE.has(this.keyAt(j)) || DO.has(this.keyAt(j)))) return "SCONJ";
    if (words >= 2 && last >= 0) {
      const lw = this.keyAt(last);
      const lt = this.lexicalAt(last) ?? [];
      const before = this.keyAt(this.prevWord(last));
      const agreesSingular = determined && /[^s]s$/.test(lw) && lt.includes("VBZ");
      const agreesPlural = !/s$/.test(lw) && lt.includes("VBP") && /[^s]s$/.test(before);
      if (agreesSingular || agreesPlural) return "SCONJ";
    }
    return "ADP";
  }

  /** Reads a closed-class word and the clause it opens or whose subject it is; false for a word still to tag. */
  readClauseWord(i: number): boolean {
    const tag = this.out[i];
    const w = this.keyAt(i);
    if (tag === "CCONJ" && this.clause === "sub" && this.keyAt(i - 1) === ",") {
      // "know what ALFRED does with my data, and share it": a comma before the conjunction closes the clause.
      this.clause = "main";
      this.subjectSeen = false;
      this.lastVerb = undefined;
    }
    if (tag === "AUX" || tag === "PART" || tag === "ADP" || tag === "DET" || tag === "CCONJ") return true;
    if (tag === "SCONJ" || ((tag === "ADV" || tag === "PRON") && CLAUSE_OPENERS.has(w))) {
      this.openClause();
      if (tag === "PRON" && (w === "who" || w === "that" || w === "which") && !this.interrogativeDeterminer(i)) this.subjectSeen = true;
      return true;
    }
    if (tag === "PRON") {
      if (SUBJECT_PRONOUNS.has(w) && this.clause === "sub") this.subjectSeen = true;
      return true;
    }
    return tag !== undefined && tag !== "VERB";
  }

  /**
   * "see which orders are late", "find out which team won": "which" before a noun, not after one, is the
   * determiner of the clause's subject.
   */
  interrogativeDeterminer(i: number): boolean {
    if (this.keyAt(i) !== "which") return false;
    const p = this.prevWord(i);
    return p >= 0 && this.out[p] !== "NOUN" && (this.lexicalAt(this.nextWord(i))?.some(isNounTag) ?? false);
  }

  slotOf(i: number): Slot {
    const p = this.prevWord(i);
    const a = this.anchorBefore(i);
    const at = a >= 0 ? this.out[a] : "START";
    const aw = this.keyAt(a);
    const negatedAuxiliary = at === "PART" && (aw === "not" || aw === "n't") && a > 0 && this.tagAt(this.prevWord(a)) === "AUX";
    const modalSlot = at === "AUX" && !BE.has(aw);
    return {
      verbSlot: negatedAuxiliary || (at === "START" && this.readsAsImperative(i)) || (at === "PART" && aw === "to") || modalSlot,
      modalSlot,
      afterBe: p >= 0 && this.out[p] === "AUX" && BE.has(this.keyAt(p)),
    };
  }

  /**
   * Whether the first word of a text is a verb: its most frequent reading is one ("Send messages", "Submit
   * Application"), or an object follows ("Book a room"). A means never starts here (it follows "I want to"); a
   * line on its own often names a thing ("Admin dashboard", "Search results").
   */
  readsAsImperative(i: number): boolean {
    const w = this.keyAt(i);
    const tags = this.lexical[i] ?? [];
    const known = lexiconMap().has(w) || SOFTWARE_VERBS.has(w);
    return (known && tags[0] === "VB") || (canBeBase(tags) && this.startsObject(this.nextWord(i)));
  }

  /** Whether the piece is "and", "or" or a "/" between words: what a conjunct follows. */
  isConjunction(j: number): boolean {
    return j >= 0 && (this.out[j] === "CCONJ" || (this.out[j] === "SYM" && this.keyAt(j) === "/"));
  }

  /** The word before the conjunctions before `i`: "pain" in "pain and or stress", "export" in "export and / or print". */
  beforeConjunctions(i: number): number {
    let p = this.prevWord(i);
    for (let k = 0; k < 3 && this.isConjunction(p); k++) p = this.prevWord(p);
    return p;
  }

  /** The verb before "and"/"or"/"/" whose form the word may take: the last verb, or the means' own verb. */
  parallelVerb(i: number, tags: PennList): VerbSeen | undefined {
    // "and only share data", "and then print it": an adverb between the conjunction and the verb.
    const before = this.prevWord(i);
    const p = before >= 0 && this.out[before] === "ADV" && LINKING_ADVERBS.has(this.keyAt(before)) ? this.prevWord(before) : before;
    const pt = p >= 0 ? this.out[p] : "START";
    const afterConjunction = pt === "CCONJ" || (pt === "SYM" && this.keyAt(p) === "/");
    // "select/deselect" pairs verbs; "tasks/activities" does not.
    const slashAfterVerb = pt !== "SYM" || isVerbTag(this.tagAt(this.prevWord(p)));
    if (!afterConjunction || !slashAfterVerb) return undefined;
    const w = this.keyAt(i);
    const agrees = (v: VerbSeen): boolean => {
      // "records the reason and calculates": an -s form parallels an -s form only.
      if (v.penn === "VBZ") return tags.includes("VBZ") && /[^s]s$/.test(w);
      // "was sold and shipped": a participle parallels a word whose own reading is one, not "let" or "give".
      if (v.penn === "VBN" || v.penn === "VBD") return tags.includes(v.penn) && (/^VB[ND]$/.test(tags[0] ?? "") || /(?:ed|en)$/.test(w));
      return tags.includes(v.penn) || ((v.form === "VERB:base" || v.form === "VERB:pres") && canBeBase(tags));
    };
    return [this.lastVerb, this.mainVerb].find((v) => v !== undefined && agrees(v));
  }

  /** What follows a word, as a verb's complement would: an object, a particle, a preposition, a noun ... */
  rightContext(q: number): "object" | "particle" | "prep" | "of" | "noun" | "adjNoun" | "end" | "other" {
    if (q >= this.n) return "end";
    const tag = this.out[q];
    const w = this.keyAt(q);
    if (tag === "DET" || tag === "NUM" || OBJECT_STARTERS.has(w)) return "object";
    // "check whether they shipped", "see how it looks": an indirect question is a verb's object.
    if (/^(?:whether|how|what|why)$/.test(w)) return "object";
    // "operationalize that analysis": a demonstrative before a noun opens an object (not "that" opening a clause).
    if (DEMONSTRATIVES.has(w) && isNounTag(this.firstLexical(this.nextWord(q)))) return "object";
    // "set one of them", "share everything": a pronoun object; not a relative pronoun.
    if (tag === "PRON" && !/^(?:who|whom|which|whose|i)$/.test(w))
      return w === "one" && this.keyAt(this.nextWord(q)) !== "of" ? "other" : "object";
    if (PARTICLES.has(w)) return "particle";
    if (w === "of") return "of";
    if (tag === "ADP" || w === "to") return "prep";
    if (tag !== undefined) return "other";
    const first = this.firstLexical(q);
    if (isNounTag(first) || (first === "VBG" && (this.lexicalAt(q) ?? []).some(isNounTag))) return "noun";
    if (first === "JJ" && isNounTag(this.firstLexical(this.nextWord(q)))) return "adjNoun";
    return "other";
  }

  /**
   * The noun phrase that ends at `x`, read back over nouns, adjectives, numbers, determiners, possessives and the
   * conjunctions of a list: whether a preposition governs it ("with its commit hash"), and whether it has a
   * determiner or an adjective ("the water use"). Bounded, so the pass stays linear.
   */
  phraseBefore(x: number): { inPrepPhrase: boolean; modified: boolean; singular: boolean; governor: number } {
    let modified = false;
    let singular = false;
    let j = x;
    if (this.tagAt(x) !== "NOUN") return { inPrepPhrase: false, modified, singular, governor: -1 };
    for (let k = 0; k < 12 && j >= 0; k++, j = this.prevWord(j)) {
      const tag = this.out[j];
      if (tag === "DET" || tag === "ADJ" || tag === "NUM" || (tag === "PRON" && POSSESSIVES.has(this.keyAt(j)))) {
        modified = true;
        if (tag === "DET") singular = SINGULAR_DETERMINERS.has(this.keyAt(j));
      } else if (tag !== "NOUN" && !this.isConjunction(j) && !(tag === "SYM" && this.keyAt(j) === "&")) break;
    }
    const governor = j >= 0 ? this.out[j] : undefined;
    return { inPrepPhrase: governor === "ADP" && this.keyAt(j) !== "to", modified, singular, governor: j };
  }

  /**
   * A word after a conjunction that parallels the verb before it: "search and filter the results", "take a
   * picture or upload an image", "detect falls and send an alert". Undefined when the rule does not apply; a `verb`
   * is recorded as it is, a `tag` still goes through the clause's checks.
   */
  conjoinedTag(i: number, tags: PennList, parallel: VerbSeen): { verb: VerbTag } | { tag: CoarseTag } | undefined {
    const w = this.keyAt(i);
    const q = this.nextWord(i);
    const x = this.beforeConjunctions(i);
    const xt = this.tagAt(x);
    if (/^VB[ND]$/.test(parallel.penn)) return { tag: coarseOf(parallel.penn) };
    if (w.endsWith("ing") && tags.includes("VBG")) return { tag: "VERB:ger" };
    const right = this.rightContext(q);
    // "a planner that books rooms and orders catering": a second -s verb of the clause.
    if (parallel.penn === "VBZ") {
      const listEnds = right === "end" || right === "of" || this.isConjunction(q) || this.out[q] === "SYM";
      return listEnds ? undefined : { verb: "VERB:pres" };
    }
    const verb: { verb: VerbTag } = { verb: parallel.form === "VERB:pres" ? "VERB:pres" : "VERB:base" };
    if (parallel.index === x && canBeBase(tags)) return verb;
    // "..., and only share data", "and then print it": an adverb after the conjunction opens the next action.
    const p = this.prevWord(i);
    if (this.out[p] === "ADV" && LINKING_ADVERBS.has(this.keyAt(p)) && canBeBase(tags)) return verb;
    // "give back the money", "set one of them", "send an alert": a verb with its object or particle.
    if (right === "object" || right === "particle") return verb;
    // "accurate and complete data", "the start and end dates": parts of one noun phrase.
    if (/^(?:DET|ADJ|NUM)$/.test(xt ?? "")) return undefined;
    const phrase = this.phraseBefore(x);
    const noun = { tag: tags.some(isNounTag) ? "NOUN" : coarseOf(nonVerbTag(tags) ?? "NN") } as const;
    // A plural after "a ... and" is not in that noun phrase: "submit a citywide as a PPoPZIP and pass validations".
    const pluralNext = right === "noun" && /[^s]s$/.test(this.keyAt(q));
    const oneNounPhrase = !(phrase.singular && pluralNext);
    // "with its commit hash and build number", "a summary of water use, ... and yield estimates": a list inside a
    // prepositional phrase.
    if (phrase.inPrepPhrase && tags.some(isNounTag) && right !== "prep" && oneNounPhrase) return noun;
    // "deal with the time gap", "reply to the sender", "order new items".
    if ((right === "prep" && COMPLEMENT_PREPOSITIONS.has(this.keyAt(q))) || right === "adjNoun") return verb;
    const known = lexiconMap().has(w) || SOFTWARE_VERBS.has(w);
    // "export orders and print invoices": the verb's bare object, then a verb with a plural object; not "see orders
    // and order history", "list products and price ranges" or "send emails and text messages", whose word is first
    // a noun (a software verb the lexicon knows as a verb is read as one).
    const listed = lexiconMap().get(w);
    const verbByReading = tags[0] === "VB" || (SOFTWARE_VERBS.has(w) && (listed === undefined || listed.includes("VB")));
    if (phrase.governor === parallel.index && !phrase.modified && pluralNext && verbByReading && known) return verb;
    if (!(known && tags[0] === "VB")) return undefined;
    // "the water use and yield forecast": a noun modifying the next noun; "browse the catalogue and compare
    // products" is a verb with its plural object.
    if (phrase.modified && right === "noun" && tags.some(isNounTag) && !pluralNext) return noun;
    return verb;
  }

  /**
   * A word after a conjunction that no verb before it parallels, joined to a noun: part of a list of nouns ("by
   * text or call", "robust searching and tracking features", "the opening and closing times").
   */
  nounAfterConjunction(i: number, tags: PennList): boolean {
    if (!this.isConjunction(this.prevWord(i)) || !tags.some(isNounTag)) return false;
    const xt = this.tagAt(this.beforeConjunctions(i));
    if (xt !== "NOUN" && !(xt === "ADJ" && this.keyAt(i).endsWith("ing"))) return false;
    const q = this.nextWord(i);
    if (this.keyAt(i).endsWith("ing")) return q < this.n && this.out[q] === undefined && isNounTag(this.firstLexical(q));
    return /^VB[PZ]?$/.test(tags[0] ?? "") || (this.clause === "sub" && !this.lastVerb && tags.some((t) => /^VB[PZD]$/.test(t)));
  }

  /** Inside a noun phrase (after a determiner, an adjective, a number, a possessive or a noun). */
  nounPhraseTag(i: number, tags: PennList, pt: Working | "START"): CoarseTag {
    const q = this.nextWord(i);
    const nt = nonVerbTag(tags);
    const nounNext = q < this.n && isNounTag(this.firstLexical(q));
    if (pt === "NOUN" && /^VB[ND]$/.test(tags[0] ?? "") && tags.includes("VBN")) return "VERB:part";
    if (pt === "NOUN" && tags[0] === "VBG" && q < this.n) return "VERB:ger";
    if (tags.includes("JJ") && nounNext && (tags[0] === "JJ" || !nt || nt === "JJ")) return "ADJ";
    if (/^VB[ND]$/.test(tags[0] ?? "") && nounNext) return "VERB:part";
    if (nt !== undefined) return coarseOf(nt);
    // A word the lexicon knows only as a verb: a participle ("the items selected"), else read as a noun.
    return tags[0] === "VBN" ? "VERB:part" : "NOUN";
  }

  /**
   * Whether a word the lexicon knows only as a verb follows a noun across a comma ("export files, manipulate this
   * data set"): the comma ends that noun's phrase, so the word does not continue it.
   */
  private afterComma(i: number, tags: PennList): boolean {
    return this.keyAt(i - 1) === "," && nonVerbTag(tags) === undefined;
  }

  /** The rules for a word the closed classes do not settle, first match wins; records verbs and subjects. */
  tagOpenWord(i: number): void {
    const w = this.keyAt(i);
    const p = this.prevWord(i);
    const q = this.nextWord(i);
    const pw = this.keyAt(p);
    const pt: Working | "START" = p >= 0 ? this.out[p] : "START";
    const nw = this.keyAt(q);
    const tags = this.lexical[i] ?? ["NN"];
    const slot = this.slotOf(i);
    const objectNext = this.startsObject(q);
    const nextNounish = q < this.n && this.out[q] === undefined && isNounTag(this.firstLexical(q));
    const parallel = this.parallelVerb(i, tags);
    const conjoined = parallel ? this.conjoinedTag(i, tags, parallel) : undefined;
    let tag: CoarseTag;
    if (slot.verbSlot && this.modifiesVerbAfter(i)) {
      // "bulk upload directories": the verb is the next word, and "bulk" says how it acts.
      this.out[i] = "ADV";
      return;
    }
    if (this.out[i] === "VERB") tag = slot.verbSlot || !this.subjectSeen ? "VERB:base" : "VERB:pres";
    else if (slot.verbSlot && canBeBase(tags)) tag = "VERB:base";
    // A noun-only word that "to" was read as the infinitive of ("want to scope my searches").
    else if (slot.verbSlot && pw === "to" && pt === "PART" && tags.every(isNounTag)) tag = "VERB:base";
    else if (slot.modalSlot && !tags.every((t) => /^(?:JJ|RB)/.test(t))) tag = "VERB:base";
    else if (slot.afterBe && (tags.includes("VBN") || tags.includes("VBG")))
      // "is sold", "was given": a participle unless the word is a gerund ("is standing").
      tag = tags.includes("VBN") && !(w.endsWith("ing") && tags.includes("VBG")) ? "VERB:part" : "VERB:ger";
    else if (!conjoined && this.nounAfterConjunction(i, tags))
      // "by text or call", "robust searching and tracking features": the second of two nouns.
      tag = w.endsWith("ing") && tags.includes("JJ") ? "ADJ" : "NOUN";
    else if (conjoined && "verb" in conjoined) {
      if (parallel === this.mainVerb && parallel !== this.lastVerb && this.clause === "sub") {
        // "cancel a ticket which was sold wrong and give back the money": back to the means' own verb.
        this.clause = "main";
        this.subjectSeen = false;
      }
      this.out[i] = conjoined.verb;
      this.lastVerb = this.seenVerb(i, conjoined.verb);
      return;
    } else if (conjoined) tag = conjoined.tag;
    else if (this.keyAt(i - 1) === "," && this.tagAt(p) === "VERB:base" && canBeBase(tags) && (objectNext || this.tagAt(q) === "CCONJ"))
      // "filter, sort and aggregate": a list of verbs.
      tag = "VERB:base";
    else if (DEGREE_WORDS.has(pw) && tags.includes("JJ")) tag = "ADJ";
    else if (nw === "of" && tags.some(isNounTag)) tag = "NOUN";
    else if (OBJECT_PRONOUNS.has(nw) && canBeBase(tags) && pt !== "ADP") {
      const finite = this.clause === "sub" && this.subjectSeen && !BARE_INFINITIVE_VERBS.has(this.keyAt(this.prevWord(p)));
      tag = finite ? "VERB:pres" : "VERB:base";
    } else if (pt === "PRON" && OBJECT_PRONOUNS.has(pw) && canBeBase(tags) && !w.endsWith("s")) {
      // "help me identify": a bare infinitive after the object.
      this.out[i] = "VERB:base";
      this.lastVerb = { index: i, form: "VERB:base", penn: "VB" };
      return;
    } else if (this.startsFiniteClauseVerb(pt, pw, tags) && !this.endsSubject(i)) {
      // The finite verb of a clause with its own subject: "when I publish it", "what roles they have".
      tag = tags.includes("VBZ") && w.endsWith("s") ? "VERB:pres" : tags.includes("VBP") || tags.includes("VB") ? "VERB:pres" : "VERB:past";
    } else if (/^(?:DET|ADJ|NUM)$/.test(pt ?? "") || (pt === "PRON" && POSSESSIVES.has(pw)) || (pt === "NOUN" && !this.afterComma(i, tags)))
      tag = this.nounPhraseTag(i, tags, pt);
    else if (tags[0] === "JJ" && nextNounish) tag = "ADJ";
    else if (/^(?:VERB|ADP)/.test(pt ?? "") && tags.some(isNounTag) && nextNounish) tag = "NOUN";
    else if (tags[0] === "VB" && objectNext) tag = "VERB:base";
    else tag = this.lexicalTag(i, tags);
    if (pt === "ADP" && pw !== "to" && isVerbTag(tag) && tag !== "VERB:ger" && tags.some(isNounTag))
      // "by email", "sort by rank", "help with login": the object of a preposition, not a verb (a gerund stays one).
      tag = nextNounish && tags[0] === "JJ" ? "ADJ" : "NOUN";
    this.record(i, tag, slot.verbSlot);
  }

  /**
   * The word's most frequent reading, but a noun for a finite form outside a clause with a subject (the means has
   * none: "detect falls", "remove distracting sounds") or right after a verb ("shows totals per region").
   */
  lexicalTag(i: number, tags: PennList): CoarseTag {
    const tag = coarseOf(tags[0]);
    const afterVerb = isVerbTag(this.tagAt(this.prevWord(i)));
    if ((tag === "VERB:pres" || tag === "VERB:past") && (this.clause === "main" || afterVerb) && tags.some(isNounTag)) return "NOUN";
    return tag;
  }

  /** Whether a verb here is the finite verb of a subordinate clause that has its subject and no verb yet. */
  startsFiniteClauseVerb(pt: Working | "START", pw: string, tags: PennList): boolean {
    return (
      this.clause === "sub" &&
      (this.subjectSeen || pt === "NOUN") &&
      !/^(?:DET|ADJ|NUM)$/.test(pt ?? "") &&
      !POSSESSIVES.has(pw) &&
      !this.lastVerb &&
      tags.some((t) => /^VB[PZD]$/.test(t))
    );
  }

  /**
   * Whether the word ends the subject of its clause rather than being its verb: an auxiliary follows ("if my CSV
   * file is valid", "whose battery level is below"), or a finite form that agrees ("as the source file changes").
   */
  endsSubject(i: number): boolean {
    const q = this.nextWord(i);
    if (q >= this.n) return false;
    // "as the source file / files changes": the first of two nouns.
    if (this.out[q] === "AUX" || (this.out[q] === "SYM" && this.tagAt(this.prevWord(i)) === "NOUN")) return true;
    const w = this.keyAt(i);
    const nw = this.keyAt(q);
    const next = this.lexicalAt(q) ?? [];
    return !/s$/.test(w) && /[^s]s$/.test(nw) && next.includes("VBZ") && (this.lexicalAt(i)?.includes("NN") ?? false);
  }

  /** A verb as read, its -s form told from the plain present ("records" from "record"), which a conjunct must agree with. */
  seenVerb(i: number, form: VerbTag): VerbSeen {
    const penn = form === "VERB:pres" && /[^s]s$/.test(this.keyAt(i)) ? "VBZ" : PENN_OF_FORM[form];
    return { index: i, form, penn };
  }

  /** Stores the tag, made finite inside a clause with a subject, and notes the verb or the clause's subject. */
  record(i: number, tag: CoarseTag, verbSlot: boolean): void {
    const final = tag === "VERB:base" && this.clause === "sub" && this.subjectSeen && !verbSlot ? "VERB:pres" : tag;
    this.out[i] = final;
    if (isVerbTag(final)) {
      this.lastVerb = this.seenVerb(i, final);
      if (verbSlot && this.clause === "main") this.mainVerb = this.lastVerb;
    }
    if (this.clause === "sub" && final === "NOUN") this.subjectSeen = true;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------------------------

/**
 * Tags a text read from its start, where a base-form verb may stand (a heading "Submit Application", a means).
 * Capitals count only for a word the lexicon lacks: one with two capitals ("ALFRED", "PPoPZIP") is a name. Never
 * throws; linear in the text.
 */
export function tagWords(text: string): TaggedToken[] {
  const { pieces, surfaces } = tokenize(text);
  const tags = new Tagging(pieces).run();
  return surfaces.map((s) => {
    const written = text.slice(s.start, s.end);
    return { text: written, lower: lookupForm(written), start: s.start, end: s.end, tag: tags[s.firstPiece] ?? "NOUN" };
  });
}

/** What a means follows in a story: its first word stands where the story's verb is expected. */
const MEANS_CONTEXT = "I want to ";

/**
 * Tags a story's means as read after "I want to", the context the rules were written and measured in (devset/pos/).
 * Offsets are in `means`. Title case does no harm ("I want to Submit Application"): the lexicon is searched in
 * lower case.
 */
export function tagMeansText(means: string): readonly TaggedToken[] {
  const known = taggedMeans.get(means);
  if (known) return known;
  const shift = MEANS_CONTEXT.length;
  const tokens = Object.freeze(
    tagWords(MEANS_CONTEXT + means)
      .filter((t) => t.start >= shift)
      .map((t) => Object.freeze({ ...t, start: t.start - shift, end: t.end - shift })),
  );
  if (taggedMeans.size >= TAGGED_MEANS_LIMIT) taggedMeans.clear();
  taggedMeans.set(means, tokens);
  return tokens;
}

/**
 * Tagged means by text: a backlog is checked again on many edits (a header change re-checks every story) while its
 * means stay as they were. Bounded, emptied as a whole when full; the tokens are frozen, so a result is the same
 * whether or not it came from here.
 */
const taggedMeans = new Map<string, readonly TaggedToken[]>();
const TAGGED_MEANS_LIMIT = 8192;
