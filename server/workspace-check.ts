// Checks the workspace's backlog files that are not open (bounded, cancellable, with progress), keeps the index of
// every backlog file's stories that the cross-file rules and navigation read, and re-checks the files a change affects.
import {
  CancellationTokenSource,
  MessageType,
  ShowMessageNotification,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type WorkDoneProgressReporter,
} from "vscode-languageserver";
import { analyzeBacklog, parseForAnalysis, refusalOf } from "./core/analyze";
import { healthMeasures } from "./core/health";
import type { CoachConfig } from "./core/config";
import { backlogFileKind, optedInGlobs } from "./core/backlog-files";
import type { ParseOptions } from "./core/formats";
import type { Backlog, BacklogFormat, Finding } from "./core/model";
import { LineIndex } from "./core/parse/text-lines";
import {
  changedKeys,
  crossFileKeys,
  crossFileSignature,
  summarizeBacklog,
  WorkspaceIndex,
  type WorkspaceFile,
  type WorkspaceView,
} from "./core/workspace";
import { toDiagnostic } from "./lsp-convert";
import type { CheckWorkspaceResult } from "./protocol";
import type { BacklogFileFilter, WorkspaceFiles } from "./workspace-reader";

/** At most this many backlog files are checked without being opened: a monorepo must not hold the server. */
export const MAX_WORKSPACE_FILES = 500;
/** At most this much text (UTF-16 code units, about as many bytes) of unopened files is read and kept. */
export const MAX_WORKSPACE_CHARS = 20_000_000;
/** An open document's stories reach the index this long after its last analysis: once per pause, not per keystroke. */
const INDEX_DELAY_MS = 250;

/** `backlogCoach.workspaceCheck`: every backlog file of the workspace, or the open ones only. */
export type WorkspaceCheckMode = "on" | "openFiles";

/** A workspace folder as initialize and workspace/didChangeWorkspaceFolders give it. */
export interface Folder {
  readonly uri: string;
  readonly name: string;
}

/** What the checker needs of the server around it. */
export interface WorkspaceCheckHost {
  readonly connection: Connection;
  /** How files are found and read; undefined: open files only. */
  readonly files: WorkspaceFiles | undefined;
  config(): CoachConfig;
  /** The open document a file is, by the uri the client opened it with (undefined when it is not open). */
  openUri(key: string): string | undefined;
  /** The line index of an open document's analysed text. */
  openLines(uri: string): LineIndex | undefined;
  /** The current analysis of an open document, if any. */
  openBacklog(uri: string): Backlog | undefined;
  /** Re-analyses an open document (its cross-file findings may have changed) and publishes it. */
  reanalyse(uri: string): void;
  /** An unopened file's health changed (it was checked, or forgotten): the sidebar's workspace view is stale. */
  healthChanged?(): void;
}

/** The health of an unopened file as its last check found it. */
export interface DiskFileHealth {
  readonly uri: string;
  readonly stories: number;
  readonly ready: number;
  readonly findingsBySeverity: Counts;
}

/** A backlog file read from disk (or through the client) because it is not open. */
interface DiskFile {
  readonly uri: string;
  readonly format: BacklogFormat;
  /** Markdown opted in by glob: read by its shape only. */
  readonly shapesOnly: boolean;
  readonly text: string;
  readonly lines: LineIndex;
}

/**
 * The same file whatever encoding a client or Node gave its uri (`%40` or `@`, `%3A` or `:`): open documents and
 * files found on disk are matched by this key.
 */
export function fileKey(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** How an unopened file is parsed beyond the config's CSV settings (parseForAnalysis): Markdown by shape when opted in by glob. */
const parseOptions = (file: DiskFile): ParseOptions => (file.shapesOnly ? { markdownShapesOnly: true } : {});

/** The opted-in globs of a config, compared to know whether the workspace must be listed again. */
const globsSignature = (config: CoachConfig): string =>
  JSON.stringify([config.trackerFiles?.csv, config.trackerFiles?.["github-issues"], config.markdownFiles]);

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const ignoreClosedConnection = (): void => undefined;

type Counts = { error: number; warning: number; info: number; hint: number };

export class WorkspaceChecker {
  readonly index = new WorkspaceIndex();
  private readonly disk = new Map<string, DiskFile>();
  /** Each unopened file's health, by fileKey, from its last check. */
  private readonly healthOf = new Map<string, DiskFileHealth>();
  private folders: readonly Folder[] = [];
  private mode: WorkspaceCheckMode = "on";
  /** Set by the Check Workspace command: unopened files are then kept checked, whatever the setting says. */
  private checkedOnRequest = false;
  private run: CancellationTokenSource | undefined;
  /** The workspace check under way, if any. */
  private running: Promise<CheckWorkspaceResult> | undefined;
  private readonly pendingIndex = new Map<string, ReturnType<typeof setTimeout>>();
  /** Each entry's cross-file keys, made once per entry. */
  private readonly keysOf = new WeakMap<WorkspaceFile, Set<string>>();
  /** The opted-in globs the last listing used: a config change that alters them lists the workspace again. */
  private listedGlobs: string | undefined;

  constructor(private readonly host: WorkspaceCheckHost) {}

  /** Whether unopened files are checked: the setting says "on", or the user ran Check Workspace. */
  get checksUnopened(): boolean {
    return this.mode === "on" || this.checkedOnRequest;
  }

  setFolders(folders: readonly Folder[]): void {
    this.folders = folders;
  }

  /** Applies the setting; returns whether a check of the workspace should start. */
  setMode(mode: WorkspaceCheckMode): boolean {
    const before = this.checksUnopened;
    this.mode = mode;
    if (before && !this.checksUnopened) this.forgetUnopened();
    return !before && this.checksUnopened;
  }

  /**
   * Whether a file belongs to the workspace's backlog: it lies in a workspace folder. A file opened from elsewhere
   * (or with no folder open) is checked on its own, as before: two copies of a backlog opened side by side are not
   * one backlog with every story twice.
   */
  inWorkspace(uri: string): boolean {
    const key = fileKey(uri);
    return this.folders.some((folder) => key.startsWith(`${fileKey(folder.uri).replace(/\/$/, "")}/`));
  }

  /** The other files as a file's backlog rules see them; none for a file outside the workspace folders. */
  viewFor(uri: string): WorkspaceView | undefined {
    return this.inWorkspace(uri) ? this.index.viewFor(uri) : undefined;
  }

  /** Display name of a file in messages: its path in its workspace folder (with the folder's name in a multi-root one). */
  fileName(uri: string): string {
    const key = fileKey(uri);
    for (const folder of this.folders) {
      const root = fileKey(folder.uri).replace(/\/$/, "");
      if (key.startsWith(`${root}/`)) {
        const relative = key.slice(root.length + 1);
        return this.folders.length > 1 ? `${folder.name}/${relative}` : relative;
      }
    }
    return key.split("/").pop() ?? key;
  }

  /** The health of every unopened file checked (an open file's comes from its own analysis). */
  diskHealth(): DiskFileHealth[] {
    return [...this.healthOf.values()];
  }

  /** Why the workspace's health lacks the unopened files, when it does. */
  get healthNote(): string | undefined {
    if (!this.host.files) return "This editor gives the server no access to the workspace's files: only open files are counted.";
    if (!this.checksUnopened)
      return "Only open files are checked (backlogCoach.workspaceCheck is openFiles): run Backlog Coach: Check Workspace.";
    return undefined;
  }

  /** The line index of any indexed file, open or not: for related places and navigation into other files. */
  linesOf(uri: string): LineIndex | undefined {
    return this.host.openLines(uri) ?? this.disk.get(fileKey(uri))?.lines;
  }

  /** Converts a finding of `uri`, related places in other files included. */
  diagnostic(lines: LineIndex, uri: string, finding: Finding): Diagnostic {
    return toDiagnostic(lines, uri, finding, (other) => this.linesOf(other));
  }

  /** Called after each analysis of an open document: its stories reach the index after a pause. */
  openAnalysed(uri: string): void {
    clearTimeout(this.pendingIndex.get(uri));
    // Its first analysis (just opened) replaces its disk entry at once, so the file is never indexed twice.
    if (!this.inWorkspace(uri)) return;
    if (!this.index.get(uri)) return this.indexOpen(uri);
    this.pendingIndex.set(
      uri,
      setTimeout(() => this.indexOpen(uri), INDEX_DELAY_MS),
    );
  }

  /** Brings the index up to date with every open document now (before answering a navigation request). */
  flush(): void {
    for (const uri of [...this.pendingIndex.keys()]) this.indexOpen(uri);
  }

  private indexOpen(uri: string): void {
    clearTimeout(this.pendingIndex.get(uri));
    this.pendingIndex.delete(uri);
    const backlog = this.host.openBacklog(uri);
    if (!backlog || !this.inWorkspace(uri)) return;
    const key = fileKey(uri);
    const onDisk = this.disk.get(key);
    this.disk.delete(key);
    this.healthOf.delete(key);
    this.replace(onDisk && onDisk.uri !== uri ? onDisk.uri : uri, summarizeBacklog(uri, this.fileName(uri), backlog));
  }

  /** An open document is no backlog any more (the settings no longer opt it in): its stories leave the index. */
  openDropped(uri: string): void {
    clearTimeout(this.pendingIndex.get(uri));
    this.pendingIndex.delete(uri);
    if (this.index.get(uri)) this.replace(uri, undefined);
  }

  /** An open document was closed: its file on disk is what counts again (or nothing, with open files only). */
  async closed(uri: string): Promise<void> {
    clearTimeout(this.pendingIndex.get(uri));
    this.pendingIndex.delete(uri);
    // Not a backlog on disk (an ordinary Markdown or JSON file the editor sent the server): nothing to read back.
    if (!this.checksUnopened || !this.host.files || !backlogFileKind(fileKey(uri), this.host.config())) {
      this.replace(uri, undefined);
      return;
    }
    await this.readAndCheck(uri);
  }

  /** workspace/didChangeWatchedFiles for backlog files: 1 created, 2 changed, 3 deleted. */
  async filesChanged(changes: readonly { uri: string; type: number }[]): Promise<void> {
    for (const change of changes) {
      const key = fileKey(change.uri);
      if (this.host.openUri(key)) continue;
      // A file that is no backlog under the config (any CSV, JSON or Markdown is watched) is left alone, unless it was one.
      if (!backlogFileKind(key, this.host.config())) {
        if (this.disk.has(key)) this.forget(change.uri);
        continue;
      }
      if (change.type === 3) this.forget(change.uri);
      else if (this.checksUnopened) await this.readAndCheck(change.uri);
    }
  }

  /**
   * Re-checks every unopened file (the config changed); the open ones are re-analysed by the server. When the
   * opted-in globs changed, the workspace is listed again: files newly opted in are checked, and those no longer
   * opted in are forgotten (their diagnostics cleared).
   */
  async recheckAll(): Promise<void> {
    const globsChanged = this.listedGlobs !== undefined && this.listedGlobs !== globsSignature(this.host.config());
    // A check under way is started again (with the new config), not left cancelled half-way.
    if (this.running || (globsChanged && this.checksUnopened)) {
      await this.check({ restart: true });
      return;
    }
    const token = this.restart();
    for (const file of [...this.disk.values()]) {
      if (token.isCancellationRequested) return;
      this.publish(file);
      await nextTurn();
    }
  }

  /**
   * Reads and checks every backlog file of the workspace folders that is not open, within MAX_WORKSPACE_FILES and
   * MAX_WORKSPACE_CHARS; a check still running is cancelled first. `token` cancels it; `progress` shows it.
   */
  async check(
    request: { token?: CancellationToken; progress?: WorkDoneProgressReporter; explicit?: boolean; restart?: boolean } = {},
  ): Promise<CheckWorkspaceResult> {
    if (request.explicit) this.checkedOnRequest = true;
    // The start-up check joins one the user asked for meanwhile rather than cancel it; a config change restarts it.
    if (!request.explicit && !request.restart && this.running) {
      request.progress?.done();
      return this.running;
    }
    const run = this.checkNow(request);
    this.running = run;
    try {
      const result = await run;
      // Started again by a config change while it ran (recheckAll): the caller gets the new check's result, not a
      // cancelled one it never asked for (the Check Workspace command answered "cancelled" when a reload landed).
      const again = this.running;
      if (result.cancelled && !request.token?.isCancellationRequested && again && again !== run) return await again;
      return result;
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }

  private async checkNow(request: { token?: CancellationToken; progress?: WorkDoneProgressReporter }): Promise<CheckWorkspaceResult> {
    const token = this.restart(request.token);
    const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
    const result = (files: number, stories: number, limit?: string): CheckWorkspaceResult => ({
      files,
      stories,
      findingsBySeverity: counts,
      cancelled: token.isCancellationRequested,
      ...(limit && { limit }),
    });
    const files = this.host.files;
    if (!files) return result(0, 0, "This editor gives the server no access to the workspace's files: only open files are checked.");
    request.progress?.begin("Backlog Coach: checking the workspace", 0, "listing backlog files", true);
    try {
      const listed: string[] = [];
      const config = this.host.config();
      this.listedGlobs = globsSignature(config);
      // By name, and the files the user's globs opt in (tracker exports, spec and story Markdown), as an open file is.
      const filter: BacklogFileFilter = {
        globs: optedInGlobs(config),
        accepts: (uri) => backlogFileKind(fileKey(uri), config) !== undefined,
      };
      for (const folder of this.folders) {
        if (token.isCancellationRequested) break;
        try {
          listed.push(...(await files.list(folder.uri, MAX_WORKSPACE_FILES + 1 - listed.length, token, filter)));
        } catch (error) {
          this.host.connection.console.warn(
            `Cannot list the backlog files of ${folder.uri} (${String(error)}): only open files there are checked.`,
          );
        }
        if (listed.length > MAX_WORKSPACE_FILES) break;
      }
      let limit: string | undefined;
      if (listed.length > MAX_WORKSPACE_FILES)
        limit = `The workspace holds more than ${MAX_WORKSPACE_FILES} backlog files: Backlog Coach checked the first ${MAX_WORKSPACE_FILES} without opening them. Open a file to check it, or run 'backlog-coach lint' on its folder.`;
      const wanted = listed.slice(0, MAX_WORKSPACE_FILES);
      const seen = new Set<string>();
      let chars = 0;
      for (const [i, uri] of wanted.entries()) {
        if (token.isCancellationRequested) return result(seen.size, 0, limit);
        const key = fileKey(uri);
        seen.add(key);
        if (this.host.openUri(key)) continue;
        const text = await this.read(uri);
        if (text === undefined) continue;
        chars += text.length;
        if (chars > MAX_WORKSPACE_CHARS) {
          limit = `The workspace's backlog files hold more than ${MAX_WORKSPACE_CHARS / 1_000_000} million characters: Backlog Coach checked ${i} of them without opening them. Open a file to check it, or run 'backlog-coach lint' on its folder.`;
          break;
        }
        this.store(uri, text);
        request.progress?.report(Math.round((50 * (i + 1)) / wanted.length), `read ${i + 1} of ${wanted.length} files`);
      }
      // Files checked before that are gone now (deleted while no watcher told us), or no longer opted in.
      for (const [key, file] of [...this.disk]) if (!seen.has(key) && (!limit || !backlogFileKind(key, config))) this.forget(file.uri);
      let stories = 0;
      const checked = [...this.disk.values()];
      for (const [i, file] of checked.entries()) {
        if (token.isCancellationRequested) return result(checked.length, stories, limit);
        const findings = this.publish(file);
        stories += this.index.get(file.uri)?.stories.length ?? 0;
        for (const f of findings) counts[f.severity]++;
        request.progress?.report(50 + Math.round((50 * (i + 1)) / checked.length), `checked ${i + 1} of ${checked.length} files`);
        await nextTurn();
      }
      // The open documents' cross-file findings may have changed with the files read.
      for (const entry of [...this.index.entries()]) if (this.host.openUri(fileKey(entry.uri))) this.host.reanalyse(entry.uri);
      if (limit) {
        this.host.connection.console.warn(limit);
        // A notification: the message needs no answer, and a client that shows none must not fail the check.
        this.host.connection
          .sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: limit })
          .catch(ignoreClosedConnection);
      }
      return result(checked.length, stories, limit);
    } finally {
      request.progress?.done();
    }
  }

  /** Cancels a running pass; the new pass's token, cancelled as well when `outer` is. */
  private restart(outer?: CancellationToken): CancellationToken {
    this.run?.cancel();
    const source = new CancellationTokenSource();
    this.run = source;
    outer?.onCancellationRequested(() => source.cancel());
    return source.token;
  }

  cancel(): void {
    this.run?.cancel();
    for (const timer of this.pendingIndex.values()) clearTimeout(timer);
    this.pendingIndex.clear();
  }

  private async read(uri: string): Promise<string | undefined> {
    try {
      return await this.host.files?.read(uri);
    } catch {
      return undefined; // Deleted since it was listed, or unreadable: nothing to check.
    }
  }

  private async readAndCheck(uri: string): Promise<void> {
    const text = await this.read(uri);
    // Opened while it was being read: the open document wins.
    if (this.host.openUri(fileKey(uri))) return;
    if (text === undefined) return this.forget(uri);
    const file = this.store(uri, text);
    if (file) this.publish(file);
  }

  /** Keeps an unopened file's text and puts its stories in the index (a file too large or not text gets none). */
  private store(uri: string, text: string): DiskFile | undefined {
    const key = fileKey(uri);
    const config = this.host.config();
    const kind = backlogFileKind(key, config);
    // No backlog under the config any more (its glob was removed while it was being read).
    if (!kind) {
      this.forget(uri);
      return undefined;
    }
    const file: DiskFile = { uri, format: kind.format, shapesOnly: kind.shapesOnly, text, lines: new LineIndex(text) };
    this.disk.set(key, file);
    const entry = refusalOf(text, config)
      ? undefined
      : summarizeBacklog(uri, this.fileName(uri), parseForAnalysis(text, kind.format, config, parseOptions(file)));
    this.replace(uri, entry);
    return file;
  }

  /** Analyses an unopened file against the rest of the workspace and publishes its diagnostics. */
  private publish(file: DiskFile): readonly Finding[] {
    const config = this.host.config();
    const analysis = analyzeBacklog(file.text, file.format, config, undefined, parseOptions(file), this.index.viewFor(file.uri));
    const diagnostics = analysis.findings.map((f) => this.diagnostic(file.lines, file.uri, f));
    this.host.connection.sendDiagnostics({ uri: file.uri, diagnostics }).catch(ignoreClosedConnection);
    const findingsBySeverity: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const f of analysis.findings) findingsBySeverity[f.severity]++;
    const m = healthMeasures(analysis);
    this.healthOf.set(fileKey(file.uri), { uri: file.uri, stories: m.stories, ready: m.ready, findingsBySeverity });
    this.host.healthChanged?.();
    return analysis.findings;
  }

  /** A file gone (deleted, or no longer checked): its diagnostics cleared, its stories out of the index. */
  private forget(uri: string): void {
    const key = fileKey(uri);
    const file = this.disk.get(key);
    this.disk.delete(key);
    if (this.healthOf.delete(key)) this.host.healthChanged?.();
    this.host.connection.sendDiagnostics({ uri: file?.uri ?? uri, diagnostics: [] }).catch(ignoreClosedConnection);
    this.replace(file?.uri ?? uri, undefined);
  }

  private forgetUnopened(): void {
    this.run?.cancel();
    for (const file of [...this.disk.values()]) this.forget(file.uri);
  }

  /**
   * Puts a file's new entry in the index in place of what `uri` had (undefined: removes it), then re-checks the
   * other files whose cross-file findings or links the change can alter: those that share an id, a dependsOn
   * target or a request with what changed.
   */
  private replace(uri: string, entry: WorkspaceFile | undefined): void {
    const before = crossFileSignature(this.index.get(uri));
    const after = crossFileSignature(entry);
    this.index.delete(uri);
    if (entry) this.index.set(entry);
    const changed = changedKeys(before, after);
    if (changed.size === 0) return;
    const own = fileKey(entry?.uri ?? uri);
    const changedList = [...changed];
    for (const other of [...this.index.entries()]) {
      const key = fileKey(other.uri);
      if (key === own) continue;
      let keys = this.keysOf.get(other);
      if (!keys) {
        keys = crossFileKeys(other);
        this.keysOf.set(other, keys);
      }
      if (!changedList.some((k) => keys.has(k))) continue;
      const open = this.host.openUri(key);
      if (open) this.host.reanalyse(open);
      else {
        const file = this.disk.get(key);
        if (file) this.publish(file);
      }
    }
  }
}
