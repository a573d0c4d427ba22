// Shared by the real-editor tiers (Neovim, VS Code extension host, VS Code UI): tool paths, sandboxed HOME and XDG
// folders, child processes that are always stopped, polling with timeouts, VS Code user settings, the VS Code
// server and code-server from the `code-server` package, and Debian's Chromium driven by playwright-core.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { chromium, type Browser, type Page } from "playwright-core";

export const REPO_ROOT = join(__dirname, "..", "..", "..");

// The same paths as scripts/tools-env.sh; the scripts may pass them in the environment instead.
const NODE_ARCH = process.arch === "arm64" ? "arm64" : "x64";
export const NODE24 =
  process.env["NODE24"] ??
  join(REPO_ROOT, ".tools", "node24", "node_modules", "node", "node_modules", `node-linux-${NODE_ARCH}`, "bin", "node");
export const CODE_SERVER_DIR = process.env["CODE_SERVER_DIR"] ?? join(REPO_ROOT, ".tools", "cs", "lib", "node_modules", "code-server");
export const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";
export const VSIX = join(REPO_ROOT, "backlog-coach.vsix");

/** Why the VS Code tiers cannot run here (a reason to skip), or undefined when every tool is in place. */
export function missingVsCodeTools(options: { chromium: boolean }): string | undefined {
  const needed: [string, string][] = [
    [NODE24, "Node 24"],
    [join(CODE_SERVER_DIR, "lib", "vscode", "out", "server-main.js"), "code-server"],
  ];
  if (options.chromium) needed.push([CHROMIUM, "Chromium"]);
  const missing = needed.filter(([path]) => !existsSync(path)).map(([path, name]) => `${name} (${path})`);
  return missing.length > 0 ? `missing ${missing.join(", ")}: run bash scripts/ensure-tools.sh` : undefined;
}

/** A throw-away HOME with XDG folders, a VS Code user-data dir and an extensions dir, all under one temp folder. */
export interface Sandbox {
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** The environment for every process started in the sandbox: nothing is written to the real HOME. */
  readonly env: NodeJS.ProcessEnv;
  /** Copies a folder of the repository into the sandbox and returns the copy's path. */
  copyFolder(relativeToRepo: string, name: string): string;
  dispose(): void;
}

export function createSandbox(name: string): Sandbox {
  const root = mkdtempSync(join(tmpdir(), `backlog-coach-${name}-`));
  const home = join(root, "home");
  const userDataDir = join(root, "user-data");
  const extensionsDir = join(root, "extensions");
  const xdg = {
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local", "share"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_RUNTIME_DIR: join(root, "run"),
  };
  for (const dir of [home, userDataDir, extensionsDir, ...Object.values(xdg)]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeUserSettings(userDataDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    ...xdg,
    // Without it the workbench tries to reach its marketplace, which these machines cannot.
    EXTENSIONS_GALLERY: "{}",
    // npm sets these for `npm run`; the servers below must not inherit Node 20's view of npm.
    npm_config_nodedir: undefined,
    NODE_OPTIONS: undefined,
  };
  return {
    root,
    userDataDir,
    extensionsDir,
    env,
    copyFolder(relativeToRepo, copyName) {
      const target = join(root, copyName);
      cpSync(join(REPO_ROOT, relativeToRepo), target, { recursive: true });
      return target;
    },
    dispose() {
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** User settings that keep the first run quiet: no welcome page, trust prompt, telemetry, updates or tips. */
export const QUIET_USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
} as const;

export function writeUserSettings(userDataDir: string): void {
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  writeFileSync(join(userDataDir, "User", "settings.json"), JSON.stringify(QUIET_USER_SETTINGS, null, 2));
}

/** Polls `probe` until it returns a value other than undefined; rejects after `timeoutMs` with the last error seen. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await delay(intervalMs);
  }
}

/** Waits until `url` answers with a 2xx status. */
export async function waitForHttp(url: string, timeoutMs: number, process?: RunningProcess): Promise<void> {
  await waitFor(
    `${url} to answer`,
    async () => {
      if (process?.exitCode !== undefined)
        throw new Error(`the server exited (${String(process.exitCode)}):\n${process.output().slice(-2000)}`);
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return response.ok ? true : undefined;
    },
    timeoutMs,
    200,
  );
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A child process in its own process group, so that stopping it also stops what it started. */
export interface RunningProcess {
  readonly child: ChildProcess;
  /** undefined while running; the exit code (or null after a signal) once it ended. */
  readonly exitCode: number | null | undefined;
  readonly exited: Promise<number | null>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the process has ended. */
  stop(graceMs?: number): Promise<void>;
}

// Process groups still running, killed on the way out if a test run is interrupted before its `finally`.
const liveGroups = new Set<number>();
process.on("exit", () => {
  for (const pid of liveGroups) killGroup(pid, "SIGKILL");
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function startProcess(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; echo?: (line: string) => void },
): RunningProcess {
  const child = spawn(command, args, {
    env: options.env,
    cwd: options.cwd ?? REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  let output = "";
  let exitCode: number | null | undefined;
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString("utf8");
    output += text;
    if (output.length > 1_000_000) output = output.slice(-500_000);
    if (options.echo) for (const line of text.split("\n")) if (line.trim()) options.echo(line);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => {
    child.on("error", (error) => {
      output += `\n${error.message}`;
      exitCode = null;
      resolve(null);
    });
    child.on("exit", (code) => {
      exitCode = code;
      resolve(code);
    });
  });
  return {
    child,
    get exitCode() {
      return exitCode;
    },
    exited,
    output: () => output,
    async stop(graceMs = 5000) {
      if (pid === undefined) return;
      if (exitCode === undefined) {
        killGroup(pid, "SIGTERM");
        const timer = setTimeout(() => killGroup(pid, "SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      // Children of the group may outlive its leader (extension host, pty host): end them too.
      killGroup(pid, "SIGKILL");
      liveGroups.delete(pid);
    },
  };
}

/** Runs a process to its end and resolves with its exit code and output; kills it after `timeoutMs`. */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number },
): Promise<{ code: number | null; output: string }> {
  const running = startProcess(command, args, options);
  const timer = setTimeout(() => void running.stop(1000), options.timeoutMs);
  try {
    const code = await running.exited;
    return { code, output: running.output() };
  } finally {
    clearTimeout(timer);
    await running.stop(1000);
  }
}

/**
 * VS Code's own server from the code-server package, with the smoke-test driver that lets a browser page run an
 * extension test suite (`extensionTestsPath`) and receive its exit code.
 */
export async function startVsCodeServer(
  sandbox: Sandbox,
  echo?: (line: string) => void,
): Promise<{ process: RunningProcess; origin: string }> {
  const port = await freePort();
  const process = startProcess(
    NODE24,
    [
      join(CODE_SERVER_DIR, "lib", "vscode", "out", "server-main.js"),
      ...["--host", "127.0.0.1", "--port", String(port)],
      "--without-connection-token",
      "--accept-server-license-terms",
      "--enable-smoke-test-driver",
      "--disable-telemetry",
      ...["--user-data-dir", sandbox.userDataDir, "--server-data-dir", sandbox.userDataDir, "--extensions-dir", sandbox.extensionsDir],
    ],
    echo ? { env: sandbox.env, echo } : { env: sandbox.env },
  );
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/`, 60_000, process);
  } catch (error) {
    await process.stop();
    throw error;
  }
  return { process, origin };
}

function codeServerArgs(sandbox: Sandbox): string[] {
  return [
    join(CODE_SERVER_DIR, "out", "node", "entry.js"),
    ...["--config", "/dev/null", "--auth", "none"],
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    ...["--user-data-dir", sandbox.userDataDir, "--extensions-dir", sandbox.extensionsDir],
  ];
}

/** Installs a packaged extension into the sandbox's extensions dir with code-server's CLI. */
export async function installVsix(sandbox: Sandbox, vsix: string): Promise<void> {
  const result = await runProcess(NODE24, [...codeServerArgs(sandbox), "--install-extension", vsix], {
    env: sandbox.env,
    timeoutMs: 120_000,
  });
  if (result.code !== 0) throw new Error(`installing ${vsix} failed (${String(result.code)}):\n${result.output}`);
}

/** code-server (the browser workbench users run) on `workspace`; resolves once /healthz answers. */
export async function startCodeServer(sandbox: Sandbox, workspace: string): Promise<{ process: RunningProcess; origin: string }> {
  const port = await freePort();
  const process = startProcess(NODE24, [...codeServerArgs(sandbox), "--bind-addr", `127.0.0.1:${port}`, workspace], { env: sandbox.env });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/healthz`, 60_000, process);
  } catch (error) {
    await process.stop();
    throw error;
  }
  return { process, origin };
}

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

/** A workbench the UI tests drive: code-server with the packaged extension, and a Chromium page on it. */
export interface Workbench {
  readonly sandbox: Sandbox;
  readonly workspace: string;
  readonly page: Page;
  /** Takes a screenshot of the page's last state (what one wants to see when a step failed), then stops it all. */
  close(lastShot: string): Promise<void>;
}

/**
 * Starts code-server with the built .vsix installed on a workspace that `prepare` fills (in the sandbox's folder
 * `workspace` unless it returns another), opens Chromium on it and waits for the workbench: what every UI test
 * does before its first step. `onPage` sees the page before the workbench loads (a dialog handler).
 */
export async function openWorkbench(options: {
  readonly name: string;
  readonly prepare: (sandbox: Sandbox, workspace: string) => string | void;
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly stepTimeoutMs?: number;
  readonly onPage?: (page: Page) => void;
}): Promise<Workbench> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package first`);
  mkdirSync(join(REPO_ROOT, ".test-output", "ui"), { recursive: true });
  const sandbox = createSandbox(options.name);
  let server: RunningProcess | undefined;
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    sandbox.dispose();
  };
  try {
    const folder = join(sandbox.root, "workspace");
    mkdirSync(folder);
    const workspace = options.prepare(sandbox, folder) ?? folder;
    await installVsix(sandbox, VSIX);
    const started = await startCodeServer(sandbox, workspace);
    server = started.process;
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    page.setDefaultTimeout(options.stepTimeoutMs ?? 30_000);
    options.onPage?.(page);
    await page.goto(`${started.origin}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator(".monaco-workbench").waitFor();
    return {
      sandbox,
      workspace,
      page,
      async close(lastShot) {
        await page.screenshot({ path: join(REPO_ROOT, ".test-output", "ui", `${lastShot}.png`) }).catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
