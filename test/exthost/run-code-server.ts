// Runs the extension-host suite in VS Code 1.139 from the code-server package: VS Code's own server with the
// smoke-test driver, opened in Chromium with the test payload; relays the suite's log and exits with its code.
// With --web the extension runs in the workbench's web-worker extension host instead of the Node one: its
// `browser` entry, with the suite bundled for the browser (bundleWebSuite).
import { build, type Plugin } from "esbuild";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { EDITOR_FIXTURE_FOLDER, WORKSPACE_FIXTURE_FOLDER } from "../support/editor-fixture";
import { SUITE_MARK } from "./suite/marker";
import { REPO_ROOT, createSandbox, launchChromium, missingVsCodeTools, startVsCodeServer } from "../support/editor-harness";

const SUITE_TIMEOUT_MS = 240_000;
const WEB = process.argv.includes("--web");
const TIER = WEB ? "web extension-host tier" : "extension-host tier";
const NODE_SUITE = join(REPO_ROOT, "out", "test", "exthost", "suite", "index.js");
const WEB_SUITE_SOURCES = join(REPO_ROOT, "test", "exthost", "web");
/** What the web tier copies of the repository: the files the .vsix holds (see .vscodeignore) that it loads. */
const WEB_EXTENSION_FILES = ["dist", "docs", "schemas", "snippets", "media", "language-configuration.json", "README.md"];

/**
 * Bundles the web suite as the web-worker host loads a test module: CommonJS that requires only `vscode`.
 * `node:assert/strict` becomes the npm port of assert, which reads a `process` that the shim gives it as a module
 * binding; mocha's prebuilt browser build is a UMD file that would take the host's `module` for its own and
 * replace the suite's exports, so it is evaluated with no `module` or `define` and leaves its globals.
 */
async function bundleWebSuite(outfile: string): Promise<void> {
  const webSuite: Plugin = {
    name: "web-suite",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: join(WEB_SUITE_SOURCES, "assert-strict.ts") }));
      esbuild.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
        contents: `(function (module, exports, define) {\n${await readFile(args.path, "utf8")}\n}).call(globalThis);`,
        loader: "js",
      }));
    },
  };
  await build({
    entryPoints: [join(WEB_SUITE_SOURCES, "index.ts")],
    outfile,
    bundle: true,
    platform: "browser",
    format: "cjs",
    target: "es2022",
    external: ["vscode"],
    inject: [join(WEB_SUITE_SOURCES, "process-shim.ts")],
    plugins: [webSuite],
    sourcemap: "inline",
    logLevel: "warning",
  });
}

/**
 * The extension as vscode.dev sees it: the manifest without `main`, so that VS Code runs the `browser` entry in the
 * web-worker host (with `main` it picks the Node host; the web workbench ignores the payload's
 * extensionDevelopmentKind, whose getter it names differently).
 */
function webExtensionCopy(sandbox: ReturnType<typeof createSandbox>): string {
  const folder = join(sandbox.root, "web-extension");
  for (const name of WEB_EXTENSION_FILES) cpSync(join(REPO_ROOT, name), join(folder, name), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as Record<string, unknown>;
  delete manifest["main"];
  writeFileSync(join(folder, "package.json"), JSON.stringify(manifest, null, 2));
  return folder;
}

async function main(): Promise<number> {
  const missing = missingVsCodeTools({ chromium: true });
  if (missing) {
    console.error(`${TIER} cannot run: ${missing}`);
    return 1;
  }
  const sandbox = createSandbox(WEB ? "exthost-web" : "exthost");
  // A multi-root workspace: the editor fixture's folder first (the suites open its file), then the two folders of the
  // cross-file fixture, whose files no test opens (test/exthost/suite/workspace.test.ts).
  const roots = [
    sandbox.copyFolder(EDITOR_FIXTURE_FOLDER, "workspace"),
    sandbox.copyFolder(`${WORKSPACE_FIXTURE_FOLDER}/checkout`, "checkout"),
    sandbox.copyFolder(`${WORKSPACE_FIXTURE_FOLDER}/payments`, "payments"),
  ];
  const workspace = join(sandbox.root, "multi-root.code-workspace");
  writeFileSync(workspace, JSON.stringify({ folders: roots.map((path) => ({ path })) }, null, 2));
  let extension = REPO_ROOT;
  let suite = NODE_SUITE;
  if (WEB) {
    extension = webExtensionCopy(sandbox);
    // Inside the extension's folder: VS Code runs a test module in the extension host of the extension it lies in.
    suite = join(extension, "test", "suite.bundle.js");
    await bundleWebSuite(suite);
  }
  const verbose = process.env["BACKLOG_COACH_TEST_VERBOSE"] === "1";
  let server: Awaited<ReturnType<typeof startVsCodeServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const stopTimer = new AbortController();
  try {
    server = await startVsCodeServer(sandbox, verbose ? (line) => console.log(`[server] ${line}`) : undefined);
    const authority = new URL(server.origin).host;
    const remote = (path: string): string => `vscode-remote://${authority}${path}`;
    const payload = [
      ["extensionDevelopmentPath", remote(extension)],
      ["extensionTestsPath", remote(suite)],
      ["skipWelcome", "true"],
    ];
    const url = `${server.origin}/?workspace=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    browser = await launchChromium();
    const page = await browser.newPage();
    let settle: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction("codeAutomationLog", (type: string, args: unknown[]) => {
      const text = args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
      if (text.startsWith(SUITE_MARK)) console.log(text.slice(SUITE_MARK.length));
      // The workbench logs a lot at "info"; errors are kept, except the service worker's, which webviews in this tier do not need.
      else if (verbose || (type === "error" && !text.startsWith("[Service Worker]"))) console.log(`[workbench ${type}] ${text}`);
    });
    await page.exposeFunction("codeAutomationExit", (code: number) => settle(code));
    page.on("pageerror", (error) => verbose && console.log(`[page error] ${error.message}`));
    await page.goto(url);

    const timeout = delay(SUITE_TIMEOUT_MS, "timeout" as const, { signal: stopTimer.signal }).catch(() => "cancelled" as const);
    const outcome = await Promise.race([exitCode, timeout]);
    if (typeof outcome === "number") return outcome;
    console.error(`the suite did not finish within ${SUITE_TIMEOUT_MS} ms; server output:\n${server.process.output().slice(-4000)}`);
    return 1;
  } finally {
    stopTimer.abort();
    await browser?.close().catch(() => undefined);
    await server?.process.stop();
    sandbox.dispose();
  }
}

main().then(
  (code) => {
    console.log(code === 0 ? `${TIER}: passed` : `${TIER}: FAILED (exit code ${code})`);
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    console.log(`${TIER}: FAILED`);
    process.exitCode = 1;
  },
);
