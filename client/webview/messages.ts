// The typed messages between the sidebar webview and the extension host, with checks for what arrives on each side.
import type { BacklogHealth, StoryProblemSummary } from "../../server/protocol";
import type { Guidance, GuidanceEntry, GuidanceSource, RoleProfile, Timebox } from "../../server/core/guidance/types";

/** The sidebar's sections, in tab order. */
export const TAB_IDS = ["roles", "events", "terms", "skills", "careers", "health"] as const;
export type TabId = (typeof TAB_IDS)[number];

/** Host -> webview. */
export type HostMessage =
  | { readonly type: "guidance"; readonly guidance: Guidance }
  | { readonly type: "health"; readonly fileName: string | null; readonly health: BacklogHealth | null }
  /** Show one guidance entry (from a hover's "open in sidebar" link). */
  | { readonly type: "showEntry"; readonly id: string };

/** Webview -> host. */
export type WebviewMessage =
  | { readonly type: "ready" }
  | { readonly type: "reveal"; readonly uri: string; readonly line: number; readonly character: number }
  | { readonly type: "openRuleDocs"; readonly ruleId: string };

/** Entry and rule ids: kebab-case, so they are safe in element ids and command arguments. */
export const isId = (v: unknown): v is string => typeof v === "string" && /^[a-z][a-z0-9-]{0,80}$/.test(v);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const optional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);
const hasStrings = (v: Record<string, unknown>, keys: readonly string[]): boolean => keys.every((k) => isString(v[k]));

function isTimebox(v: unknown): v is Timebox {
  if (!isRecord(v)) return false;
  if (v["kind"] === "scaled") return isCount(v["oneMonthMinutes"]);
  if (v["kind"] === "fixed") return isCount(v["minutes"]);
  return v["kind"] === "none" || v["kind"] === "sprint";
}

const ENTRY_KINDS = new Set(["event", "activity", "accountability", "role", "artifact", "commitment", "invest", "practice"]);

function isEntry(v: unknown): v is GuidanceEntry {
  return (
    isRecord(v) &&
    isId(v["id"]) &&
    ENTRY_KINDS.has(String(v["kind"])) &&
    hasStrings(v, ["name", "summary"]) &&
    isStringList(v["aliases"]) &&
    isStringList(v["sources"]) &&
    typeof v["inScrumGuide"] === "boolean" &&
    optional(v["exactCase"], isStringList) &&
    optional(v["shortNames"], isStringList) &&
    optional(v["details"], isStringList) &&
    optional(v["timebox"], isTimebox) &&
    optional(v["participants"], isString) &&
    optional(v["correction"], isString) &&
    optional(v["pairedWith"], isId) &&
    optional(v["letter"], isString) &&
    optional(v["who"], (w) => isRecord(w) && Object.values(w).every(isString))
  );
}

const isSource = (v: unknown): v is GuidanceSource =>
  isRecord(v) &&
  isId(v["id"]) &&
  hasStrings(v, ["short", "title", "publisher"]) &&
  optional(v["author"], isString) &&
  optional(v["date"], isString) &&
  optional(v["url"], (u) => isString(u) && u.startsWith("https://"));

const PROFILE_LISTS = ["dayToDay", "skills", "metrics", "challenges", "background", "entryPoints", "careerLadder", "careerMoves"] as const;
const isProfile = (v: unknown): v is RoleProfile => isRecord(v) && isString(v["title"]) && PROFILE_LISTS.every((k) => isStringList(v[k]));

/** The whole guidance, checked field by field: the page renders nothing it has not checked. */
export function isGuidance(v: unknown): v is Guidance {
  if (!isRecord(v) || !Array.isArray(v["sources"]) || !Array.isArray(v["entries"]) || !Array.isArray(v["organisations"])) return false;
  const comparison = v["comparison"];
  const profiles = v["profiles"];
  const salaries = v["salaries"];
  return (
    v["sources"].every(isSource) &&
    v["entries"].every(isEntry) &&
    isRecord(comparison) &&
    isString(comparison["note"]) &&
    Array.isArray(comparison["rows"]) &&
    comparison["rows"].every(
      (r) => isRecord(r) && isId(r["id"]) && hasStrings(r, ["dimension", "productOwner", "productManager"]) && isStringList(r["sources"]),
    ) &&
    isRecord(profiles) &&
    isProfile(profiles["productOwner"]) &&
    isProfile(profiles["productManager"]) &&
    v["organisations"].every(
      (o) => isRecord(o) && isId(o["id"]) && hasStrings(o, ["name", "size", "split", "watchOut"]) && isStringList(o["sources"]),
    ) &&
    isRecord(salaries) &&
    isString(salaries["note"]) &&
    Array.isArray(salaries["ranges"]) &&
    salaries["ranges"].every((r) => isRecord(r) && hasStrings(r, ["source", "year", "basis", "productOwner", "productManager"]))
  );
}

const isStoryProblem = (v: unknown): v is StoryProblemSummary =>
  isRecord(v) && hasStrings(v, ["label", "topMessage"]) && isCount(v["line"]) && isCount(v["character"]) && isCount(v["findings"]);

/** A backlog's health as the server reports it. */
export function isHealth(v: unknown): v is BacklogHealth {
  return (
    isRecord(v) &&
    isString(v["uri"]) &&
    ["yaml", "markdown", "plain"].includes(String(v["format"])) &&
    ["stories", "wellFormed", "withBenefit", "withCriteria", "ready"].every((k) => isCount(v[k])) &&
    Array.isArray(v["findingsByRule"]) &&
    v["findingsByRule"].every((r) => isRecord(r) && isString(r["ruleId"]) && isCount(r["count"])) &&
    Array.isArray(v["worstStories"]) &&
    v["worstStories"].every(isStoryProblem) &&
    optional(v["sprintLength"], isString)
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
  return undefined;
}
