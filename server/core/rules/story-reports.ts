// A backlog rule's check of one story at a time, each story's reports kept between runs of the rule on a document.
import type { Backlog, Story } from "../model";
import { movePlaces, placesWithin } from "../parse/story-move";
import { ownText } from "../parse/text-common";
import type { RuleContext, RuleReport } from "./rule";

/** What a rule's story check reads beyond the story itself, so that its kept reports are known to hold. */
export interface StoryReportDependencies {
  /**
   * What of a story the check reads when it checks any other (its id, its rank): when a story that changed has a
   * different key than the one it replaced, every story is checked again.
   */
  key?(backlog: Backlog, story: Story): string;
  /** What every story's check reads of the whole backlog this run (a template made from all stories): when it differs from the last run's, every story is checked again. */
  readonly shared?: string;
  /** What of its surroundings a story's own reports depend on (the blank line to its neighbour): checked again when it differs. */
  around?(backlog: Backlog, story: Story): string;
}

/** The last run's reports per story position, with what they were made from. */
interface KeptReports {
  readonly stories: readonly Story[];
  /** Each story's start when its reports were made: they are moved by the distance it has moved since. */
  readonly starts: number[];
  /** Undefined for a story that must be checked again next time (a report pointed outside its own text). */
  readonly reports: (readonly RuleReport[] | undefined)[];
  readonly keys: (string | undefined)[];
  readonly around: (string | undefined)[];
  readonly shared: string | undefined;
}

const NONE: readonly RuleReport[] = Object.freeze([]);

/** Whether every place a report names, its fixes' edits among them, lies in the story's own text (its entry in the file, a YAML item's last line included), so that it moves with the story. */
const movable = (report: RuleReport, story: Story): boolean =>
  placesWithin(report, story.span.start, story.layout?.endOfEntry ?? story.span.end);

/**
 * A report moved by `d`, as a copy whose spans are its own: a rule may hand over a story's own span objects, which
 * move with the story when it moves in place.
 */
const shiftReport = (report: RuleReport, d: number, index: number): RuleReport =>
  movePlaces(report, d, report.storyIndex === undefined ? undefined : index);

/**
 * A kept report whose fixes' texts are strings of their own: a rule writes them from slices of the whole text (a
 * split's new stories from the story's sentence and the criteria around it), and a report kept while its story is
 * unchanged would keep the version of the file it was written from alive (typing once in each of 150 stories of a
 * 10,000-story Markdown file kept 36 MB of old versions).
 */
const withOwnTexts = (report: RuleReport): RuleReport =>
  report.fixes
    ? { ...report, fixes: report.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, newText: ownText(e.newText) })) })) }
    : report;

/**
 * Runs `check` on every story of the backlog for a backlog rule whose findings are each about one story but whose
 * fixes read other stories (a split writes the next free id and the file's spacing). With the rule's memory, a
 * story's reports are made again only when it is not the story that stood at its position last time, when
 * `around` says its surroundings changed, or when a changed story's `key` did: the others' reports are given
 * again, moved with their story. A keystroke in a 10,000-story file then checks one story, not all of them.
 * The findings are the same with or without memory (the incremental tests compare them after random edits).
 */
export function reportByStory(
  backlog: Backlog,
  context: Pick<RuleContext, "memory" | "report">,
  name: string,
  dependencies: StoryReportDependencies,
  check: (story: Story, report: (r: RuleReport) => void) => void,
): void {
  const memory = context.memory;
  const report = (r: RuleReport): void => context.report(r);
  const { stories } = backlog;
  if (!memory) {
    for (const story of stories) check(story, report);
    return;
  }
  const last = memory.get(name) as KeptReports | undefined;
  memory.delete(name);
  const previous = last && last.stories.length === stories.length && last.shared === dependencies.shared ? last : undefined;
  // A story that changed and now reads differently to the others: every story is checked again.
  if (previous) {
    for (let i = 0; i < stories.length; i++) {
      const story = stories[i] as Story;
      if (story !== previous.stories[i] && dependencies.key && dependencies.key(backlog, story) !== previous.keys[i]) {
        return runAll(backlog, memory, name, dependencies, check, report);
      }
    }
  } else return runAll(backlog, memory, name, dependencies, check, report);
  const { starts, reports, around } = previous;
  for (let i = 0; i < stories.length; i++) {
    const story = stories[i] as Story;
    const kept = reports[i];
    const same = story === previous.stories[i] && kept !== undefined;
    if (same && kept.length === 0) continue;
    const aroundNow = same && dependencies.around ? dependencies.around(backlog, story) : undefined;
    if (same && aroundNow === around[i]) {
      const d = story.span.start - (starts[i] as number);
      // Kept reports are copies of their own: a story that has not moved gives them as they are.
      for (const r of kept) report(d === 0 && (r.storyIndex ?? i) === i ? r : shiftReport(r, d, i));
      continue;
    }
    checkOne(backlog, story, i, previous, dependencies, check, report);
  }
  memory.set(name, { ...previous, stories });
}

function runAll(
  backlog: Backlog,
  memory: Map<string, unknown>,
  name: string,
  dependencies: StoryReportDependencies,
  check: (story: Story, report: (r: RuleReport) => void) => void,
  report: (r: RuleReport) => void,
): void {
  const kept: KeptReports = { stories: backlog.stories, starts: [], reports: [], keys: [], around: [], shared: dependencies.shared };
  backlog.stories.forEach((story, i) => checkOne(backlog, story, i, kept, dependencies, check, report));
  memory.set(name, kept);
}

/** Checks one story, reporting what it finds, and keeps its reports (and what they depend on) at its position. */
function checkOne(
  backlog: Backlog,
  story: Story,
  i: number,
  kept: KeptReports,
  dependencies: StoryReportDependencies,
  check: (story: Story, report: (r: RuleReport) => void) => void,
  report: (r: RuleReport) => void,
): void {
  let found: RuleReport[] | undefined;
  check(story, (r) => {
    (found ??= []).push(withOwnTexts(shiftReport(r, 0, i)));
    report(r);
  });
  kept.starts[i] = story.span.start;
  kept.keys[i] = dependencies.key?.(backlog, story);
  kept.reports[i] = !found ? NONE : found.every((r) => movable(r, story)) ? found : undefined;
  kept.around[i] = found && dependencies.around ? dependencies.around(backlog, story) : undefined;
}
