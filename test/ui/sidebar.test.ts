// The sidebar webview in the real VS Code workbench (code-server + Chromium): every section, search, reveal, live
// health, a hostile story shown as text, a hover's "open in sidebar" link, kept state, and themed screenshots.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { FrameLocator, Page } from "playwright-core";
import { REPO_ROOT, missingVsCodeTools, openWorkbench, type Workbench } from "../support/editor-harness";

const FILE = "hostile.backlog.yaml";
const HOSTILE = "<img src=x onerror=alert(1)>";
/** A 2-week sprint, a story whose id is markup, and a last story on the last line so an edit can append one more. */
const BACKLOG = `product: Sidebar test
sprint:
  length: 2 weeks
  goal: Stored cards for returning shoppers
  events:
    - name: Sprint Planning
      duration: 4h
stories:
  - id: "${HOSTILE}"
    story: As a shopper, I want to save my card.
  - id: SB-2
    story: I want a report of stored cards.
  - id: SB-3
    story: As a store admin, I want to export the orders, so that finance can reconcile them.
    acceptance:
      - Given orders, when I export them, then I get a CSV file
`;
const SCREENSHOTS = join(REPO_ROOT, ".test-output", "ui");
const STEP_TIMEOUT_MS = 30_000;
/** The themes of the settings "Default Light Modern", "Default Dark Modern" and "Default High Contrast", by picker label. */
const THEMES = [
  ["light", "Light Modern", ".monaco-workbench.vs"],
  ["dark", "Dark Modern", ".monaco-workbench.vs-dark"],
  ["high-contrast", "Dark High Contrast", ".monaco-workbench.hc-black"],
] as const;

/** The sections the README shows: tab, heading id, screenshot name. */
const SECTION_SHOTS = [
  ["PO vs PM", "decides-title", "decides"],
  ["PO vs PM", "disagree-title", "disagree"],
  ["Myths", "myths-title", "myths"],
  ["Careers", "suits-title", "suits"],
  ["Careers", "salaries-title", "salaries"],
  ["Skills", "metrics-title", "kpis"],
] as const;

const skip = missingVsCodeTools({ chromium: true }) ?? false;

describe("the Backlog Coach sidebar in the VS Code workbench", { skip }, () => {
  let workbench: Workbench | undefined;
  let page: Page;
  let view: FrameLocator;
  const dialogs: string[] = [];

  /** Picks a colour theme as a user would: the settings file is not re-read by the browser workbench at once. */
  const setTheme = async (theme: string): Promise<void> => {
    await page.keyboard.press("F1");
    await page.locator(".quick-input-widget input").fill("> Preferences: Color Theme");
    await page.locator(".quick-input-list .monaco-list-row", { hasText: "Preferences: Color Theme" }).first().click();
    await page.locator(".quick-input-widget input").fill(theme);
    await page.locator(".quick-input-list .monaco-list-row", { hasText: theme }).first().waitFor();
    await page.keyboard.press("Enter");
  };
  const tab = (name: string) => view.locator(`[role="tab"]`, { hasText: new RegExp(`^${name}`) });
  const openSidebar = async (): Promise<void> => {
    await page.locator('.activitybar [aria-label^="Backlog Coach"]').first().click();
    await view.locator('[role="tablist"]').waitFor();
  };

  before(
    async () => {
      workbench = await openWorkbench({
        name: "sidebar",
        stepTimeoutMs: STEP_TIMEOUT_MS,
        prepare: (_sandbox, workspace) => writeFileSync(join(workspace, FILE), BACKLOG),
        onPage: (opened) =>
          opened.on("dialog", (dialog) => {
            dialogs.push(dialog.message());
            void dialog.dismiss();
          }),
      });
      page = workbench.page;
      view = page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
      await page.locator(".explorer-folders-view .monaco-list-row").filter({ hasText: FILE }).click();
      await page.locator(".tab.active").filter({ hasText: FILE }).waitFor();
      await openSidebar();
    },
    { timeout: 180_000 },
  );

  after(() => workbench?.close("sidebar-last"));

  it("renders every section", async () => {
    await tab("PO vs PM").click();
    assert.ok((await view.locator("table.compare tbody").count()) >= 10, "the comparison has its dimensions");
    await view.locator("#panel-roles").getByText("industry convention").first().waitFor();
    await tab("Events").click();
    const planning = view.locator("#entry-sprint-planning");
    await planning
      .getByText(
        "about 4 hours for your 2-week Sprint, a proportional guideline (from the 2011 Scrum Guide); the Scrum Guide's maximum is 8 hours for a one-month Sprint.",
      )
      .waitFor();
    await view.locator("#entry-daily-scrum").getByText("Own the event and run it as they see fit.").waitFor();
    await view.locator("#entry-refinement .kind", { hasText: "ongoing activity, not a Scrum event" }).waitFor();
    await tab("PO vs PM").click();
    await view.locator("#decides-product-goal .tag", { hasText: "Scrum Guide" }).waitFor();
    await view.locator("#decides-pricing .tag", { hasText: "convention" }).waitFor();
    await view.locator("#disagree-daily-scrum").getByText("Settled by the Scrum Guide 2020:").waitFor();
    await view.locator("#both-which-hat").waitFor();
    await view.locator("#shared-saying-no").waitFor();
    await tab("Terms").click();
    await view.locator("#entry-product-manager").getByText("industry role, not in the Scrum Guide").waitFor();
    await view.locator("#entry-chief-product-owner").getByText("scaling-framework term, not in the Scrum Guide").waitFor();
    await view.locator("#entry-invest-estimable").waitFor();
    await tab("Myths").click();
    for (const id of [
      "sprint-zero",
      "hardening-sprint",
      "ceremonies",
      "scrum-master-assigns",
      "velocity-commitment",
      "po-as-manager",
      "grooming",
    ]) {
      await view.locator(`#entry-${id}`).waitFor();
    }
    await tab("Skills").click();
    await view.locator("#panel-skills h2", { hasText: "Challenges" }).waitFor();
    await view.locator("#kpi-velocity").getByText("Not in the Scrum Guide.", { exact: false }).waitFor();
    await view.locator("#day-po-day").waitFor();
    await tab("Careers").click();
    await view.locator("#panel-careers li", { hasText: "Chief Product Officer" }).first().waitFor();
    await view.locator("#org-enterprise").waitFor();
    await view.locator("#cert-cspo .kind", { hasText: "Scrum Alliance" }).waitFor();
    await view.locator("#interview-productOwner").waitFor();
    await view.locator("#salary-lister-2024").getByText("Across levels:", { exact: false }).waitFor();
    await tab("Backlog").click();
    await view.locator("#panel-health tr", { hasText: "Stories" }).locator("td", { hasText: /^3$/ }).waitFor();
  });

  it("shows a story whose id is markup as text, and runs none of it", async () => {
    await tab("Backlog").click();
    const story = view.locator("button.story", { hasText: HOSTILE });
    await story.waitFor();
    assert.equal(await view.locator("#panel-health img").count(), 0);
    assert.deepEqual(dialogs, []);
  });

  it("moves between tabs with the arrow keys", async () => {
    await tab("PO vs PM").click();
    await page.keyboard.press("ArrowRight");
    await view.locator('#tab-events[aria-selected="true"]').waitFor();
    await page.keyboard.press("End");
    await view.locator('#tab-health[aria-selected="true"]').waitFor();
    await page.keyboard.press("Home");
    await view.locator('#tab-roles[aria-selected="true"]').waitFor();
  });

  it("filters every section with the search box", async () => {
    const search = view.locator("#search");
    await search.fill("velocity");
    await view.locator("#search-status", { hasText: /match/ }).waitFor();
    await tab("Skills").click();
    const visible = view.locator('#panel-skills [id^="kpi-"]:visible');
    assert.ok((await visible.count()) >= 1);
    for (const text of await visible.allInnerTexts()) assert.match(text, /velocity/i);
    assert.match(await tab("Events").innerText(), /\(0\)/);
    assert.match(await tab("PO vs PM").innerText(), /\(1\)/);
    assert.match(await tab("Myths").innerText(), /\(1\)/);
    await search.fill("");
    assert.doesNotMatch(await tab("Events").innerText(), /\(/);
  });

  it("reveals a story in the editor when it is clicked", async () => {
    await tab("Backlog").click();
    await view.locator("button.story", { hasText: "SB-2" }).click();
    const line = BACKLOG.split("\n").findIndex((l) => l.includes("SB-2")) + 1;
    await page.locator("#status\\.editor\\.selection", { hasText: `Ln ${line},` }).waitFor();
  });

  it("updates the health as the backlog is edited", async () => {
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText('  - { id: SB-4, story: "Export the orders." }\n');
    await view.locator("#panel-health tr", { hasText: "Stories" }).locator("td", { hasText: /^4$/ }).waitFor();
    await view.locator("button.story", { hasText: "SB-4" }).waitFor();
  });

  it("counts the self-check's answers, and keeps them when hidden and shown again", async () => {
    await tab("Careers").click();
    await view.locator('[data-key="suits-where-productOwner"]').click();
    await view.locator('[data-key="suits-problems-productManager"]').click();
    await view.locator("#suits-tally", { hasText: "2 of 8 answered: 1 point to Product Owner, 1 to Product Manager." }).waitFor();
    await page.locator('.activitybar [aria-label^="Explorer"]').first().click();
    await page.locator(".explorer-folders-view").waitFor();
    await openSidebar();
    await view.locator('[data-key="suits-where-productOwner"][aria-pressed="true"]').waitFor();
    await view.locator("#suits-tally", { hasText: "2 of 8 answered" }).waitFor();
  });

  it("keeps its tab and search when hidden and shown again", async () => {
    await tab("Careers").click();
    await view.locator("#search").fill("startup");
    await page.locator('.activitybar [aria-label^="Explorer"]').first().click();
    await page.locator(".explorer-folders-view").waitFor();
    await openSidebar();
    await view.locator('#tab-careers[aria-selected="true"]').waitFor();
    assert.equal(await view.locator("#search").inputValue(), "startup");
    await view.locator("#search").fill("");
  });

  it("opens the right entry from a hover's link", async () => {
    const term = page.locator(".monaco-editor .view-line span", { hasText: "Sprint Planning" }).first();
    await term.hover();
    const link = page.locator(".monaco-hover a", { hasText: "Open in the Backlog Coach sidebar" });
    await link.click();
    await view.locator('#tab-events[aria-selected="true"]').waitFor();
    await view.locator("#entry-sprint-planning:focus").waitFor();
  });

  for (const [name, theme, marker] of THEMES) {
    it(`looks native in the ${name} theme (screenshot)`, async () => {
      await setTheme(theme);
      await page.locator(marker).first().waitFor();
      await tab("PO vs PM").click();
      await page.locator(".part.sidebar").screenshot({ path: join(SCREENSHOTS, `sidebar-${name}-roles.png`) });
      await tab("Events").click();
      await page.locator(".part.sidebar").screenshot({ path: join(SCREENSHOTS, `sidebar-${name}-events.png`) });
      // The new sections, each scrolled to its heading (below the sticky search and tabs).
      for (const [tabName, anchor, file] of SECTION_SHOTS) {
        await tab(tabName).click();
        await view.locator(`#${anchor}`).evaluate((heading) => {
          const doc = heading.ownerDocument;
          heading.scrollIntoView({ block: "start" });
          doc.defaultView?.scrollBy(0, -(doc.querySelector("header")?.getBoundingClientRect().height ?? 0) - 4);
        });
        await page.locator(".part.sidebar").screenshot({ path: join(SCREENSHOTS, `sidebar-${name}-${file}.png`) });
      }
      await tab("Backlog").click();
      await page.screenshot({ path: join(SCREENSHOTS, `sidebar-${name}-health.png`) });
    });
  }
});
