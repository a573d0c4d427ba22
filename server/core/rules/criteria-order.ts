// Gherkin steps in logical order: context (Given), then the event (When), then the outcome (Then).
import type { StepKind } from "../nlp/gherkin";
import { stepSpan, stepsOfCriteria } from "./helpers";
import { defineRule } from "./rule";

const RANK: Partial<Record<StepKind, number>> = { given: 0, when: 1, then: 2 };

export default defineRule({
  meta: {
    id: "criteria-order",
    description: "Put the steps of a criterion in order: Given, then When, then Then.",
    source: "acceptance criteria",
    defaultSeverity: "warning",
    messages: {
      outOfOrder:
        "'{keyword}' comes after '{previous}': a criterion states the context (Given), then the event (When), then the outcome (Then).",
    },
    fixable: false,
    defaultOptions: {},
  },
  checkStory(story, context) {
    const criteria = story.acceptance ?? [];
    const steps = stepsOfCriteria(story);
    for (let i = 0; i < criteria.length; i++) {
      const c = criteria[i];
      const parsed = steps[i];
      if (!c || !parsed) continue;
      let whens = 0;
      for (const step of parsed.steps) if (step.kind === "when") whens++;
      // The highest rank so far and the keyword that set it (-1: none yet), kept in locals: nothing is allocated.
      let highestRank = -1;
      let highestText = "";
      for (const step of parsed.steps) {
        const rank = RANK[step.kind];
        if (rank === undefined) continue;
        // A second When after a Then is criteria-one-when's finding (two scenarios in one), not an order problem.
        const secondScenario = step.kind === "when" && highestRank === 2 && whens > 1;
        if (highestRank >= 0 && rank < highestRank && !secondScenario) {
          context.report({
            messageId: "outOfOrder",
            data: { keyword: step.text, previous: highestText },
            span: stepSpan(c, step),
            storyIndex: story.index,
          });
          break;
        }
        if (highestRank < 0 || rank > highestRank) {
          highestRank = rank;
          highestText = step.text;
        }
      }
    }
  },
});
