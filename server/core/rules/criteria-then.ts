// A criterion without Then names no observable outcome, so nobody can say whether it passed.
import { sourceOf } from "../model";
import { gherkinStepAfter } from "../parse/gherkin-stories";
import { stepsOfCriteria } from "./helpers";
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "criteria-then",
    description: "End every Given/When criterion with a Then: the outcome someone can observe.",
    source: "acceptance criteria",
    defaultSeverity: "warning",
    messages: {
      noThen: "This criterion has no 'Then': add the outcome someone can observe, or it cannot be tested.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkStory(story, context) {
    const steps = stepsOfCriteria(story);
    (story.acceptance ?? []).forEach((c, i) => {
      const parsed = steps[i];
      // "When I pay, the card is charged" is a fine prose criterion: only a scenario that sets a context
      // (Given) and then names no outcome is reported.
      // A .feature file's scenario is steps by construction: it needs a Then with or without a Given (a Background
      // may give its context).
      if (!parsed || parsed.steps.some((s) => s.kind === "then") || (!c.scenario && !parsed.steps.some((s) => s.kind === "given"))) return;
      if (c.scenario) {
        const step = gherkinStepAfter(sourceOf(context.backlog).toString(), c, "then", "<outcome>");
        context.report({
          messageId: "noThen",
          span: c.span,
          storyIndex: story.index,
          ...(step && { fixes: [{ title: "Add a 'Then <outcome>' step", edits: [step], safe: false }] }),
        });
        return;
      }
      const source = sourceOf(context.backlog).slice(c.span.start, c.span.end);
      const end = source.lastIndexOf(c.text.trimEnd());
      // The fix appends a placeholder outcome after the criterion's text, inside any quotes.
      const insertAt = end >= 0 && !c.text.includes("\n") ? c.span.start + end + c.text.trimEnd().length : undefined;
      const english = parsed.language === "en";
      context.report({
        messageId: "noThen",
        span: c.span,
        storyIndex: story.index,
        ...(insertAt !== undefined &&
          english && {
            fixes: [
              {
                title: "Add a 'then <outcome>' step",
                edits: [{ span: { start: insertAt, end: insertAt }, newText: ", then <outcome>" }],
                safe: false,
              },
            ],
          }),
      });
    });
  },
});
