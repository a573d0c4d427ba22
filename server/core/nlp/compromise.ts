// The part-of-speech tagger (`compromise`), loaded on first use: building its lexicon takes about half a second,
// which a process that never meets a story with a conjunction (a server just started, the CLI on most backlogs)
// should not pay at start-up. The bundles and the compiled tests are CommonJS, so the load is synchronous.
import type nlpType from "compromise/two";

type Nlp = typeof nlpType;

declare const require: (id: string) => unknown;

let loaded: Nlp | undefined;

export function compromise(): Nlp {
  if (!loaded) {
    const module = require("compromise/two") as Nlp | { default: Nlp };
    loaded = typeof module === "function" ? module : module.default;
  }
  return loaded;
}
