// Finds where a story's means asks for more than one thing: a shallow reading of its tagged words into clauses,
// verb phrases and noun phrases, and of each conjunction, slash or comma by what it joins (QUS-LABELS.md, atomic).
import { SYNONYM_VERB_GROUPS } from "./word-lists";
import { canBeBaseVerb, canBeNoun, type TaggedToken } from "./tagger";

/** The kinds of non-atomic story the labelling guide names, each with its own message and option. */
export type CoordinationKind = "twoActions" | "twoObjects" | "alternatives" | "secondClause" | "toolCapabilities" | "twoQualities";

interface Range {
  readonly start: number;
  readonly end: number;
}

/** One place where the means asks for two things, with the two parts as written (offsets in the means). */
export interface Coordination {
  readonly kind: CoordinationKind;
  /** The conjunction, slash or comma that joins the parts. */
  readonly joint: Range & { readonly text: string };
  readonly first: Range;
  readonly second: Range;
  /** Every part, for a list of more than two ("filter, sort and aggregate"): first, second, and the rest. */
  readonly parts: readonly Range[];
  /** Two objects: the verb phrase both share ("export" in "export orders and invoices"); absent when the means has none. */
  readonly head?: Range;
}

/** Pairs that name one thing: a conjunction between them joins nothing (QUS-LABELS.md: fixed expressions). */
const FIXED_PAIRS = new Set([
  "terms conditions",
  "drag drop",
  "read write",
  "pros cons",
  "black white",
  "friends family",
  "day night",
  "trial error",
  "question answer",
  "questions answers",
  "search rescue",
  "research development",
  "sales marketing",
  "health safety",
  "cut paste",
  "copy paste",
  "plug play",
  "back forth",
  "up down",
  "more less",
  "sooner later",
  "peak off-peak",
  "start end",
  "begin end",
  "beginning end",
  "start finish",
  "check-in check-out",
  "in out",
  "opening closing",
  "first last",
  "min max",
  "minimum maximum",
  "date time",
  "dates times",
  "time date",
  "if when",
  "when where",
  "one more",
  "two more",
  "zero more",
  "one several",
  "ui ux",
  "forward backward",
  "forwards backwards",
  "name password",
  "username password",
  "email password",
  "login password",
  "id password",
]);

/** Words that may stand between a conjunction and the verb it introduces ("and then export", "or also print"). */
const SKIPPABLE = new Set([
  "then",
  "also",
  "later",
  "afterwards",
  "subsequently",
  "maybe",
  "possibly",
  "optionally",
  "even",
  "to",
  "be",
  "able",
]);

/** Verbs that name what follows from the first verb, not a second feature: "show my card and get a reduced price". */
const CONSEQUENCE_VERBS = new Set(["get", "become", "pass", "let"]);

/**
 * Verbs that name the aim of the verb before them, not something the product does: "use the forecast to plan
 * irrigation and reduce water use" asks for one feature (the "detect A and reduce B").
 */
const GOAL_VERBS = new Set([
  "reduce",
  "increase",
  "improve",
  "minimise",
  "minimize",
  "maximise",
  "maximize",
  "avoid",
  "prevent",
  "lower",
  "cut",
  "boost",
  "lessen",
  "save",
  "optimise",
  "optimize",
]);

/** Verbs that join another verb without being a feature of their own: "go and buy", "try and find". */
const SERIAL_VERBS = new Set(["go", "come", "try"]);

/** Verbs whose "A or B" are the values of one setting: "choose a morning or an afternoon slot". */
const SETTING_VERBS = new Set([
  "set",
  "choose",
  "select",
  "pick",
  "prefer",
  "mark",
  "configure",
  "switch",
  "toggle",
  "decide",
  "specify",
  "indicate",
  "designate",
  "opt",
]);

/** Adjectives that name a quality someone tests ("accurate and complete data"), not a kind ("mental and physical"). */
const QUALITY_ADJECTIVES = new Set(
  (
    "accurate complete correct reliable secure safe fast quick slow cheap affordable easy simple clear clean robust stable " +
    "responsive accessible usable intuitive consistent current up-to-date timely detailed readable legible flexible scalable " +
    "efficient transparent understandable comprehensive useful friendly portable light lightweight small wearable attractive"
  ).split(" "),
);

/** Words that open a clause whose verbs are details of the story's object, not its features. */
const SUBORDINATORS = new Set([
  "that",
  "which",
  "who",
  "whom",
  "whose",
  "when",
  "whenever",
  "where",
  "wherever",
  "if",
  "how",
  "what",
  "whether",
  "while",
  "because",
  "once",
  "until",
  "unless",
  "since",
  "before",
  "after",
  "why",
  "whatever",
  "whichever",
]);

const WH_WORDS = new Set(["why", "what", "how", "where", "when", "who", "which", "whether"]);

/** Markers after which a list gives examples (story-minimal reports them), not features. */
const EXAMPLE_MARKERS = ["such as", "e.g", "eg", "for example", "for instance", "including", "especially", "i.e"];

/** Participles after which a list says how one result is arranged: "grouped by grade and by skill mix". */
const ARRANGING = new Set(["grouped", "broken", "sorted", "ordered", "based", "split", "filtered", "organised", "organized", "arranged"]);

/** Words after a list that make its items one request: "buy both tickets together", "..., how I prefer". */
const TOGETHER =
  /\b(?:together|at once|at the same time|in one go|in one time|simultaneously|how i prefer|as i prefer|whichever i prefer)\b/;

/** Nouns that name a requested tool or system: a relative clause after one describes its capabilities. */
const TOOL_NOUNS = new Set(
  (
    "tool system app application module dashboard page view screen report platform device unit service feature function " +
    "functionality mechanism interface api portal site website widget planner assistant bot engine workflow workflows wizard " +
    "form tracker calendar panel board overview integration component program software solution place area section window " +
    "wearable wearables sensor game games articles list"
  ).split(" "),
);

/** Nouns that name many things without a plural "s": "bank or agency staff" is one group of people. */
const COLLECTIVE_NOUNS = new Set(
  "staff personnel people data metadata information content material equipment software hardware feedback media traffic".split(" "),
);

/** Pairs a slash writes as one word: "his/her", "and/or", "24/7"; inflections and synonyms are checked apart. */
const SLASH_ONE_THING = new Set([
  "his her",
  "he she",
  "him her",
  "her his",
  "she he",
  "s he",
  "and or",
  "either or",
  "yes no",
  "true false",
  "parent guardian",
  "mr mrs",
  "if when",
  "when if",
]);

const SUBJECT_PRONOUNS = /^(?:i|we|they|he|she|it|you|someone|everyone|nobody)$/;
const PERSONS = /^(?:i|me|we|us|you|he|him|she|her|they|them|others|someone|somebody|anyone|everyone)$/;
const POSSESSIVES = /^(?:my|our|your|their|his|her|its)$/;

const synonymGroups = new Map<string, number[]>();
SYNONYM_VERB_GROUPS.forEach((group, index) => {
  for (const verb of group) synonymGroups.set(verb, [...(synonymGroups.get(verb) ?? []), index]);
});

/** Whether two words are one action said twice ("communicate and integrate", "encourage and promote"). */
export function areSynonyms(a: string, b: string): boolean {
  const groups = synonymGroups.get(a);
  return groups !== undefined && (synonymGroups.get(b) ?? []).some((g) => groups.includes(g));
}

const isVerb = (t: TaggedToken | undefined): boolean => t !== undefined && t.tag.startsWith("VERB");
const isBase = (t: TaggedToken | undefined): boolean => t?.tag === "VERB:base";
const isFinite = (t: TaggedToken | undefined): boolean =>
  t !== undefined && (t.tag === "VERB:pres" || t.tag === "VERB:past" || t.tag === "AUX");
const isPossessive = (t: TaggedToken | undefined): boolean => t?.tag === "PRON" && POSSESSIVES.test(t.lower);
const isNominal = (t: TaggedToken | undefined): boolean => t !== undefined && (t.tag === "NOUN" || t.tag === "NUM");
/** A token that opens a noun phrase: a determiner, a possessive, an adjective, a number or a noun. */
const opensNounPhrase = (t: TaggedToken | undefined): boolean =>
  t !== undefined && (t.tag === "DET" || t.tag === "ADJ" || t.tag === "NUM" || t.tag === "NOUN" || isPossessive(t));
/** The same, or a participle that modifies the noun after it ("and Certified Scrum Product Owners"). */
const opensNounPhraseAt = (tokens: readonly TaggedToken[], at: number): boolean =>
  opensNounPhrase(tokens[at]) || (tokens[at]?.tag === "VERB:part" && tokens[at + 1]?.tag === "NOUN");
const isComma = (t: TaggedToken | undefined): boolean => t?.tag === "PUNCT" && t.text === ",";
/** A word that can modify the noun after it: a noun, a number or an adjective. */
const isModifier = (t: TaggedToken | undefined): boolean => isNominal(t) || t?.tag === "ADJ";
/** A conjunction between two numbers, the values of one item: "Firefox 1.5 and 2". */
const joinsNumbers = (tokens: readonly TaggedToken[], at: number): boolean =>
  tokens[at]?.tag === "CCONJ" && tokens[at - 1]?.tag === "NUM" && tokens[at + 1]?.tag === "NUM";

/** Where each word stands: in the main clause, or in a clause that hangs on a noun of it. */
export interface Reading {
  readonly tokens: readonly TaggedToken[];
  /** Per token: outside brackets, dash asides and examples. */
  readonly open: readonly boolean[];
  /** Per token: also outside subordinate clauses, in the main clause of the means. */
  readonly main: readonly boolean[];
  /** Per token in a relative clause: the index of the noun the clause hangs on ("a dashboard that ..."). */
  readonly relativeHead: readonly (number | undefined)[];
  /** Per token in a subordinate clause: the index of the word that opened it. */
  readonly opener: readonly (number | undefined)[];
}

/** Whether an example marker starts at a token ("such as", "e.g."), or "like" after a noun or a comma. */
function opensExample(tokens: readonly TaggedToken[], i: number, lowerMeans: string): boolean {
  const t = tokens[i] as TaggedToken;
  if (t.lower === "like") return tokens[i - 1]?.tag === "NOUN" || isComma(tokens[i - 1]);
  return EXAMPLE_MARKERS.some((m) => lowerMeans.startsWith(m, t.start) && !/[a-z]/.test(lowerMeans[t.start + m.length] ?? ""));
}

/**
 * Reads the clauses of a means. A subordinator opens a clause that runs on until a conjunction or comma brings
 * back a base-form verb after the clause has had its own finite verb ("see who is standing at my door and open
 * the door"), or to the end. A participle or a subject with a modal right after a noun opens a clause on that noun
 * too ("the email sent to new members", "questions the user can ask").
 */
export function readClauses(tokens: readonly TaggedToken[], means: string): Reading {
  const open: boolean[] = [];
  const main: boolean[] = [];
  const relativeHead: (number | undefined)[] = [];
  const opener: (number | undefined)[] = [];
  const lowerMeans = means.toLowerCase();
  let depth = 0;
  let dash = false;
  let example = false;
  let sub: { at: number; head: number | undefined; finite: boolean; lastVerb: string | undefined; reduced: boolean } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as TaggedToken;
    if (/^[([{]$/.test(t.text)) depth++;
    const isDash = t.tag === "PUNCT" && /^(?:--?|\u2013|\u2014)$/.test(t.text) && /\s/.test(means[t.start - 1] ?? "");
    if (isDash) dash = !dash;
    if (!example && opensExample(tokens, i, lowerMeans)) example = true;
    if (example && t.tag === "PUNCT" && t.text === ";") example = false;
    const outside = depth === 0 && !dash && !example;
    if (/^[)\]}]$/.test(t.text) && depth > 0) depth--;
    if (outside) {
      const previous = tokens[i - 1];
      const subordinator = (t.tag === "SCONJ" || SUBORDINATORS.has(t.lower)) && i > 0 && t.lower !== "so" && t.lower !== "as";
      const reducedRelative =
        previous?.tag === "NOUN" &&
        ((t.tag === "VERB:part" && tokens[i + 1]?.tag === "ADP") ||
          (t.tag === "ADV" && tokens[i + 1]?.tag === "VERB:part" && tokens[i + 2]?.tag === "ADP") ||
          ((t.tag === "DET" || (t.tag === "PRON" && SUBJECT_PRONOUNS.test(t.lower))) &&
            tokens.slice(i + 1, i + 3).some((x) => x.tag === "AUX")));
      if (subordinator || reducedRelative) {
        const head =
          /^(?:that|which|who|whose)$/.test(t.lower) || reducedRelative ? (previous?.tag === "NOUN" ? i - 1 : undefined) : undefined;
        sub = { at: i, head, finite: false, lastVerb: undefined, reduced: reducedRelative && !subordinator };
      } else if (
        sub &&
        (t.tag === "CCONJ" || isComma(t)) &&
        sub.finite &&
        sub.lastVerb !== "VERB:base" &&
        isBase(nextContent(tokens, i)) &&
        !isComma(tokens[i + 1])
      ) {
        // "see who is standing at my door and open the door": a base verb after the conjunction is the main clause
        // again; not after a modal's base verb, which it continues ("how agencies will generate and validate").
        sub = undefined;
      } else if (sub && t.tag === "PUNCT" && (t.text === ";" || (t.text === "," && sub.reduced))) {
        // A clause with no word to open it ("the claims submitted by my team, with ...") ends at a comma.
        sub = undefined;
      }
      if (sub && i > sub.at && (isFinite(t) || (t.tag === "VERB:base" && tokens[i - 1]?.tag === "AUX"))) sub.finite = true;
      if (sub && i > sub.at && isVerb(t)) sub.lastVerb = t.tag;
    }
    open.push(outside);
    main.push(outside && !sub);
    relativeHead.push(sub?.head);
    opener.push(sub?.at);
  }
  return { tokens, open, main, relativeHead, opener };
}

/** The index of the first token after `i` that is not a skippable word, an adverb or punctuation other than a comma. */
function nextContentIndex(tokens: readonly TaggedToken[], i: number): number {
  let j = i + 1;
  while (j < tokens.length) {
    const t = tokens[j] as TaggedToken;
    if (!(SKIPPABLE.has(t.lower) || t.tag === "ADV" || (t.tag === "PUNCT" && t.text !== ","))) return j;
    j++;
  }
  return tokens.length;
}

const nextContent = (tokens: readonly TaggedToken[], i: number): TaggedToken | undefined => tokens[nextContentIndex(tokens, i)];

/** The end of the phrase that starts at `from`: the next comma, conjunction, subordinator, preposition or the end. */
function phraseEnd(tokens: readonly TaggedToken[], from: number, stopAtPreposition: boolean): number {
  let j = from;
  for (; j < tokens.length; j++) {
    const t = tokens[j] as TaggedToken;
    // "see which ones are open", "see how it looks": a question right after a verb is its object.
    if (j === from + 1 && WH_WORDS.has(t.lower) && isVerb(tokens[from])) continue;
    // "do so" ends no phrase; nor does the conjunction of a fixed pair ("a cut and paste citation") or one between
    // the modifiers of an action's object ("put a CC-By or CC0 license on it").
    if (t.lower === "so" && tokens[j - 1]?.lower === "do") continue;
    if (j > from && t.tag === "CCONJ" && joinsWithinPhrase(tokens, j, stopAtPreposition)) continue;
    if (
      j > from &&
      (t.tag === "CCONJ" ||
        t.tag === "SCONJ" ||
        (t.tag === "PUNCT" && /[,;:.!?]/.test(t.text)) ||
        // "that" as a determiner ("operationalize that analysis") opens no clause.
        (SUBORDINATORS.has(t.lower) && t.tag !== "DET"))
    )
      break;
    if (j > from && stopAtPreposition && t.tag === "ADP" && t.lower !== "of") break;
    // "the resources, validations and pages are updated": an object ends where the verb they share begins.
    if (j > from && stopAtPreposition && (t.tag === "AUX" || t.tag === "VERB:pres" || t.tag === "VERB:past")) break;
  }
  return (tokens[j - 1] ?? tokens[from])?.end ?? 0;
}

/**
 * Whether the conjunction at `j` joins words inside one phrase: a fixed pair ("cut and paste"), or, in an action's
 * phrase (`inObject` false), two modifiers of the noun after them ("a CC-By or CC0 license").
 */
function joinsWithinPhrase(tokens: readonly TaggedToken[], j: number, inObject: boolean): boolean {
  const before = tokens[j - 1];
  const after = tokens[j + 1];
  if (!before || !after) return false;
  if (FIXED_PAIRS.has(`${bare(before)} ${bare(after)}`)) return true;
  return !inObject && isModifier(before) && isModifier(after) && tokens[j + 2]?.tag === "NOUN" && tokens[j - 2]?.tag === "DET";
}

/** The start of the noun phrase that ends right before `end`: back over nouns, adjectives, determiners and "of". */
function nounPhraseStart(tokens: readonly TaggedToken[], end: number, floor: number): number {
  let j = end;
  while (j - 1 >= floor) {
    const t = tokens[j - 1] as TaggedToken;
    // A determiner opens its phrase: a noun before it ends another ("indicate to preservation managers the checksum").
    const opened = tokens[j];
    if (opened && j < end && (opened.tag === "DET" || isPossessive(opened)) && isModifier(t)) break;
    // A participle inside the phrase ("a selected field", "errors in uploaded metadata"), not the verb before it
    // ("showing my status").
    const participle =
      t.tag === "VERB:part" &&
      (tokens[j - 2]?.tag === "DET" || tokens[j - 2]?.tag === "ADJ" || tokens[j - 2]?.tag === "ADP" || isPossessive(tokens[j - 2]));
    // An adverb of the adjective after it: "perceptually similar video items".
    const ofAdjective = t.tag === "ADV" && tokens[j]?.tag === "ADJ";
    // Two numbers of one item ("Firefox 1.5 and 2"), two words of one slash ("full/partial email").
    const oneItem =
      joinsNumbers(tokens, j - 1) || (t.text === "/" && j - 2 >= floor && opensNounPhrase(tokens[j - 2]) && t.start === tokens[j - 2]?.end);
    if (opensNounPhrase(t) || t.lower === "of" || participle || ofAdjective || oneItem || isComma(t) || pluralPossessive(tokens, j - 1))
      j--;
    else break;
  }
  while (j < end && isComma(tokens[j])) j++;
  return j;
}

/** The apostrophe of a plural's possessive, which the tokens hold apart from its noun: "the Neurohub Nodes' Web page". */
function pluralPossessive(tokens: readonly TaggedToken[], at: number): boolean {
  const t = tokens[at] as TaggedToken;
  const noun = tokens[at - 1];
  return (t.text === "'" || t.text === "\u2019") && noun?.tag === "NOUN" && noun.end === t.start && /s$/i.test(noun.text);
}

/** A word as a slash or list joins it: lower case, without a possessive "'s". */
const bare = (t: TaggedToken): string => t.lower.replace(/'s$/, "");

/** Whether a slash joins one thing: "his/her", "and/or", "file/files", "DB/IR", numbers and dates, synonyms. */
function slashJoinsOneThing(left: TaggedToken, right: TaggedToken): boolean {
  const a = bare(left);
  const b = bare(right);
  if (/\d/.test(a) || /\d/.test(b) || a.length === 1 || b.length === 1) return true;
  // Two acronyms are one term: "DB/IR", "UI/UX", "CI/CD".
  if (/^[A-Z]{1,4}$/.test(left.text) && /^[A-Z]{1,4}$/.test(right.text)) return true;
  if (a === b || a.startsWith(b) || b.startsWith(a) || SLASH_ONE_THING.has(`${a} ${b}`)) return true;
  // People named by pronouns, who the story is about: "when she/others retire", "they/we".
  if (PERSONS.test(a) && PERSONS.test(b)) return true;
  return FIXED_PAIRS.has(`${a} ${b}`) || areSynonyms(a, b);
}

const range = (tokens: readonly TaggedToken[], from: number, to: number): Range => ({
  start: tokens[from]?.start ?? 0,
  end: tokens[Math.max(from, to)]?.end ?? 0,
});

/** The phrase two objects share, from their verb to `last`, with the adverbs before the verb: "bulk upload", "quickly export". */
function headRange(tokens: readonly TaggedToken[], verbAt: number, last: number): Range {
  let from = verbAt;
  while (tokens[from - 1]?.tag === "ADV") from--;
  return range(tokens, from, Math.max(verbAt, last));
}

const joint = (t: TaggedToken): Range & { text: string } => ({ start: t.start, end: t.end, text: t.text });

/** The verb of the main clause that opens the means (the first base-form verb), if any. */
function mainVerbIndex(reading: Reading): number | undefined {
  for (let i = 0; i < reading.tokens.length; i++) if (reading.main[i] && isBase(reading.tokens[i])) return i;
  return undefined;
}

/**
 * Finds the first place where the means asks for two things, or undefined for an atomic means. `means` is the
 * means as written and `tokens` its tagged words (offsets in `means`).
 */
export function findCoordination(means: string, tokens: readonly TaggedToken[]): Coordination | undefined {
  const found = firstCoordination(means, tokens);
  return found && withoutEndCommas(attached(withParts(found, tokens, means.toLowerCase()), tokens), means);
}

/** The parts without the comma before the conjunction: "which builds are ready, and who signs them" names "... ready". */
function withoutEndCommas(c: Coordination, means: string): Coordination {
  const trim = (r: Range): Range => {
    let end = r.end;
    while (end > r.start && (means[end - 1] === "," || means[end - 1] === " ")) end--;
    return end === r.end ? r : { start: r.start, end };
  };
  const parts = c.parts.map(trim);
  if (parts.every((p, k) => p === c.parts[k]) && trim(c.first) === c.first) return c;
  return { ...c, first: trim(c.first), second: trim(c.second), parts };
}

const isDeterminer = (t: TaggedToken | undefined): boolean => t?.tag === "DET" || t?.tag === "PRON";

/** "make sure the orders and invoices are archived": "sure" (and "that") belong to the verb, not the first object. */
function withSureInHead(c: Coordination, tokens: readonly TaggedToken[], at: (start: number) => number): Coordination {
  let k = at(c.first.start);
  const verb = tokens[k - 1];
  if (!c.head || verb?.lower !== "make" || !/^(?:sure|certain)$/.test(tokens[k]?.lower ?? "")) return c;
  if (tokens[k + 1]?.lower === "that") k++;
  const next = tokens[k + 1];
  if (!next || next.start >= c.first.end) return c;
  const first = { start: next.start, end: c.first.end };
  return { ...c, head: { start: c.head.start, end: (tokens[k] as TaggedToken).end }, first, parts: [first, ...c.parts.slice(1)] };
}

/** A noun made of a verb, that names an action: "detection", "management", "analysis", "removal". */
const ACTION_NOUN = /(?:tion|sion|ment|ance|ence|ysis|val)$/;

/** Quantifiers a list of objects shares: "of all orders, invoices and receipts". */
const QUANTIFIERS = new Set(["all", "both", "each", "every", "any"]);

/**
 * Two objects with the phrase each is the object of: what the parts name and a split writes. "see the list of
 * orders and invoices" joins what the list is of ("see the list of invoices", not "see invoices"): the first part
 * opens with a determiner and ends in "of" and a phrase without one, like every later part. "turn a course into an
 * event or an event into a course" joins two objects each with its own "into" phrase ("turn an event into a
 * course"), where the head had taken the first object and its "into", and the second part had lost its own.
 */
function attached(found: Coordination, tokens: readonly TaggedToken[]): Coordination {
  if (found.kind !== "twoObjects" || !found.head) return found;
  const at = (start: number): number => tokens.findIndex((t) => t.start >= start);
  const c = withSureInHead(found, tokens, at);
  if (!c.head) return c;
  const first = at(c.first.start);
  const later = c.parts.slice(1).map((p) => tokens[at(p.start)]);
  if (first < 0 || later.some((t) => t === undefined)) return c;
  // "the list of orders": the last "of" in the first part, a phrase after it opening as the later parts open; after a
  // noun of an action ("automatic detection of plankton size or orientation") with or without a determiner.
  let of = -1;
  for (let k = first + 1; k < tokens.length && (tokens[k]?.end ?? Infinity) <= c.first.end; k++) if (tokens[k]?.lower === "of") of = k;
  if (isDeterminer(tokens[first]) || (of > first && ACTION_NOUN.test(tokens[of - 1]?.lower ?? ""))) {
    // "the site of all Certified Scrum Masters, Practitioners and Trainers": the quantifier is every part's.
    const shared = QUANTIFIERS.has(tokens[of + 1]?.lower ?? "") ? of + 1 : of;
    const inner = tokens[shared + 1];
    if (of > first && inner && inner.end <= c.first.end && later.every((t) => isDeterminer(t) === isDeterminer(inner))) {
      const parts = [{ start: inner.start, end: c.first.end }, ...c.parts.slice(1)];
      return { ...c, head: { start: c.head.start, end: (tokens[shared] as TaggedToken).end }, first: parts[0] as Range, parts };
    }
  }
  // "turn a course into an event or an event into a course": the head ends in a preposition the last part is
  // followed by; the head's object and that preposition belong to the first part, the second keeps its own.
  const headLast = tokens[at(c.head.end) - 1];
  const lastPart = c.parts[c.parts.length - 1] as Range;
  const afterAt = at(lastPart.end);
  const after = tokens[afterAt];
  if (c.parts.length === 2 && headLast?.tag === "ADP" && after?.lower === headLast.lower && after.start >= lastPart.end) {
    // The head opens with the verb, or with adverbs before it ("quickly turn").
    let verbAt = at(c.head.start);
    while (tokens[verbAt]?.tag === "ADV") verbAt++;
    const verbEnd = tokens[verbAt];
    const objectAt = tokens[verbAt + 1];
    const restEnd = phraseEnd(tokens, nextContentIndex(tokens, afterAt), true);
    if (!verbEnd || !objectAt || objectAt.start >= headLast.start || restEnd <= after.end) return c;
    const parts = [
      { start: objectAt.start, end: c.first.end },
      { start: c.second.start, end: restEnd },
    ];
    return { ...c, head: { start: c.head.start, end: verbEnd.end }, first: parts[0] as Range, second: parts[1] as Range, parts };
  }
  return c;
}

type Found = Omit<Coordination, "parts">;

/**
 * The coordination with all the parts of its list: "filter, sort and aggregate data" has three actions, "a card,
 * Apple Pay or PayPal" three objects. Items are split at the commas and conjunctions between the first part's
 * start and the end of the list; for actions, only where a base-form verb follows.
 */
function withParts(c: Found, tokens: readonly TaggedToken[], lowerMeans: string): Coordination {
  if (c.kind !== "twoActions" && c.kind !== "twoObjects") return { ...c, parts: [c.first, c.second] };
  const from = tokens.findIndex((t) => t.start >= c.first.start);
  let to = tokens.findIndex((t) => t.start >= c.second.start);
  if (from < 0 || to < 0) return { ...c, parts: [c.first, c.second] };
  // Further items after the second: ", and <verb>", "or <noun>".
  const opensItem = (at: number): boolean => {
    const nextAt = nextContentIndex(tokens, at);
    const next = tokens[nextAt];
    // "..., such as scope", "..., etc.": examples and the rest of a list are not items of it.
    if (next && (next.lower === "etc" || opensExample(tokens, nextAt, lowerMeans))) return false;
    // ", specific to the collection": an adjective with its own complement qualifies the list; it is no item of it.
    if (c.kind === "twoObjects" && next?.tag === "ADJ" && /^(?:ADP|PART)$/.test(tokens[nextAt + 1]?.tag ?? "")) return false;
    // "Firefox 1.5 and 2": two numbers of one item.
    if (joinsNumbers(tokens, at)) return false;
    // "..., where pertinent", "..., when needed": a clause or a condition after the list, not an item of it.
    const right = tokens[at + 1];
    if (right && (WH_WORDS.has(right.lower) || SUBORDINATORS.has(right.lower))) return false;
    return c.kind === "twoActions" ? isBase(next) : opensNounPhraseAt(tokens, nextAt) || next?.tag === "ADP";
  };
  let end = c.second.end;
  for (let k = to + 1; k < tokens.length; k++) {
    const t = tokens[k] as TaggedToken;
    if (t.start < end) continue;
    const joins = t.tag === "CCONJ" || (isComma(t) && tokens[k + 1]?.tag !== "CCONJ") || (isComma(t) && tokens[k + 1]?.tag === "CCONJ");
    if (!joins || !opensItem(tokens[k + 1]?.tag === "CCONJ" ? k + 1 : k)) break;
    const startAt = nextContentIndex(tokens, tokens[k + 1]?.tag === "CCONJ" ? k + 1 : k);
    const itemEnd = phraseEnd(tokens, startAt, c.kind === "twoObjects");
    if (itemEnd <= end) break;
    end = itemEnd;
    to = startAt;
  }
  const parts: Range[] = [];
  let start = c.first.start;
  for (let k = from; k < tokens.length && (tokens[k]?.start ?? 0) < end; k++) {
    const t = tokens[k] as TaggedToken;
    if (t.start < c.first.start || !(t.tag === "CCONJ" || isComma(t))) continue;
    const nextAt = nextContentIndex(tokens, tokens[k + 1]?.tag === "CCONJ" ? k + 1 : k);
    if (!opensItem(tokens[k + 1]?.tag === "CCONJ" ? k + 1 : k) || nextAt >= tokens.length) continue;
    const previous = tokens[k - 1];
    if (previous && previous.end > start) parts.push({ start, end: previous.end });
    start = (tokens[nextAt] as TaggedToken).start;
    if (tokens[k + 1]?.tag === "CCONJ") k++;
  }
  parts.push({ start, end });
  if (parts.length < 2) return { ...c, parts: [c.first, c.second] };
  return { ...c, first: parts[0] as Range, second: parts[1] as Range, parts };
}

function firstCoordination(means: string, tokens: readonly TaggedToken[]): Found | undefined {
  const reading = readClauses(tokens, means);
  const verbAt = mainVerbIndex(reading);
  const passive = tokens[0]?.lower === "be" || (tokens[0]?.tag === "VERB:part" && verbAt === undefined);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as TaggedToken;
    if (!reading.open[i]) continue;
    // "publish articles as well as schedule newsletters": "as well as" joins like "and"; its last word stands for it.
    const asWellAs = t.lower === "as" && tokens[i - 1]?.lower === "well" && tokens[i - 2]?.lower === "as";
    const found = asWellAs
      ? conjunctionAt(reading, i - 2, means, verbAt, passive, i)
      : t.tag === "SYM" || t.text === "|"
        ? slashAt(reading, i)
        : t.tag === "CCONJ"
          ? conjunctionAt(reading, i, means, verbAt, passive)
          : isComma(t)
            ? commaAt(reading, i, means, verbAt)
            : undefined;
    if (found) return found;
  }
  return undefined;
}

/** "import/export contacts", "report/dataset": two things written as one word. */
function slashAt(reading: Reading, i: number): Found | undefined {
  const { tokens } = reading;
  const slash = tokens[i] as TaggedToken;
  if (slash.text !== "/" && slash.text !== "|") return undefined;
  const left = tokens[i - 1];
  const right = tokens[i + 1];
  // Only a slash glued to both words ("upload/download"), between two words.
  if (!left || !right || left.end !== slash.start || right.start !== slash.end) return undefined;
  if (left.tag === "PUNCT" || right.tag === "PUNCT" || left.tag === "CCONJ" || right.tag === "CCONJ" || slashJoinsOneThing(left, right))
    return undefined;
  // "which data is good/bad": two values of one property.
  if (left.tag === "ADJ" && right.tag === "ADJ") return undefined;
  return { kind: "alternatives", joint: joint(slash), first: range(tokens, i - 1, i - 1), second: range(tokens, i + 1, i + 1) };
}

/**
 * A comma that joins on its own: "create, modify rules" (two verbs with no conjunction), "correct a reading, the
 * customer then receives a bill" (a clause with its own subject), ", with the swap taking effect only after ...",
 * "brochures, FAQs, etc." (a list closed by "etc.").
 */
function commaAt(reading: Reading, i: number, means: string, verbAt: number | undefined): Found | undefined {
  const { tokens, main } = reading;
  const comma = tokens[i] as TaggedToken;
  const nextAt = i + 1;
  const next = tokens[nextAt];
  if (!next || !main[i]) return undefined;
  const rest = (from: number): Range => ({ start: tokens[from]?.start ?? 0, end: means.trimEnd().length });
  // "create, modify rules", "walk around, access content": the comma right after the main verb (and its particle).
  const particlesOnly =
    verbAt !== undefined &&
    verbAt < i &&
    tokens
      .slice(verbAt + 1, i)
      .every((x) => x.tag === "ADV" || (x.tag === "ADP" && /^(?:around|up|down|in|out|on|off|back|over)$/.test(x.lower)));
  if (verbAt !== undefined && particlesOnly && isBase(next))
    return {
      kind: "twoActions",
      joint: joint(comma),
      first: range(tokens, verbAt, verbAt),
      second: { start: next.start, end: phraseEnd(tokens, nextAt, false) },
    };
  // ", I need it quiet": a remark with no request in it, story-minimal's business; ", I want to add a photo" is one.
  const remark = tokens[nextAt + 2]?.tag === "PRON" && (tokens[nextAt + 3]?.tag === "ADJ" || tokens[nextAt + 3] === undefined);
  if (verbAt !== undefined && verbAt < i && startsClause(tokens, nextAt) && !remark)
    return { kind: "secondClause", joint: joint(comma), first: range(tokens, 0, i - 1), second: rest(nextAt) };
  // ", with the change confirmed by a code": a second event with its own subject.
  if (next.lower === "with") {
    let j = nextAt + 1;
    const inPhrase = (x: TaggedToken | undefined, at: number): boolean =>
      x !== undefined &&
      (x.tag === "DET" ||
        isPossessive(x) ||
        x.tag === "ADJ" ||
        x.tag === "NOUN" ||
        (x.tag === "VERB:part" && tokens[at + 1]?.tag === "NOUN"));
    while (j < tokens.length && inPhrase(tokens[j], j)) j++;
    const verb = tokens[j];
    if (j > nextAt + 1 && tokens[j - 1]?.tag === "NOUN" && (verb?.tag === "VERB:ger" || verb?.tag === "VERB:part"))
      return { kind: "secondClause", joint: joint(comma), first: range(tokens, 0, i - 1), second: rest(nextAt) };
  }
  // "download presentations, PDFs, etc.": a list of objects left open.
  if (next.lower === "etc" && isNominal(tokens[i - 1]) && verbAt !== undefined) {
    const start = nounPhraseStart(tokens, i, verbAt + 1);
    const listComma = tokens.slice(start, i).findIndex((x) => isComma(x));
    if (listComma > 0)
      return {
        kind: "twoObjects",
        joint: joint(tokens[start + listComma] as TaggedToken),
        head: headRange(tokens, verbAt, start - 1),
        first: range(tokens, start, start + listComma - 1),
        second: range(tokens, start + listComma + 1, i - 1),
      };
  }
  return undefined;
}

/** A conjunction: what it joins decides the kind, or that it joins one thing. */
function conjunctionAt(
  reading: Reading,
  i: number,
  means: string,
  verbAt: number | undefined,
  passive: boolean,
  /** For a conjunction of several words ("as well as", from `i`), the index of its last word. */
  lastAt = i,
): Found | undefined {
  const { tokens, main } = reading;
  const first = tokens[i] as TaggedToken;
  const last = tokens[lastAt] as TaggedToken;
  const conj: TaggedToken = lastAt > i ? { ...first, end: last.end, text: means.slice(first.start, last.end), lower: "and" } : first;
  const previous = tokens[i - 1];
  // "pain and or stress": the second conjunction stands for both.
  const nextAt = tokens[lastAt + 1]?.tag === "CCONJ" ? nextContentIndex(tokens, lastAt + 1) : nextContentIndex(tokens, lastAt);
  const next = tokens[nextAt];
  if (!previous || (previous.tag === "PUNCT" && previous.text !== ",") || previous.tag === "SYM") return undefined;
  if (!main[i]) return subordinateConjunction(reading, i, means);
  if (!next) return undefined;
  const before = isComma(previous) ? tokens[i - 2] : previous;
  // The word right after the conjunction too: "one or more" (an adverb the content word skips).
  const right = tokens[lastAt + 1];
  if (before && (FIXED_PAIRS.has(`${bare(before)} ${bare(next)}`) || (right && FIXED_PAIRS.has(`${bare(before)} ${bare(right)}`))))
    return undefined;
  if (TOGETHER.test(means.toLowerCase().slice(conj.end))) return undefined;
  // "either ... or", "between ... and", "whether ... or": the choices or ends of one thing; a later conjunction
  // joins as any other ("either replicate or not, and possibly replicate further").
  if (closesPair(tokens, i, 0)) return undefined;

  const rest = (from: number): Range => ({ start: tokens[from]?.start ?? 0, end: means.trimEnd().length });
  // "... and vice versa": the same request the other way round, a request of its own that no split can write.
  if (right?.lower === "vice" && tokens[lastAt + 2]?.lower === "versa")
    return { kind: "secondClause", joint: joint(conj), first: range(tokens, 0, i - 1), second: rest(lastAt + 1) };
  // A clause with its own subject: "book a room and I expect a confirmation", "and the system stores my card";
  // but not the subjects of one clause that a verb like "ensure" takes: "ensure the pages and guides are updated".
  if (startsClause(tokens, nextAt) && !sharedSubjects(tokens, verbAt, i, nextAt))
    return { kind: "secondClause", joint: joint(conj), first: range(tokens, 0, i - 1), second: rest(nextAt) };

  // Two verbs: "search and filter", "create, edit or delete", "see a list ... and can page through them".
  const modalThenVerb = next.tag === "AUX" && isBase(tokens[nextAt + 1]) && !/^(?:be|is|are|was|were|been)$/.test(next.lower);
  // "update the information in one place and be assured it is sent on": "be" is the second action's verb.
  const beNext = right?.lower === "be" && right.tag === "AUX";
  const verbNext =
    isBase(next) ||
    (next.tag === "VERB:pres" &&
      verbAt !== undefined &&
      !tokens.slice(verbAt, i).some((x) => x.tag === "PRON" && SUBJECT_PRONOUNS.test(x.lower)));
  if ((verbNext || modalThenVerb || beNext) && verbAt !== undefined && verbAt < i && !passive) {
    const second = beNext ? right : modalThenVerb ? (tokens[nextAt + 1] as TaggedToken) : next;
    const first = lastVerb(tokens, verbAt, i, main, isBase) ?? (tokens[verbAt] as TaggedToken);
    if (
      CONSEQUENCE_VERBS.has(second.lower) ||
      GOAL_VERBS.has(second.lower) ||
      SERIAL_VERBS.has(first.lower) ||
      areSynonyms(first.lower, second.lower)
    )
      return undefined;
    const toBefore = tokens.slice(i + 1, nextAt).some((x) => x.lower === "to");
    // A verb-looking word ending a noun list is a noun: "file size, creation date, format and version".
    const looksNoun = !toBefore && canBeNoun(second.lower) && tokens[nextAt + 1]?.tag !== "DET" && !isPossessive(tokens[nextAt + 1]);
    if (looksNoun && isNominal(before) && nounListBefore(tokens, i)) return undefined;
    // "the read and edit views": two verbs modifying the noun that follows both.
    if (tokens[nextAt + 1]?.tag === "NOUN" && before?.tag === "VERB:base" && tokens[i - 2]?.tag === "DET") return undefined;
    const firstAt = tokens.indexOf(first);
    return {
      kind: "twoActions",
      joint: joint(conj),
      first: range(tokens, firstAt, i - 1),
      second: { start: second.start, end: phraseEnd(tokens, beNext ? lastAt + 1 : nextAt, false) },
    };
  }

  // Two qualities of one thing: "accurate and complete data", "to be well defined and well documented".
  const quality = (x: TaggedToken | undefined): boolean => x?.tag === "ADJ" || x?.tag === "VERB:part";
  if (quality(before) && quality(next)) {
    if (conj.lower !== "and") return undefined; // "daily or weekly", "vegetarian or vegan": values of one setting
    // "as simple and clear as possible": one measure of one thing.
    if (tokens[i - 2]?.lower === "as" || tokens[i - 2]?.lower === "so") return undefined;
    const predicate = tokens.slice(Math.max(0, i - 3), i).some((x) => x.tag === "AUX");
    const evaluative = QUALITY_ADJECTIVES.has(before?.lower ?? "") && QUALITY_ADJECTIVES.has(next.lower);
    if (predicate || evaluative)
      return { kind: "twoQualities", joint: joint(conj), first: range(tokens, i - 1, i - 1), second: range(tokens, nextAt, nextAt) };
    return undefined;
  }
  // "quickly and easily", "forwards and backwards": two adverbs of one action.
  if (before?.tag === "ADV" && (tokens[lastAt + 1]?.tag === "ADV" || next.tag === "ADV")) return undefined;

  // Two objects: "export orders and invoices", "see the fees and the opening hours", "on a bracelet or a necklace".
  return twoObjects(reading, i, nextAt, verbAt, conj);
}

/** The objects case of a conjunction in the main clause, or undefined where the list names one thing. */
function twoObjects(reading: Reading, i: number, nextAt: number, verbAt: number | undefined, conj: TaggedToken): Found | undefined {
  const { tokens } = reading;
  const previous = tokens[i - 1] as TaggedToken;
  const next = tokens[nextAt] as TaggedToken;
  const before = isComma(previous) ? tokens[i - 2] : previous;
  if (verbAt !== undefined && verbAt > i) return undefined;
  // A particle may close the first phrase when a whole phrase follows: "my preferred days off and my availability".
  const particleEnd =
    before?.tag === "ADP" &&
    /^(?:off|up|out|in|on)$/.test(before.lower) &&
    tokens[i - 2]?.tag === "NOUN" &&
    (next.tag === "DET" || isPossessive(next));
  if (
    !(opensNounPhraseAt(tokens, nextAt) || next.tag === "ADP") ||
    !before ||
    isVerb(before) ||
    (before.tag === "ADP" && !particleEnd) ||
    before.tag === "PART"
  )
    return undefined;
  if (!(isNominal(before) || before.tag === "ADJ" || before.tag === "PRON" || particleEnd)) return undefined;
  // Values, not things: "10, 30 and 60 cm", "accept zero and blank".
  const single = (x: TaggedToken | undefined, at: number): boolean =>
    x !== undefined && !opensNounPhrase(tokens[at + 1]) && tokens[at + 1]?.tag !== "NOUN";
  if (before.tag === "NUM" && next.tag === "NUM") return undefined;
  if (
    (before.tag === "NUM" || next.tag === "NUM") &&
    (before.tag === "NUM" || before.tag === "ADJ") &&
    (next.tag === "NUM" || next.tag === "ADJ") &&
    single(next, nextAt)
  )
    return undefined;
  const headStart = verbAt ?? 0;
  // "A or B" after a verb that sets a value, or after "as": the choices of one setting ("mark dishes as vegan or halal").
  if (
    conj.lower === "or" &&
    (SETTING_VERBS.has(tokens[headStart]?.lower ?? "") || tokens.slice(headStart, i).some((x) => x.lower === "as"))
  )
    return undefined;
  // "a new course or event", "any repository or collection": one thing of either kind, under one determiner.
  // The first phrase ends before the comma, or before the particle that closes it ("my preferred days off").
  const npEnd = isComma(previous) || particleEnd ? i - 1 : i;
  const npStart = nounPhraseStart(tokens, npEnd, headStart + 1);
  const np = tokens.slice(npStart, npEnd);
  const determinerAt = np.map((x) => x.tag === "DET" || isPossessive(x)).lastIndexOf(true);
  const underOne = determinerAt >= 0 ? np.slice(determinerAt) : [];
  if (
    conj.lower === "or" &&
    next.tag === "NOUN" &&
    underOne.length > 0 &&
    underOne.filter((x) => x.tag === "NOUN").length === 1 &&
    !isComma(previous)
  )
    return undefined;
  // "the start and end dates", "the warning and error files": one plural noun with two modifiers, the first a bare word.
  const afterNext = tokens[nextAt + 1];
  const modifierNext = next.tag === "NOUN" || next.tag === "ADJ";
  if (
    np.length >= 1 &&
    np.length <= 2 &&
    np[np.length - 1] === before &&
    !/s$/.test(before.lower) &&
    modifierNext &&
    afterNext?.tag === "NOUN" &&
    // A plural head, or one that names many: "bank or agency staff".
    (/s$/.test(afterNext.lower) || COLLECTIVE_NOUNS.has(afterNext.lower)) &&
    !isComma(previous)
  )
    return undefined;
  // A list that says how one result is arranged: "grouped by grade and by skill mix", "per zone and per time".
  if (tokens.slice(Math.max(0, i - 8), i).some((x) => ARRANGING.has(x.lower)) || next.lower === "per") return undefined;
  // "by email or by text": when the second part repeats its preposition, the first part keeps its own.
  const firstStart = next.tag === "ADP" && tokens[npStart - 1]?.tag === "ADP" ? npStart - 1 : npStart;
  const firstEnd = isComma(previous) ? i - 2 : i - 1;
  // "for both staff and kids": "both" is the pair's, not its first part's (splitMeans leaves it out of every part).
  const pairStart = tokens[firstStart]?.lower === "both" && firstStart < firstEnd ? firstStart + 1 : firstStart;
  return {
    kind: "twoObjects",
    joint: joint(conj),
    ...(verbAt !== undefined && { head: headRange(tokens, verbAt, firstStart - 1) }),
    first: range(tokens, pairStart, firstEnd),
    second: { start: next.start, end: phraseEnd(tokens, nextAt, next.tag !== "ADP") },
  };
}

/**
 * A conjunction inside a subordinate clause joins details of the story's object, except: two capabilities of a
 * requested tool ("a dashboard that shows no-shows and sends reports"), two qualities it must have ("a device that
 * is wearable and easy to carry"), two conditions ("whose battery is low or which has not reported"), two
 * questions ("what Scrum is and why it needs an alliance") and two content clauses ("that ..., and that ...").
 */
function subordinateConjunction(reading: Reading, i: number, means: string): Found | undefined {
  const { tokens, relativeHead, opener } = reading;
  const conj = tokens[i] as TaggedToken;
  const nextAt = nextContentIndex(tokens, i);
  const next = tokens[nextAt] ?? tokens[i + 1];
  const before = isComma(tokens[i - 1]) ? tokens[i - 2] : tokens[i - 1];
  const openedAt = opener[i];
  if (!next || !before || openedAt === undefined) return undefined;
  if (closesPair(tokens, i, openedAt)) return undefined;
  const right = tokens[i + 1] as TaggedToken;
  const clause = tokens.slice(openedAt + 1, i);
  const rest: Range = { start: next.start, end: phraseEnd(tokens, nextAt, false) };
  const opening = tokens[openedAt] as TaggedToken;
  if (WH_WORDS.has(right.lower) && WH_WORDS.has(opening.lower) && clause.some(isFinite))
    return {
      kind: "twoObjects",
      joint: joint(conj),
      first: range(tokens, openedAt, i - 1),
      second: { start: right.start, end: means.trimEnd().length },
    };
  if (next.lower === "that" && opening.lower === "that" && isComma(tokens[i - 1]))
    return {
      kind: "secondClause",
      joint: joint(conj),
      first: range(tokens, openedAt, i - 2),
      second: { start: next.start, end: means.trimEnd().length },
    };
  const head = relativeHead[i];
  if (head === undefined) return undefined;
  if (/^(?:which|who|that)$/.test(next.lower) && clause.some(isFinite))
    return {
      kind: "twoQualities",
      joint: joint(conj),
      first: range(tokens, openedAt, i - 1),
      second: { start: next.start, end: means.trimEnd().length },
    };
  const verbBefore = clause.some((x) => isVerb(x) || x.tag === "AUX");
  const verbNext = next.tag === "VERB:pres" || (isBase(next) && clause.some((x) => x.tag === "AUX"));
  // Two finite verbs with objects: "error codes that reflect the logic and provide enough information".
  const twoPredicates =
    conj.lower === "and" && next.tag === "VERB:pres" && clause.some((x) => x.tag === "VERB:pres") && opensNounPhraseAt(tokens, nextAt + 1);
  if (!TOOL_NOUNS.has(tokens[head]?.lower ?? "") && !twoPredicates) return undefined;
  if (verbNext && verbBefore && !areSynonyms(lastVerb(tokens, openedAt, i)?.lower ?? "", next.lower))
    return { kind: "toolCapabilities", joint: joint(conj), first: range(tokens, openedAt + 1, i - 1), second: rest };
  // "articles that interest me and are easy to get to": a second predicate of the same subject.
  if (right.tag === "AUX" && /^(?:is|are|be|can|should|must|will)$/.test(right.lower) && verbBefore && /^(?:and)$/.test(conj.lower))
    return { kind: "twoQualities", joint: joint(conj), first: range(tokens, openedAt + 1, i - 1), second: rest };
  const quality = (x: TaggedToken | undefined): boolean => x !== undefined && (x.tag === "ADJ" || x.tag === "ADV" || x.tag === "VERB:part");
  const attributive = tokens[i + 2]?.tag === "NOUN";
  if (conj.lower === "and" && quality(before) && quality(right) && !attributive && verbBefore)
    return { kind: "twoQualities", joint: joint(conj), first: range(tokens, i - 1, i - 1), second: range(tokens, i + 1, i + 1) };
  return undefined;
}

/** Whether the conjunction at `i` is the first after an "either", "neither", "whether" or "between" since `from`. */
function closesPair(tokens: readonly TaggedToken[], i: number, from: number): boolean {
  for (let k = i - 1; k >= from; k--) {
    const w = tokens[k]?.lower ?? "";
    if (/^(?:either|between|whether|neither)$/.test(w)) return true;
    if (tokens[k]?.tag === "CCONJ") return false;
  }
  return false;
}

/** Whether a list of nouns runs up to the conjunction: "file size, creation date and format". */
function nounListBefore(tokens: readonly TaggedToken[], conj: number): boolean {
  // A comma between items, not only the one that may close the last item before the conjunction.
  return tokens.slice(Math.max(0, conj - 6), conj - 1).some(isComma) && (isNominal(tokens[conj - 1]) || isComma(tokens[conj - 1]));
}

/** The last verb before `to`, from `from` on; with `only`, the last of the tokens it marks. */
function lastVerb(
  tokens: readonly TaggedToken[],
  from: number,
  to: number,
  only?: readonly boolean[],
  verb: (t: TaggedToken | undefined) => boolean = isVerb,
): TaggedToken | undefined {
  for (let k = to - 1; k >= from; k--) if (verb(tokens[k]) && (!only || only[k])) return tokens[k];
  return undefined;
}

/**
 * Whether a clause with its own subject starts at `at`: a subject pronoun ("I expect", "it should") or a noun
 * phrase ("the system stores", "ALFRED should also use") followed by a finite verb or a modal.
 */
/** Verbs whose object is a clause with its own subject: "ensure the pages are updated", "make sure ...". */
const CLAUSE_OBJECT_VERBS = new Set(["ensure", "assure", "verify", "check", "confirm", "sure", "certain"]);

/** A verb form a plural subject takes: "are", "were", "have", "get" (not "is", "stores"). */
const pluralVerb = (t: TaggedToken | undefined): boolean =>
  t !== undefined && (/^(?:are|were|have|do|remain|stay|get|become)$/.test(t.lower) || t.tag === "VERB:base");

/**
 * Whether the conjunction at `i` joins the subjects of the clause a verb like "ensure" takes: the first subject
 * starts right after that verb (or "make sure"), and the verb after the second is one a plural subject takes
 * ("ensure the resources, validations and pages are updated", "make sure the orders and invoices are archived").
 */
function sharedSubjects(tokens: readonly TaggedToken[], verbAt: number | undefined, i: number, nextAt: number): boolean {
  if (verbAt === undefined || verbAt >= i) return false;
  let at = verbAt;
  if (!CLAUSE_OBJECT_VERBS.has(tokens[at]?.lower ?? "")) {
    at = verbAt + 1;
    if (!CLAUSE_OBJECT_VERBS.has(tokens[at]?.lower ?? "")) return false;
  }
  if (tokens[at + 1]?.lower === "that") at++;
  // The first subject: a noun phrase from there to the conjunction, with no verb of its own.
  const between = tokens.slice(at + 1, i);
  if (between.length === 0 || between.some((t) => isVerb(t) || t.tag === "AUX" || t.tag === "SCONJ")) return false;
  let j = nextAt;
  while (j < tokens.length && (tokens[j]?.tag === "DET" || tokens[j]?.tag === "ADJ" || tokens[j]?.tag === "NOUN")) j++;
  return j > nextAt && pluralVerb(tokens[j]);
}

function startsClause(tokens: readonly TaggedToken[], at: number): boolean {
  const t = tokens[at];
  if (!t) return false;
  const verbAfter = (j: number): boolean => isFinite(tokens[j]) || (tokens[j]?.tag === "ADV" && isFinite(tokens[j + 1]));
  // After "I" or "we" a word that can be a verb is one ("I want also a printed one"), whatever the tagger read.
  const firstPerson = /^(?:i|we)$/.test(t.lower) && canBeBaseVerb(tokens[at + 1]?.lower ?? "");
  if (t.tag === "PRON" && SUBJECT_PRONOUNS.test(t.lower)) return verbAfter(at + 1) || firstPerson;
  if (t.tag === "DET" || t.tag === "NOUN") {
    let j = at;
    while (j < tokens.length && (tokens[j]?.tag === "DET" || tokens[j]?.tag === "ADJ" || tokens[j]?.tag === "NOUN")) j++;
    if (j > at && tokens[j - 1]?.tag === "NOUN" && verbAfter(j) && tokens[j]?.lower !== "that") return true;
    // "the system stores my card", "the hotel then refunds the deposit": a third-person verb read as a plural noun
    // (after an adverb, it is one), with an object after it.
    const afterAdverb = tokens[j]?.tag === "ADV";
    const verbAt = afterAdverb ? j + 1 : j - 1;
    const verb = tokens[verbAt];
    const object = tokens[verbAt + 1];
    return (
      verb !== undefined &&
      verbAt - at >= (afterAdverb ? 1 : 2) &&
      /[^s]s$/.test(verb.lower) &&
      canBeBaseVerb(verb.lower.slice(0, -1)) &&
      (object?.tag === "DET" || isPossessive(object) || object?.tag === "NUM" || object?.tag === "PRON")
    );
  }
  return false;
}
