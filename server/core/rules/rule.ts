// The contract between a rule and the engine: metadata beside the logic, message ids, typed options.
import type { Backlog, Fix, RelatedPlace, Severity, Span, Story } from "../model";
import type { WorkspaceView } from "../workspace";

/** Where a rule's judgement comes from, shown in its docs and in the sidebar. */
/** "team practice": a convention many teams keep that the Scrum Guide does not contain (a Definition of Ready). */
export type RuleSource = "QUS" | "INVEST" | "acceptance criteria" | "Scrum Guide" | "team practice" | "file format" | "vague terms";

/** What a rule is, in one place: id, default severity, messages by id, what its options look like. */
export interface RuleMeta<Options extends object = object> {
  /** Kebab-case; the rule's file, docs page and fixture folder carry the same name. */
  readonly id: string;
  /** One line, in the imperative, shown in settings and docs. */
  readonly description: string;
  readonly source: RuleSource;
  readonly defaultSeverity: Severity;
  /** Message templates by message id; `{name}` is filled from the report's data. */
  readonly messages: Readonly<Record<string, string>>;
  readonly fixable: boolean;
  readonly defaultOptions: Options;
  /** JSON Schema (draft-07) of the rule's options in `.backlog-coach.yaml`. */
  readonly optionsSchema?: object;
}

/** What a rule hands to `report`; the engine adds the rule id, severity and the filled message. */
export interface RuleReport {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly span: Span;
  readonly storyIndex?: number;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedPlace[];
  readonly unnecessary?: boolean;
  /**
   * A lower severity for this finding than the rule's, for a finding that is a hint beside the rule's defects
   * (the same means for another role, next to duplicates). It never raises the rule's severity.
   */
  readonly atMost?: Severity;
}

/** What a rule sees while it runs. */
export interface RuleContext<Options extends object = object> {
  readonly backlog: Backlog;
  readonly options: Options;
  /**
   * What a backlog rule may keep between runs on one document (indexes it updates instead of rebuilding);
   * absent for one-off analyses. Findings must be the same with or without it.
   */
  readonly memory?: Map<string, unknown>;
  /**
   * The workspace's other backlog files, read-only, for backlog rules (ids, dependsOn and duplicates across files);
   * absent when the file is checked alone. Story rules never get it: their results are cached per story.
   */
  readonly workspace?: WorkspaceView;
  report(report: RuleReport): void;
}

/**
 * A rule. Story rules look at one story at a time (their results can be reused while the story is unchanged);
 * backlog rules look at the whole set (duplicates, uniformity, dependencies).
 */
export interface Rule<Options extends object = object> {
  readonly meta: RuleMeta<Options>;
  checkStory?(story: Story, context: RuleContext<Options>): void;
  checkBacklog?(backlog: Backlog, context: RuleContext<Options>): void;
}

/** Helps a rule module declare its options type once and have it inferred everywhere else. */
export function defineRule<Options extends object>(rule: Rule<Options>): Rule<Options> {
  return rule;
}
