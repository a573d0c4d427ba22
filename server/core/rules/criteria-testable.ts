// A criterion's outcome must be observable: "works correctly" or "is fast" cannot pass or fail a test.
import { UNTESTABLE_OUTCOMES, phrasePattern } from "../nlp/word-lists";
import { isVerbatim, perOptions, perText, stepsOfCriteria } from "./helpers";
import { defineRule } from "./rule";

export interface TestableOptions {
  /** Outcome phrases nobody can test; replaces the default list. */
  readonly phrases: readonly string[];
  /** Phrases added to the list. */
  readonly extraPhrases: readonly string[];
}

/** The untestable phrases as one expression, built once per configuration (shared: reset lastIndex before exec). */
const patternOf = perOptions((o: TestableOptions) => phrasePattern([...o.phrases, ...o.extraPhrases]));

/** The untestable phrases of a criterion's outcome (its text from `from`, where its Then step ends). */
interface Untestable {
  /** The first phrase, wherever it stands: what a criterion whose offsets cannot be trusted is reported with. */
  readonly first: string | undefined;
  /** The phrases that end the outcome or a clause ("works correctly with 3 retries" is measured), at their offsets from `from`. */
  readonly ending: readonly (readonly [number, string])[];
}

/** A criterion's untestable phrases by its text and where its outcome starts, kept per configuration. */
const untestableIn = perOptions((pattern: RegExp) =>
  perText((text) => {
    const byStart = new Map<number, Untestable>();
    return {
      get(from: number): Untestable {
        let known = byStart.get(from);
        if (!known) {
          known = readUntestable(pattern, text, from);
          byStart.set(from, known);
        }
        return known;
      },
    };
  }),
);

function readUntestable(pattern: RegExp, text: string, from: number): Untestable {
  const outcome = text.slice(from);
  const ending: [number, string][] = [];
  let first: string | undefined;
  // The shared global pattern, read with exec from the start as matchAll would, without a copy per criterion.
  pattern.lastIndex = 0;
  for (let m = pattern.exec(outcome); m; m = pattern.exec(outcome)) {
    first ??= m[0];
    const rest = text.slice(from + m.index + m[0].length);
    if (/^\s*\w/.test(rest) && !/^\s*(?:and|but|or)\b/i.test(rest)) continue;
    ending.push([m.index, m[0]]);
  }
  pattern.lastIndex = 0;
  return { first, ending };
}

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
      const found = untestableIn(pattern)(c.text).get(from);
      if (!found.first) return;
      if (!isVerbatim(context.backlog, c.span, c.text)) {
        // Quoted or folded scalars: report on the whole criterion rather than guess offsets.
        context.report({ messageId: "untestable", data: { phrase: found.first }, span: c.span, storyIndex: story.index });
        return;
      }
      for (const [at, phrase] of found.ending) {
        const start = c.span.start + from + at;
        context.report({ messageId: "untestable", data: { phrase }, span: { start, end: start + phrase.length }, storyIndex: story.index });
      }
    });
  },
});
