// A JSON reader that keeps every value's source span (strings: their content between the quotes), and reads on
// past an error to the next object that parses, so one bad element does not hide the others.
import type { Span } from "../model";

export type JsonNode =
  | { readonly kind: "string"; readonly span: Span; readonly content: Span; readonly value: string }
  | { readonly kind: "number" | "boolean" | "null"; readonly span: Span; readonly value: number | boolean | null }
  | { readonly kind: "array"; readonly span: Span; readonly items: readonly JsonNode[] }
  | { readonly kind: "object"; readonly span: Span; readonly entries: ReadonlyMap<string, JsonNode> };

/** Where the text stops being JSON, and what was expected there. */
export interface JsonProblem {
  readonly at: number;
  readonly message: string;
}

class JsonError extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

/** Nesting deeper than this is refused, so a hostile file cannot exhaust the stack. */
const MAX_DEPTH = 64;

function readValue(text: string, at: number, depth: number): { node: JsonNode; end: number } {
  let i = skipSpace(text, at);
  const c = text[i];
  if (depth > MAX_DEPTH) throw new JsonError(i, `nesting deeper than ${MAX_DEPTH} levels is not read`);
  if (c === '"') return readString(text, i);
  if (c === "{") {
    const entries = new Map<string, JsonNode>();
    i = skipSpace(text, i + 1);
    if (text[i] === "}") return { node: { kind: "object", span: { start: at, end: i + 1 }, entries }, end: i + 1 };
    for (;;) {
      i = skipSpace(text, i);
      if (text[i] !== '"') throw new JsonError(i, "a key in double quotes was expected");
      const key = readString(text, i);
      i = skipSpace(text, key.end);
      if (text[i] !== ":") throw new JsonError(i, "':' was expected after the key");
      const value = readValue(text, i + 1, depth + 1);
      if (key.node.kind === "string" && !entries.has(key.node.value)) entries.set(key.node.value, value.node);
      i = skipSpace(text, value.end);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") return { node: { kind: "object", span: { start: skipSpace(text, at), end: i + 1 }, entries }, end: i + 1 };
      throw new JsonError(i, "',' or '}' was expected");
    }
  }
  if (c === "[") {
    const items: JsonNode[] = [];
    const start = i;
    i = skipSpace(text, i + 1);
    if (text[i] === "]") return { node: { kind: "array", span: { start, end: i + 1 }, items }, end: i + 1 };
    for (;;) {
      const value = readValue(text, i, depth + 1);
      items.push(value.node);
      i = skipSpace(text, value.end);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") return { node: { kind: "array", span: { start, end: i + 1 }, items }, end: i + 1 };
      throw new JsonError(i, "',' or ']' was expected");
    }
  }
  const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 40));
  if (!literal) throw new JsonError(i, i >= text.length ? "the text ends where a value was expected" : "a value was expected");
  const raw = literal[0];
  const end = i + raw.length;
  const span = { start: i, end };
  if (raw === "true" || raw === "false") return { node: { kind: "boolean", span, value: raw === "true" }, end };
  if (raw === "null") return { node: { kind: "null", span, value: null }, end };
  return { node: { kind: "number", span, value: Number(raw) }, end };
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /[ \t\r\n\ufeff]/.test(text[i] as string)) i++;
  return i;
}

function readString(text: string, at: number): { node: JsonNode; end: number } {
  let i = at + 1;
  let value = "";
  let run = i;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      value += text.slice(run, i);
      return { node: { kind: "string", span: { start: at, end: i + 1 }, content: { start: at + 1, end: i }, value }, end: i + 1 };
    }
    if (c === 10 || c === 13) throw new JsonError(i, "a line break inside a string must be written \\n");
    if (c === 92) {
      value += text.slice(run, i);
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e !== undefined && e in simple) {
        value += simple[e];
        i += 2;
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else throw new JsonError(i, "an unknown escape in a string");
      run = i;
      continue;
    }
    i++;
  }
  throw new JsonError(at, "this string is never closed");
}

/**
 * Reads a JSON array of objects (what `gh ... --json` prints). On an error, the elements read so far are kept,
 * the error is reported, and reading goes on at the next `{` that opens an object that parses whole.
 */
export function readJsonArray(
  text: string,
  elementKeys: readonly string[],
): { items: JsonNode[]; problems: JsonProblem[]; isArray: boolean } {
  const items: JsonNode[] = [];
  const problems: JsonProblem[] = [];
  let i = skipSpace(text, 0);
  if (text[i] !== "[") {
    try {
      const whole = readValue(text, i, 0);
      return { items: [whole.node], problems: [], isArray: false };
    } catch (error) {
      const at = error instanceof JsonError ? error.at : i;
      return { items: [], problems: [{ at, message: error instanceof Error ? error.message : String(error) }], isArray: false };
    }
  }
  i++;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] === "]") break;
    try {
      const value = readValue(text, i, 1);
      items.push(value.node);
      i = skipSpace(text, value.end);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") break;
      throw new JsonError(i, i >= text.length ? "the array is never closed" : "',' or ']' was expected");
    } catch (error) {
      const at = error instanceof JsonError ? error.at : i;
      problems.push({ at, message: error instanceof Error ? error.message : String(error) });
      // Resume at the next object after the error that reads whole.
      const next = nextObject(text, Math.max(at, i) + 1, elementKeys);
      if (next === undefined) break;
      i = next;
    }
  }
  return { items, problems, isArray: true };
}

/** Tries past an error at most this many places, so a hostile file costs a bounded time. */
const MAX_RESUME_TRIES = 2000;

/**
 * The offset of the next `{` from which an object with one of `keys` parses whole (an element of the array, not
 * an object nested in one); undefined when there is none.
 */
function nextObject(text: string, from: number, keys: readonly string[]): number | undefined {
  const pattern = /\{\s*"/g;
  pattern.lastIndex = from;
  let tries = 0;
  for (let m = pattern.exec(text); m && tries < MAX_RESUME_TRIES; m = pattern.exec(text), tries++) {
    try {
      const { node } = readValue(text, m.index, 1);
      if (node.kind === "object" && keys.some((k) => node.entries.has(k))) return m.index;
    } catch {
      // Not an object that parses whole: look further.
    }
  }
  return undefined;
}
