// QUS "atomic": a story asks for one feature; a conjunction with a verb phrase on both sides asks for two.
import { sourceOf, type Backlog, type Fix, type Story, type TextEdit } from "../model";
import { isActionVerb, isVerbOnlyWord, tagMeans, type TaggedWord } from "../nlp/pos";
import { SYNONYM_VERB_GROUPS } from "../nlp/word-lists";
import { defineRule } from "./rule";

/** Words that may stand between a conjunction and the verb it introduces ("and then export", "or to print"). */
const SKIPPABLE = new Set(["to", "then", "also", "later", "afterwards", "subsequently", "maybe", "possibly", "optionally", "be", "able"]);

/** Verbs that name the outcome of the first verb, not a second feature: "enter my zip code and get a list". */
const CONSEQUENCE_VERBS = new Set(["have", "get", "receive", "become", "let", "make", "see"]);

const CONJUNCTIONS = new Set(["and", "or", "&", "+", "and/or"]);

/**
 * Whether a means may hold a conjunction at all: tagging costs far more than every other check, and most
 * stories have none, so the tagger only runs on the means this matches.
 */
const MAY_JOIN = /\b(?:and|or)\b|[&+]|\bas\s+well\s+as\b/i;

/** Each verb's synonym groups, by index: two verbs of one group paraphrase each other. */
const SYNONYM_GROUPS = new Map<string, number[]>();
SYNONYM_VERB_GROUPS.forEach((group, index) => {
  for (const verb of group) SYNONYM_GROUPS.set(verb, [...(SYNONYM_GROUPS.get(verb) ?? []), index]);
});
const synonyms = (a: string, b: string): boolean => {
  const groups = SYNONYM_GROUPS.get(a.toLowerCase());
  return groups !== undefined && (SYNONYM_GROUPS.get(b.toLowerCase()) ?? []).some((g) => groups.includes(g));
};

const OPENING_BRACKET = /^[([{]/;
const CLOSING_BRACKET = /[)\]}]$/;
const PHRASE_END = /^[,;:.)]/;
const QUOTE = /["'\u201c\u201d\u2018\u2019]/;
const BOTH = /^both$/i;
const WHITESPACE = /^\s+$/;
const SHARED_HEADS = /^(?:access|rights?|permissions?|mode|privileges?|views?)$/i;

interface Split {
  /** The conjunction word. */
  readonly conjunction: TaggedWord;
  /** The verb that opens the second feature. */
  readonly secondVerb: TaggedWord;
}

/** Words that open a subordinate clause: a conjunction after one joins verbs inside that clause. */
const SUBORDINATORS = new Set([
  "that",
  "which",
  "who",
  "whom",
  "whose",
  "when",
  "where",
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
]);

/** A verb in its base form, the form both halves of "I want to <verb> and <verb>" take. */
const isBaseVerb = (w: TaggedWord | undefined): w is TaggedWord =>
  isActionVerb(w) && w !== undefined && (w.tags.has("Infinitive") || w.tags.has("Imperative"));

/**
 * The word at `j` as a verb when the tagger read it as a noun that a determiner follows ("take a picture or
 * upload an image"): a singular noun does not take a determiner after it, so it is tagged again on its own,
 * the way the second feature would read as a story.
 */
function verbAt(words: readonly TaggedWord[], j: number): TaggedWord | undefined {
  const word = words[j];
  const after = words[j + 1];
  const verb: boolean = isBaseVerb(word);
  if (!word || verb || !word.tags.has("Noun") || word.tags.has("Plural") || !after?.tags.has("Determiner")) return word;
  const rest = words
    .slice(j)
    .map((w) => w.text + w.post)
    .join("");
  const retagged = tagMeans(rest, word.span.start)[0];
  return retagged && isBaseVerb(retagged) && retagged.text === word.text ? retagged : word;
}

/** The end of a noun list: nothing, a preposition, a conjunction or punctuation follows. */
const endsPhrase = (w: TaggedWord | undefined): boolean =>
  w === undefined || w.tags.has("Preposition") || w.tags.has("Conjunction") || PHRASE_END.test(w.text);

/**
 * Finds the first conjunction in the means that joins two verb phrases. The left side must hold a base-form
 * action verb of the main clause, and the right side must open with one: "search and filter the results" is
 * two features; "accept the terms and conditions", "the read and edit views" and "know when periods start and
 * end" are one.
 */
export function findSplit(words: readonly TaggedWord[]): Split | undefined {
  let depth = 0;
  let mainVerbSeen = false;
  let mainVerb: TaggedWord | undefined;
  let subordinate = false;
  // A subordinate clause with an inflected verb ("what ALFRED does", "who is standing") has its own subject,
  // so a base-form verb after the conjunction returns to the main clause.
  let subordinateInflected = false;
  // "be notified and ...", "be sent ...": a passive means describes one event, its conjunctions join details.
  if (words[0]?.text.toLowerCase() === "be") return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w) continue;
    const lower = w.text.toLowerCase();
    if (OPENING_BRACKET.test(w.text)) depth++;
    if (CLOSING_BRACKET.test(w.text) && depth > 0) depth--;
    if (depth > 0) continue;
    // The means opens with its main verb, however the tagger read it ("have updated codes that ...").
    const opensWithVerb = i === 0 && w.tags.has("Verb");
    if ((opensWithVerb || isBaseVerb(w)) && !mainVerbSeen) {
      mainVerbSeen = true;
      mainVerb = w;
    }
    // After the main verb, a subordinator or a modal with its own subject ("the user can ask") opens a clause
    // whose verbs are not the story's features.
    else if (mainVerbSeen && (SUBORDINATORS.has(lower) || w.tags.has("Modal"))) subordinate = true;
    else if (subordinate && w.tags.has("Verb") && !isBaseVerb(w)) subordinateInflected = true;
    // "as well as" joins like "and"; its last word stands for it.
    const asWellAs = lower === "as" && words[i - 1]?.text.toLowerCase() === "well" && words[i - 2]?.text.toLowerCase() === "as";
    if (!(CONJUNCTIONS.has(lower) || asWellAs) || !mainVerbSeen) continue;
    let j = i + 1;
    while (j < words.length && SKIPPABLE.has(words[j]?.text.toLowerCase() ?? "")) j++;
    const next = verbAt(words, j);
    if (!isBaseVerb(next) || CONSEQUENCE_VERBS.has(next.text.toLowerCase())) continue;
    const previous = asWellAs ? words[i - 3] : words[i - 1];
    const after = words[j + 1];
    // "either keep the entry private or share it": "either ... or" names the choices of one setting.
    if (lower === "or" && words.slice(0, i).some((x) => x.text.toLowerCase() === "either")) continue;
    // The same action said twice: "communicate and integrate with", "move files around and rearrange them".
    const firstVerb = words
      .slice(0, i)
      .reverse()
      .find((x) => isBaseVerb(x));
    if (firstVerb && synonyms(firstVerb.text, next.text)) continue;
    // Two modifiers of one noun right after the verb: "set begin and end dates". A word the dictionary knows
    // only as a verb, read as a noun right after a verb, cannot be the object itself, so it and the word after
    // the conjunction describe the noun that follows.
    if (
      previous &&
      isActionVerb(words[i - 2]) &&
      WHITESPACE.test(words[i - 2]?.post ?? "") &&
      !previous.tags.has("Verb") &&
      !previous.tags.has("Plural") &&
      isVerbOnlyWord(previous.text) &&
      after?.tags.has("Noun") &&
      !after.tags.has("Pronoun")
    )
      continue;
    // A verb-looking word closing a noun list: "collections and objects in the DAMS", "file type and format".
    if (
      previous &&
      (previous.tags.has("Noun") || previous.tags.has("Conjunction") || previous.tags.has("Adjective")) &&
      !isBaseVerb(previous) &&
      endsPhrase(after)
    )
      continue;
    // Two bare verbs modifying one noun: "the read and edit views", "both read and write access". Not a noun
    // after its determiner, which ends the first object: "create a page for an experiment and attach a file".
    const plainNoun = previous?.tags.has("Noun") && !previous.tags.has("Verb") && !isVerbOnlyWord(previous.text);
    if ((words[i - 2]?.tags.has("Determiner") || BOTH.test(words[i - 2]?.text ?? "")) && !plainNoun) continue;
    // A quoted word is a name, not a verb: "operations such as "compaction" or "rebalance"".
    if (QUOTE.test(next.pre) || QUOTE.test(previous?.post ?? "")) continue;
    // The last item of a comma list of nouns: "file size, creation date, file format and format version".
    const listComma = words.slice(Math.max(0, i - 4), i - 1).some((x) => x.post.includes(",") && x.tags.has("Noun"));
    if (previous?.tags.has("Noun") && listComma) continue;
    // "..., and stop publishing dates": a verb-looking word before a gerund inside a noun phrase.
    if (previous?.tags.has("Noun") && after?.tags.has("Gerund")) continue;
    // "give read and write access": the verbs name a kind of access, unless they open the means and the noun
    // is not the head of its phrase ("create and edit Rights Management statements").
    if (after && SHARED_HEADS.test(after.text) && (previous !== mainVerb || !words[j + 2]?.tags.has("Noun"))) continue;
    // Inside a subordinate clause, unless the conjunction returns to the main clause with a new object.
    if (subordinate && (!subordinateInflected || isBaseVerb(previous))) continue;
    if (subordinate && !(previous?.tags.has("Noun") || previous?.tags.has("Pronoun"))) continue;
    if (subordinate && endsPhrase(after)) continue;
    if (subordinate && SUBORDINATORS.has(after?.text.toLowerCase() ?? "")) continue;
    const opening = words[i - 2];
    const conjunction = asWellAs && opening ? { ...w, text: "as well as", span: { start: opening.span.start, end: w.span.end } } : w;
    return { conjunction, secondVerb: next };
  }
  return undefined;
}

/** The two means of a split story, sharing the object when the first verb stands alone ("search and filter X"). */
function splitMeans(story: Story, split: Split, words: readonly TaggedWord[]): { first: string; second: string } | undefined {
  const means = story.sentence?.means;
  if (!means) return undefined;
  const at = (o: number): number => o - means.span.start;
  const left = means.text.slice(0, at(split.conjunction.span.start)).replace(/[\s,]+$/, "");
  const second = means.text.slice(at(split.secondVerb.span.start)).trim();
  const leftWords = words.filter((w) => w.span.end <= split.conjunction.span.start);
  const secondWords = words.filter((w) => w.span.start >= split.secondVerb.span.start);
  // "search and filter the results": the first verb takes the object of the second.
  const sharedObject = leftWords.length > 0 && leftWords.every((w) => isActionVerb(w) || w.text === ",") && secondWords.length > 1;
  const objectOfSecond = secondWords[1] ? means.text.slice(at(secondWords[1].span.start)) : "";
  const first = sharedObject ? `${left} ${objectOfSecond}` : left;
  if (!first || !second) return undefined;
  return { first, second };
}

/** The next free id after `id`: "CHK-12" -> "CHK-12b", then "CHK-12c"... */
function nextId(backlog: Backlog, id: string): string {
  const taken = new Set(backlog.stories.map((s) => s.id?.text));
  for (const suffix of "bcdefghijklmnopqrstuvwxyz") if (!taken.has(`${id}${suffix}`)) return `${id}${suffix}`;
  return `${id}-2`;
}

/** A fix that rewrites the story with the first feature and adds a story for the second, in the file's style. */
function splitFix(backlog: Backlog, story: Story, parts: { first: string; second: string }): Fix | undefined {
  const sentence = story.sentence;
  const means = sentence?.means;
  if (!sentence || !means) return undefined;
  const source = sourceOf(backlog);
  const verbatim = source.slice(means.span.start, means.span.end) === means.text;
  if (!verbatim) return undefined;
  const secondSentence =
    source.slice(sentence.span.start, means.span.start) + parts.second + source.slice(means.span.end, sentence.span.end);
  const edits: TextEdit[] = [{ span: means.span, newText: parts.first }];
  if (backlog.format === "plain") {
    const eol = source.includes("\r\n") ? "\r\n" : "\n";
    edits.push({ span: { start: story.span.end, end: story.span.end }, newText: `${eol}${secondSentence}` });
  } else if (backlog.format === "yaml" && story.layout) {
    const { keyIndent, eol } = story.layout;
    const itemIndent = keyIndent.length >= 2 ? keyIndent.slice(2) : "";
    // The new story gets its own id and no criteria: the old criteria belong to whichever part they test.
    const idLine = story.id ? `${itemIndent}- id: ${nextId(backlog, story.id.text)}${eol}${keyIndent}story: ` : `${itemIndent}- story: `;
    const storyText =
      /^[^"'\-?:,[\]{}#&*!|>%@`]/.test(secondSentence) && !/:\s|\s#/.test(secondSentence) ? secondSentence : JSON.stringify(secondSentence);
    edits.push({ span: { start: story.layout.endOfEntry, end: story.layout.endOfEntry }, newText: `${eol}${idLine}${storyText}` });
  } else {
    return undefined;
  }
  return { title: "Split into two stories", edits, safe: false };
}

export default defineRule({
  meta: {
    id: "story-atomic",
    description: "Ask for one feature per story: split 'search and filter' into two stories.",
    source: "QUS",
    defaultSeverity: "warning",
    messages: {
      twoFeatures:
        "The story asks for two features ('{first}' {conjunction} '{second}'): split it, so that each can be estimated and accepted on its own.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkStory(story, context) {
    const means = story.sentence?.means;
    if (!means || !story.sentence?.role || !MAY_JOIN.test(means.text)) return;
    const words = tagMeans(means.text, means.span.start);
    const split = findSplit(words);
    if (!split) return;
    const parts = splitMeans(story, split, words);
    const fix = parts && splitFix(context.backlog, story, parts);
    const firstVerb = words.find((w) => isActionVerb(w));
    context.report({
      messageId: "twoFeatures",
      data: { first: firstVerb?.text ?? "", conjunction: split.conjunction.text, second: split.secondVerb.text },
      span: { start: split.conjunction.span.start, end: split.conjunction.span.end },
      storyIndex: story.index,
      ...(fix && { fixes: [fix] }),
    });
  },
});
