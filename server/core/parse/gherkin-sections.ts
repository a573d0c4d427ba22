// A Gherkin file's scenarios as sections of its text, so that an edit inside one scenario re-reads that scenario
// alone: what the reader keeps of a reading, which section an edit lies in, and the criteria moved past it.
import type { Criterion, Finding, Span, Story, TextPart } from "../model";
import type { Change } from "./story-reuse";

/**
 * One scenario's stretch of the file: from the start of its first line (its tags, else its keyword line) to the
 * start of the next block's first line (a scenario, a Rule, a Background) or the end of the file. A scenario's
 * reading depends on these lines only, in a file that parsed without an error.
 */
export interface ScenarioSection {
  readonly start: number;
  readonly end: number;
  /** The Rule the scenario is under: its header as read, and its keyword, to read the scenario under one again. */
  readonly rule?: { readonly header: TextPart; readonly keyword: string };
  /** Whether the scenario is the Feature's first child, whose indentation is the story's key indentation. */
  readonly firstChild: boolean;
  /**
   * The syntax findings on lines of the section. The parser skips a line it cannot read and goes on in the same
   * state, so a bad line inside a scenario changes nothing outside it.
   */
  readonly errors: readonly Finding[];
}

/** The parser stops after this many errors, so a file with more is read whole (see Parser.addError). */
export const MAX_PARSER_ERRORS = 10;

/** What the Gherkin reader keeps of a reading that had no syntax error: the story and its scenarios' sections. */
export class GherkinReading {
  constructor(
    readonly story: Story,
    /** By criterion: section k is the text criterion k was read from. */
    readonly sections: readonly ScenarioSection[],
    readonly language: string,
    readonly featureKeyword: string,
    /** Where the Feature's header line ends: the story's span reaches at least there. */
    readonly headerEnd: number,
    readonly textLength: number,
  ) {}
}

/** The syntax findings of all sections, in file order (the order the parser reports them in). */
export function sectionErrors(sections: readonly ScenarioSection[]): Finding[] {
  const out: Finding[] = [];
  for (const s of sections) for (const f of s.errors) out.push(f);
  return out;
}

/**
 * The section an edit lies in, or undefined when it reaches outside one (the Feature's header, a Background, a
 * Rule's line, two scenarios). An edit that ends where the next block starts is not inside: it may change that
 * block's first line.
 */
export function sectionOfEdit(reading: GherkinReading, change: Change): number | undefined {
  if (change.oldLength !== reading.textLength) return undefined;
  const { sections } = reading;
  const oldEnd = change.oldLength - change.suffix;
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sections[mid] as ScenarioSection).start <= change.prefix) lo = mid;
    else hi = mid - 1;
  }
  const section = sections[lo];
  if (!section || section.start > change.prefix) return undefined;
  const last = section.end === change.oldLength;
  return oldEnd < section.end || (last && oldEnd <= section.end) ? lo : undefined;
}

const shiftSpan = (span: Span, d: number): Span => ({ start: span.start + d, end: span.end + d });

/** A part moved by `d` when it lies at or after `from` (a Rule's header before the edit stays where it is). */
const shiftPartFrom = (part: TextPart, from: number, d: number): TextPart =>
  part.span.start >= from ? { ...part, span: shiftSpan(part.span, d) } : part;

/**
 * A criterion read from a Gherkin scenario, moved by `d` (its steps' spans are relative to it and stay); its Rule's
 * header only when it lies at or after `from`.
 */
export function shiftCriterion(c: Criterion, d: number, from = -Infinity): Criterion {
  if (d === 0) return c;
  const scenario = c.scenario;
  return {
    ...c,
    span: shiftSpan(c.span, d),
    ...(scenario && {
      scenario: {
        ...scenario,
        header: { ...scenario.header, span: shiftSpan(scenario.header.span, d) },
        ...(scenario.rule && { rule: shiftPartFrom(scenario.rule, from, d) }),
      },
    }),
  };
}

const shiftError = (f: Finding, d: number): Finding => ({ ...f, span: shiftSpan(f.span, d) });

/**
 * The sections after an edit in section `k`, which now ends at `end` with `errors`: the ones after it moved by
 * `delta` (their Rule's header when it lies at or after `from`, the edit's end in the old text).
 */
export function sectionsAfterEdit(
  sections: readonly ScenarioSection[],
  k: number,
  end: number,
  errors: readonly Finding[],
  delta: number,
  from: number,
): ScenarioSection[] {
  return sections.map((s, i) => {
    if (i < k) return s;
    if (i === k) return { ...s, end, errors };
    return {
      ...s,
      start: s.start + delta,
      end: s.end + delta,
      errors: s.errors.length === 0 ? s.errors : s.errors.map((f) => shiftError(f, delta)),
      ...(s.rule && { rule: { ...s.rule, header: shiftPartFrom(s.rule.header, from, delta) } }),
    };
  });
}
