// The typed messages between the sidebar webview and the extension host, with checks for what arrives.
import type { BacklogHealth } from "../../server/protocol";

/** A Scrum term with its hover text, as the sidebar lists it. */
export interface GuidanceTermView {
  readonly id: string;
  readonly name: string;
  readonly markdown: string;
}

/** Host -> webview. */
export type HostMessage =
  | { readonly type: "guidance"; readonly terms: readonly GuidanceTermView[] }
  | { readonly type: "health"; readonly fileName: string | null; readonly health: BacklogHealth | null };

/** Webview -> host. */
export type WebviewMessage =
  { readonly type: "ready" } | { readonly type: "reveal"; readonly uri: string; readonly line: number; readonly character: number };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** The host acts only on messages that pass this check: a webview is a page, and pages can be compromised. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value["type"] === "ready") return { type: "ready" };
  if (value["type"] === "reveal" && typeof value["uri"] === "string" && isCount(value["line"]) && isCount(value["character"])) {
    return { type: "reveal", uri: value["uri"], line: value["line"], character: value["character"] };
  }
  return undefined;
}

/** The page renders only messages that pass this check. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value["type"] === "guidance" && Array.isArray(value["terms"])) return value as unknown as HostMessage;
  if (value["type"] === "health" && (value["health"] === null || isRecord(value["health"]))) return value as unknown as HostMessage;
  return undefined;
}
