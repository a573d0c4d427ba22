// Reads .backlog-coach.yaml against schemas/config.schema.json: the valid settings, and findings for the rest.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { isMap, isScalar, parseDocument, type Node as YamlNode } from "yaml";
import configSchema from "../../schemas/config.schema.json";
import { isSeveritySetting, type CoachConfig, type RuleSetting } from "./config";
import type { Finding, Span } from "./model";
import { editDistance } from "./nlp/similarity";
import { configFile } from "./rules/file-format-rules";
import { rules } from "./rules/registry";

// Defined with the other file names, which the client imports without this module's YAML and schema code.
export { CONFIG_FILE_NAME } from "./file-patterns";

/** What reading a config file gives: the settings that are valid, and findings on the ones that are not. */
export interface ConfigFileResult {
  readonly config: CoachConfig;
  readonly findings: readonly Finding[];
}

let validate: ValidateFunction | undefined;
function validator(): ValidateFunction {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  return validate;
}

const finding = (messageId: string, message: string, span: Span): Finding => ({
  ruleId: configFile.meta.id,
  messageId,
  message,
  severity: configFile.meta.defaultSeverity,
  span,
});

type Range = readonly [number, number, number];

/** The span of the node at a JSON-pointer path, or of its deepest existing ancestor. */
function spanAt(root: YamlNode | null, path: readonly string[], keyOf?: string): Span {
  let node: YamlNode | null = root;
  let span: Span = { start: 0, end: 0 };
  const take = (n: YamlNode | null | undefined): void => {
    const r = n?.range as Range | undefined;
    if (r) span = { start: r[0], end: r[1] };
  };
  take(node);
  for (const segment of [...path, ...(keyOf !== undefined ? [keyOf] : [])]) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    if (!pair) break;
    // The last segment of an "unknown key" error points at the key itself.
    if (keyOf !== undefined && segment === keyOf) {
      take(pair.key as YamlNode);
      break;
    }
    node = pair.value as YamlNode | null;
    take(node);
  }
  return span;
}

const pathOf = (instancePath: string): string[] =>
  instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `${pathOf(error.instancePath).join(".")}: ` : "";
  if (error.keyword === "enum") return `${where}must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
  if (error.keyword === "additionalProperties")
    return `${where}unknown key '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  return `${where}${error.message ?? "is not valid"}`;
}

/** Parses a config file's text. Never throws; anything invalid becomes a finding and is left out of the config. */
export function parseConfigFile(text: string): ConfigFileResult {
  const findings: Finding[] = [];
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: "error" });
  // An error at the end of the file (an unclosed bracket) is shown on the last line with content.
  const contentEnd = text.trimEnd().length;
  const lastLineStart = text.lastIndexOf("\n", contentEnd - 1) + 1;
  for (const e of doc.errors) {
    const atEnd = e.pos[0] >= contentEnd;
    const start = atEnd ? lastLineStart : e.pos[0];
    const end = atEnd ? contentEnd : Math.min(Math.max(e.pos[1], start + 1), text.length);
    findings.push(finding("syntax", e.message.split("\n")[0] ?? e.message, { start, end }));
  }
  if (doc.errors.length > 0) return { config: {}, findings };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    findings.push(finding("syntax", error instanceof Error ? error.message : String(error), { start: 0, end: 0 }));
    return { config: {}, findings };
  }
  if (data === null || data === undefined) return { config: {}, findings };
  const validateConfig = validator();
  const badRules = new Set<string>();
  let badTop = false;
  if (!validateConfig(data)) {
    // anyOf reports each branch's error: keep the most specific one per place.
    const seen = new Set<string>();
    const errors = [...(validateConfig.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
    for (const error of errors) {
      if (error.keyword === "anyOf") continue;
      const path = pathOf(error.instancePath);
      if (path[0] === "rules" && path[1] !== undefined) badRules.add(path[1]);
      else if (path[0] !== "rules") badTop = true;
      if (error.keyword === "additionalProperties" && path.length === 1 && path[0] === "rules") {
        const rule = (error.params as { additionalProperty: string }).additionalProperty;
        badRules.add(rule);
        const near = rules.map((r) => r.meta.id).sort((a, b) => editDistance(a, rule) - editDistance(b, rule))[0];
        const suggestion = near && editDistance(near, rule) <= 3 ? `: did you mean '${near}'?` : "";
        findings.push(finding("unknownRule", `There is no rule '${rule}'${suggestion}.`, spanAt(doc.contents, path, rule)));
        continue;
      }
      // One finding per rule setting (the deepest error), one per other place.
      const key = path[0] === "rules" && path[1] !== undefined ? `rules/${path[1]}` : error.instancePath;
      if (seen.has(key)) continue;
      seen.add(key);
      const extra =
        error.keyword === "additionalProperties" ? (error.params as { additionalProperty: string }).additionalProperty : undefined;
      findings.push(finding("schema", describe(error), spanAt(doc.contents, path, extra)));
    }
  }
  if (typeof data !== "object" || Array.isArray(data)) return { config: {}, findings };
  const raw = data as { rules?: Record<string, unknown>; maxFindings?: unknown; maxFileSize?: unknown };
  const ruleSettings: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(raw.rules && typeof raw.rules === "object" ? raw.rules : {})) {
    if (badRules.has(id)) continue;
    if (isSeveritySetting(setting) || (typeof setting === "object" && setting !== null)) ruleSettings[id] = setting as RuleSetting;
  }
  const config: CoachConfig = {
    rules: ruleSettings,
    ...(!badTop && typeof raw.maxFindings === "number" && { maxFindings: raw.maxFindings }),
    ...(!badTop && typeof raw.maxFileSize === "number" && { maxFileSize: raw.maxFileSize }),
  };
  return { config, findings };
}
