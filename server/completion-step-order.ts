// Which Gherkin step keywords a criterion needs next, in that order: "Given" to start, "when" after a context,
// "then" after an event, "and"/"but" only to extend a step already written. Used by completion.ts.
import type { StepKind } from "./core/nlp/gherkin";

/** What may follow each kind of step, most needed first; `start` is a criterion's first word. */
const NEXT: Readonly<Record<StepKind | "start", readonly StepKind[]>> = {
  start: ["given", "when", "then"],
  given: ["when", "and", "but"],
  when: ["then", "and"],
  then: ["and", "but"],
  and: [],
  but: [],
};

/**
 * The kinds to offer after `written` (the criterion's text before the word being typed), in the order to offer
 * them: the steps already written are found by `keywords` (the backlog language's, lower-cased) at the start or
 * after a comma. "And"/"But" continue the step before them.
 */
export function nextStepKinds(written: string, keywords: ReadonlyMap<string, StepKind>): readonly StepKind[] {
  let last: StepKind | "start" = "start";
  for (const clause of written.split(",")) {
    const words = clause.trim().toLowerCase();
    // Longest keyword first: "given that" before "given".
    const found = [...keywords.keys()].filter((k) => words === k || words.startsWith(`${k} `)).sort((a, b) => b.length - a.length)[0];
    const kind = found === undefined ? undefined : keywords.get(found);
    if (kind && kind !== "and" && kind !== "but") last = kind;
  }
  return NEXT[last];
}
