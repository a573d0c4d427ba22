// Runs the extension-host suite in VS Code 1.139 from the code-server package: VS Code's own server with the
// smoke-test driver, opened in Chromium with the test payload; relays the suite's log and exits with its code.
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { EDITOR_FIXTURE_FOLDER } from "../support/editor-fixture";
import { SUITE_MARK } from "./suite/marker";
import { REPO_ROOT, createSandbox, launchChromium, missingVsCodeTools, startVsCodeServer } from "../support/editor-harness";

const SUITE_TIMEOUT_MS = 180_000;
const SUITE = join(REPO_ROOT, "out", "test", "exthost", "suite", "index.js");

async function main(): Promise<number> {
  const missing = missingVsCodeTools({ chromium: true });
  if (missing) {
    console.error(`extension-host tier cannot run: ${missing}`);
    return 1;
  }
  const sandbox = createSandbox("exthost");
  const workspace = sandbox.copyFolder(EDITOR_FIXTURE_FOLDER, "workspace");
  const verbose = process.env["BACKLOG_COACH_TEST_VERBOSE"] === "1";
  let server: Awaited<ReturnType<typeof startVsCodeServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const stopTimer = new AbortController();
  try {
    server = await startVsCodeServer(sandbox, verbose ? (line) => console.log(`[server] ${line}`) : undefined);
    const authority = new URL(server.origin).host;
    const remote = (path: string): string => `vscode-remote://${authority}${path}`;
    const payload = [
      ["extensionDevelopmentPath", remote(REPO_ROOT)],
      ["extensionTestsPath", remote(SUITE)],
      ["skipWelcome", "true"],
    ];
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

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
    console.log(code === 0 ? "extension-host tier: passed" : `extension-host tier: FAILED (exit code ${code})`);
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    console.log("extension-host tier: FAILED");
    process.exitCode = 1;
  },
);
