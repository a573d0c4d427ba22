// Scrum Guide 2020: Product Backlog refinement is an ongoing activity, not an event, and has no timebox.
import { sourceOf, type Fix, type Span, type TextSource } from "../model";
import { lineStartAt, nextLineStartAt } from "../parse/text-lines";
import { bundledGuidance, bundledTerms, meaningOf } from "../guidance/data";
import { defineRule } from "./rule";

/** Removes a "duration: ..." line when it stands on a line of its own; other layouts get no fix. */
function removeDurationLine(text: TextSource, duration: Span): Fix | undefined {
  const lineStart = lineStartAt(text, duration.start);
  const lineEnd = nextLineStartAt(text, duration.end);
  const before = text.slice(lineStart, duration.start);
  const after = text.slice(duration.end, lineEnd);
  if (!/^[ \t]*duration[ \t]*:[ \t]*$/.test(before) || !/^[ \t]*(#.*)?\r?\n?$/.test(after)) return undefined;
  return { title: "Remove the duration", edits: [{ span: { start: lineStart, end: lineEnd }, newText: "" }], safe: false };
}

export default defineRule({
  meta: {
    id: "sprint-refinement-timebox",
    description: "Do not plan Product Backlog refinement as a timeboxed event: it is an ongoing activity.",
    source: "Scrum Guide",
    defaultSeverity: "info",
    messages: {
      timeboxed:
        "'{name}' is planned for {duration}, as if refinement were a Scrum event with a timebox. It is an ongoing activity with no timebox: plan it as continuous work through the Sprint.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkBacklog(backlog, context) {
    for (const event of backlog.sprint?.events ?? []) {
      const entry = event.duration && bundledTerms().entryForName(event.name.text);
      // "Backlog grooming" has a card of its own, which refers to refinement.
      if (!event.duration || !entry || meaningOf(bundledGuidance().guidance, entry).id !== "refinement") continue;
      const fix = removeDurationLine(sourceOf(backlog), event.duration.span);
      context.report({
        messageId: "timeboxed",
        data: { name: event.name.text, duration: event.duration.text },
        span: event.duration.span,
        ...(fix && { fixes: [fix] }),
      });
    }
  },
});
