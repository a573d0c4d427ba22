// Turns guidance/*.yaml (the one source of the guidance) into guidance/guidance.generated.json, checked by its schema.
//
// Why a generated JSON file: the core must stay free of node:fs, and it runs both from esbuild bundles (server, CLI)
// and from tsc output (tests). Both can import JSON and neither can import YAML, so the build writes the YAML once
// as JSON, the core imports that, and a unit test fails when the JSON no longer matches the YAML. Run it directly
// (`node scripts/guidance-data.mjs`) or through `npm run build`, which always regenerates it.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import * as prettier from "prettier";
import { parse } from "yaml";

const root = join(fileURLToPath(import.meta.url), "..", "..");
export const GUIDANCE_DIR = join(root, "guidance");
export const GENERATED_JSON = join(GUIDANCE_DIR, "guidance.generated.json");
const SCHEMA = join(root, "schemas", "guidance.schema.json");
const NOTE = "Generated from guidance/*.yaml by scripts/guidance-data.mjs: edit the YAML, not this file.";

/**
 * Reads every guidance/*.yaml in name order and merges them into one document: a top-level list that several files
 * give is concatenated; any other top-level key may appear in one file only.
 */
export async function readGuidanceYaml() {
  const files = (await readdir(GUIDANCE_DIR)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const merged = {};
  for (const file of files) {
    const doc = parse(await readFile(join(GUIDANCE_DIR, file), "utf8"), { uniqueKeys: true });
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new Error(`${file}: expected a mapping at the top`);
    for (const [key, value] of Object.entries(doc)) {
      if (!(key in merged)) merged[key] = value;
      else if (Array.isArray(merged[key]) && Array.isArray(value)) merged[key] = [...merged[key], ...value];
      else throw new Error(`${file}: '${key}' is given by another guidance file too`);
    }
  }
  return merged;
}

/** Schema violations of a guidance document, one line each (empty when valid). */
export async function schemaErrors(guidance) {
  const schema = JSON.parse(await readFile(SCHEMA, "utf8"));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validate(guidance) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}

/** Regenerates the JSON; throws, failing the build, when the YAML does not fit the schema. */
export async function writeGuidanceJson() {
  const guidance = { $comment: NOTE, ...(await readGuidanceYaml()) };
  const errors = await schemaErrors(guidance);
  if (errors.length > 0) throw new Error(`guidance/*.yaml does not fit schemas/guidance.schema.json:\n  ${errors.join("\n  ")}`);
  const options = (await prettier.resolveConfig(GENERATED_JSON)) ?? {};
  await writeFile(GENERATED_JSON, await prettier.format(JSON.stringify(guidance), { ...options, parser: "json" }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await writeGuidanceJson();
