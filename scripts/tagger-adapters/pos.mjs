// Adapter for pos (pos-js: Brill's lexicon and rules, Penn tags; LGPL, measured only).
import pos from "pos";
import { inMeansContext, mapPenn, tokenize } from "./shared.mjs";

export function makeTagger() {
  const tagger = new pos.Tagger();
  return inMeansContext((input) => {
    const tokens = tokenize(input);
    const tagged = tagger.tag(tokens.map((t) => t.w));
    return mapPenn(tokens.map((t, i) => ({ ...t, penn: tagged[i][1] })));
  });
}
