// Rule backlog-schema: its findings are made by the schema check (parse/yaml/schema-check.ts); listed so it has docs and settings.
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "backlog-schema",
    description: "Use only the keys and value types the backlog schema defines.",
    source: "file format",
    defaultSeverity: "error",
    messages: { any: "{message}" },
    fixable: false,
    defaultOptions: {},
  },
});
