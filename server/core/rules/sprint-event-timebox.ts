// Scrum Guide 2020 timeboxes: an event planned longer than its maximum, scaled to the declared Sprint length.
import { bundledTerms } from "../guidance/data";
import { formatMinutes, parseDuration, parseSprintLength, timeboxLimit, type SprintLength, type TimeboxLimit } from "../guidance/timebox";
import { defineRule } from "./rule";

/** Where the limit comes from, so the message says whether (and from what) it was scaled. */
function basisOf(limit: TimeboxLimit, sprint: SprintLength | undefined): string {
  if (limit.oneMonthMinutes === undefined) return "whatever the Sprint's length";
  if (!sprint) return "for a one-month Sprint (declare the sprint's length to scale it)";
  if (!limit.scaled) return `for a ${sprint.label} Sprint (the one-month maximum)`;
  return `for a ${sprint.label} Sprint, scaled from the one-month maximum of ${formatMinutes(limit.oneMonthMinutes)}`;
}

export default defineRule({
  meta: {
    id: "sprint-event-timebox",
    description: "Plan each Scrum event within its timebox, scaled to the sprint's length.",
    source: "Scrum Guide",
    defaultSeverity: "warning",
    messages: {
      tooLong: "{event} is planned for {planned}, longer than its timebox of at most {limit} {basis}.",
      unreadable: "'{duration}' is not a duration this check can read: write it with a unit, like '90 min' or '2h'.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkBacklog(backlog, context) {
    const sprint = backlog.sprint;
    const length = sprint?.length ? parseSprintLength(sprint.length.text) : undefined;
    for (const event of sprint?.events ?? []) {
      const entry = bundledTerms().entryForName(event.name.text);
      // Refinement (no timebox) has its own rule; unknown events ("Kick-off") have no timebox to check.
      const limit = entry?.kind === "event" ? timeboxLimit(entry.timebox, length) : undefined;
      if (!entry || !limit || !event.duration) continue;
      const planned = parseDuration(event.duration.text);
      if (planned === undefined) {
        context.report({ messageId: "unreadable", data: { duration: event.duration.text }, span: event.duration.span });
        continue;
      }
      if (planned <= limit.minutes) continue;
      context.report({
        messageId: "tooLong",
        data: { event: entry.name, planned: formatMinutes(planned), limit: formatMinutes(limit.minutes), basis: basisOf(limit, length) },
        span: event.duration.span,
        fixes: [
          {
            title: `Shorten to ${formatMinutes(limit.minutes)}`,
            edits: [{ span: event.duration.span, newText: formatMinutes(limit.minutes) }],
            safe: false,
            preferred: true,
          },
        ],
      });
    }
  },
});
