// Where a tracker item's story is: the story sentence in its title or description, its criteria in an
// acceptance-criteria field or section. Shared by the CSV exports and GitHub issues; texts are projections.
import type { Criterion, StorySentence, TextPart } from "../model";
import { opensStory } from "./plain-stories";
import { foldForMatching, parseStorySentence } from "./story-sentence";

/** A projected text with the file offset of its first character. */
export interface PlacedText {
  readonly text: string;
  readonly at: number;
}

interface Line {
  /** Offsets in the text. */
  readonly start: number;
  readonly end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 10 || c === 13) {
      lines.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return lines;
}

/** A list bullet, number or task box at a line's start ("- [ ] ", "* ", "1. "), left in a projection as written. */
const BULLET = /^[ \t]*(?:(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?/;

/** Line breaks of a text turned to spaces, so a sentence over several lines keeps its offsets on one. */
const onOneLine = (text: string): string => text.replace(/[\r\n]/g, " ");

/** A part of a placed text by its offsets in the text, trimmed; undefined when only space is left. */
function partOf(placed: PlacedText, start: number, end: number): TextPart | undefined {
  const raw = placed.text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (!text) return undefined;
  return { text: onOneLine(text), span: { start: placed.at + start + lead, end: placed.at + start + lead + text.length } };
}

/** The text as a title: trimmed, on one line. */
export function titleOf(placed: PlacedText): TextPart | undefined {
  return partOf(placed, 0, placed.text.length);
}

/** The sentence of a title that is a story sentence ("As a ..., I want ..."). */
export function sentenceInTitle(placed: PlacedText): StorySentence | undefined {
  const part = partOf(placed, 0, placed.text.length);
  if (!part || !opensStory(foldForMatching(part.text))) return undefined;
  return parseStorySentence(part.text, part.span.start);
}

/**
 * The first story sentence of a description: the first line (bullet aside) that opens a story, with the lines of
 * its paragraph that follow it (up to a blank line, a list item or a heading).
 */
export function sentenceInText(placed: PlacedText): StorySentence | undefined {
  const lines = linesOf(placed.text);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as Line;
    const raw = placed.text.slice(line.start, line.end);
    const lead = BULLET.exec(raw)?.[0].length ?? 0;
    if (!opensStory(foldForMatching(raw.slice(lead)))) continue;
    let end = line.end;
    for (let j = k + 1; j < lines.length; j++) {
      const next = lines[j] as Line;
      const t = placed.text.slice(next.start, next.end);
      if (t.trim() === "" || (BULLET.exec(t)?.[0].trim() ?? "") !== "" || isSectionHeading(t)) break;
      end = next.end;
    }
    const part = partOf(placed, line.start + lead, end);
    return part ? parseStorySentence(part.text, part.span.start) : undefined;
  }
  return undefined;
}

const CRITERIA_HEADING = /^[\s:]*acceptance\s+criteria[\s:]*$/i;

/** A line that names a section: "Acceptance criteria", "Notes:", or any short line ending in a colon. */
function isSectionHeading(line: string): boolean {
  const t = line.trim();
  return CRITERIA_HEADING.test(t) || (/^[\p{L} ]{2,40}:$/u.test(t) && !/^(given|when|then|and|but)\b/i.test(t));
}

/** A Gherkin step that continues the scenario of the line before it. */
const CONTINUES = /^(?:and|but|when|then)\b/i;
/** A scenario's name line, which names the criterion and is not one itself. */
const SCENARIO = /^(?:scenario(?:\s+outline)?|example)\s*\d*\s*:/i;

/**
 * Criteria in a text: one per line or list item; a line that goes on with "When", "Then", "And" or "But" after
 * a "Given" or "When" line joins it, so a scenario written over several lines is one criterion.
 */
export function criteriaInText(placed: PlacedText, from = 0, to = placed.text.length): Criterion[] {
  const out: { start: number; end: number; chars: string[]; open: boolean }[] = [];
  const region = placed.text.slice(0, to);
  for (const line of linesOf(region)) {
    if (line.end <= from) continue;
    const start = Math.max(line.start, from);
    const raw = placed.text.slice(start, line.end);
    const lead = BULLET.exec(raw)?.[0].length ?? 0;
    const body = raw.slice(lead);
    const trimmed = body.trim();
    if (trimmed === "" || SCENARIO.test(trimmed)) continue;
    const s = start + lead + (body.length - body.trimStart().length);
    const e = start + lead + body.trimEnd().length;
    const last = out[out.length - 1];
    if (last?.open && CONTINUES.test(trimmed)) {
      // The text between the two lines (a line break, a bullet) becomes spaces.
      for (let k = last.end; k < s; k++) last.chars.push(" ");
      last.chars.push(...placed.text.slice(s, e));
      last.end = e;
      continue;
    }
    out.push({ start: s, end: e, chars: placed.text.slice(s, e).split(""), open: /^(?:given|when)\b/i.test(trimmed) });
  }
  return out.map((c) => ({ text: c.chars.join(""), span: { start: placed.at + c.start, end: placed.at + c.end } }));
}

/** The lines of an "Acceptance criteria" section of a description, as offsets in its text; undefined when it has none. */
export function criteriaSection(placed: PlacedText): { from: number; to: number } | undefined {
  const lines = linesOf(placed.text);
  const k = lines.findIndex((l) => CRITERIA_HEADING.test(placed.text.slice(l.start, l.end)));
  if (k < 0) return undefined;
  const from = lines[k + 1]?.start ?? placed.text.length;
  let to = placed.text.length;
  for (let j = k + 1; j < lines.length; j++) {
    const l = lines[j] as Line;
    const t = placed.text.slice(l.start, l.end);
    if (isSectionHeading(t) && !CRITERIA_HEADING.test(t)) {
      to = l.start;
      break;
    }
  }
  return { from, to };
}

/** Task list items ("- [ ] ...") of a text, the criteria of an issue that has no criteria section. */
export function taskItems(placed: PlacedText): Criterion[] {
  const out: Criterion[] = [];
  for (const line of linesOf(placed.text)) {
    const raw = placed.text.slice(line.start, line.end);
    const m = /^[ \t]*[-*+][ \t]+\[[ xX]\][ \t]+/.exec(raw);
    if (m) out.push(...criteriaInText(placed, line.start + m[0].length, line.end));
  }
  return out;
}
