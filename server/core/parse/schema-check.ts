// Validates a parsed YAML backlog against schemas/backlog.schema.json and puts each violation on its node.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { isMap, type Document, type Node as YamlNode, type Pair } from "yaml";
import backlogSchema from "../../../schemas/backlog.schema.json";
import type { Finding, Span } from "../model";
import { MAX_ALIAS_COUNT } from "./yaml-backlog";

/** Compiled once per process: compiling is the costly step, validating is cheap. */
let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(backlogSchema);
  return compiled;
}

const pathOf = (instancePath: string): (string | number)[] =>
  instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

type Range = readonly [number, number, number];

/** The node at a path, or the deepest ancestor that exists. */
function nodeAt(doc: Document.Parsed, path: (string | number)[]): YamlNode | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as YamlNode | undefined;
    if (node && (node.range as Range | undefined)) return node;
  }
  return undefined;
}

/** The first line of a node: a long mapping is marked on its first line only, not over many lines. */
function firstLine(text: string, span: Span): Span {
  const lineEnd = text.slice(span.start, span.end).search(/\r?\n/);
  return lineEnd > 0 ? { start: span.start, end: span.start + lineEnd } : span;
}

const label = (path: (string | number)[]): string => {
  const last = [...path].reverse().find((p) => typeof p === "string");
  return last === undefined ? "the backlog" : `"${last}"`;
};

function describe(e: ErrorObject): string {
  const path = pathOf(e.instancePath);
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

function spanFor(doc: Document.Parsed, text: string, e: ErrorObject): Span {
  const path = pathOf(e.instancePath);
  const node = nodeAt(doc, path);
  const range = node?.range as Range | undefined;
  if (!node || !range) return { start: 0, end: Math.min(1, text.length) };
  if (e.keyword === "additionalProperties" && isMap(node)) {
    const key = String(e.params["additionalProperty"]);
    const pair = node.items.find((p: Pair<unknown, unknown>) => (p.key as { value?: unknown } | null)?.value === key);
    const keyRange = (pair?.key as YamlNode | undefined)?.range as Range | undefined;
    if (keyRange) return { start: keyRange[0], end: keyRange[1] };
  }
  return firstLine(text, { start: range[0], end: range[1] });
}

/**
 * Schema findings for a parsed backlog. A failed alias expansion (too many aliases, or a cycle) becomes one
 * finding instead of an expansion: nothing in a backlog may make the checker use unbounded memory.
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
  if (data === null || data === undefined) return [];
  const validate = validator();
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // An anyOf failure also reports each branch's failure; the anyOf message alone is the one a user needs.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const e of errors) {
    if (e.schemaPath.includes("/anyOf/") && [...anyOfPaths].some((p) => e.instancePath.startsWith(p))) continue;
    const message = describe(e);
    const span = spanFor(doc, text, e);
    const key = `${span.start}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ruleId: "backlog-schema", messageId: e.keyword, message, severity: "error", span });
  }
  return findings;
}
