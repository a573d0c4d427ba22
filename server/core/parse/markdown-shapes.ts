// Markdown written by spec and story workflows, recognised by its shape: GitHub Spec Kit's spec.md (a "User Story N"
// heading per story), and the one-story documents of BMAD and of issue templates ("## Story", "## Acceptance Criteria").
import type { Heading, List, Nodes, Paragraph, PhrasingContent, RootContent } from "mdast";
import type { Criterion, MarkdownShape, Span, Story, StoryLayout, TextEdit, TextPart } from "../model";
import { parseStorySentence } from "./story-sentence";

export type { MarkdownShape };

/** What the Markdown reader lends a shape: the text, how it reads inline content, and its story cache. */
export interface MarkdownTools {
  readonly text: string;
  readonly eol: string;
  /** Inline content's text with its markup blanked in place (same length), line breaks read as spaces. */
  inline(nodes: readonly PhrasingContent[], start: number, end: number): string;
  /** Whether a text reads as a story sentence (a role, or the template's means). */
  readsAsStory(text: string): boolean;
  /** Reads the story of `[start, end)` by `read`, or hands back the one read from the same text before. */
  read(start: number, end: number, index: number, read: () => Story): Story;
}

/** The stories of a file in a recognised shape; undefined when the file has none of the shapes. */
export interface ShapeReading {
  readonly shape: MarkdownShape;
  readonly stories: Story[];
}

const startOf = (node: { position?: { start: { offset?: number } } }): number => node.position?.start.offset ?? 0;
const endOf = (node: { position?: { end: { offset?: number } } }): number => node.position?.end.offset ?? 0;

/** Reads the file in the first shape it has, Spec Kit first (its story headings are unmistakable). */
export function readMarkdownShape(nodes: readonly RootContent[], tools: MarkdownTools): ShapeReading | undefined {
  return readSpecKit(nodes, tools) ?? readStoryDocument(nodes, tools);
}

/**
 * Whether any of these nodes is a heading that could give a file a shape (a Spec Kit story heading, a "Story"
 * section): where none is, an edit that adds none leaves the file read as it was, by heading depth.
 */
export function holdsShapeHeading(nodes: readonly RootContent[], tools: Pick<MarkdownTools, "inline">): boolean {
  return nodes.some((node) => {
    if (node.type !== "heading") return false;
    const content = headingText(node, tools);
    return content !== undefined && (SPEC_KIT_STORY.test(content.text) || STORY_SECTION.test(sectionName(content.text)));
  });
}

/** A heading's text with its markup blanked, and where it starts; undefined for an empty heading. */
function headingText(heading: Heading, tools: Pick<MarkdownTools, "inline">): { text: string; start: number } | undefined {
  const first = heading.children[0];
  const last = heading.children[heading.children.length - 1];
  if (!first || !last) return undefined;
  const start = startOf(first);
  return { text: tools.inline(heading.children, start, endOf(last)), start };
}

/** A section name as compared: markup, a trailing colon and a parenthesised abbreviation ("(ACs)") left out. */
const sectionName = (text: string): string =>
  text
    .replace(/\([^)]*\)\s*$/, "")
    .replace(/[:\s]+$/, "")
    .trim();

/** A text part of the source, trimmed of white space (and of blanked markup, which reads as spaces). */
function trimmedPart(masked: string, base: number): TextPart | undefined {
  const lead = masked.length - masked.trimStart().length;
  const body = masked.trim();
  return body ? { text: body, span: { start: base + lead, end: base + lead + body.length } } : undefined;
}

/**
 * A "**Label**: text" paragraph (Spec Kit's "**Why this priority**:", "**Acceptance Scenarios**:"): the label,
 * and where the text after its colon starts. The colon may stand inside the bold or after it.
 */
function labelOf(paragraph: Paragraph, tools: MarkdownTools): { name: string; after: number } | undefined {
  const [first, second] = paragraph.children;
  if (first?.type !== "strong") return undefined;
  const inner = tools.text.slice(startOf(first), endOf(first));
  const colonInside = /:\s*\*\*$|:\s*__$/.test(inner);
  const rest = second?.type === "text" ? tools.text.slice(startOf(second), endOf(second)) : "";
  if (!colonInside && !rest.startsWith(":")) return undefined;
  const name = sectionName(inner.replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, ""));
  let after = endOf(first) + (colonInside ? 0 : 1);
  while (after < endOf(paragraph) && /[ \t]/.test(tools.text[after] ?? "")) after++;
  return { name, after };
}

/** Labels that introduce the story itself in a Spec Kit section ("**User Story**: As a ..."). */
const STORY_LABEL = /^(?:user\s+story|story|description|narrative|summary)$/i;
/** Labels and headings that introduce acceptance criteria. */
const CRITERIA_LABEL = /^(?:acceptance\s+(?:scenarios?|criteria|tests?)|scenarios|criteria|acs?)$/i;

/** A paragraph's text from `from` with its markup blanked, as a story sentence at its file offsets. */
function sentenceOf(paragraph: Paragraph, from: number, tools: MarkdownTools) {
  const children = paragraph.children.filter((c) => endOf(c) > from);
  const masked = tools.inline(children, from, endOf(paragraph));
  const lead = masked.length - masked.trimStart().length;
  return parseStorySentence(masked.slice(lead), from + lead);
}

// ---------------------------------------------------------------------------------------------------------------
// Criteria: list items with their markup blanked, Given/When/Then items of one scenario joined.

const STEP_START = /^(given|when|then|and|but)\b/i;
/** Whether a criterion's text holds a second step keyword after its first word. */
const holdsMoreSteps = (text: string): boolean => /\b(?:when|then)\b/i.test(text.replace(STEP_START, ""));

/**
 * The text of `[start, end)` with everything but the words of its paragraphs blanked (same length): text, inline
 * code and inline HTML ("<context>", a placeholder to the writer) are kept, markers and link targets are not.
 */
function maskedRange(blocks: readonly Nodes[], start: number, end: number, tools: MarkdownTools): string {
  const chars: string[] = tools.text
    .slice(start, end)
    .split("")
    .map((c) => (c === "\n" || c === "\r" ? c : " "));
  const show = (from: number, to: number): void => {
    for (let at = Math.max(from, start); at < Math.min(to, end); at++) {
      const c = tools.text[at] ?? " ";
      if (c !== "\n" && c !== "\r") chars[at - start] = c;
    }
  };
  const reveal = (node: Nodes): void => {
    if (node.type === "text" || (node.type === "html" && !node.value.startsWith("<!--"))) show(startOf(node), endOf(node));
    else if (node.type === "inlineCode") {
      const ticks = /^`+/.exec(tools.text.slice(startOf(node), endOf(node)))?.[0].length ?? 0;
      show(startOf(node) + ticks, endOf(node) - ticks);
    } else if ("children" in node) for (const child of node.children) reveal(child as Nodes);
  };
  for (const block of blocks) reveal(block);
  return chars.join("");
}

/**
 * The criteria of a list: one per item, with bold and other markup blanked in place ("**Given** a, **When** b"
 * reads "  Given   a,   When   b" at the same offsets). Items that are single steps ("- **Given** a", "- **When**
 * b", "- **Then** c") make one criterion from the Given to the step before the next Given.
 */
function listCriteria(list: List, tools: MarkdownTools): Criterion[] {
  const criteria: Criterion[] = [];
  let group: { start: number; end: number; items: Nodes[]; boxes: Span[]; single: boolean } | undefined;
  const flush = (): void => {
    if (!group) return;
    let masked = maskedRange(group.items, group.start, group.end, tools);
    for (const box of group.boxes)
      masked = masked.slice(0, box.start - group.start) + " ".repeat(box.end - box.start) + masked.slice(box.end - group.start);
    const part = trimmedPart(masked, group.start);
    if (part) criteria.push(part);
    group = undefined;
  };
  for (const item of list.children) {
    const first = item.children[0];
    const last = item.children[item.children.length - 1];
    if (!first || !last) continue;
    const boxAt = startOf(first);
    // A task-list box ("[ ] ", "[x] ") is not part of the criterion.
    const box = /^\[[ xX]\][ \t]+/.exec(tools.text.slice(boxAt, endOf(last)));
    const start = boxAt + (box?.[0].length ?? 0);
    const boxes: Span[] = box ? [{ start: boxAt, end: start }] : [];
    const text = maskedRange([item], start, endOf(last), tools).trim();
    const continues = /^(?:when|then|and|but)\b/i.test(text);
    if (group && group.single && continues) {
      group.end = endOf(last);
      group.items.push(item);
      group.boxes.push(...boxes);
      group.single = !holdsMoreSteps(text);
      continue;
    }
    flush();
    group = { start, end: endOf(last), items: [item], boxes: [], single: STEP_START.test(text) && !holdsMoreSteps(text) };
  }
  flush();
  return criteria;
}

/** The criteria of the blocks under a criteria label or heading: lists, and Given/When/Then paragraphs. */
function blockCriteria(blocks: readonly RootContent[], tools: MarkdownTools): Criterion[] {
  return blocks.flatMap((block): Criterion[] => {
    if (block.type === "list") return listCriteria(block, tools);
    if (block.type === "paragraph") {
      const part = trimmedPart(maskedRange([block], startOf(block), endOf(block), tools), startOf(block));
      return part ? [part] : [];
    }
    return [];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// GitHub Spec Kit: "### User Story 1 - Title (Priority: P1)", its story paragraph, "**Acceptance Scenarios**:".

/** A Spec Kit story heading: "User Story 1 - Title (Priority: P1)", "US2: Title (Priority: P2) 🎯 MVP". */
const SPEC_KIT_STORY =
  /^(?:User[ \t]+Story|US)[ \t]*\d+[ \t]*(?:[-\u2013\u2014:.][ \t]*)?(.*?)[ \t]*\([ \t]*Priority[ \t]*:[ \t]*P(\d+)[ \t]*\)/di;

function readSpecKit(nodes: readonly RootContent[], tools: MarkdownTools): ShapeReading | undefined {
  const stories: Story[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const heading = nodes[i];
    if (heading?.type !== "heading") continue;
    const content = headingText(heading, tools);
    const match = content ? SPEC_KIT_STORY.exec(content.text) : null;
    if (!content || !match) continue;
    let j = i + 1;
    while (j < nodes.length) {
      const n = nodes[j];
      if (n?.type === "heading" && n.depth <= heading.depth) break;
      j++;
    }
    // A thematic break ("---") between stories closes the section; it is not part of the story.
    let last = j - 1;
    while (last > i && nodes[last]?.type === "thematicBreak") last--;
    const section = nodes.slice(i + 1, last + 1);
    const end = endOf(nodes[last] ?? heading);
    const index = stories.length;
    stories.push(tools.read(startOf(heading), end, index, () => specKitStory(heading, section, content, match, index, end, tools)));
    i = j - 1;
  }
  return stories.length > 0 ? { shape: "spec-kit", stories } : undefined;
}

function specKitStory(
  heading: Heading,
  section: readonly RootContent[],
  content: { text: string; start: number },
  match: RegExpExecArray,
  index: number,
  end: number,
  tools: MarkdownTools,
): Story {
  const story: { -readonly [K in keyof Story]: Story[K] } = { index, span: { start: startOf(heading), end } };
  const [titleAt, rankAt] = [match.indices?.[1], match.indices?.[2]];
  if (titleAt && titleAt[1] > titleAt[0]) {
    const title = trimmedPart(content.text.slice(titleAt[0], titleAt[1]), content.start + titleAt[0]);
    if (title) story.title = title;
  }
  // "P1" is the story's rank: the number is the value, the span covers the "P" too.
  if (rankAt) story.priority = { value: Number(match[2]), span: { start: content.start + rankAt[0] - 1, end: content.start + rankAt[1] } };
  // The story: the first paragraph that is not one of the template's labelled parts ("**Why this priority**:").
  let criteriaAt = -1;
  let insertAt = endOf(heading);
  for (let k = 0; k < section.length; k++) {
    const node = section[k];
    if (!node || node.type === "heading") break;
    if (node.type !== "paragraph") continue;
    const label = labelOf(node, tools);
    if (label && CRITERIA_LABEL.test(label.name)) {
      criteriaAt = k;
      break;
    }
    insertAt = endOf(node);
    if (story.sentence) continue;
    if (!label) story.sentence = sentenceOf(node, startOf(node), tools);
    else if (STORY_LABEL.test(label.name)) story.sentence = sentenceOf(node, label.after, tools);
  }
  const title = section[criteriaAt];
  if (title) {
    const blocks: RootContent[] = [];
    for (const n of section.slice(criteriaAt + 1)) {
      if (n.type === "heading" || n.type === "thematicBreak" || (n.type === "paragraph" && labelOf(n, tools))) break;
      blocks.push(n);
    }
    story.acceptance = blockCriteria(blocks, tools);
    const firstBlock = blocks[0];
    const lastBlock = blocks[blocks.length - 1];
    story.acceptanceSpan =
      firstBlock && lastBlock ? { start: startOf(firstBlock), end: endOf(lastBlock) } : { start: startOf(title), end: endOf(title) };
  }
  story.layout = { keyIndent: "", endOfEntry: insertAt, eol: tools.eol, headingDepth: heading.depth, shape: "spec-kit" };
  return story;
}

// ---------------------------------------------------------------------------------------------------------------
// One story per document: BMAD story files ("# Story 1.2: Title", "## Status", "## Story", "## Acceptance
// Criteria", "## Tasks / Subtasks", ...) and issue templates ("## User story", "## Acceptance criteria").

/** The section that holds the story sentence. */
const STORY_SECTION = /^(?:the[ \t]+)?(?:user[ \t]+)?story(?:[ \t]+statement)?$/i;
/** The section that holds the criteria ("Acceptance Criteria (ACs)" is read without its parenthesis). */
const CRITERIA_SECTION = /^(?:acceptance[ \t]+(?:criteria|scenarios?|tests?)|conditions[ \t]+of[ \t]+satisfaction)$/i;
/** A BMAD title: "Story 1.2: Title", "Story 1-2 - Title". */
const BMAD_TITLE = /^Story[ \t]+(\d+(?:[.-]\d+)+)[ \t]*(?:[:.\-\u2013\u2014][ \t]*)?(.*)$/di;
/** "Status: Draft", "**Status:** Approved", "Status - done" (a line of its own, or a heading). */
const STATUS_LINE = /^[ \t]*(?:\*\*|__)?Status(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*([^\r\n]*)/im;

/**
 * Workflow status words and the status values the rules know (the backlog schema's): BMAD's Draft / Approved /
 * InProgress / Review / Done and the later snake-case ones (backlog, drafted, ready-for-dev, in-progress, review,
 * done). Approved is ready: the story may be taken into a Sprint. Review is still in progress: not done.
 */
const STATUS_VALUES: Readonly<Record<string, string>> = {
  backlog: "new",
  new: "new",
  draft: "draft",
  drafted: "draft",
  approved: "ready",
  ready: "ready",
  readyfordev: "ready",
  readyfordevelopment: "ready",
  inprogress: "in-progress",
  review: "in-progress",
  inreview: "in-progress",
  readyforreview: "in-progress",
  done: "done",
  complete: "done",
  completed: "done",
  blocked: "blocked",
  cancelled: "cancelled",
  canceled: "cancelled",
};

/** A status as written (its first words, without decoration) and the value the rules read it as. */
function statusPart(masked: string, base: number): TextPart | undefined {
  const word = /[A-Za-z][A-Za-z -]*[A-Za-z]|[A-Za-z]/.exec(masked);
  if (!word) return undefined;
  const key = word[0].toLowerCase().replace(/[^a-z]/g, "");
  return { text: STATUS_VALUES[key] ?? word[0], span: { start: base + word.index, end: base + word.index + word[0].length } };
}

function readStoryDocument(nodes: readonly RootContent[], tools: MarkdownTools): ShapeReading | undefined {
  const headings = nodes.flatMap((node, i) => {
    if (node.type !== "heading") return [];
    const content = headingText(node, tools);
    return content ? [{ node, i, content, name: sectionName(content.text) }] : [];
  });
  const storySections = headings.filter((h) => STORY_SECTION.test(h.name));
  const storySection = storySections[0];
  if (!storySection || storySections.length > 1) return undefined;
  const sectionOf = (i: number, depth: number): RootContent[] => {
    const out: RootContent[] = [];
    for (const n of nodes.slice(i + 1)) {
      if (n.type === "heading" && n.depth <= depth) break;
      out.push(n);
    }
    return out;
  };
  // A stories file with a heading per story, one of which is called "Story", is not a one-story document: two
  // other sections holding a story sentence say it is a file of stories (one may be a note that starts "As a").
  const others = headings.filter((h) => h !== storySection && !CRITERIA_SECTION.test(h.name) && !/^status\b/i.test(h.name));
  if (others.filter((h) => readsAsStorySection(sectionOf(h.i, h.node.depth), tools)).length >= 2) return undefined;
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (!first || !last) return undefined;
  const start = startOf(first);
  const end = endOf(last);
  const story = tools.read(start, end, 0, () => storyDocument(nodes, headings, storySection, sectionOf, start, end, tools));
  return { shape: story.layout?.shape ?? "issue-template", stories: [story] };
}

/** Whether a section's first paragraph reads as a story sentence. */
function readsAsStorySection(section: readonly RootContent[], tools: MarkdownTools): boolean {
  const paragraph = section.find((n): n is Paragraph => n.type === "paragraph");
  return paragraph !== undefined && tools.readsAsStory(tools.inline(paragraph.children, startOf(paragraph), endOf(paragraph)));
}

type SectionHeading = { node: Heading; i: number; content: { text: string; start: number }; name: string };

function storyDocument(
  nodes: readonly RootContent[],
  headings: readonly SectionHeading[],
  storySection: SectionHeading,
  sectionOf: (i: number, depth: number) => RootContent[],
  start: number,
  end: number,
  tools: MarkdownTools,
): Story {
  const story: { -readonly [K in keyof Story]: Story[K] } = { index: 0, span: { start, end } };
  let bmad = false;
  // The title: "# Story 1.2: Title" gives the id and the title; another first heading above the sections, the title.
  const top = headings[0];
  if (top && top !== storySection && top.node.depth < storySection.node.depth) {
    const m = BMAD_TITLE.exec(top.content.text);
    const idAt = m?.indices?.[1];
    const titleAt = m?.indices?.[2];
    if (m && idAt) {
      bmad = true;
      story.id = { text: m[1] ?? "", span: { start: top.content.start + idAt[0], end: top.content.start + idAt[1] } };
      const title = titleAt ? trimmedPart(top.content.text.slice(titleAt[0], titleAt[1]), top.content.start + titleAt[0]) : undefined;
      if (title) story.title = title;
    } else {
      const title = trimmedPart(top.content.text, top.content.start);
      if (title) story.title = title;
    }
  }
  // The status: a "Status" section's first line, a "Status: X" heading, or a "Status: X" line outside the sections.
  for (const h of headings) {
    if (/^status$/i.test(h.name)) {
      const paragraph = sectionOf(h.i, h.node.depth).find((n): n is Paragraph => n.type === "paragraph");
      if (paragraph)
        story.status = statusPart(
          maskedRange([paragraph], startOf(paragraph), endOf(paragraph), tools).split(/\r?\n/)[0] ?? "",
          startOf(paragraph),
        );
    } else {
      const m = STATUS_LINE.exec(h.content.text);
      if (m?.[1] !== undefined) story.status = statusPart(m[1], h.content.start + m.index + m[0].length - m[1].length);
    }
    if (story.status) break;
  }
  if (!story.status) {
    for (const node of nodes) {
      if (node === storySection.node) break;
      if (node.type !== "paragraph") continue;
      const masked = maskedRange([node], startOf(node), endOf(node), tools);
      const m = STATUS_LINE.exec(masked);
      if (m?.[1] !== undefined) {
        story.status = statusPart(m[1], startOf(node) + m.index + m[0].length - m[1].length);
        break;
      }
    }
  }
  if (story.status) bmad = true;
  // The sentence: the story section's first paragraph or list, and the paragraphs right after it that go on with
  // "I want" or "so that" ("**As a** x" / "**I want** y" / "**so that** z" as three paragraphs).
  const section = sectionOf(storySection.i, storySection.node.depth);
  const blocks: RootContent[] = [];
  for (const n of section) {
    if (n.type === "heading") break;
    if (n.type !== "paragraph" && n.type !== "list") {
      if (blocks.length > 0) break;
      continue;
    }
    if (blocks.length > 0 && !/^\s*(?:i\b|so\b|in order\b)/i.test(maskedRange([n], startOf(n), endOf(n), tools))) break;
    blocks.push(n);
  }
  const firstBlock = blocks[0];
  const lastBlock = blocks[blocks.length - 1];
  if (firstBlock && lastBlock) {
    const masked = maskedRange(blocks, startOf(firstBlock), endOf(lastBlock), tools).replace(/[\r\n]/g, " ");
    const lead = masked.length - masked.trimStart().length;
    story.sentence = parseStorySentence(masked.slice(lead).trimEnd(), startOf(firstBlock) + lead);
  }
  // The criteria: the blocks under the criteria heading, sub-headings ("### Scenario 1") read through.
  const criteria = headings.find((h) => CRITERIA_SECTION.test(h.name));
  if (criteria) {
    const under = sectionOf(criteria.i, criteria.node.depth).filter((n) => n.type !== "heading");
    story.acceptance = blockCriteria(under, tools);
    const a = under[0];
    const b = under[under.length - 1];
    story.acceptanceSpan = a && b ? { start: startOf(a), end: endOf(b) } : { start: startOf(criteria.node), end: endOf(criteria.node) };
  }
  const storyEnd = endOf(section.filter((n) => n.type !== "heading" && n.type !== "thematicBreak").pop() ?? storySection.node);
  story.layout = {
    keyIndent: "",
    endOfEntry: storyEnd,
    eol: tools.eol,
    headingDepth: storySection.node.depth,
    shape: bmad ? "bmad" : "issue-template",
  };
  return story;
}

// ---------------------------------------------------------------------------------------------------------------
// Fixes written in the shape.

/**
 * The edit that gives a story of a recognised shape its first acceptance criterion, in the shape's own style:
 * Spec Kit's "**Acceptance Scenarios**:" with a numbered, bold Given/When/Then item; BMAD's numbered
 * "Acceptance Criteria" section after the Story section; an issue template's bulleted one.
 */
export function shapeCriteriaEdit(layout: StoryLayout): TextEdit | undefined {
  const { eol, endOfEntry } = layout;
  const at: Span = { start: endOfEntry, end: endOfEntry };
  const heading = "#".repeat(Math.min(Math.max(layout.headingDepth ?? 2, 1), 6));
  switch (layout.shape) {
    case "spec-kit":
      return {
        span: at,
        newText: `${eol}${eol}**Acceptance Scenarios**:${eol}${eol}1. **Given** <context>, **When** <event>, **Then** <outcome>`,
      };
    case "bmad":
      return {
        span: at,
        newText: `${eol}${eol}${heading} Acceptance Criteria${eol}${eol}1. Given <context>, when <event>, then <outcome>`,
      };
    case "issue-template":
      return { span: at, newText: `${eol}${eol}${heading} Acceptance criteria${eol}${eol}- Given <context>, when <event>, then <outcome>` };
    default:
      return undefined;
  }
}
