// A first day in the real workbench (code-server + Chromium): an empty backlog offers the template, "New Backlog"
// writes one in an untitled editor that is checked at once, the Get Started walkthrough opens with its five steps,
// and "Restart Language Server" says it restarted. Screenshots go to .test-output/ui/first-day-*.png.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import * as harness from "../support/editor-harness";

const EMPTY = "empty.backlog.yaml";
const SCREENSHOTS = join(harness.REPO_ROOT, ".test-output", "ui");
const STEP_TIMEOUT_MS = 30_000;
const skip = harness.missingVsCodeTools({ chromium: true }) ?? false;

describe("a first day with Backlog Coach in the VS Code workbench", { skip }, () => {
  let workbench: harness.Workbench | undefined;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `first-day-${name}.png`) });
  const runCommand = async (title: string): Promise<void> => {
    await page.keyboard.press("F1");
    await page.locator(".quick-input-widget input").fill(`> ${title}`);
    await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().click();
  };
  const pick = (label: string) => page.locator(".quick-input-list .monaco-list-row", { hasText: label }).first().click();

  before(
    async () => {
      workbench = await harness.openWorkbench({
        name: "first-day",
        stepTimeoutMs: STEP_TIMEOUT_MS,
        prepare: (_sandbox, workspace) => {
          writeFileSync(join(workspace, EMPTY), "# my first backlog\n");
          writeFileSync(join(workspace, ".backlog-coach.yaml"), "rules:\n  story-atomic: off\n");
        },
      });
      page = workbench.page;
    },
    { timeout: 120_000 },
  );

  after(() => workbench?.close("first-day-last"));

  it("offers the template on an empty backlog file, and the template it writes has no finding", async () => {
    await page.locator(".explorer-folders-view .monaco-list-row").filter({ hasText: EMPTY }).click();
    await page.locator(".tab.active").filter({ hasText: EMPTY }).waitFor();
    const lens = page.locator(".contentWidgets .codelens-decoration a", { hasText: "Insert a backlog template" });
    await lens.waitFor();
    await page.locator(".codelens-decoration", { hasText: "story" }).first().waitFor();
    await shot("1-empty-file-lens");
    await lens.click();
    await page.locator(".monaco-editor .view-line", { hasText: "Search by product name" }).first().waitFor();
    await lens.waitFor({ state: "detached" });
    // No finding on the template (test/unit/backlog-templates.test.ts proves it for every rule; the next test shows
    // the server checking an editor as it opens).
    await page.keyboard.press("Control+Shift+M");
    await page.locator(".markers-panel").getByText("No problems have been detected").waitFor();
    await shot("2-template");
  });

  it('"New Backlog" writes a Markdown template into an untitled editor that is checked as you type', async () => {
    await runCommand("Backlog Coach: New Backlog");
    await pick("Markdown stories");
    await pick("In a new untitled editor");
    await page.locator(".tab.active").filter({ hasText: "product.stories.md" }).waitFor();
    await page.locator(".monaco-editor .view-line", { hasText: "## ST-1 Search by product name" }).first().waitFor();
    // Break the story: the checker, which goes by the file name, flags it in the untitled editor too.
    await page.locator(".monaco-editor .view-line", { hasText: "As a shopper, I want" }).first().click();
    await page.keyboard.press("End");
    await page.keyboard.press("Shift+Home");
    await page.keyboard.type("I want to search products by name.");
    const row = page.locator(".markers-panel .monaco-list-row").filter({ hasText: "story-well-formed" });
    await row.first().waitFor();
    await shot("3-untitled-checked");
  });

  it("opens the Get Started walkthrough with its five steps", async () => {
    await runCommand("Welcome: Open Walkthrough...");
    await pick("Get Started with Backlog Coach");
    const steps = page.locator(".getting-started-step");
    for (const title of ["Write a first story", "See a finding", "Apply a fix", "Open the sidebar", "Run the checks in CI"])
      await steps.filter({ hasText: title }).first().waitFor();
    // The step's button runs New Backlog, as a user would; its completion event checks the step.
    const first = steps.filter({ hasText: "Write a first story" }).first();
    await first.click();
    await first.getByRole("button", { name: "New Backlog" }).click();
    await pick("Plain story list");
    await pick("In a new untitled editor");
    await page.locator(".tab.active").filter({ hasText: "product.stories" }).waitFor();
    await page.locator(".tab", { hasText: "Welcome" }).click();
    // The workbench marks a done step with a ".codicon.complete" check.
    await first.locator(".codicon.complete").waitFor();
    assert.equal(await steps.filter({ hasText: "Open the sidebar" }).first().locator(".codicon.complete").count(), 0);
    await page.locator(".getting-started-step", { hasText: "See a finding" }).first().click();
    // The README's picture: the walkthrough alone, without the Problems panel the earlier steps opened.
    await page.keyboard.press("Control+J");
    await page.locator(".part.panel").waitFor({ state: "hidden" });
    await page.waitForTimeout(500);
    await shot("4-walkthrough");
  });

  it('offers no snippet that would write a second "As a" after "As a "', async () => {
    await page.locator(".tab", { hasText: "product.stories" }).filter({ hasNotText: ".md" }).click();
    await page.locator(".monaco-editor .view-line", { hasText: "As a shopper" }).last().click();
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("As a ");
    await page.keyboard.press("Control+Space");
    const rows = page.locator(".suggest-widget .monaco-list-row");
    await rows.first().waitFor();
    const labels = await rows.allInnerTexts();
    await shot("5-completion");
    console.log(`suggestions after "As a ": ${JSON.stringify(labels)}`);
    assert.ok(!labels.some((l) => /Story sentence|User story/.test(l)), labels.join(" | "));
    await page.keyboard.press("Escape");
  });

  it("completes rule ids and severities in .backlog-coach.yaml", async () => {
    await page.locator(".explorer-folders-view .monaco-list-row").filter({ hasText: ".backlog-coach.yaml" }).click();
    await page.locator(".tab.active").filter({ hasText: ".backlog-coach.yaml" }).waitFor();
    await page.locator(".monaco-editor .view-line", { hasText: "story-atomic: off" }).click();
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("story-va");
    const suggestion = page.locator(".suggest-widget .monaco-list-row", { hasText: "story-vague-terms" });
    await suggestion.first().waitFor();
    await shot("6-config-completion");
    await page.keyboard.press("Enter");
    // Accepting the rule id asks for its severity.
    await page.locator(".suggest-widget .monaco-list-row", { hasText: "warning" }).first().waitFor();
    await page.keyboard.press("Escape");
    await page.locator(".monaco-editor .view-line", { hasText: "story-vague-terms:" }).waitFor();
  });

  it('"Restart Language Server" says it restarted', async () => {
    await runCommand("Backlog Coach: Restart Language Server");
    await page.locator(".notifications-toasts", { hasText: "the language server restarted" }).waitFor();
    await shot("7-restarted");
  });
});
