// Moving a story's offsets after an edit elsewhere in its file: copies (shift*) and in place (move*). Shared by
// every format's incremental reading; nothing here knows a format.
import type { Finding, Fix, RelatedPlace, Span, Story } from "../model";

const shiftSpan = (span: Span, d: number): Span => ({ start: span.start + d, end: span.end + d });

/** A copy of a part with its span moved by `d`. */
export function shiftPart<T extends { readonly span: Span }>(part: T, d: number): T {
  return { ...part, span: shiftSpan(part.span, d) };
}

/**
 * The Story fields `shiftStory` and `moveStory` move by hand, one entry per field of the model: the compiler fails
 * here when a field is added to `Story` and not listed (a hand-kept list had drifted: `notes` was missing, and went
 * the slow generic way). A field present at run time but not in the model is still moved by `shiftDeep`.
 */
const STORY_FIELDS = {
  index: true,
  span: true,
  id: true,
  title: true,
  sentence: true,
  acceptance: true,
  acceptanceSpan: true,
  estimate: true,
  priority: true,
  status: true,
  dependsOn: true,
  notes: true,
  layout: true,
} as const satisfies Record<keyof Story, true>;
const KNOWN_STORY_FIELDS: ReadonlySet<string> = new Set(Object.keys(STORY_FIELDS));

/** Moves every `start`/`end` number in a value: the model's convention for offsets, for fields added later. */
const shiftDeep = (value: unknown, d: number): unknown => shiftFrom(value, -Infinity, d);

/** A copy of a value with every `start`/`end` number at or after `at` moved by `d` (offsets after an edit). */
export function shiftFrom(value: unknown, at: number, d: number): unknown {
  if (Array.isArray(value)) return value.map((v: unknown) => shiftFrom(v, at, d));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = (k === "start" || k === "end") && typeof v === "number" && v >= at ? v + d : shiftFrom(v, at, d);
  return out;
}

/**
 * A story's spans moved by `d` and its index set. Spelled out field by field for speed (it runs for every
 * story after an edit); fields added to the model later are moved by the generic `shiftDeep`.
 */
export function shiftStory(story: Story, d: number, index: number): Story {
  if (d === 0 && story.index === index) return story;
  const s = story.sentence;
  const out: { -readonly [K in keyof Story]: Story[K] } = { ...story, index, span: shiftSpan(story.span, d) };
  if (story.id) out.id = shiftPart(story.id, d);
  if (story.title) out.title = shiftPart(story.title, d);
  if (s) {
    const sentence: { -readonly [K in keyof typeof s]: (typeof s)[K] } = { ...s, span: shiftSpan(s.span, d) };
    if (s.roleMarker) sentence.roleMarker = shiftPart(s.roleMarker, d);
    if (s.role) sentence.role = shiftPart(s.role, d);
    if (s.meansMarker) sentence.meansMarker = shiftPart(s.meansMarker, d);
    if (s.means) sentence.means = shiftPart(s.means, d);
    if (s.endsMarker) sentence.endsMarker = shiftPart(s.endsMarker, d);
    if (s.ends) sentence.ends = shiftPart(s.ends, d);
    if (s.trailing) sentence.trailing = shiftPart(s.trailing, d);
    out.sentence = sentence;
  }
  if (story.acceptance) out.acceptance = story.acceptance.map((c) => shiftPart(c, d));
  if (story.acceptanceSpan) out.acceptanceSpan = shiftSpan(story.acceptanceSpan, d);
  if (story.estimate) out.estimate = shiftPart(story.estimate, d);
  if (story.priority) out.priority = shiftPart(story.priority, d);
  if (story.status) out.status = shiftPart(story.status, d);
  if (story.notes) out.notes = shiftPart(story.notes, d);
  if (story.dependsOn) out.dependsOn = story.dependsOn.map((p) => shiftPart(p, d));
  if (story.layout) {
    const { criteriaAt } = story.layout;
    out.layout = {
      ...story.layout,
      endOfEntry: story.layout.endOfEntry + d,
      ...(criteriaAt && { criteriaAt: { ...criteriaAt, offset: criteriaAt.offset + d } }),
    };
  }
  for (const key of Object.keys(story)) {
    if (!KNOWN_STORY_FIELDS.has(key)) {
      (out as Record<string, unknown>)[key] = shiftDeep((story as unknown as Record<string, unknown>)[key], d);
      withOtherFields.add(out);
    }
  }
  return out;
}

/** Stories made by `shiftStory` that have fields it moves generically: `moveStory` looks for them only there. */
const withOtherFields = new WeakSet<Story>();

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Moves every `start`/`end` number in a value in place (see `shiftDeep`). */
function moveDeep(value: unknown, d: number): void {
  if (Array.isArray(value)) for (const v of value as unknown[]) moveDeep(v, d);
  else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) {
      if ((k === "start" || k === "end") && typeof v === "number") record[k] = v + d;
      else moveDeep(v, d);
    }
  }
}

export const moveSpan = (span: Span, d: number): void => {
  const m = span as Mutable<Span>;
  m.start += d;
  m.end += d;
};

/**
 * Moves a story by `d` in place and sets its index. Only for a story made by `shiftStory` with a non-zero
 * shift (every span object its own): after an edit, thousands of stories move, and copying them all made
 * the garbage collector the largest cost of a keystroke.
 */
export function moveStory(story: Story, d: number, index: number): void {
  const m = story as Mutable<Story>;
  m.index = index;
  if (d === 0) return;
  // Field by field, with no array or key list made: thousands of stories move on every keystroke.
  moveSpan(story.span, d);
  movePart(story.id, d);
  movePart(story.title, d);
  movePart(story.status, d);
  movePart(story.notes, d);
  movePart(story.estimate, d);
  movePart(story.priority, d);
  const s = story.sentence;
  if (s) {
    moveSpan(s.span, d);
    movePart(s.roleMarker, d);
    movePart(s.role, d);
    movePart(s.meansMarker, d);
    movePart(s.means, d);
    movePart(s.endsMarker, d);
    movePart(s.ends, d);
    movePart(s.trailing, d);
  }
  if (story.acceptance) for (const c of story.acceptance) moveSpan(c.span, d);
  if (story.acceptanceSpan) moveSpan(story.acceptanceSpan, d);
  if (story.dependsOn) for (const p of story.dependsOn) moveSpan(p.span, d);
  if (story.layout) {
    (story.layout as Mutable<NonNullable<Story["layout"]>>).endOfEntry += d;
    const at = story.layout.criteriaAt as Mutable<NonNullable<NonNullable<Story["layout"]>["criteriaAt"]>> | undefined;
    if (at) at.offset += d;
  }
  if (withOtherFields.has(story)) {
    for (const key of Object.keys(story)) {
      if (!KNOWN_STORY_FIELDS.has(key)) moveDeep((story as unknown as Record<string, unknown>)[key], d);
    }
  }
}

const movePart = (part: { readonly span: Span } | undefined, d: number): void => {
  if (part) moveSpan(part.span, d);
};

/** What a finding or a rule's report points at: its span, its fixes' edits and its related places. */
interface Places {
  readonly span: Span;
  readonly storyIndex?: number;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedPlace[];
}

/** A copy of a finding or report with its places moved by `d` (spans of its own) and its story index set. */
export function movePlaces<T extends Places>(x: T, d: number, index: number | undefined): T {
  return {
    ...x,
    span: shiftSpan(x.span, d),
    ...(index !== undefined && { storyIndex: index }),
    ...(x.fixes && { fixes: x.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: shiftSpan(e.span, d) })) })) }),
    ...(x.related && { related: x.related.map((r) => ({ ...r, span: shiftSpan(r.span, d) })) }),
  };
}

/** Whether every place a finding or report points at lies in `[from, to]`, so that it can move with that text. */
export function placesWithin(x: Places, from: number, to: number): boolean {
  const within = (span: Span): boolean => span.start >= from && span.end <= to && span.start <= span.end;
  return (
    within(x.span) && (x.fixes ?? []).every((f) => f.edits.every((e) => within(e.span))) && (x.related ?? []).every((r) => within(r.span))
  );
}

/** A finding's spans (its own, its fixes', its related places') moved by `d`, its story index set. */
export function shiftFinding(f: Finding, d: number, index: number | undefined): Finding {
  return d === 0 && f.storyIndex === index ? f : movePlaces(f, d, index);
}
