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
    const steps = stepsOfCriteria(story);
    (story.acceptance ?? []).forEach((c, i) => {
      const parsed = steps[i];
      if (!parsed) return;
      const whens = parsed.steps.filter((s) => s.kind === "when").length;
      let highest: { rank: number; text: string } | undefined;
      for (const step of parsed.steps) {
        const rank = RANK[step.kind];
        if (rank === undefined) continue;
        // A second When after a Then is criteria-one-when's finding (two scenarios in one), not an order problem.
        const secondScenario = step.kind === "when" && highest?.rank === 2 && whens > 1;
        if (highest && rank < highest.rank && !secondScenario) {
          context.report({
            messageId: "outOfOrder",
            data: { keyword: step.text, previous: highest.text },
            span: stepSpan(c, step),
            storyIndex: story.index,
          });
          break;
        }
        if (!highest || rank > highest.rank) highest = { rank, text: step.text };
      }
    });
  },
});
