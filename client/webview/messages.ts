// The typed messages between the sidebar webview and the extension host, with checks for what arrives on each side.
import type {
  BacklogHealth,
  FileHealth,
  FindingSummary,
  StoryProblemSummary,
  StoryReadiness,
  WorkspaceHealth,
} from "../../server/protocol";
import { ENTRY_KINDS, PROFILE_LISTS, type Guidance, type GuidanceEntry, type Timebox } from "../../server/core/guidance/types";

/** The sidebar's sections, in tab order. */
export const TAB_IDS = ["roles", "events", "terms", "myths", "skills", "careers", "health"] as const;
export type TabId = (typeof TAB_IDS)[number];

/** Host -> webview. */
export type HostMessage =
  | { readonly type: "guidance"; readonly guidance: Guidance }
  | { readonly type: "health"; readonly fileName: string | null; readonly health: BacklogHealth | null }
  /** Show one guidance entry (from a hover's "open in sidebar" link). */
  | { readonly type: "showEntry"; readonly id: string }
  /** The workspace's health, per file and in total (null: the server has none to give yet). */
  | { readonly type: "workspace"; readonly workspace: WorkspaceHealth | null };

/** The commands the page may ask the host to run (the empty states' buttons): nothing else. */
export const PAGE_COMMANDS = ["newBacklog", "openBacklog", "checkWorkspace"] as const;
export type PageCommand = (typeof PAGE_COMMANDS)[number];

/** Where a finding is and which rule made it: what a "Fix" button sends, and what backlogCoach.applyFix takes. */
export interface FixTarget {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly ruleId: string;
}

/** Webview -> host. */
export type WebviewMessage =
  | { readonly type: "ready" }
  | { readonly type: "reveal"; readonly uri: string; readonly line: number; readonly character: number }
  | { readonly type: "openRuleDocs"; readonly ruleId: string }
  /** Apply the quick fix of the rule's finding at this range. */
  | ({ readonly type: "fix" } & FixTarget)
  | { readonly type: "command"; readonly command: PageCommand };

/** Entry and rule ids: kebab-case, so they are safe in element ids and command arguments. */
export const isId = (v: unknown): v is string => typeof v === "string" && /^[a-z][a-z0-9-]{0,80}$/.test(v);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const optional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);
const hasStrings = (v: Record<string, unknown>, keys: readonly string[]): boolean => keys.every((k) => isString(v[k]));

// ---- A small shape language for the guidance, so the check reads like the type it guards. ----

type Check = (v: unknown) => boolean;
/** An object with these fields (a field whose check accepts `undefined` is optional). */
const shape =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v) =>
    isRecord(v) && Object.entries(fields).every(([key, check]) => check(v[key]));
const listOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
const maybe =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const oneOf =
  (...values: readonly string[]): Check =>
  (v) =>
    isString(v) && values.includes(v);
const id: Check = isId;
const text: Check = isString;
const texts: Check = isStringList;
const role = oneOf("productOwner", "productManager", "both");

function isTimebox(v: unknown): v is Timebox {
  if (!isRecord(v)) return false;
  if (v["kind"] === "scaled") return isCount(v["oneMonthMinutes"]);
  if (v["kind"] === "fixed") return isCount(v["minutes"]);
  return v["kind"] === "none" || v["kind"] === "sprint";
}

const isEntry = shape({
  id,
  kind: oneOf(...ENTRY_KINDS),
  name: text,
  summary: text,
  aliases: texts,
  sources: texts,
  inScrumGuide: (v) => typeof v === "boolean",
  exactCase: maybe(texts),
  shortNames: maybe(texts),
  details: maybe(texts),
  timebox: maybe(isTimebox),
  participants: maybe(text),
  correction: maybe(text),
  pairedWith: maybe(id),
  refersTo: maybe(id),
  letter: maybe(text),
  who: maybe((w) => isRecord(w) && Object.values(w).every(isString)),
}) as (v: unknown) => v is GuidanceEntry;

const isSource = shape({
  id,
  short: text,
  title: text,
  publisher: text,
  author: maybe(text),
  date: maybe(text),
  url: maybe((u) => isString(u) && u.startsWith("https://")),
});

const isProfile = shape({
  title: text,
  sources: shape(Object.fromEntries(PROFILE_LISTS.map((k) => [k, texts]))),
  ...Object.fromEntries(PROFILE_LISTS.map((k) => [k, texts])),
});

const sourced = (fields: Readonly<Record<string, Check>>): Check => shape({ id, sources: texts, ...fields });
const section = (items: Check): Check => shape({ note: text, sources: texts, items: listOf(items) });

/** The whole guidance, checked field by field: the page renders nothing it has not checked. */
export const isGuidance = shape({
  sources: listOf(isSource),
  entries: listOf(isEntry),
  comparison: shape({ note: text, rows: listOf(sourced({ dimension: text, productOwner: text, productManager: text })) }),
  profiles: shape({ productOwner: isProfile, productManager: isProfile }),
  organisations: listOf(sourced({ name: text, size: text, split: text, watchOut: text })),
  decisions: shape({
    note: text,
    rows: listOf(
      shape({
        id,
        decision: text,
        cells: listOf(shape({ who: text, basis: oneOf("scrum-guide", "convention"), section: maybe(text), sources: texts })),
      }),
    ),
  }),
  shared: listOf(sourced({ topic: text, text })),
  combinedRole: shape({ note: text, sources: texts, risks: listOf(sourced({ risk: text, why: text, remedy: text })) }),
  contradictions: shape({
    note: text,
    items: listOf(shape({ id, question: text, verdict: text, settledBy: maybe(id), claims: listOf(shape({ source: id, says: text })) })),
  }),
  selfCheck: shape({
    note: text,
    sources: texts,
    questions: listOf(sourced({ question: text, productOwner: text, productManager: text })),
  }),
  dayInTheLife: shape({
    note: text,
    days: listOf(sourced({ role, title: text, setting: text, slots: listOf(shape({ time: text, activity: text })) })),
  }),
  interviews: shape({
    note: text,
    roles: listOf(shape({ role: oneOf("productOwner", "productManager"), focus: texts, questions: texts, bring: texts, sources: texts })),
  }),
  careerMove: shape({ ceiling: text, steps: texts, sources: texts }),
  certifications: section(sourced({ name: text, issuer: text, role, format: text, worth: text })),
  industries: section(sourced({ industry: text, text })),
  salaries: shape({
    note: text,
    sets: listOf(
      shape({
        id,
        source: id,
        year: maybe(text),
        basis: text,
        overall: maybe(
          shape({
            label: text,
            productOwner: text,
            productManager: text,
            productOwnerAverage: maybe(text),
            productManagerAverage: maybe(text),
          }),
        ),
        levels: maybe(listOf(shape({ level: text, productOwner: maybe(text), productManager: maybe(text), note: maybe(text) }))),
        notes: maybe(texts),
      }),
    ),
  }),
  kpis: shape({ note: text, items: listOf(sourced({ name: text, role, definition: text, caution: maybe(text) })) }),
}) as (v: unknown) => v is Guidance;

const isStoryProblem = (v: unknown): v is StoryProblemSummary =>
  isRecord(v) &&
  hasStrings(v, ["label", "topMessage"]) &&
  optional(v["title"], isString) &&
  isCount(v["line"]) &&
  isCount(v["character"]) &&
  isCount(v["findings"]) &&
  SEVERITIES.includes(String(v["severity"]));

const SEVERITIES = ["error", "warning", "info", "hint"];

const isCounts = (v: unknown): boolean => isRecord(v) && SEVERITIES.every((k) => isCount(v[k]));

const isFinding = (v: unknown): v is FindingSummary =>
  isRecord(v) &&
  hasStrings(v, ["ruleId", "message"]) &&
  SEVERITIES.includes(String(v["severity"])) &&
  ["line", "character", "endLine", "endCharacter"].every((k) => isCount(v[k])) &&
  typeof v["fixable"] === "boolean" &&
  ["story", "title", "status"].every((k) => optional(v[k], isString));

const isReadiness = (v: unknown): v is StoryReadiness =>
  isRecord(v) &&
  isString(v["label"]) &&
  ["title", "status", "rank"].every((k) => optional(v[k], isString)) &&
  ["ready", "claimed", "notReady"].includes(String(v["readiness"])) &&
  ["findings", "line", "character"].every((k) => isCount(v[k]));

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

const isSprintLoad = (v: unknown): boolean =>
  isRecord(v) &&
  optional(v["capacity"], isFiniteNumber) &&
  Array.isArray(v["stories"]) &&
  v["stories"].every(
    (s) =>
      isRecord(s) &&
      isString(s["label"]) &&
      optional(s["title"], isString) &&
      optional(s["estimate"], isFiniteNumber) &&
      typeof s["found"] === "boolean",
  );

const isFileHealth = (v: unknown): v is FileHealth =>
  isRecord(v) &&
  hasStrings(v, ["uri", "fileName"]) &&
  isCount(v["stories"]) &&
  isCount(v["ready"]) &&
  isCounts(v["findingsBySeverity"]) &&
  typeof v["open"] === "boolean";

/** The workspace's health as the server reports it. */
export function isWorkspaceHealth(v: unknown): v is WorkspaceHealth {
  if (!isRecord(v) || !Array.isArray(v["files"]) || !v["files"].every(isFileHealth) || !optional(v["note"], isString)) return false;
  const total = v["total"];
  return isRecord(total) && ["files", "stories", "ready"].every((k) => isCount(total[k])) && isCounts(total["findingsBySeverity"]);
}

/** A backlog's health as the server reports it. */
export function isHealth(v: unknown): v is BacklogHealth {
  return (
    isRecord(v) &&
    isString(v["uri"]) &&
    ["yaml", "markdown", "plain", "gherkin", "csv", "github-issues"].includes(String(v["format"])) &&
    ["stories", "wellFormed", "withBenefit", "withCriteria", "ready"].every((k) => isCount(v[k])) &&
    isRecord(v["findingsBySeverity"]) &&
    SEVERITIES.every((k) => isCount((v["findingsBySeverity"] as Record<string, unknown>)[k])) &&
    Array.isArray(v["findingsByRule"]) &&
    v["findingsByRule"].every((r) => isRecord(r) && isString(r["ruleId"]) && isCount(r["count"])) &&
    Array.isArray(v["worstStories"]) &&
    v["worstStories"].every(isStoryProblem) &&
    optional(v["sprintLength"], isString) &&
    optional(v["findings"], (f) => Array.isArray(f) && f.every(isFinding)) &&
    optional(v["findingsLeftOut"], isCount) &&
    optional(v["nextStories"], (n) => Array.isArray(n) && n.every(isReadiness)) &&
    optional(v["sprint"], isSprintLoad)
  );
}

/** The host acts only on messages that pass this check: a webview is a page, and pages can be compromised. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value["type"] === "ready") return { type: "ready" };
  if (value["type"] === "reveal" && isString(value["uri"]) && isCount(value["line"]) && isCount(value["character"])) {
    return { type: "reveal", uri: value["uri"], line: value["line"], character: value["character"] };
  }
  if (value["type"] === "openRuleDocs" && isId(value["ruleId"])) return { type: "openRuleDocs", ruleId: value["ruleId"] };
  if (
    value["type"] === "fix" &&
    isString(value["uri"]) &&
    isId(value["ruleId"]) &&
    isCount(value["line"]) &&
    isCount(value["character"]) &&
    isCount(value["endLine"]) &&
    isCount(value["endCharacter"])
  ) {
    return {
      type: "fix",
      uri: value["uri"],
      ruleId: value["ruleId"],
      line: value["line"],
      character: value["character"],
      endLine: value["endLine"],
      endCharacter: value["endCharacter"],
    };
  }
  if (value["type"] === "command" && PAGE_COMMANDS.includes(value["command"] as PageCommand))
    return { type: "command", command: value["command"] as PageCommand };
  return undefined;
}

/** The page renders only messages that pass this check. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value["type"] === "guidance" && isGuidance(value["guidance"])) return { type: "guidance", guidance: value["guidance"] };
  if (
    value["type"] === "health" &&
    (value["fileName"] === null || isString(value["fileName"])) &&
    (value["health"] === null || isHealth(value["health"]))
  ) {
    return { type: "health", fileName: value["fileName"], health: value["health"] };
  }
  if (value["type"] === "showEntry" && isId(value["id"])) return { type: "showEntry", id: value["id"] };
  if (value["type"] === "workspace" && (value["workspace"] === null || isWorkspaceHealth(value["workspace"])))
    return { type: "workspace", workspace: value["workspace"] };
  return undefined;
}
