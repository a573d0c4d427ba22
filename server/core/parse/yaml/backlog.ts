// Reads a YAML backlog into the story model, keeping every source span and turning YAML errors into findings.
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair, type YAMLMap } from "yaml";
import { parseYaml } from "./guard";
import type { Backlog, Criterion, Finding, PlannedEvent, Span, SprintInfo, Story, TextPart } from "../../model";
import { parseStorySentence } from "../story-sentence";
import { lineBreakOf } from "../text-lines";

/** Aliases beyond this many are refused, so an alias "billion laughs" cannot blow up memory. */
export const MAX_ALIAS_COUNT = 100;

type Range = readonly [number, number, number];

const spanOf = (node: YamlNode | null | undefined, fallback: Span): Span => {
  const range = node?.range as Range | undefined;
  return range ? { start: range[0], end: range[1] } : fallback;
};

/**
 * Maps each offset of a scalar's value to its offset in the source, so that spans found in the value
 * (which YAML may have unquoted, unescaped or folded) land on the right characters of the file.
 */
export function scalarOffsetMap(value: string, source: string, sourceStart: number): (offset: number) => number {
  if (source === value) return (o) => sourceStart + o;
  const map = new Array<number>(value.length + 1);
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    let k = j;
    // Skip source characters the value does not keep (quotes, indentation, escapes, block indicators).
    while (k < source.length && source[k] !== v && !(/\s/.test(v ?? "") && /\s/.test(source[k] ?? ""))) k++;
    if (k < source.length) {
      map[i] = k;
      j = k + 1;
      // A folded line break stands for several source spaces: consume them all.
      if (/\s/.test(v ?? "")) while (j < source.length && /\s/.test(source[j] ?? "") && !/\s/.test(value[i + 1] ?? "x")) j++;
    } else {
      map[i] = j;
    }
  }
  map[value.length] = value.length > 0 ? (map[value.length - 1] ?? 0) + 1 : 0;
  return (o) => sourceStart + (map[Math.min(Math.max(o, 0), value.length)] ?? 0);
}

/** A scalar as text with its exact source span; numbers and booleans are kept as written. */
function scalarPart(text: string, node: YamlNode | null | undefined): TextPart | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const span = spanOf(node, { start: 0, end: 0 });
  const value = typeof node.value === "string" ? node.value : text.slice(span.start, span.end);
  return { text: value, span };
}

/** A string scalar's value with a remapper from value offsets to file offsets. */
function scalarWithOffsets(text: string, node: YamlNode | null | undefined): { value: string; toFile: (o: number) => number } | undefined {
  if (!isScalar(node) || typeof node.value !== "string") return undefined;
  const range = node.range as Range | undefined;
  if (!range) return undefined;
  const source = text.slice(range[0], range[1]);
  return { value: node.value, toFile: scalarOffsetMap(node.value, source, range[0]) };
}

const remapSpan = (span: Span, toFile: (o: number) => number): Span => ({
  start: toFile(span.start),
  end: span.end > span.start ? toFile(span.end - 1) + 1 : toFile(span.start),
});

function remapPart<T extends TextPart | undefined>(part: T, toFile: (o: number) => number): T {
  return (part ? { text: part.text, span: remapSpan(part.span, toFile) } : undefined) as T;
}

function pairOf(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<unknown, unknown> | undefined;
}

const valueNode = (map: YAMLMap, key: string): YamlNode | undefined => pairOf(map, key)?.value as YamlNode | undefined;

const columnOf = (text: string, offset: number): string => {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return text.slice(lineStart, offset).replace(/\S/g, " ");
};

/** The end of a node's last line of content, before trailing spaces, comments and line breaks. */
function contentEnd(text: string, node: YamlNode): number {
  const range = node.range as Range;
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1] ?? "")) end--;
  return end;
}

/** Where a flow map's next key goes: after its last value (or key), before any trailing comma, space or brace. */
function flowEntryEnd(map: YAMLMap): number {
  const last = map.items[map.items.length - 1];
  const node = ((last?.value as YamlNode | null | undefined) ?? (last?.key as YamlNode | undefined)) as YamlNode | undefined;
  const range = (node?.range ?? map.range) as Range;
  return node ? range[1] : range[0] + 1;
}

/**
 * Reads one item of the stories list. `text` is the text the node's ranges point into: the whole file, or
 * one story's chunk of it when the fast path reads (and caches) stories one at a time.
 */
export function readStory(text: string, item: YamlNode, index: number, eol: string): Story {
  const span = spanOf(item, { start: 0, end: 0 });
  if (!isMap(item)) {
    // A bare string in the list is taken as the story sentence, so its findings still appear.
    const sentence = scalarWithOffsets(text, item);
    if (!sentence) return { index, span };
    const parsed = parseStorySentence(sentence.value);
    return { index, span, sentence: remapSentence(parsed, sentence.toFile) };
  }
  const story: { -readonly [K in keyof Story]: Story[K] } = { index, span };
  const id = scalarPart(text, valueNode(item, "id"));
  if (id) story.id = id;
  const title = scalarPart(text, valueNode(item, "title"));
  if (title) story.title = title;
  const sentenceNode = scalarWithOffsets(text, valueNode(item, "story"));
  if (sentenceNode) story.sentence = remapSentence(parseStorySentence(sentenceNode.value), sentenceNode.toFile);

  const acceptance = valueNode(item, "acceptance");
  if (pairOf(item, "acceptance")) {
    story.acceptanceSpan = spanOf(acceptance ?? (pairOf(item, "acceptance")?.key as YamlNode), span);
    story.acceptance = readCriteria(text, acceptance);
  }
  const estimate = valueNode(item, "estimate");
  if (isScalar(estimate) && (typeof estimate.value === "number" || typeof estimate.value === "string")) {
    story.estimate = { value: estimate.value, span: spanOf(estimate, span) };
  }
  const priority = valueNode(item, "priority");
  if (isScalar(priority) && (typeof priority.value === "number" || typeof priority.value === "string")) {
    story.priority = { value: priority.value, span: spanOf(priority, span) };
  }
  const status = scalarPart(text, valueNode(item, "status"));
  if (status) story.status = status;
  const notes = scalarPart(text, valueNode(item, "notes"));
  if (notes) story.notes = notes;
  const dependsOn = valueNode(item, "dependsOn");
  if (isSeq(dependsOn)) {
    story.dependsOn = dependsOn.items.map((d) => scalarPart(text, d as YamlNode)).filter((d): d is TextPart => d !== undefined);
  }
  const firstKey = item.items[0]?.key as YamlNode | undefined;
  // A flow map's keys may share one line with every other story (JSON): there is no indentation to read, and
  // reading the line up to each story would cost the square of the story count.
  story.layout = item.flow
    ? { keyIndent: "", endOfEntry: flowEntryEnd(item), eol, flow: isScalar(firstKey) && firstKey.type === "QUOTE_DOUBLE" ? "json" : "yaml" }
    : { keyIndent: columnOf(text, spanOf(firstKey, span).start), endOfEntry: contentEnd(text, item), eol };
  return story;
}

function readCriteria(text: string, node: YamlNode | undefined): Criterion[] {
  const items = isSeq(node) ? (node.items as YamlNode[]) : node ? [node] : [];
  const criteria: Criterion[] = [];
  for (const c of items) {
    const part = scalarPart(text, c);
    if (part && part.text.trim() !== "") criteria.push({ text: part.text, span: part.span });
  }
  return criteria;
}

function remapSentence(s: ReturnType<typeof parseStorySentence>, toFile: (o: number) => number): ReturnType<typeof parseStorySentence> {
  return {
    text: s.text,
    span: remapSpan(s.span, toFile),
    ...(s.roleMarker && { roleMarker: remapPart(s.roleMarker, toFile) }),
    ...(s.role && { role: remapPart(s.role, toFile) }),
    ...(s.meansMarker && { meansMarker: remapPart(s.meansMarker, toFile) }),
    ...(s.means && { means: remapPart(s.means, toFile) }),
    ...(s.endsMarker && { endsMarker: remapPart(s.endsMarker, toFile) }),
    ...(s.ends && { ends: remapPart(s.ends, toFile) }),
    ...(s.trailing && { trailing: remapPart(s.trailing, toFile) }),
  };
}

function readSprint(text: string, node: YamlNode | undefined): SprintInfo | undefined {
  if (!isMap(node)) return undefined;
  const span = spanOf(node, { start: 0, end: 0 });
  const sprint: { -readonly [K in keyof SprintInfo]: SprintInfo[K] } = { span };
  const length = scalarPart(text, valueNode(node, "length"));
  if (length) sprint.length = length;
  const goalPair = pairOf(node, "goal");
  const goal = scalarPart(text, goalPair?.value as YamlNode | undefined);
  if (goal) sprint.goal = goal;
  // "goal:" with nothing after it is an empty goal, not a missing one: a fix must not add a second key.
  else if (goalPair) sprint.goal = { text: "", span: spanOf(goalPair.key as YamlNode, span) };
  const events = valueNode(node, "events");
  if (isSeq(events)) {
    sprint.events = events.items.flatMap((e): PlannedEvent[] => {
      if (!isMap(e)) return [];
      const name = scalarPart(text, valueNode(e, "name"));
      if (!name) return [];
      const duration = scalarPart(text, valueNode(e, "duration"));
      return [{ name, span: spanOf(e, span), ...(duration && { duration }) }];
    });
  }
  const capacity = valueNode(node, "capacity");
  if (isScalar(capacity) && typeof capacity.value === "number" && Number.isFinite(capacity.value) && capacity.value >= 0)
    sprint.capacity = { value: capacity.value, span: spanOf(capacity, span) };
  const selected = valueNode(node, "stories");
  if (isSeq(selected))
    sprint.stories = selected.items.flatMap((item) => {
      const id = scalarPart(text, item as YamlNode);
      return id ? [id] : [];
    });
  return sprint;
}

function readPersonas(text: string, node: YamlNode | undefined): TextPart[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((p): TextPart[] => {
    const name = isMap(p) ? scalarPart(text, valueNode(p, "name")) : scalarPart(text, p as YamlNode);
    return name ? [name] : [];
  });
}

/** YAML errors and warnings as findings on the characters they point at. */
function syntaxFindings(doc: Document, text: string): Finding[] {
  // An error found at the end of the file (an unclosed quote or bracket) is shown on the last line with content,
  // where the user can see it, not on an empty line below everything.
  const contentEnd = text.trimEnd().length;
  const lastLineStart = text.lastIndexOf("\n", contentEnd - 1) + 1;
  const toFinding = (e: { message: string; pos: [number, number] }, severity: "error" | "warning"): Finding => {
    const atEnd = e.pos[0] >= contentEnd;
    const start = atEnd ? lastLineStart : e.pos[0];
    const end = atEnd ? contentEnd : Math.min(Math.max(e.pos[1], start + 1), text.length);
    return { ruleId: "yaml-syntax", messageId: "syntax", message: e.message.split("\n")[0] ?? e.message, severity, span: { start, end } };
  };
  return [...doc.errors.map((e) => toFinding(e, "error")), ...doc.warnings.map((w) => toFinding(w, "warning"))];
}

/** The parts of a backlog outside its stories list, read from the root mapping. */
export function readBacklogHeader(text: string, root: YAMLMap): Pick<Backlog, "product" | "productGoal" | "personas" | "sprint"> {
  const product = scalarPart(text, valueNode(root, "product"));
  const productGoal = scalarPart(text, valueNode(root, "productGoal"));
  const sprint = readSprint(text, valueNode(root, "sprint"));
  return {
    personas: readPersonas(text, valueNode(root, "personas")),
    ...(product && { product }),
    ...(productGoal && { productGoal }),
    ...(sprint && { sprint }),
  };
}

/** The parsed document plus the model; the document is kept so that schema findings can point at nodes. */
export interface YamlBacklogParse {
  readonly backlog: Backlog;
  readonly document: Document.Parsed;
}

/** Parses a YAML backlog. Never throws: syntax errors become findings and every readable story is kept. */
export function parseYamlBacklog(text: string): YamlBacklogParse {
  const document = parseYaml(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, logLevel: "error" });
  const eol = lineBreakOf(text);
  const root = document.contents;
  const parseFindings = syntaxFindings(document, text);
  const stories: Story[] = [];
  let backlog: Backlog = { format: "yaml", text, personas: [], stories, parseFindings };
  if (isMap(root)) {
    const storiesNode = valueNode(root, "stories");
    if (isSeq(storiesNode)) {
      storiesNode.items.forEach((item) => stories.push(readStory(text, item as YamlNode, stories.length, eol)));
    }
    backlog = { ...backlog, ...readBacklogHeader(text, root) };
  }
  return { backlog, document };
}
