// QUS "well-formed" (ends part): a story says why, with "so that <benefit>"; 42 % of real stories do not.
import type { Story } from "../model";
import { givesBenefit, holdsEndsMarker, trailingEndsMarker } from "../parse/story-sentence";
import { defineRule } from "./rule";

/** Bracketed remarks of a text: a benefit may hide in one ("(so that it shows in both)"). */
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]/g;

export default defineRule({
  meta: {
    id: "story-benefit",
    description: "Say why the role wants the capability: '..., so that <benefit>'.",
    source: "QUS",
    defaultSeverity: "warning",
    messages: {
      missing: "The story gives no benefit: add ', so that <why it matters>' so the team can judge its value.",
      empty: "'{marker}' is not followed by a benefit.",
      placeholder: "'{ends}' is a placeholder, not a benefit: say why the role wants this.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkStory(story: Story, context) {
    const sentence = story.sentence;
    // Only an attempt at the template is judged: a role or a means marker. A story without one of them is not
    // well formed (that rule says so), and may also lack its benefit ("I want to log in with my badge.").
    if (!sentence || (!sentence.roleMarker && !sentence.meansMarker)) return;
    if (sentence.endsMarker && !sentence.ends) {
      context.report({
        messageId: "empty",
        data: { marker: sentence.endsMarker.text },
        span: sentence.endsMarker.span,
        storyIndex: story.index,
      });
      return;
    }
    if (sentence.endsMarker && sentence.ends) {
      // Read to the sentence's end: the trimmed benefit has lost a final "...".
      const written = sentence.text.slice(sentence.endsMarker.span.start - sentence.span.start);
      if (!givesBenefit(sentence))
        context.report({
          messageId: "placeholder",
          data: { ends: written.replace(/[\s.!]*$/, (tail) => (tail.includes("..") ? tail.trimEnd() : "")) },
          span: { start: sentence.endsMarker.span.start, end: sentence.span.end },
          storyIndex: story.index,
        });
      return;
    }
    // "... my status. So that I can finish it.": the benefit is there, only cut off by a full stop, which
    // story-minimal reports as a second sentence.
    if (trailingEndsMarker(sentence)) return;
    // "... (so the item appears in both)": a benefit in brackets is a benefit; story-minimal reports the brackets.
    if (sentence.text.match(BRACKETED)?.some(holdsEndsMarker)) return;
    const insertAt = sentence.means?.span.end ?? sentence.span.start + sentence.text.replace(/[\s.!?]+$/, "").length;
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
