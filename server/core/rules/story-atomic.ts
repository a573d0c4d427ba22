// QUS "atomic": a story asks for one feature; a conjunction with a verb phrase on both sides asks for two.
import type { Backlog, Fix, Story, TextEdit } from "../model";
import { isActionVerb, tagMeans, type TaggedWord } from "../nlp/pos";
import { defineRule } from "./rule";

/** Words that may stand between a conjunction and the verb it introduces ("and then export", "or to print"). */
const SKIPPABLE = new Set(["to", "then", "also", "later", "afterwards", "subsequently", "maybe", "possibly", "optionally", "be", "able"]);

/** Verbs that name the outcome of the first verb, not a second feature: "enter my zip code and get a list". */
const CONSEQUENCE_VERBS = new Set(["have", "get", "receive", "become", "let", "make", "see"]);

const CONJUNCTIONS = new Set(["and", "or", "&", "+", "as well as", "and/or"]);

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

/** The end of a noun list: nothing, a preposition, a conjunction or punctuation follows. */
const endsPhrase = (w: TaggedWord | undefined): boolean =>
  w === undefined || w.tags.has("Preposition") || w.tags.has("Conjunction") || /^[,;:.)]/.test(w.text);

/**
 * Finds the first conjunction in the means that joins two verb phrases. The left side must hold a base-form
 * action verb of the main clause, and the right side must open with one: "search and filter the results" is
 * two features; "accept the terms and conditions", "the read and edit views" and "know when periods start and
 * end" are one.
 */
export function findSplit(words: readonly TaggedWord[]): Split | undefined {
  let depth = 0;
  let mainVerbSeen = false;
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
    if (/^[([{]/.test(w.text)) depth++;
    if (/[)\]}]$/.test(w.text) && depth > 0) depth--;
    if (depth > 0) continue;
    if (isBaseVerb(w) && !mainVerbSeen) mainVerbSeen = true;
    // After the main verb, a subordinator or a modal with its own subject ("the user can ask") opens a clause
    // whose verbs are not the story's features.
    else if (mainVerbSeen && (SUBORDINATORS.has(lower) || w.tags.has("Modal"))) subordinate = true;
    else if (subordinate && w.tags.has("Verb") && !isBaseVerb(w)) subordinateInflected = true;
    if (!CONJUNCTIONS.has(lower) || !mainVerbSeen) continue;
    let j = i + 1;
    while (j < words.length && SKIPPABLE.has(words[j]?.text.toLowerCase() ?? "")) j++;
    const next = words[j];
    if (!isBaseVerb(next) || CONSEQUENCE_VERBS.has(next.text.toLowerCase())) continue;
    const previous = words[i - 1];
    const after = words[j + 1];
    // A verb-looking word closing a noun list: "collections and objects in the DAMS", "file type and format".
    if (
      previous &&
      (previous.tags.has("Noun") || previous.tags.has("Conjunction") || previous.tags.has("Adjective")) &&
      !isBaseVerb(previous) &&
      endsPhrase(after)
    )
      continue;
    // Two bare verbs modifying one noun: "the read and edit views", "read and write access".
    if (words[i - 2]?.tags.has("Determiner") || /^both$/i.test(words[i - 2]?.text ?? "")) continue;
    // A quoted word is a name, not a verb: "operations such as "compaction" or "rebalance"".
    if (/["'\u201c\u201d\u2018\u2019]/.test(next.pre) || /["'\u201c\u201d\u2018\u2019]/.test(previous?.post ?? "")) continue;
    // The last item of a comma list of nouns: "file size, creation date, file format and format version".
    const listComma = words.slice(Math.max(0, i - 4), i - 1).some((x) => x.post.includes(",") && x.tags.has("Noun"));
    if (previous?.tags.has("Noun") && listComma) continue;
    // "..., and stop publishing dates": a verb-looking word before a gerund inside a noun phrase.
    if (previous?.tags.has("Noun") && after?.tags.has("Gerund")) continue;
    if (after && /^(?:access|rights?|permissions?|mode|privileges?|views?)$/i.test(after.text)) continue;
    // Inside a subordinate clause, unless the conjunction returns to the main clause with a new object.
    if (subordinate && (!subordinateInflected || isBaseVerb(previous))) continue;
    if (subordinate && !(previous?.tags.has("Noun") || previous?.tags.has("Pronoun"))) continue;
    if (subordinate && endsPhrase(after)) continue;
    if (subordinate && SUBORDINATORS.has(after?.text.toLowerCase() ?? "")) continue;
    return { conjunction: w, secondVerb: next };
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
  const verbatim = backlog.text.slice(means.span.start, means.span.end) === means.text;
  if (!verbatim) return undefined;
  const secondSentence =
    backlog.text.slice(sentence.span.start, means.span.start) + parts.second + backlog.text.slice(means.span.end, sentence.span.end);
  const edits: TextEdit[] = [{ span: means.span, newText: parts.first }];
  if (backlog.format === "plain") {
    const eol = backlog.text.includes("\r\n") ? "\r\n" : "\n";
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
    if (!means || !story.sentence?.role) return;
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
