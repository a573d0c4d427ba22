// Turns wink-lexicon's word list (src/lexicon.js) into server/core/nlp/lexicon.generated.json, the tagger's lexicon.
//
// Why a generated file: wink-lexicon ships its 13k words as 13k JavaScript assignments, which take ~25 ms to evaluate
// in a fresh process; the tagger needs only word -> Penn tags. Written once as "tags -> space-separated words" (the
// 444 distinct tag lists once each), the data is ~40 % smaller and the tagger builds its map in a few milliseconds,
// on first use. The core imports the JSON (esbuild and tsc both can); a unit test fails when the JSON no longer
// matches the installed package. Run it directly (`node scripts/lexicon-data.mjs`) or through `npm run build`.
//
// wink-lexicon is MIT (Copyright (c) 2017-23 GRAYPE Systems Private Limited); part of its data comes from the fnTBL
// project (Johns Hopkins University, Radu Florian and Grace Ngai) under an MIT-like licence. Both notices are kept
// in the generated file.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";

const root = join(fileURLToPath(import.meta.url), "..", "..");
export const GENERATED_LEXICON = join(root, "server", "core", "nlp", "lexicon.generated.json");
const require = createRequire(import.meta.url);

/**
 * The lexicon as the tagger reads it: `tags` maps each distinct list of Penn tags (space-separated, most frequent
 * first, as wink-lexicon orders them) to the words that have exactly that list (space-separated, sorted).
 */
export async function buildLexiconData() {
  const packageJson = require.resolve("wink-lexicon/package.json");
  const { version, license } = JSON.parse(await readFile(packageJson, "utf8"));
  /** @type {Record<string, string[]>} */
  const lexicon = require("wink-lexicon/src/lexicon.js");
  const byTags = new Map();
  for (const word of Object.keys(lexicon)) {
    if (/\s/.test(word)) throw new Error(`wink-lexicon: a word with a space cannot be stored space-separated: '${word}'`);
    const key = lexicon[word].join(" ");
    if (!byTags.has(key)) byTags.set(key, []);
    byTags.get(key).push(word);
  }
  const tags = {};
  for (const key of [...byTags.keys()].sort()) tags[key] = byTags.get(key).sort().join(" ");
  return {
    $comment: "Generated from wink-lexicon's src/lexicon.js by scripts/lexicon-data.mjs: do not edit by hand.",
    source: `wink-lexicon ${version} (${license}), https://github.com/winkjs/wink-lexicon, src/lexicon.js`,
    licence:
      "wink-lexicon: MIT License, Copyright (c) 2017-23 GRAYPE Systems Private Limited. A portion of its data is derived " +
      "from the fnTBL project, copyright by Johns Hopkins University and Radu Florian and Grace Ngai, licensed under the " +
      "MIT 'like' License (www.cs.jhu.edu/~rflorian/fntbl/license.html).",
    words: Object.keys(lexicon).length,
    tags,
  };
}

/** The generated file's text: the data, formatted as Prettier formats the repository's JSON. */
export async function lexiconJsonText() {
  const options = (await prettier.resolveConfig(GENERATED_LEXICON)) ?? {};
  return prettier.format(JSON.stringify(await buildLexiconData()), { ...options, parser: "json" });
}

/** Regenerates server/core/nlp/lexicon.generated.json. */
export async function writeLexiconJson() {
  await writeFile(GENERATED_LEXICON, await lexiconJsonText());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await writeLexiconJson();
