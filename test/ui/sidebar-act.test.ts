// Acting from the sidebar in the real workbench (code-server + Chromium), as a Product Owner would: the charts, a
// rule's bar that filters the findings, "Go to" and "Fix" on a finding, the workspace's files, a search that shows
// every tab's hits. Screenshots: .test-output/ui/sidebar-charts.png, sidebar-filter.png, sidebar-workspace.png.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { FrameLocator, Page } from "playwright-core";
import * as harness from "../support/editor-harness";

const FILE = "sprint.backlog.yaml";
const SPRINT = readFileSync(join(harness.REPO_ROOT, "test", "fixtures", "sidebar", FILE), "utf8");
/** A second backlog file, never opened: the workspace view counts it from the workspace check. */
const OTHER = "stories:\n  - id: OT-1\n    story: Payment page.\n";
const SCREENSHOTS = join(harness.REPO_ROOT, ".test-output", "ui");
const STEP_TIMEOUT_MS = 30_000;
const skip = harness.missingVsCodeTools({ chromium: true }) ?? false;

describe("acting from the Backlog Coach sidebar in the VS Code workbench", { skip }, () => {
  let workbench: harness.Workbench | undefined;
  let page: Page;
  let view: FrameLocator;

  const sidebarShot = (name: string) => page.locator(".part.sidebar").screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  const scrollTo = (selector: string) =>
    view.locator(selector).evaluate((heading) => {
      const doc = heading.ownerDocument;
      heading.scrollIntoView({ block: "start" });
      doc.defaultView?.scrollBy(0, -(doc.querySelector("header")?.getBoundingClientRect().height ?? 0) - 4);
    });

  before(
    async () => {
      workbench = await harness.openWorkbench({
        name: "sidebar-act",
        viewport: { width: 1600, height: 1000 },
        stepTimeoutMs: STEP_TIMEOUT_MS,
        prepare: (_sandbox, workspace) => {
          writeFileSync(join(workspace, FILE), SPRINT);
          writeFileSync(join(workspace, "other.backlog.yaml"), OTHER);
        },
      });
      page = workbench.page;
      view = page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
      await page.locator(".explorer-folders-view .monaco-list-row").filter({ hasText: FILE }).click();
      await page.locator(".tab.active").filter({ hasText: FILE }).waitFor();
      await page.locator('.activitybar [aria-label^="Backlog Coach"]').first().click();
      await view.locator('[role="tablist"]').waitFor();
      await view.locator('[role="tab"]', { hasText: /^Backlog/ }).click();
    },
    { timeout: 180_000 },
  );

  after(() => workbench?.close("sidebar-act-last"));

  it("draws findings per rule, the next stories' readiness and the Sprint's load, each with its text", async () => {
    await view.locator('[data-key="rule-story-atomic"] svg.chart rect.bar').waitFor();
    const strip = view.locator('[aria-labelledby="next-title"] svg.chart');
    assert.equal(await strip.getAttribute("aria-label"), "Of the next 3 stories in rank order, 1 is ready.");
    assert.equal(await strip.locator("rect").count(), 3);
    const load = view.locator('[aria-labelledby="sprint-title"]');
    await load.getByText("The Sprint's stories are estimated at 13 against a capacity of 10: 3 over (130 %).").waitFor();
    assert.equal(await load.locator("svg.chart line.capacity").count(), 1);
    await load.locator("summary", { hasText: "As a table" }).click();
    await load.locator("td", { hasText: "no story has this id" }).waitFor();
    await sidebarShot("sidebar-charts-narrow");
  });

  it("uses two columns in a wide sidebar, and lists the workspace's files with the open one's health", async () => {
    // Drag the sash at the sidebar's edge as a user would.
    const box = await page.locator(".part.sidebar").boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 450, box.y + box.height / 2, { steps: 10 });
    await page.mouse.up();
    const columns = await view
      .locator(".health-grid")
      .evaluate((grid) => grid.ownerDocument.defaultView?.getComputedStyle(grid).gridTemplateColumns.split(" ").length ?? 0);
    assert.equal(columns, 2, "two columns when wide");
    await view.locator("#workspace-total", { hasText: /^2 files, 4 stories, 1 ready\./ }).waitFor();
    await view.locator('[data-key="file-other.backlog.yaml"]').waitFor();
    await scrollTo("#health-title");
    await sidebarShot("sidebar-charts");
    await sidebarShot("sidebar-workspace");
  });

  it("filters the findings by a rule's bar, and the rule's docs sit behind an icon", async () => {
    await view.locator('[data-key="rule-story-atomic"]').click();
    await view.locator("#findings-count", { hasText: /^1 of \d+ findings shown\./ }).waitFor();
    const items = view.locator("li.finding");
    assert.equal(await items.count(), 1);
    await items.first().getByText("story-atomic").waitFor();
    await items.first().getByText("CB-2 Search orders").waitFor();
    assert.equal(await view.locator('[data-key="docs-story-atomic"]').getAttribute("aria-label"), "Open the docs of story-atomic");
    await scrollTo("#findings-title");
    await sidebarShot("sidebar-filter");
    // The severity and status filters narrow it further.
    await view.locator("#filter-status").selectOption("draft");
    await view.locator("#findings-count", { hasText: /^0 of/ }).waitFor();
    await view.locator("#filter-status").selectOption("");
  });

  it("goes to a finding in the editor, and fixes it with its quick fix", async () => {
    await view.locator('[data-key="goto-0"]').click();
    const line = SPRINT.split("\n").findIndex((l) => l.includes("search and filter")) + 1;
    await page.locator("#status\\.editor\\.selection", { hasText: `Ln ${line},` }).waitFor();
    await view.locator('[data-key="fix-0"]').click();
    // The split wrote CB-4 after CB-2 (the next free id), and the sidebar counts no story-atomic finding any more.
    await page.locator(".monaco-editor .view-line", { hasText: "id: CB-4" }).waitFor();
    await page.locator(".monaco-editor .view-line", { hasText: "I want to filter my orders" }).waitFor();
    await view.locator("#findings-count", { hasText: /^0 of \d+ findings shown\./ }).waitFor();
    assert.equal(await view.locator('[data-key="rule-story-atomic"]').count(), 0);
    // The panel was rebuilt for the new findings; the Sprint's table the first test opened is still open.
    assert.ok(
      await view.locator('[aria-labelledby="sprint-title"] td', { hasText: "no story has this id" }).isVisible(),
      "an opened table stays open when the backlog changes",
    );
  });

  it("searches every tab at once: the hits of each tab under its name", async () => {
    await view.locator('[data-key="filter-clear"]').click();
    await view.locator("#search").fill("velocity");
    await view.locator("#search-status", { hasText: /matches for "velocity" in .*Skills/ }).waitFor();
    // Searching from the Backlog tab still shows the guidance tabs' hits, each under its title.
    assert.ok(await view.locator("#panel-skills").isVisible());
    assert.ok(await view.locator("#panel-myths").isVisible());
    await view.locator("#panel-skills .panel-title", { hasText: "Skills" }).waitFor();
    await sidebarShot("sidebar-search");
    await view.locator("#search").fill("no such thing anywhere");
    await view.locator("#search-status", { hasText: 'Nothing matches "no such thing anywhere" in any tab.' }).waitFor();
    await view.locator("#search").fill("");
    assert.ok(!(await view.locator("#panel-skills").isVisible()));
  });
});
