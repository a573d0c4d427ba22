// Rules whose findings the parsers make (YAML syntax, the backlog schema): listed so they have docs and settings.
import { defineRule } from "./rule";

export const yamlSyntax = defineRule({
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

export const backlogSchema = defineRule({
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
