// The packaged extension in the real VS Code workbench (code-server in Debian's Chromium): Problems panel, hover and
// the sidebar webview, driven as a user would. Takes the built backlog-coach.vsix (npm run package); screenshots
// go to .test-output/ui/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import {
  REPO_ROOT,
  VSIX,
  createSandbox,
  installVsix,
  launchChromium,
  missingVsCodeTools,
  startCodeServer,
  type RunningProcess,
  type Sandbox,
} from "../support/editor-harness";

const SAMPLE = "checkout.backlog.yaml";
const HOVER_TERM = "Sprint Review";
const SCREENSHOTS = join(REPO_ROOT, ".test-output", "ui");
const STEP_TIMEOUT_MS = 30_000;

const sampleText = readFileSync(join(REPO_ROOT, "examples", SAMPLE), "utf8");
const skip = missingVsCodeTools({ chromium: true }) ?? false;

describe("Backlog Coach in the VS Code workbench (code-server + Chromium)", { skip }, () => {
  let sandbox: Sandbox | undefined;
  let server: RunningProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let opened = false;

  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };

  before(
    async () => {
      assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
      mkdirSync(SCREENSHOTS, { recursive: true });
      sandbox = createSandbox("ui");
      const workspace = sandbox.copyFolder("examples", "examples");
      await installVsix(sandbox, VSIX);
      const started = await startCodeServer(sandbox, workspace);
      server = started.process;
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      opened = true;
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.goto(`${started.origin}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator(".monaco-workbench").waitFor();
    },
    { timeout: 120_000 },
  );

  after(async () => {
    // The last state of the page, which is what one wants to see when a step failed.
    if (opened) await page.screenshot({ path: join(SCREENSHOTS, "last.png") }).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    sandbox?.dispose();
  });

  it(`opens ${SAMPLE} from the explorer and marks the story without a benefit`, async () => {
    await page.locator(".explorer-folders-view .monaco-list-row").filter({ hasText: SAMPLE }).click();
    await page.locator(".tab.active").filter({ hasText: SAMPLE }).waitFor();
    await page.locator(".monaco-editor .squiggly-warning").first().waitFor();
    await shot("1-editor");
  });

  it("lists the story-benefit warning in the Problems panel", async () => {
    await page.keyboard.press("Control+Shift+M");
    const row = page.locator(".markers-panel .monaco-list-row").filter({ hasText: "story-benefit" });
    await row.first().waitFor();
    const text = await row.first().innerText();
    assert.match(text, /so that/, `the Problems row explains the rule: ${text}`);
    await shot("2-problems");
    await page.keyboard.press("Control+Shift+M");
  });

  it(`explains "${HOVER_TERM}" in a hover`, async () => {
    assert.ok(sampleText.includes(HOVER_TERM), `examples/${SAMPLE} names ${HOVER_TERM}`);
    // The YAML grammar makes the plain scalar one token, so one span holds the term.
    const term = page.locator(".monaco-editor .view-line span", { hasText: HOVER_TERM }).last();
    await term.hover();
    const hover = page.locator(".monaco-hover").filter({ hasText: HOVER_TERM });
    await hover.waitFor();
    const text = await hover.innerText();
    assert.ok(text.length > HOVER_TERM.length + 20, `the hover explains the term: ${text}`);
    await shot("3-hover");
    await page.keyboard.press("Escape");
  });

  it("shows guidance and the open backlog's health in the Backlog Coach sidebar", async () => {
    await page.locator('.activitybar [aria-label^="Backlog Coach"]').first().click();
    const webview = page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
    // The page itself only says "Loading guidance…": the events come from the server's guidance request ...
    await webview.getByRole("tab", { name: "Events" }).click();
    await webview.getByRole("tabpanel").filter({ hasText: HOVER_TERM }).waitFor();
    await shot("4-sidebar-events");
    // ... and the story count from its health request on the open file.
    await webview.getByRole("tab", { name: "Backlog" }).click();
    const stories = String(sampleText.match(/^\s*- id:/gm)?.length ?? 0);
    const storiesRow = webview.getByRole("tabpanel").locator("tr", { has: webview.locator("th", { hasText: /^Stories$/ }) });
    await storiesRow.locator("td", { hasText: new RegExp(`^${stories}$`) }).waitFor();
    await shot("4-sidebar-backlog");
  });
});
