// The first findings of a large backlog, for the stories at its top, before the whole file is analysed.
import { activeRules, refuseToCheck, storyChecker } from "./analyze";
import { DEFAULT_MAX_FINDINGS, type CoachConfig } from "./config";
import { firstStories } from "./formats";
import type { BacklogFormat, Finding } from "./model";
import { rules } from "./rules/registry";
import type { Rule } from "./rules/rule";
import { applySuppressions } from "./suppressions";

/**
 * The story rules' findings for the first `stories` stories of a large file: what an editor shows first when it
 * opens one, while the whole analysis (hundreds of milliseconds for 10,000 stories) is still to come. Story rules
 * look at one story and the backlog's header, so these findings are exactly the ones the whole analysis gives those
 * stories. Undefined when there is nothing to gain (a short list, a file not laid out as a list of stories, a story
 * that must be read with the rest of the file, a format whose first stories cannot be read alone: see
 * `firstStories`): the caller then just analyses it all.
 */
export function previewFindings(
  text: string,
  config: CoachConfig,
  stories: number,
  ruleSet: readonly Rule[] = rules,
  format: BacklogFormat = "yaml",
): Finding[] | undefined {
  if (refuseToCheck(text, format, config)) return undefined;
  const backlog = firstStories(text, format, stories, config.csv ? { csv: config.csv } : {});
  if (!backlog) return undefined;
  const check = storyChecker(
    backlog,
    activeRules(config, ruleSet).filter((a) => a.rule.checkStory),
  );
  const findings: Finding[] = [];
  for (const story of backlog.stories) for (const list of check(story).findings) findings.push(...list);
  return applySuppressions(text, findings, backlog.stories)
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)
    .slice(0, config.maxFindings ?? DEFAULT_MAX_FINDINGS);
}
