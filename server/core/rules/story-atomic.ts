// QUS "atomic": a story asks for one feature; two actions, two objects, a slash pair, a second clause, a tool with
// two capabilities, two qualities or two roles ask for more (QUS-LABELS.md), each with its own message and split.
import { sourceOf, type Backlog, type Fix, type Story, type TextEdit } from "../model";
import { findCoordination, type Coordination, type CoordinationKind } from "../nlp/coordination";
import { tagMeansText } from "../nlp/tagger";
import { yamlScalar } from "../parse/yaml-scalar";
import { appendYamlCriteria, eolOf, isVerbatim, perOptions } from "./helpers";
import { defineRule } from "./rule";

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
      // "export orders and invoices": each object with the verb phrase before the first.
      const head = c.head ? means.slice(c.head.start, c.first.start) : "";
      const before = c.head ? means.slice(0, c.head.start) : lead;
      return parts.map((p, k) => join(k === 0 ? lead : before + head, p, tail));
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
  if (!first || !clause) return undefined;
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

/** The next `count` free ids after `id`: "CHK-12" -> "CHK-12b", "CHK-12c"... */
function nextIds(backlog: Backlog, id: string, count: number): string[] {
  const taken = idsOf(backlog);
  const ids: string[] = [];
  for (const suffix of "bcdefghijklmnopqrstuvwxyz") {
    if (ids.length === count) break;
    if (!taken.has(`${id}${suffix}`)) ids.push(`${id}${suffix}`);
  }
  for (let n = 2; ids.length < count; n++) if (!taken.has(`${id}-${n}`)) ids.push(`${id}-${n}`);
  return ids;
}

/**
 * A fix that keeps the story with its first part and adds a story after it for each other part, in the file's
 * style: `replace` is the span of the story sentence to rewrite in the kept story, `keep` its new text, and
 * `others` the whole sentences of the new stories.
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
  if (backlog.format === "plain") {
    const eol = eolOf(backlog);
    added = others.map((o) => `${eol}${o}`).join("");
  } else if (backlog.format === "yaml" && story.layout && !story.layout.flow) {
    // A flow map's story gets no split: a new entry would have to be written in its list's flow style too.
    const { keyIndent, eol } = story.layout;
    const itemIndent = keyIndent.length >= 2 ? keyIndent.slice(2) : "";
    const ids = story.id ? nextIds(backlog, story.id.text, others.length) : [];
    // Each new story gets its own id and no criteria: the old criteria belong to whichever part they test.
    added = others
      .map((o, k) => {
        const text = yamlScalar(o);
        return ids[k] ? `${eol}${itemIndent}- id: ${ids[k]}${eol}${keyIndent}story: ${text}` : `${eol}${itemIndent}- story: ${text}`;
      })
      .join("");
  } else {
    return undefined;
  }
  const at = backlog.format === "plain" ? story.span.end : (story.layout?.endOfEntry ?? story.span.end);
  const edits: TextEdit[] = [
    { span: replace, newText: keep },
    { span: { start: at, end: at }, newText: added },
  ];
  return { title: others.length === 1 ? "Split into two stories" : `Split into ${others.length + 1} stories`, edits, safe: false };
}

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
  checkStory(story, context) {
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
    if (!means || !MAY_JOIN.test(means.text)) return;
    const found = findCoordination(means.text, tagMeansText(means.text));
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
  },
});
