// The measures of a backlog's health, from one analysis: shared by the sidebar (server/service.ts) and the CLI's
// `stats` (cli/stats.ts), so that the editor and CI count a story as well formed or ready in the same way.
import { unfilledPart } from "./nlp/placeholder";
import { givesBenefit, isWellFormed } from "./parse/story-sentence";
import type { Analysis } from "./analyze";
import type { Finding } from "./model";

export interface HealthMeasures {
  readonly stories: number;
  /** Role and means found. */
  readonly wellFormed: number;
  /** A benefit ("so that") found. */
  readonly withBenefit: number;
  /** At least one acceptance criterion that is written out (not a template such as "Given <context> ..." or "TBD"). */
  readonly withCriteria: number;
  /** Status `ready`, well formed and with criteria. */
  readonly ready: number;
  /** Findings per rule id, in the order the findings come. */
  readonly findingsByRule: ReadonlyMap<string, number>;
  /** Distinct stories flagged per rule id. */
  readonly storiesByRule: ReadonlyMap<string, number>;
  /** The findings of each story that has any, by story index. */
  readonly findingsByStory: ReadonlyMap<number, readonly Finding[]>;
  /** The indexes of the stories counted in `ready`. */
  readonly readyStories: ReadonlySet<number>;
}

export function healthMeasures(analysis: Analysis): HealthMeasures {
  const findingsByRule = new Map<string, number>();
  const flagged = new Map<string, Set<number>>();
  const findingsByStory = new Map<number, Finding[]>();
  for (const f of analysis.findings) {
    findingsByRule.set(f.ruleId, (findingsByRule.get(f.ruleId) ?? 0) + 1);
    if (f.storyIndex === undefined) continue;
    let set = flagged.get(f.ruleId);
    if (!set) flagged.set(f.ruleId, (set = new Set()));
    set.add(f.storyIndex);
    let list = findingsByStory.get(f.storyIndex);
    if (!list) findingsByStory.set(f.storyIndex, (list = []));
    list.push(f);
  }
  const has = (index: number, ruleId: string): boolean => flagged.get(ruleId)?.has(index) ?? false;
  let wellFormed = 0;
  let withBenefit = 0;
  let withCriteria = 0;
  const readyStories = new Set<number>();
  const stories = analysis.backlog.stories;
  for (const s of stories) {
    if (isWellFormed(s.sentence)) wellFormed++;
    if (givesBenefit(s.sentence)) withBenefit++;
    if (s.acceptance?.some((c) => unfilledPart(c.text, c.scenario?.parameters) === undefined)) withCriteria++;
    if (s.status?.text === "ready" && !has(s.index, "story-well-formed") && !has(s.index, "criteria-missing")) readyStories.add(s.index);
  }
  const storiesByRule = new Map([...flagged].map(([ruleId, set]) => [ruleId, set.size] as const));
  return {
    stories: stories.length,
    wellFormed,
    withBenefit,
    withCriteria,
    ready: readyStories.size,
    findingsByRule,
    storiesByRule,
    findingsByStory,
    readyStories,
  };
}
