// QUS "atomic": a story asks for one feature; two actions, two objects, a slash pair, a second clause, a tool with
// two capabilities, two qualities or two roles ask for more (QUS-LABELS.md), each with its own message and split.
import { sourceOf, type Backlog, type Fix, type Story, type StorySentence, type TextEdit, type TextSource } from "../model";
import { findCoordination, type Coordination, type CoordinationKind } from "../nlp/coordination";
import { tagMeansText } from "../nlp/tagger";
import { isSpace, lineStartAt } from "../parse/text-lines";
import { yamlScalar } from "../parse/yaml/scalar";
import { appendYamlCriteria, eolOf, isVerbatim, perOptions, perText } from "./helpers";
import { defineRule, type RuleContext } from "./rule";
import { reportByStory, type StoryReportDependencies } from "./story-reports";

/** Each kind can be turned off on its own ("two objects" is the one teams argue about most). */
export type AtomicOptions = Readonly<Record<CoordinationKind | "twoRoles", boolean>>;

/** Whether a means may hold a conjunction, a slash or a comma at all: many stories have none, and are not tagged. */
const MAY_JOIN = /\b(?:and|or|but|plus|as\s+well\s+as)\b|[&+/|,]/i;

/** Two roles in the role: "As a teacher or a parent", "As a nurse/doctor"; not "As a sales and marketing manager". */
const TWO_ROLES = /^(.+?)\s*(?:\s(?:or|and|and\/or)\s|\s?\/\s?)\s*((?:an?|the)\s+.+|.+)$/i;

/** What joins one role phrase: "R&D manager", "sales and marketing manager" (two modifiers of one head noun). */
function twoRolesOf(role: string): { first: string; second: string; joint: number; jointEnd: number } | undefined {
  if (!/\s(?:or|and)\s|\//i.test(role)) return undefined;
  const m = TWO_ROLES.exec(role);
  const first = m?.[1]?.trim();
  const second = m?.[2]?.trim();
  if (!m || !first || !second) return undefined;
  const joint = first.length + (m[0].slice(first.length).search(/\S/) ?? 0);
  const jointText = /^(?:or|and\/or|and|\/)/i.exec(role.slice(joint))?.[0] ?? "";
  // "sales and marketing manager": one word on the left, modifying the head noun the right side ends with.
  const secondHasArticle = /^(?:an?|the)\s/i.test(second);
  if (!secondHasArticle && !/\s/.test(first) && /\s/.test(second) && jointText.toLowerCase() === "and") return undefined;
  if (/^(?:his|her|he|she)$/i.test(first) || first.toLowerCase() === second.toLowerCase()) return undefined;
  // "As a DB/IR administrator": two acronyms joined by a slash are one term.
  if (jointText === "/" && /(?:^|\s)[A-Z]{1,4}$/.test(first) && /^[A-Z]{1,4}(?:\s|$)/.test(second)) return undefined;
  return { first, second: second.replace(/^(?:an?|the)\s+/i, ""), joint, jointEnd: joint + jointText.length };
}

/**
 * The means each story of a split gets, one per part of the coordination: "filter, sort and aggregate data" gives
 * "filter data", "sort data", "aggregate data"; "export orders and invoices to Excel" gives "export orders to
 * Excel" and "export invoices to Excel". Undefined where no mechanical split reads right (a second clause).
 */
function splitMeans(means: string, c: Coordination): string[] | undefined {
  const text = (s: { start: number; end: number }): string => means.slice(s.start, s.end).trim();
  const parts = c.parts.map(text);
  const lastPart = c.parts[c.parts.length - 1] ?? c.second;
  const lead = means.slice(0, c.first.start);
  const tail = means.slice(lastPart.end);
  const join = (...pieces: string[]): string => pieces.join("").replace(/\s+/g, " ").trim();
  switch (c.kind) {
    case "twoActions": {
      // "search and filter the results": the verbs standing alone take the object of the last one.
      const last = parts[parts.length - 1] ?? "";
      const object = parts.slice(0, -1).every((p) => !/\s/.test(p)) ? last.replace(/^\S+\s*/, "") : "";
      return parts.map((p, k) => join(lead, p, object && k < parts.length - 1 ? ` ${object}` : "", tail));
    }
    case "twoObjects": {
      // "export orders and invoices": each object with the verb phrase before the first; "both" of "both staff and
      // kids" is no part's.
      const shared = (s: string): string => s.replace(/\bboth\s+$/i, "");
      const head = c.head ? means.slice(c.head.start, c.first.start) : "";
      const before = c.head ? means.slice(0, c.head.start) : lead;
      return parts.map((p, k) => join(shared(k === 0 ? lead : before + head), p, tail));
    }
    case "alternatives":
    case "toolCapabilities":
    case "twoQualities":
      return parts.map((p) => join(lead, p, tail));
    case "secondClause":
      return undefined;
  }
}

/** The ids a backlog's stories have, read once per backlog: a split fix is offered on every finding. */
const idsOf = perOptions((backlog: Backlog): ReadonlySet<string | undefined> => new Set(backlog.stories.map((s) => s.id?.text)));

/**
 * A YAML story's second clause as an acceptance criterion: "book a room and I expect a confirmation" keeps "book a
 * room" and gets "Then I expect a confirmation" after its last criterion (or in a new list). The clause is the
 * outcome the role expects, which is what a criterion states; the other formats have no mechanical place for it.
 */
function clauseToCriterionFix(backlog: Backlog, story: Story, c: Coordination): Fix | undefined {
  const means = story.sentence?.means;
  const layout = story.layout;
  if (backlog.format !== "yaml" || !means || !layout) return undefined;
  const first = means.text.slice(0, c.joint.start).replace(/[\s,;]+$/, "");
  const clause = means.text
    .slice(c.second.start, c.second.end)
    .trim()
    .replace(/[.!]+$/, "");
  // "and vice versa" states no outcome a criterion could check.
  if (!first || !clause || /^vice\s+versa\b/i.test(clause)) return undefined;
  const criterion = `Then ${clause}`;
  const source = sourceOf(backlog);
  const last = story.acceptance?.[story.acceptance.length - 1];
  let insert: TextEdit;
  if (last) {
    // The new item goes under the last one, with its indentation and dash (read from a short window around it).
    const before = source.slice(Math.max(0, last.span.start - 400), last.span.start);
    const lead = /(?:^|\n)([ \t]*-[ \t]*)$/.exec(before)?.[1];
    if (lead === undefined) return undefined;
    const after = source.slice(last.span.end, last.span.end + 400);
    const lineEnd = /\r?\n|$/.exec(after)?.index ?? after.length;
    const at = last.span.end + lineEnd;
    insert = { span: { start: at, end: at }, newText: `${layout.eol}${lead}${yamlScalar(criterion)}` };
  } else if (story.acceptance === undefined) {
    const append = appendYamlCriteria(backlog, story, criterion);
    if (!append) return undefined;
    insert = append;
  } else return undefined;
  return {
    title: "Move the second clause into the acceptance criteria",
    edits: [{ span: means.span, newText: first }, insert],
    safe: false,
  };
}

/** An id that ends in a number: its prefix ("CB-") and the number ("11"). */
const NUMBERED_ID = /^(.*?)(\d+)$/;

/** The highest number after each id prefix of a backlog ("CB-" -> 10), read once per backlog, not per split. */
const highestNumbers = perOptions((backlog: Backlog): ReadonlyMap<string, number> => {
  const highest = new Map<string, number>();
  for (const s of backlog.stories) {
    const m = s.id ? NUMBERED_ID.exec(s.id.text) : null;
    if (m) highest.set(m[1] ?? "", Math.max(highest.get(m[1] ?? "") ?? 0, Number(m[2])));
  }
  return highest;
});

/**
 * The next `count` free ids in the backlog's own scheme: after "CB-3" in a backlog whose highest "CB-" id is
 * CB-10, "CB-11" (with the scheme's zero padding: "S-009" -> "S-010"). An id with no number at its end gets a
 * letter: "login" -> "loginb".
 */
function nextIds(backlog: Backlog, id: string, count: number): string[] {
  const taken = idsOf(backlog);
  const ids: string[] = [];
  const numbered = NUMBERED_ID.exec(id);
  if (numbered) {
    const prefix = numbered[1] ?? "";
    const width = (numbered[2] ?? "").length;
    const highest = highestNumbers(backlog).get(prefix) ?? 0;
    for (let n = highest + 1; ids.length < count; n++) {
      const next = `${prefix}${String(n).padStart(width, "0")}`;
      if (!taken.has(next)) ids.push(next);
    }
    return ids;
  }
  for (const suffix of "bcdefghijklmnopqrstuvwxyz") {
    if (ids.length === count) break;
    if (!taken.has(`${id}${suffix}`)) ids.push(`${id}${suffix}`);
  }
  for (let n = 2; ids.length < count; n++) if (!taken.has(`${id}-${n}`)) ids.push(`${id}-${n}`);
  return ids;
}

/** At most this many stories are moved down one rank to make room for a split's new story. */
const MAX_RANKS_MOVED = 50;

/** The stories of each whole-number rank written as a plain number, read once per backlog, not per split. */
const storiesByRank = perOptions((backlog: Backlog): ReadonlyMap<number, readonly Story[]> => {
  const source = sourceOf(backlog);
  const byRank = new Map<number, Story[]>();
  for (const s of backlog.stories) {
    const r = s.priority?.value;
    if (typeof r === "number" && s.priority && String(r) === source.slice(s.priority.span.start, s.priority.span.end)) {
      const list = byRank.get(r);
      if (list) list.push(s);
      else byRank.set(r, [s]);
    }
  }
  return byRank;
});

/**
 * Ranks for the new stories right after the original's, and the edits that move the stories ranked there one
 * further down each, so that no two stories share a rank: a story ranked 3 split in two gives the new one 4, and
 * the story that was 4 becomes 5 (and so on while the ranks run on). A rank that is not a whole number gets none.
 */
function ranksAfter(backlog: Backlog, story: Story, count: number): { ranks: number[]; edits: TextEdit[] } {
  const rank = story.priority?.value;
  if (typeof rank !== "number" || !Number.isInteger(rank)) return { ranks: [], edits: [] };
  const byRank = storiesByRank(backlog);
  const edits: TextEdit[] = [];
  // The run of ranks taken right after the original's moves down by `count`. A run longer than a screenful
  // would make every split rewrite the rest of the backlog (rebuilt on each keystroke for each story that can
  // be split): the new story then gets no rank, for the team to set, rather than a shared one.
  for (let r = rank + 1; byRank.has(r); r++)
    for (const s of byRank.get(r) ?? []) {
      if (s === story || !s.priority) continue;
      if (edits.length >= MAX_RANKS_MOVED) return { ranks: [], edits: [] };
      edits.push({ span: s.priority.span, newText: String(r + count) });
    }
  return { ranks: Array.from({ length: count }, (_, k) => rank + 1 + k), edits };
}

/** Whether the file separates its story entries with a blank line: the new entries are written the same way. */
function blankLineBetween(backlog: Backlog, story: Story): boolean {
  const source = sourceOf(backlog);
  const neighbour = backlog.stories[story.index + 1] ?? backlog.stories[story.index - 1];
  if (!neighbour) return false;
  const [first, second] = neighbour.index > story.index ? [story, neighbour] : [neighbour, story];
  const gap = source.slice(first.layout?.endOfEntry ?? first.span.end, second.span.start);
  return /\n[ \t]*\r?\n/.test(gap);
}

/**
 * The acceptance block of a YAML story as written ("acceptance:" to its last criterion), copied to each new story:
 * a criterion may test either part, and which one is for the team to say. Undefined when there is none to copy.
 */
function acceptanceBlock(backlog: Backlog, story: Story): string | undefined {
  if (!story.acceptanceSpan || !story.acceptance?.length) return undefined;
  // The story's own text, from its first line: its "acceptance" key is on a line of its own in block YAML.
  const entry = sourceOf(backlog).slice(story.span.start, story.acceptanceSpan.end);
  const head = entry.lastIndexOf("acceptance", story.acceptanceSpan.start - story.span.start);
  if (head < 0) return undefined;
  const lineStart = entry.lastIndexOf("\n", head) + 1;
  if (!/^[ \t]*(?:-[ \t]+)?acceptance[ \t]*:/.test(entry.slice(lineStart))) return undefined;
  return entry
    .slice(lineStart)
    .replace(/^[ \t]*-[ \t]+/, (dash) => " ".repeat(dash.length))
    .replace(/\s+$/, "");
}

/**
 * The end of the last character before `at` that is not white space: read backwards from `at`, not by trimming the
 * text before it (a copy of everything above the story, and a regular expression over it, for every story split:
 * 1.4 s a keystroke in a 10,000-story Markdown file).
 */
function lastTextBefore(source: TextSource, at: number): number {
  let i = at;
  while (i > 0 && isSpace(source.charCodeAt(i - 1))) i--;
  return i;
}

/** Replaces spans of `text` (which starts at `base` in the source), in order and not overlapping. */
function withReplaced(text: string, base: number, parts: readonly { span: { start: number; end: number }; newText: string }[]): string {
  let out = "";
  let at = 0;
  for (const { span, newText } of [...parts].sort((a, b) => a.span.start - b.span.start)) {
    out += text.slice(at, span.start - base) + newText;
    at = span.end - base;
  }
  return out + text.slice(at);
}

/**
 * The Markdown sections of a split's new stories, each complete as the YAML split writes it: the heading copied at
 * the story's depth with the next free id (the title kept), the part's sentence as its paragraph (or as the heading,
 * when the story's heading is its sentence), and the criteria copied under their own title line, a blank line
 * between blocks as Markdown needs. In a file of paragraphs each part is a paragraph of its own. Undefined when the
 * story's heading or criteria title cannot be read back from the text, and in the shapes of spec and story workflows
 * (Spec Kit, BMAD, issue templates: a story's number, priority and sections are the workflow's to give).
 */
function markdownStories(backlog: Backlog, story: Story, sentence: StorySentence, others: readonly string[]): string | undefined {
  if (story.layout?.shape) return undefined;
  const source = sourceOf(backlog);
  const eol = eolOf(backlog);
  const depth = story.layout?.headingDepth;
  if (depth === undefined) return others.map((o) => `${eol}${eol}${o}`).join("");
  const headingLine = /^[^\r\n]*/.exec(source.slice(story.span.start, story.span.end))?.[0] ?? "";
  const headingEnd = story.span.start + headingLine.length;
  if (!headingLine.startsWith(`${"#".repeat(depth)} `)) return undefined;
  const inHeading = sentence.span.start < headingEnd;
  const ids = story.id ? nextIds(backlog, story.id.text, others.length) : [];
  let criteria = "";
  const block = story.acceptanceSpan;
  if (block && story.acceptance?.length) {
    // The criteria title is the last line with text before the first criterion ("### Acceptance criteria").
    const titleStart = lineStartAt(source, lastTextBefore(source, block.start));
    if (titleStart <= (inHeading ? headingEnd : sentence.span.end)) return undefined;
    criteria = `${eol}${eol}${source.slice(titleStart, block.end)}`;
  }
  return others
    .map((o, k) => {
      const edits = [
        ...(story.id && ids[k] ? [{ span: story.id.span, newText: ids[k] }] : []),
        ...(inHeading ? [{ span: sentence.span, newText: o }] : []),
      ];
      const heading = withReplaced(headingLine, story.span.start, edits);
      return `${eol}${eol}${heading}${inHeading ? "" : `${eol}${eol}${o}`}${criteria}`;
    })
    .join("");
}

/** A Spec Kit story heading's number: "User Story 3 - ...", "US3: ...". */
const SPEC_KIT_NUMBER = /^#+[ \t]+(?:User[ \t]+Story|US)[ \t]*(\d+)/i;

/** The highest user story number of a Spec Kit spec, read from the story headings once per backlog. */
const highestStoryNumber = perOptions((backlog: Backlog): number => {
  const source = sourceOf(backlog);
  let highest = 0;
  for (const s of backlog.stories) {
    const line = source.slice(s.span.start, Math.min(s.span.end, s.span.start + 200));
    highest = Math.max(highest, Number(SPEC_KIT_NUMBER.exec(line)?.[1] ?? 0));
  }
  return highest;
});

/**
 * A Spec Kit split's new stories, appended after the spec's last user story so that no story's number changes
 * (tasks.md names stories by number, "[US2]"): "### User Story <N+1> - <title> (Priority: P<n>)" at the story's
 * depth, with the original's title and priority, the part's sentence, and the original's Acceptance Scenarios
 * copied under their label; "---" between them where the spec separates its stories with one. Undefined when the
 * criteria label cannot be read back from the text.
 */
function specKitStories(backlog: Backlog, story: Story, sentence: StorySentence, others: readonly string[]): TextEdit | undefined {
  const source = sourceOf(backlog);
  const eol = eolOf(backlog);
  const depth = story.layout?.headingDepth ?? 3;
  const last = backlog.stories[backlog.stories.length - 1];
  if (!last) return undefined;
  let criteria = "";
  const block = story.acceptanceSpan;
  if (block && story.acceptance?.length) {
    // The label is the last line with text before the first scenario ("**Acceptance Scenarios**:").
    const labelStart = lineStartAt(source, lastTextBefore(source, block.start));
    if (labelStart <= sentence.span.end) return undefined;
    criteria = `${eol}${eol}${source.slice(labelStart, block.end)}`;
  }
  const neighbour = backlog.stories[story.index + 1] ?? backlog.stories[story.index - 1];
  const [above, below] = neighbour && neighbour.index > story.index ? [story, neighbour] : [neighbour, story];
  const ruled =
    above !== undefined && /(?:^|\n)[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*\r?\n/.test(source.slice(above.span.end, below.span.start));
  const title = story.title ? ` - ${story.title.text}` : "";
  const priority = story.priority ? ` (Priority: P${String(story.priority.value)})` : "";
  if (!priority) return undefined;
  const number = highestStoryNumber(backlog);
  const sections = others.map(
    (o, k) =>
      `${eol}${eol}${ruled ? `---${eol}${eol}` : ""}${"#".repeat(depth)} User Story ${number + k + 1}${title}${priority}${eol}${eol}${o}${criteria}`,
  );
  return { span: { start: last.span.end, end: last.span.end }, newText: sections.join("") };
}

/**
 * A fix that keeps the story with its first part and adds a story after it for each other part, in the file's
 * style: `replace` is the span of the story sentence to rewrite in the kept story, `keep` its new text, and
 * `others` the whole sentences of the new stories. In YAML each new story is complete: the next free id, the
 * title and status copied, a rank right after the original's, the criteria copied, no estimate (the team sizes
 * the parts anew), and a blank line before it where the file has them.
 */
function splitFix(
  backlog: Backlog,
  story: Story,
  replace: { start: number; end: number },
  keep: string,
  others: readonly string[],
): Fix | undefined {
  const source = sourceOf(backlog);
  const sentence = story.sentence;
  if (!sentence || others.length === 0 || source.slice(sentence.span.start, sentence.span.end) !== sentence.text) return undefined;
  let added = "";
  const renumber: TextEdit[] = [];
  if (backlog.format === "plain") {
    const eol = eolOf(backlog);
    const gap = blankLineBetween(backlog, story) ? eol : "";
    added = others.map((o) => `${eol}${gap}${o}`).join("");
  } else if (backlog.format === "yaml" && story.layout && !story.layout.flow) {
    // A flow map's story gets no split: a new entry would have to be written in its list's flow style too.
    const { keyIndent, eol } = story.layout;
    const itemIndent = keyIndent.length >= 2 ? keyIndent.slice(2) : "";
    const ids = story.id ? nextIds(backlog, story.id.text, others.length) : [];
    const { ranks, edits } = ranksAfter(backlog, story, others.length);
    renumber.push(...edits);
    const gap = blankLineBetween(backlog, story) ? eol : "";
    const criteria = acceptanceBlock(backlog, story);
    const copied = (key: string, part: { span: { start: number; end: number } } | undefined): string =>
      part ? `${eol}${keyIndent}${key}: ${source.slice(part.span.start, part.span.end)}` : "";
    added = others
      .map((o, k) => {
        const keys = [
          ids[k] ? `id: ${ids[k]}` : undefined,
          story.title ? `title: ${source.slice(story.title.span.start, story.title.span.end)}` : undefined,
          `story: ${yamlScalar(o)}`,
        ].filter((x): x is string => x !== undefined);
        const [first, ...rest] = keys;
        return (
          `${eol}${gap}${itemIndent}- ${first ?? ""}` +
          rest.map((key) => `${eol}${keyIndent}${key}`).join("") +
          copied("status", story.status) +
          (ranks[k] !== undefined ? `${eol}${keyIndent}priority: ${ranks[k]}` : "") +
          (criteria ? `${eol}${criteria}` : "")
        );
      })
      .join("");
  } else if (backlog.format === "markdown" && story.layout?.shape === "spec-kit") {
    const sections = specKitStories(backlog, story, sentence, others);
    if (!sections) return undefined;
    return { title: splitTitle(others.length), edits: [{ span: replace, newText: keep }, sections], safe: false };
  } else if (backlog.format === "markdown") {
    const sections = markdownStories(backlog, story, sentence, others);
    if (sections === undefined) return undefined;
    added = sections;
  } else if (backlog.storiesAfter) {
    // A record format (tracker CSV) writes its own records: the rule gives the sentences and the next free ids.
    const ids = story.id ? nextIds(backlog, story.id.text, others.length) : [];
    const records = backlog.storiesAfter(
      story,
      others.map((sentence, k) => ({ sentence, ...(ids[k] !== undefined && { id: ids[k] }) })),
    );
    if (!records) return undefined;
    return { title: splitTitle(others.length), edits: [{ span: replace, newText: keep }, records], safe: false };
  } else {
    return undefined;
  }
  const at = backlog.format === "plain" ? story.span.end : (story.layout?.endOfEntry ?? story.span.end);
  const edits: TextEdit[] = [{ span: replace, newText: keep }, ...renumber, { span: { start: at, end: at }, newText: added }];
  return { title: splitTitle(others.length), edits, safe: false };
}

const splitTitle = (others: number): string => (others === 1 ? "Split into two stories" : `Split into ${others + 1} stories`);

/**
 * A story of more parts than this gets no split fix (each new story copies the sentence, so the fix grows with
 * the square of a pasted run-on's length), and its message names the first few parts only.
 */
const MAX_SPLIT_PARTS = 12;
const NAMED_PARTS = 6;

/** The parts as a message names them: "'a' and 'b'", "'a', 'b' and 'c'", "'a', 'b', ... 'f' and 15 more". */
function listOf(parts: readonly string[]): string {
  if (parts.length > NAMED_PARTS)
    return `${parts
      .slice(0, NAMED_PARTS)
      .map((p) => `'${p}'`)
      .join(", ")} and ${(parts.length - NAMED_PARTS).toLocaleString("en-US")} more`;
  const quoted = parts.map((p) => `'${p}'`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1] ?? ""}`;
}

const KIND_OPTIONS: readonly (CoordinationKind | "twoRoles")[] = [
  "twoActions",
  "twoObjects",
  "alternatives",
  "secondClause",
  "toolCapabilities",
  "twoQualities",
  "twoRoles",
];

export default defineRule<AtomicOptions>({
  meta: {
    id: "story-atomic",
    description: "Ask for one feature per story: split 'search and filter' into two stories.",
    source: "QUS",
    defaultSeverity: "warning",
    messages: {
      twoActions: "The story asks for more than one action ({parts}): split it, so that each can be estimated and accepted on its own.",
      twoObjects: "The story asks for {parts}: things that can be built one at a time; split it into one story each.",
      alternatives: "'{first}{joint}{second}' asks for two things at once: write one story for '{first}' and one for '{second}'.",
      secondClause: "The means goes on with a clause of its own ('{second}'): make it a story of its own, or an acceptance criterion.",
      toolCapabilities: "The requested tool does more than one thing ({parts}): write one story per capability.",
      twoQualities:
        "The story asks for more than one quality ({parts}), each tested on its own: split it, or make each an acceptance criterion.",
      twoRoles: "The story is written for two roles, '{first}' and '{second}': write one story per role, or name the role both share.",
    },
    fixable: true,
    defaultOptions: {
      twoActions: true,
      twoObjects: true,
      alternatives: true,
      secondClause: true,
      toolCapabilities: true,
      twoQualities: true,
      twoRoles: true,
    },
    optionsSchema: {
      type: "object",
      properties: Object.fromEntries(
        KIND_OPTIONS.map((kind) => [
          kind,
          { type: "boolean", description: `Report ${kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}.` },
        ]),
      ),
      additionalProperties: false,
    },
  },
  // A backlog rule, not a story rule: a split writes the next free id, a rank after the original's and the file's
  // spacing, which other stories decide, so its fix cannot be cached with the story's own text. Reading the
  // coordination is the costly part, and it is kept per story (`coordinationOf`).
  checkBacklog(backlog, context) {
    reportByStory(backlog, context, "atomic", SPLIT_READS, (story, report) => checkStoryAtomic(story, { ...context, report }));
  },
});

/**
 * The coordination in a means text, kept by the text: the incremental analyzer hands the backlog rules new story
 * objects after an edit, and tagging every means again on each keystroke took 270 ms for 5,000 stories. Bounded:
 * cleared when it holds more texts than a large backlog has.
 */
const coordinations = perText((text): Coordination | null => findCoordination(text, tagMeansText(text)) ?? null, 50_000);

function coordinationOf(story: Story): Coordination | null {
  const text = story.sentence?.means?.text;
  return text === undefined || !MAY_JOIN.test(text) ? null : coordinations(text);
}

/**
 * What a split reads of other stories (their ids, for the next free one; their ranks; a Spec Kit story's number in
 * its heading) and of the story's surroundings (a blank line to its neighbour), so that a story's findings are kept
 * while these stay the same.
 */
const SPLIT_READS: StoryReportDependencies = {
  key: (backlog, story) =>
    `${story.id?.text ?? ""}\u0000${story.priority?.value ?? ""}\u0000${
      story.layout?.shape === "spec-kit" ? sourceOf(backlog).slice(story.span.start, Math.min(story.span.end, story.span.start + 200)) : ""
    }`,
  around: (backlog, story) => (blankLineBetween(backlog, story) ? "blank" : ""),
};

/** The checks of one story; its fixes read the whole backlog. */
function checkStoryAtomic(story: Story, context: RuleContext<AtomicOptions>): void {
  const sentence = story.sentence;
  const role = sentence?.role;
  if (!sentence || !role) return;
  const source = sourceOf(context.backlog);
  // Compared in place, and only for a story that gets a finding: this runs for every story of a backlog.
  const verbatim = (): boolean => isVerbatim(context.backlog, sentence.span, sentence.text);
  const roles = context.options.twoRoles ? twoRolesOf(role.text) : undefined;
  if (roles) {
    const at = role.span.start + roles.joint;
    const fix = verbatim()
      ? splitFix(context.backlog, story, role.span, roles.first, [
          source.slice(sentence.span.start, role.span.start) + roles.second + source.slice(role.span.end, sentence.span.end),
        ])
      : undefined;
    context.report({
      messageId: "twoRoles",
      data: { first: roles.first, second: roles.second },
      span: { start: at, end: role.span.start + roles.jointEnd },
      storyIndex: story.index,
      ...(fix && { fixes: [fix] }),
    });
    return;
  }
  const means = sentence.means;
  if (!means) return;
  const found = coordinationOf(story);
  if (!found || !context.options[found.kind]) return;
  const part = (s: { start: number; end: number }): string => means.text.slice(s.start, s.end).trim();
  const split = verbatim() ? splitMeans(means.text, found) : undefined;
  const rewrite = (text: string): string =>
    source.slice(sentence.span.start, means.span.start) + text + source.slice(means.span.end, sentence.span.end);
  const fix =
    found.kind === "secondClause"
      ? verbatim()
        ? clauseToCriterionFix(context.backlog, story, found)
        : undefined
      : split && split[0] !== undefined && split.length <= MAX_SPLIT_PARTS
        ? splitFix(context.backlog, story, means.span, split[0], split.slice(1).map(rewrite))
        : undefined;
  // Two objects are named with the verb they share: 'export orders' and 'export invoices'.
  const head = found.kind === "twoObjects" && found.head ? `${part(found.head)} ` : "";
  const named = found.parts.map((p, k) => `${k === 0 || head === "" ? "" : head}${part(p)}`);
  context.report({
    messageId: found.kind,
    data: {
      first: `${head}${named[0] ?? ""}`.trim(),
      second: named[1] ?? "",
      parts: listOf([`${head}${named[0] ?? ""}`.trim(), ...named.slice(1)]),
      joint: found.joint.text,
    },
    span: { start: means.span.start + found.joint.start, end: means.span.start + found.joint.end },
    storyIndex: story.index,
    ...(fix && { fixes: [fix] }),
  });
}
