// The one ordered list of rules: the engine, the docs meta-tests, settings and the CLI all read it.
import criteriaDuplicate from "./criteria-duplicate";
import criteriaGherkinStyle from "./criteria-gherkin-style";
import criteriaMissing from "./criteria-missing";
import criteriaOneWhen from "./criteria-one-when";
import criteriaOrder from "./criteria-order";
import criteriaTestable from "./criteria-testable";
import criteriaThen from "./criteria-then";
import definitionOfReady from "./definition-of-ready";
import dependsOn from "./depends-on";
import estimateScale from "./estimate-scale";
import backlogSchema from "./backlog-schema";
import configFile from "./config-file";
import fileNotChecked from "./file-not-checked";
import yamlSyntax from "./yaml-syntax";
import gherkinSyntax from "./gherkin-syntax";
import priorityUnique from "./priority-unique";
import type { Rule } from "./rule";
import sprintEventTimebox from "./sprint-event-timebox";
import sprintGoalMissing from "./sprint-goal-missing";
import sprintRefinementTimebox from "./sprint-refinement-timebox";
import storyAtomic from "./story-atomic";
import storyBenefit from "./story-benefit";
import storyBenefitRestates from "./story-benefit-restates";
import storyEstimatable from "./story-estimatable";
import storyId from "./story-id";
import storyMinimal from "./story-minimal";
import storyRolePersona from "./story-role-persona";
import storySolutionDetail from "./story-solution-detail";
import storyUniform from "./story-uniform";
import storyUnique from "./story-unique";
import storyVagueTerms from "./story-vague-terms";
import storyWellFormed from "./story-well-formed";

/** Every rule, in the order findings are reported for one story: file, sentence, set, criteria. */
export const rules: readonly Rule[] = [
  fileNotChecked,
  yamlSyntax,
  gherkinSyntax,
  backlogSchema,
  configFile,
  storyWellFormed,
  storyBenefit,
  storyRolePersona,
  storyAtomic,
  storyMinimal,
  storyBenefitRestates,
  storySolutionDetail,
  storyVagueTerms,
  storyEstimatable,
  storyUnique,
  storyUniform,
  storyId,
  priorityUnique,
  dependsOn,
  definitionOfReady,
  estimateScale,
  criteriaMissing,
  criteriaGherkinStyle,
  criteriaOrder,
  criteriaThen,
  criteriaOneWhen,
  criteriaTestable,
  criteriaDuplicate,
  sprintGoalMissing,
  sprintEventTimebox,
  sprintRefinementTimebox,
] as readonly Rule[];

const byId = new Map(rules.map((r) => [r.meta.id, r]));

/** A rule by its id, or undefined for an unknown id (a typo in a config, a rule from a newer version). */
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
