// Reads a plain story list (one story per line, as backlogs are exported) into the story model with exact spans.
import type { Backlog, Span, Story, TextPart } from "../model";
import { tagWords } from "../nlp/tagger";
import type { StoryReuse } from "./story-reuse";
import { foldForMatching, parseStorySentence } from "./story-sentence";
import { lineBreakOf } from "./text-lines";

/** One physical line: its content span (line break excluded). */
interface Line {
  readonly start: number;
  readonly end: number;
}

/** What a line of a plain list is, decided line by line with a look at the line before. */
export type PlainLineKind = "blank" | "comment" | "story" | "continuation" | "heading";

/** Splits text into lines on "\r\n", "\n" and a lone "\r" (as LSP does); a leading BOM is not content. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length || lines.length === 0) lines.push({ start, end: text.length });
  return lines;
}

/** A leading list bullet or number ("- ", "* ", "• ", "12. ", "3) "), which an export may put before each story. */
const BULLET = /^(?:[-*+\u2022]\s+|\d{1,4}[.)]\s+)/;
/** A leading story id ("CHK-12: ", "[US-3] ", "PROJ-7 - ", "ABC-1\t"), kept as the story's id. */
const LEADING_ID = /^\[?([A-Za-z][A-Za-z0-9_]*-\d+[A-Za-z]?)\]?(?:[ \t]*[:|\u2013\u2014-][ \t]*|[ \t]+)(?=\S)/;
/** "As a", "As an", "As the" or a bare "As" followed by a word: how every story of the corpus begins. */
const ROLE_START = /^as\s+\S/;
/** "I want", "we need", "I can" ... at the start of a line: a story that left out its role. */
const MEANS_START = /^(?:i|we)(?:\s+\w+)?\s+(?:want|need|would\s+like|wish|can|am\s+able|must|should)\b|^i'd\s+like\b/;
/** "I want", "I'd like" inside a line, before any benefit ("so that I can ..." is a benefit, not a means). */
const MEANS_INSIDE =
  /^(?:(?!\bso\b|\bin\s+order\b).)*?\b(?:i|we)(?:\s+\w+)?\s+(?:want|need|would\s+like)\b|^(?:(?!\bso\b).)*?\bi'd\s+like\b/;
/** Words that name a section of a backlog rather than a story. */
const SECTION_WORD = /^(?:epic|theme|feature|features|section|module|area|release|sprint|milestone|initiative)\b/;

/**
 * Whether a text (folded by `foldForMatching`, without bullet and id) opens a story: it starts with a role
 * or with the template's means, or has "I want" before any benefit.
 */
export function opensStory(folded: string): boolean {
  const t = folded.trimStart();
  return ROLE_START.test(t) || MEANS_START.test(t) || MEANS_INSIDE.test(t);
}

/** The forms of "be", which the tagger counts as auxiliaries: a heading may have one ("What is new"). */
const COPULAS: ReadonlySet<string> = new Set(["be", "is", "am", "are", "was", "were", "been", "being"]);

/**
 * Whether a line that is not a story reads as a heading: it ends with a colon, names a section, is in
 * capitals, or has no verb that could make it a requirement ("Auditing & Reporting."). A line with a verb
 * ("Users can export reports") is an attempt at a story and is checked as one.
 */
function readsAsHeading(content: string): boolean {
  const trimmed = content.trim();
  if (/:$/.test(trimmed) || SECTION_WORD.test(trimmed.toLowerCase())) return true;
  if (/^[^a-z]*[A-Z][^a-z]*$/.test(trimmed) && trimmed.length > 2) return true;
  const words = trimmed.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length > 8) return false;
  // Gerunds and participles name activities in headings ("Reporting", "Data Handling"); only a finite or
  // base-form verb, a modal ("Users can ...") or a passive ("Invoices are sent") makes the line a requirement.
  const tokens = tagWords(trimmed).filter((t) => t.tag !== "PUNCT");
  return !tokens.some(
    (t, i) =>
      t.tag === "VERB:base" ||
      t.tag === "VERB:pres" ||
      t.tag === "VERB:past" ||
      (t.tag === "AUX" && !COPULAS.has(t.lower)) ||
      (t.tag === "VERB:part" && COPULAS.has(tokens[i - 1]?.lower ?? "")),
  );
}

/** Replaces line breaks inside a span's text with spaces of the same length, so offsets hold on one line. */
const onOneLine = (text: string): string => text.replace(/[\r\n]/g, " ");

/** One story being gathered: its first line and any continuation lines. */
interface Pending {
  readonly start: number;
  end: number;
  readonly contentStart: number;
  readonly id?: TextPart;
}

/**
 * Classifies each line of a plain list. A line continues the story above it when it directly follows it
 * (no blank line) and either starts in lower case or the story above has no closing punctuation yet.
 */
export function classifyPlainLines(text: string): { line: Line; kind: PlainLineKind }[] {
  const out: { line: Line; kind: PlainLineKind }[] = [];
  let previous: { kind: PlainLineKind; text: string } | undefined;
  for (const line of splitLines(text)) {
    const raw = text.slice(line.start, line.end);
    const trimmed = raw.trim();
    let kind: PlainLineKind;
    if (trimmed === "") kind = "blank";
    else if (trimmed.startsWith("#")) kind = "comment";
    else {
      const content = stripLead(raw).rest;
      const folded = foldForMatching(content);
      const afterStory = previous !== undefined && (previous.kind === "story" || previous.kind === "continuation");
      if (opensStory(folded)) kind = "story";
      else if (afterStory && (/^[\p{Ll}(]/u.test(trimmed) || !/[.!?:;)"'\u201d]$/.test(previous?.text.trim() ?? "")))
        kind = readsAsHeading(content) && !/^[\p{Ll}]/u.test(trimmed) ? "heading" : "continuation";
      else kind = readsAsHeading(content) ? "heading" : "story";
    }
    out.push({ line, kind });
    previous = { kind, text: raw };
  }
  return out;
}

/** Splits a bullet and a leading id off a line; `rest` starts where the story sentence starts. */
function stripLead(raw: string): { rest: string; restAt: number; id?: { text: string; at: number } } {
  let at = raw.length - raw.trimStart().length;
  const bullet = BULLET.exec(raw.slice(at));
  if (bullet) at += bullet[0].length;
  const id = LEADING_ID.exec(raw.slice(at));
  if (id?.[1] && opensStory(foldForMatching(raw.slice(at + id[0].length)))) {
    const idAt = at + raw.slice(at).indexOf(id[1]);
    return { rest: raw.slice(at + id[0].length), restAt: at + id[0].length, id: { text: id[1], at: idAt } };
  }
  return { rest: raw.slice(at), restAt: at };
}

function toStory(text: string, pending: Pending, index: number, eol: string, reuse: StoryReuse | undefined): Story {
  const read = (): Story => readStory(text, pending, index, eol);
  // A story's chunk is its span: the bullet, the id and the sentence, continuation lines included.
  return reuse ? reuse.storyAt(text, pending.start, pending.end, index, read) : read();
}

function readStory(text: string, pending: Pending, index: number, eol: string): Story {
  const span: Span = { start: pending.start, end: pending.end };
  const sentenceText = onOneLine(text.slice(pending.contentStart, pending.end));
  return {
    index,
    span,
    ...(pending.id && { id: pending.id }),
    sentence: parseStorySentence(sentenceText, pending.contentStart),
    layout: { keyIndent: "", endOfEntry: pending.end, eol },
  };
}

/**
 * Parses a plain story list. Blank lines, '#' comments and headings are not stories; a line that continues
 * the story above is joined to it (the story's span covers both lines). With `reuse`, a story whose text is
 * unchanged since the last reading is handed back moved, not read again. Never throws.
 */
export function parsePlainStories(text: string, reuse?: StoryReuse): Backlog {
  const eol = lineBreakOf(text);
  const stories: Story[] = [];
  let pending: Pending | undefined;
  const flush = (): void => {
    if (pending) stories.push(toStory(text, pending, stories.length, eol, reuse));
    pending = undefined;
  };
  for (const { line, kind } of classifyPlainLines(text)) {
    if (kind === "continuation" && pending) {
      pending.end = line.start + text.slice(line.start, line.end).trimEnd().length;
      continue;
    }
    flush();
    if (kind !== "story" && kind !== "continuation") continue;
    const raw = text.slice(line.start, line.end);
    const lead = stripLead(raw);
    const contentEnd = line.start + raw.trimEnd().length;
    pending = {
      start: line.start + (raw.length - raw.trimStart().length),
      end: contentEnd,
      contentStart: line.start + lead.restAt,
      ...(lead.id && {
        id: { text: lead.id.text, span: { start: line.start + lead.id.at, end: line.start + lead.id.at + lead.id.text.length } },
      }),
    };
  }
  flush();
  return { format: "plain", text, personas: [], stories, parseFindings: [] };
}
