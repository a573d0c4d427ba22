// Adapter for wink-nlp with wink-eng-lite-web-model (Universal Dependencies tags; the verb form read off word and lemma).
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { inMeansContext, locate, punctuationTag } from "./shared.mjs";

export function makeTagger() {
  const nlp = winkNLP(model, ["pos"]);
  const its = nlp.its;
  return inMeansContext((input) => {
    const doc = nlp.readDoc(input);
    const values = doc.tokens().out(its.value);
    const pos = doc.tokens().out(its.pos);
    const lemmas = doc.tokens().out(its.lemma);
    const spans = locate(input, values);
    const out = [];
    values.forEach((v, i) => {
      const span = spans[i];
      if (!span || pos[i] === "SPACE") return;
      const w = v.toLowerCase();
      let tag = pos[i];
      if (tag === "PROPN") tag = "NOUN";
      else if (tag === "INTJ") tag = "X";
      else if (tag === "PUNCT") tag = punctuationTag(v);
      else if (tag === "VERB") {
        const lemma = String(lemmas[i]).toLowerCase();
        const present = w === lemma + "s" || w === lemma + "es" || w === lemma.replace(/y$/, "ies");
        tag = /ing$/.test(w) && lemma !== w ? "VERB:ger" : w === lemma ? "VERB:base" : present ? "VERB:pres" : "VERB:part";
      }
      out.push({ start: span.start, end: span.end, tag });
    });
    return out;
  });
}
