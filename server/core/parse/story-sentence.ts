// Splits a story sentence into role, means and ends with exact spans, knowing the phrasings real backlogs use.
import type { Span, StorySentence, TextPart } from "../model";

/**
 * Means phrasings after "I" / "we", longest first so that "I want to be able to" wins over "I want".
 * AQUSA's list plus the real phrasings it missed (FACTS.md section 1).
 */
const MEANS_AFTER_SPACE = [
  "want to be able to",
  "want to",
  "want",
  "would like to be able to",
  "would like to",
  "would like",
  "need to be able to",
  "need to",
  "need",
  "wish to be able to",
  "wish to",
  "am able to",
  "would be able to",
  "will be able to",
  "should be able to",
  "must be able to",
  "shall be able to",
  "can",
  "don't want to",
  "don't want",
  "do not want to",
  "do not want",
  "expect to be able to",
  "expect to",
];
const MEANS_CONTRACTED = ["'d like to be able to", "'d like to", "'d like", "'m able to"];

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");

const MEANS_PATTERN = new RegExp(
  `\\b(?:i|we)(?:\\s+(?:only|also|really|just|still|additionally|always|definitely|then))?(?:\\s+(?:${MEANS_AFTER_SPACE.map(escapeRegExp).join("|")})|(?:${MEANS_CONTRACTED.map(escapeRegExp).join("|")}))(?![\\w'])`,
  "g",
);

/** Role markers: "As a", "As an", "As the", or a bare "As" (4 corpus stories write "As <role>"). */
const ROLE_PATTERN = /^as(?:\s+(?:an?|the)(?=\s))?\s+/;

/**
 * Ends markers. A bare "so" counts only after a comma or before a subject, because "so" also appears
 * inside means ("do so", "so many").
 */
const ENDS_PATTERN =
  /\b(?:so\s+that|in\s+order\s+(?:to|that))\b|(?<=,\s*)\bso\b(?=\s+\S)|\bso(?=\s+(?:i|we|they|you|he|she|it|the|my|our|their|his|her|its|people|users|others|everyone|anyone|nobody)\b)/g;

/** Words whose final dot does not end a sentence. */
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|approx|incl|cf|no|dr|mr|mrs|ms|st|fig|min|max|ca)$/;

/**
 * Lower-cases and folds typographic quotes so patterns match, keeping every UTF-16 offset unchanged.
 * Only characters whose replacement is one code unit long are folded.
 */
export function foldForMatching(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u00a0/g, " ");
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** A part of `text` between two local offsets, trimmed of spaces and of the given edge punctuation. */
function trimmedPart(text: string, start: number, end: number, base: number, trailingPunctuation: RegExp): TextPart | undefined {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  for (;;) {
    const before = e;
    while (e > s && isSpace(text[e - 1])) e--;
    while (e > s && trailingPunctuation.test(text[e - 1] ?? "")) e--;
    if (e === before) break;
  }
  if (e <= s) return undefined;
  return { text: text.slice(s, e), span: { start: base + s, end: base + e } };
}

/** Where a second sentence starts after `from`, ignoring dots in abbreviations and inside brackets. */
function findTrailingStart(folded: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < folded.length; i++) {
    const c = folded[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if (depth === 0 && (c === "." || c === "!" || c === "?") && isSpace(folded[i + 1])) {
      if (c === "." && ABBREVIATIONS.test(folded.slice(Math.max(from, i - 8), i))) continue;
      let j = i + 1;
      while (j < folded.length && isSpace(folded[j])) j++;
      if (j < folded.length) return j;
    }
  }
  return undefined;
}

function firstMatch(pattern: RegExp, text: string, from: number, to: number): { start: number; end: number } | undefined {
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  if (!m || m.index >= to) return undefined;
  return { start: m.index, end: m.index + m[0].length };
}

/** Like firstMatch, skipping matches inside brackets: "(so the item appears in both)" is a remark, not the ends. */
function firstOutsideBrackets(pattern: RegExp, text: string, from: number, to: number): { start: number; end: number } | undefined {
  for (let at = from; at < to;) {
    const m = firstMatch(pattern, text, at, to);
    if (!m) return undefined;
    let depth = 0;
    for (let i = from; i < m.start; i++) {
      const c = text[i];
      if (c === "(" || c === "[" || c === "{") depth++;
      else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    }
    if (depth === 0) return m;
    at = m.end;
  }
  return undefined;
}

const marker = (text: string, m: { start: number; end: number }, base: number): TextPart => ({
  text: text.slice(m.start, m.end),
  span: { start: base + m.start, end: base + m.end },
});

/**
 * Parses one story sentence. `base` is the offset of `text` in the file, so every span is file-absolute.
 * Never throws: a sentence with no template words yields a result with only `text` and `span`.
 */
export function parseStorySentence(text: string, base = 0): StorySentence {
  const folded = foldForMatching(text);
  let start = 0;
  while (start < text.length && isSpace(text[start])) start++;
  let end = text.length;
  while (end > start && isSpace(text[end - 1])) end--;
  const span: Span = { start: base + start, end: base + end };
  const result: { -readonly [K in keyof StorySentence]: StorySentence[K] } = { text: text.slice(start, end), span };

  const roleMatch = ROLE_PATTERN.exec(folded.slice(start, end));
  const roleEnd = roleMatch ? start + roleMatch[0].length : start;
  if (roleMatch) {
    result.roleMarker = trimmedPart(text, start, roleEnd, base, /$^/);
  }

  const firstMeans = firstMatch(MEANS_PATTERN, folded, roleEnd, end);
  // "As a X, would like Y, so that I can Z": the only "I can" is in the benefit, so the story has no means marker.
  const endsBeforeMeans = firstMeans ? firstMatch(ENDS_PATTERN, folded, roleEnd, firstMeans.start) : undefined;
  const meansMatch = endsBeforeMeans ? undefined : firstMeans;
  const trailingStart = findTrailingStart(folded, meansMatch ? meansMatch.end : roleEnd);
  const clauseEnd = trailingStart !== undefined && trailingStart < end ? trailingStart : end;
  if (trailingStart !== undefined && trailingStart < end) {
    result.trailing = trimmedPart(text, trailingStart, end, base, /$^/);
  }

  if (roleMatch) {
    // Without a means marker the role most likely ends at the first comma ("As a user, search ...").
    const comma = folded.indexOf(",", roleEnd);
    const roleStop = meansMatch ? meansMatch.start : comma >= 0 && comma < clauseEnd ? comma : clauseEnd;
    const role = trimmedPart(text, roleEnd, roleStop, base, /[,;:.]/);
    if (role) result.role = role;
  }
  if (!meansMatch) return result;

  result.meansMarker = marker(text, meansMatch, base);
  const endsMatch = firstOutsideBrackets(ENDS_PATTERN, folded, meansMatch.end, clauseEnd);
  const means = trimmedPart(text, meansMatch.end, endsMatch ? endsMatch.start : clauseEnd, base, /[,;:.!?]/);
  if (means) result.means = means;
  if (endsMatch) {
    result.endsMarker = marker(text, endsMatch, base);
    const ends = trimmedPart(text, endsMatch.end, clauseEnd, base, /[,;:.!?]/);
    if (ends) result.ends = ends;
  }
  return result;
}
