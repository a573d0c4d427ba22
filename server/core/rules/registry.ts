// The one ordered list of rules: the engine, the docs meta-tests, settings and the CLI all read it.
import criteriaMissing from "./criteria-missing";
import { backlogSchema, fileNotChecked, yamlSyntax } from "./file-format-rules";
import type { Rule } from "./rule";
import sprintEventTimebox from "./sprint-event-timebox";
import sprintGoalMissing from "./sprint-goal-missing";
import sprintRefinementTimebox from "./sprint-refinement-timebox";
import storyBenefit from "./story-benefit";
import storyWellFormed from "./story-well-formed";

/** Every rule, in the order findings are reported for one story. */
export const rules: readonly Rule[] = [
  fileNotChecked,
  yamlSyntax,
  backlogSchema,
  storyWellFormed,
  storyBenefit,
  criteriaMissing,
  sprintGoalMissing,
  sprintEventTimebox,
  sprintRefinementTimebox,
] as readonly Rule[];

const byId = new Map(rules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
