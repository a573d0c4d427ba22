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
    const steps = stepsOfCriteria(story);
    (story.acceptance ?? []).forEach((c, i) => {
      const whens = steps[i]?.steps.filter((s) => s.kind === "when") ?? [];
      const second = whens[1];
      if (second) context.report({ messageId: "twoWhens", span: stepSpan(c, second), storyIndex: story.index });
    });
  },
});
