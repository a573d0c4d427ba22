// Reads a plain story list (one story per line, as backlogs are exported) into the story model with exact spans.
import type { Backlog, Span, Story, TextPart } from "../model";
import { tagWords } from "../nlp/tagger";
import type { Change, StoryReuse } from "./story-reuse";
import { foldForMatching, parseStorySentence } from "./story-sentence";
import { ownText } from "./text-common";
import { lineBreakOf } from "./text-lines";

/** One physical line: its content span (line break excluded). */
interface Line {
  readonly start: number;
  readonly end: number;
}

/** What a line of a plain list is, decided line by line with a look at the line before. */
export type PlainLineKind = "blank" | "comment" | "story" | "continuation" | "heading";

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

/** What the classification of a line looks at in the line before it: whether it was part of a story, and its text. */
interface LineBefore {
  readonly inStory: boolean;
  readonly text: string;
}

/** What a line of a plain list is whatever the line before it: blank, a comment, or the start of a story. */
function ownKind(raw: string): PlainLineKind | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return "blank";
  if (trimmed.startsWith("#")) return "comment";
  return opensStory(foldForMatching(stripLead(raw).rest)) ? "story" : undefined;
}

/** What one line of a plain list is, given the line before it (undefined for the first line). */
function classifyLine(raw: string, previous: LineBefore | undefined): PlainLineKind {
  const own = ownKind(raw);
  if (own) return own;
  const trimmed = raw.trim();
  const content = stripLead(raw).rest;
  if (previous?.inStory && (/^[\p{Ll}(]/u.test(trimmed) || !/[.!?:;)"'\u201d]$/.test(previous.text.trim())))
    return readsAsHeading(content) && !/^[\p{Ll}]/u.test(trimmed) ? "heading" : "continuation";
  return readsAsHeading(content) ? "heading" : "story";
}

const inStory = (kind: PlainLineKind): boolean => kind === "story" || kind === "continuation";

/**
 * Each line of a plain list with its kind, from the start as far as the caller reads: lines end at "\r\n", "\n"
 * and a lone "\r" (as LSP counts them), a leading BOM is not content. A line continues the story above it when it
 * directly follows it (no blank line) and either starts in lower case or the story above has no closing
 * punctuation yet.
 */
function* plainLines(text: string): Generator<{ readonly line: Line; readonly kind: PlainLineKind }> {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // A text of no line (empty, or only a BOM) is one blank line.
  if (start >= text.length) yield { line: { start, end: text.length }, kind: "blank" };
  let previous: LineBefore | undefined;
  for (let at = start; at < text.length;) {
    const { line, next } = lineAt(text, at);
    const raw = text.slice(line.start, line.end);
    const kind = classifyLine(raw, previous);
    yield { line, kind };
    previous = { inStory: inStory(kind), text: raw };
    at = next < 0 ? text.length : next;
  }
}

/** The kind of each line of a plain list (see `plainLines`). */
export function classifyPlainLines(text: string): { line: Line; kind: PlainLineKind }[] {
  return [...plainLines(text)];
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

function readStory(text: string, pending: Pending, index: number, eol: string): Story {
  const span: Span = { start: pending.start, end: pending.end };
  // A string of its own (see ownText): the story may be kept across readings while the file changes around it.
  const sentenceText = onOneLine(ownText(text.slice(pending.contentStart, pending.end)));
  return {
    index,
    span,
    ...(pending.id && { id: pending.id }),
    sentence: parseStorySentence(sentenceText, pending.contentStart),
    layout: { keyIndent: "", endOfEntry: pending.end, eol },
  };
}

/**
 * Gathers stories from classified lines: a story line opens one, continuation lines extend it, anything else
 * ends it. `flush` hands each finished story (its first line, any continuation lines) to `done`.
 */
class StoryLines {
  private pending: Pending | undefined;

  constructor(
    private readonly text: string,
    private readonly done: (pending: Pending) => void,
  ) {}

  /** Whether a story is open (the next line may continue it). */
  get open(): boolean {
    return this.pending !== undefined;
  }

  add(line: Line, kind: PlainLineKind): void {
    const { text } = this;
    if (kind === "continuation" && this.pending) {
      this.pending.end = line.start + text.slice(line.start, line.end).trimEnd().length;
      return;
    }
    this.flush();
    if (kind !== "story" && kind !== "continuation") return;
    const raw = text.slice(line.start, line.end);
    const lead = stripLead(raw);
    this.pending = {
      start: line.start + (raw.length - raw.trimStart().length),
      end: line.start + raw.trimEnd().length,
      contentStart: line.start + lead.restAt,
      ...(lead.id && {
        id: { text: lead.id.text, span: { start: line.start + lead.id.at, end: line.start + lead.id.at + lead.id.text.length } },
      }),
    };
  }

  flush(): void {
    if (this.pending) this.done(this.pending);
    this.pending = undefined;
  }
}

/**
 * Parses a plain story list. Blank lines, '#' comments and headings are not stories; a line that continues
 * the story above is joined to it (the story's span covers both lines). With `reuse`, a story whose text is
 * unchanged since the last reading is handed back moved, not read again, and an edit is read by re-reading the
 * lines around it only (`readEdited`). Never throws.
 */
export function parsePlainStories(text: string, reuse?: StoryReuse): Backlog {
  const eol = lineBreakOf(text);
  const kept = reuse?.fileNote;
  const change = reuse?.edit;
  if (reuse && kept instanceof PlainReading && change) {
    const stories = kept.eol === eol ? readEdited(text, kept, change, reuse) : undefined;
    reuse.fileNote = stories && new PlainReading(eol, stories);
    if (stories) return { format: "plain", text, personas: [], stories, parseFindings: [] };
  }
  const stories: Story[] = [];
  const lines = new StoryLines(text, (pending) => {
    const index = stories.length;
    const read = (): Story => readStory(text, pending, index, eol);
    // A story's chunk is its span: the bullet, the id and the sentence, continuation lines included.
    stories.push(reuse ? reuse.storyAt(text, pending.start, pending.end, index, read) : read());
  });
  for (const { line, kind } of plainLines(text)) lines.add(line, kind);
  lines.flush();
  if (reuse) reuse.fileNote = new PlainReading(eol, stories);
  return { format: "plain", text, personas: [], stories, parseFindings: [] };
}

/**
 * The first `count` stories of a plain list, read from its start only: a line's kind depends on the lines before
 * it, never on those after, so these are the whole reading's first stories (the preview of a large list). Undefined
 * when the text ends before a line after them closes the last one: then the whole file is read anyway.
 */
export function firstPlainStories(text: string, count: number): Backlog | undefined {
  const eol = lineBreakOf(text);
  const stories: Story[] = [];
  const lines = new StoryLines(text, (pending) => stories.push(readStory(text, pending, stories.length, eol)));
  for (const { line, kind } of plainLines(text)) {
    // A line that does not continue the last story closes it.
    lines.add(line, kind);
    if (stories.length >= count) return { format: "plain", text, personas: [], stories: stories.slice(0, count), parseFindings: [] };
  }
  return undefined;
}

/** What a reading of a plain list keeps for reading the next text by its difference: its stories and line break. */
class PlainReading {
  constructor(
    readonly eol: string,
    readonly stories: readonly Story[],
  ) {}
}

/** The line that starts at `start` (its content, without the line break) and where the next one starts. */
function lineAt(text: string, start: number): { line: Line; next: number } {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10) return { line: { start, end: i }, next: i + 1 };
    if (c === 13) return { line: { start, end: i }, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    i++;
  }
  return { line: { start, end: i }, next: -1 };
}

/** The line before the one that starts at `at` (its content, without the line break). */
function lineBefore(text: string, at: number): Line {
  let end = at - 1;
  if (text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) end--;
  return { start: lineStartOf(text, end), end };
}

/** Where the line holding `at` starts (after "\n", "\r\n" or a lone "\r"). */
function lineStartOf(text: string, at: number): number {
  let i = at;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) return i;
    i--;
  }
  return 0;
}

/** The last story whose span starts before `at` (stories in file order), or -1. */
function lastStoryBefore(stories: readonly Story[], at: number): number {
  let lo = 0;
  let hi = stories.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((stories[mid] as Story).span.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Reads a text that differs from the last one read (`kept`, its stories) inside `change`, by classifying again
 * only the lines from the story before the change to the first line after it that the old reading classified
 * the same way: a line's kind depends on its own text and on the line before it (part of a story or not, and
 * its text), and the story spans say which lines were part of a story. The stories before and after are the
 * last reading's, moved. Undefined when the change is in the first line (a byte-order mark may have changed).
 */
function readEdited(text: string, kept: PlainReading, change: Change, reuse: StoryReuse): Story[] | undefined {
  const old = kept.stories;
  const delta = change.newLength - change.oldLength;
  const editEnd = change.newLength - change.suffix;
  // A change that starts between a "\r" and its "\n" moves a line break: read whole.
  if (text.charCodeAt(change.prefix - 1) === 13) return undefined;
  let from = lineStartOf(text, change.prefix);
  if (from === 0) return undefined;
  // The story that the line before may belong to (and the edit may continue): read from its first line.
  let first = lastStoryBefore(old, from);
  const before = old[first];
  if (before && before.span.end >= lineBefore(text, from).start) from = lineStartOf(text, before.span.start);
  else first++;
  if (from === 0) return undefined;
  // The line before `from` is unchanged, and part of a story when the story before it ends on it.
  const above = lineBefore(text, from);
  const storyAbove = old[first - 1];
  let previous: LineBefore = {
    inStory: storyAbove !== undefined && storyAbove.span.end >= above.start,
    text: text.slice(above.start, above.end),
  };
  const read: { chunk: string; start: number; story: Story }[] = [];
  const lines = new StoryLines(text, (pending) => {
    const index = first + read.length;
    read.push({ chunk: text.slice(pending.start, pending.end), start: pending.start, story: readStory(text, pending, index, kept.eol) });
  });
  let resume = -1;
  for (let at = from; at >= 0;) {
    const { line, next } = lineAt(text, at);
    const raw = text.slice(line.start, line.end);
    // Past the change and its line break (so that the old text had a line here too), a line that is what it is
    // whatever comes before it (blank, a comment, a story's start) reads as it did, and so does the rest.
    if (line.start > editEnd && ownKind(raw)) {
      resume = line.start;
      break;
    }
    const kind = classifyLine(raw, previous);
    // Past the change, with the whole line before it unchanged: where the old reading entered this line in the
    // same state (the line before part of a story or not) and the line does not continue a story, the rest of
    // the file reads as it did.
    if (line.start >= editEnd && kind !== "continuation") {
      const lineAbove = lineBefore(text, line.start);
      if (lineAbove.start >= editEnd) {
        const oldAbove = old[lastStoryBefore(old, line.start - delta)];
        const wasInStory = oldAbove !== undefined && oldAbove.span.end >= lineAbove.start - delta;
        if (wasInStory === previous.inStory) {
          resume = line.start;
          break;
        }
      }
    }
    lines.add(line, kind);
    previous = { inStory: inStory(kind), text: raw };
    at = next;
  }
  lines.flush();
  // The old stories from the first that starts where reading stopped, moved.
  const rest = resume < 0 ? old.length : lastStoryBefore(old, resume - delta) + 1;
  return reuse.replaceRange(old.length, first, rest, read);
}
