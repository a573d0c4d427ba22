// Registers completion for .backlog-coach.yaml: rule ids under `rules:` and severities, with each rule's summary.
import * as vscode from "vscode";
import { CONFIG_FILE_NAME } from "../server/core/file-patterns";
import { configCompletion } from "./config-completion-items";

interface RuleSettings {
  readonly contributes?: {
    readonly configuration?: {
      readonly properties?: Record<string, { readonly properties?: Record<string, { markdownDescription?: string }> }>;
    };
  };
}

export function registerConfigCompletion(extension: vscode.Extension<unknown>): vscode.Disposable {
  const rules = (extension.packageJSON as RuleSettings).contributes?.configuration?.properties?.["backlogCoach.rules"]?.properties ?? {};
  const ruleIds = Object.keys(rules);
  return vscode.languages.registerCompletionItemProvider(
    { pattern: `**/${CONFIG_FILE_NAME}` },
    {
      provideCompletionItems(document, position) {
        const found = configCompletion(document.getText(), position.line, position.character, ruleIds);
        if (!found) return [];
        const range = new vscode.Range(position.line, found.replaceFrom, position.line, position.character);
        return found.labels.map((label, i) => {
          const item = new vscode.CompletionItem(
            label,
            found.kind === "rule" ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember,
          );
          item.range = range;
          item.sortText = String(i).padStart(3, "0");
          if (found.kind === "rule") {
            item.insertText = `${label}: `;
            const about = rules[label]?.markdownDescription;
            if (about) item.documentation = new vscode.MarkdownString(about);
            // Straight on to the severity.
            item.command = { title: "Suggest", command: "editor.action.triggerSuggest" };
          }
          return item;
        });
      },
    },
    " ",
    ":",
  );
}
