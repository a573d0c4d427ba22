// Sprint lengths and event durations as people write them, and the Scrum Guide's timeboxes scaled to a Sprint.
import type { Timebox } from "./types";

/** A Sprint length in weeks, with a label such as "2-week" for messages. */
export interface SprintLength {
  readonly weeks: number;
  readonly label: string;
}

/** The Scrum Guide's maxima are for a one-month Sprint, counted here as four weeks (so two weeks halve them). */
export const WEEKS_PER_MONTH = 4;

const NUMBER_WORDS: Readonly<Record<string, number>> = { one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

const amount = (s: string): number => NUMBER_WORDS[s.toLowerCase()] ?? Number(s.replace(",", "."));

/**
 * Reads "2 weeks", "10 days", "1 month", "3w", "a fortnight" or a bare number (weeks). Plain days are working days
 * (a "10-day Sprint" is two working weeks) unless they are whole weeks ("14 days"); "calendar days" and
 * "working days" say so explicitly. Undefined when the text is not a length.
 */
export function parseSprintLength(text: string): SprintLength | undefined {
  const t = text.trim().toLowerCase();
  if (/^(a\s+|one\s+)?fortnight$/.test(t)) return { weeks: 2, label: "2-week" };
  const m =
    /^(\d+(?:[.,]\d+)?|one|a|an|two|three|four|five|six)(?:\s*|-)(months?|mo|weeks?|wks?|w|(?:working\s+|business\s+|calendar\s+)?days?|d)?$/.exec(
      t,
    );
  if (!m?.[1]) return undefined;
  const n = amount(m[1]);
  const unit = m[2] ?? "weeks";
  if (!(n > 0)) return undefined;
  const label = (count: number, what: string): string => `${Number.isInteger(count) ? count : count.toFixed(1)}-${what}`;
  if (/^mo/.test(unit)) return { weeks: n * WEEKS_PER_MONTH, label: label(n, "month") };
  if (/^w/.test(unit)) return { weeks: n, label: label(n, "week") };
  const calendar = unit.startsWith("calendar") || (!/working|business/.test(unit) && Number.isInteger(n / 7));
  return { weeks: calendar ? n / 7 : n / 5, label: label(n, "day") };
}

/**
 * Reads "4h", "1.5 hours", "1h30", "1 h 30 min", "90 min", "15 minutes" or "2:30" as minutes. A bare number has no
 * unit and is not read: "2" could be hours or minutes.
 */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  const clock = /^(\d+):([0-5]\d)$/.exec(t);
  if (clock?.[1] && clock[2]) return Number(clock[1]) * 60 + Number(clock[2]);
  const m = /^(?:(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?))?\s*(?:(\d+(?:[.,]\d+)?)\s*(?:m|mins?|minutes?)?)?$/.exec(t);
  if (!m || (!m[1] && !m[2])) return undefined;
  // "30" alone after hours ("1h30") is minutes; alone without hours it has no unit.
  if (!m[1] && !/[a-z]$/.test(t)) return undefined;
  const minutes = (m[1] ? amount(m[1]) * 60 : 0) + (m[2] ? amount(m[2]) : 0);
  return minutes > 0 ? Math.round(minutes) : undefined;
}

/** "4 hours", "1.5 hours", "2 h 15 min", "45 minutes". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  if (minutes % 30 === 0) return `${minutes / 60} hours`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The longest an event may last, and how that was worked out. */
export interface TimeboxLimit {
  readonly minutes: number;
  /** True when a one-month maximum was scaled down to a shorter Sprint. */
  readonly scaled: boolean;
  /** The one-month maximum, for events that scale. */
  readonly oneMonthMinutes?: number;
}

/**
 * The maximum of a timeboxed event for a Sprint length: proportional to the one-month maximum for shorter Sprints
 * (rounded to 5 minutes), never above it. Undefined for refinement (no timebox) and the Sprint itself.
 */
export function timeboxLimit(timebox: Timebox | undefined, sprint: SprintLength | undefined): TimeboxLimit | undefined {
  if (!timebox) return undefined;
  if (timebox.kind === "fixed") return { minutes: timebox.minutes, scaled: false };
  if (timebox.kind !== "scaled") return undefined;
  const factor = sprint ? Math.min(sprint.weeks / WEEKS_PER_MONTH, 1) : 1;
  const minutes = Math.max(5, Math.round((timebox.oneMonthMinutes * factor) / 5) * 5);
  return { minutes, scaled: minutes !== timebox.oneMonthMinutes, oneMonthMinutes: timebox.oneMonthMinutes };
}

/** One sentence on an entry's timebox, scaled to the Sprint when its length is known. */
export function describeTimebox(timebox: Timebox | undefined, sprint: SprintLength | undefined): string | undefined {
  if (!timebox) return undefined;
  switch (timebox.kind) {
    case "none":
      return "none: it is an ongoing activity, not an event.";
    case "sprint":
      return sprint
        ? `one month or less; yours is declared as ${sprint.label}${sprint.weeks > WEEKS_PER_MONTH ? ", longer than Scrum allows" : ""}.`
        : "one month or less, the same length every time.";
    case "fixed":
      return `${formatMinutes(timebox.minutes)}, whatever the Sprint's length.`;
    case "scaled": {
      const limit = timeboxLimit(timebox, sprint);
      const oneMonth = formatMinutes(timebox.oneMonthMinutes);
      if (!sprint || !limit) return `at most ${oneMonth} for a one-month Sprint; shorter Sprints usually have shorter events.`;
      if (!limit.scaled) return `at most ${oneMonth} for your ${sprint.label} Sprint (the one-month maximum).`;
      return `at most ${formatMinutes(limit.minutes)} for your ${sprint.label} Sprint, scaled from the one-month maximum of ${oneMonth}.`;
    }
  }
}
