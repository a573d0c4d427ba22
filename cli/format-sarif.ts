// SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.
import { pathToFileURL } from "node:url";
import { rules } from "../server/core/rules/registry";
import { ruleDocsUrl } from "../server/core/rules/rule-docs";
import type { Severity } from "../server/core/model";
import type { FileResult } from "./lint";
import { VERSION } from "./version";

/** The parts of the SARIF 2.1.0 object model this output uses (names as in the standard). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: "2.1.0";
  readonly runs: readonly SarifRun[];
}

interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly version: string;
      readonly semanticVersion: string;
      readonly informationUri: string;
      readonly rules: readonly SarifRule[];
    };
  };
  readonly originalUriBaseIds: Readonly<Record<string, { readonly uri: string }>>;
  readonly columnKind: "utf16CodeUnits";
  readonly results: readonly SarifResult[];
}

interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly helpUri: string;
  readonly help: { readonly text: string };
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: { readonly tags: readonly string[] };
}

type SarifLevel = "error" | "warning" | "note";

interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
      readonly region: { readonly startLine: number; readonly startColumn: number; readonly endLine: number; readonly endColumn: number };
    };
  }[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
}

const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: "error", warning: "warning", info: "note", hint: "note" };

/** A small stable hash (FNV-1a), so that an alert keeps its identity when lines above it move. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** Percent-encodes each segment of a relative path for a SARIF (URI-reference) artifact location. */
const toUri = (path: string): string => path.split("/").map(encodeURIComponent).join("/");

/** The SARIF log of a run. `cwd` is the root the relative artifact URIs resolve against (%SRCROOT%). */
export function buildSarif(results: readonly FileResult[], cwd = process.cwd()): SarifLog {
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const sarifRules: SarifRule[] = rules.map((r) => ({
    id: r.meta.id,
    shortDescription: { text: r.meta.description },
    helpUri: ruleDocsUrl(r.meta.id),
    help: { text: `${r.meta.description} See ${ruleDocsUrl(r.meta.id)}` },
    defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
    properties: { tags: ["user-story", r.meta.source] },
  }));
  const sarifResults: SarifResult[] = results.flatMap((r) => {
    const fileLines = (r.analysis?.backlog.text ?? "").split(/\r\n|\r|\n/);
    return r.problems.map((p) => {
      const index = ruleIndex.get(p.ruleId);
      // The rule, the message and the flagged line's text identify an alert better than its line number.
      const lineText = fileLines[p.line - 1]?.trim() ?? "";
      return {
        ruleId: p.ruleId,
        ...(index !== undefined && { ruleIndex: index }),
        level: LEVEL[p.severity],
        message: { text: p.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(r.file.display), uriBaseId: "%SRCROOT%" },
              region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
            },
          },
        ],
        partialFingerprints: { "backlogCoachFinding/v1": `${fingerprint(`${p.ruleId}\u0000${lineText}`)}:1` },
      };
    });
  });
  const root = pathToFileURL(cwd.endsWith("/") || cwd.endsWith("\\") ? cwd : `${cwd}/`).href;
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "backlog-coach",
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: "https://github.com/backlog-coach/backlog-coach",
            rules: sarifRules,
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: root } },
        columnKind: "utf16CodeUnits",
        results: sarifResults,
      },
    ],
  };
}

export function formatSarif(results: readonly FileResult[]): string {
  return `${JSON.stringify(buildSarif(results), null, 2)}\n`;
}
