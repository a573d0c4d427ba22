// Adapter for wink-pos-tagger (Penn tags, its own tokenizer).
import posTagger from "wink-pos-tagger";
import { inMeansContext, locate, mapPenn } from "./shared.mjs";

export function makeTagger() {
  const tagger = posTagger();
  return inMeansContext((input) => {
    const tagged = tagger.tagSentence(input);
    const spans = locate(
      input,
      tagged.map((t) => t.value),
    );
    const tokens = [];
    // Its tokenizer marks "/", "&", "," as symbol or punctuation: those are read as such, whatever pos says.
    tagged.forEach((t, i) => {
      const span = spans[i];
      if (span) tokens.push({ ...span, w: t.value, penn: t.tag === "symbol" || t.tag === "punctuation" ? "SYM" : t.pos });
    });
    return mapPenn(tokens);
  });
}
