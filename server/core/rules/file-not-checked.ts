// Rule file-not-checked: its findings are made where a file is refused (analyze.ts) or read in part (parse/markdown-stories.ts).
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "file-not-checked",
    description: "Say plainly when a file is too large or not text, instead of freezing the editor on it.",
    source: "file format",
    defaultSeverity: "info",
    messages: {
      tooLarge: "This file is not checked: {size} characters is over the limit of {limit} (setting backlogCoach.maxFileSize).",
      binary: "This file is not checked: it contains NUL bytes, so it is probably not a text backlog.",
      tooDeep: "{message}",
      exportUnread: "{message}",
    },
    fixable: false,
    defaultOptions: {},
  },
});
