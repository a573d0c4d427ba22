// Reads Markdown stories (a heading per story, the sentence as a paragraph, criteria under a heading) with exact spans.
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Heading, Nodes, PhrasingContent, Root, RootContent } from "mdast";
import { isMap } from "yaml";
import { parseYaml } from "./yaml/guard";
import type { Backlog, Criterion, Finding, Span, Story, TextPart } from "../model";
import { foldForMatching, parseStorySentence } from "./story-sentence";
import { opensStory } from "./plain-stories";
import type { Change, StoryReuse } from "./story-reuse";
import { holdsShapeHeading, readMarkdownShape, type MarkdownTools } from "./markdown-shapes";
import { lineBreakOf } from "./text-lines";
import { ownText } from "./text-common";
import { readBacklogHeader } from "./yaml/backlog";

/** Headings (or lone bold lines) that introduce a story's acceptance criteria. */
const CRITERIA_TITLE =
  /^(?:acceptance\s+criteria|acceptance\s+tests?|criteria|ac|scenarios?|conditions\s+of\s+satisfaction|definition\s+of\s+done\s+for\s+this\s+story)\s*:?$/i;
/** A story id leading a heading: "CHK-12 Save a card", "CHK-12: Save", "[US-3] Save", or the id alone. */
const LEADING_ID = /^\[?([A-Za-z][A-Za-z0-9_]*-\d+[A-Za-z]?)\]?(?:[ \t]*[:|\u2013\u2014-][ \t]*|[ \t]+|$)/;
/** A Gherkin scenario header line, which starts a new criterion inside a block of step lines. */
const SCENARIO_LINE = /^[ \t]*(?:scenario(?:\s+outline|\s+template)?|example)[ \t]*:/i;

const startOf = (node: { position?: { start: { offset?: number } } }): number => node.position?.start.offset ?? 0;
const endOf = (node: { position?: { end: { offset?: number } } }): number => node.position?.end.offset ?? 0;

/** Whether a text reads as a story sentence: it starts with a role or has the template's means. */
const readsAsStory = (text: string): boolean => opensStory(foldForMatching(text));

/** The front matter block: where its YAML content lies, and where the whole block (fences included) ends. */
interface FrontMatter {
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly blockEnd: number;
}

/** Finds a leading "---" ... "---" (or "...") block; the opening fence must be the file's first line. */
function findFrontMatter(text: string, bodyStart: number): FrontMatter | undefined {
  const open = /^---[ \t]*(\r\n|\r|\n)/.exec(text.slice(bodyStart));
  if (!open) return undefined;
  const contentStart = bodyStart + open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(contentStart);
  // An empty block closes on the very next line.
  const m = close.exec(rest);
  if (!m) return undefined;
  return { contentStart, contentEnd: contentStart + m.index, blockEnd: contentStart + m.index + m[0].length };
}

/** Blanks a range of a character array, keeping line breaks so that lines and offsets hold. */
function blank(chars: string[], start: number, end: number): void {
  for (let i = Math.max(0, start); i < end && i < chars.length; i++) if (chars[i] !== "\n" && chars[i] !== "\r") chars[i] = " ";
}

/**
 * The text of a run of inline content with its markup blanked: "**shopper**" reads as "  shopper  ", so the
 * sentence parser sees words at their own offsets and role, means and ends spans land on the words.
 */
function maskedInline(text: string, nodes: readonly PhrasingContent[], start: number, end: number): string {
  // Code units, not code points: offsets are UTF-16.
  const chars = text.slice(start, end).split("");
  const walk = (list: readonly Nodes[]): void => {
    for (const node of list) {
      const s = startOf(node) - start;
      const e = endOf(node) - start;
      if (node.type === "text") continue;
      if ("children" in node && node.children.length > 0) {
        const first = node.children[0];
        const last = node.children[node.children.length - 1];
        if (first && last) {
          blank(chars, s, startOf(first) - start);
          blank(chars, endOf(last) - start, e);
          walk(node.children as Nodes[]);
          continue;
        }
      }
      if (node.type === "inlineCode") {
        const ticks = /^`+/.exec(text.slice(start + s, start + e))?.[0].length ?? 0;
        blank(chars, s, s + ticks);
        blank(chars, e - ticks, e);
        continue;
      }
      blank(chars, s, e);
    }
  };
  walk(nodes);
  return chars.join("").replace(/[\r\n]/g, " ");
}

/** The text of a span as a string of its own (see ownText): for what a story, kept across readings, holds. */
const partOf = (text: string, span: Span): TextPart => ({ text: ownText(text.slice(span.start, span.end)), span });

/** The text span of a heading's content: after the "## " and before closing hashes and trailing spaces. */
function headingContent(text: string, heading: Heading): Span | undefined {
  const first = heading.children[0];
  const last = heading.children[heading.children.length - 1];
  if (!first || !last) return undefined;
  return { start: startOf(first), end: endOf(last) };
}

/** Criteria from one block under an "Acceptance criteria" heading: list items, or Gherkin step lines. */
function criteriaOf(text: string, node: RootContent): Criterion[] {
  const part = (start: number, end: number): Criterion[] => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] ?? "")) s++;
    while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
    return e > s ? [partOf(text, { start: s, end: e })] : [];
  };
  if (node.type === "list") {
    return node.children.flatMap((item) => {
      const first = item.children[0];
      const last = item.children[item.children.length - 1];
      if (!first || !last) return [];
      let s = startOf(first);
      // A task-list box ("[ ] ", "[x] ") is not part of the criterion.
      const box = /^\[[ xX]\][ \t]+/.exec(text.slice(s, endOf(last)));
      if (box) s += box[0].length;
      return part(s, endOf(last));
    });
  }
  let start = startOf(node);
  let end = endOf(node);
  if (node.type === "code") {
    // Inside the fences only: the first line is the opening fence, the last may be the closing one.
    const firstBreak = text.slice(start, end).search(/\r?\n|\r/);
    if (firstBreak < 0 || !/^\s*(?:`{3,}|~{3,})/.test(text.slice(start, end))) return part(start, end);
    start += firstBreak + 1;
    if (text[start - 1] === "\r" && text[start] === "\n") start++;
    const lastLineStart = Math.max(text.lastIndexOf("\n", end - 1), text.lastIndexOf("\r", end - 1)) + 1;
    if (lastLineStart > start && /^\s*(?:`{3,}|~{3,})\s*$/.test(text.slice(lastLineStart, end))) end = lastLineStart;
  } else if (node.type !== "paragraph") {
    return [];
  }
  // A block of step lines is one criterion; "Scenario:" lines split it into one criterion per scenario.
  const criteria: Criterion[] = [];
  // A "Scenario:" header names the scenario; the criterion is its steps, which is what the step checks read.
  const block = (from: number, to: number): Criterion[] => {
    const header = /^[^\r\n]*(?:\r\n|\r|\n)?/.exec(text.slice(from, to))?.[0] ?? "";
    return SCENARIO_LINE.test(header) && text.slice(from + header.length, to).trim() !== ""
      ? part(from + header.length, to)
      : part(from, to);
  };
  let blockStart = start;
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  lineRe.lastIndex = start;
  for (let m = lineRe.exec(text); m && m.index < end; m = lineRe.exec(text)) {
    if (m.index > blockStart && SCENARIO_LINE.test(m[0])) {
      criteria.push(...block(blockStart, m.index));
      blockStart = m.index;
    }
    if (m[0] === "") break;
  }
  criteria.push(...block(blockStart, end));
  return criteria;
}

/** Whether a root node is a heading (or a paragraph that is only a bold "Acceptance criteria") for criteria. */
function isCriteriaTitle(text: string, node: RootContent): boolean {
  if (node.type === "heading") {
    const span = headingContent(text, node);
    return span !== undefined && CRITERIA_TITLE.test(text.slice(span.start, span.end).replace(/[*_`]/g, "").trim());
  }
  if (node.type === "paragraph" && node.children.length === 1) {
    const only = node.children[0];
    if (only && (only.type === "strong" || only.type === "emphasis")) {
      return CRITERIA_TITLE.test(text.slice(startOf(only), endOf(only)).replace(/[*_]/g, "").trim());
    }
  }
  return false;
}

/**
 * Whether the heading at `i` votes for its depth as the story depth: its own text, or a paragraph or a criteria
 * title before the next heading, reads as a story.
 */
function votesForDepth(text: string, nodes: readonly RootContent[], i: number): boolean {
  const node = nodes[i];
  if (node?.type !== "heading" || isCriteriaTitle(text, node)) return false;
  const span = headingContent(text, node);
  if (span !== undefined && readsAsStory(text.slice(span.start, span.end).replace(LEADING_ID, ""))) return true;
  for (let j = i + 1; j < nodes.length; j++) {
    const next = nodes[j] as RootContent;
    if (isCriteriaTitle(text, next)) return true;
    if (next.type === "heading") return false;
    if (next.type === "paragraph" && readsAsStory(maskedInline(text, next.children, startOf(next), endOf(next)))) return true;
  }
  return false;
}

/**
 * The votes for the story depth of the headings in `nodes[from, to)`, as a key (the depths, in order). A
 * heading's vote looks no further than the next heading, so a story's section votes the same wherever it stands.
 */
function votesIn(nodes: readonly RootContent[], from: number, to: number, votes: (i: number) => boolean): string {
  let key = "";
  for (let i = from; i < to; i++) if (votes(i)) key += String((nodes[i] as Heading).depth);
  return key;
}

/**
 * Story heading depth: the depth most headings with a story sentence (or criteria) below them have. `voted` says
 * whether any heading had one (else the depth is a guess from the headings alone); `votedAt`, the nodes that did.
 */
function storyDepthOf(
  text: string,
  nodes: readonly RootContent[],
): { depth: number | undefined; voted: boolean; votedAt: ReadonlySet<number> } {
  const votes = new Map<number, number>();
  const votedAt = new Set<number>();
  const depths: number[] = [];
  nodes.forEach((node, i) => {
    if (node.type !== "heading" || isCriteriaTitle(text, node)) return;
    depths.push(node.depth);
    if (!votesForDepth(text, nodes, i)) return;
    votes.set(node.depth, (votes.get(node.depth) ?? 0) + 1);
    votedAt.add(i);
  });
  if (votes.size > 0) {
    return { depth: [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0], voted: true, votedAt };
  }
  if (depths.length === 0) return { depth: undefined, voted: false, votedAt };
  // No story sentence anywhere: one top heading over deeper ones is the document's title, not a story.
  const min = Math.min(...depths);
  const deeper = depths.filter((d) => d > min);
  return {
    depth: depths.filter((d) => d === min).length === 1 && deeper.length > 0 ? Math.min(...deeper) : min,
    voted: false,
    votedAt,
  };
}

/** Reads front matter (personas, sprint, product) with `yaml`, at file offsets; its syntax errors become findings. */
function readFrontMatter(text: string, fm: FrontMatter): { header: ReturnType<typeof readBacklogHeader>; findings: Finding[] } {
  // Everything before the YAML content becomes spaces on the same lines, so node ranges are file offsets.
  const padded = text.slice(0, fm.contentStart).replace(/[^\r\n]/g, " ") + text.slice(fm.contentStart, fm.contentEnd);
  const doc = parseYaml(padded, { prettyErrors: false, uniqueKeys: true, logLevel: "error" });
  // An error at the end of the block (an unclosed bracket) is shown on its last line with content, not on the fence.
  const contentEnd = fm.contentStart + text.slice(fm.contentStart, fm.contentEnd).trimEnd().length;
  const lastLineStart = Math.max(fm.contentStart, text.lastIndexOf("\n", contentEnd - 1) + 1);
  const findings: Finding[] = doc.errors.map((e) => {
    const atEnd = e.pos[0] >= contentEnd;
    const start = atEnd ? lastLineStart : e.pos[0];
    return {
      ruleId: "yaml-syntax",
      messageId: "syntax",
      message: `Front matter: ${e.message.split("\n")[0] ?? e.message}`,
      severity: "error",
      span: { start, end: atEnd ? contentEnd : Math.min(Math.max(e.pos[1], start + 1), contentEnd) },
    };
  });
  const root = doc.contents;
  return { header: isMap(root) ? readBacklogHeader(padded, root) : { personas: [] }, findings };
}

/**
 * Containers (block quotes and list items) deeper than this on one line, or lines indented past
 * `MAX_MARKDOWN_INDENT` columns, are read as blank: micromark's cost grows with the square of the nesting (20 KB of
 * "- - - ..." took 23 s), and no story file nests like that.
 */
const MAX_MARKDOWN_NESTING = 32;
const MAX_MARKDOWN_INDENT = 100;

/** The text with over-deep container markers and over-indented lines blanked (same offsets), and where. */
function defuseMarkdownNesting(text: string): { text: string; at: number } | undefined {
  let chars: string[] | undefined;
  let at = -1;
  const blank = (from: number, to: number): void => {
    chars ??= text.split("");
    if (at < 0) at = from;
    for (let k = from; k < to; k++) chars[k] = " ";
  };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const lineEnd = text[end - 1] === "\r" ? end - 1 : end;
    let i = start;
    let level = 0;
    for (;;) {
      while (i < lineEnd && (text[i] === " " || text[i] === "\t")) i++;
      if (i - start > MAX_MARKDOWN_INDENT) {
        blank(start, lineEnd);
        break;
      }
      const marker = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/.exec(text.slice(i, Math.min(lineEnd, i + 11)));
      if (!marker) break;
      level++;
      if (level > MAX_MARKDOWN_NESTING) {
        // The rest of the line is kept as text inside the deepest container read.
        blank(i, i + marker[0].length);
      }
      i += marker[0].length;
    }
    start = end + 1;
  }
  return at >= 0 && chars ? { text: chars.join(""), at } : undefined;
}

/** An ATX heading's opening hashes, at the start of its line. */
const ATX_HEADING = /^ {0,3}#{1,6}(?=[ \t\r\n]|$)/;

/** A line that may be a link reference definition ("[g]: https://..."), which serves the whole document. */
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

/** The usual size of a chunk, in characters (tests vary it). */
const CHUNK_CHARS = 8_192;

/**
 * Whether a chunk of `length` characters ends at this heading line. The heading's own text decides (one heading
 * in eight, by a hash), once the chunk has a quarter of the usual size, so that an edit inside one chunk leaves
 * the later cuts where they were and their chunks' text the same (cutting by length alone moved every later cut
 * when a keystroke crossed the length: all the later chunks were parsed again). A chunk of four times the usual
 * size ends at the next heading whatever it says.
 */
function cutsHere(heading: string, length: number, chunkChars: number): boolean {
  if (length < chunkChars / 4) return false;
  if (length >= chunkChars * 4) return true;
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < heading.length; i++) hash = Math.imul(hash ^ heading.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 8 === 0;
}

/**
 * The offsets where the text may be cut into pieces that parse as they do in the whole: the starts of ATX heading
 * lines (`#` in the first column), which end any paragraph, list or block quote before them, outside fenced code
 * and HTML blocks (tracked conservatively: a line that opens either stops cutting until it is closed).
 */
function chunkStarts(text: string, chunkChars: number): number[] {
  const starts = [0];
  // A link reference definition serves the whole document ("[the guide][g]" above "[g]: https://..."): such a
  // file (rare in a backlog) is read whole.
  if (LINK_DEFINITION.test(text)) return starts;
  let fence: string | undefined;
  let html: RegExp | undefined;
  let chunkStart = 0;
  for (let at = 0; at < text.length;) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    const line = text.slice(at, Math.min(end, at + 200));
    if (fence !== undefined) {
      if (line.trimStart().startsWith(fence) && /^ {0,3}[`~]+[ \t]*\r?$/.test(line)) fence = undefined;
    } else if (html) {
      if (html.test(line)) html = undefined;
    } else {
      const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (opening) fence = opening[1];
      else if (/^ {0,3}</.test(line)) {
        // HTML blocks 1-5 end at their closing marker, the others at a blank line.
        const marker = /^ {0,3}<(!--|\?|!\[CDATA\[|!|script|pre|style|textarea)/i.exec(line)?.[1]?.toLowerCase();
        const close =
          marker === "!--"
            ? /-->/
            : marker === "?"
              ? /\?>/
              : marker === "![cdata["
                ? /\]\]>/
                : marker === "!"
                  ? />/
                  : marker
                    ? new RegExp(`</${marker}>`, "i")
                    : /^\s*$/;
        if (!(marker && close.test(line.slice(line.indexOf("<") + 1 + marker.length)))) html = close;
      } else if (/^#{1,6}(?:[ \t]|\r?$)/.test(line) && cutsHere(line, at - chunkStart, chunkChars)) {
        starts.push(at);
        chunkStart = at;
      }
    }
    at = end + 1;
  }
  return starts;
}

/**
 * The Markdown tree of the text, parsed a chunk at a time (see chunkStarts) and joined with file offsets:
 * micromark's cost grows faster than the document (its event splicing over the whole text: 1,000 stories 1 s,
 * 4,000 stories 5.6 s), a chunk's does not.
 */
/** A chunk's nodes as last placed: at `from`, its first line `line`. */
interface ParsedChunk {
  /** The chunk's text, as a string of its own (the key it is kept by). */
  readonly key: string;
  readonly children: RootContent[];
  from: number;
  line: number;
}

/**
 * The chunks of the last text read, by their text: a keystroke changes one chunk, and the others' nodes are moved
 * to their new place instead of being parsed again (a 2,000-story file: 250 ms a keystroke to about 20).
 */
let lastChunks = new Map<string, ParsedChunk>();

function parseInChunks(text: string, chunkChars: number): Root {
  const starts = chunkStarts(text, chunkChars);
  if (starts.length === 1) return fromMarkdown(text);
  const children: RootContent[] = [];
  const chunks = new Map<string, ParsedChunk>();
  let line = 0;
  for (let k = 0; k < starts.length;) {
    const from = starts[k] as number;
    let next = k + 1;
    let chunk = text.slice(from, starts[next] ?? text.length);
    const known = chunks.has(chunk) ? undefined : lastChunks.get(chunk);
    let parsed: ParsedChunk;
    if (known) {
      for (const node of known.children) shiftPositions(node, from - known.from, line - known.line);
      known.from = from;
      known.line = line;
      parsed = known;
    } else {
      // Parsed from a copy of its text, which it is kept by: a slice, and its nodes' values (slices of what they
      // were parsed from), would keep the whole text alive as long as the chunk is kept.
      let key = ownText(chunk);
      let tree = fromMarkdown(key);
      // A cut the scan of chunkStarts got wrong (a fence or HTML block still open, as the parser reads the
      // chunk) is taken back: the chunk runs on to the next cut, and is read again.
      while (next < starts.length && endsOpen(chunk, tree)) {
        next++;
        chunk = text.slice(from, starts[next] ?? text.length);
        key = ownText(chunk);
        tree = fromMarkdown(key);
      }
      for (const node of tree.children) shiftPositions(node, from, line);
      parsed = { key, children: tree.children, from, line };
    }
    // Kept for the next text only when read without a merge.
    if (next === k + 1 && !chunks.has(chunk)) chunks.set(parsed.key, parsed);
    children.push(...parsed.children);
    for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) line++;
    k = next;
  }
  lastChunks = chunks;
  return { type: "root", children };
}

/**
 * Whether a chunk ends inside a block that the next lines would continue: a fenced code block with no closing
 * fence, or an HTML block with no blank line after it (what ends most of them; the others end at a marker).
 */
function endsOpen(chunk: string, tree: Root): boolean {
  const last = tree.children[tree.children.length - 1];
  if (!last) return false;
  if (last.type === "html") return !/\n[ \t]*\r?\n/.test(chunk.slice(endOf(last) - 1));
  // A fence left open in a list item or quote at the chunk's end is read to its end with the line break after it,
  // where the whole text ends it before the heading: the last block at every depth is looked at.
  for (
    let node: Nodes | undefined = last;
    node;
    node = "children" in node ? (node.children[node.children.length - 1] as Nodes | undefined) : undefined
  )
    if (node.type === "code" && openFence(chunk, node)) return true;
  return false;
}

/** Whether a code block is a fenced one without its closing fence. */
function openFence(chunk: string, last: Nodes): boolean {
  const start = startOf(last);
  const end = endOf(last);
  const opening = /^[ \t>*+\d.)-]*?(`{3,}|~{3,})/.exec(chunk.slice(start, start + 200));
  if (!opening) return false;
  const fence = opening[1] as string;
  const lastLine = chunk.slice(chunk.lastIndexOf("\n", end - 1) + 1, end);
  const closing = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}[ \\t]*\\r?$`);
  return !(end > start + fence.length && closing.test(lastLine));
}

/** Moves a chunk's node (and its descendants) to file offsets and lines. */
function shiftPositions(node: Nodes, offset: number, lines: number): void {
  const position = node.position;
  if (position) {
    if (position.start.offset !== undefined) position.start.offset += offset;
    if (position.end.offset !== undefined) position.end.offset += offset;
    position.start.line += lines;
    position.end.line += lines;
  }
  if ("children" in node) for (const child of node.children) shiftPositions(child, offset, lines);
}

/** How a Markdown file is read. */
export interface MarkdownReadOptions {
  /** The size of a chunk (tests vary it). */
  readonly chunkChars?: number;
  readonly reuse?: StoryReuse;
  /**
   * A file opted in by a glob (`markdownFiles`) rather than named as a story file: only what has a story's shape
   * is read (a spec or story workflow's shape, headings with a story sentence or criteria under them, story
   * paragraphs), so that an ordinary document under such a path gets no findings.
   */
  readonly shapesOnly?: boolean;
}

/**
 * Parses a Markdown story file. A file in a spec or story workflow's shape (markdown-shapes.ts) is read in it;
 * otherwise stories are the headings at the story depth (the one whose sections hold story sentences); a leading
 * id in the heading is the story id, the rest its title; the first paragraph is the sentence; lists or Gherkin
 * lines under an "Acceptance criteria" sub-heading are the criteria. Never throws.
 */
export function parseMarkdownStories(text: string, options: MarkdownReadOptions = {}): Backlog {
  const eol = lineBreakOf(text);
  const { reuse: given } = options;
  const kept = given?.fileNote;
  const change = given?.edit;
  if (given && kept instanceof HeadingReading && change) {
    const edited = eol === kept.eol ? readEdited(text, kept, change, given) : undefined;
    if (edited) return edited;
    given.fileNote = undefined;
  }
  const bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fm = findFrontMatter(text, bodyStart);
  // micromark drops a BOM (shifting every offset by one) and would read front matter as Markdown: blank both.
  const masked =
    " ".repeat(bodyStart) +
    (fm ? text.slice(bodyStart, fm.blockEnd).replace(/[^\r\n]/g, " ") : "") +
    text.slice(fm ? fm.blockEnd : bodyStart);
  const defused = defuseMarkdownNesting(masked);
  let tree: Root;
  try {
    tree = parseInChunks(defused?.text ?? masked, options.chunkChars ?? CHUNK_CHARS);
  } catch {
    tree = { type: "root", children: [] };
  }
  const front = fm ? readFrontMatter(text, fm) : undefined;
  const nodes = tree.children;
  // A link reference definition anywhere changes how every section reads its links: then nothing is reused.
  const reuse = nodes.some((n) => n.type === "definition") ? undefined : options.reuse;
  const tools: MarkdownTools = {
    text,
    eol,
    inline: (children, start, end) => maskedInline(text, children, start, end),
    readsAsStory,
    read: (start, end, index, readStory) => {
      // The shape is known only once the file is looked at: the reuse context is set at the first story.
      if (index === 0) reuse?.within(`markdown\u0000shapes`);
      return reusing(text, reuse)(start, end, index, readStory);
    },
  };
  const shaped = readMarkdownShape(nodes, tools);
  const { depth, voted, votedAt } = shaped ? { depth: undefined, voted: true, votedAt: new Set<number>() } : storyDepthOf(text, nodes);
  if (!shaped) reuse?.within(`markdown\u0000${depth ?? 0}`);
  const read = reusing(text, reuse);
  const sections: Sections = { ends: [], votes: [] };
  const stories: Story[] = shaped
    ? shaped.stories
    : options.shapesOnly && !voted
      ? paragraphStories(text, nodes, eol, read)
      : depth === undefined
        ? paragraphStories(text, nodes, eol, read)
        : headingStories(text, nodes, depth, eol, read, sections, votedAt);
  let product: TextPart | undefined = front?.header.product;
  if (!product && depth !== undefined && depth > 1) {
    const titles = nodes.filter((n): n is Heading => n.type === "heading" && n.depth < depth);
    const title = titles.length === 1 && titles[0] ? headingContent(text, titles[0]) : undefined;
    // Kept with the reading of a file of heading stories (HeadingReading) while its sections are edited.
    if (title) product = partOf(text, title);
  }
  const header: HeaderParts = {
    personas: front?.header.personas ?? [],
    ...(front?.header.sprint && { sprint: front.header.sprint }),
    ...(front?.header.productGoal && { productGoal: front.header.productGoal }),
    ...(product && { product }),
    parseFindings: [...(front?.findings ?? []), ...(defused ? [tooDeepFinding(defused.at)] : [])],
  };
  // A file of heading stories is kept for reading an edit inside one story's section alone (readEdited): not one
  // whose reading depends on more than the sections (a shape heading, nested markup skipped, a title after them).
  const firstStart = stories[0]?.span.start ?? text.length;
  if (
    reuse &&
    !shaped &&
    voted &&
    depth !== undefined &&
    stories.length === sections.ends.length &&
    !defused &&
    (!product || product.span.end <= firstStart) &&
    !holdsShapeHeading(nodes, tools)
  )
    reuse.fileNote = new HeadingReading(depth, eol, header, stories, sections.ends, sections.votes);
  return { format: "markdown", text, ...header, stories };
}

/** What a Markdown file says besides its stories. */
type HeaderParts = Pick<Backlog, "personas" | "sprint" | "productGoal" | "product" | "parseFindings">;

/** Where each heading story's section ends (the next heading at the story depth or above, or the end of the text), and its votes for that depth. */
interface Sections {
  readonly ends: number[];
  readonly votes: string[];
}

/**
 * What a reading of a file of heading stories keeps for the next one (StoryReuse.fileNote), so that an edit
 * inside one story's section is read by reading that section alone (`readEdited`).
 */
class HeadingReading {
  constructor(
    readonly depth: number,
    readonly eol: string,
    readonly header: HeaderParts,
    readonly stories: readonly Story[],
    readonly sectionEnds: readonly number[],
    readonly votes: readonly string[],
  ) {}
}

/**
 * Reads a text that differs from the last one read (`kept`) only inside one story's section, by parsing that
 * section alone: a section starts at an ATX heading, which closes every block before it, so it parses alone as
 * it does in the whole file while it ends closed (no fence or HTML block left open), still holds one story
 * heading and no heading at the story depth or above, votes for the story depth as it did and adds no shape
 * heading. The other stories are the last reading's, moved. Undefined when the edit is anything else.
 */
function readEdited(text: string, kept: HeadingReading, change: Change, reuse: StoryReuse): Backlog | undefined {
  const oldEnd = change.oldLength - change.suffix;
  const delta = change.newLength - change.oldLength;
  const ends = kept.sectionEnds;
  // The first section that runs to the end of the change: an insertion at a heading belongs to the section above.
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ends[mid] as number) < oldEnd) lo = mid + 1;
    else hi = mid;
  }
  const index = lo;
  const before = kept.stories[index];
  if (!before || before.span.start > change.prefix) return undefined;
  const start = before.span.start;
  const end = (ends[index] as number) + delta;
  // Both ends at ATX headings (a setext heading's text could join the paragraph above it), the next on a line of its own.
  const breakBefore = text.charCodeAt(end - 1);
  if (end <= start || !ATX_HEADING.test(text.slice(start, start + 8))) return undefined;
  if (end < text.length && ((breakBefore !== 10 && breakBefore !== 13) || !ATX_HEADING.test(text.slice(end, end + 8)))) return undefined;
  const section = text.slice(start, end);
  if (LINK_DEFINITION.test(section) || defuseMarkdownNesting(section)) return undefined;
  let tree: Root;
  try {
    tree = fromMarkdown(section);
  } catch {
    return undefined;
  }
  if (endsOpen(section, tree)) return undefined;
  const nodes = tree.children;
  for (const node of nodes) shiftPositions(node, start, 0);
  const { depth } = kept;
  const heading = nodes[0];
  if (heading?.type !== "heading" || heading.depth !== depth || startOf(heading) !== start || isCriteriaTitle(text, heading))
    return undefined;
  const another = nodes.some(
    (n, k) => k > 0 && n.type === "heading" && (n.depth < depth || (n.depth === depth && !isCriteriaTitle(text, n))),
  );
  if (another || votesIn(nodes, 0, nodes.length, (i) => votesForDepth(text, nodes, i)) !== kept.votes[index]) return undefined;
  const inline = (children: readonly PhrasingContent[], from: number, to: number): string => maskedInline(text, children, from, to);
  if (holdsShapeHeading(nodes, { inline })) return undefined;
  const last = nodes[nodes.length - 1] ?? heading;
  const story = readHeadingStory(text, heading, nodes.slice(1), index, kept.eol);
  const stories = reuse.replaceRange(kept.stories.length, index, index + 1, [{ chunk: text.slice(start, endOf(last)), start, story }]);
  if (!stories) return undefined;
  const sectionEnds = delta === 0 ? ends : ends.map((e, k) => (k >= index ? e + delta : e));
  reuse.fileNote = new HeadingReading(depth, kept.eol, kept.header, stories, sectionEnds as number[], kept.votes);
  return { format: "markdown", text, ...kept.header, stories };
}

function tooDeepFinding(at: number): Finding {
  return {
    ruleId: "file-not-checked",
    messageId: "tooDeep",
    message: `Quotes and lists nested more than ${MAX_MARKDOWN_NESTING} levels deep, or lines indented past ${MAX_MARKDOWN_INDENT} columns, are skipped (the first is here): nest less to have them checked.`,
    severity: "info",
    span: { start: at, end: at + 1 },
  };
}

/**
 * Reads a story from the text `[start, end)` by `read`, or hands back the one read from the same text last time
 * (`reuse`): the story's section is all it is read from, with the story depth (`within`) and the line break (the
 * caller's context) the same.
 */
type ReadStory = (start: number, end: number, index: number, read: () => Story) => Story;

function reusing(text: string, reuse: StoryReuse | undefined): ReadStory {
  if (!reuse) return (_start, _end, _index, read) => read();
  return (start, end, index, read) => reuse.storyAt(text, start, end, index, read);
}

/** One story per heading at `depth`, its section running to the next heading at that depth or above. */
function headingStories(
  text: string,
  nodes: readonly RootContent[],
  depth: number,
  eol: string,
  read: ReadStory,
  sections: Sections,
  votedAt: ReadonlySet<number>,
): Story[] {
  const stories: Story[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const heading = nodes[i];
    if (heading?.type !== "heading" || heading.depth !== depth || isCriteriaTitle(text, heading)) continue;
    // A criteria heading at the story's own depth still belongs to the story above it.
    let j = i + 1;
    while (j < nodes.length) {
      const n = nodes[j];
      if (n?.type === "heading" && (n.depth < depth || (n.depth === depth && !isCriteriaTitle(text, n)))) break;
      j++;
    }
    const section = nodes.slice(i + 1, j);
    const last = section[section.length - 1];
    const index = stories.length;
    stories.push(
      read(startOf(heading), last ? endOf(last) : endOf(heading), index, () => readHeadingStory(text, heading, section, index, eol)),
    );
    const next = nodes[j];
    sections.ends.push(next ? startOf(next) : text.length);
    sections.votes.push(votesIn(nodes, i, j, (k) => votedAt.has(k)));
    i = j - 1;
  }
  return stories;
}

/**
 * A heading's story. The strings it holds are strings of their own (see ownText), not slices of `text`: the story
 * is kept across readings while its section is unchanged (StoryReuse), and a slice would keep this whole version
 * of the file alive with it. Its sentence is read from a masked copy already.
 */
function readHeadingStory(text: string, heading: Heading, section: readonly RootContent[], index: number, eol: string): Story {
  const story: { -readonly [K in keyof Story]: Story[K] } = { index, span: { start: startOf(heading), end: endOf(heading) } };
  const content = headingContent(text, heading);
  let headingRest: Span | undefined = content;
  if (content) {
    const id = LEADING_ID.exec(text.slice(content.start, content.end));
    if (id?.[1]) {
      const idStart = content.start + text.slice(content.start, content.end).indexOf(id[1]);
      story.id = partOf(text, { start: idStart, end: idStart + id[1].length });
      headingRest = content.start + id[0].length < content.end ? { start: content.start + id[0].length, end: content.end } : undefined;
    }
  }
  // The sentence: the first paragraph before any sub-heading, else the heading itself when it reads as one.
  let sentenceNode: RootContent | undefined;
  for (const n of section) {
    if (n.type === "heading" || isCriteriaTitle(text, n)) break;
    if (n.type === "paragraph") {
      sentenceNode = n;
      break;
    }
  }
  if (sentenceNode?.type === "paragraph") {
    const s = startOf(sentenceNode);
    story.sentence = parseStorySentence(maskedInline(text, sentenceNode.children, s, endOf(sentenceNode)), s);
    if (headingRest) story.title = partOf(text, headingRest);
  } else if (headingRest && readsAsStory(text.slice(headingRest.start, headingRest.end))) {
    story.sentence = parseStorySentence(maskedInline(text, heading.children, headingRest.start, headingRest.end), headingRest.start);
  } else if (headingRest) {
    story.title = partOf(text, headingRest);
  }
  // Criteria: the blocks under the first criteria title, up to the next heading no deeper than it.
  const at = section.findIndex((n) => isCriteriaTitle(text, n));
  const title = section[at];
  if (title) {
    const titleDepth = title.type === "heading" ? title.depth : 7;
    const blocks: RootContent[] = [];
    for (const n of section.slice(at + 1)) {
      if (n.type === "heading" && n.depth <= titleDepth) break;
      if (n.type === "heading") continue;
      blocks.push(n);
    }
    story.acceptance = blocks.flatMap((b) => criteriaOf(text, b));
    const firstBlock = blocks[0];
    const lastBlock = blocks[blocks.length - 1];
    story.acceptanceSpan =
      firstBlock && lastBlock ? { start: startOf(firstBlock), end: endOf(lastBlock) } : { start: startOf(title), end: endOf(title) };
  }
  const last = section[section.length - 1];
  const end = last ? endOf(last) : endOf(heading);
  story.span = { start: startOf(heading), end };
  story.layout = { keyIndent: "", endOfEntry: end, eol, headingDepth: heading.depth };
  return story;
}

/** A file with no headings: each paragraph that reads as a story is one story (criteria need a story heading). */
function paragraphStories(text: string, nodes: readonly RootContent[], eol: string, read: ReadStory): Story[] {
  const stories: Story[] = [];
  nodes.forEach((node) => {
    if (node.type !== "paragraph") return;
    const s = startOf(node);
    const masked = maskedInline(text, node.children, s, endOf(node));
    if (!readsAsStory(masked)) return;
    const index = stories.length;
    stories.push(
      read(s, endOf(node), index, () => ({
        index,
        span: { start: s, end: endOf(node) },
        sentence: parseStorySentence(masked, s),
        layout: { keyIndent: "", endOfEntry: endOf(node), eol },
      })),
    );
  });
  return stories;
}
