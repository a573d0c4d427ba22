// `npm run rule-settings`: writes each rule's settings entries (package.json) and config-schema entry
// (schemas/config.schema.json) from its metadata (see rule-settings-data.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rules } from "../server/core/rules/registry";
import { jsonFileText, writeRuleSchema, writeRuleSettings } from "./rule-settings-data";

const REPO_ROOT = join(__dirname, "..", "..");

/** Reads a JSON file, lets `change` edit it, and writes it back in the layout Prettier keeps for JSON. */
function rewrite(file: string, change: (json: Record<string, unknown>) => void): void {
  const path = join(REPO_ROOT, file);
  const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  change(json);
  writeFileSync(path, jsonFileText(json));
}

rewrite("package.json", writeRuleSettings);
rewrite("schemas/config.schema.json", writeRuleSchema);
console.log(`rule settings written for ${rules.length} rules: package.json, schemas/config.schema.json`);
