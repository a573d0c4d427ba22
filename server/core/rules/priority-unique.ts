// The Product Backlog is ordered (Scrum Guide 2020): two stories with the same rank leave the order undecided.
import type { Story } from "../model";
import { defineRule } from "./rule";
import { storyGroups } from "./story-groups";

/** A story's priority as a rank to compare, or undefined: bands such as "high" or "must" are not ranks. */
const rankOf = (story: Story): string | undefined => {
  if (!story.priority) return undefined;
  const key = String(story.priority.value).trim().toLowerCase();
  return /^\d+(?:\.\d+)?$/.test(key) ? key : undefined;
};

export default defineRule({
  meta: {
    id: "priority-unique",
    description: "Give each story its own priority rank: the backlog is an ordered list.",
    source: "Scrum Guide",
    defaultSeverity: "warning",
    messages: {
      same: "Priority {priority} is also given to {twin}: decide which comes first, the backlog is ordered.",
    },
    fixable: false,
    defaultOptions: {},
  },
  checkBacklog(backlog, context) {
    for (const { story, first: twin } of storyGroups(context, "ranks", backlog.stories, rankOf).repeats()) {
      const key = rankOf(story);
      if (key === undefined || !story.priority) continue;
      context.report({
        messageId: "same",
        data: { priority: key, twin: twin.id?.text ?? `story ${twin.index + 1}` },
        span: story.priority.span,
        storyIndex: story.index,
        related: [{ span: twin.priority?.span ?? twin.span, message: `Also priority ${key}` }],
      });
    }
  },
});
