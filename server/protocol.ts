// The custom LSP protocol between the client and the server: one typed module, imported by both sides.
import type { Guidance } from "./core/guidance/types";
import type { BacklogFormat } from "./core/model";

/** Health of one backlog file, for the sidebar. */
export interface BacklogHealth {
  readonly uri: string;
  readonly format: BacklogFormat;
  readonly stories: number;
  readonly wellFormed: number;
  readonly withBenefit: number;
  readonly withCriteria: number;
  readonly ready: number;
  /** Findings per severity, counted as the CLI's summary counts them (hints apart from info). */
  readonly findingsBySeverity: { readonly error: number; readonly warning: number; readonly info: number; readonly hint: number };
  /** Findings per rule id, most frequent first. */
  readonly findingsByRule: readonly { readonly ruleId: string; readonly count: number }[];
  /** The stories to look at first: ranked by their most severe finding (errors first), then by how many they have. */
  readonly worstStories: readonly StoryProblemSummary[];
  /** The sprint length as the backlog declares it ("2 weeks"), so the sidebar can scale timeboxes too. */
  readonly sprintLength?: string;
  /** Every finding (at most MAX_HEALTH_FINDINGS), for the sidebar's filters, "go to" and "fix". */
  readonly findings?: readonly FindingSummary[];
  /** How many findings `findings` left out (past MAX_HEALTH_FINDINGS). */
  readonly findingsLeftOut?: number;
  /** The first stories in rank order (`priority`, then file order) with how ready each is. */
  readonly nextStories?: readonly StoryReadiness[];
  /** The Sprint's stories and their estimates against its capacity, when the backlog gives either. */
  readonly sprint?: SprintLoad;
}

/** At most this many findings of a file are sent to the sidebar. */
export const MAX_HEALTH_FINDINGS = 300;
/** The sidebar's readiness picture shows this many stories. */
export const NEXT_STORIES = 12;

export type SeverityName = "error" | "warning" | "info" | "hint";

/** One finding as the sidebar lists it. */
export interface FindingSummary {
  readonly ruleId: string;
  readonly severity: SeverityName;
  readonly message: string;
  readonly line: number;
  readonly character: number;
  readonly endLine: number;
  readonly endCharacter: number;
  /** The story's id (or its sentence's start), its title and status, when the finding is on a story. */
  readonly story?: string;
  readonly title?: string;
  readonly status?: string;
  /** The rule offers a quick fix for it. */
  readonly fixable: boolean;
}

/** `ready`: status ready and it passes the readiness checks; `claimed`: status ready but it does not; else `notReady`. */
export type Readiness = "ready" | "claimed" | "notReady";

export interface StoryReadiness {
  readonly label: string;
  readonly title?: string;
  readonly status?: string;
  readonly rank?: string;
  readonly readiness: Readiness;
  readonly findings: number;
  readonly line: number;
  readonly character: number;
}

export interface SprintLoad {
  readonly capacity?: number;
  readonly stories: readonly {
    readonly label: string;
    readonly title?: string;
    /** Undefined when the story has no numeric estimate, or no story has the id. */
    readonly estimate?: number;
    readonly found: boolean;
  }[];
}

/** `backlogCoach/workspaceHealth`: the health of every backlog file the server checked, open or not, and in total. */
export const WorkspaceHealthRequest = "backlogCoach/workspaceHealth";

/** `backlogCoach/workspaceHealthChanged`: a workspace check (or a file's re-check) changed the workspace's health. */
export const WorkspaceHealthChangedNotification = "backlogCoach/workspaceHealthChanged";

export interface FileHealth {
  readonly uri: string;
  /** Its path in its workspace folder (with the folder's name in a multi-root workspace). */
  readonly fileName: string;
  readonly stories: number;
  readonly ready: number;
  readonly findingsBySeverity: { readonly error: number; readonly warning: number; readonly info: number; readonly hint: number };
  readonly open: boolean;
}

export interface WorkspaceHealth {
  /** Most errors first, then most warnings, then by name. */
  readonly files: readonly FileHealth[];
  readonly total: {
    readonly files: number;
    readonly stories: number;
    readonly ready: number;
    readonly findingsBySeverity: { readonly error: number; readonly warning: number; readonly info: number; readonly hint: number };
  };
  /** Why unopened files are not in it, when they are not (open files only, or no file access). */
  readonly note?: string;
}

export interface StoryProblemSummary {
  readonly label: string;
  /** The story's title, shown beside its id. */
  readonly title?: string;
  readonly line: number;
  readonly character: number;
  readonly findings: number;
  /** The severity of the story's most severe finding, whose message is `topMessage`. */
  readonly severity: "error" | "warning" | "info" | "hint";
  readonly topMessage: string;
}

export interface HealthParams {
  readonly uri: string;
}

/** `backlogCoach/health`: the health of an open backlog, or null when the file is not one. */
export const HealthRequest = "backlogCoach/health";

/** `backlogCoach/healthChanged`: the server tells the client a file's health changed (after an edit). */
export const HealthChangedNotification = "backlogCoach/healthChanged";

/** `backlogCoach/guidance`: the guidance content the sidebar shows. */
export const GuidanceRequest = "backlogCoach/guidance";

/** The result of `backlogCoach/guidance`: all the guidance data (see schemas/guidance.schema.json). */
export type GuidanceResult = Guidance;

/** The client command a hover's "open in sidebar" link runs, with one argument: a guidance entry id. */
export const SHOW_GUIDANCE_COMMAND = "backlogCoach.showGuidance";

/** What the VS Code client tells the server in `initializationOptions`; other editors send nothing. */
export interface CoachInitializationOptions {
  /** The client registers SHOW_GUIDANCE_COMMAND, so hovers may link to it. */
  readonly showGuidanceCommand?: boolean;
}

/**
 * `backlogCoach/readConfigFile`: the server in a web worker, which has no file system, asks the client for the text
 * of a workspace folder's `.backlog-coach.yaml`; the client reads it with `vscode.workspace.fs` and answers null
 * when there is none (or the uri is not a config file in a workspace folder).
 */
export const ReadConfigFileRequest = "backlogCoach/readConfigFile";

export interface ReadConfigFileParams {
  readonly uri: string;
}

/** The text of the config file, or null. */
export type ReadConfigFileResult = string | null;

/**
 * `backlogCoach/checkWorkspace`: the "Check Workspace" command asks the server to check every backlog file of the
 * workspace now (a check still running is cancelled); cancelling the request cancels the check.
 */
export const CheckWorkspaceRequest = "backlogCoach/checkWorkspace";

/** What a workspace check found; `limit` says which cap stopped it, when one did. */
export interface CheckWorkspaceResult {
  readonly files: number;
  readonly stories: number;
  readonly findingsBySeverity: { readonly error: number; readonly warning: number; readonly info: number; readonly hint: number };
  readonly cancelled: boolean;
  readonly limit?: string;
}

/**
 * `backlogCoach/listWorkspaceFiles`: a server without a file system (the web worker), or one whose workspace is not
 * on disk, asks the client for the backlog files of a workspace folder (`vscode.workspace.findFiles`), at most
 * `max` of them; the client answers null when the folder is not one of its workspace folders.
 */
export const ListWorkspaceFilesRequest = "backlogCoach/listWorkspaceFiles";

export interface ListWorkspaceFilesParams {
  readonly folder: string;
  readonly max: number;
  /**
   * Globs (`**\/...`) of the files the user opts in (tracker exports, spec and story Markdown), listed besides the
   * backlog file names; the server keeps those its config accepts. Absent from an older server: names only.
   */
  readonly include?: readonly string[];
}

export type ListWorkspaceFilesResult = string[] | null;

/**
 * `backlogCoach/readWorkspaceFile`: the text of one backlog file of a workspace folder, read by the client with
 * `vscode.workspace.fs`; null for a uri that is not a backlog file (by name, or a CSV, JSON or Markdown file the
 * globs can opt in) in a workspace folder, or cannot be read.
 */
export const ReadWorkspaceFileRequest = "backlogCoach/readWorkspaceFile";

export interface ReadWorkspaceFileParams {
  readonly uri: string;
}

export type ReadWorkspaceFileResult = string | null;
