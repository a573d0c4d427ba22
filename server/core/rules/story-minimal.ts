// QUS "minimal": a story holds a role, a means and an ends, nothing more (no brackets, second sentences, examples).
import { sourceOf, type Fix, type Story } from "../model";
import { appendYamlKey } from "./helpers";
import { defineRule } from "./rule";

const BRACKETS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };

/**
 * Markers that introduce examples or a specification (QUS-LABELS.md, minimal): "such as", "including", "e.g.",
 * "for example", "for instance", "i.e.", "especially", and "like" where it introduces examples ("tools like
 * Slack"), not in "I would like", "looks like" or "like to".
 */
const EXAMPLE_MARKER =
  /(?<![\w.])(?:e\.\s?g\.?|i\.\s?e\.?|eg\.|for example|for instance|such as|including|especially|(?<!\b(?:would|'d|i|we|you|they|feel|feels|look|looks|looking|seem|seems|sound|sounds|just|much|more|exactly|really|also|not|do|don't|dislike|would really)\s+)like(?!\s+to\b))(?![\w'])/gi;

/**
 * A clause run on inside the sentence (QUS-LABELS.md: "a clause run on after the story"): a semicolon, an aside
 * between spaced dashes, a "but" clause with its own subject or a remark such as ", possibly ..." or "in which
 * case". A hyphen inside a word ("e-mail") and a range ("9 - 17") are not.
 */
const RUN_ON =
  /;\s*(?=\S)|(?<=[^\d\s]\s)(?:-{1,2}|\u2013|\u2014)(?=\s+[^\d\s])|(?<=\S)\s(?:\u2013|\u2014|--)(?=\S)|,?\s*\bbut\s+(?:it|this|that|there|i|we|they|you|he|she|the\s+system|please)\b|\bin\s+which\s+case\b|,\s*(?:possibly|preferably|ideally|if\s+possible|if\s+needed|where\s+possible|as\s+needed)\b|,\s*and\s+(?:who|which)\b/gi;

/**
 * A clause run on after the benefit: ", and the pause should be limited", ", which would help with ...". In the
 * means, such a clause is a second request (story-atomic's); after the benefit it is a remark. A second benefit
 * joined by "and" ("so that my data is findable, and I can have an API") is not one.
 */
const RUN_ON_AFTER_BENEFIT =
  /,\s*(?:and\s+(?:the\s+|this\s+|that\s+|it\s+|they\s+)?(?!i\s|we\s)(?:[a-z]+\s+)?(?:should|must)|which\s+(?:would|will|should|could|may|might))\b/i;

/**
 * Notes and ticket markup inside the sentence: an arrow, a reference ("see PAY-112"), "TODO", "NB:", "Note:". A
 * ticket key on its own may name the thing asked for ("the rule updates in DB-2213").
 */
const MARKUP = /->|=>|\u2192|\b(?:see|cf\.?|ref\.?)\s+[A-Z][A-Z0-9]+-\d+\b|\b(?:TODO|FIXME|NB|N\.B\.|Note)\s*:/gi;

/** Quick tests that a text may hold an example marker, a run-on clause or markup at all. */
const MAY_EXAMPLE = /e\.\s?g|i\.\s?e|eg\.|example|instance|such as|includ|especially|like/i;
const MAY_RUN_ON = /[;\u2013\u2014-]|but|which case|possibly|preferably|ideally|if possible|if needed|where possible|as needed|and wh/i;
const MAY_MARKUP = /->|=>|\u2192|see|cf|ref|todo|fixme|nb|n\.b|note/i;

/** An ends marker that opens a second benefit after the first: ", so that", ", in order to", ", because" ... */
const SECOND_ENDS =
  /(?:,|;)\s*(?:so\s+that|in\s+order\s+to|so\s+as\s+to|because|since|so(?=\s+(?:i|we|they|you|the|my|our|it)\b))\b|\bso\s+that\b|\bin\s+order\s+to\b/gi;

/** "so that I need not convert formats in order to use X": the purpose of a burden inside the benefit, not a second one. */
const INNER_PURPOSE = /\b(?:(?:have|has|need|needs|must)\s+(?:not\s+)?to|needs?\s+not)\b[^,;]*$/i;

/**
 * Whether a bracket pair holds the abbreviation of the words right before it: "continuous glucose monitor
 * (CGM)", "electronic health record (EHR)". Its letters are the initials of those words, in order.
 */
function isAbbreviationOfWordsBefore(text: string, pair: { start: number; end: number }): boolean {
  const inner = text.slice(pair.start + 1, pair.end - 1).trim();
  if (!/^[A-Za-z][A-Za-z0-9&]{1,7}s?$/.test(inner) || inner.replace(/[^A-Z]/g, "").length < 2) return false;
  const letters = inner
    .replace(/s$/, "")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
  const before = text
    .slice(0, pair.start)
    .split(/[\s-]+/)
    .filter((w) => /^\w/.test(w));
  const initials = before
    .slice(-2 * letters.length)
    .map((w) => w[0]?.toLowerCase() ?? "")
    .join("");
  // Its letters are initials of the last words, in order, one letter excepted ("electronic identity (eID)"),
  // and the term ends right before the bracket: the first letter starts one of them.
  let at = initials.length - 1;
  let missed = 0;
  for (let k = letters.length - 1; k >= 0; k--) {
    let j = at;
    while (j >= 0 && initials[j] !== letters[k]) j--;
    if (j < 0) missed++;
    else at = j - 1;
  }
  return missed <= (letters.length > 2 ? 1 : 0) && initials.slice(-letters.length).includes(letters[0] ?? "");
}

const NO_PAIRS: readonly { start: number; end: number }[] = Object.freeze([]);

/** Top-level bracket pairs of a text, as local offsets. An unclosed bracket runs to the end. */
function bracketPairs(text: string): readonly { start: number; end: number }[] {
  // Most sentences have no brackets: nothing to build for them.
  if (!text.includes("(") && !text.includes("[") && !text.includes("{")) return NO_PAIRS;
  const pairs: { start: number; end: number }[] = [];
  const stack: { open: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c in BRACKETS) stack.push({ open: c, at: i });
    else if (stack.length > 0 && c === BRACKETS[stack[stack.length - 1]?.open ?? ""]) {
      const open = stack.pop();
      if (open && stack.length === 0) pairs.push({ start: open.at, end: i + 1 });
    }
  }
  return pairs;
}

/** Moves a bracketed remark into the story's notes (YAML stories without notes only). */
function moveToNotesFix(
  story: Story,
  text: string,
  at: { start: number; end: number },
  context: { backlog: import("../model").Backlog },
): Fix | undefined {
  if (story.notes) return undefined;
  const sentence = story.sentence;
  const source = sourceOf(context.backlog);
  if (!sentence || source.slice(sentence.span.start, sentence.span.end) !== sentence.text) return undefined;
  const remark = text.slice(at.start + 1, at.end - 1).trim();
  if (!remark) return undefined;
  const append = appendYamlKey(context.backlog, story, "notes", remark);
  if (!append) return undefined;
  // Take the space before the bracket with it, so "data (CSV) export" becomes "data export".
  let start = sentence.span.start + at.start;
  if (/[ \t]/.test(source.slice(start - 1, start))) start--;
  return {
    title: "Move the bracketed text into the story's notes",
    edits: [{ span: { start, end: sentence.span.start + at.end }, newText: "" }, append],
    safe: false,
  };
}

export default defineRule({
  meta: {
    id: "story-minimal",
    description: "Keep the story sentence to role, means and benefit: put remarks, examples and extra sentences in notes.",
    source: "QUS",
    defaultSeverity: "warning",
    messages: {
      brackets: "Bracketed text is not part of a story: move it into the notes or the acceptance criteria.",
      secondSentence: "The story goes on after its sentence ends: move the extra text into the notes or the acceptance criteria.",
      example: "'{marker}' adds an example to the story: examples belong in the acceptance criteria.",
      runOn: "'{marker}' runs another clause on in the story: move the remark into the notes or the acceptance criteria.",
      twoBenefits: "'{marker}' gives a second benefit: keep the one that matters, and the story to role, means and one benefit.",
      markup: "'{marker}' is a note or a reference inside the story sentence: move it into the notes.",
      doubled: "'{marker}' is written twice in a row: delete one.",
      repeated: "The template phrase '{marker}' appears twice: the story holds more than one story, or one too many clauses.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkStory(story, context) {
    const sentence = story.sentence;
    if (!sentence?.role || !sentence.means) return;
    const base = sentence.span.start;
    const text = sentence.text;
    const pairs = bracketPairs(text);
    const inBrackets = (at: number): boolean => pairs.some((p) => at > p.start && at < p.end);
    const report = (messageId: string, at: number, marker: string): void =>
      context.report({
        messageId,
        data: { marker: marker.trim() },
        span: { start: base + at, end: base + at + marker.length },
        storyIndex: story.index,
      });
    for (const pair of pairs) {
      // "language(s)", "(re-)use": a bracket glued to a word marks an optional letter, not a remark.
      const inner = text.slice(pair.start + 1, pair.end - 1);
      if (inner.length <= 3 && (/\w/.test(text[pair.start - 1] ?? "") || /\w/.test(text[pair.end] ?? ""))) continue;
      if (isAbbreviationOfWordsBefore(text, pair)) continue;
      const fix = moveToNotesFix(story, text, pair, context);
      context.report({
        messageId: "brackets",
        span: { start: base + pair.start, end: base + pair.end },
        storyIndex: story.index,
        ...(fix && { fixes: [fix] }),
      });
    }
    if (sentence.trailing) {
      context.report({ messageId: "secondSentence", span: sentence.trailing.span, storyIndex: story.index });
    }
    // The sentence before any second sentence: that one is reported as a whole.
    const own = sentence.trailing ? text.slice(0, sentence.trailing.span.start - base) : text;
    // The module's global patterns, read with exec from the start as matchAll would, without a copy per story.
    for (const [pattern, messageId, may] of [
      [EXAMPLE_MARKER, "example", MAY_EXAMPLE],
      [RUN_ON, "runOn", MAY_RUN_ON],
      [MARKUP, "markup", MAY_MARKUP],
    ] as const) {
      // A cheap test first: most stories hold none of these, and the patterns' look-behinds cost at every position.
      if (!may.test(own)) continue;
      // One finding per kind and story: a pair of dashes, or an arrow and its reference, are one remark.
      pattern.lastIndex = 0;
      for (let m = pattern.exec(own); m; m = pattern.exec(own))
        if (!inBrackets(m.index)) {
          report(messageId, m.index, m[0]);
          break;
        }
    }
    // A second "I want" or "so that" in the same sentence means a story was glued onto another.
    // Only the means is searched: "so that I can decide what I want" is ordinary English in a benefit.
    const tail = text.slice(sentence.means.span.start - base, sentence.means.span.end - base);
    // Only a clause that opens a new request counts: "what I want" inside a benefit is ordinary English.
    const repeated =
      /(?:[,;]|\band)\s+(?:so\s+|and\s+)?(?:i|we)\s+(?:also\s+)?(?:want|would like|need)\s+(?:also\s+)?(?:to\s+|it\b|the\b|a\b)|\bas\s+an?\s+\w+\s*,\s*i\b/i.exec(
        tail,
      );
    if (repeated && !sentence.trailing) report("repeated", sentence.means.span.start - base + repeated.index, repeated[0]);
    // A second benefit after the first ("so that I can pay, so that I am happy"); an "in order to" that is
    // part of the first benefit ("so that I need not convert formats in order to use X") is not one.
    if (sentence.endsMarker && sentence.ends) {
      const from = sentence.ends.span.start - base;
      const ends = own.slice(from);
      SECOND_ENDS.lastIndex = 0;
      const again = /so|order|because|since/i.test(ends) ? SECOND_ENDS.exec(ends) : null;
      // "so that so that": the phrase written twice over, not a second benefit.
      const doubled = again !== null && /^[\s,]*$/.test(ends.slice(0, again.index));
      const inner = again !== null && /^in/i.test(again[0]) && INNER_PURPOSE.test(ends.slice(0, again.index));
      if (again && !inner && !inBrackets(from + again.index)) report(doubled ? "doubled" : "twoBenefits", from + again.index, again[0]);
      const runOn = ends.includes(",") ? RUN_ON_AFTER_BENEFIT.exec(ends) : null;
      if (runOn && !inBrackets(from + runOn.index)) report("runOn", from + runOn.index, runOn[0]);
    }
  },
});
