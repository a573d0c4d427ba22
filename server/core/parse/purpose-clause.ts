// Finds a benefit that the ends markers' patterns cannot tell by their words alone (QUS-LABELS.md, benefit): a
// purpose clause with no marker before it ("browse content by subject to locate resources", "see the occupancy per
// week to decide if we need more desks"), and a bare "so" before a clause of its own ("so new episodes appear").
import { canBeBaseVerb, tagWords } from "../nlp/tagger";

/**
 * Verbs whose object a "to" clause completes rather than explains: "have ALFRED to set limits", "use the map to
 * find a shop", "enable customers to give feedback", "remind me to stretch". After one of them, the "to"
 * clause is the means itself.
 */
const COMPLEMENT_VERBS = new Set(
  (
    "have has get let make help enable allow ask remind invite tell want need encourage force require permit expect prefer " +
    "teach train instruct configure set use be like love"
  ).split(" "),
);

/**
 * Words a "to" clause completes: "a way to manage", "the ability to change", "easy to carry", "how to reduce",
 * "allowed to work", "need to be stored".
 */
const COMPLEMENTED = new Set(
  (
    "ability way ways mechanism place support button option options possibility chance opportunity tool tools method " +
    "means permission right rights time attempt attempts instruction instructions effort reason request plan decision " +
    "need desire access tendency invitation reminder reminders prompt something anything nothing everything someone " +
    "anyone link feature features functionality function capability interface form facility process workflow wizard " +
    "page screen field space room tips advice guidance help training information data " +
    "able unable easy hard difficult possible impossible ready free allowed required necessary enough sufficient likely " +
    "quick simple supposed about going used due " +
    "how whether what where when which who than without and or but not also only just " +
    "need needs needed has have had want wants wanted asked requested prompted come comes came order as so " +
    "me us him her them it you people users others everyone this that these those " +
    "fail fails failed seem seems appear appears tend tends manage manages refuse agree hope begin begins start starts " +
    "continue continues try tries tried scheduled supposed meant expected designed intended set"
  ).split(" "),
);

/** Where another clause begins: ", so", ", and" or "but", or "and" before a subject and a modal. */
const CLAUSE_BREAK =
  /,\s*(?:so|and|but)\s|\bbut\s|\band\s+(?:i|we)\s|\band\s+(?:[a-z]+\s+){1,2}(?:should|will|can|must|would|could|shall)\s|\b(?:where|when|if|whether)\s/;

/** A relative clause before the "to": its own purpose, unless the "to" follows a noun ("the data that is ... to meet"). */
const RELATIVE = /\b(?:that|which|who|whose)\s/;

/** A "to" and the word after it, with the word before it: the places a purpose clause may start. */
const TO_VERB = /(?:^|[\s,])([a-z'/-]+)\s+to\s+([a-z]+)/g;

/**
 * The "to" of a purpose clause in `folded` (lower-cased text) between `from` (the start of the means) and `to`,
 * or undefined. Only where the means opens with a base-form verb that does not take a "to" clause, outside
 * brackets, and only the first "to" after that verb's object.
 */
export function purposeMarker(folded: string, from: number, to: number): { start: number; end: number } | undefined {
  const means = folded.slice(from, to);
  // The means' own verb, after any adverb: "easily find ...", "quickly correct ...".
  const opening = /^\s*(?:[a-z]+ly\s+)?([a-z]+)\b/.exec(means);
  const verb = opening?.[1];
  if (!verb || COMPLEMENT_VERBS.has(verb) || !canBeBaseVerb(verb)) return undefined;
  TO_VERB.lastIndex = (opening?.[0].length ?? 0) - 1;
  for (let m = TO_VERB.exec(means); m; m = TO_VERB.exec(means)) {
    const before = m[1] ?? "";
    const after = m[2] ?? "";
    // "to be ...", "to have accurate text": a state the means asks for, not why.
    if (COMPLEMENTED.has(before) || !canBeBaseVerb(after) || after === "be" || after === "have") continue;
    // "... and allow apps to create": a verb that takes "<object> to <verb>" right before the object.
    const verbBefore = /([a-z]+)\s+\S+\s+to\s+[a-z]+$/.exec(means.slice(0, m.index + m[0].length))?.[1];
    if (verbBefore && COMPLEMENT_VERBS.has(verbBefore)) continue;
    // Not across a clause of its own or a further request: "..., and ALFRED should also use sensors to capture",
    // "..., so I would like the app to show".
    const lead = means.slice(0, m.index + 1);
    if (CLAUSE_BREAK.test(lead)) return undefined;
    if (RELATIVE.test(lead) && (canBeBaseVerb(before) || canBeBaseVerb(before.replace(/s$/, "")))) continue;
    const at = m.index + m[0].lastIndexOf(" to ") + 1;
    if (insideBrackets(means, 0, at)) continue;
    return { start: from + at, end: from + at + 2 };
  }
  return undefined;
}

/** Whether `at` in `text` is inside brackets opened after `from`: "(so the item appears in both)" is a remark. */
export function insideBrackets(text: string, from: number, at: number): boolean {
  let depth = 0;
  for (let i = from; i < at; i++) {
    const c = text[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
  }
  return depth > 0;
}

/** A "so" with a space after it, where a clause of its own may begin. */
const BARE_SO = /\bso\s/g;
/** How far after "so" its clause's subject and verb are looked for: a subject of a few words, then the verb. */
const SO_CLAUSE_REACH = 60;

/**
 * The "so" of a clause with its own subject and finite verb, such as "so new episodes appear in my app" or "so
 * customers receive a receipt", in `folded` between `from` and `to`, or undefined. The ends markers' patterns take a
 * "so" before a pronoun, a determiner or a modal; this one is the rest: a subject of nouns, with adjectives or
 * numbers before them, then a verb in the present or past tense, as the tagger reads them. "do so quickly and see"
 * or "so many" have no such subject.
 */
export function soClauseMarker(folded: string, from: number, to: number): { start: number; end: number } | undefined {
  BARE_SO.lastIndex = from;
  for (let m = BARE_SO.exec(folded); m && m.index < to; m = BARE_SO.exec(folded)) {
    if (insideBrackets(folded, from, m.index)) continue;
    const tokens = tagWords(folded.slice(m.index, Math.min(to, m.index + SO_CLAUSE_REACH)));
    let i = 1;
    while (tokens[i]?.tag === "ADJ" || tokens[i]?.tag === "NUM") i++;
    const subjectStart = i;
    while (tokens[i]?.tag === "NOUN") i++;
    const verb = tokens[i]?.tag;
    if (i > subjectStart && (verb === "VERB:pres" || verb === "VERB:past")) return { start: m.index, end: m.index + 2 };
  }
  return undefined;
}
