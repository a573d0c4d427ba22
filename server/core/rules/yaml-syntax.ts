// Rule yaml-syntax: its findings are made by the YAML readers (parse/yaml/backlog.ts, parse/yaml/guard.ts); listed so it has docs and settings.
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "yaml-syntax",
    description: "Keep the backlog valid YAML, so that every story in it can be read.",
    source: "file format",
    defaultSeverity: "error",
    messages: { syntax: "{message}", aliases: "{message}" },
    fixable: false,
    defaultOptions: {},
  },
});
