// The fast path: a YAML backlog read one story chunk at a time (subset reader, else `yaml` for the chunk), the
// header by the subset reader or `yaml`, with exactly the result of the reference reader; else the whole file by it.
import { isMap, isScalar, isSeq, type Node as YamlNode, type Scalar, type YAMLMap } from "yaml";
import { parseYaml } from "./guard";
import type { Backlog, Finding, Span, Story, TextSource } from "../../model";
import { checkBacklogData, checkBacklogSchema, checkStoryData, yamlNodeLocator } from "./schema-check";
import { outsideSubset, readLines, SubsetReader, Unsupported } from "./subset-reader";
import { blockReader, layoutOf, relayoutReusing, type YamlLayout } from "./layout";
import { shiftFinding, shiftFrom, shiftStory } from "../story-move";
import type { Change, StoryReuse } from "../story-reuse";
import { lineBreakOf } from "../text-lines";
import { ownText } from "../text-common";
import { MAX_ALIAS_COUNT, parseYamlBacklog, readBacklogHeader, readStory } from "./backlog";

/** One story item read on its own: everything in it is relative to the chunk's start. */
export interface StoryChunk {
  /** The story with spans relative to the chunk and index 0. */
  readonly story: Story;
  /** Schema findings of the item, relative to the chunk, for story index 0. */
  readonly schemaFindings: readonly Finding[];
}

/** Plain data of a node the subset reader built (no aliases, string keys only). */
function dataOf(node: unknown): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) out[String((pair.key as Scalar).value)] = dataOf(pair.value);
    return out;
  }
  if (isSeq(node)) return node.items.map(dataOf);
  return (node as Scalar | null)?.value ?? null;
}

/** Schema findings of one item, validated alone; their messages still name the item's place in the list. */
function storySchema(item: YamlNode, data: unknown, chunk: string, index: number): Finding[] {
  return checkStoryData(data, yamlNodeLocator(item), chunk, index);
}

/** Where a chunk stands: before another item, last before more keys, or last in the file. */
export type ChunkPlace = "middle" | "last" | "end";

/**
 * Reads one story chunk (its text starts at the item's line) with the subset reader, or with `yaml` when the
 * chunk leaves the subset. Undefined when the chunk cannot be read on its own exactly as in its file: a YAML
 * error, or anchors, aliases and tags, which may reach across stories. The whole file is then read at once.
 */
export function readStoryChunk(chunk: string, indent: number, eol: string, place: ChunkPlace): StoryChunk | undefined {
  let item: YamlNode | undefined;
  let data: unknown;
  if (!outsideSubset(chunk)) {
    try {
      const next = place === "middle" ? chunk.length + indent : undefined;
      item = new SubsetReader(chunk, readLines(chunk, 0, chunk.length), indent, -1, next).readSingleItem(indent);
      data = dataOf(item);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
    }
  }
  if (!item) {
    // What follows the last chunk (keys at another indentation) cannot be stood in for.
    if (/[&*!]/.test(chunk) || place === "last") return undefined;
    // A stand-in next item gives `yaml` the context the chunk has in its file, where trailing comments and
    // line breaks attach to nodes by what follows them.
    const followed = place === "middle";
    const sentinel = followed ? `${" ".repeat(indent)}- x${eol}` : "";
    const doc = parseYaml(chunk + sentinel, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, logLevel: "error" });
    const seq = doc.contents;
    if (doc.errors.length > 0 || doc.warnings.length > 0 || !isSeq(seq) || seq.items.length !== (followed ? 2 : 1)) return undefined;
    item = seq.items[0] as YamlNode;
    data = (doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown[])[0];
  }
  // A middle chunk's ranges may reach the next item's dash (an empty value with a comment ends there), so
  // the story is read from the chunk plus the start of the next item, which is the same in every file.
  const view = place === "middle" ? `${chunk}${" ".repeat(indent)}-` : chunk;
  return { story: readStory(view, item, 0, eol), schemaFindings: storySchema(item, data, view, 0) };
}

/** The backlog outside its stories list: header fields and the root's schema findings. */
export interface YamlSkeleton {
  readonly header: Pick<Backlog, "product" | "productGoal" | "personas" | "sprint">;
  readonly schemaFindings: readonly Finding[];
}

/**
 * Reads the file outside its story chunks with the subset reader. `items` are the story items' nodes with
 * file offsets, or undefined when the caller reads them separately (the list then counts as valid).
 */
export function readSkeleton(text: string, layout: YamlLayout | undefined, lastItemEnd: number): YamlSkeleton | undefined {
  if (outsideSubset(layout ? text.slice(0, layout.chunks[0]?.start ?? 0) + text.slice(layout.listEnd) : text)) return undefined;
  const firstChunk = layout?.chunks[0];
  const lines = layout && firstChunk ? readLines(text, 0, firstChunk.start) : readLines(text, 0, text.length);
  const holeLine = layout ? lines.length : -1;
  if (layout) {
    // The stories list is one placeholder line; the lines after the list follow it.
    lines.push({ start: firstChunk?.start ?? 0, content: firstChunk?.start ?? 0, end: layout.listEnd, next: layout.listEnd, blank: false });
    lines.push(...readLines(text, layout.listEnd, text.length));
  }
  try {
    const reader = new SubsetReader(text, lines, 0, holeLine);
    const root = reader.readRoot();
    if (layout) {
      const list = reader.hole;
      if (!list || !root || root.items.find((p) => (p.key as Scalar).value === "stories")?.value !== list) return undefined;
      const dash = (firstChunk?.start ?? 0) + layout.indent;
      list.range = [dash, lastItemEnd, lastItemEnd];
      // The root's range ends where its last value does; with the list last, that is the list's end.
      const lastValue = root.items[root.items.length - 1]?.value as YamlNode | undefined;
      if (lastValue === list) root.range = [root.range?.[0] ?? 0, lastItemEnd, lastItemEnd];
    }
    const data = dataOf(root);
    if (layout && data && typeof data === "object") (data as Record<string, unknown>)["stories"] = [];
    return {
      header: root ? readBacklogHeader(text, root) : { personas: [] },
      schemaFindings: root ? checkBacklogData(data, yamlNodeLocator(root), text) : [],
    };
  } catch (error) {
    if (error instanceof Unsupported) return layout ? librarySkeleton(text, layout, lastItemEnd) : undefined;
    throw error;
  }
}

/**
 * The file outside its story chunks read by `yaml`, for a header the subset reader leaves (a flow map such as the
 * sprint's `- { name: Sprint Planning, duration: 4h }`): the stories list is stood in for by an empty flow list at
 * its first dash, every other character of it a space, so that every offset is the file's; the header is small,
 * and the stories are still read chunk by chunk (before, such a header sent every keystroke through the whole
 * file: 1.6 s in a 10,000-story backlog). Undefined where that could read otherwise than the whole file does: any
 * error or warning, anchors, aliases or tags outside the list.
 */
function librarySkeleton(text: string, layout: YamlLayout, lastItemEnd: number): YamlSkeleton | undefined {
  const first = layout.chunks[0];
  if (!first) return undefined;
  const dash = first.start + layout.indent;
  const outside = text.slice(0, first.start) + text.slice(layout.listEnd);
  if (/[&*!]/.test(outside) || text.slice(dash, dash + 2) !== "- ") return undefined;
  const blank = (from: number, to: number): string => text.slice(from, to).replace(/[^\r\n]/g, " ");
  const stood = `${text.slice(0, dash)}[]${blank(dash + 2, layout.listEnd)}${text.slice(layout.listEnd)}`;
  const doc = parseYaml(stood, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, logLevel: "error" });
  const root = doc.contents;
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isMap(root)) return undefined;
  const list = root.items.find((p) => isScalar(p.key) && p.key.value === "stories")?.value;
  if (!isSeq(list) || list.items.length > 0 || list.range?.[0] !== dash) return undefined;
  list.range = [dash, lastItemEnd, lastItemEnd];
  const lastValue = root.items[root.items.length - 1]?.value;
  if (lastValue === list) root.range = [root.range?.[0] ?? 0, lastItemEnd, lastItemEnd];
  const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  return {
    header: readBacklogHeader(text, root as YAMLMap),
    schemaFindings: checkBacklogData(data, yamlNodeLocator(root as YamlNode), text),
  };
}

/** What a fast read gives besides the backlog: whether it had to read the whole file with `yaml`. */
export interface FastParse {
  readonly backlog: Backlog;
  /** "fast": subset reader (with `yaml` for some chunks); "library": the whole file by `yaml`. */
  readonly path: "fast" | "library";
}

/** The whole file by `yaml`: the reference behaviour everything else must equal. */
export function parseYamlWithLibrary(text: string): Backlog {
  const { backlog, document } = parseYamlBacklog(text);
  return { ...backlog, parseFindings: [...backlog.parseFindings, ...checkBacklogSchema(document, text)] };
}

/** Where a chunk stands in its list: before another item, last before more keys, or last in the file. */
const placeOf = (chunk: Span, layout: YamlLayout, textLength: number): ChunkPlace =>
  chunk.end < layout.listEnd ? "middle" : chunk.end < textLength ? "last" : "end";

/**
 * What a reading keeps of a story chunk besides its story (its `StoryReuse` note): what the chunk was read as, and
 * its schema findings relative to the chunk (for story index 0), with where the story starts in the chunk.
 */
class ChunkNote {
  constructor(
    readonly place: ChunkPlace,
    readonly indent: number,
    readonly schema: readonly Finding[],
    readonly storyOffset: number,
  ) {}
}

/** A story read from a chunk with its note; the story's spans are the file's. */
interface ReadChunk {
  readonly story: Story;
  readonly note: ChunkNote;
}

/** Reads the chunk `span` of `text` as story `index`; undefined as `readStoryChunk`. */
function readChunkAt(chunk: string, span: Span, layout: YamlLayout, eol: string, index: number, place: ChunkPlace): ReadChunk | undefined {
  const read = readStoryChunk(chunk, layout.indent, eol, place);
  if (!read) return undefined;
  return {
    story: shiftStory(read.story, span.start, index),
    note: new ChunkNote(place, layout.indent, read.schemaFindings, read.story.span.start),
  };
}

/** The schema findings of the chunks that have some, at their stories' places now (stories move in place). */
function storySchemaFindings(withSchema: readonly ReadChunk[]): Finding[] {
  const found: Finding[] = [];
  for (const { story, note } of withSchema) {
    const start = story.span.start - note.storyOffset;
    for (const f of note.schema) found.push(shiftFinding(f, start, f.storyIndex === undefined ? undefined : story.index));
  }
  return found;
}

/**
 * What a reading of a YAML backlog keeps for the next (`StoryReuse.fileNote`): the layout, the text outside the
 * stories list as read, and the chunks with schema findings, so that an edit inside one story item reads that item
 * alone and hands the others back moved.
 */
class YamlReading {
  constructor(
    readonly layout: YamlLayout,
    readonly length: number,
    readonly skeleton: YamlSkeleton,
    readonly lastItemEnd: number,
    readonly withSchema: readonly ReadChunk[],
  ) {}
}

/** The backlog of a fast read. */
function backlogOf(text: string | TextSource, stories: Story[], skeleton: YamlSkeleton, withSchema: readonly ReadChunk[]): Backlog {
  const parseFindings = [...skeleton.schemaFindings, ...storySchemaFindings(withSchema)];
  if (typeof text === "string") return { format: "yaml", text, stories, parseFindings, ...skeleton.header };
  return {
    format: "yaml",
    // Made only when a rule or a request asks for the whole text.
    get text() {
      return text.toString();
    },
    source: text,
    stories,
    parseFindings,
    ...skeleton.header,
  };
}

/**
 * Parses a YAML backlog with the fast reader, chunk by chunk, with exactly the result of
 * `parseYamlWithLibrary`; falls back to it for the whole file when a chunk or the rest cannot be read alone.
 * With `reuse`, a chunk whose text is unchanged since the last reading (and read in the same place of its list)
 * is not read again: its story comes back moved, with its schema findings.
 */
export function parseYamlFast(text: string, reuse?: StoryReuse): FastParse {
  const library = (): FastParse => {
    reuse?.abandon();
    return { backlog: parseYamlWithLibrary(text), path: "library" };
  };
  const eol = lineBreakOf(text);
  const layout = layoutOf(text);
  const stories: Story[] = [];
  const withSchema: ReadChunk[] = [];
  let lastItemEnd = 0;
  for (const chunk of layout?.chunks ?? []) {
    const place = placeOf(chunk, layout as YamlLayout, text.length);
    const index = stories.length;
    // Kept stories read from a string of their own (see ownText): a story edited once would keep this version alive.
    const chunkText = reuse ? ownText(text.slice(chunk.start, chunk.end)) : text.slice(chunk.start, chunk.end);
    const accept = (note: unknown): boolean => note instanceof ChunkNote && note.place === place && note.indent === layout?.indent;
    const recalled = reuse?.recall(chunkText, chunk.start, index, accept);
    const read = recalled
      ? { story: recalled.story as Story, note: recalled.note as ChunkNote }
      : readChunkAt(chunkText, chunk, layout as YamlLayout, eol, index, place);
    if (!read) return library();
    if (!recalled) reuse?.keep(chunkText, chunk.start, read.story, read.note);
    stories.push(read.story);
    if (read.note.schema.length > 0) withSchema.push(read);
    lastItemEnd = read.story.span.end;
  }
  const skeleton = readSkeleton(text, layout, lastItemEnd);
  if (!skeleton) return library();
  if (reuse && layout) reuse.fileNote = new YamlReading(layout, text.length, skeleton, lastItemEnd, withSchema);
  return { backlog: backlogOf(text, stories, skeleton, withSchema), path: "fast" };
}

/**
 * Reads a YAML backlog with the stories of the last reading (`reuse`): after an edit inside one story item (the
 * usual keystroke), that item alone is read and the others are handed back moved, the text outside the list as
 * read before; else the file is read chunk by chunk, handing back each unchanged chunk's story. A text its holder
 * keeps in pieces (`TextSource`) is read without making it one string, or not at all (undefined: the caller then
 * reads it as a string).
 */
export function readYamlReusing(text: string | TextSource, reuse: StoryReuse): Backlog | undefined {
  const eol = lineBreakOf(text);
  // Chunks read with another line break read otherwise: forgotten.
  reuse.within(`yaml\u0000${eol}`);
  const kept = reuse.fileNote instanceof YamlReading ? reuse.fileNote : undefined;
  reuse.fileNote = undefined;
  const change = reuse.edit;
  const edited = kept && change ? readEdited(text, kept, change, eol, reuse) : undefined;
  if (edited) return edited;
  return typeof text === "string" ? parseYamlFast(text, reuse).backlog : undefined;
}

/**
 * After an edit `relayoutReusing` can follow (inside the stories list, the text around it as it was): reads the
 * chunks it scanned again, hands back the others moved (`StoryReuse.replaceRange`) and keeps the text outside the
 * list as read, moved. Undefined, with nothing handed back, where it cannot say.
 */
function readEdited(text: string | TextSource, kept: YamlReading, change: Change, eol: string, reuse: StoryReuse): Backlog | undefined {
  const { suffix, oldLength, newLength } = change;
  if (oldLength !== kept.length || newLength !== text.length) return undefined;
  const relaid = relayoutReusing(typeof text === "string" ? text : blockReader(text), kept.layout, kept.length, change.prefix, suffix);
  const { layout, reuse: spliced } = relaid;
  if (!layout || !spliced) return undefined;
  const { kept: from, scanned, resumed } = spliced;
  const delta = newLength - oldLength;
  const read: (ReadChunk & { readonly chunk: string; readonly start: number })[] = [];
  for (let i = from; i < from + scanned; i++) {
    const span = layout.chunks[i] as Span;
    // A buffer's slice is a string of its own already.
    const chunk = typeof text === "string" ? ownText(text.slice(span.start, span.end)) : text.slice(span.start, span.end);
    const one = readChunkAt(chunk, span, layout, eol, i, placeOf(span, layout, newLength));
    if (!one) return undefined;
    read.push({ ...one, chunk, start: span.start });
  }
  // The text around the list is the old one (relayoutReusing follows edits inside the list only); what the
  // skeleton was read with besides is where the last item ends.
  const count = layout.chunks.length;
  const lastRead = from + scanned === count ? read[read.length - 1] : undefined;
  const lastItemEnd = lastRead ? lastRead.story.span.end : kept.lastItemEnd + delta;
  const skeleton =
    lastItemEnd === kept.lastItemEnd + delta
      ? (shiftFrom(kept.skeleton, oldLength - suffix, delta) as YamlSkeleton)
      : typeof text === "string"
        ? readSkeleton(text, layout, lastItemEnd)
        : undefined;
  if (!skeleton) return undefined;
  const stories = reuse.replaceRange(count - scanned + (resumed - from), from, resumed, read);
  if (!stories) return undefined;
  // The chunks carried over keep their schema findings (their stories moved in place); the re-read ones bring theirs.
  const withSchema: ReadChunk[] = kept.withSchema.filter((c) => stories[c.story.index] === c.story);
  const fresh = read.filter((c) => c.note.schema.length > 0).map(({ story, note }): ReadChunk => ({ story, note }));
  if (fresh.length > 0) {
    withSchema.push(...fresh);
    withSchema.sort((a, b) => a.story.index - b.story.index);
  }
  reuse.fileNote = new YamlReading(layout, newLength, skeleton, lastItemEnd, withSchema);
  return backlogOf(text, stories, skeleton, withSchema);
}

/**
 * The first `count` stories of a YAML backlog read chunk by chunk, with its header, for a preview of a large file:
 * each read as followed by another item, as it is in the file. Undefined when the list is no longer than that, the
 * file is not laid out as a list of stories, or a story or the header must be read with the rest of the file.
 */
export function firstYamlStories(text: string, count: number): Backlog | undefined {
  const layout = layoutOf(text);
  if (!layout || layout.chunks.length <= count) return undefined;
  const eol = lineBreakOf(text);
  const stories: Story[] = [];
  for (const chunk of layout.chunks.slice(0, count)) {
    const one = readChunkAt(text.slice(chunk.start, chunk.end), chunk, layout, eol, stories.length, "middle");
    if (!one) return undefined;
    stories.push(one.story);
  }
  const skeleton = readSkeleton(text, layout, layout.listEnd);
  if (!skeleton) return undefined;
  return { format: "yaml", text, stories, parseFindings: [], ...skeleton.header };
}
