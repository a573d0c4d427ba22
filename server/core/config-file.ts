// Reads .backlog-coach.yaml against schemas/config.schema.json: the valid settings, and findings for the rest.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { isMap, isScalar, type Node as YamlNode, type Pair, type YAMLMap } from "yaml";
import { parseYaml } from "./parse/yaml/guard";
import configSchema from "../../schemas/config.schema.json";
import { isSeveritySetting, type CoachConfig, type RuleSetting } from "./config";
import type { Finding, Span } from "./model";
import { editDistance } from "./nlp/similarity";
import configFile from "./rules/config-file";
import { rules } from "./rules/registry";

// Defined with the other file names, which the client imports without this module's YAML and schema code.
export { CONFIG_FILE_NAME } from "./file-patterns";

/**
 * A config file larger than this is not read (one finding says so): a team's settings take a few hundred bytes,
 * and reading 10 MB of comments held the server for 10 s on every reload.
 */
export const MAX_CONFIG_FILE_SIZE = 256 * 1024;
/** Unknown rule ids past this many are counted in one finding, not given one each with a suggestion. */
const MAX_UNKNOWN_RULE_FINDINGS = 20;

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

/** A map's pairs by key, built once per map: finding each of 10,000 keys by a scan of the map was quadratic. */
const pairsByKey = new WeakMap<object, Map<string, Pair>>();
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairsByKey.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p as Pair);
    pairsByKey.set(map, index);
  }
  return index.get(key);
}

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
    const pair = pairOf(node, segment);
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

/** The rule id closest to a misspelt one, when it is at most three edits away. */
function nearestRuleId(id: string): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const rule of rules) {
    const distance = editDistance(rule.meta.id, id);
    if (!best || distance < best.distance) best = { id: rule.meta.id, distance };
  }
  return best && best.distance <= 3 ? best.id : undefined;
}

const isObject = (value: unknown): boolean => typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses a config file's text. Never throws; anything invalid becomes a finding and is left out of the config. */
export function parseConfigFile(text: string): ConfigFileResult {
  const findings: Finding[] = [];
  if (text.length > MAX_CONFIG_FILE_SIZE) {
    const message = `This config file is ${text.length.toLocaleString("en-US")} characters long, over the limit of ${MAX_CONFIG_FILE_SIZE.toLocaleString("en-US")}: it is not read, and the defaults apply.`;
    return { config: {}, findings: [finding("syntax", message, { start: 0, end: 0 })] };
  }
  const doc = parseYaml(text, { prettyErrors: false, uniqueKeys: true, logLevel: "error" });
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
  const badKeys = new Set<string>();
  let unknownRules = 0;
  if (!validateConfig(data)) {
    // anyOf reports each branch's error: keep the most specific one per place.
    const seen = new Set<string>();
    const errors = [...(validateConfig.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
    for (const error of errors) {
      if (error.keyword === "anyOf") continue;
      const path = pathOf(error.instancePath);
      if (path[0] === "rules" && path[1] !== undefined) badRules.add(path[1]);
      else if (path[0] !== "rules") {
        badTop = true;
        if (path[0] !== undefined) badKeys.add(path[0]);
      }
      if (error.keyword === "additionalProperties" && path.length === 1 && path[0] === "rules") {
        const rule = (error.params as { additionalProperty: string }).additionalProperty;
        badRules.add(rule);
        if (++unknownRules > MAX_UNKNOWN_RULE_FINDINGS) continue;
        const near = nearestRuleId(rule);
        const message = near ? `There is no rule '${rule}': did you mean '${near}'?` : `There is no rule '${rule}'.`;
        const span = spanAt(doc.contents, path, rule);
        // The suggestion as a fix, where the key is written as it reads (a plain scalar, not quoted or escaped).
        const fix =
          near && text.slice(span.start, span.end) === rule
            ? { title: `Change to '${near}'`, edits: [{ span, newText: near }], safe: false, preferred: true }
            : undefined;
        findings.push({ ...finding("unknownRule", message, span), ...(fix && { fixes: [fix] }) });
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
  if (unknownRules > MAX_UNKNOWN_RULE_FINDINGS) {
    const more = unknownRules - MAX_UNKNOWN_RULE_FINDINGS;
    findings.push(
      finding(
        "unknownRule",
        `${more.toLocaleString("en-US")} more rule ids here are not rules either; they are ignored.`,
        spanAt(doc.contents, ["rules"]),
      ),
    );
  }
  if (typeof data !== "object" || Array.isArray(data)) return { config: {}, findings };
  const raw = data as {
    rules?: Record<string, unknown>;
    maxFindings?: unknown;
    maxFileSize?: unknown;
    trackerFiles?: unknown;
    csv?: unknown;
    markdownFiles?: unknown;
  };
  const ruleSettings: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(raw.rules && typeof raw.rules === "object" ? raw.rules : {})) {
    if (badRules.has(id)) continue;
    if (isSeveritySetting(setting) || (typeof setting === "object" && setting !== null)) ruleSettings[id] = setting as RuleSetting;
  }
  const config: CoachConfig = {
    rules: ruleSettings,
    ...(!badTop && typeof raw.maxFindings === "number" && { maxFindings: raw.maxFindings }),
    ...(!badTop && typeof raw.maxFileSize === "number" && { maxFileSize: raw.maxFileSize }),
    // The tracker keys are taken when their own part of the file is valid, whatever else is not.
    ...(!badKeys.has("trackerFiles") && isObject(raw.trackerFiles) && { trackerFiles: raw.trackerFiles as CoachConfig["trackerFiles"] }),
    ...(!badKeys.has("csv") && isObject(raw.csv) && { csv: raw.csv as CoachConfig["csv"] }),
    ...(!badKeys.has("markdownFiles") &&
      Array.isArray(raw.markdownFiles) &&
      raw.markdownFiles.every((g) => typeof g === "string") && { markdownFiles: raw.markdownFiles as string[] }),
  };
  return { config, findings };
}
