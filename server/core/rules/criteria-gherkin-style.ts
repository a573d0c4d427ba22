// Acceptance criteria in Dan North's Given/When/Then, where the backlog asks for that style.
import { sourceOf, type Backlog, type Criterion, type Fix, type Story } from "../model";
import { perStory, stepsOfCriteria } from "./helpers";
import { defineRule } from "./rule";
import { changedPositions } from "./story-groups";
import { reportByStory } from "./story-reports";

export interface GherkinStyleOptions {
  /**
   * "given-when-then": every criterion must be written as steps. "any": no style required. "auto": required
   * when most of the backlog's criteria already use it (the backlog asks for it by example).
   */
  readonly style: "auto" | "given-when-then" | "any";
  /** In "auto", the share of criteria in Given/When/Then that makes it the backlog's style. */
  readonly autoShare: number;
}

const ALL_GHERKIN: readonly number[] = Object.freeze([]);

/** Positions of a story's criteria that are not in Given/When/Then; read once per story, not per keystroke. */
const freeCriteria = perStory((story): readonly number[] => {
  let free: number[] | undefined;
  const steps = stepsOfCriteria(story);
  (story.acceptance ?? []).forEach((c, i) => {
    // A .feature file's scenario is Gherkin by construction, even one not written yet.
    if (!c.scenario && (steps[i]?.steps.length ?? 0) === 0) (free ??= []).push(i);
  });
  // One shared empty list for the many stories whose criteria are all steps: nothing kept per story.
  return free ?? ALL_GHERKIN;
});

/**
 * The backlog's criteria counted (all of them, and those not in Given/When/Then), kept between runs in a rule's
 * memory: counted again only for the stories that are not the ones that stood at their position last time.
 */
class CriteriaCount {
  private stories: readonly Story[] = [];
  private all = 0;
  private free = 0;

  count(stories: readonly Story[]): { readonly all: number; readonly free: number } {
    const previous = this.stories;
    const changed = changedPositions(previous, stories);
    this.stories = stories;
    if (!changed) {
      this.all = 0;
      this.free = 0;
      for (const story of stories) this.add(story, 1);
    } else {
      for (const i of changed) {
        this.add(previous[i] as Story, -1);
        this.add(stories[i] as Story, 1);
      }
    }
    return { all: this.all, free: this.free };
  }

  private add(story: Story, sign: number): void {
    this.all += sign * (story.acceptance?.length ?? 0);
    this.free += sign * freeCriteria(story).length;
  }
}

/** Whether the backlog asks for Given/When/Then under the options. */
function requiresGherkin(backlog: Backlog, options: GherkinStyleOptions, memory: Map<string, unknown> | undefined): boolean {
  if (options.style === "given-when-then") return true;
  if (options.style === "any") return false;
  const known = memory?.get("count");
  const counter = known instanceof CriteriaCount ? known : new CriteriaCount();
  memory?.set("count", counter);
  const { all, free } = counter.count(backlog.stories);
  if (all < 3) return false;
  return all - free >= all * options.autoShare;
}

/** Rewrites a free-text criterion as a scenario skeleton, keeping its words as the outcome. */
function rewriteFix(backlog: Backlog, c: Criterion): Fix | undefined {
  const source = sourceOf(backlog).slice(c.span.start, c.span.end);
  const at = source.indexOf(c.text.trim());
  if (at < 0 || c.text.includes("\n")) return undefined;
  const first = c.text.trim().charAt(0);
  const second = c.text.trim().charAt(1);
  // Lower-case a capitalised first word ("The card ..." -> "then the card ..."), but not an acronym.
  const lowered = /[a-z]/.test(second) ? first.toLowerCase() : first;
  const start = c.span.start + at;
  return {
    title: "Rewrite as Given/When/Then",
    edits: [{ span: { start, end: start + 1 }, newText: `Given <context>, when <event>, then ${lowered}` }],
    safe: false,
  };
}

export default defineRule<GherkinStyleOptions>({
  meta: {
    id: "criteria-gherkin-style",
    description: "Write acceptance criteria as 'Given <context>, when <event>, then <outcome>' where the backlog uses that style.",
    source: "acceptance criteria",
    defaultSeverity: "warning",
    messages: {
      notGherkin: "This criterion is not in Given/When/Then form, which this backlog uses: say the context, the event and the outcome.",
    },
    fixable: true,
    defaultOptions: { style: "auto", autoShare: 0.6 },
    optionsSchema: {
      type: "object",
      properties: {
        style: { enum: ["auto", "given-when-then", "any"], description: "Which criteria style is required." },
        autoShare: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "Share of criteria that makes Given/When/Then the norm in 'auto'.",
        },
      },
      additionalProperties: false,
    },
  },
  checkBacklog(backlog, context) {
    if (!requiresGherkin(backlog, context.options, context.memory)) return;
    reportByStory(backlog, context, "free", {}, (story, report) => {
      // An index loop: an iterator per story for 10,000 stories was garbage on every keystroke.
      const free = freeCriteria(story);
      for (let k = 0; k < free.length; k++) {
        const c = story.acceptance?.[free[k] as number];
        if (!c) continue;
        const fix = rewriteFix(backlog, c);
        report({ messageId: "notGherkin", span: c.span, storyIndex: story.index, ...(fix && { fixes: [fix] }) });
      }
    });
  },
});
