// The Product Backlog is ordered (Scrum Guide 2020): two stories with the same rank leave the order undecided.
import type { Story } from "../model";
import { perStory } from "./helpers";
import { defineRule } from "./rule";

/** A story's priority as a rank to compare, or null: bands such as "high" or "must" are not ranks. */
const rankOf = perStory((story): string | null => {
  if (!story.priority) return null;
  const key = String(story.priority.value).trim().toLowerCase();
  return /^\d+(?:\.\d+)?$/.test(key) ? key : null;
});

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
    const seen = new Map<string, Story>();
    for (const story of backlog.stories) {
      const key = rankOf(story);
      if (key === null || !story.priority) continue;
      const twin = seen.get(key);
      if (!twin) {
        seen.set(key, story);
        continue;
      }
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
