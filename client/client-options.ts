// The language client's options, the same for the desktop client (server in a Node process) and the web client
// (server in a web worker): which files, settings, the trusted hover command, and what to do when the server stops.
import * as vscode from "vscode";
import { CloseAction, ErrorAction, type LanguageClientOptions } from "vscode-languageclient";
import { FORMAT_GLOBS } from "../server/core/file-patterns";
import { MARKDOWN_SELECTOR_GLOBS } from "../server/core/markdown-files";
import { TRACKER_SELECTOR_GLOBS } from "../server/core/tracker-files";
import { SHOW_GUIDANCE_COMMAND, type CoachInitializationOptions } from "../server/protocol";
import type { RestartPolicy } from "./restart-policy";
import { placeholderSnippet } from "./snippet-placeholders";

/**
 * A code action's edits with each placeholder edit of `document` made a snippet edit, so that VS Code selects
 * "<benefit>" for typing instead of leaving it in the text; other files' edits and plain edits stay as they are.
 */
function withSnippets(action: vscode.CodeAction, document: vscode.TextDocument): void {
  const edit = action.edit;
  if (!edit) return;
  const entries = edit.entries();
  const own = entries.filter(([uri]) => uri.toString() === document.uri.toString());
  // VS Code makes snippet edits of one file only; a fix that touches others keeps its plain edits.
  if (own.length === 0 || own.length !== entries.length) return;
  let changed = false;
  const edits = (own[0]?.[1] ?? []).map((e) => {
    const snippet = placeholderSnippet(e.newText);
    if (snippet === undefined) return e;
    changed = true;
    return new vscode.SnippetTextEdit(e.range, new vscode.SnippetString(snippet));
  });
  if (!changed) return;
  const snippetEdit = new vscode.WorkspaceEdit();
  snippetEdit.set(document.uri, edits);
  action.edit = snippetEdit;
}

/** After the server's connection closed, `restarts` says whether to start it again and what to tell the user. */
export function coachClientOptions(restarts: RestartPolicy): LanguageClientOptions {
  return {
    // CSV, JSON and Markdown files go to the server too, which checks only those the backlogCoach.trackerFiles and
    // backlogCoach.markdownFiles globs (or the config file's) opt in.
    documentSelector: [...Object.values(FORMAT_GLOBS).flat(), ...TRACKER_SELECTOR_GLOBS, ...MARKDOWN_SELECTOR_GLOBS].map((pattern) => ({
      pattern,
    })),
    synchronize: { configurationSection: "backlogCoach" },
    initializationOptions: { showGuidanceCommand: true } satisfies CoachInitializationOptions,
    middleware: {
      // Our hovers link to the sidebar with a command link; trust exactly that command, in our hovers only.
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        for (const content of hover?.contents ?? []) {
          if (content instanceof vscode.MarkdownString) content.isTrusted = { enabledCommands: [SHOW_GUIDANCE_COMMAND] };
        }
        return hover;
      },
      // Fixes that write "<benefit>" or "Given <context> ..." select the placeholder for typing (see withSnippets).
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = await next(document, range, context, token);
        for (const action of actions ?? []) if (action instanceof vscode.CodeAction) withSnippets(action, document);
        return actions;
      },
      resolveCodeAction: async (item, token, next) => {
        const action = await next(item, token);
        const document = vscode.window.activeTextEditor?.document;
        if (action && document) withSnippets(action, document);
        return action;
      },
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const decision = restarts.onClosed();
        if (decision.message && decision.restart) void vscode.window.showWarningMessage(decision.message);
        else if (decision.message) void vscode.window.showErrorMessage(decision.message);
        return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };
}
