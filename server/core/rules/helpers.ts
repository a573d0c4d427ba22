// Small helpers the rules share: where to anchor a story finding, and how to write text into a story entry.
import { lineBreakOf, lineStartAt, nextLineStartAt } from "../parse/text-lines";
import { yamlScalar } from "../parse/yaml/scalar";
import { sourceOf, type Backlog, type Criterion, type Span, type Story, type TextEdit } from "../model";
import { criterionSteps, type CriterionSteps, type StepKeyword } from "../nlp/gherkin";

/** Where a story-level finding is shown: its id, else its sentence, else the whole entry. */
export function storyAnchor(story: Story): Span {
  return story.id?.span ?? story.sentence?.span ?? story.title?.span ?? story.span;
}

/** A short label for a story in messages: its id, or its first words. */
export function storyLabel(story: Story): string {
  if (story.id) return story.id.text;
  const text = story.sentence?.text ?? story.title?.text ?? "";
  return text.length > 50 ? `${text.slice(0, 47)}...` : text || `story ${story.index + 1}`;
}

/**
 * The line break of a file, so inserted lines match it: read once per backlog, since a fix on every finding would
 * otherwise search the whole text each time.
 */
export const eolOf: (backlog: Backlog) => string = perOptions((backlog: Backlog): string => lineBreakOf(sourceOf(backlog)));

/**
 * An edit that appends `key: value` to a YAML story entry, or undefined when the story has no layout (not YAML).
 * A block entry gets a new line in its indentation, the value quoted when a plain scalar would change its
 * meaning; a flow map (`{ id: S-1, ... }`, JSON) gets `, key: "value"` after its last value, in its key style.
 */
export function appendYamlKey(backlog: Backlog, story: Story, key: string, value: string): TextEdit | undefined {
  return appendYamlEntry(backlog, story, key, { block: ` ${yamlScalar(value)}`, flow: JSON.stringify(value) });
}

/** An edit that gives a YAML story entry an `acceptance` list with the criterion, in the entry's style. */
export function appendYamlCriteria(backlog: Backlog, story: Story, criterion: string): TextEdit | undefined {
  const layout = story.layout;
  if (!layout) return undefined;
  return appendYamlEntry(backlog, story, "acceptance", {
    block: `${layout.eol}${layout.keyIndent}  - ${yamlScalar(criterion)}`,
    flow: `[${JSON.stringify(criterion)}]`,
  });
}

function appendYamlEntry(backlog: Backlog, story: Story, key: string, value: { block: string; flow: string }): TextEdit | undefined {
  const layout = story.layout;
  if (backlog.format !== "yaml" || !layout) return undefined;
  const at = { start: layout.endOfEntry, end: layout.endOfEntry };
  if (!layout.flow) return { span: at, newText: `${layout.eol}${layout.keyIndent}${key}:${value.block}` };
  // An empty map (`{}`) gets its first key without a comma before it.
  const empty = /\{\s*$/.test(sourceOf(backlog).slice(Math.max(0, at.start - 200), at.start));
  return { span: at, newText: `${empty ? "" : ", "}${layout.flow === "json" ? JSON.stringify(key) : key}: ${value.flow}` };
}

/**
 * An edit that deletes a story's entry, its whole lines (a YAML block entry to its last value, a plain-list line and
 * its continuation lines, a Markdown story's section with the blank lines after it); undefined where an entry is
 * not whole lines of its own (a YAML flow map, a cell of an export, a Feature, a workflow's shape).
 */
export function deleteStoryEdit(backlog: Backlog, story: Story): TextEdit | undefined {
  const layout = story.layout;
  const lineBased = backlog.format === "yaml" || backlog.format === "plain" || backlog.format === "markdown";
  if (!layout || layout.flow || layout.shape || !lineBased) return undefined;
  const source = sourceOf(backlog);
  const start = lineStartAt(source, story.span.start);
  // Only what stands alone on its lines: nothing before the entry on its first line.
  if (source.slice(start, story.span.start).trim() !== "" && backlog.format !== "yaml") return undefined;
  let end = nextLineStartAt(source, Math.max(story.span.end, layout.endOfEntry) - 1);
  if (backlog.format === "markdown")
    while (end < source.length && source.slice(end, nextLineStartAt(source, end)).trim() === "") end = nextLineStartAt(source, end);
  return { span: { start, end }, newText: "" };
}

/** Whether a span's source text is exactly the given text (a plain scalar), so it can be edited in place. */
export function isVerbatim(backlog: Backlog, span: Span, text: string): boolean {
  // Compared in place: the same answer as comparing a copy of the span's text, without the copy.
  const source = sourceOf(backlog);
  if (span.start < 0 || span.end < span.start) return source.slice(span.start, span.end) === text;
  return span.end - span.start === text.length && source.startsWith(text, span.start);
}

/**
 * Remembers what a backlog rule derives from one story, so that a backlog pass after a keystroke only
 * aggregates. Keyed by the story object: the incremental analyzer keeps an unchanged story's object and moves
 * only its spans and index in place, so `derive` must read texts, never spans or the index. A WeakMap, so
 * the entries go with the stories and there is nothing to reset.
 */
export function perStory<T>(derive: (story: Story) => T): (story: Story) => T {
  const memo = new WeakMap<Story, T>();
  // The story asked for last and its value: the story rules run one story at a time, so several rules asking
  // about one story in a row find it here without a WeakMap lookup.
  let lastStory: Story | undefined;
  let lastValue: T | undefined;
  return (story) => {
    if (story === lastStory && lastValue !== undefined) return lastValue;
    let value = memo.get(story);
    // One lookup, not has + get: this runs for every story on every keystroke. An undefined value is derived again.
    if (value === undefined) {
      value = derive(story);
      memo.set(story, value);
    }
    lastStory = story;
    lastValue = value;
    return value;
  };
}

/**
 * Remembers what a rule derives from a text (a criterion's vague words, its normal form), by the text: a
 * `.feature` file is one story of thousands of criteria, all checked again on each keystroke, and the texts of the
 * scenarios an edit did not touch are the same strings as before (their hash is kept with them). Bounded: emptied
 * when it holds more texts than a large file has. What is derived must depend on the text alone.
 */
export function perText<T>(derive: (text: string) => T, limit = 50_000): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      if (memo.size >= limit) memo.clear();
      value = derive(text);
      memo.set(text, value);
    }
    return value;
  };
}

/**
 * Remembers what a rule builds from its options (a word list's regular expression), or from another object that
 * is never changed (the backlog's personas), so that it is built once per configuration or backlog rather than
 * once per story. Options objects are made by `resolveRule` and never changed.
 */
export function perOptions<O extends object, T>(build: (options: O) => T): (options: O) => T {
  const memo = new WeakMap<O, { value: T }>();
  return (options) => {
    const known = memo.get(options);
    if (known) return known.value;
    const value = build(options);
    memo.set(options, { value });
    return value;
  };
}

const NO_STEPS: readonly (CriterionSteps | undefined)[] = Object.freeze([]);

/**
 * The Given/When/Then steps of each of a story's criteria, by the criterion's position, read once for all the
 * rules that look at them. Their spans are offsets from the start of the criterion's text (add the criterion's
 * `span.start` for a file offset), so they hold while an edit elsewhere moves the story, and one entry per
 * story is kept rather than one per criterion.
 */
export const stepsOfCriteria = perStory((story): readonly (CriterionSteps | undefined)[] => {
  const criteria = story.acceptance;
  if (!criteria || criteria.length === 0) return NO_STEPS;
  // A .feature file's scenario comes with its steps as the Gherkin parser read them (one step a line, any dialect).
  return criteria.map((c) => c.scenario ?? stepsOfText(c.text));
});

/**
 * Steps by criterion text (null: none), shared by the criteria that say the same ("Given I am signed in, ..."
 * recurs across a backlog): relative offsets depend on the text alone, and nobody changes a result. Emptied
 * when it reaches its limit, so it holds at most a few thousand short texts.
 */
const stepsByText = perText((text): CriterionSteps | null => criterionSteps(text, 0) ?? null, 4096);

const stepsOfText = (text: string): CriterionSteps | undefined => stepsByText(text) ?? undefined;

/** A step's span in the file, from its offsets in its criterion. */
export function stepSpan(c: Criterion, step: StepKeyword): Span {
  return { start: c.span.start + step.span.start, end: c.span.start + step.span.end };
}
