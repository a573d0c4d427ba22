// Rule gherkin-syntax: its findings are made by the .feature reader (parse/gherkin-stories.ts); listed so it has docs and settings.
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "gherkin-syntax",
    description: "Keep a .feature file valid Gherkin, so that every scenario in it is read as written.",
    source: "file format",
    defaultSeverity: "error",
    messages: { syntax: "{message}" },
    fixable: false,
    defaultOptions: {},
  },
});
