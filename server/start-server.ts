// Wires an LSP connection to the language service: document sync, debounced analysis, and the request handlers.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
} from "vscode-languageserver";
import { configFileActions, FIX_ALL_KIND } from "./code-actions";
import { completions } from "./completion";
import { mergeConfigs, type CoachConfig } from "./core/config";
import { CONFIG_FILE_NAME, parseConfigFile } from "./core/config-file";
import { definition, documentSymbols, prepareRename, renamePersona } from "./symbols";
import { toDiagnostic } from "./lsp-convert";
import { bundledGuidance } from "./core/guidance/data";
import { LineIndex } from "./core/parse/text-lines";
import type { Finding } from "./core/model";
import { hoverAt } from "./hover";
import {
  GuidanceRequest,
  HealthChangedNotification,
  HealthRequest,
  type CoachInitializationOptions,
  type GuidanceResult,
  type HealthParams,
} from "./protocol";
import { BacklogLanguageService } from "./service";
import { BacklogDocument } from "./backlog-document";
import type { ReadConfigFile } from "./config-reader";
import { STREAM_GAP_MS, type MessageActivity } from "./message-activity";
import { FORMAT_GLOBS } from "./core/file-patterns";
import { optedInGlobs } from "./core/backlog-files";
import { dependsOnHover, definitionAcross, references, workspaceSymbols, type NavigationContext } from "./navigation";
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from "./protocol";
import { WorkspaceChecker, fileKey, type WorkspaceCheckMode } from "./workspace-check";
import type { WorkspaceFiles } from "./workspace-reader";
import { withPerRuleSettings } from "./per-rule-settings";
import { workspaceHealth } from "./workspace-health";
import { WorkspaceHealthChangedNotification, WorkspaceHealthRequest, type WorkspaceHealth } from "./protocol";

/** Edits closer together than this are analysed once, for the last of them. */
const ANALYSIS_DELAY_MS = 75;
/**
 * A document whose last analysis took less than this is analysed right after each edit (edits that arrive
 * together are still analysed once): incremental analysis makes that the common case, and waiting would
 * only delay the diagnostics (a keystroke in a 10,000-story file takes 3 to 5 ms, one in its header about 0.1 s).
 * Slower documents keep the delay, so typing never queues up analyses.
 */
const IMMEDIATE_BELOW_MS = 50;

/**
 * A backlog longer than this is opened in two steps: the story rules' findings for its first `PREVIEW_STORIES`
 * stories (what the editor shows first) are published at once, then the whole analysis follows.
 */
const PREVIEW_ABOVE_CHARS = 200_000;
const PREVIEW_STORIES = 300;

/**
 * An analysis waits while the client's messages keep arriving (see MessageActivity), but never longer than this
 * after it was due: a client that never pauses still gets diagnostics.
 */
const QUIET_WAIT_MAX_MS = 1_000;

/**
 * Runs a callback on a later turn of the event loop, after the message dispatch queued now: `setImmediate` in
 * Node (its check phase is where vscode-jsonrpc dispatches), a zero timeout in a web worker.
 */
const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
const nextTurn = (callback: () => void): void => void (immediate ? immediate(callback) : setTimeout(callback, 0));

/** The sidebar hears that the workspace's health changed at most this often. */
const WORKSPACE_HEALTH_DELAY_MS = 300;

/** A notification to a client that has gone away fails; that is not an error of the server's. */
const ignoreClosedConnection = (): void => undefined;

/** What differs between the server's hosts (a Node process, a web worker): how a workspace config file is read. */
export interface ServerHost {
  readonly readConfigFile: ReadConfigFile;
  /** The connection's message count: analyses then wait for a flood of messages to pass (see whenQuiet). */
  readonly activity?: MessageActivity;
  /** How the workspace's unopened backlog files are found and read; without it, only open files are checked. */
  readonly workspaceFiles?: WorkspaceFiles;
}

/** Serves one connection until it closes. The caller creates it (IPC, stdio, a web worker, or streams in tests). */
export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments<BacklogDocument>({ create: BacklogDocument.create, update: BacklogDocument.update });
  const service = new BacklogLanguageService();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const lastCost = new Map<string, number>();
  /** Documents whose preview is being written: their whole analysis starts once it is out. */
  const previewing = new Set<string>();
  let shutDown = false;
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let commandLinks = false;
  let canShowProgress = false;
  /** Open documents by fileKey, so that a file found on disk under another spelling of its uri is known open. */
  const openByKey = new Map<string, string>();
  const workspace = new WorkspaceChecker({
    connection,
    files: host.workspaceFiles,
    config: () => service.currentConfig,
    openUri: (key) => openByKey.get(key),
    openLines: (uri) => service.lines(uri),
    openBacklog: (uri) => service.analysis(uri)?.backlog,
    reanalyse: (uri) => {
      const document = documents.get(uri);
      if (document && !shutDown) analyseAndPublish(document);
    },
    healthChanged: () => {
      // Once per burst: a workspace check publishes hundreds of files in a row.
      if (workspaceHealthTimer || shutDown) return;
      workspaceHealthTimer = setTimeout(() => {
        workspaceHealthTimer = undefined;
        if (!shutDown) connection.sendNotification(WorkspaceHealthChangedNotification, {}).catch(ignoreClosedConnection);
      }, WORKSPACE_HEALTH_DELAY_MS);
    },
  });
  let workspaceHealthTimer: ReturnType<typeof setTimeout> | undefined;
  service.setWorkspace({ viewFor: (uri) => workspace.viewFor(uri), linesOf: (uri) => workspace.linesOf(uri) });
  const navigation: NavigationContext = { index: workspace.index, linesOf: (uri) => workspace.linesOf(uri) };

  function analyseAndPublish(document: BacklogDocument): void {
    previewing.delete(document.uri);
    const started = performance.now();
    const wasChecked = service.analysedVersion(document.uri) !== undefined;
    const state = service.updateSource(document.uri, document, document.takeEdit(), document.version, document.lines());
    lastCost.set(document.uri, performance.now() - started);
    if (!state) {
      // Opted out by a settings change: what it showed goes with it, and its stories leave the workspace's index.
      if (wasChecked) connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }).catch(ignoreClosedConnection);
      workspace.openDropped(document.uri);
      return;
    }
    for (const failure of state.analysis.failures) {
      connection.console.error(
        `rule ${failure.ruleId} failed${failure.storyIndex !== undefined ? ` on story ${failure.storyIndex + 1}` : ""}: ${failure.error}`,
      );
    }
    connection
      .sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: service.diagnostics(document.uri) })
      .catch(ignoreClosedConnection);
    connection.sendNotification(HealthChangedNotification, { uri: document.uri }).catch(ignoreClosedConnection);
    workspace.openAnalysed(document.uri);
  }

  /** Checks the workspace's unopened backlog files, with progress in the status bar when the client shows it. */
  async function checkWorkspace(): Promise<void> {
    const progress = canShowProgress ? await connection.window.createWorkDoneProgress() : undefined;
    await workspace.check({ ...(progress && { progress, token: progress.token }) });
  }

  /**
   * Runs `work` once no message has been dispatched for a turn of the event loop and no stream of messages is
   * arriving (or after QUIET_WAIT_MAX_MS): edits still queued or on their way then supersede it before it is done,
   * and a request behind a flood of edits waits for at most one analysis, of its own document (see `current`).
   */
  function whenQuiet(work: () => void): void {
    const activity = host.activity;
    if (!activity) return work();
    const due = performance.now();
    let seen = activity.count;
    const check = (): void => {
      const now = performance.now();
      if (now - due > QUIET_WAIT_MAX_MS) return work();
      if (activity.count !== seen) {
        seen = activity.count;
        return nextTurn(check);
      }
      // While messages stream in (not typing), wait for the stream to pause.
      const sinceLast = now - activity.lastAt;
      if (activity.streaming && sinceLast < STREAM_GAP_MS) {
        setTimeout(check, STREAM_GAP_MS - sinceLast);
        return;
      }
      work();
    };
    nextTurn(check);
  }

  function schedule(document: BacklogDocument, now = false): void {
    clearTimeout(pending.get(document.uri));
    const delay = now || (lastCost.get(document.uri) ?? Infinity) < IMMEDIATE_BELOW_MS ? 0 : ANALYSIS_DELAY_MS;
    pending.set(
      document.uri,
      setTimeout(() => {
        whenQuiet(() => {
          pending.delete(document.uri);
          // The document may have changed, been analysed for a request, or closed meanwhile: analyse what is
          // current, if it still needs it.
          const current = documents.get(document.uri);
          if (current?.changed && !shutDown) analyseAndPublish(current);
        });
      }, delay),
    );
  }

  /** The .backlog-coach.yaml of each workspace folder; read by the host (never by the core). */
  let configFileUris: string[] = [];

  /** Reads the workspace config files; each one's problems are published as its diagnostics. */
  /** Each config file's findings as last read, for its quick fixes (the config file is not a backlog document). */
  const configFindings = new Map<string, { readonly lines: LineIndex; readonly findings: readonly Finding[] }>();

  async function loadConfigFiles(): Promise<CoachConfig[]> {
    const configs: CoachConfig[] = [];
    for (const uri of configFileUris) {
      let text: string;
      try {
        text = await host.readConfigFile(uri);
      } catch {
        // No config file in this folder (the usual case), or it was deleted: clear what it showed.
        configFindings.delete(uri);
        connection.sendDiagnostics({ uri, diagnostics: [] }).catch(ignoreClosedConnection);
        continue;
      }
      const { config, findings } = parseConfigFile(text);
      configs.push(config);
      const lines = new LineIndex(text);
      configFindings.set(uri, { lines, findings });
      connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(lines, uri, f)) }).catch(ignoreClosedConnection);
    }
    return configs;
  }

  /** The watcher of the files the user's globs opt in, registered for the globs it watches. */
  let optedInWatcher: { globs: string; registration: Promise<{ dispose(): void }> } | undefined;

  /**
   * Watches the files the current globs opt in (tracker exports, spec and story Markdown), so that an unopened one
   * that changes on disk is checked again; registered again when the globs change, not for every CSV, JSON or .md.
   */
  function watchOptedInFiles(): void {
    if (!canWatchFiles || shutDown) return;
    const globs = optedInGlobs(service.currentConfig);
    const key = JSON.stringify(globs);
    if (optedInWatcher?.globs === key) return;
    const previous = optedInWatcher?.registration;
    optedInWatcher = {
      globs: key,
      registration: connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: globs.map((globPattern) => ({ globPattern })),
      }),
    };
    previous?.then((registration) => registration.dispose()).catch(ignoreClosedConnection);
  }

  /** What the last check of the editor settings said, so that a reload repeats it only when it changed. */
  let settingsWarnings = "";

  /** Reads the settings and config files; resolves with whether a workspace check should start (it was turned on). */
  async function loadConfiguration(): Promise<boolean> {
    const settings = canPullConfiguration
      ? ((await connection.workspace.getConfiguration("backlogCoach")) as {
          rules?: CoachConfig["rules"];
          /** The settings UI's entry per rule: `backlogCoach.rule.<id>`. */
          rule?: unknown;
          maxFindings?: number;
          maxFileSize?: number;
          trackerFiles?: CoachConfig["trackerFiles"];
          csv?: CoachConfig["csv"];
          markdownFiles?: CoachConfig["markdownFiles"];
          workspaceCheck?: unknown;
        } | null)
      : null;
    // The editor's settings are checked as the workspace file is (they are the same keys): a wrong-typed rule
    // option or `maxFindings: -5` is left out with one warning in the log, not applied or failed on per story.
    const raw = {
      ...((settings?.rules !== undefined || settings?.rule !== undefined) && { rules: withPerRuleSettings(settings.rules, settings.rule) }),
      ...(settings?.maxFindings !== undefined && { maxFindings: settings.maxFindings }),
      ...(settings?.maxFileSize !== undefined && { maxFileSize: settings.maxFileSize }),
      // An empty object is the settings' default: nothing opted in, no mapping (the schema wants a mapping to map).
      ...(settings?.trackerFiles !== undefined && Object.keys(settings.trackerFiles).length > 0 && { trackerFiles: settings.trackerFiles }),
      ...(settings?.csv !== undefined && Object.keys(settings.csv).length > 0 && { csv: settings.csv }),
      ...(settings?.markdownFiles !== undefined && { markdownFiles: settings.markdownFiles }),
    };
    const { config: fromSettings, findings } = parseConfigFile(JSON.stringify(raw));
    const warnings = findings.map((f) => `Setting backlogCoach: ${f.message} It is ignored.`);
    if (warnings.join("\n") !== settingsWarnings) for (const warning of warnings) connection.console.warn(warning);
    settingsWarnings = warnings.join("\n");
    // The workspace file overrides the editor settings rule by rule: it is the team's shared choice.
    service.setConfig(mergeConfigs(fromSettings, ...(await loadConfigFiles())));
    watchOptedInFiles();
    const mode: WorkspaceCheckMode = settings?.workspaceCheck === "openFiles" ? "openFiles" : "on";
    return workspace.setMode(mode);
  }

  /** After a change of settings or config file: every open document and every unopened file checked again. */
  async function reload(): Promise<void> {
    const turnedOn = await loadConfiguration();
    documents.all().forEach(analyseAndPublish);
    await (turnedOn ? checkWorkspace() : workspace.recheckAll());
  }

  /**
   * The analysis of a document's current text, analysing it now if an edit is still pending: every request is
   * answered from the text it was asked about (or a later one), never from an older analysis with new positions.
   */
  function current(uri: string): ReturnType<BacklogLanguageService["update"]> {
    const document = documents.get(uri);
    if (!document || !service.formatOf(uri)) return undefined;
    if (document.changed || service.analysedVersion(uri) === undefined) {
      clearTimeout(pending.get(uri));
      pending.delete(uri);
      analyseAndPublish(document);
    }
    const analysis = service.analysis(uri);
    const lines = service.lines(uri);
    return analysis && lines ? { uri, version: document.version, format: analysis.backlog.format, lines, analysis } : undefined;
  }

  connection.onInitialize((params) => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    const workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "" }] : []);
    workspace.setFolders(workspaceFolders);
    const folders = workspaceFolders.map((f) => f.uri);
    configFileUris = folders.map((f) => `${f.replace(/\/$/, "")}/${CONFIG_FILE_NAME}`);
    commandLinks = (params.initializationOptions as CoachInitializationOptions | null | undefined)?.showGuidanceCommand === true;
    for (const error of bundledGuidance().errors) connection.console.error(`guidance data: ${error}`);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND],
          resolveProvider: false,
        },
        completionProvider: { triggerCharacters: [" ", ":"] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        referencesProvider: true,
        definitionProvider: true,
        renameProvider: { prepareProvider: true },
      },
      serverInfo: { name: "backlog-coach" },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration)
      void connection.client.register(DidChangeConfigurationNotification.type, {
        section: "backlogCoach",
      });
    // The config file, and the backlog files: an unopened one created, changed or deleted is checked again.
    const backlogGlobs = Object.values(FORMAT_GLOBS).flat();
    if (canWatchFiles)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, ...backlogGlobs.map((globPattern) => ({ globPattern }))],
      });
    loadConfiguration()
      .then(async () => {
        documents.all().forEach(analyseAndPublish);
        if (workspace.checksUnopened) await checkWorkspace();
      })
      .catch(ignoreClosedConnection);
  });

  connection.onDidChangeConfiguration(() => reload().catch(ignoreClosedConnection));

  // A changed .backlog-coach.yaml re-checks every backlog with the new settings; a changed backlog file, what it affects.
  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) reload().catch(ignoreClosedConnection);
    workspace.filesChanged(params.changes).catch(ignoreClosedConnection);
  });

  documents.onDidOpen((e) => {
    const document = e.document;
    openByKey.set(fileKey(document.uri), document.uri);
    const text = document.getText();
    const preview = text.length > PREVIEW_ABOVE_CHARS ? service.preview(document.uri, text, document.lines(), PREVIEW_STORIES) : undefined;
    if (!preview) {
      analyseAndPublish(document);
      return;
    }
    // The whole analysis holds the event loop for a while: it starts once the preview is written out.
    previewing.add(document.uri);
    connection
      .sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: preview })
      .catch(ignoreClosedConnection)
      .finally(() => {
        if (!previewing.delete(document.uri)) return;
        const current = documents.get(document.uri);
        if (current) schedule(current, true);
      });
  });
  // TextDocuments also reports the opening text as a change: that version is analysed already (or will be, after
  // its preview is written).
  documents.onDidChangeContent((e) => {
    if (previewing.has(e.document.uri)) return;
    if (e.document.changed) schedule(e.document);
  });
  documents.onDidClose((e) => {
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    service.close(e.document.uri);
    lastCost.delete(e.document.uri);
    previewing.delete(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(ignoreClosedConnection);
    openByKey.delete(fileKey(e.document.uri));
    // With the workspace checked, the file's problems on disk come back (its unsaved text is gone).
    if (!shutDown) workspace.closed(e.document.uri).catch(ignoreClosedConnection);
  });

  /** A request handler that answers InvalidRequest after `shutdown`, as the protocol asks. */
  function serving<P, R>(handler: (params: P, token: CancellationToken) => R): (params: P, token: CancellationToken) => R {
    return (params, token) => {
      if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, "The server is shut down.");
      return handler(params, token);
    };
  }

  connection.onHover(
    serving((params) => {
      const state = current(params.textDocument.uri);
      const document = documents.get(params.textDocument.uri);
      if (!state || !document) return null;
      workspace.flush();
      return (
        dependsOnHover(navigation, state.uri, state.analysis.backlog, state.lines, params.position) ??
        hoverAt(document.getText(), state.lines, params.position, state.analysis.backlog, { commandLinks })
      );
    }),
  );

  connection.onCodeAction(
    serving((params) => {
      const uri = params.textDocument.uri;
      const config = configFindings.get(uri);
      if (config) return configFileActions(uri, config.lines, config.findings, params.context.diagnostics);
      return current(uri) ? service.codeActions(uri, params.context.diagnostics, params.context.only) : [];
    }),
  );

  connection.onCompletion(
    serving((params) => {
      const state = current(params.textDocument.uri);
      return state ? completions(state.analysis, state.lines, params.position) : [];
    }),
  );
  connection.onDocumentSymbol(
    serving((params) => {
      const state = current(params.textDocument.uri);
      return state ? documentSymbols(state.analysis, state.lines) : [];
    }),
  );
  connection.onDefinition(
    serving((params) => {
      const state = current(params.textDocument.uri);
      if (!state) return null;
      workspace.flush();
      return (
        definition(state.analysis, state.lines, state.uri, params.position) ??
        definitionAcross(navigation, state.uri, state.analysis.backlog, state.lines, params.position)
      );
    }),
  );
  connection.onReferences(
    serving((params) => {
      const state = current(params.textDocument.uri);
      if (!state) return [];
      workspace.flush();
      return references(navigation, state.analysis.backlog, state.lines, params.position, params.context.includeDeclaration);
    }),
  );
  connection.onWorkspaceSymbol(
    serving((params) => {
      for (const document of documents.all()) current(document.uri);
      workspace.flush();
      return workspaceSymbols(navigation, params.query);
    }),
  );
  connection.onRequest(
    CheckWorkspaceRequest,
    serving((_params: unknown, token): Promise<CheckWorkspaceResult> => workspace.check({ explicit: true, token })),
  );
  connection.onPrepareRename(
    serving((params) => {
      const state = current(params.textDocument.uri);
      return state ? prepareRename(state.analysis, state.lines, params.position) : null;
    }),
  );
  connection.onRenameRequest(
    serving((params) => {
      const state = current(params.textDocument.uri);
      return state ? renamePersona(state.analysis, state.lines, state.uri, params.position, params.newName) : null;
    }),
  );

  connection.onRequest(
    HealthRequest,
    serving((params: HealthParams) => (current(params.uri) ? service.health(params.uri) : null)),
  );
  connection.onRequest(
    WorkspaceHealthRequest,
    serving((): WorkspaceHealth => workspaceHealth(service, workspace)),
  );
  connection.onRequest(
    GuidanceRequest,
    serving((): GuidanceResult => bundledGuidance().guidance),
  );

  connection.onShutdown(() => {
    shutDown = true;
    workspace.cancel();
    clearTimeout(workspaceHealthTimer);
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
  });

  documents.listen(connection);
  connection.listen();
}
