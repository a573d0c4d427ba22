// Whether a part of a story is a placeholder left for later ("<benefit>", "TBD", "..."), which says nothing.

/** Pieces that stand for text not yet written: "<benefit>", "[why]", "{reason}", TBD/TBC/TODO, an ellipsis, "???". */
const PLACEHOLDER_PIECES = /<[^<>]*>|\[[^[\]]*\]|\{[^{}]*\}|\b(?:tbd|tbc|tbs|todo|tk|xxx+|n\/a)\b|\.{2,}|\u2026|\?{2,}/gi;

/** A quick test that a text may hold a placeholder piece at all. */
const MAY_HOLD_PIECE = /[<[{?\u2026]|\.\.|\b(?:tb[dcs]|todo|tk|xxx|n\/a)\b/i;

/** Words that are left when only the frame of a clause is written: "so that I can ...", "in order to <...>". */
const FRAME_WORDS = new Set(["i", "we", "they", "you", "it", "can", "could", "will", "would", "may", "be", "able", "to", "have", "get"]);

/** Words that name the missing part itself: "so that benefit", "so that why". */
const NAMES_OF_PARTS = /^(?:benefit|benefits|reason|why|value|goal|outcome|capability|role|means|ends)$/i;

/**
 * Whether `text` holds no content of its own once its placeholders are taken out: "<benefit>", "TBD",
 * "I can ...", "benefit". A text with one real word ("I can pay") is not a placeholder.
 */
export function isPlaceholder(text: string): boolean {
  // Most benefits hold no placeholder piece and more than one word: answered without building anything.
  if (!MAY_HOLD_PIECE.test(text) && /\S\s+\S/.test(text)) return false;
  const rest = text.replace(PLACEHOLDER_PIECES, " ");
  const words = rest.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  if (words.length === 0) return true;
  // A frame with a placeholder in it ("I can <...>"), or a part's name alone ("benefit").
  const hadPiece = rest !== text;
  if (hadPiece && words.every((w) => FRAME_WORDS.has(w))) return true;
  return words.length === 1 && NAMES_OF_PARTS.test(words[0] ?? "");
}

/**
 * The first unfilled placeholder of an acceptance criterion, relative to its text: "<context>" in "Given
 * <context>, when I pay, then ...", a "TBD", a step left as "then ..." or "then ???", or the whole criterion
 * when it says nothing ("TBD", "..."). Angle brackets must hold words only, so that "x < 5 and y > 3" is
 * a comparison, not a placeholder. Undefined for a criterion that is written out.
 */
export function unfilledPart(text: string, parameters?: readonly string[]): { readonly start: number; readonly end: number } | undefined {
  if (!MAY_HOLD_PIECE.test(text)) return undefined;
  if (!parameters && isPlaceholder(text)) {
    const start = text.length - text.trimStart().length;
    return { start, end: text.trimEnd().length };
  }
  if (!parameters) {
    const m = UNFILLED_PIECE.exec(text);
    return m ? { start: m.index, end: m.index + m[0].length } : undefined;
  }
  // A Scenario Outline's "<name>" is filled from its Examples column of that name: only the others are unfilled.
  const pieces = new RegExp(UNFILLED_PIECE.source, "giu");
  for (let m = pieces.exec(text); m; m = pieces.exec(text)) {
    if (!(m[0].startsWith("<") && parameters.includes(m[0].slice(1, -1)))) return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** "<outcome>", "TBD"/"TBC"/"TODO", and a step keyword followed by nothing but "..." or "???". */
const UNFILLED_PIECE = /<[\p{L}][\p{L}\p{N} _-]*>|\b(?:tbd|tbc|tbs|todo)\b|(?<=\b(?:given|when|then|and|but)\s+)(?:\.{2,}|\u2026|\?{2,})/iu;
