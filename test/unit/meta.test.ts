// Meta-tests: every rule has its docs page, fixtures, a settings entry and a config-schema entry, in step with its meta.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import configSchema from "../../schemas/config.schema.json";
import packageJson from "../../package.json";
import { rules } from "../../server/core/rules/registry";
import { jsonFileText, writeRuleSchema, writeRuleSettings } from "../../scripts/rule-settings-data";
import { FIXTURES, REPO_ROOT, fixtureFiles } from "../support/fixtures";

const settings = packageJson.contributes.configuration.properties["backlogCoach.rules"].properties as Record<
  string,
  { default?: string; anyOf?: unknown[] } | undefined
>;
const schemaRules = configSchema.properties.rules.properties as Record<
  string,
  { anyOf: { properties?: { options?: unknown } }[] } | undefined
>;

describe("the generated settings", () => {
  // One truth per fact: the rules' metadata. The committed files must be what `npm run rule-settings` writes.
  for (const [file, write] of [
    ["package.json", writeRuleSettings],
    ["schemas/config.schema.json", writeRuleSchema],
  ] as const) {
    it(`${file} holds exactly what npm run rule-settings writes from the rules' metadata`, () => {
      const committed = JSON.parse(readFileSync(join(REPO_ROOT, file), "utf8")) as Record<string, unknown>;
      const generated = structuredClone(committed);
      write(generated);
      // Compared as JSON text with its keys in order (Prettier may lay the file out otherwise).
      assert.ok(
        jsonFileText(generated) === jsonFileText(committed),
        `${file} has drifted from the rules' metadata: run npm run rule-settings`,
      );
    });
  }
});

describe("every rule is complete", () => {
  for (const rule of rules) {
    const id = rule.meta.id;
    describe(id, () => {
      it("has a kebab-case id and a module of the same name", () => {
        assert.match(id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
        assert.ok(existsSync(join(REPO_ROOT, "server", "core", "rules", `${id}.ts`)), `server/core/rules/${id}.ts is missing`);
      });
      it("has a docs page with why, bad and good examples, options and fix", () => {
        const path = join(REPO_ROOT, "docs", "rules", `${id}.md`);
        assert.ok(existsSync(path), `docs/rules/${id}.md is missing`);
        const page = readFileSync(path, "utf8");
        assert.ok(page.startsWith(`# ${id}`), "the page starts with the rule id");
        if (!id.startsWith("sprint-"))
          for (const section of ["## Why", "## Bad", "## Good", "## Options", "## Fix"])
            assert.ok(page.includes(section), `${id}.md lacks ${section}`);
      });
      it("has fixtures", () => assert.ok(fixtureFiles(join(FIXTURES, "rules", id)).length > 0));
      it("has a settings entry with its default severity", () => {
        const entry = settings[id];
        assert.ok(entry, `package.json lacks backlogCoach.rules.properties["${id}"]: run npm run rule-settings`);
        assert.equal(entry.default, rule.meta.defaultSeverity);
      });
      it("has a settings UI entry of its own, backlogCoach.rule.<id>, with a severity to pick", () => {
        const entry = (
          packageJson.contributes.configuration.properties as unknown as Record<
            string,
            { enum?: string[]; default?: string; markdownDescription?: string }
          >
        )[`backlogCoach.rule.${id}`];
        assert.ok(entry, `package.json lacks backlogCoach.rule.${id}: run npm run rule-settings`);
        assert.deepEqual(entry.enum, ["default", "off", "hint", "info", "warning", "error"]);
        assert.equal(entry.default, "default");
        assert.ok(entry.markdownDescription?.includes(`Default severity: \`${rule.meta.defaultSeverity}\``), "run npm run rule-settings");
      });
      it("has a config-schema entry whose options match the rule's", () => {
        const entry = schemaRules[id];
        assert.ok(entry, `schemas/config.schema.json lacks rules.${id}: run npm run rule-settings`);
        const options = entry.anyOf[1]?.properties?.options;
        assert.deepEqual(options, rule.meta.optionsSchema ?? { type: "object", additionalProperties: false }, "run npm run rule-settings");
      });
      it("has a message for every message id it declares, and the defaults fit its options schema", () => {
        assert.ok(Object.keys(rule.meta.messages).length > 0);
        const declared = Object.keys((rule.meta.optionsSchema as { properties?: object } | undefined)?.properties ?? {});
        for (const key of Object.keys(rule.meta.defaultOptions))
          assert.ok(declared.includes(key), `option ${key} is not in the options schema`);
      });
    });
  }
});
