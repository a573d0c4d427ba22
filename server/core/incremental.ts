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
import type { Backlog, BacklogFormat, Finding, Story, TextChange, TextSource } from "./model";
import { parseBacklog, parseSource, readsBeyondStories, readsSource } from "./formats";
import { lineBreakOf } from "./parse/text-lines";
import { placesWithin, shiftFinding } from "./parse/story-move";
import { StoryReuse, type Change } from "./parse/story-reuse";
import { ownText } from "./parse/text-common";
import { rules } from "./rules/registry";
import type { Rule } from "./rules/rule";
import type { WorkspaceView } from "./workspace";

/** Whether every place a finding points at lies inside its chunk, so that it can move with the chunk. */
const movable = (f: Finding, length: number): boolean => (f.storyIndex === undefined || f.storyIndex === 0) && placesWithin(f, 0, length);

/** A change as the readers take it: the lengths the old and new text share at each end, and both lengths. */
const changeOf = (edit: TextChange, length: number): Change => ({
  prefix: edit.start,
  suffix: length - edit.newEnd,
  oldLength: length - (edit.newEnd - edit.oldEnd),
  newLength: length,
});

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
  /** The config by value: callers may pass an equal but new object each time (a default `{}`, a reloaded setting). */
  private configKey: string | undefined;
  private ruleSet: readonly Rule[] | undefined;
  private active: ActiveRule[] = [];
  /** Backlog rules' memories, by active position: indexes they update per edit rather than rebuild. */
  private memories: Map<string, unknown>[] = [];
  /** Bumped whatever story rules' results depend on changes: config, rules. */
  private generation = 0;

  /** Rule results by story text, for a reading that made new stories (see analyzeByStory). */
  private byStoryText = new Map<string, RuleResults>();
  /** The last analysis's stories and their results (relative to each story's start), by position. */
  private byStoryObject: { readonly stories: readonly Story[]; readonly results: readonly (RuleResults | undefined)[] } = {
    stories: [],
    results: [],
  };
  private storyContext = "";
  /** The line break the stories of the last analysis were read with. */
  private storyEol = "";
  /** The stories of the last reading, handed back for unchanged chunks (every format's reader takes part but GitHub issues'). */
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
    if (!refuseToCheck(text, this.format, config)) return this.analyzeByStory(text, config, edit) as Analysis;
    // What the reader kept is of another text than the next one it may be told the change from.
    this.storyReuse.clear();
    this.storyContext = "";
    return analyzeBacklog(text, this.format, config, ruleSet, this.markdownShapesOnly ? { markdownShapesOnly: true } : {}, this.workspace);
  }

  /**
   * The file is read again with the stories of the last reading (`StoryReuse`: each format's reader hands back the
   * stories of the chunks an edit did not touch, moved), and each story whose text and surroundings are unchanged
   * keeps its rule results, moved to its place: a keystroke re-checks the story it is in and the backlog-wide rules
   * only. The text outside the stories (front matter, a header, the line break) is part of the key, since story
   * rules read it (personas, the file's line break). A `TextSource` is read without making it one string (YAML);
   * undefined when its reader cannot, with nothing read (the caller then reads it as a string).
   */
  private analyzeByStory(text: string | TextSource, config: CoachConfig, edit?: TextChange): Analysis | undefined {
    const change = edit && changeOf(edit, text.length);
    let backlog: Backlog | undefined;
    if (typeof text === "string") {
      this.storyReuse.begin(text, change);
      backlog = parseBacklog(text, this.format, {
        reuse: this.storyReuse,
        ...(config.csv && { csv: config.csv }),
        ...(this.markdownShapesOnly && { markdownShapesOnly: true }),
      });
    } else if (change) {
      this.storyReuse.beginChange(change);
      backlog = parseSource(text, this.format, this.storyReuse);
    }
    if (!backlog) return undefined;
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
    // New stories are found by their text, but for a format whose whole reading may read outside a story's text.
    const byText = !reused && !readsBeyondStories(this.format);
    const keep = (key: string | undefined, index: number, r: RuleResults): void =>
      void (key === undefined ? (keptResults[index] = r) : keptByText.set(key, r));
    // A loop, not map with a closure per story: this runs for each of 10,000 stories on every keystroke.
    const results: RuleResults[] = new Array<RuleResults>(stories.length);
    for (let index = 0; index < stories.length; index++) {
      const story = stories[index] as Story;
      const { start, end } = story.span;
      // A copy, not a slice: a slice would keep this whole version of the file alive as long as the cache.
      const key = byText ? ownText(text.slice(start, end)) : undefined;
      const cached = key === undefined ? previousOf(story, index) : (previousByText.get(key) ?? keptByText.get(key));
      if (cached) {
        keep(key, index, cached);
        results[index] = placeResults(cached, start, index);
        continue;
      }
      const found = checkStory(story, backlog, this.active);
      const relative = relativeResults(found, start, end - start);
      if (relative) {
        keep(key, index, relative);
        placedAt(relative, start, index, found);
      }
      results[index] = found;
    }
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
    const change = edit ?? { start: 0, oldEnd: 0, newEnd: 0 };
    if (readsSource(this.format) && !refusalOf(source, config)) {
      this.configure(config, ruleSet);
      const analysis = this.analyzeByStory(source, config, change);
      if (analysis) return analysis;
    }
    return this.analyze(source.toString(), config, ruleSet, change);
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
}
