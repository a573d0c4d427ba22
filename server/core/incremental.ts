// Re-analyses a backlog after an edit by re-reading only the stories whose text changed: per-story caches.
import {
  activeRules,
  analyzeBacklog,
  assembleAnalysis,
  checkBacklogRules,
  checkStory,
  configureParseFindings,
  refusalOf,
  refuseToCheck,
  type ActiveRule,
  type Analysis,
  type RuleResults,
} from "./analyze";
import type { CoachConfig } from "./config";
import type { Backlog, BacklogFormat, Finding, Span, Story, TextChange, TextSource } from "./model";
import { parseBacklog } from "./formats";
import { lineBreakOf } from "./parse/text-lines";
import { layoutOf, blockReader, relayoutReusing, type LayoutReuse, type YamlLayout } from "./parse/yaml/layout";
import { readSkeleton, readStoryChunk, type ChunkPlace, type StoryChunk, type YamlSkeleton } from "./parse/yaml/fast";
import { moveStory, placesWithin, shiftFinding, shiftFrom, shiftStory } from "./parse/story-move";
import { StoryReuse } from "./parse/story-reuse";
import { commonPrefix, commonSuffix } from "./parse/text-common";
import { rules } from "./rules/registry";
import type { Rule } from "./rules/rule";
import type { WorkspaceView } from "./workspace";

/** One story item's text and what was read and found in it, relative to the chunk's start. */
interface ChunkEntry {
  readonly text: string;
  readonly indent: number;
  readonly place: ChunkPlace;
  readonly read: StoryChunk;
  /** The story rules' results relative to the chunk, for rules generation `generation`; absent until run or when uncacheable. */
  results?: RuleResults;
  generation?: number;
  /** The story and schema findings at the chunk's current place; the story is moved in place when the chunk moves. */
  placed?: { start: number; index: number; readonly story: Story; schema: readonly Finding[] };
}

/** How a text differs from the last one analysed, and how its story items are written: what a chunk is found or read by. */
interface ChunkEdit {
  /** The text before `prefix` and the last `suffix` characters are the old text's (the latter moved by `delta`). */
  readonly prefix: number;
  readonly suffix: number;
  readonly delta: number;
  /** The stories list's item indent and the file's line break, which a chunk is read with. */
  readonly indent: number;
  readonly eol: string;
  /** The previous chunk that started at an offset, before the edit and (in old offsets) after it. */
  readonly beforeEdit: (start: number) => PlacedChunk | undefined;
  readonly afterEdit: (start: number) => PlacedChunk | undefined;
}

/** Where a chunk sat in the previous text, to find it again after an edit without hashing the file. */
interface PlacedChunk {
  start: number;
  end: number;
  readonly entry: ChunkEntry;
}

/** Whether every place a finding points at lies inside its chunk, so that it can move with the chunk. */
const movable = (f: Finding, length: number): boolean => (f.storyIndex === undefined || f.storyIndex === 0) && placesWithin(f, 0, length);

/**
 * Finds the previous chunk that started at an offset, for offsets asked in increasing order: a cursor over
 * the chunks (sorted by start), so a keystroke does not build a map of every chunk.
 */
function chunkFinder(chunks: readonly PlacedChunk[]): (start: number) => PlacedChunk | undefined {
  let k = 0;
  return (start) => {
    while (k < chunks.length && (chunks[k]?.start ?? Infinity) < start) k++;
    const chunk = chunks[k];
    return chunk?.start === start ? chunk : undefined;
  };
}

/** The results of a story nothing was found in: shared, so that such stories cost nothing to move. */
const NO_RESULTS: RuleResults = { findings: [], failures: [], empty: true };

const isEmpty = (results: RuleResults): boolean =>
  results.empty === true || (results.findings.every((list) => list.length === 0) && results.failures.every((f) => !f));

/**
 * A story's results made relative to its start, to be kept and moved with it: the shared empty results when
 * there are none, undefined when one points outside the `reach` characters from its start.
 */
function relativeResults(results: RuleResults, start: number, reach: number): RuleResults | undefined {
  if (isEmpty(results)) return NO_RESULTS;
  const relative = shiftResults(results, -start, 0);
  return relative.findings.every((list) => list.every((f) => movable(f, reach))) ? relative : undefined;
}

function shiftResults(results: RuleResults, delta: number, index: number): RuleResults {
  // Most stories have no findings: their results need no moving, and copying them would only feed the GC.
  if (isEmpty(results)) return results;
  // One list per active rule, nearly all empty: those are kept, not copied.
  return {
    findings: results.findings.map((list) =>
      list.length === 0 ? list : list.map((f) => shiftFinding(f, delta, f.storyIndex === undefined ? undefined : index)),
    ),
    failures: results.failures.every((f) => f === undefined)
      ? results.failures
      : results.failures.map((f) => (f && f.storyIndex !== undefined ? { ...f, storyIndex: index } : f)),
  };
}

/**
 * Where kept results (relative to their story's start) were last placed, and as what: a story that has not moved
 * since gets the same findings back instead of a copy (most stories before an edit).
 */
const placements = new WeakMap<RuleResults, { readonly start: number; readonly index: number; readonly results: RuleResults }>();

function placeResults(relative: RuleResults, start: number, index: number): RuleResults {
  if (isEmpty(relative)) return relative;
  const last = placements.get(relative);
  if (last && last.start === start && last.index === index) return last.results;
  return placedAt(relative, start, index, shiftResults(relative, start, index));
}

/** Remembers that kept results stand at `start` and `index` as `results`; returns them. */
function placedAt(relative: RuleResults, start: number, index: number, results: RuleResults): RuleResults {
  if (!isEmpty(relative)) placements.set(relative, { start, index, results });
  return results;
}

/** The text around the stories list (header and what follows it): story rules' results depend on it. */
const contextKeyOf = (text: TextSource, layout: YamlLayout): string =>
  text.slice(0, layout.chunks[0]?.start ?? 0) + "\u0000" + text.slice(layout.listEnd);

/** Where the last story item's content ends, which the skeleton is read with. */
function lastItemEndOf(placed: readonly PlacedChunk[]): number {
  const last = placed[placed.length - 1];
  return last ? last.start + last.entry.read.story.span.end : 0;
}

/** Where a chunk stands in the list: before another item, last before more keys, or last in the file. */
const placeOf = (i: number, count: number, span: Span, textLength: number): ChunkPlace =>
  i < count - 1 ? "middle" : span.end < textLength ? "last" : "end";

const placeSchema = (entry: ChunkEntry, start: number, index: number): readonly Finding[] =>
  entry.read.schemaFindings.length === 0
    ? entry.read.schemaFindings
    : entry.read.schemaFindings.map((f) => shiftFinding(f, start, f.storyIndex === undefined ? undefined : index));

/** A chunk's story at its place in the file, made on first use and moved in place (with its schema findings) after. */
function placeStory(entry: ChunkEntry, start: number, index: number): Story {
  // Chunks start after "stories:", never at 0, so shiftStory always makes a copy that may be moved in place.
  if (!entry.placed)
    entry.placed = { start, index, story: shiftStory(entry.read.story, start, index), schema: placeSchema(entry, start, index) };
  else if (entry.placed.start !== start || entry.placed.index !== index) {
    moveStory(entry.placed.story, start - entry.placed.start, index);
    entry.placed.start = start;
    entry.placed.index = index;
    entry.placed.schema = placeSchema(entry, start, index);
  }
  return entry.placed.story;
}

/**
 * Keeps one document's per-story caches between analyses. `analyze` always returns exactly what
 * `analyzeBacklog` returns for the same text (test/unit/incremental.test.ts checks it after random edits);
 * it is faster when most stories are unchanged. Story rules' results are reused while their story's text,
 * the backlog outside the stories, the config and the rules stay the same: the `Rule` contract says a story
 * rule looks at one story (and the backlog's header) only.
 *
 * Stories are moved in place after an edit (copying thousands per keystroke made the garbage collector the
 * main cost), so an analysis's stories are valid until the next `analyze` call: read it, then replace it.
 */
export class IncrementalAnalyzer {
  /** The text of the last analysis, when it was given as one string (not after `analyzeSource`). */
  private previousText: string | undefined = "";
  private previousLength = 0;
  /** The last text's line break and where its first "\n" is (an edit after that one keeps the line break). */
  private eol = "\n";
  private firstBreak = -1;
  private previousLayout: YamlLayout | undefined;
  /** The last text's skeleton and the end of its last story item it was read with. */
  private skeleton: { readonly read: YamlSkeleton; readonly lastItemEnd: number } | undefined;
  private chunks: PlacedChunk[] = [];
  /** The last analysis's stories and story rules' results, by chunk: an edit replaces the few it touched. */
  private stories: Story[] = [];
  private results: RuleResults[] = [];
  /** The rules generation the results in `results` are of. */
  private resultsGeneration = -1;
  /** The config by value: callers may pass an equal but new object each time (a default `{}`, a reloaded setting). */
  private configKey: string | undefined;
  private ruleSet: readonly Rule[] | undefined;
  private active: ActiveRule[] = [];
  /** Backlog rules' memories, by active position: indexes they update per edit rather than rebuild. */
  private memories: Map<string, unknown>[] = [];
  private contextKey = "";
  /** Bumped whatever story rules' results depend on changes: config, rules, the backlog outside its stories. */
  private generation = 0;

  /** Markdown and plain lists: rule results by story text, and what they were checked with (see analyzeByStory). */
  private byStoryText = new Map<string, RuleResults>();
  /** The last analysis's stories and their results (relative to each story's start), by position. */
  private byStoryObject: { readonly stories: readonly Story[]; readonly results: readonly (RuleResults | undefined)[] } = {
    stories: [],
    results: [],
  };
  private storyContext = "";
  /** The line break the stories of the last analysis were read with. */
  private storyEol = "";
  /** Markdown and plain lists: the stories of the last reading, handed back for unchanged chunks. */
  private readonly storyReuse = new StoryReuse();

  /**
   * The workspace's other backlog files, for the backlog rules of the next analyses (set by the host when they
   * change); story rules never read it, so their caches stay valid.
   */
  workspace: WorkspaceView | undefined;

  /** `markdownShapesOnly`: a Markdown file opted in by glob, read by its shape only (see markdown-files.ts). */
  constructor(
    readonly format: BacklogFormat,
    readonly markdownShapesOnly = false,
  ) {}

  /**
   * Analyses a text. `edit`, when given, says where it differs from the text of the previous call (outside it,
   * the text is the old one, moved): it then need not be compared with that text to find out.
   */
  analyze(text: string, config: CoachConfig = {}, ruleSet: readonly Rule[] = rules, edit?: TextChange): Analysis {
    this.configure(config, ruleSet);
    const refused = refuseToCheck(text, this.format, config);
    const analysis = this.format === "yaml" && !refused ? this.analyzeYaml(text, config, edit) : undefined;
    if (analysis) return analysis;
    this.giveUp();
    if (this.format !== "yaml" && !refused) return this.analyzeByStory(text, config);
    return analyzeBacklog(text, this.format, config, ruleSet, this.markdownShapesOnly ? { markdownShapesOnly: true } : {}, this.workspace);
  }

  /**
   * Markdown and plain lists: the file is read again (their readers are cheap next to the rules), and each story
   * whose text and surroundings are unchanged keeps its rule results, moved to its place: a keystroke re-checks
   * the story it is in and the backlog-wide rules only. The text outside the stories (front matter, the title,
   * the line break) is part of the key, since story rules read it (personas, the file's line break).
   */
  private analyzeByStory(text: string, config: CoachConfig): Analysis {
    this.storyReuse.begin(text);
    const backlog = parseBacklog(text, this.format, {
      reuse: this.storyReuse,
      ...(config.csv && { csv: config.csv }),
      ...(this.markdownShapesOnly && { markdownShapesOnly: true }),
    });
    const reused = this.storyReuse.finish();
    const { stories } = backlog;
    const first = stories[0]?.span.start ?? text.length;
    const last = stories[stories.length - 1]?.span.end ?? text.length;
    const eol = lineBreakOf(text);
    const context = `${this.generation}\u0000${eol}\u0000${text.slice(0, first)}\u0000${text.slice(last)}`;
    // The stories were read with the old line break (it is in each story's layout): read them again. Other
    // surroundings (front matter, a title, a comment above the stories) change what story rules find, not what a
    // story's text reads as: the stories stand, and are checked again.
    if (eol !== this.storyEol && this.storyContext !== "") {
      this.storyReuse.clear();
      this.storyContext = "";
      this.storyEol = eol;
      return this.analyzeByStory(text, config);
    }
    this.storyEol = eol;
    const same = context === this.storyContext;
    // A story handed back by the reader is its unchanged text: its results are found by the object. Stories of a
    // reader that makes new ones every time are found by their text.
    const previous = same ? this.byStoryObject : { stories: [], results: [] };
    const previousByText = same ? this.byStoryText : new Map<string, RuleResults>();
    // Most stories stand where they stood: found by position; the others (after a story came or went) by the object,
    // but for those read anew, which had no results before.
    let byObject: Map<Story, RuleResults | undefined> | undefined;
    const previousOf = (story: Story, index: number): RuleResults | undefined =>
      previous.stories[index] === story
        ? previous.results[index]
        : this.storyReuse.readAnew(story)
          ? undefined
          : (byObject ??= new Map(previous.stories.map((s, k) => [s, previous.results[k]]))).get(story);
    const keptResults: (RuleResults | undefined)[] = [];
    const keptByText = new Map<string, RuleResults>();
    const results = stories.map((story, index) => {
      const { start, end } = story.span;
      // A copy, not a slice: a slice would keep this whole version of the file alive as long as the cache.
      const key = reused ? undefined : `\u0000${text.slice(start, end)}`.slice(1);
      const cached = key === undefined ? previousOf(story, index) : (previousByText.get(key) ?? keptByText.get(key));
      const keep = (r: RuleResults): void => void (key === undefined ? (keptResults[index] = r) : keptByText.set(key, r));
      if (cached) {
        keep(cached);
        return placeResults(cached, start, index);
      }
      const found = checkStory(story, backlog, this.active);
      const relative = relativeResults(found, start, end - start);
      if (relative) {
        keep(relative);
        placedAt(relative, start, index, found);
      }
      return found;
    });
    this.storyContext = context;
    this.byStoryObject = { stories, results: keptResults };
    this.byStoryText = keptByText;
    return assembleAnalysis(
      backlog,
      configureParseFindings(backlog.parseFindings, config),
      this.active,
      results,
      checkBacklogRules(backlog, this.active, this.memories, this.workspace),
      config,
    );
  }

  /**
   * Analyses a text its holder keeps as a `TextSource` (an open document in a buffer), after `edit`: when the
   * edit lies inside the stories list, only the pieces it touched are read out, and the whole text is made as one
   * string only if a rule or a request asks for it. Otherwise, or with no edit ("all": the first analysis, a
   * whole-text change), it is `analyze(source.toString())`. The results are the same either way.
   */
  analyzeSource(
    source: TextSource,
    edit: TextChange | "all" | undefined,
    config: CoachConfig = {},
    ruleSet: readonly Rule[] = rules,
  ): Analysis {
    if (edit === "all") return this.analyze(source.toString(), config, ruleSet);
    const noChange = { start: 0, oldEnd: 0, newEnd: 0 };
    if (this.format === "yaml" && !refusalOf(source, config)) {
      this.configure(config, ruleSet);
      const analysis = this.analyzeSourceEdit(source, edit ?? noChange, config);
      if (analysis) return analysis;
    }
    return this.analyze(source.toString(), config, ruleSet, edit ?? noChange);
  }

  private configure(config: CoachConfig, ruleSet: readonly Rule[]): void {
    const configKey = JSON.stringify(config);
    if (configKey !== this.configKey || ruleSet !== this.ruleSet) {
      this.configKey = configKey;
      this.ruleSet = ruleSet;
      this.active = activeRules(config, ruleSet);
      this.memories = this.active.map(() => new Map<string, unknown>());
      this.generation++;
    }
  }

  /** Undefined when the text must be read by `yaml` as a whole (the caller then analyses it in full). */
  private analyzeYaml(text: string, config: CoachConfig, edit: TextChange | undefined): Analysis | undefined {
    const eol = lineBreakOf(text);
    if (eol !== this.eol) this.giveUp();
    const previous = this.previousText;
    // Without the previous text (the last analysis read a source) the edit says what is unchanged.
    const prefix = previous !== undefined ? commonPrefix(previous, text) : (edit?.start ?? 0);
    const suffix = previous !== undefined ? commonSuffix(previous, text, prefix) : edit ? text.length - edit.newEnd : 0;
    if (previous === undefined && !edit) this.giveUp();
    const relaid = this.previousLayout ? relayoutReusing(text, this.previousLayout, this.previousLength, prefix, suffix) : undefined;
    if (relaid?.reuse && relaid.layout) {
      const analysis = this.analyzeEdit(text, relaid.layout, relaid.reuse, eol);
      return analysis && this.finish(text, config, relaid.layout, analysis, relaid.reuse);
    }
    const layout = relaid ? relaid.layout : layoutOf(text);
    const edited: ChunkEdit = {
      prefix,
      suffix,
      delta: text.length - this.previousLength,
      indent: layout?.indent ?? 0,
      eol,
      beforeEdit: chunkFinder(this.chunks),
      afterEdit: chunkFinder(this.chunks),
    };

    const placed: PlacedChunk[] = [];
    const chunkSpans = layout?.chunks ?? [];
    for (const [i, span] of chunkSpans.entries()) {
      const place = placeOf(i, chunkSpans.length, span, text.length);
      const entry = this.entryFor(text, span, place, edited);
      if (!entry) return this.giveUp();
      placed.push({ start: span.start, end: span.end, entry });
    }
    const stories = placed.map(({ start, entry }, index) => placeStory(entry, start, index));
    return this.finish(text, config, layout, { placed, stories }, undefined);
  }

  /**
   * The source path: relays out, reads the touched chunks and checks the rest of the file through `source`,
   * never asking for the whole text. Undefined when the edit is not inside the stories list, changes the text
   * around it, or leaves a story that must be read with the rest of the file (`analyze` then does it all).
   */
  private analyzeSourceEdit(source: TextSource, edit: TextChange, config: CoachConfig): Analysis | undefined {
    const skeleton = this.skeleton;
    if (!this.previousLayout || !skeleton || this.firstBreak < 0 || edit.start <= this.firstBreak) return undefined;
    const suffix = source.length - edit.newEnd;
    const relaid = relayoutReusing(blockReader(source), this.previousLayout, this.previousLength, edit.start, suffix);
    const layout = relaid.layout;
    if (!relaid.reuse || !layout) {
      // relayoutReusing only takes the old layout apart when it can say what it kept.
      return undefined;
    }
    // The text around the list as it was, and (below) the list's last item ending where it did, moved: the
    // skeleton read last time holds, with the places after the edit moved.
    if (contextKeyOf(source, layout) !== this.contextKey) return this.giveUp();
    const placed = this.analyzeEdit(source, layout, relaid.reuse, this.eol);
    if (!placed) return undefined;
    const lastItemEnd = lastItemEndOf(placed.placed);
    const delta = source.length - this.previousLength;
    if (lastItemEnd !== skeleton.lastItemEnd + delta) return this.giveUp();
    const read = shiftFrom(skeleton.read, this.previousLength - suffix, delta) as YamlSkeleton;
    this.skeleton = { read, lastItemEnd };
    this.previousText = undefined;
    this.previousLength = source.length;
    this.previousLayout = layout;
    return this.complete(
      {
        format: "yaml",
        get text() {
          return source.toString();
        },
        source,
        stories: placed.stories.slice(),
        parseFindings: [...read.schemaFindings, ...this.storySchema(placed.placed)],
        ...read.header,
      },
      config,
      placed.placed,
      relaid.reuse,
    );
  }

  /**
   * After an edit `relayoutReusing` could follow: the chunks it kept and those after the edit keep their entries
   * (the latter moved in place), only the scanned ones are looked at, and the lists of the last analysis are
   * spliced rather than rebuilt, so a keystroke makes little garbage however long the file.
   */
  private analyzeEdit(
    text: TextSource,
    layout: YamlLayout,
    reuse: LayoutReuse,
    eol: string,
  ): { placed: PlacedChunk[]; stories: Story[] } | undefined {
    const { kept, scanned, resumed } = reuse;
    const spans = layout.chunks;
    const fresh: PlacedChunk[] = [];
    for (let i = kept; i < kept + scanned; i++) {
      const span = spans[i] as Span;
      const place = placeOf(i, spans.length, span, text.length);
      const chunkText = text.slice(span.start, span.end);
      // The old chunk in the same place of the scanned stretch, when the edit left its text as it was.
      const old = i < resumed ? this.chunks[i] : undefined;
      let entry = old && old.entry.place === place && old.entry.text === chunkText ? old.entry : undefined;
      if (!entry) {
        // A copy, not a slice: a slice of a string would keep this whole version of the file alive as long as the cache.
        const own = typeof text === "string" ? `\u0000${chunkText}`.slice(1) : chunkText;
        const read = readStoryChunk(own, layout.indent, eol, place);
        if (!read) return this.giveUp();
        entry = { text: own, place, read, indent: layout.indent };
      }
      fresh.push({ start: span.start, end: span.end, entry });
    }
    this.chunks.splice(kept, resumed - kept, ...fresh);
    this.stories.splice(kept, resumed - kept, ...fresh.map(({ start, entry }, k) => placeStory(entry, start, kept + k)));
    for (let i = kept + scanned; i < this.chunks.length; i++) {
      const chunk = this.chunks[i] as PlacedChunk;
      const span = spans[i] as Span;
      chunk.start = span.start;
      chunk.end = span.end;
      placeStory(chunk.entry, span.start, i);
    }
    return { placed: this.chunks, stories: this.stories };
  }

  private storySchema(placed: readonly PlacedChunk[]): Finding[] {
    const found: Finding[] = [];
    for (const { entry } of placed) for (const f of entry.placed?.schema ?? []) found.push(f);
    return found;
  }

  /** Reads the rest of the file and puts the backlog together, then runs the rules (see `complete`). */
  private finish(
    text: string,
    config: CoachConfig,
    layout: YamlLayout | undefined,
    { placed, stories }: { placed: PlacedChunk[]; stories: Story[] },
    reuse: LayoutReuse | undefined,
  ): Analysis | undefined {
    const lastItemEnd = lastItemEndOf(placed);
    const skeleton = readSkeleton(text, layout, lastItemEnd);
    if (!skeleton) return this.giveUp();
    this.skeleton = { read: skeleton, lastItemEnd };
    this.stories = stories;
    this.previousText = text;
    this.previousLength = text.length;
    this.eol = lineBreakOf(text);
    this.firstBreak = text.indexOf("\n");
    this.previousLayout = layout;
    // Story rules may read the backlog's header (personas, product), so a change there invalidates them all.
    const contextKey = layout ? contextKeyOf(text, layout) : text;
    if (contextKey !== this.contextKey) {
      this.contextKey = contextKey;
      this.generation++;
    }
    return this.complete(
      {
        format: "yaml",
        text,
        // A list of its own: backlog rules compare it with the last one they saw, story by story (story-groups.ts).
        stories: stories.slice(),
        parseFindings: [...skeleton.schemaFindings, ...this.storySchema(placed)],
        ...skeleton.header,
      },
      config,
      placed,
      reuse,
    );
  }

  /**
   * Runs the rules where their results are not known, and assembles the analysis. With `reuse`, `results` still
   * holds the last analysis's results in the old order, to be spliced like the chunks.
   */
  private complete(backlog: Backlog, config: CoachConfig, placed: PlacedChunk[], reuse: LayoutReuse | undefined): Analysis {
    this.chunks = placed;
    const resultsOf = (i: number): RuleResults => {
      const chunk = placed[i] as PlacedChunk;
      return this.storyResults(chunk.entry, chunk.start, i, backlog);
    };
    if (
      reuse &&
      this.resultsGeneration === this.generation &&
      this.results.length + reuse.scanned - (reuse.resumed - reuse.kept) === placed.length
    ) {
      // The chunks before the edit have the results they had; the scanned ones are checked, the moved ones moved.
      const { kept, scanned, resumed } = reuse;
      this.results.splice(kept, resumed - kept, ...Array.from({ length: scanned }, (_, k) => resultsOf(kept + k)));
      for (let i = kept + scanned; i < placed.length; i++) this.results[i] = resultsOf(i);
    } else {
      this.results = placed.map((_, i) => resultsOf(i));
    }
    this.resultsGeneration = this.generation;
    return assembleAnalysis(
      backlog,
      configureParseFindings(backlog.parseFindings, config),
      this.active,
      this.results,
      checkBacklogRules(backlog, this.active, this.memories, this.workspace),
      config,
    );
  }

  private giveUp(): undefined {
    this.chunks = [];
    this.stories = [];
    this.results = [];
    this.resultsGeneration = -1;
    this.previousText = "";
    this.previousLength = 0;
    this.previousLayout = undefined;
    this.skeleton = undefined;
    return undefined;
  }

  /** The cached entry for a chunk of the new text, found by position where the edit did not reach, or read anew. */
  private entryFor(text: string, span: Span, place: ChunkPlace, edited: ChunkEdit): ChunkEntry | undefined {
    const { prefix, suffix, delta, indent, eol, beforeEdit, afterEdit } = edited;
    const length = span.end - span.start;
    // Before the edit the chunk is where it was; after it, shifted by the edit's length change.
    const before = beforeEdit(span.start);
    if (before && span.end <= prefix && before.end === span.end && before.entry.place === place) return before.entry;
    const after = afterEdit(span.start - delta);
    if (after && span.start >= text.length - suffix && after.end - after.start === length && after.entry.place === place)
      return after.entry;
    const chunkText = text.slice(span.start, span.end);
    for (const candidate of [before, after]) {
      if (candidate && candidate.entry.place === place && candidate.entry.text === chunkText) return candidate.entry;
    }
    // A copy, not a slice: a slice would keep this whole version of the file alive as long as the cache.
    const own = `\u0000${chunkText}`.slice(1);
    const read = readStoryChunk(own, indent, eol, place);
    return read ? { text: own, place, read, indent } : undefined;
  }

  private storyResults(entry: ChunkEntry, start: number, index: number, backlog: Backlog): RuleResults {
    if (entry.generation === this.generation && entry.results) {
      return placeResults(entry.results, start, index);
    }
    const story = entry.placed?.story ?? shiftStory(entry.read.story, start, index);
    const results = checkStory(story, backlog, this.active);
    // A story's ranges may reach the next item's dash (see readStoryChunk); anything further cannot move with it.
    const reach = entry.text.length + (entry.place === "middle" ? entry.indent + 1 : 0);
    const relative = relativeResults(results, start, reach);
    if (relative === NO_RESULTS) {
      entry.results = NO_RESULTS;
      entry.generation = this.generation;
      return NO_RESULTS;
    }
    if (relative) {
      entry.results = relative;
      entry.generation = this.generation;
      placedAt(relative, start, index, results);
    } else {
      delete entry.results;
      delete entry.generation;
    }
    return results;
  }
}
