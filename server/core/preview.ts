// The first findings of a large YAML backlog or plain list, for the stories at its top, before the whole file is analysed.
import { activeRules, refuseToCheck, storyChecker } from "./analyze";
import { DEFAULT_MAX_FINDINGS, type CoachConfig } from "./config";
import type { Backlog, Finding, Story } from "./model";
import { lineBreakOf } from "./parse/text-lines";
import { shiftStory } from "./parse/story-move";
import { firstPlainStories } from "./parse/plain-stories";
import { layoutOf } from "./parse/yaml/layout";
import { readSkeleton, readStoryChunk } from "./parse/yaml/fast";
import { rules } from "./rules/registry";
import type { Rule } from "./rules/rule";
import { applySuppressions } from "./suppressions";

/**
 * The story rules' findings for the first `stories` stories of a YAML backlog or a plain story list: what an editor
 * shows first when it opens a large file, while the whole analysis (hundreds of milliseconds for 10,000 stories) is
 * still to come. Story rules look at one story and the backlog's header, so these findings are exactly the ones the
 * whole analysis gives those stories. Undefined when there is nothing to gain (a short list, a file not laid out as
 * a list of stories, a story that must be read with the rest of the file): the caller then just analyses it all.
 * Markdown has none: which heading depth holds its stories is voted by every section of the file.
 */
export function previewFindings(
  text: string,
  config: CoachConfig,
  stories: number,
  ruleSet: readonly Rule[] = rules,
  format: "yaml" | "plain" = "yaml",
): Finding[] | undefined {
  if (refuseToCheck(text, format, config)) return undefined;
  const backlog = format === "plain" ? firstPlainStories(text, stories) : firstYamlStories(text, stories);
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

/** The first `stories` stories of a YAML backlog read chunk by chunk, with its header; undefined as above. */
function firstYamlStories(text: string, stories: number): Backlog | undefined {
  const layout = layoutOf(text);
  if (!layout || layout.chunks.length <= stories) return undefined;
  const eol = lineBreakOf(text);
  const read: Story[] = [];
  for (const chunk of layout.chunks.slice(0, stories)) {
    const one = readStoryChunk(text.slice(chunk.start, chunk.end), layout.indent, eol, "middle");
    if (!one) return undefined;
    read.push(shiftStory(one.story, chunk.start, read.length));
  }
  const skeleton = readSkeleton(text, layout, layout.listEnd);
  if (!skeleton) return undefined;
  return { format: "yaml", text, stories: read, parseFindings: [], ...skeleton.header };
}
