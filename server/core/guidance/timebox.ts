// Sprint lengths and event durations as people write them, the Scrum Guide's timeboxes, and the proportional guideline.
import type { Timebox } from "./types";

/** A Sprint length in weeks, with a label such as "2-week" for messages. */
export interface SprintLength {
  readonly weeks: number;
  readonly label: string;
  /** True when the length is more than one month, which the Scrum Guide does not allow for a Sprint. */
  readonly longerThanOneMonth: boolean;
}

/**
 * The Scrum Guide's maxima are for a one-month Sprint; the proportional guideline counts that month as four weeks
 * (so a 2-week Sprint gets half of each maximum).
 */
export const WEEKS_PER_MONTH = 4;

/** What "one month" can hold at most, per unit: a Sprint within these is not longer than a month. */
const ONE_MONTH_AT_MOST = { weeks: 31 / 7, calendarDays: 31, workingDays: 23 } as const;

/**
 * Up to this many plain days are read as working days (a "10-day Sprint" is two working weeks). More than four
 * working weeks is not how anyone counts a Sprint: "25 days" or "30 days" is a month in calendar days.
 */
const PLAIN_DAYS_READ_AS_WORKING_UP_TO = 20;

const NUMBER_WORDS: Readonly<Record<string, number>> = { one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

const amount = (s: string): number => NUMBER_WORDS[s.toLowerCase()] ?? Number(s.replace(",", "."));

/**
 * Reads "2 weeks", "10 days", "1 month", "3w", "a fortnight" or a bare number (weeks). Plain days are working days
 * up to 20 (a "10-day Sprint" is two working weeks) unless they are whole weeks ("14 days"), and calendar days above
 * that ("30 days" is a month); "calendar days" and "working days" say so explicitly. Undefined when the text is not
 * a length.
 */
export function parseSprintLength(text: string): SprintLength | undefined {
  const t = text.trim().toLowerCase();
  if (/^(a\s+|one\s+)?fortnight$/.test(t)) return { weeks: 2, label: "2-week", longerThanOneMonth: false };
  const m =
    /^(\d+(?:[.,]\d+)?|one|a|an|two|three|four|five|six)(?:\s*|-)(months?|mo|weeks?|wks?|w|(?:working\s+|business\s+|calendar\s+)?days?|d)?$/.exec(
      t,
    );
  if (!m?.[1]) return undefined;
  const n = amount(m[1]);
  const unit = m[2] ?? "weeks";
  if (!(n > 0)) return undefined;
  const label = (what: string): string => `${Number.isInteger(n) ? n : n.toFixed(1)}-${what}`;
  if (/^mo/.test(unit)) return { weeks: n * WEEKS_PER_MONTH, label: label("month"), longerThanOneMonth: n > 1 };
  // "working days" starts with a "w" too: only what ends in days is days.
  if (!/(?:^d|days?)$/.test(unit)) return { weeks: n, label: label("week"), longerThanOneMonth: n > ONE_MONTH_AT_MOST.weeks };
  const working = /working|business/.test(unit);
  const calendar = unit.startsWith("calendar") || (!working && (Number.isInteger(n / 7) || n > PLAIN_DAYS_READ_AS_WORKING_UP_TO));
  return calendar
    ? { weeks: n / 7, label: label("day"), longerThanOneMonth: n > ONE_MONTH_AT_MOST.calendarDays }
    : { weeks: n / 5, label: label("day"), longerThanOneMonth: n > ONE_MONTH_AT_MOST.workingDays };
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

/**
 * A duration written the way `like` (a duration the file holds) writes one: "4h" beside "2h", "240 min" beside
 * "90 min", "4:00" beside "2:00", "4 hours" beside "2 hours"; in `formatMinutes`' words when `like` has no unit
 * this can follow or the minutes do not fit it (a quarter hour in a file that writes half hours).
 */
export function formatMinutesLike(minutes: number, like: string): string {
  const t = like.trim();
  if (/^\d+:[0-5]\d$/.test(t)) return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
  const hours = /^\d+(?:([.,])\d+)?(\s*)(h|hrs?|hours?|Hours?|H)$/.exec(t);
  if (hours && minutes >= 60 && minutes % 30 === 0) {
    const value = String(minutes / 60).replace(".", hours[1] ?? ".");
    const unit = hours[3] ?? "h";
    // A word unit agrees with its number ("1 hour", "2 hours"); "h" and "hrs" stay as written.
    const agreed = /^hours?$/i.test(unit) ? `${unit.slice(0, 4)}${minutes === 60 ? "" : "s"}` : unit;
    return `${value}${hours[2] ?? ""}${agreed}`;
  }
  const mins = /^\d+(\s*)(m|mins?|minutes?|min\.?)$/i.exec(t);
  if (mins) {
    const unit = mins[2] ?? "min";
    const agreed = /^minutes?$/i.test(unit) ? `minute${minutes === 1 ? "" : "s"}` : unit;
    return `${minutes}${mins[1] ?? ""}${agreed}`;
  }
  // "2h" in a file whose durations are compact: a time that is not whole half hours in the same compact style.
  if (hours && /^h$/i.test(hours[3] ?? "") && (hours[2] ?? "") === "") {
    return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h${minutes % 60 ? `${minutes % 60}m` : ""}`;
  }
  return formatMinutes(minutes);
}

/** "4 hours", "1.5 hours", "2 h 15 min", "45 minutes". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  if (minutes % 30 === 0) return `${minutes / 60} hours`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * How long an event may last. The 2020 Guide fixes only `maximum` (for a scaled event, the one of a one-month
 * Sprint) and says shorter Sprints usually have shorter events; `proportional` is the 2011 Guide's rule of scaling
 * that maximum with the Sprint, a guideline, present only when the Sprint is shorter than a month.
 */
export interface TimeboxLimit {
  readonly maximum: number;
  readonly proportional?: number;
  /** True for an event whose maximum is given for a one-month Sprint (Planning, Review, Retrospective). */
  readonly oneMonth: boolean;
}

/** The limits of a timeboxed event for a Sprint length. Undefined for refinement (no timebox) and the Sprint. */
export function timeboxLimit(timebox: Timebox | undefined, sprint: SprintLength | undefined): TimeboxLimit | undefined {
  if (!timebox) return undefined;
  if (timebox.kind === "fixed") return { maximum: timebox.minutes, oneMonth: false };
  if (timebox.kind !== "scaled") return undefined;
  const maximum = timebox.oneMonthMinutes;
  const factor = sprint ? Math.min(sprint.weeks / WEEKS_PER_MONTH, 1) : 1;
  // Rounded to a quarter of an hour: a guideline, not a stopwatch.
  const proportional = Math.max(15, Math.round((maximum * factor) / 15) * 15);
  return proportional < maximum ? { maximum, proportional, oneMonth: true } : { maximum, oneMonth: true };
}

/** How the Sprint's length reads in a sentence: "your 2-week Sprint", "your 30-day Sprint". */
const yourSprint = (sprint: SprintLength): string => `your ${sprint.label} Sprint`;

/** One sentence on an entry's timebox, with the proportional guideline for a shorter Sprint when its length is known. */
export function describeTimebox(timebox: Timebox | undefined, sprint: SprintLength | undefined): string | undefined {
  if (!timebox) return undefined;
  switch (timebox.kind) {
    case "none":
      return "none: it is an ongoing activity, not an event.";
    case "sprint":
      if (!sprint) return "one month or less, the same length every time.";
      return sprint.longerThanOneMonth
        ? `one month or less; ${yourSprint(sprint)} is longer than the Scrum Guide allows.`
        : `one month or less; ${yourSprint(sprint)} is within that.`;
    case "fixed":
      return `${formatMinutes(timebox.minutes)}, whatever the Sprint's length.`;
    case "scaled": {
      const limit = timeboxLimit(timebox, sprint);
      const maximum = formatMinutes(timebox.oneMonthMinutes);
      if (!sprint || !limit)
        return `at most ${maximum} for a one-month Sprint (the Scrum Guide's maximum); shorter Sprints usually have shorter events.`;
      if (limit.proportional === undefined)
        return `at most ${maximum} for ${yourSprint(sprint)} (the Scrum Guide's maximum, set for a one-month Sprint).`;
      return (
        `about ${formatMinutes(limit.proportional)} for ${yourSprint(sprint)}, a proportional guideline (from the 2011 Scrum Guide); ` +
        `the Scrum Guide's maximum is ${maximum} for a one-month Sprint.`
      );
    }
  }
}
