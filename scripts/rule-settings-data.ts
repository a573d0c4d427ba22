// The rules' entries in package.json's settings and in schemas/config.schema.json, made from their metadata, so that
// neither is kept by hand: `npm run rule-settings` writes them, and test/unit/meta.test.ts fails when the committed
// files differ from what it would write.
import { ruleDocsPath, ruleDocsUrl } from "../server/core/rules/rule-docs";
import { rules } from "../server/core/rules/registry";

const SEVERITIES = ["error", "warning", "info", "hint", "off"];
/** The values of a `backlogCoach.rule.<id>` entry: "default" leaves the rule to `backlogCoach.rules` (see server/per-rule-settings.ts). */
const PER_RULE_VALUES = ["default", "off", "hint", "info", "warning", "error"] as const;
const NO_OPTIONS = { type: "object", additionalProperties: false };
/** Settings link to the docs on the main branch, the page a user reads while choosing (diagnostics pin the version). */
const docsUrl = (id: string): string => ruleDocsUrl(id, "main");

/** Follows a path of object keys, failing loudly when the file's layout is not the one expected. */
function at(json: unknown, ...keys: string[]): Record<string, unknown> {
  let node = json;
  for (const key of keys) {
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (typeof node !== "object" || node === null) throw new Error(`no object at ${keys.join(".")}`);
  }
  return node as Record<string, unknown>;
}

/** Writes each rule's entries into a parsed package.json (in place): the object setting's and one setting per rule. */
export function writeRuleSettings(pkg: Record<string, unknown>): void {
  const holder = at(pkg, "contributes", "configuration", "properties", "backlogCoach.rules");
  holder.properties = Object.fromEntries(
    rules.map((rule) => [
      rule.meta.id,
      {
        anyOf: [
          { type: "string", enum: SEVERITIES },
          {
            type: "object",
            properties: { severity: { type: "string", enum: SEVERITIES }, options: rule.meta.optionsSchema ?? NO_OPTIONS },
          },
        ],
        default: rule.meta.defaultSeverity,
        markdownDescription: `${rule.meta.description} [Docs](${docsUrl(rule.meta.id)})`,
      },
    ]),
  );
  // One settings UI entry per rule, `backlogCoach.rule.<id>`, after the object setting: a severity picked from a list.
  const configuration = at(pkg, "contributes", "configuration");
  const properties = at(configuration, "properties");
  const perRule: Record<string, unknown> = {};
  for (const rule of rules) {
    perRule[`backlogCoach.rule.${rule.meta.id}`] = {
      type: "string",
      enum: [...PER_RULE_VALUES],
      enumDescriptions: PER_RULE_VALUES.map((v) =>
        v === "default" ? `As backlogCoach.rules says, else the rule's default (${rule.meta.defaultSeverity})` : `Report as ${v}`,
      ),
      default: "default",
      markdownDescription: `${rule.meta.description} Default severity: \`${rule.meta.defaultSeverity}\`. Wins over \`backlogCoach.rules\` for this rule (its options are kept); a workspace \`.backlog-coach.yaml\` wins over both. [Docs](${docsUrl(rule.meta.id)})`,
    };
  }
  // Right after the object setting, so that the settings UI lists them together.
  const entries = Object.entries(properties).filter(([key]) => !key.startsWith("backlogCoach.rule."));
  const after = entries.findIndex(([key]) => key === "backlogCoach.rules") + 1;
  configuration.properties = Object.fromEntries([...entries.slice(0, after), ...Object.entries(perRule), ...entries.slice(after)]);
}

/** Writes each rule's entry into a parsed schemas/config.schema.json (in place). */
export function writeRuleSchema(schema: Record<string, unknown>): void {
  const holder = at(schema, "properties", "rules");
  holder.properties = Object.fromEntries(
    rules.map((rule) => [
      rule.meta.id,
      {
        description: `${rule.meta.description} Default: ${rule.meta.defaultSeverity}. Docs: ${ruleDocsPath(rule.meta.id)}`,
        anyOf: [
          { $ref: "#/definitions/severity" },
          {
            type: "object",
            additionalProperties: false,
            properties: { severity: { $ref: "#/definitions/severity" }, options: rule.meta.optionsSchema ?? NO_OPTIONS },
          },
        ],
      },
    ]),
  );
}

/** A JSON file's text as the generator writes it (the layout Prettier keeps for JSON). */
export const jsonFileText = (json: unknown): string => `${JSON.stringify(json, null, 2)}\n`;
