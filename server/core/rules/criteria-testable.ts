// A criterion's outcome must be observable: "works correctly" or "is fast" cannot pass or fail a test.
import { UNTESTABLE_OUTCOMES, phrasePattern } from "../nlp/word-lists";
import { isVerbatim, perOptions, stepsOfCriteria } from "./helpers";
import { defineRule } from "./rule";

export interface TestableOptions {
  /** Outcome phrases nobody can test; replaces the default list. */
  readonly phrases: readonly string[];
  /** Phrases added to the list. */
  readonly extraPhrases: readonly string[];
}

/** The untestable phrases as one expression, built once per configuration (shared: reset lastIndex before exec). */
const patternOf = perOptions((o: TestableOptions) => phrasePattern([...o.phrases, ...o.extraPhrases]));

export default defineRule<TestableOptions>({
  meta: {
    id: "criteria-testable",
    description: "State outcomes someone can check: not 'works correctly' or 'is fast', but what is seen and how much.",
    source: "acceptance criteria",
    defaultSeverity: "info",
    messages: {
      untestable: "'{phrase}' cannot be tested: say what is observed (a value, a message, a time limit).",
    },
    fixable: false,
    defaultOptions: { phrases: UNTESTABLE_OUTCOMES, extraPhrases: [] },
    optionsSchema: {
      type: "object",
      properties: {
        phrases: { type: "array", items: { type: "string" }, description: "Untestable phrases (replaces the default list)." },
        extraPhrases: { type: "array", items: { type: "string" }, description: "Phrases added to the list." },
      },
      additionalProperties: false,
    },
  },
  checkStory(story, context) {
    const pattern = patternOf(context.options);
    if (!pattern) return;
    const steps = stepsOfCriteria(story);
    (story.acceptance ?? []).forEach((c, i) => {
      // Only the outcome is judged: "when it works" in a Given is context, not a claim.
      const then = steps[i]?.steps.find((s) => s.kind === "then");
      const from = then ? then.span.end : 0;
      if (!isVerbatim(context.backlog, c.span, c.text)) {
        // Quoted or folded scalars: report on the whole criterion rather than guess offsets.
        pattern.lastIndex = 0;
        const m = pattern.exec(c.text.slice(from));
        pattern.lastIndex = 0;
        if (m) context.report({ messageId: "untestable", data: { phrase: m[0] }, span: c.span, storyIndex: story.index });
        return;
      }
      const outcome = c.text.slice(from);
      // The shared global pattern, read with exec from the start as matchAll would, without a copy per criterion.
      pattern.lastIndex = 0;
      for (let m = pattern.exec(outcome); m; m = pattern.exec(outcome)) {
        const start = c.span.start + from + (m.index ?? 0);
        // The phrase must end the outcome ("... works correctly") or a clause: "works correctly with 3 retries" is measured.
        const rest = c.text.slice(from + (m.index ?? 0) + m[0].length);
        if (/^\s*\w/.test(rest) && !/^\s*(?:and|but|or)\b/i.test(rest)) continue;
        context.report({
          messageId: "untestable",
          data: { phrase: m[0] },
          span: { start, end: start + m[0].length },
          storyIndex: story.index,
        });
      }
    });
  },
});
