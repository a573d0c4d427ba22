// The Problems panel on a Gherkin .feature file and on a Spec Kit spec.md, in the real workbench (code-server +
// Chromium, the packaged .vsix): each file's findings are listed with their rule ids; screenshots
// .test-output/ui/feature-problems.png and speckit-problems.png (the README's pictures).
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import * as harness from "../support/editor-harness";

const SCREENSHOTS = join(harness.REPO_ROOT, ".test-output", "ui");
const skip = harness.missingVsCodeTools({ chromium: true }) ?? false;

describe("the Problems panel on a .feature file and a Spec Kit spec.md (code-server + Chromium)", { skip }, () => {
  let workbench: harness.Workbench | undefined;
  let page: Page;

  before(
    async () => {
      workbench = await harness.openWorkbench({
        name: "ui-formats",
        prepare: (sandbox) => {
          const workspace = sandbox.copyFolder("examples", "examples");
          // Only the open file's problems, so that each picture shows the one file it is about.
          mkdirSync(join(workspace, ".vscode"), { recursive: true });
          writeFileSync(join(workspace, ".vscode", "settings.json"), JSON.stringify({ "backlogCoach.workspaceCheck": "openFiles" }));
          return workspace;
        },
      });
      page = workbench.page;
    },
    { timeout: 120_000 },
  );

  after(() => workbench?.close("formats-last"));

  /**
   * Opens a workspace file from the explorer, clicking through its folders as a user does: `rows` are the rows to
   * click, a folder row by the start of its text (the explorer shows "specs / 001-checkout" as one compact row).
   */
  const openFromExplorer = async (...rows: string[]): Promise<void> => {
    for (const [k, name] of rows.entries()) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const text = new RegExp(k === rows.length - 1 ? `^${escaped}$` : `^${escaped}`);
      await page.locator(".explorer-folders-view .monaco-list-row").filter({ hasText: text }).first().click();
    }
    await page
      .locator(".tab.active")
      .filter({ hasText: rows.at(-1) ?? "" })
      .waitFor();
  };

  /** Runs a command from the Command Palette. */
  const command = async (name: string): Promise<void> => {
    await page.keyboard.press("F1");
    await page.locator(".quick-input-widget input").fill(`> ${name}`);
    await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().click();
  };

  /** The Problems panel's rows once they name every one of `rules`; the panel stays open. */
  const problemRows = async (file: string, rules: readonly string[]): Promise<string[]> => {
    const panel = page.locator(".markers-panel");
    if (!(await panel.isVisible())) await page.keyboard.press("Control+Shift+M");
    await panel.locator(".monaco-list-row").filter({ hasText: file }).first().waitFor();
    for (const rule of rules) await panel.locator(".monaco-list-row").filter({ hasText: rule }).first().waitFor();
    return panel.locator(".monaco-list-row").allInnerTexts();
  };

  it("lists the .feature file's findings: a scenario without Then, one When too many, untestable outcomes", async () => {
    await openFromExplorer("returns.feature");
    const rows = await problemRows("returns.feature", ["criteria-then", "criteria-one-when", "criteria-duplicate", "criteria-testable"]);
    assert.ok(!rows.some((r) => r.includes("spec.md")), "only the open file's problems");
    await page.screenshot({ path: join(SCREENSHOTS, "feature-problems.png") });
  });

  it("lists the Spec Kit spec.md's findings on its user stories", async () => {
    await command("View: Close All Editors");
    await openFromExplorer("specs", "spec.md");
    const rows = await problemRows("spec.md", [
      "priority-unique",
      "story-well-formed",
      "criteria-missing",
      "story-atomic",
      "criteria-testable",
    ]);
    assert.ok(!rows.some((r) => r.includes("returns.feature")), "the closed file's problems are gone");
    await page.screenshot({ path: join(SCREENSHOTS, "speckit-problems.png") });
  });
});
