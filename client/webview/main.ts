// The sidebar page: tabs of guidance and backlog health, built with DOM APIs only (never HTML strings), with a search.
import type { BacklogHealth } from "../../server/protocol";
import { describeTimebox, parseSprintLength, type SprintLength } from "../../server/core/guidance/timebox";
import { kindLabel } from "../../server/core/guidance/tips";
import type { Guidance, GuidanceEntry, RoleProfile, WhoDoesWhat } from "../../server/core/guidance/types";
import { isGuidance, isHealth, parseHostMessage, TAB_IDS, type TabId, type WebviewMessage } from "./messages";

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Everything the page needs to come back as it was after being hidden (the webview is destroyed meanwhile). */
interface PageState {
  guidance: Guidance | null;
  fileName: string | null;
  health: BacklogHealth | null;
  tab: TabId;
  query: string;
}

const TAB_LABELS: Readonly<Record<TabId, string>> = {
  roles: "PO vs PM",
  events: "Events",
  terms: "Terms",
  skills: "Skills",
  careers: "Careers",
  health: "Backlog",
};

const vscode = acquireVsCodeApi();
const state: PageState = { guidance: null, fileName: null, health: null, tab: "roles", query: "" };

/** One thing the search can hide: its element, its lower-case text, and the headings/sections that hold it. */
interface SearchItem {
  readonly el: HTMLElement;
  readonly text: string;
  readonly groups: readonly HTMLElement[];
}
const searchItems: Record<TabId, SearchItem[]> = { roles: [], events: [], terms: [], skills: [], careers: [], health: [] };

// ---- DOM helpers: text only ever reaches the page through textContent. ----

type Attributes = Readonly<Record<string, string>>;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
  attributes?: Attributes,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
  return node;
}

function list(items: readonly string[], ordered = false): HTMLElement {
  const parent = el(ordered ? "ol" : "ul");
  for (const item of items) parent.append(el("li", item));
  return parent;
}

const fold = (s: string): string => s.toLowerCase().replace(/\s+/g, " ");

/** Registers an element with the search of a tab; `context` adds words (a role, a section) the element lacks. */
function searchable(tab: TabId, element: HTMLElement, groups: readonly HTMLElement[], ...context: string[]): HTMLElement {
  searchItems[tab].push({ el: element, text: fold([element.textContent ?? "", ...context].join(" ")), groups });
  return element;
}

function section(title: string, id: string): HTMLElement {
  const node = el("section", undefined, "group", { "aria-labelledby": id });
  node.append(el("h2", title, undefined, { id }));
  return node;
}

// ---- The shell: search, tabs and panels, built once. ----

const app = document.getElementById("app") as HTMLElement;
const searchInput = el("input", undefined, "search", {
  id: "search",
  type: "search",
  placeholder: "Search guidance and backlog",
  "aria-describedby": "search-status",
  spellcheck: "false",
});
const searchStatus = el("p", "", "search-status muted", { id: "search-status", role: "status" });
const tablist = el("div", undefined, "tabs", { role: "tablist", "aria-label": "Backlog Coach sections" });
const main = el("main");
const tabs = {} as Record<TabId, HTMLButtonElement>;
const panels = {} as Record<TabId, HTMLElement>;

function buildShell(): void {
  const search = el("div", undefined, "search-box", { role: "search" });
  search.append(el("label", "Search guidance and backlog", "visually-hidden", { for: "search" }), searchInput, searchStatus);
  for (const id of TAB_IDS) {
    const tab = el("button", TAB_LABELS[id], "tab", { role: "tab", id: `tab-${id}`, "aria-controls": `panel-${id}`, type: "button" });
    tab.addEventListener("click", () => selectTab(id, true, true));
    tab.addEventListener("keydown", onTabKey);
    tabs[id] = tab;
    tablist.append(tab);
    const panel = el("section", undefined, "panel", { role: "tabpanel", id: `panel-${id}`, "aria-labelledby": `tab-${id}`, tabindex: "0" });
    panels[id] = panel;
    main.append(panel);
  }
  const header = el("header");
  header.append(search, tablist);
  app.replaceChildren(header, main);
  searchInput.addEventListener("input", () => {
    state.query = searchInput.value;
    applySearch();
    save();
  });
  searchInput.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && searchInput.value) {
      searchInput.value = "";
      state.query = "";
      applySearch();
      save();
      event.preventDefault();
    }
  });
}

/** Shows a tab's panel; a tab the user picks opens at its top, the panels share one scroll position. */
function selectTab(id: TabId, focus: boolean, fromUser = false): void {
  if (fromUser && id !== state.tab) window.scrollTo(0, 0);
  state.tab = id;
  for (const other of TAB_IDS) {
    const selected = other === id;
    tabs[other].setAttribute("aria-selected", String(selected));
    tabs[other].tabIndex = selected ? 0 : -1;
    panels[other].hidden = !selected;
  }
  if (focus) tabs[id].focus();
  save();
}

/** Arrow keys move between tabs (and select them), Home and End jump to the ends: the WAI-ARIA tabs pattern. */
function onTabKey(event: KeyboardEvent): void {
  const at = TAB_IDS.indexOf(state.tab);
  const next =
    event.key === "ArrowRight" || event.key === "ArrowDown"
      ? (at + 1) % TAB_IDS.length
      : event.key === "ArrowLeft" || event.key === "ArrowUp"
        ? (at - 1 + TAB_IDS.length) % TAB_IDS.length
        : event.key === "Home"
          ? 0
          : event.key === "End"
            ? TAB_IDS.length - 1
            : undefined;
  const id = next === undefined ? undefined : TAB_IDS[next];
  if (!id) return;
  event.preventDefault();
  selectTab(id, true, true);
}

// ---- Guidance panels. ----

function sourcesLine(guidance: Guidance, ids: readonly string[]): HTMLElement {
  const names = ids.map((id) => guidance.sources.find((s) => s.id === id)?.short ?? id);
  return el("p", `Sources: ${names.join("; ")}`, "sources muted");
}

const WHO_LABELS: readonly [keyof WhoDoesWhat, string][] = [
  ["productOwner", "Product Owner"],
  ["developers", "Developers"],
  ["scrumMaster", "Scrum Master"],
  ["stakeholders", "Stakeholders"],
  ["productManager", "Product Manager (industry role)"],
];

function entryCard(entry: GuidanceEntry, guidance: Guidance, sprint: SprintLength | undefined): HTMLElement {
  const card = el("article", undefined, "entry", { id: `entry-${entry.id}`, tabindex: "-1", "aria-labelledby": `entry-${entry.id}-name` });
  const title = el("h3", entry.name, undefined, { id: `entry-${entry.id}-name` });
  card.append(title, el("p", kindLabel(entry, guidance), "kind"), el("p", entry.summary));
  const facts = el("dl", undefined, "facts");
  const fact = (name: string, value: string | undefined): void => {
    if (value) facts.append(el("dt", name), el("dd", value));
  };
  fact(entry.timebox?.kind === "sprint" ? "Length" : "Timebox", describeTimebox(entry.timebox, sprint));
  fact("Who", entry.participants);
  for (const [key, label] of WHO_LABELS)
    fact(entry.kind === "role" && key === "productManager" ? "Product Manager" : label, entry.who?.[key]);
  if (facts.childElementCount > 0) card.append(facts);
  for (const paragraph of entry.details ?? []) card.append(el("p", paragraph));
  if (entry.correction) {
    const note = el("p", undefined, "correction");
    note.append(el("strong", "Note: "), document.createTextNode(entry.correction));
    card.append(note);
  }
  card.append(sourcesLine(guidance, entry.sources));
  return card;
}

function entriesSection(
  tab: TabId,
  title: string,
  id: string,
  entries: readonly GuidanceEntry[],
  guidance: Guidance,
  sprint?: SprintLength,
): HTMLElement {
  const group = section(title, id);
  for (const entry of entries) {
    group.append(searchable(tab, entryCard(entry, guidance, sprint), [group], ...entry.aliases, ...(entry.exactCase ?? [])));
  }
  return group;
}

function currentSprint(): SprintLength | undefined {
  return state.health?.sprintLength ? parseSprintLength(state.health.sprintLength) : undefined;
}

function renderEvents(guidance: Guidance): HTMLElement[] {
  const sprint = currentSprint();
  const intro = el(
    "p",
    sprint
      ? `Timeboxes are scaled to the ${sprint.label} Sprint declared in ${state.fileName ?? "the open backlog"}, from the Scrum Guide's one-month maxima.`
      : "Timeboxes are the Scrum Guide's maxima for a one-month Sprint; declare sprint.length in a YAML backlog to see them scaled.",
    "muted",
  );
  const events = guidance.entries.filter((e) => e.kind === "event");
  return [
    intro,
    entriesSection("events", "Scrum events: who does what", "events-title", events, guidance, sprint),
    entriesSection(
      "events",
      "Not an event",
      "activity-title",
      guidance.entries.filter((e) => e.kind === "activity"),
      guidance,
      sprint,
    ),
  ];
}

function renderTerms(guidance: Guidance): HTMLElement[] {
  const of = (...kinds: GuidanceEntry["kind"][]): GuidanceEntry[] => guidance.entries.filter((e) => kinds.includes(e.kind));
  return [
    entriesSection("terms", "Accountabilities and roles", "roles-title", of("accountability", "role"), guidance),
    entriesSection("terms", "Artifacts and their commitments", "artifacts-title", of("artifact", "commitment"), guidance),
    entriesSection("terms", "INVEST", "invest-title", of("invest"), guidance),
    entriesSection("terms", "Practices", "practices-title", of("practice"), guidance),
  ];
}

function renderRoles(guidance: Guidance): HTMLElement[] {
  const group = section("Product Owner vs Product Manager", "compare-title");
  group.append(searchable("roles", el("p", guidance.comparison.note, "note"), [group]));
  const table = el("table", undefined, "compare");
  table.append(el("caption", "The two roles compared, dimension by dimension", "visually-hidden"));
  const head = el("thead");
  const headRow = el("tr");
  headRow.append(el("th", "Product Owner", undefined, { scope: "col" }), el("th", "Product Manager", undefined, { scope: "col" }));
  head.append(headRow);
  table.append(head);
  for (const row of guidance.comparison.rows) {
    const body = el("tbody", undefined, undefined, { id: `compare-${row.id}` });
    const dimension = el("tr");
    dimension.append(el("th", row.dimension, "dimension", { scope: "rowgroup", colspan: "2" }));
    const values = el("tr");
    values.append(el("td", row.productOwner), el("td", row.productManager));
    body.append(dimension, values);
    table.append(searchable("roles", body, [group]));
  }
  group.append(table);
  const sources = section("Sources", "sources-title");
  const items = el("ul", undefined, "source-list");
  for (const source of guidance.sources) {
    const item = el("li");
    const cite = [source.author, source.publisher, source.date].filter(Boolean).join(", ");
    item.append(el("cite", source.title), document.createTextNode(` — ${cite}`));
    if (source.url) {
      const link = el("a", source.url, undefined, { href: source.url });
      item.append(document.createTextNode(" "), link);
    }
    items.append(searchable("roles", item, [sources]));
  }
  sources.append(items);
  return [group, sources];
}

/** One topic (skills, metrics ...) for both roles, each list item searchable with its role's name. */
function bothRoles(
  tab: TabId,
  title: string,
  id: string,
  guidance: Guidance,
  pick: (p: RoleProfile) => readonly string[],
  ordered = false,
): HTMLElement {
  const group = section(title, id);
  for (const profile of [guidance.profiles.productOwner, guidance.profiles.productManager]) {
    const block = el("div", undefined, "role-block");
    block.append(el("h3", profile.title));
    const items = list(pick(profile), ordered);
    for (const li of Array.from(items.children)) searchable(tab, li as HTMLElement, [block, group], profile.title, title);
    block.append(items);
    group.append(block);
  }
  return group;
}

function renderSkills(guidance: Guidance): HTMLElement[] {
  return [
    bothRoles("skills", "Skills", "skills-title", guidance, (p) => p.skills),
    bothRoles("skills", "Measured by", "metrics-title", guidance, (p) => p.metrics),
    bothRoles("skills", "Challenges", "challenges-title", guidance, (p) => p.challenges),
    bothRoles("skills", "Day to day", "daily-work-title", guidance, (p) => p.dayToDay),
  ];
}

function renderCareers(guidance: Guidance): HTMLElement[] {
  const orgs = section("Team structures by company size", "orgs-title");
  for (const org of guidance.organisations) {
    const card = el("article", undefined, "entry", { id: `org-${org.id}`, "aria-labelledby": `org-${org.id}-name` });
    card.append(el("h3", org.name, undefined, { id: `org-${org.id}-name` }), el("p", org.size, "kind"), el("p", org.split));
    const watch = el("p", undefined, "correction");
    watch.append(el("strong", "Watch out: "), document.createTextNode(org.watchOut));
    card.append(watch, sourcesLine(guidance, org.sources));
    orgs.append(searchable("careers", card, [orgs]));
  }
  const pay = section("Salaries", "salaries-title");
  pay.append(searchable("careers", el("p", guidance.salaries.note, "muted"), [pay]));
  const table = el("table", undefined, "figures salaries");
  const headRow = el("tr");
  for (const name of ["Source", "Product Owner", "Product Manager"]) headRow.append(el("th", name, undefined, { scope: "col" }));
  const head = el("thead");
  head.append(headRow);
  table.append(head);
  const body = el("tbody");
  for (const range of guidance.salaries.ranges) {
    const source = guidance.sources.find((s) => s.id === range.source)?.short ?? range.source;
    const row = el("tr");
    row.append(
      el("th", `${source}, ${range.year} (${range.basis})`, undefined, { scope: "row" }),
      el("td", range.productOwner),
      el("td", range.productManager),
    );
    body.append(searchable("careers", row, [pay]));
  }
  table.append(body);
  pay.append(table);
  return [
    bothRoles("careers", "Career ladders", "ladders-title", guidance, (p) => p.careerLadder, true),
    bothRoles("careers", "Ways in", "entry-title", guidance, (p) => p.entryPoints),
    bothRoles("careers", "Typical background", "background-title", guidance, (p) => p.background),
    bothRoles("careers", "Moves from there", "moves-title", guidance, (p) => p.careerMoves),
    orgs,
    pay,
  ];
}

// ---- Backlog health. ----

const percent = (part: number, whole: number): string =>
  whole === 0 ? "–" : `${Math.round((part / whole) * 100)} % (${part} of ${whole})`;

function renderHealth(): HTMLElement[] {
  const h = state.health;
  const group = section("Backlog health", "health-title");
  if (!h) {
    group.append(el("p", "Open a backlog file (*.backlog.yaml, *.stories.md, *.stories) to see its health here.", "muted"));
    return [group];
  }
  group.append(el("p", state.fileName ?? "", "file-name"));
  const table = el("table", undefined, "figures");
  table.append(el("caption", "Share of stories", "visually-hidden"));
  const rows: [string, string][] = [
    ["Stories", String(h.stories)],
    ["Well formed", percent(h.wellFormed, h.stories)],
    ["With acceptance criteria", percent(h.withCriteria, h.stories)],
    ["Ready", percent(h.ready, h.stories)],
    ["With a benefit", percent(h.withBenefit, h.stories)],
  ];
  for (const [name, value] of rows) {
    const tr = el("tr");
    tr.append(el("th", name, undefined, { scope: "row" }), el("td", value));
    table.append(searchable("health", tr, [group]));
  }
  group.append(table);
  const rules = section("Findings by rule", "rules-title");
  if (h.findingsByRule.length === 0) rules.append(el("p", "No findings.", "muted"));
  const ruleList = el("ul", undefined, "plain");
  for (const r of h.findingsByRule) {
    const button = el("button", `${r.ruleId}: ${r.count}`, "link", {
      type: "button",
      "data-key": `rule-${r.ruleId}`,
      title: `Open the docs of ${r.ruleId}`,
    });
    button.addEventListener("click", () => vscode.postMessage({ type: "openRuleDocs", ruleId: r.ruleId }));
    const li = el("li");
    li.append(button);
    ruleList.append(searchable("health", li, [rules]));
  }
  rules.append(ruleList);
  const worst = section("Stories to look at first", "worst-title");
  if (h.worstStories.length === 0) worst.append(el("p", "Every story passes the checks.", "muted"));
  const storyList = el("ul", undefined, "plain stories");
  for (const s of h.worstStories) {
    const button = el("button", undefined, "story", { type: "button", "data-key": `story-${s.line}-${s.label}` });
    button.append(
      el("span", s.label, "story-label"),
      el("span", ` ${s.findings} finding${s.findings === 1 ? "" : "s"}`, "badge"),
      el("span", s.topMessage, "story-message muted"),
    );
    button.setAttribute(
      "aria-label",
      `${s.label}, line ${s.line + 1}: ${s.findings} finding${s.findings === 1 ? "" : "s"}. ${s.topMessage}`,
    );
    button.addEventListener("click", () => vscode.postMessage({ type: "reveal", uri: h.uri, line: s.line, character: s.character }));
    const li = el("li");
    li.append(button);
    storyList.append(searchable("health", li, [worst]));
  }
  worst.append(storyList);
  return [group, rules, worst];
}

// ---- Rendering, search and state. ----

function fillPanel(tab: TabId, content: readonly HTMLElement[]): void {
  // Focus inside a rebuilt panel (a story button, as the user types elsewhere) goes back to the same control.
  const focusedKey = panels[tab].contains(document.activeElement) ? (document.activeElement?.getAttribute("data-key") ?? null) : null;
  panels[tab].replaceChildren(...content, el("p", "Nothing here matches the search.", "no-match muted"));
  if (focusedKey) {
    for (const candidate of Array.from(panels[tab].querySelectorAll<HTMLElement>("[data-key]"))) {
      if (candidate.getAttribute("data-key") === focusedKey) candidate.focus();
    }
  }
}

function renderPanel(tab: TabId): void {
  const g = state.guidance;
  searchItems[tab] = [];
  let content: HTMLElement[];
  if (tab === "health") content = renderHealth();
  else if (!g) content = [el("p", "Loading guidance…", "muted")];
  else if (tab === "roles") content = renderRoles(g);
  else if (tab === "events") content = renderEvents(g);
  else if (tab === "terms") content = renderTerms(g);
  else if (tab === "skills") content = renderSkills(g);
  else content = renderCareers(g);
  fillPanel(tab, content);
}

function applySearch(): void {
  const words = fold(state.query).split(" ").filter(Boolean);
  let total = 0;
  for (const tab of TAB_IDS) {
    const groupVisible = new Map<HTMLElement, boolean>();
    let count = 0;
    for (const item of searchItems[tab]) {
      const match = words.every((w) => item.text.includes(w));
      item.el.hidden = !match;
      if (match) count++;
      for (const group of item.groups) groupVisible.set(group, (groupVisible.get(group) ?? false) || match);
    }
    for (const [group, visible] of groupVisible) group.hidden = !visible;
    total += count;
    const searching = words.length > 0;
    tabs[tab].textContent = searching ? `${TAB_LABELS[tab]} (${count})` : TAB_LABELS[tab];
    const noMatch = panels[tab].querySelector<HTMLElement>(".no-match");
    if (noMatch) noMatch.hidden = !searching || count > 0;
  }
  searchStatus.textContent = words.length > 0 ? `${total} match${total === 1 ? "" : "es"} for "${state.query.trim()}"` : "";
}

function save(): void {
  vscode.setState(state);
}

function renderAll(): void {
  for (const tab of TAB_IDS) renderPanel(tab);
  selectTab(state.tab, false);
  applySearch();
}

/** Shows one entry: its tab, the entry scrolled into view and focused; a search that hides it is cleared. */
function showEntry(id: string): void {
  const card = document.getElementById(`entry-${id}`);
  const tab = TAB_IDS.find((t) => panels[t].contains(card));
  if (!card || !tab) return;
  if (card.hidden) {
    searchInput.value = "";
    state.query = "";
    applySearch();
  }
  selectTab(tab, false);
  card.scrollIntoView({ block: "start" });
  card.focus();
  card.classList.remove("flash");
  // Restarting the animation needs a reflow between removing and adding the class.
  void card.offsetWidth;
  card.classList.add("flash");
  save();
}

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  if (message.type === "guidance") {
    state.guidance = message.guidance;
    renderAll();
  } else if (message.type === "health") {
    const sprintBefore = currentSprint()?.label;
    state.fileName = message.fileName;
    state.health = message.health;
    renderPanel("health");
    // Timeboxes on the events tab follow the open backlog's Sprint length.
    if (currentSprint()?.label !== sprintBefore) renderPanel("events");
    applySearch();
  } else {
    showEntry(message.id);
  }
  save();
});

function restore(): void {
  const saved = vscode.getState() as Partial<Record<keyof PageState, unknown>> | undefined;
  if (!saved) return;
  if (isGuidance(saved.guidance)) state.guidance = saved.guidance;
  if (saved.health === null || isHealth(saved.health)) state.health = saved.health ?? null;
  if (typeof saved.fileName === "string") state.fileName = saved.fileName;
  if (TAB_IDS.includes(saved.tab as TabId)) state.tab = saved.tab as TabId;
  if (typeof saved.query === "string") state.query = saved.query;
}

restore();
buildShell();
searchInput.value = state.query;
renderAll();
vscode.postMessage({ type: "ready" });
