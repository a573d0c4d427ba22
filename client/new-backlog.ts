// "Backlog Coach: New Backlog": writes a commented template into an untitled editor or a chosen file, and a code
// lens on an empty backlog file that offers to fill it in (or points at the snippets).
import * as vscode from "vscode";
import { formatOfFileName } from "../server/core/file-patterns";
import type { BacklogFormat } from "../server/core/model";
import { BACKLOG_TEMPLATES, isEmptyBacklog, templateOf } from "./backlog-templates";

export const NEW_BACKLOG_COMMAND = "backlogCoach.newBacklog";

/**
 * The command's optional argument, for the code lens, the walkthrough and tests: without it the user picks.
 * `target` "untitled" opens an untitled editor; a Uri writes that file, or fills it when it is an open, empty backlog.
 */
export interface NewBacklogArgs {
  readonly format?: BacklogFormat;
  readonly target?: "untitled" | vscode.Uri;
}

const FORMATS: readonly string[] = BACKLOG_TEMPLATES.map((t) => t.format);

async function pickFormat(): Promise<BacklogFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    BACKLOG_TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, format: t.format })),
    { title: "New Backlog: which format?", ignoreFocusOut: true, placeHolder: "The checks are the same in each; YAML holds the most" },
  );
  return picked?.format;
}

async function pickTarget(format: BacklogFormat): Promise<"untitled" | vscode.Uri | undefined> {
  const untitled = { label: "In a new untitled editor", detail: `Named ${templateOf(format).fileName} when you save it` };
  const file = { label: "As a file...", detail: `For example ${templateOf(format).fileName}` };
  const picked = await vscode.window.showQuickPick([untitled, file], { title: "New Backlog: where?", ignoreFocusOut: true });
  if (picked === untitled) return "untitled";
  if (picked !== file) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultUri = folder ? vscode.Uri.joinPath(folder, templateOf(format).fileName) : undefined;
  return vscode.window.showSaveDialog({ title: "New Backlog", ...(defaultUri && { defaultUri }) });
}

/** An untitled document's name in the first workspace folder that no file or open editor has yet. */
async function untitledUri(fileName: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const dot = fileName.indexOf(".");
  for (let n = 1; ; n++) {
    const name = n === 1 ? fileName : `${fileName.slice(0, dot)}-${n}${fileName.slice(dot)}`;
    const uri = folder
      ? vscode.Uri.joinPath(folder, name).with({ scheme: "untitled" })
      : vscode.Uri.from({ scheme: "untitled", path: name });
    if (vscode.workspace.textDocuments.some((d) => d.uri.path === uri.path)) continue;
    if (!folder) return uri;
    try {
      await vscode.workspace.fs.stat(uri.with({ scheme: folder.scheme }));
    } catch {
      return uri;
    }
  }
}

/** Runs the command; resolves with the editor that shows the template, or undefined when the user cancelled. */
export async function newBacklog(args?: NewBacklogArgs): Promise<vscode.TextEditor | undefined> {
  const format = args?.format !== undefined && FORMATS.includes(args.format) ? args.format : await pickFormat();
  if (!format) return undefined;
  const template = templateOf(format);
  const target = args?.target ?? (await pickTarget(format));
  if (!target) return undefined;
  if (target === "untitled") {
    // An untitled editor with the template's file name: it is checked at once (the checker goes by the name),
    // and Save proposes that name.
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(await untitledUri(template.fileName)));
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), template.text));
    return editor;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (open && isEmptyBacklog(open.getText(), format)) {
    // Fill the editor the user is in (an edit they can undo) rather than overwrite the file behind it.
    const editor = await vscode.window.showTextDocument(open);
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, open.lineCount, 0), template.text));
    return editor;
  }
  if (formatOfFileName(target.path) !== format) {
    const go = await vscode.window.showWarningMessage(
      `Backlog Coach checks ${format} backlogs in files named like ${template.fileName}; ${target.path.split("/").pop()} will not be checked.`,
      "Write it anyway",
    );
    if (go !== "Write it anyway") return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(template.text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
}

/** On an empty backlog file (nothing but comments): "Insert a backlog template" and where the snippets are. */
export class EmptyBacklogLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const format = formatOfFileName(document.uri.path);
    if (!format || !isEmptyBacklog(document.getText(), format)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const args: NewBacklogArgs = { format, target: document.uri };
    return [
      new vscode.CodeLens(top, { title: "Insert a backlog template", command: NEW_BACKLOG_COMMAND, arguments: [args] }),
      new vscode.CodeLens(top, {
        title: 'or type "story" for a snippet',
        command: "editor.action.triggerSuggest",
        tooltip: "Opens the suggestions: the story snippet writes a sentence with its criteria",
      }),
    ];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Registers the command and the empty-file lens. */
export function registerNewBacklog(): vscode.Disposable[] {
  const lens = new EmptyBacklogLens();
  return [
    lens,
    vscode.commands.registerCommand(NEW_BACKLOG_COMMAND, (args?: NewBacklogArgs) => newBacklog(args)),
    vscode.languages.registerCodeLensProvider(
      ["yaml", "markdown", "backlog-stories"].map((language) => ({ language })),
      lens,
    ),
  ];
}
