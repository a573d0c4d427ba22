// Every YAML text the core parses goes through here: nesting is bounded before `yaml` sees it.
import {
  isScalar,
  parseDocument,
  visit,
  YAMLParseError,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from "yaml";

/**
 * Deeper than this, `yaml`'s composer recurses so far that V8 can abort the whole process (100,000 nested
 * flow brackets: "RegExpCompiler Allocation failed - process out of memory", uncatchable) or it reports one
 * error per level. No backlog or config nests a tenth as deep.
 */
export const MAX_YAML_NESTING = 64;
/** Indentation beyond this many columns is nesting too: each level of a block collection indents further. */
export const MAX_YAML_INDENT = 1_000;

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** Where the text nests too deep, and the same text with those characters blanked (same length, same lines). */
interface Defused {
  readonly text: string;
  /** The first place that nests too deep, and how. */
  readonly at: number;
  readonly why: "brackets" | "indicators" | "indentation";
}

const isSpace = (c: string | undefined): boolean => c === " " || c === "\t";
const isBreak = (c: string | undefined): boolean => c === "\n" || c === "\r";

/**
 * Scans for nesting beyond the limits: flow brackets (outside quoted scalars, comments and block scalars),
 * compact block indicators on one line (`- - - x`, `? ? x`) and indentation. One pass, linear in the text;
 * undefined when nothing is too deep (every real file). What is too deep is replaced by spaces, so the parse of
 * the rest keeps its offsets: a bracket past the limit, an indicator past the limit, an over-indented line.
 */
export function defuseNesting(text: string): Defused | undefined {
  let chars: string[] | undefined;
  let first = -1;
  let why: Defused["why"] = "brackets";
  const blank = (from: number, to: number, cause: Defused["why"] = "brackets"): void => {
    // Code units, so that indexes stay string offsets; made only for a text that needs it.
    chars ??= text.split("");
    if (first < 0) {
      first = from;
      why = cause;
    }
    for (let k = from; k < to; k++) if (!isBreak(text[k])) chars[k] = " ";
  };
  let flow = 0;
  let blockScalarIndent = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line.
    let indent = 0;
    while (i + indent < n && text[i + indent] === " ") indent++;
    const lineStart = i;
    let lineEnd = i + indent;
    while (lineEnd < n && !isBreak(text[lineEnd])) lineEnd++;
    const blankLine = lineEnd === i + indent || text[i + indent] === "#";
    if (blockScalarIndent >= 0 && (blankLine || indent > blockScalarIndent)) {
      // Inside a block scalar (`notes: |`): its lines are text, whatever they contain.
      i = nextLine(text, lineEnd);
      continue;
    }
    blockScalarIndent = -1;
    if (indent > MAX_YAML_INDENT && flow === 0) {
      blank(lineStart, lineEnd, "indentation");
      i = nextLine(text, lineEnd);
      continue;
    }
    i += indent;
    // Compact indicators that open a level each: "- - - x".
    let compact = 0;
    while (i < lineEnd && (text[i] === "-" || text[i] === "?") && (isSpace(text[i + 1]) || i + 1 === lineEnd) && flow === 0) {
      compact++;
      if (compact > MAX_YAML_NESTING) blank(i, i + 1, "indicators");
      i++;
      while (i < lineEnd && isSpace(text[i])) i++;
    }
    // The rest of the line: values, flow collections, quotes, comments. Past the flow limit, everything up to
    // the bracket that closes the level (or the end of the line) is blanked: keys left inside would nest too.
    let valueStart = true;
    while (i < lineEnd) {
      const c = text[i];
      if (c === "#" && (i === lineStart || isSpace(text[i - 1])) && flow <= MAX_YAML_NESTING) break;
      if ((c === '"' || c === "'") && (flow > 0 || valueStart)) {
        const end = endOfQuoted(text, i, c);
        if (flow > MAX_YAML_NESTING) blank(i, Math.min(end, lineEnd));
        i = end;
        valueStart = false;
        if (i > lineEnd) {
          // A quoted scalar that goes on over lines: carry on after it.
          lineEnd = i;
          while (lineEnd < n && !isBreak(text[lineEnd])) lineEnd++;
        }
        continue;
      }
      const before = flow;
      const opens: boolean = (c === "[" || c === "{") && (flow > 0 || valueStart);
      if (opens) flow++;
      else if ((c === "]" || c === "}") && flow > 0) flow--;
      else if ((c === "|" || c === ">") && valueStart && flow === 0) {
        blockScalarIndent = indent;
        break;
      }
      // A bracket that opens or closes a level past the limit is blanked with what it holds.
      if (Math.max(before, flow) > MAX_YAML_NESTING) blank(i, i + 1);
      valueStart =
        opens || (c === "," && flow > 0) || (c === ":" && (isSpace(text[i + 1]) || i + 1 === lineEnd)) || (valueStart && isSpace(c));
      i++;
    }
    // Levels left open past the limit end with their line.
    if (flow > MAX_YAML_NESTING) flow = MAX_YAML_NESTING;
    i = nextLine(text, lineEnd);
  }
  return first >= 0 && chars ? { text: chars.join(""), at: first, why } : undefined;
}

function nextLine(text: string, lineEnd: number): number {
  if (text[lineEnd] === "\r" && text[lineEnd + 1] === "\n") return lineEnd + 2;
  return lineEnd + 1;
}

/** The offset just past a quoted scalar that starts at `start` (or the end of the text when it is not closed). */
function endOfQuoted(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === "\\") i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return text.length;
}

/** The error `yaml` gives a repeated key (same code and message), found in one pass per map. */
function reportDuplicateKeys(document: Document.Parsed): void {
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        const value = isScalar(key) ? key.value : key;
        if (value === null || typeof value === "object") continue;
        if (seen.has(value)) {
          const range = (key as { range?: [number, number, number] }).range;
          if (range) document.errors.push(new YAMLParseError([range[0], range[0] + 1], "DUPLICATE_KEY", "Map keys must be unique"));
        } else seen.add(value);
      }
    },
  });
  document.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

/**
 * `parseDocument` with nesting bounded: text nested beyond the limits is read as blanks, and the document gets
 * one error there that says so, instead of a crash or a hang. Errors `yaml` reports more than once at one place
 * (one per unclosed level) are kept once.
 */
export function parseYaml(text: string, options: Options): Document.Parsed {
  const defused = defuseNesting(text);
  let document: Document.Parsed;
  // `yaml` checks unique keys by comparing each key with every earlier one (10,000 keys: 2.6 s); the same check
  // is made here with a set per map.
  const uniqueKeys = options.uniqueKeys !== false;
  try {
    document = parseDocument(defused?.text ?? text, { ...options, uniqueKeys: false });
    if (uniqueKeys) reportDuplicateKeys(document);
  } catch (error) {
    // `yaml`'s parser can overflow the stack on shapes the scan does not bound: then nothing is read, and the
    // file says why, rather than the server going down.
    document = parseDocument("", options);
    document.errors.push(new YAMLParseError([0, Math.min(1, text.length)], "BAD_INDENT", `The YAML could not be read: ${String(error)}`));
  }
  if (defused) {
    document.errors.unshift(
      new YAMLParseError(
        [defused.at, defused.at + 1],
        "BAD_INDENT",
        defused.why === "indentation"
          ? `Indented more than ${MAX_YAML_INDENT} columns: Backlog Coach does not read lines nested that deep, and skips them`
          : `${defused.why === "brackets" ? "Brackets" : "List or key indicators"} nested more than ${MAX_YAML_NESTING} levels deep: Backlog Coach does not read deeper than that, and skips what is deeper`,
      ),
    );
  }
  const seen = new Set<string>();
  document.errors = document.errors.filter((e) => {
    const key = `${e.pos[0]}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return document;
}
