// Splits a story sentence into role, means and ends with exact spans, knowing the phrasings real backlogs use.
import type { Span, StorySentence, TextPart } from "../model";
import { isPlaceholder } from "../nlp/placeholder";
import { insideBrackets, purposeMarker, soClauseMarker } from "./purpose-clause";

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
  // A tense slip of non-native writers ("As a visitor I wanted to donate ..."): still the means.
  "wanted to be able to",
  "wanted to",
];
const MEANS_CONTRACTED = ["'d like to be able to", "'d like to", "'d like", "'m able to"];

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");

const MEANS_PATTERN = new RegExp(
  `\\b(?:i|we)(?:\\s+(?:only|also|really|just|still|additionally|always|definitely|then))?(?:\\s+(?:${MEANS_AFTER_SPACE.map(escapeRegExp).join("|")})|(?:${MEANS_CONTRACTED.map(escapeRegExp).join("|")}))(?![\\w'])`,
  "g",
);

/** Role markers: "As a", "As an", "As the", or a bare "As" (4 corpus stories write "As <role>"). */
const ROLE_PATTERN = /^as(?:\s+(?:an?|the)(?=\s))?\s+/;

/** Words that open a noun phrase: after ", to" or ", for" they make a destination or a scope, not a purpose. */
const NOUN_OPENERS =
  "the|a|an|this|that|these|those|each|every|all|any|some|both|other|another|me|us|them|him|it|one|two|three|several|many|more|most|no|example|instance|[0-9]";

/** "..., to my inbox" is a destination; "..., for my records" a purpose. */
const POSSESSIVES = "my|our|your|their|his|her|its";

/** ", so I want ...": a further request run on after the means, not a benefit (story-minimal reports it). */
const NOT_A_FURTHER_WANT = String.raw`(?!\s+(?:i|we)\s+(?:also\s+)?(?:want|would\s+like|'d\s+like|need|wish)\b)`;
/** "so" that opens a clause of its own ("so patients cannot book", "so patrons are able to"): 1-3 words, then a modal. */
const SO_CLAUSE = String.raw`\bso${NOT_A_FURTHER_WANT}(?=(?:\s+[a-z'-]+){1,3}\s+(?:can|cannot|can't|could|couldn't|will|won't|would|wouldn't|may|might|must|should|shall|are|is|aren't|isn't|do|does|don't|doesn't|get|gets|have|has|need|needs|know|knows)\b)(?!\s+(?:many|much|far|long|often|on|forth|as|called)\b)`;
const CLAUSE_ENDS = [
  String.raw`\b(?:so\s+that|so\s+as\s+to|in\s+order\s+(?:to|that|for)|for\s+to)\b`,
  String.raw`(?<=,\s*)\bso\b${NOT_A_FURTHER_WANT}(?=\s+\S)`,
  String.raw`\bso${NOT_A_FURTHER_WANT}(?=\s+(?:i|we|they|you|he|she|it|the|my|our|their|his|her|its|people|users|others|everyone|anyone|nobody)\b)`,
  SO_CLAUSE,
  String.raw`\bbecause\b`,
  String.raw`\bdue\s+to\b`,
  // Purposes said with "for" and no comma: "for clarity", "for ease of browsing", "for the purpose of ...".
  String.raw`\bfor(?=\s+(?:clarity|ease\s+of|the\s+purposes?\b|purposes?\s+of|reference|compliance|security\s+reasons|auditing|audit\s+purposes|convenience|transparency)\b)`,
  String.raw`\bin\s+support\s+of\b`,
  // "in order research ...": "in order to" with its "to" lost.
  String.raw`\bin\s+order(?=\s+(?!of\b|to\b|that\b|for\b)[a-z])`,
];
/**
 * Ends markers. A bare "so" counts only after a comma or before a subject, because "so" also appears
 * inside means ("do so", "so many"). "since" is a reason after a comma or before a subject ("since I travel"),
 * not in "changes since the last release". After a comma, "to <verb>" and "for <purpose>" say why
 * ("..., to share it with my team", "..., for clarity"), unless a noun phrase follows ("..., to the customers").
 */
const ENDS_PATTERN = new RegExp(
  [
    ...CLAUSE_ENDS,
    String.raw`(?<=,\s*)\bsince\b`,
    String.raw`(?<=,\s*)\bas(?=\s+(?:i|we|they|it|there|the|this|my|our)\s)`,
    // "since we collected it" after a time that has passed is a time, not a reason.
    String.raw`(?<!\b(?:passed|elapsed|ever|gone|changed|ago)\s+)\bsince(?=\s+(?:i|we|they|you|he|she|there)\b)`,
    String.raw`(?<=,\s*)\bto(?=\s+(?!(?:${NOUN_OPENERS}|${POSSESSIVES})\b)[a-z])`,
    String.raw`(?<=,\s*)\bfor(?=\s+(?!(?:${NOUN_OPENERS})\b)[a-z])`,
  ].join("|"),
  "g",
);
/**
 * The markers that can stand before a means marker that belongs to the benefit ("As a X, would like Y, so that
 * I can Z"); not ", to" or ", for", which may close a role ("As a manager, for audits, I want ...").
 */
const ENDS_BEFORE_MEANS = new RegExp(CLAUSE_ENDS.join("|"), "g");

/**
 * A means phrase without its "I" ("As a manager, would like to ...", "As a shift lead need to ..."): the story's
 * means all the same, which story-well-formed reports as missing its subject. Only the phrasings that cannot
 * be read otherwise: "want to", "would like", "need to", not a bare "want" or "can".
 */
const SUBJECTLESS_MEANS = new RegExp(
  `\\b(?:${[...MEANS_AFTER_SPACE.filter((m) => / to\b|like/.test(m) && !/^(?:don't|do not)/.test(m)), "wants to", "needs to", "wishes to"]
    .map(escapeRegExp)
    .join("|")})(?![\\w'])`,
  "g",
);

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

/** "and to" / "or to" later in the clause: a ", to <verb>" before it is one item of a list of actions, not a purpose. */
const LATER_INFINITIVE = /\b(?:and|or)\s+to\s+[a-z]/g;

/**
 * The first ends marker of `text` in [from, to), skipping markers inside brackets ("(so the item appears in
 * both)" is a remark, not the ends) and a ", to" that opens one item of a list ("..., to set a date, and to have").
 */
function firstEndsMarker(text: string, from: number, to: number): { start: number; end: number } | undefined {
  for (let at = from; at < to;) {
    const m = firstMatch(ENDS_PATTERN, text, at, to);
    if (!m) break;
    at = m.end;
    if (insideBrackets(text, from, m.start)) continue;
    const comma = m.end - m.start <= 3 && (text.startsWith("to", m.start) || text.startsWith("for", m.start));
    if (comma && text.startsWith("to", m.start) && firstMatch(LATER_INFINITIVE, text, m.end, to)) continue;
    // ", in all useful forms, for my collections": a comma that closes an aside, not one before a purpose.
    if (comma && text.slice(from, m.start).replace(/,\s*$/, "").includes(",")) continue;
    return m;
  }
  // No marker: a clause after "so", or a purpose clause, may still say why ("so new episodes appear", "browse
  // content by subject to locate resources").
  return soClauseMarker(text, from, to) ?? purposeMarker(text, from, to);
}

/**
 * Whether a sentence gives a benefit: an ends that is not a placeholder ("so that <benefit>", "so that TBD", "so
 * that I can ..." give none). The one test the rules, the health view and the CLI share.
 */
export function givesBenefit(sentence: StorySentence | undefined): boolean {
  if (!sentence?.ends) return false;
  // The trimmed ends has lost a final "..." ("so that I can ..."): read it off the sentence's end, without a copy.
  const text = sentence.text;
  const ellipsis = text.endsWith("..") || text.endsWith("\u2026");
  return !isPlaceholder(ellipsis ? `${sentence.ends.text} ...` : sentence.ends.text);
}

/** Whether a means marker has its first person ("I want", "we need", "I'd like"); the parser also reads one without it. */
export function hasSubject(marker: TextPart | undefined): boolean {
  return /^(?:i|we)(?![\p{L}])/iu.test(marker?.text ?? "");
}

/**
 * Whether a sentence names a role and a means with its first person ("I want", not a bare "want"), neither of them
 * a placeholder left for later ("As a <role>", "I want TBD"): well formed. The rules, the health view and the CLI
 * share it.
 */
export function isWellFormed(sentence: StorySentence | undefined): boolean {
  return (
    sentence?.role !== undefined &&
    sentence.means !== undefined &&
    hasSubject(sentence.meansMarker) &&
    !isPlaceholder(sentence.role.text) &&
    !isPlaceholder(sentence.means.text)
  );
}

/**
 * The ends marker of a benefit cut off by a full stop ("... the body of the article. So that I can finish it."),
 * lower-cased with single spaces; story-minimal reports the second sentence.
 */
export function trailingEndsMarker(sentence: StorySentence | undefined): string | undefined {
  const found = /\b(?:so\s+that|in\s+order\s+to)\b/i.exec(sentence?.trailing?.text ?? "");
  return found?.[0].toLowerCase().replace(/\s+/g, " ");
}

/** Whether `text` holds an ends marker anywhere (inside brackets too): "(so that the item appears in both)". */
export function holdsEndsMarker(text: string): boolean {
  return firstMatch(ENDS_PATTERN, foldForMatching(text), 0, text.length) !== undefined;
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
  const endsBeforeMeans = firstMeans ? firstMatch(ENDS_BEFORE_MEANS, folded, roleEnd, firstMeans.start) : undefined;
  const subjectMeans = endsBeforeMeans ? undefined : firstMeans;
  const bareMeans = !subjectMeans && roleMatch ? firstMatch(SUBJECTLESS_MEANS, folded, roleEnd, end) : undefined;
  const meansMatch =
    subjectMeans ?? (bareMeans && !firstMatch(ENDS_BEFORE_MEANS, folded, roleEnd, bareMeans.start) ? bareMeans : undefined);
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
  // Without a means marker, a benefit may still follow the role ("As a manager, would like X, so that Y").
  if (!meansMatch) {
    const endsMatch = roleMatch ? firstEndsMarker(folded, roleEnd, clauseEnd) : undefined;
    if (endsMatch) {
      result.endsMarker = marker(text, endsMatch, base);
      const ends = trimmedPart(text, endsMatch.end, clauseEnd, base, /[,;:.!?]/);
      if (ends) result.ends = ends;
    }
    return result;
  }

  result.meansMarker = marker(text, meansMatch, base);
  const endsMatch = firstEndsMarker(folded, meansMatch.end, clauseEnd);
  const means = trimmedPart(text, meansMatch.end, endsMatch ? endsMatch.start : clauseEnd, base, /[,;:.!?]/);
  if (means) result.means = means;
  if (endsMatch) {
    result.endsMarker = marker(text, endsMatch, base);
    const ends = trimmedPart(text, endsMatch.end, clauseEnd, base, /[,;:.!?]/);
    if (ends) result.ends = ends;
  }
  return result;
}
