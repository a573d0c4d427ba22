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

export const fileNotChecked = defineRule({
  meta: {
    id: "file-not-checked",
    description: "Say plainly when a file is too large or not text, instead of freezing the editor on it.",
    source: "file format",
    defaultSeverity: "info",
    messages: {
      tooLarge: "This file is not checked: {size} characters is over the limit of {limit} (setting backlogCoach.maxFileSize).",
      binary: "This file is not checked: it contains NUL bytes, so it is probably not a text backlog.",
      tooDeep: "{message}",
    },
    fixable: false,
    defaultOptions: {},
  },
});

export const configFile = defineRule({
  meta: {
    id: "config-file",
    description: "Keep .backlog-coach.yaml valid, so that your rule settings take effect.",
    source: "file format",
    defaultSeverity: "error",
    messages: {
      syntax: "{message}",
      schema: "{message}",
      unknownRule: "{message}",
    },
    fixable: false,
    defaultOptions: {},
  },
});
