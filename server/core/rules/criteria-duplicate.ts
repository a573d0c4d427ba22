// A criterion written twice in one story tests nothing new and hides which copy was meant to change.
import { normalise } from "../nlp/similarity";
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "criteria-duplicate",
    description: "Write each acceptance criterion of a story once.",
    source: "acceptance criteria",
    defaultSeverity: "warning",
    messages: {
      duplicate: "This criterion repeats an earlier one of the same story.",
    },
    fixable: false,
    defaultOptions: {},
  },
  checkStory(story, context) {
    const seen = new Map<string, { start: number; end: number }>();
    for (const c of story.acceptance ?? []) {
      const key = normalise(c.text);
      if (!key) continue;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, c.span);
        continue;
      }
      context.report({
        messageId: "duplicate",
        span: c.span,
        storyIndex: story.index,
        related: [{ span: first, message: "The first copy" }],
        unnecessary: true,
      });
    }
  },
});
