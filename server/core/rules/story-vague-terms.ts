// Vague terms (ISO/IEC/IEEE 29148, NASA ARM): words nobody can measure make a story open to several readings.
import { isPlaceholder } from "../nlp/placeholder";
import { UNTESTABLE_OUTCOMES, VAGUE_TERMS, phrasePattern } from "../nlp/word-lists";
import { isVerbatim, perOptions, perText } from "./helpers";
import type { Criterion, TextPart } from "../model";
import { defineRule, type RuleContext } from "./rule";

export interface VagueTermsOptions {
  /** Vague words and phrases; replaces the default list. */
  readonly words: readonly string[];
  /** Words added to the list. */
  readonly extraWords: readonly string[];
  /** Words taken off the list (a team's own term of art). */
  readonly allowWords: readonly string[];
}

/** The vague words less the allowed ones as one expression, built once per configuration. */
const patternOf = perOptions((o: VagueTermsOptions) => {
  const allowed = new Set(o.allowWords.map((w) => w.toLowerCase()));
  return phrasePattern([...o.words, ...o.extraWords].filter((w) => !allowed.has(w.toLowerCase())));
});

/** Reports every vague term in a part; the shared global pattern is read with exec from the start, as matchAll would. */
function reportVague(part: TextPart, pattern: RegExp, storyIndex: number, context: RuleContext): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(part.text); m; m = pattern.exec(part.text)) {
    const start = part.span.start + m.index;
    context.report({ messageId: "vague", data: { word: m[0] }, span: { start, end: start + m[0].length }, storyIndex });
  }
}

/** The outcomes criteria-testable reports whole ("is fast", "is easy to use"): a vague word inside one is left to it. */
const UNTESTABLE = phrasePattern(UNTESTABLE_OUTCOMES) as RegExp;

/** Spans of a criterion's text, relative to it, that hold an untestable outcome phrase. */
function untestableRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  UNTESTABLE.lastIndex = 0;
  for (let m = UNTESTABLE.exec(text); m; m = UNTESTABLE.exec(text)) ranges.push([m.index, m.index + m[0].length]);
  UNTESTABLE.lastIndex = 0;
  return ranges;
}

/**
 * The vague terms of a criterion's text that make it open to several readings, as [offset, word] pairs: none in an
 * unfilled criterion ("TBD", "Given <context> ...", reported as a placeholder by criteria-missing), nor inside an
 * outcome criteria-testable reports whole. Kept by the text, per configuration.
 */
const vagueInCriterion = perOptions((pattern: RegExp) =>
  perText((text): readonly (readonly [number, string])[] => {
    if (isPlaceholder(text)) return [];
    const inOutcome = untestableRanges(text);
    const found: [number, string][] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const at = m.index;
      if (!inOutcome.some(([from, to]) => at >= from && at < to)) found.push([at, m[0]]);
    }
    pattern.lastIndex = 0;
    return found;
  }),
);

/** Reports the vague terms of an acceptance criterion, where one makes the criterion open to several readings. */
function reportVagueCriterion(c: Criterion, pattern: RegExp, storyIndex: number, context: RuleContext): void {
  const found = vagueInCriterion(pattern)(c.text);
  if (found.length === 0) return;
  const verbatim = isVerbatim(context.backlog, c.span, c.text);
  for (const [at, word] of found) {
    // Quoted or folded scalars: the whole criterion, rather than a guessed offset.
    const span = verbatim ? { start: c.span.start + at, end: c.span.start + at + word.length } : c.span;
    context.report({ messageId: "vague", data: { word }, span, storyIndex });
  }
}

export default defineRule<VagueTermsOptions>({
  meta: {
    id: "story-vague-terms",
    description: "Avoid words nobody can measure ('fast', 'easy', 'user friendly', 'etc.') in what is built and how it is tested.",
    source: "vague terms",
    defaultSeverity: "info",
    messages: {
      vague: "'{word}' is vague: say how much, how fast or exactly which, so that the team can test it.",
    },
    fixable: false,
    defaultOptions: { words: VAGUE_TERMS, extraWords: [], allowWords: [] },
    optionsSchema: {
      type: "object",
      properties: {
        words: { type: "array", items: { type: "string" }, description: "Vague words (replaces the default list)." },
        extraWords: { type: "array", items: { type: "string" }, description: "Words added to the list." },
        allowWords: { type: "array", items: { type: "string" }, description: "Words never reported." },
      },
      additionalProperties: false,
    },
  },
  checkStory(story, context) {
    const pattern = patternOf(context.options);
    if (!pattern) return;
    // The means and the criteria say what is built and how it is tested: a vague word there leaves the team
    // guessing. The benefit is a reason, not a requirement: "so that I can reorder quickly" is not reported.
    const sentence = story.sentence;
    if (sentence?.means && sentence.role) reportVague(sentence.means, pattern, story.index, context);
    for (const c of story.acceptance ?? []) reportVagueCriterion(c, pattern, story.index, context);
  },
});
