// The `backlog-coach` task type: runs the bundled CLI (`backlog-coach lint`) on a workspace folder, its output read
// by the `$backlog-coach` problem matcher, so CI's check runs from Terminal > Run Task. Desktop only: a task runs a
// process, which the web extension host cannot.
import * as vscode from "vscode";

export const TASK_TYPE = "backlog-coach";

/** What a `backlog-coach` task in tasks.json may say (package.json's taskDefinitions holds the same). */
interface LintTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof TASK_TYPE;
  /** Files, folders or globs, relative to the workspace folder; the folder itself by default. */
  readonly paths?: readonly string[];
  readonly fix?: boolean;
}

/** The task for a definition in a folder: Node runs the CLI bundle (the editor's own runtime, as a plain Node). */
function lintTask(extension: vscode.Uri, folder: vscode.WorkspaceFolder, definition: LintTaskDefinition): vscode.Task {
  const cli = vscode.Uri.joinPath(extension, "dist", "cli.js").fsPath;
  const paths = definition.paths && definition.paths.length > 0 ? [...definition.paths] : ["."];
  const args = [cli, "lint", ...paths, "--format", "text", ...(definition.fix ? ["--fix"] : [])];
  const execution = new vscode.ProcessExecution(process.execPath, args, {
    cwd: folder.uri.fsPath,
    // In the desktop editor process.execPath is Electron: this makes it run as Node.
    env: { ELECTRON_RUN_AS_NODE: "1" },
  });
  const name = definition.fix ? "lint --fix" : "lint";
  const task = new vscode.Task(definition, folder, name, "backlog-coach", execution, "$backlog-coach");
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent };
  return task;
}

/** Offers "backlog-coach: lint" per workspace folder on disk, and runs the ones tasks.json defines. */
export function registerLintTask(extension: vscode.Uri): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () =>
      (vscode.workspace.workspaceFolders ?? [])
        .filter((folder) => folder.uri.scheme === "file")
        .map((folder) => lintTask(extension, folder, { type: TASK_TYPE })),
    resolveTask: (task) => {
      const scope = task.scope;
      if (typeof scope !== "object" || task.definition.type !== TASK_TYPE) return undefined;
      return lintTask(extension, scope, task.definition as LintTaskDefinition);
    },
  });
}
