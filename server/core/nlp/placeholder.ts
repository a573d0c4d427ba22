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
