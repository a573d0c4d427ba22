// Adapter for en-pos (Penn tags; its lexicon is en-lexicon).
import { Tag } from "en-pos";
import { inMeansContext, mapPenn, tokenize } from "./shared.mjs";

export function makeTagger() {
  return inMeansContext((input) => {
    const tokens = tokenize(input);
    const tags = new Tag(tokens.map((t) => t.w)).initial().smooth().tags;
    return mapPenn(tokens.map((t, i) => ({ ...t, penn: tags[i] })));
  });
}
