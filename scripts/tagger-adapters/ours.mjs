// Adapter for our tagger (server/core/nlp/tagger.ts), measured the way the packaged candidates are.
import { tagMeansText } from "../../server/core/nlp/tagger";

export function makeTagger() {
  return (means) => tagMeansText(means).map((t) => ({ start: t.start, end: t.end, tag: t.tag }));
}
