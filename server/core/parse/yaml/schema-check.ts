// Validates backlog data against schemas/backlog.schema.json and puts each violation where a locator says.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from "yaml";
import backlogSchema from "../../../../schemas/backlog.schema.json";
import type { Finding, Span } from "../../model";
import { MAX_ALIAS_COUNT } from "./backlog";

/** A path into the data, as JSON Pointer segments: keys are strings, list positions numbers. */
export type DataPath = readonly (string | number)[];

/**
 * Where a data path stands in the source. Both YAML readers provide one (the `yaml` library's document and
 * the fast reader's per-story nodes), so schema findings do not depend on which reader ran.
 */
export interface SchemaLocator {
  /** The range of the node at `path`, or of its deepest ancestor that exists. */
  nodeRange(path: DataPath): Span | undefined;
  /** The range of `key` in the mapping found for `path` (see `nodeRange`), when that node is a mapping with it. */
  keyRange(path: DataPath, key: string): Span | undefined;
}

/** Compiled once per process: compiling is the costly step, validating is cheap. */
let compiled: { root: ValidateFunction; story: ValidateFunction } | undefined;
function validators(): { root: ValidateFunction; story: ValidateFunction } {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const root = ajv.compile(backlogSchema);
    const story = ajv.getSchema(`${backlogSchema.$id}#/definitions/story`);
    if (!story) throw new Error("the backlog schema has no story definition");
    compiled = { root, story };
  }
  return compiled;
}

const pathOf = (instancePath: string): (string | number)[] =>
  instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

type Range = readonly [number, number, number];

/** Finds a mapping's pair the way `yaml`'s own `getIn` does, so both readers resolve paths alike. */
function pairIn(items: readonly unknown[], key: string | number): Pair<unknown, unknown> | undefined {
  for (const it of items as Pair<unknown, unknown>[]) {
    if (it.key === key || (isScalar(it.key) && it.key.value === key)) return it;
  }
  return undefined;
}

/** The child of a collection node at one path segment, mirroring `yaml`'s `getIn`. */
function childOf(node: YamlNode, segment: string | number): YamlNode | undefined {
  if (isMap(node)) return pairIn(node.items, segment)?.value as YamlNode | undefined;
  if (isSeq(node)) {
    const index = typeof segment === "number" ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
    return index >= 0 ? (node.items[index] as YamlNode | undefined) : undefined;
  }
  return undefined;
}

/** A locator over `yaml` nodes; `root` is the node that path [] names. */
export function yamlNodeLocator(root: YamlNode | null | undefined): SchemaLocator {
  const nodeAt = (path: DataPath): YamlNode | undefined => {
    let deepest = root?.range ? root : undefined;
    let node: YamlNode | undefined = root ?? undefined;
    for (const segment of path) {
      node = node ? childOf(node, segment) : undefined;
      if (!node) break;
      if (node.range) deepest = node;
    }
    return deepest;
  };
  return {
    nodeRange(path) {
      const range = nodeAt(path)?.range as Range | undefined;
      return range ? { start: range[0], end: range[1] } : undefined;
    },
    keyRange(path, key) {
      const node = nodeAt(path);
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p: Pair<unknown, unknown>) => (p.key as { value?: unknown } | null)?.value === key);
      const range = (pair?.key as YamlNode | undefined)?.range as Range | undefined;
      return range ? { start: range[0], end: range[1] } : undefined;
    },
  };
}

/** The first line of a node: a long mapping is marked on its first line only, not over many lines. */
function firstLine(text: string, span: Span): Span {
  const lineEnd = text.slice(span.start, span.end).search(/\r?\n/);
  return lineEnd > 0 ? { start: span.start, end: span.start + lineEnd } : span;
}

const label = (path: DataPath): string => {
  const last = [...path].reverse().find((p) => typeof p === "string");
  return last === undefined ? "the backlog" : `"${last}"`;
};

function describe(e: ErrorObject, path: DataPath): string {
  const where = label(path);
  switch (e.keyword) {
    case "additionalProperties":
      return `Unknown key "${String(e.params["additionalProperty"])}" in ${path.length === 0 ? "the backlog" : where}: the backlog schema does not define it.`;
    case "required":
      return `Missing required key "${String(e.params["missingProperty"])}".`;
    case "type":
      return `${where} must be of type ${String(e.params["type"]).replace(",", " or ")}.`;
    case "enum":
      return `${where} must be one of: ${(e.params["allowedValues"] as unknown[]).map(String).join(", ")}.`;
    case "anyOf":
      return `${where} has a form the backlog schema does not allow.`;
    case "minLength":
      return `${where} must not be empty.`;
    default:
      return `${where} ${e.message ?? "does not match the backlog schema"}.`;
  }
}

/** The value at a data path, or undefined when the path leads nowhere. */
function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** A key written with no value ("status:"): what to write there, with the allowed values where there is a list. */
function describeEmpty(e: ErrorObject, path: DataPath): string {
  const where = label(path);
  if (e.keyword === "enum")
    return `${where} has no value: write one of ${(e.params["allowedValues"] as unknown[]).map(String).join(", ")} (completion lists them), or remove the key.`;
  return `${where} has no value: write a ${String(e.params["type"]).replace(",", " or ")}, or remove the key.`;
}

/** An empty value has no text to mark: its key is marked instead. */
function emptySpan(locator: SchemaLocator, path: DataPath): Span | undefined {
  const key = path[path.length - 1];
  return typeof key === "string" ? locator.keyRange(path.slice(0, -1), key) : undefined;
}

function spanFor(locator: SchemaLocator, text: string, e: ErrorObject, path: DataPath): Span {
  const range = locator.nodeRange(path);
  if (!range) return { start: 0, end: Math.min(1, text.length) };
  if (e.keyword === "additionalProperties") {
    const key = locator.keyRange(path, String(e.params["additionalProperty"]));
    if (key) return key;
  }
  return firstLine(text, range);
}

/**
 * Findings for the data one validator checked. `prefix` is where that data stands in the whole backlog (a
 * story is validated alone, at ["stories", i]): messages name the whole path, the locator takes the rest.
 */
function findingsOf(validate: ValidateFunction, data: unknown, locator: SchemaLocator, text: string, prefix: DataPath): Finding[] {
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // An anyOf failure also reports each branch's failure; the anyOf message alone is the one a user needs.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  // A value with a list of allowed values that is also of the wrong type ("status:" left empty is null) gets one
  // message, which names the allowed values, instead of "must be of type string" and then the list.
  const enumPaths = new Set(errors.filter((e) => e.keyword === "enum").map((e) => e.instancePath));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const e of errors) {
    if (e.schemaPath.includes("/anyOf/") && [...anyOfPaths].some((p) => e.instancePath.startsWith(p))) continue;
    if (e.keyword === "type" && enumPaths.has(e.instancePath)) continue;
    const path = pathOf(e.instancePath);
    const empty = valueAt(data, path) === null && (e.keyword === "enum" || e.keyword === "type");
    const message = empty ? describeEmpty(e, [...prefix, ...path]) : describe(e, [...prefix, ...path]);
    const span = empty ? (emptySpan(locator, path) ?? spanFor(locator, text, e, path)) : spanFor(locator, text, e, path);
    const key = `${span.start}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ruleId: "backlog-schema", messageId: e.keyword, message, severity: "error", span });
  }
  return findings;
}

/** Schema findings for a whole backlog's data. */
export function checkBacklogData(data: unknown, locator: SchemaLocator, text: string): Finding[] {
  if (data === null || data === undefined) return [];
  return findingsOf(validators().root, data, locator, text, []);
}

/**
 * Schema findings for one story's data, validated alone against the story definition. The locator and `text`
 * are the story's own (its chunk), so the findings can be cached with the story and moved with it.
 */
export function checkStoryData(data: unknown, locator: SchemaLocator, text: string, index: number): Finding[] {
  return findingsOf(validators().story, data, locator, text, ["stories", index]);
}

/**
 * Schema findings for a document parsed by the `yaml` library. A failed alias expansion (too many aliases, or
 * a cycle) becomes one finding instead of an expansion: nothing in a backlog may make the checker use
 * unbounded memory.
 */
export function checkBacklogSchema(doc: Document.Parsed, text: string): Finding[] {
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return [
      {
        ruleId: "yaml-syntax",
        messageId: "aliases",
        message: `Not expanded: ${error instanceof Error ? error.message : String(error)}`,
        severity: "error",
        span: { start: 0, end: Math.min(text.length, Math.max(1, text.search(/\r?\n/))) },
      },
    ];
  }
  return checkBacklogData(data, yamlNodeLocator(doc.contents as YamlNode | null), text);
}
