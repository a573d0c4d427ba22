// Rule config-file: its findings are made by the config reader (config-file.ts); listed so it has docs and settings.
import { defineRule } from "./rule";

export default defineRule({
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
    fixable: true,
    defaultOptions: {},
  },
});
