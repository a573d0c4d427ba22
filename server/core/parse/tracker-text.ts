// Tracker text as the rules read it: the cell or string as written, with its escapes and markup blanked out in
// place (same length), so every offset the rules compute in it is an offset in the file.
import type { Span } from "../model";

/**
 * A text of the same length as the source it was made from, character for character where the source is words;
 * `atoms` are the source runs that stand for something else (an escape, a tag, an entity, markup), relative to
 * the text's start: an edit may replace a whole atom but must not end inside one.
 */
export interface Projected {
  readonly text: string;
  readonly atoms: readonly Span[];
}

/** Text runs replaced in place: `[start, end)` of `chars` becomes `by`, padded with spaces to the run's length. */
function blank(chars: string[], atoms: Span[], start: number, end: number, by = ""): void {
  if (chars.length === 0) return;
  for (let k = start; k < end; k++) chars[k] = by[k - start] ?? " ";
  atoms.push({ start, end });
}

/** A CSV cell's content (between its quotes): read as written, its doubled quotes left as they are (punctuation). */
export function projectCsvContent(raw: string): Projected {
  const atoms: Span[] = [];
  for (let i = raw.indexOf('""'); i >= 0; i = raw.indexOf('""', i + 2)) atoms.push({ start: i, end: i + 2 });
  return { text: raw, atoms };
}

/**
 * A JSON string's content (between its quotes): `\n` becomes " \n" (the line break where the line ends), `\"` a
 * doubled quote, `\uXXXX` its character followed by spaces, the other escapes spaces or their character.
 */
export function projectJsonContent(raw: string): Projected {
  if (!raw.includes("\\")) return { text: raw, atoms: [] };
  const chars = [...raw].length === raw.length ? raw.split("") : Array.from({ length: raw.length }, (_, k) => raw[k] as string);
  const atoms: Span[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== "\\") continue;
    const e = raw[i + 1];
    if (e === "u" && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      const code = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      blank(chars, atoms, i, i + 6, /[\r\n\t]/.test(code) ? (code === "\n" ? "     \n" : "") : code);
      i += 5;
      continue;
    }
    const by = e === "n" ? " \n" : e === '"' ? '""' : e === "\\" ? "\\\\" : e === "/" ? " /" : "";
    blank(chars, atoms, i, Math.min(i + 2, raw.length), by);
    i++;
  }
  return { text: chars.join(""), atoms };
}

/** Adds the atoms of a second projection over the same text: the union, in order. */
const mergeAtoms = (a: readonly Span[], b: readonly Span[]): readonly Span[] =>
  a.length === 0 ? b : b.length === 0 ? a : [...a, ...b].sort((x, y) => x.start - y.start);

/** Block-level HTML tags: each ends a line of the text the rules read. */
const BLOCK_TAG = /^<\/?(?:div|p|br|li|ul|ol|h[1-6]|tr|table|blockquote)\b/i;
const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * HTML as Azure DevOps writes rich-text fields: tags blanked (a block tag ends its line, so `<li>` items and
 * `<br>` lines are lines), entities read as their character followed by spaces.
 */
export function blankHtml(p: Projected): Projected {
  const { text } = p;
  if (!/[<&]/.test(text)) return p;
  const chars = text.split("");
  const atoms: Span[] = [];
  const tag = /<\/?[A-Za-z][^<>]*>|&(#\d{1,6}|#x[0-9a-fA-F]{1,5}|[A-Za-z]{2,8});/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    if (m[0].startsWith("<")) {
      blank(chars, atoms, s, e, BLOCK_TAG.test(m[0]) ? " ".repeat(m[0].length - 1) + "\n" : "");
      continue;
    }
    const name = m[1] ?? "";
    const code = name.startsWith("#x") ? parseInt(name.slice(2), 16) : name.startsWith("#") ? parseInt(name.slice(1), 10) : undefined;
    const ch = code !== undefined ? (code === 160 ? " " : String.fromCodePoint(code)) : ENTITIES[name.toLowerCase()];
    if (ch !== undefined) blank(chars, atoms, s, e, ch);
  }
  return { text: chars.join(""), atoms: mergeAtoms(p.atoms, atoms) };
}

const JIRA_MARKUP_CHARS = /[*_#{}[\\-]|h[1-6]\./;

/**
 * Jira wiki markup read as text: headings (`h2. `), list bullets (`*`, `#`, `-`), `*bold*`, `_italic_`,
 * `{{monospace}}`, `{code}`/`{noformat}`/`{quote}`/`{panel}` macros, `[label|link]` and `\\` line breaks.
 */
export function blankJiraMarkup(p: Projected): Projected {
  const { text } = p;
  // Most cells hold no markup at all: one scan for its characters saves the patterns and the copy.
  if (!JIRA_MARKUP_CHARS.test(text)) return p;
  const chars = text.split("");
  const atoms: Span[] = [];
  const patterns: readonly RegExp[] = [
    /^[ \t]*(h[1-6]\.)[ \t]/gm,
    /^[ \t]*([*#-]+)[ \t]/gm,
    /\{\{|\}\}/g,
    /\{(?:code|noformat|quote|panel|color)(?::[^}]*)?\}/g,
    /\\\\/g,
    /(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])/g,
    /(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_])/g,
    /\[(?=[^\]|\n]*\|[^\]\n]*\])|\|[^\]\n]*\]/g,
  ];
  for (const pattern of patterns) {
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const group = m[1];
      const s = group !== undefined ? m.index + m[0].indexOf(group) : m.index;
      const e = s + (group ?? m[0]).length;
      if (e > s && !atoms.some((a) => s < a.end && e > a.start)) blank(chars, atoms, s, e);
    }
  }
  return atoms.length === 0 ? p : { text: chars.join(""), atoms: mergeAtoms(p.atoms, atoms) };
}

/** Markdown emphasis, inline code marks, heading marks and HTML comments of an issue body read as text. */
export function blankMarkdown(p: Projected): Projected {
  const { text } = p;
  if (!/[*_`#<]/.test(text)) return p;
  const chars = text.split("");
  const atoms: Span[] = [];
  const patterns: readonly RegExp[] = [/<!--[\s\S]*?-->/g, /^[ \t]*(#{1,6})[ \t]/gm, /\*\*|__|`/g];
  for (const pattern of patterns) {
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const group = m[1];
      const s = group !== undefined ? m.index + m[0].indexOf(group) : m.index;
      const e = s + (group ?? m[0]).length;
      if (e > s && !atoms.some((a) => s < a.end && e > a.start)) blank(chars, atoms, s, e, m[0].startsWith("<!--") ? "" : "");
    }
  }
  return atoms.length === 0 ? p : { text: chars.join(""), atoms: mergeAtoms(p.atoms, atoms) };
}
