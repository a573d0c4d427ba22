// Scrum Guide 2020 timeboxes: a Sprint over one month, an event over its maximum, and (milder) an event above the
// proportional guideline for a shorter Sprint.
import type { Fix, Severity, Span } from "../model";
import { bundledTerms } from "../guidance/data";
import { formatMinutes, formatMinutesLike, parseDuration, parseSprintLength, timeboxLimit, type SprintLength } from "../guidance/timebox";
import { defineRule } from "./rule";

export interface TimeboxOptions {
  /**
   * The severity of an event planned above its proportional figure but within the Guide's maximum ("off" to not
   * report it). Never higher than the rule's own severity.
   */
  readonly aboveProportional: Severity | "off";
}

/**
 * Shortens an event to `minutes`, written in the unit its duration uses ("4h" for "5h"). Safe (applied by Fix all and
 * `--fix`) when it is the only fix: the Scrum Guide's maximum, with no proportional guideline to choose instead.
 */
const shorten = (span: Span, planned: string, minutes: number, why: string, preferred: boolean, safe = false): Fix => {
  const written = formatMinutesLike(minutes, planned);
  return { title: `Shorten to ${written} (${why})`, edits: [{ span, newText: written }], safe, ...(preferred && { preferred: true }) };
};

export default defineRule<TimeboxOptions>({
  meta: {
    id: "sprint-event-timebox",
    description: "Keep the Sprint to one month or less and each Scrum event within the Scrum Guide's maximum.",
    source: "Scrum Guide",
    defaultSeverity: "warning",
    messages: {
      sprintTooLong: "A {length} Sprint is longer than Scrum allows: the Scrum Guide sets a Sprint at one month or less.",
      overMaximum: "{event} is planned for {planned}, more than the Scrum Guide's maximum of {maximum} {basis}.",
      aboveProportional:
        "{event} is planned for {planned}: within the Scrum Guide's maximum of {maximum}, but above the proportional figure of about {proportional} for a {length} Sprint (a guideline from the 2011 Scrum Guide; the 2020 Guide says only that shorter Sprints usually have shorter events).",
      unreadable: "'{duration}' is not a duration this check can read: write it with a unit, like '90 min' or '2h'.",
    },
    fixable: true,
    defaultOptions: { aboveProportional: "info" },
    optionsSchema: {
      type: "object",
      properties: {
        aboveProportional: {
          enum: ["error", "warning", "info", "hint", "off"],
          description:
            "Severity of an event above the proportional guideline for a shorter Sprint but within the Guide's maximum (never above the rule's own).",
        },
      },
      additionalProperties: false,
    },
  },
  checkBacklog(backlog, context) {
    const sprint = backlog.sprint;
    const length: SprintLength | undefined = sprint?.length ? parseSprintLength(sprint.length.text) : undefined;
    if (sprint?.length && length?.longerThanOneMonth) {
      context.report({ messageId: "sprintTooLong", data: { length: length.label }, span: sprint.length.span });
    }
    const { aboveProportional } = context.options;
    for (const event of sprint?.events ?? []) {
      const entry = bundledTerms().entryForName(event.name.text);
      // Refinement (no timebox) has its own rule; unknown events ("Kick-off") have no timebox to check.
      const limit = entry?.kind === "event" ? timeboxLimit(entry.timebox, length) : undefined;
      if (!entry || !limit || !event.duration) continue;
      const planned = parseDuration(event.duration.text);
      const span = event.duration.span;
      if (planned === undefined) {
        context.report({ messageId: "unreadable", data: { duration: event.duration.text }, span });
        continue;
      }
      const { maximum, proportional } = limit;
      const data = { event: entry.name, planned: formatMinutes(planned), maximum: formatMinutes(maximum) };
      if (planned > maximum) {
        const basis = limit.oneMonth ? "for a one-month Sprint" : "whatever the Sprint's length";
        // The proportional figure comes first: it is the fix that leaves nothing else to report.
        const fixes =
          proportional === undefined
            ? [shorten(span, event.duration.text, maximum, "the Guide's maximum", true, true)]
            : [
                shorten(span, event.duration.text, proportional, "proportional guideline", true),
                shorten(span, event.duration.text, maximum, "the Guide's maximum", false),
              ];
        context.report({ messageId: "overMaximum", data: { ...data, basis }, span, fixes });
      } else if (proportional !== undefined && planned > proportional && length && aboveProportional !== "off") {
        context.report({
          messageId: "aboveProportional",
          data: { ...data, proportional: formatMinutes(proportional), length: length.label },
          span,
          atMost: aboveProportional,
          fixes: [shorten(span, event.duration.text, proportional, "proportional guideline", true)],
        });
      }
    }
  },
});
