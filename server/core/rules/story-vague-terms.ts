// Vague terms (ISO/IEC/IEEE 29148, NASA ARM): words nobody can measure make a story open to several readings.
import { VAGUE_TERMS, phrasePattern } from "../nlp/word-lists";
import { perOptions } from "./helpers";
import type { TextPart } from "../model";
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

export default defineRule<VagueTermsOptions>({
  meta: {
    id: "story-vague-terms",
    description: "Avoid words nobody can measure ('fast', 'easy', 'user friendly', 'etc.').",
    source: "vague terms",
    defaultSeverity: "hint",
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
    const sentence = story.sentence;
    if (!sentence?.means || !sentence.role) return;
    const pattern = patternOf(context.options);
    if (!pattern) return;
    reportVague(sentence.means, pattern, story.index, context);
    if (sentence.ends) reportVague(sentence.ends, pattern, story.index, context);
  },
});
