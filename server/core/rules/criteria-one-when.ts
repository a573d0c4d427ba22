// One event per scenario (gherkin-lint's rule): two Whens test two behaviours and hide which one failed.
import { stepSpan, stepsOfCriteria } from "./helpers";
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "criteria-one-when",
    description: "Test one event per criterion: split a criterion with two 'When' steps.",
    source: "acceptance criteria",
    defaultSeverity: "warning",
    messages: {
      twoWhens: "This criterion has more than one 'When': split it into one criterion per event.",
    },
    fixable: false,
    defaultOptions: {},
  },
  checkStory(story, context) {
    const criteria = story.acceptance ?? [];
    const steps = stepsOfCriteria(story);
    for (let i = 0; i < criteria.length; i++) {
      const c = criteria[i];
      if (!c) continue;
      // The second When, found without building the list of Whens.
      let whens = 0;
      for (const step of steps[i]?.steps ?? []) {
        if (step.kind !== "when" || ++whens < 2) continue;
        context.report({ messageId: "twoWhens", span: stepSpan(c, step), storyIndex: story.index });
        break;
      }
    }
  },
});
