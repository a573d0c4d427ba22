// QUS "well-formed" (ends part): a story says why, with "so that <benefit>"; 42 % of real stories do not.
import type { Story } from "../model";
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "story-benefit",
    description: "Say why the role wants the capability: '..., so that <benefit>'.",
    source: "QUS",
    defaultSeverity: "warning",
    messages: {
      missing: "The story gives no benefit: add ', so that <why it matters>' so the team can judge its value.",
      empty: "'{marker}' is not followed by a benefit.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkStory(story: Story, context) {
    const sentence = story.sentence;
    // Without a role and a means the story is not well formed; that rule says so, once.
    if (!sentence?.means || !sentence.role) return;
    if (sentence.endsMarker && !sentence.ends) {
      context.report({
        messageId: "empty",
        data: { marker: sentence.endsMarker.text },
        span: sentence.endsMarker.span,
        storyIndex: story.index,
      });
      return;
    }
    if (sentence.endsMarker) return;
    // "... my status. So that I can finish it.": the benefit is there, only cut off by a full stop, which
    // story-minimal reports as a second sentence.
    if (sentence.trailing && /\b(?:so\s+that|in\s+order\s+to)\b/i.test(sentence.trailing.text)) return;
    const insertAt = sentence.means.span.end;
    context.report({
      messageId: "missing",
      span: sentence.span,
      storyIndex: story.index,
      fixes: [
        {
          title: "Add a 'so that ...' benefit",
          edits: [{ span: { start: insertAt, end: insertAt }, newText: ", so that <benefit>" }],
          safe: false,
          preferred: true,
        },
      ],
    });
  },
});
