// The performance benchmark (`npm run bench`): generated 10,000-story backlog, medians of repeated runs, one table.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver/node";
import { parseDocument } from "yaml";
import { activeRules, analyzeBacklog, checkBacklogRules, checkStory } from "../server/core/analyze";
import type { CoachConfig } from "../server/core/config";
import { parseBacklog } from "../server/core/formats";
import { parseYamlFast } from "../server/core/parse/yaml/fast";
import { rules } from "../server/core/rules/registry";
import { BacklogDocument } from "../server/backlog-document";
import { GuidanceRequest } from "../server/protocol";
import { BacklogLanguageService } from "../server/service";
import { startTestClient } from "../test/support/lsp-client";
import { changedKeys, crossFileKeys, crossFileSignature, summarizeBacklog, WorkspaceIndex } from "../server/core/workspace";
import { generateBacklog, generateJiraExport, generateStoryFile } from "./bench-generate";
import { generateFeature } from "./bench-gherkin";

const ROOT = resolve(__dirname, "..", "..");
const STORIES = 10_000;
const RUNS = 5;
/** For cases that take seconds (the yaml library, every rule over 10,000 stories). */
const SLOW_RUNS = 3;
/** Keystrokes per typing case: enough for a 95th percentile that is not one or two slow strokes. */
const KEYSTROKES = 200;

interface Row {
  readonly name: string;
  readonly median: string;
  readonly p95?: string;
  readonly baseline?: string;
  readonly ratio?: string;
  readonly target?: string;
}
const rows: Row[] = [];

const ms = (v: number): string => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const median = (values: readonly number[]): number => quantile(values, 0.5);

function time(runs: number, work: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times;
}

/** The middle story's sentence: where the keystroke benchmarks type. */
function typingPlace(text: string): number {
  const at = text.indexOf(`  - id: CHK-${STORIES / 2}\n`);
  return text.indexOf("I want to", at);
}

/**
 * Types at the middle story over an LSP connection (each keystroke a didChange of the next version, alternately an
 * "x" and its deletion, or only insertions) and returns the time from each change to `published(version)`.
 */
async function typeOverLsp(
  text: string,
  uri: string,
  connection: Pick<MessageConnection, "sendNotification">,
  published: (version: number) => Promise<unknown>,
  keystrokes: number,
  alternate = true,
): Promise<number[]> {
  const offset = typingPlace(text);
  const line = text.slice(0, offset).split("\n").length - 1;
  const character = offset - (text.lastIndexOf("\n", offset - 1) + 1);
  const times: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const version = i + 2;
    const insert = !alternate || i % 2 === 0;
    const end = insert ? character : character + 1;
    const done = published(version);
    const started = performance.now();
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: end } }, text: insert ? "x" : "" }],
    });
    await done;
    times.push(performance.now() - started);
  }
  return times;
}

/** Types "x" and deletes it in turn at a position, timing each keystroke's change, analysis and diagnostics. */
function typeAt(
  service: BacklogLanguageService,
  uri: string,
  document: BacklogDocument,
  position: { line: number; character: number },
  count: number,
): number[] {
  const strokes: number[] = [];
  for (let i = 0; i < count; i++) {
    const end = i % 2 === 0 ? position : { line: position.line, character: position.character + 1 };
    const started = performance.now();
    BacklogDocument.update(document, [{ range: { start: position, end }, text: i % 2 === 0 ? "x" : "" }], i + 2);
    service.updateSource(uri, document, document.takeEdit(), document.version, document.lines());
    service.diagnostics(uri);
    strokes.push(performance.now() - started);
  }
  return strokes;
}

/**
 * Typing, measured first, before the cold-open cases leave the heap full of their garbage (the yaml library's
 * documents above all), whose collection would otherwise land on these keystrokes.
 */
function typingCase(text: string): void {
  const strokes = keystrokesInService("file:///bench/big.backlog.yaml", "yaml", text, typingPlace(text));
  rows.push({
    name: `keystroke in the middle story: change applied to the server's document, analysis, diagnostics (${KEYSTROKES} keystrokes)`,
    median: ms(median(strokes)),
    p95: ms(quantile(strokes, 0.95)),
    target: "≤ 10 ms",
  });
}

/**
 * What the server does for a keystroke, timed: the LSP change applied to its document, then the incremental analysis
 * of the new text and the diagnostics made from its findings; alternately an "x" typed at `offset` and deleted.
 */
/** Opens a file in a new service to its diagnostics: the whole analysis a keystroke is measured against. */
function openInService(uri: string, languageId: string, text: string, config?: CoachConfig): void {
  const service = new BacklogLanguageService();
  if (config) service.setConfig(config);
  const document = BacklogDocument.create(uri, languageId, 1, text);
  service.updateSource(uri, document, document.takeEdit(), document.version, document.lines());
  service.diagnostics(uri);
}

function keystrokesInService(uri: string, languageId: string, text: string, offset: number, keystrokes = KEYSTROKES): number[] {
  const service = new BacklogLanguageService();
  const document = BacklogDocument.create(uri, languageId, 1, text);
  service.updateSource(uri, document, document.takeEdit(), document.version, document.lines());
  return typeAt(service, uri, document, document.positionAt(offset), keystrokes);
}

/**
 * Typing in the same generated stories as a YAML backlog, a Markdown file and a plain list, as the server does it
 * (the change applied, the analysis, the diagnostics), in the middle story's sentence; the baseline is opening the
 * same file (its whole analysis) in the same run.
 */
function formatKeystrokes(): void {
  // A YAML backlog whose sprint writes its events as flow maps, as the README's sample does.
  const flowHeader = generateBacklog(STORIES).replace(
    "stories:\n",
    "sprint:\n  goal: Pay faster\n  events:\n    - { name: Sprint Planning, duration: 4h }\n    - { name: Daily Scrum, duration: 15m }\nstories:\n",
  );
  const flowUri = "file:///bench/flow.backlog.yaml";
  const flowOpen = median(
    time(SLOW_RUNS, () => {
      const service = new BacklogLanguageService();
      const document = BacklogDocument.create(flowUri, "yaml", 1, flowHeader);
      service.updateSource(flowUri, document, document.takeEdit(), document.version, document.lines());
      service.diagnostics(flowUri);
    }),
  );
  const flowStrokes = keystrokesInService(flowUri, "yaml", flowHeader, typingPlace(flowHeader));
  rows.push({
    name: `YAML, ${STORIES.toLocaleString("en")} stories, the sprint's events as flow maps in the header: keystroke in the middle story (${KEYSTROKES} keystrokes; baseline: opening the file, ${SLOW_RUNS} runs)`,
    median: ms(median(flowStrokes)),
    p95: ms(quantile(flowStrokes, 0.95)),
    baseline: ms(flowOpen),
    ratio: (median(flowStrokes) / flowOpen).toFixed(3),
    target: "≤ 10 ms",
  });
  for (const format of ["yaml", "markdown", "plain"] as const) {
    for (const stories of [1_000, 10_000]) {
      const text = generateStoryFile(format, stories);
      const uri = `file:///bench/big.${format === "markdown" ? "stories.md" : format === "yaml" ? "backlog.yaml" : "stories"}`;
      const baseline = median(
        time(SLOW_RUNS, () => {
          const service = new BacklogLanguageService();
          const document = BacklogDocument.create(uri, format, 1, text);
          service.updateSource(uri, document, document.takeEdit(), document.version, document.lines());
          service.diagnostics(uri);
        }),
      );
      const count = stories > 1_000 ? 40 : KEYSTROKES;
      // The middle story's sentence: its means ends in its number ("... my card 5000, so that ...").
      const middle = new RegExp(` ${stories / 2}(?:,| and|\\.)`).exec(text)?.index ?? -1;
      const strokes = keystrokesInService(uri, format, text, text.lastIndexOf("I want to", middle), count);
      const stroke = median(strokes);
      const label = format === "markdown" ? "Markdown" : format === "yaml" ? "YAML, the same stories" : "plain list";
      rows.push({
        name: `${label}, ${stories.toLocaleString("en")} stories (${(text.length / 1e6).toFixed(2)} MB): keystroke in the middle story's sentence to diagnostics (${count} keystrokes; baseline: opening the file, ${SLOW_RUNS} runs)`,
        median: ms(stroke),
        p95: ms(quantile(strokes, 0.95)),
        baseline: ms(baseline),
        ratio: (stroke / baseline).toFixed(3),
      });
    }
  }
}

/**
 * The sample backlogs in examples/ scaled up to about 1,000 stories, as teams keep them: their findings, a dangling
 * `dependsOn`, the README's flow-map events in the YAML header, front matter and criteria in Markdown. Each file's
 * stories are repeated with their ids renumbered per copy (so a reference stays within its copy, and the sample's
 * dangling one stays dangling), and a keystroke is typed in the middle story's sentence through the server, against
 * opening the same file in the same run.
 */
function examplesScaled(): void {
  const samples: readonly { readonly file: string; readonly languageId: string; readonly format: "yaml" | "markdown" | "plain" }[] = [
    { file: "checkout.backlog.yaml", languageId: "yaml", format: "yaml" },
    { file: "checkout.stories.md", languageId: "markdown", format: "markdown" },
    { file: "checkout.stories", languageId: "plaintext", format: "plain" },
  ];
  for (const { file, languageId, format } of samples) {
    const sample = readFileSync(join(ROOT, "examples", file), "utf8").replace(/\r\n/g, "\n");
    const stories = parseBacklog(sample, format).stories;
    const first = stories[0];
    if (!first) continue;
    const head = sample.slice(0, sample.lastIndexOf("\n", first.span.start - 1) + 1);
    const body = sample.slice(head.length).replace(/\n*$/, "\n\n");
    const copies = Math.ceil(1_000 / stories.length);
    const text =
      (format === "yaml" ? head.replace(/ {4}- name: (.+)\n {6}duration: (.+)\n/g, "    - { name: $1, duration: $2 }\n") : head) +
      Array.from({ length: copies }, (_, k) =>
        body
          .replace(/\b([A-Z]{2,})-(\d+)\b/g, (_m, p: string, n: string) => `${p}-${k * 1000 + Number(n)}`)
          // Each copy asks for its own things ("save my card 7"), not for the first copy's again: no backlog holds
          // 900 duplicates.
          .replace(/(I want[^,.\n]*?)(,| so that|\.|$)/gm, `$1 ${k}$2`),
      ).join("");
    const count = parseBacklog(text, format).stories.length;
    const uri = `file:///bench/scaled/${file}`;
    const baseline = median(time(SLOW_RUNS, () => openInService(uri, languageId, text)));
    const middle = text.indexOf("I want", text.indexOf(`-${Math.floor(copies / 2) * 1000 + 1}`) + 1);
    const strokes = keystrokesInService(uri, languageId, text, middle + "I want".length);
    rows.push({
      name: `examples/${file} scaled to ${count.toLocaleString("en")} stories (${(text.length / 1e3).toFixed(0)} kB${format === "yaml" ? ", its events as flow maps" : ""}): keystroke in the middle story's sentence to diagnostics (${KEYSTROKES} keystrokes; baseline: opening the file, ${SLOW_RUNS} runs)`,
      median: ms(median(strokes)),
      p95: ms(quantile(strokes, 0.95)),
      baseline: ms(baseline),
      ratio: (median(strokes) / baseline).toFixed(3),
      target: "≤ 10 ms",
    });
  }
}

/** A 10,000-row Jira CSV export opted in by glob: the server's cold open (full analysis) and a keystroke in a cell. */
function jiraExport(): void {
  const text = generateJiraExport(STORIES);
  const config = { trackerFiles: { csv: ["**/*.csv"] } };
  const open = time(SLOW_RUNS, () => analyzeBacklog(text, "csv", config));
  rows.push({
    name: `Jira CSV export, ${STORIES.toLocaleString("en-US")} rows (${(text.length / 1e6).toFixed(1)} MB): cold open, full analysis (${SLOW_RUNS} runs)`,
    median: ms(median(open)),
    target: "≤ 1 s",
  });
  const service = new BacklogLanguageService();
  service.setConfig(config);
  const uri = "file:///bench/jira.csv";
  const document = BacklogDocument.create(uri, "csv", 1, text);
  service.updateSource(uri, document, document.takeEdit(), document.version, document.lines());
  // In the middle row's summary, after "I want to ".
  const middle = text.indexOf(`CHK-${STORIES / 2},`);
  const rowStart = text.lastIndexOf("\r\n", middle) + 2;
  const position = document.positionAt(text.indexOf("I want to ", rowStart) + "I want to ".length);
  const strokes = typeAt(service, uri, document, position, KEYSTROKES);
  // The baseline: opening the same file in the service, which is what every keystroke cost before records were read alone.
  const baseline = median(time(SLOW_RUNS, () => openInService(uri, "csv", text, config)));
  const stroke = median(strokes);
  rows.push({
    name: `Jira CSV export, ${STORIES.toLocaleString("en-US")} rows: keystroke in the middle row, analysis and diagnostics (${KEYSTROKES} keystrokes; baseline: opening the file, ${SLOW_RUNS} runs)`,
    median: ms(stroke),
    p95: ms(quantile(strokes, 0.95)),
    baseline: ms(baseline),
    ratio: `${((stroke / baseline) * 100).toFixed(1)} %`,
  });
}

/**
 * A keystroke in one file of a 20-file workspace (each file 500 generated stories with ids of its own, the edited
 * one depending on stories of the others), against the same keystroke in the file alone; and the index update that
 * follows a pause in typing (summarising the edited file's stories and finding which other files it affects).
 */
function workspaceCase(): void {
  const FILES = 20;
  const PER_FILE = 500;
  const texts = Array.from({ length: FILES }, (_, f) => generateBacklog(PER_FILE, f + 1).replace(/CHK-/g, `T${f}-`));
  const uris = texts.map((_, f) => `file:///bench/ws/team-${f}.backlog.yaml`);
  // The edited file names a story of each other file, so that its dependsOn check looks across files.
  const edited = (texts[0] ?? "").replace(
    /(  - id: T0-1\n)/,
    `$1    dependsOn: [${uris
      .slice(1)
      .map((_, f) => `T${f + 1}-7`)
      .join(", ")}]\n`,
  );
  let affected = 0;
  const keystrokes = (withWorkspace: boolean): number[] => {
    const service = new BacklogLanguageService();
    const index = new WorkspaceIndex();
    if (withWorkspace) {
      for (const [f, text] of texts.entries())
        if (f > 0) index.set(summarizeBacklog(uris[f] ?? "", `team-${f}`, parseBacklog(text, "yaml")));
      service.setWorkspace({ viewFor: (uri) => index.viewFor(uri), linesOf: () => undefined });
    }
    const uri = uris[0] ?? "";
    const document = BacklogDocument.create(uri, "yaml", 1, edited);
    service.updateSource(uri, document, document.takeEdit(), document.version, document.lines());
    if (withWorkspace) index.set(summarizeBacklog(uri, "team-0", service.analysis(uri)?.backlog ?? parseBacklog(edited, "yaml")));
    const at = edited.indexOf("I want to", edited.indexOf(`  - id: T0-${PER_FILE / 2}\n`));
    const strokes = typeAt(service, uri, document, document.positionAt(at), KEYSTROKES);
    if (withWorkspace) {
      const backlog = service.analysis(uri)?.backlog;
      // The other files' keys are made once per entry and kept (the server's WorkspaceChecker does the same).
      const keys = [...index.entries()].filter((e) => e.uri !== uri).map((e) => crossFileKeys(e));
      const updates = time(RUNS, () => {
        const before = crossFileSignature(index.get(uri));
        const entry = summarizeBacklog(uri, "team-0", backlog ?? parseBacklog(edited, "yaml"));
        index.set(entry);
        const changed = [...changedKeys(before, crossFileSignature(entry))];
        affected = keys.filter((k) => changed.some((c) => k.has(c))).length;
      });
      rows.push({
        name: `... the index update after a pause in typing (summary, signature, affected files: ${affected} of ${FILES - 1}; ${RUNS} runs)`,
        median: ms(median(updates)),
      });
    }
    return strokes;
  };
  // A first run warms the analyzer's code up, so that neither measured run pays for it.
  keystrokes(false);
  const alone = keystrokes(false);
  const within = keystrokes(true);
  rows.push({
    name: `keystroke in one file of a ${FILES}-file workspace (${PER_FILE} stories each, ${KEYSTROKES} keystrokes; baseline: the file alone)`,
    median: ms(median(within)),
    p95: ms(quantile(within, 0.95)),
    baseline: ms(median(alone)),
    ratio: `${(median(within) / median(alone)).toFixed(2)}x`,
    target: "≤ 10 ms",
  });
}

function coreCases(text: string): void {
  const baseline = median(time(SLOW_RUNS, () => parseDocument(text)));
  rows.push({ name: `yaml.parseDocument of the file (baseline, ${SLOW_RUNS} runs)`, median: ms(baseline) });
  const fastParse = median(time(RUNS, () => parseYamlFast(text)));
  rows.push({
    name: "fast YAML read (model + schema findings)",
    median: ms(fastParse),
    baseline: ms(baseline),
    ratio: (fastParse / baseline).toFixed(3),
  });
  const cold = median(time(SLOW_RUNS, () => analyzeBacklog(text, "yaml")));
  rows.push({
    name: `cold open: full analysis, all rules, fast path (${SLOW_RUNS} runs)`,
    median: ms(cold),
    baseline: ms(baseline),
    ratio: (cold / baseline).toFixed(3),
    target: "≤ 0.333",
  });
  const noRules = median(time(RUNS, () => analyzeBacklog(text, "yaml", {}, [])));
  rows.push({
    name: "cold open: analysis without rules (read + schema + engine)",
    median: ms(noRules),
    baseline: ms(baseline),
    ratio: (noRules / baseline).toFixed(3),
  });
  const library = median(time(SLOW_RUNS, () => analyzeBacklog(text, "yaml", {}, rules, { yaml: "library" })));
  rows.push({
    name: `full analysis, yaml-library path (${SLOW_RUNS} runs)`,
    median: ms(library),
    baseline: ms(baseline),
    ratio: (library / baseline).toFixed(3),
  });
}

/** What each rule costs over the whole file, so slow rules can be named (run alone, after one parse). */
function ruleCosts(text: string): string[] {
  const backlog = parseBacklog(text, "yaml");
  const costs = activeRules({}, rules).map((active) => {
    const stories = median(time(1, () => backlog.stories.forEach((story) => checkStory(story, backlog, [active]))));
    // The backlog check runs on every keystroke, with the memory the incremental analyzer keeps for the rule and
    // the per-story keys of the previous run: the first run pays for those, the runs after it are what typing costs.
    const memories = [new Map<string, unknown>()];
    const set = median(time(1, () => checkBacklogRules(backlog, [active], memories)));
    const again = median(time(RUNS, () => checkBacklogRules(backlog, [active], memories)));
    return { id: active.rule.meta.id, stories, set, again };
  });
  costs.sort((a, b) => b.stories + b.set - (a.stories + a.set));
  // Story checks run once per changed story on a keystroke; backlog checks run over the whole set every time.
  return [
    "| rule | story checks, whole file | per story | backlog check, first run | backlog check again (every keystroke) |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...costs.map((c) => `| ${c.id} | ${ms(c.stories)} | ${((c.stories / STORIES) * 1000).toFixed(1)} µs | ${ms(c.set)} | ${ms(c.again)} |`),
  ];
}

async function lspKeystrokes(text: string): Promise<void> {
  const client = await startTestClient();
  const uri = "file:///bench/big.backlog.yaml";
  // A large file is published twice on opening: its first stories' findings, then the whole analysis. Client and
  // server share one event loop here, so the first reaches the client only after the second is made: the time to
  // the first is measured over stdio below.
  let publishes = 0;
  const whole = client.diagnostics(uri, () => ++publishes === 2);
  const openStarted = performance.now();
  await client.open(uri, text);
  await whole;
  rows.push({
    name: "cold open over LSP (in-process): open to the whole file's findings",
    median: ms(performance.now() - openStarted) + " (1 run)",
  });
  const times = await typeOverLsp(
    text,
    uri,
    client.connection,
    (version) => client.diagnostics(uri, (d) => d.version === version),
    KEYSTROKES,
  );
  rows.push({
    name: `keystroke to published diagnostics over LSP (in-process streams, ${KEYSTROKES})`,
    median: ms(median(times)),
    p95: ms(quantile(times, 0.95)),
    target: "p95 ≤ 16 ms",
  });
  await client.dispose();
}

/** A JSON-RPC connection to a language server in a child process over stdio. */
function spawnServer(command: string, args: string[]): { connection: MessageConnection; pid: number; stop: () => void } {
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "ignore"] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  return {
    connection,
    pid: child.pid ?? -1,
    stop: () => {
      connection.dispose();
      child.kill();
    },
  };
}

function nextDiagnostics(
  connection: MessageConnection,
  uri: string,
  accept: (d: PublishDiagnosticsParams) => boolean,
): Promise<PublishDiagnosticsParams> {
  return new Promise((resolveDiagnostics, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 120_000);
    const listener = connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri !== uri || !accept(params)) return;
      clearTimeout(timer);
      listener.dispose();
      resolveDiagnostics(params);
    });
  });
}

/** Red Hat's YAML server validating the same file against our schema: what users would otherwise run. */
async function yamlLanguageServer(text: string, file: string): Promise<void> {
  const bin = join(ROOT, "node_modules", "yaml-language-server", "bin", "yaml-language-server");
  if (!existsSync(bin)) {
    rows.push({ name: "yaml-language-server", median: "skipped: not installed" });
    return;
  }
  const schema = pathToFileURL(join(ROOT, "schemas", "backlog.schema.json")).toString();
  const settings = { yaml: { validate: true, schemas: { [schema]: ["*.backlog.yaml"] }, schemaStore: { enable: false } } };
  const server = spawnServer(process.execPath, [bin, "--stdio"]);
  const { connection } = server;
  connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === "yaml" ? settings.yaml : item.section ? null : settings)),
  );
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification("initialized", {});
  await connection.sendNotification("workspace/didChangeConfiguration", { settings });
  const uri = pathToFileURL(file).toString();
  const opened = nextDiagnostics(connection, uri, () => true);
  const started = performance.now();
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  const first = await opened;
  const openTime = performance.now() - started;
  rows.push({
    name: `yaml-language-server: open to first diagnostics (${first.diagnostics.length} diagnostics, 1 run)`,
    median: ms(openTime),
  });
  const times = await typeOverLsp(
    text,
    uri,
    connection,
    (version) => nextDiagnostics(connection, uri, (d) => d.version === undefined || d.version === version),
    3,
    false,
  );
  rows.push({ name: "yaml-language-server: keystroke to diagnostics (3 runs)", median: ms(median(times)) });
  server.stop();
}

/** Resident memory of our bundled server with the file open, read from /proc (Linux only). */
async function serverOverStdio(text: string, file: string): Promise<void> {
  const server = await startStdioServer();
  const { connection } = server;
  const uri = pathToFileURL(file).toString();
  let firstAt = 0;
  let publishes = 0;
  const whole = nextDiagnostics(connection, uri, () => {
    firstAt ||= performance.now();
    return ++publishes === 2;
  });
  const started = performance.now();
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  await whole;
  const openTime = performance.now() - started;
  rows.push({ name: "dist/server.js over stdio: open to the first stories' findings (1 run)", median: ms(firstAt - started) });
  rows.push({ name: "dist/server.js over stdio: open to the whole file's findings (1 run)", median: ms(openTime) });
  const status = existsSync(`/proc/${server.pid}/status`) ? readFileSync(`/proc/${server.pid}/status`, "utf8") : "";
  const rss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  rows.push({
    name: "server memory (RSS) with the file open",
    median: rss ? `${(Number(rss) / 1024).toFixed(0)} MB` : "not measured (no /proc)",
  });
  // Typing as an editor does it: the built server in its own process, its own heap, over stdio.
  const times = await typeOverLsp(
    text,
    uri,
    connection,
    (version) => nextDiagnostics(connection, uri, (d) => d.version === version),
    KEYSTROKES,
  );
  rows.push({
    name: `keystroke to published diagnostics, dist/server.js over stdio (${KEYSTROKES})`,
    median: ms(median(times)),
    p95: ms(quantile(times, 0.95)),
    target: "p95 ≤ 16 ms",
  });
  server.stop();
}

/** A stdio server, initialised, with its configuration and registration requests answered. */
async function startStdioServer(): Promise<ReturnType<typeof spawnServer>> {
  const server = spawnServer(process.execPath, [join(ROOT, "dist", "server.js"), "--stdio"]);
  server.connection.onRequest("workspace/configuration", () => [{}]);
  server.connection.onRequest("client/registerCapability", () => null);
  await server.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  await server.connection.sendNotification("initialized", {});
  return server;
}

/**
 * 1 MB on one line (issue #18: no diagnostics within 15 s, 2.7 GB): a plain list, a YAML flow list and one-line
 * JSON, each opened fresh over stdio, to its whole analysis; the same stories one per line are the baseline.
 */
async function oneLineFiles(): Promise<void> {
  // About 1 MB on one line in each shape (the size the issue names): 10,500 stories.
  const count = 10_500;
  const sentence = (i: number): string => `As a shopper, I want to see order ${i}, so that I can track item ${i}.`;
  const stories = Array.from({ length: count }, (_, i) => ({ id: `S-${i}`, story: sentence(i) }));
  const shapes: [string, string, string, string][] = [
    ["plain list", "one.stories", stories.map((s) => s.story).join(" "), stories.map((s) => s.story).join("\n")],
    [
      "YAML flow list",
      "one.backlog.yaml",
      `stories: [${stories.map((s) => `{id: ${s.id}, story: "${s.story}"}`).join(", ")}]\n`,
      `stories:\n${stories.map((s) => `  - id: ${s.id}\n    story: "${s.story}"\n`).join("")}`,
    ],
    ["one-line JSON", "one.backlog.yaml", JSON.stringify({ stories }), JSON.stringify({ stories }, null, 2)],
  ];
  const server = await startStdioServer();
  const { connection } = server;
  let n = 0;
  const openTime = async (name: string, text: string): Promise<number> => {
    const uri = `file:///bench/${n++}-${name}`;
    const started = performance.now();
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
    // The outline is answered from the whole analysis of the opened text (after any preview).
    await connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } });
    const took = performance.now() - started;
    await connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    return took;
  };
  for (const [label, name, oneLine, lines] of shapes) {
    const one: number[] = [];
    const base: number[] = [];
    for (let run = 0; run < SLOW_RUNS; run++) {
      one.push(await openTime(name, oneLine));
      base.push(await openTime(name, lines));
    }
    rows.push({
      name: `${label}, ${(oneLine.length / 1e6).toFixed(2)} MB on one line: open to its findings over stdio (${SLOW_RUNS} runs; baseline: the same stories one per line)`,
      median: ms(median(one)),
      baseline: ms(median(base)),
      ratio: (median(one) / median(base)).toFixed(2),
      target: "≤ 1 s",
    });
  }
  server.stop();
}

/**
 * A flood of edits (issue #18: requests waited 19 s): 50 open documents get 20 whole-text changes each, sent at
 * once, then a hover on the first. The hover's wait is compared with one analysis of that document (a change to
 * it alone, to its diagnostics): it may wait for that one analysis and for the queued messages to be read, not
 * for an analysis of each superseded version.
 */
async function editFlood(): Promise<void> {
  const server = await startStdioServer();
  const { connection } = server;
  const base = generateBacklog(300);
  const uris = Array.from({ length: 50 }, (_, i) => `file:///bench/flood-${i}.backlog.yaml`);
  for (const uri of uris) {
    const opened = nextDiagnostics(connection, uri, () => true);
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text: base } });
    await opened;
  }
  const variant = (v: number): string => base.replace("I want to", `I want${" really".repeat(v % 7)} to`);
  let version = 1;
  const single: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    version++;
    const v = version;
    const done = nextDiagnostics(connection, uris[0] as string, (d) => d.version === v);
    const started = performance.now();
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: uris[0], version: v },
      contentChanges: [{ text: variant(v) }],
    });
    await done;
    single.push(performance.now() - started);
  }
  const waits: number[] = [];
  const reading: number[] = [];
  const published: number[] = [];
  for (let run = 0; run < SLOW_RUNS; run++) {
    let publishes = 0;
    let answered = false;
    const counter = connection.onNotification(PublishDiagnosticsNotification.type, () => {
      if (!answered) publishes++;
    });
    const sends: Promise<void>[] = [];
    const started = performance.now();
    for (let k = 0; k < 20; k++) {
      version++;
      for (const uri of uris)
        sends.push(
          connection.sendNotification("textDocument/didChange", {
            textDocument: { uri, version },
            contentChanges: [{ text: variant(version) }],
          }),
        );
    }
    // The guidance request needs no analysis: its answer comes when the queue has been read.
    const guidance = connection.sendRequest(GuidanceRequest).then(() => performance.now() - started);
    const hover = connection.sendRequest("textDocument/hover", { textDocument: { uri: uris[0] }, position: { line: 0, character: 2 } });
    await Promise.all(sends);
    await hover;
    answered = true;
    waits.push(performance.now() - started);
    reading.push(await guidance);
    published.push(publishes);
    counter.dispose();
    // Let the superseded documents' last analyses run before the next flood.
    await Promise.all(uris.map((uri) => connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })));
  }
  rows.push({
    name: `1,000 whole-text edits to 50 documents (300 stories each) sent at once, over stdio: reading them, to a request that needs no analysis (${SLOW_RUNS} runs)`,
    median: ms(median(reading)),
  });
  rows.push({
    name: `... then a hover on one of them: its wait beyond that reading (baseline: one edit's analysis of the document, ${RUNS} runs); analyses published before its answer: ${published.join(", ")}`,
    median: ms(median(waits.map((w, k) => w - (reading[k] ?? 0)))),
    baseline: ms(median(single)),
    ratio: (median(waits.map((w, k) => w - (reading[k] ?? 0))) / median(single)).toFixed(2),
    target: "≤ one analysis",
  });
  server.stop();
}

function cli(): void {
  const corpus = resolve(ROOT, "..", "shared", "corpus", "dalpiaz");
  if (!existsSync(corpus)) {
    rows.push({ name: "CLI over ../shared/corpus/dalpiaz", median: "skipped: corpus not found" });
    return;
  }
  const files = readdirSync(corpus).filter((f) => f.endsWith(".txt")).length;
  const times = time(5, () => {
    spawnSync(process.execPath, [join(ROOT, "bin", "backlog-coach.js"), "lint", corpus], { stdio: "ignore" });
  });
  rows.push({
    name: `CLI lint over the dalpiaz corpus (${files} files), whole process (5 runs)`,
    median: ms(median(times)),
    target: "< 500 ms",
  });
}

/** Module load of the client bundle with a stand-in `vscode` module: a lower bound, not a real activation. */
function clientLoad(): void {
  const bundle = join(ROOT, "dist", "client.js");
  // Anything the bundle reads, calls, constructs or extends at load time gives the stub back.
  const target = function stubTarget(): void {} as unknown as object;
  const stub: object = new Proxy(target, {
    get: (_, key) => (key === "prototype" ? {} : stub),
    apply: () => stub,
    construct: () => stub,
  });
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = loader._load;
  loader._load = (request, parent, isMain) => (request === "vscode" ? stub : original(request, parent, isMain));
  const started = performance.now();
  Module.createRequire(__filename)(bundle);
  const loadTime = performance.now() - started;
  loader._load = original;
  rows.push({
    name: "dist/client.js module load with a stub vscode (not a real activation; 1 run)",
    median: ms(loadTime),
    target: "activation < 50 ms",
  });
}

function bundles(): void {
  const dist = join(ROOT, "dist");
  for (const name of ["client.js", "server.js", "cli.js", join("webview", "main.js")]) {
    const path = join(dist, name);
    if (existsSync(path)) rows.push({ name: `bundle size dist/${name}`, median: `${(statSync(path).size / 1024).toFixed(0)} KiB` });
  }
}

/**
 * A feature set of 2,000 scenarios: one .feature file of 2,000 (cold open in the core and over stdio, keystrokes in
 * the middle scenario), and the same scenarios as 100 files of 20 read by the CLI as a whole process.
 */
async function gherkinCases(): Promise<void> {
  const SCENARIOS = 2_000;
  const text = generateFeature(SCENARIOS);
  const label = `${SCENARIOS.toLocaleString("en-US")}-scenario .feature file (${(text.length / 1e6).toFixed(2)} MB)`;
  const cold = time(RUNS, () => analyzeBacklog(text, "gherkin"));
  const findings = analyzeBacklog(text, "gherkin").findings.length;
  rows.push({ name: `${label}: cold open, full analysis, all rules (${RUNS} runs; ${findings} findings)`, median: ms(median(cold)) });
  const strokes = keystrokesInService(
    "file:///bench/after-sales.feature",
    "plaintext",
    text,
    text.indexOf("When I return", text.length / 2),
  );
  const baseline = median(time(RUNS, () => openInService("file:///bench/after-sales.feature", "plaintext", text)));
  rows.push({
    name: `${label}: keystroke in the middle scenario, analysis and diagnostics (${KEYSTROKES} keystrokes; baseline: opening the file, ${RUNS} runs)`,
    median: ms(median(strokes)),
    p95: ms(quantile(strokes, 0.95)),
    baseline: ms(baseline),
    ratio: `${((median(strokes) / baseline) * 100).toFixed(1)} %`,
    target: "≤ 10 ms",
  });
  const server = await startStdioServer();
  try {
    const stdioUri = "file:///bench/stdio-after-sales.feature";
    const started = performance.now();
    const published = nextDiagnostics(server.connection, stdioUri, (d) => d.diagnostics.length > 0);
    await server.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: stdioUri, languageId: "plaintext", version: 1, text },
    });
    await published;
    rows.push({ name: `${label}: dist/server.js over stdio, open to its findings (1 run)`, median: ms(performance.now() - started) });
  } finally {
    server.stop();
  }
  const dir = mkdtempSync(join(tmpdir(), "backlog-bench-features-"));
  for (let f = 0; f < 100; f++) writeFileSync(join(dir, `after-sales-${f}.feature`), generateFeature(20, f * 20));
  const bin = join(ROOT, "bin", "backlog-coach.js");
  const runs = time(RUNS, () => spawnSync(process.execPath, [bin, "lint", "--format", "json", dir], { encoding: "utf8" }));
  rows.push({
    name: `CLI lint over ${SCENARIOS.toLocaleString("en-US")} scenarios in 100 .feature files, whole process (${RUNS} runs)`,
    median: ms(median(runs)),
  });
}

async function main(): Promise<void> {
  const text = generateBacklog(STORIES);
  const dir = mkdtempSync(join(tmpdir(), "backlog-bench-"));
  const file = join(dir, "big.backlog.yaml");
  writeFileSync(file, text);
  console.log(
    `Backlog Coach benchmark: ${STORIES} generated stories, ${(text.length / 1e6).toFixed(1)} MB; node ${process.version}; ${new Date().toISOString()}`,
  );
  // A case that fails is reported in the table; the others still run.
  const cases: [string, () => void | Promise<void>][] = [
    ["typing", () => typingCase(text)],
    ["workspace keystroke", workspaceCase],
    ["core cases", () => coreCases(text)],
    ["LSP keystrokes", () => lspKeystrokes(text)],
    ["format keystrokes", formatKeystrokes],
    ["yaml-language-server", () => yamlLanguageServer(text, file)],
    ["server over stdio", () => serverOverStdio(text, file)],
    ["one-line files", oneLineFiles],
    ["edit flood", editFlood],
    ["CLI", cli],
    ["client load", clientLoad],
    ["bundles", bundles],
    ["gherkin feature set", gherkinCases],
    ["Jira export", jiraExport],
    ["examples scaled", examplesScaled],
  ];
  // `npm run bench -- "edit flood"` runs only the cases whose names contain an argument.
  const only = process.argv.slice(2);
  for (const [name, run] of cases) {
    if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
    try {
      await run();
    } catch (error) {
      rows.push({ name, median: `failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  console.log("");
  console.log("| case | median | p95 | baseline | ratio | target |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const r of rows)
    console.log(`| ${r.name} | ${r.median} | ${r.p95 ?? ""} | ${r.baseline ?? ""} | ${r.ratio ?? ""} | ${r.target ?? ""} |`);
  console.log("");
  // The per-rule costs belong to the core cases: a run of other cases alone skips them.
  if (only.length > 0 && !only.some((o) => "core cases".includes(o))) return;
  console.log("Per-rule cost over the whole file (each rule alone, after one parse):");
  console.log("");
  for (const line of ruleCosts(text)) console.log(line);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
