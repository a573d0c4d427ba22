// QUS "problem-oriented": the means states the need, not the screen or the technology that meets it.
import { SOLUTION_TERMS, phrasePattern } from "../nlp/word-lists";
import { perOptions } from "./helpers";
import { defineRule } from "./rule";

export interface SolutionDetailOptions {
  /** Words that name a UI or technical solution; replaces the default list. */
  readonly words: readonly string[];
  /** Words added to the list. */
  readonly extraWords: readonly string[];
}

/** The solution words as one expression, built once per configuration. */
const patternOf = perOptions((o: SolutionDetailOptions) => phrasePattern([...o.words, ...o.extraWords]));

export default defineRule<SolutionDetailOptions>({
  meta: {
    id: "story-solution-detail",
    description: "State the problem, not the solution: leave buttons, clicks and databases to the team.",
    source: "QUS",
    defaultSeverity: "info",
    messages: {
      solution: "'{word}' describes a solution, not the need: say what the role wants to achieve and let the team design how.",
    },
    fixable: false,
    defaultOptions: { words: SOLUTION_TERMS, extraWords: [] },
    optionsSchema: {
      type: "object",
      properties: {
        words: { type: "array", items: { type: "string" }, description: "Solution words (replaces the default list)." },
        extraWords: { type: "array", items: { type: "string" }, description: "Words added to the list." },
      },
      additionalProperties: false,
    },
  },
  checkStory(story, context) {
    const means = story.sentence?.means;
    if (!means || !story.sentence?.role) return;
    const pattern = patternOf(context.options);
    if (!pattern) return;
    // The shared global pattern, read with exec from the start as matchAll would, without a copy per story.
    pattern.lastIndex = 0;
    for (let m = pattern.exec(means.text); m; m = pattern.exec(means.text)) {
      const start = means.span.start + m.index;
      context.report({ messageId: "solution", data: { word: m[0] }, span: { start, end: start + m[0].length }, storyIndex: story.index });
    }
  },
});
