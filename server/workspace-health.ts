// The workspace's health for the sidebar: every backlog file the server checked, open (its live analysis) or not (its
// last check), per file and in total.
import type { FileHealth, WorkspaceHealth } from "./protocol";
import type { BacklogLanguageService } from "./service";
import { fileKey, type WorkspaceChecker } from "./workspace-check";

type Counts = { error: number; warning: number; info: number; hint: number };

const add = (a: Counts, b: Counts): Counts => ({
  error: a.error + b.error,
  warning: a.warning + b.warning,
  info: a.info + b.info,
  hint: a.hint + b.hint,
});

/** Most errors first, then most warnings, infos, then by name: the file to open first heads the list. */
function byUrgency(a: FileHealth, b: FileHealth): number {
  const x = a.findingsBySeverity;
  const y = b.findingsBySeverity;
  return y.error - x.error || y.warning - x.warning || y.info - x.info || a.fileName.localeCompare(b.fileName);
}

export function workspaceHealth(service: BacklogLanguageService, workspace: WorkspaceChecker): WorkspaceHealth {
  const files: FileHealth[] = [];
  const open = new Set<string>();
  for (const uri of service.openUris()) {
    const health = service.health(uri);
    if (!health) continue;
    open.add(fileKey(uri));
    files.push({
      uri,
      fileName: workspace.fileName(uri),
      stories: health.stories,
      ready: health.ready,
      findingsBySeverity: health.findingsBySeverity,
      open: true,
    });
  }
  for (const file of workspace.diskHealth()) {
    if (open.has(fileKey(file.uri))) continue;
    files.push({ ...file, fileName: workspace.fileName(file.uri), open: false });
  }
  files.sort(byUrgency);
  const note = workspace.healthNote;
  return {
    files,
    total: {
      files: files.length,
      stories: files.reduce((n, f) => n + f.stories, 0),
      ready: files.reduce((n, f) => n + f.ready, 0),
      findingsBySeverity: files.reduce<Counts>((c, f) => add(c, f.findingsBySeverity), { error: 0, warning: 0, info: 0, hint: 0 }),
    },
    ...(note && { note }),
  };
}
