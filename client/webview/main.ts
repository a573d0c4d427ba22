// The sidebar page: tabs of guidance and backlog health, built with DOM APIs only (never HTML strings), with a search.
import type { BacklogHealth, WorkspaceHealth } from "../../server/protocol";
import { crossLevelSentence, formatPayRangeShort, overlapOfTexts, shortPayText } from "../../server/core/guidance/salaries";
import { describeTimebox, parseSprintLength, type SprintLength } from "../../server/core/guidance/timebox";
import { kindLabel } from "../../server/core/guidance/tips";
import type { Guidance, GuidanceEntry, ProfileList, RoleKey, SalarySet, WhoDoesWhat } from "../../server/core/guidance/types";
import {
  isGuidance,
  isHealth,
  isId,
  isWorkspaceHealth,
  parseHostMessage,
  TAB_IDS,
  type PageCommand,
  type TabId,
  type WebviewMessage,
} from "./messages";

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
  /** The self-check's answers by question id. */
  answers: Record<string, "productOwner" | "productManager">;
  workspace: WorkspaceHealth | null;
  /** The findings' filters: a rule id, a severity, a story status ("" for all). */
  filters: Filters;
}

interface Filters {
  rule: string;
  severity: string;
  status: string;
}

const TAB_LABELS: Readonly<Record<TabId, string>> = {
  roles: "PO vs PM",
  events: "Events",
  terms: "Terms",
  myths: "Myths",
  skills: "Skills",
  careers: "Careers",
  health: "Backlog",
};

const vscode = acquireVsCodeApi();
const state: PageState = {
  guidance: null,
  fileName: null,
  health: null,
  tab: "roles",
  query: "",
  answers: {},
  workspace: null,
  filters: { rule: "", severity: "", status: "" },
};

/** One thing the search can hide: its element, its lower-case text, and the headings/sections that hold it. */
interface SearchItem {
  readonly el: HTMLElement;
  readonly text: string;
  readonly groups: readonly HTMLElement[];
}
const searchItems: Record<TabId, SearchItem[]> = { roles: [], events: [], terms: [], myths: [], skills: [], careers: [], health: [] };

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
  const searching = isSearching();
  if (fromUser && id !== state.tab && !searching) window.scrollTo(0, 0);
  state.tab = id;
  for (const other of TAB_IDS) {
    const selected = other === id;
    tabs[other].setAttribute("aria-selected", String(selected));
    tabs[other].tabIndex = selected ? 0 : -1;
    // A search shows the hits of every tab (see applySearch); a tab picked then scrolls to its own.
    if (!searching) panels[other].hidden = !selected;
  }
  if (searching && fromUser && !panels[id].hidden) {
    panels[id].scrollIntoView({ block: "start" });
    window.scrollBy(0, -(app.querySelector("header")?.getBoundingClientRect().height ?? 0));
  }
  if (focus) tabs[id].focus();
  save();
}

const searchWords = (): string[] => fold(state.query).split(" ").filter(Boolean);
const isSearching = (): boolean => searchWords().length > 0;

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

const sourceName = (guidance: Guidance, id: string): string => guidance.sources.find((s) => s.id === id)?.short ?? id;

function sourcesLine(guidance: Guidance, ids: readonly string[]): HTMLElement {
  return el("p", `Sources: ${ids.map((id) => sourceName(guidance, id)).join("; ")}`, "sources muted");
}

const ROLE_NAMES: Readonly<Record<RoleKey, string>> = {
  productOwner: "Product Owner",
  productManager: "Product Manager",
  both: "Both roles",
};

/** A table with a caption for screen readers and a row of column headings. */
function tableWithHead(className: string, caption: string, columns: readonly string[]): HTMLTableElement {
  const table = el("table", undefined, className);
  const headRow = el("tr");
  for (const name of columns) headRow.append(el("th", name, undefined, { scope: "col" }));
  const head = el("thead");
  head.append(headRow);
  table.append(el("caption", caption, "visually-hidden"), head);
  return table;
}

/** A section that opens with a note (searchable with it) and, when the note has its own, its sources. */
function introSection(tab: TabId, guidance: Guidance, title: string, id: string, note: string, sources?: readonly string[]): HTMLElement {
  const group = section(title, id);
  group.append(searchable(tab, el("p", note, "muted"), [group]));
  if (sources) group.append(sourcesLine(guidance, sources));
  return group;
}

/** A card: an article with a heading, searchable in its tab with its section. */
function card(tab: TabId, group: HTMLElement, id: string, title: string, ...content: (HTMLElement | undefined)[]): HTMLElement {
  const node = el("article", undefined, "entry", { id, "aria-labelledby": `${id}-name` });
  node.append(el("h3", title, undefined, { id: `${id}-name` }), ...content.filter((c): c is HTMLElement => c !== undefined));
  group.append(searchable(tab, node, [group]));
  return node;
}

/** A paragraph that starts with a bold label: "Watch out: ...", "Remedy: ...". */
function labelled(label: string, text: string, className = "correction"): HTMLElement {
  const node = el("p", undefined, className);
  node.append(el("strong", `${label} `), document.createTextNode(text));
  return node;
}

/** A term with its explanation, a caution if any, and its sources: a shared trait, an industry, a KPI. */
interface Fact {
  readonly id: string;
  readonly term: string;
  readonly text: string;
  readonly caution?: string;
  readonly sources: readonly string[];
}

/** A definition list of facts, each searchable in its tab (with extra words such as a role's name). */
function factList(
  tab: TabId,
  guidance: Guidance,
  groups: readonly HTMLElement[],
  idPrefix: string,
  facts: readonly Fact[],
  ...context: string[]
): HTMLElement {
  const dl = el("dl", undefined, "facts");
  for (const fact of facts) {
    const item = el("div", undefined, undefined, { id: `${idPrefix}-${fact.id}` });
    const dd = el("dd", fact.text);
    if (fact.caution) dd.append(labelled("Caution:", fact.caution));
    dd.append(sourcesLine(guidance, fact.sources));
    item.append(el("dt", fact.term), dd);
    dl.append(searchable(tab, item, groups, ...context));
  }
  return dl;
}

function headedList(title: string, items: readonly string[], ordered = false): HTMLElement {
  const block = el("div", undefined, "role-block");
  block.append(el("h4", title), list(items, ordered));
  return block;
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
  if (entry.correction) card.append(labelled(entry.kind === "misconception" ? "What Scrum says:" : "Note:", entry.correction));
  const meant = entry.refersTo ? guidance.entries.find((e) => e.id === entry.refersTo) : undefined;
  if (meant) {
    const see = el("p");
    const button = el("button", meant.name, "link", { type: "button", "data-key": `see-${entry.id}` });
    button.addEventListener("click", () => showEntry(meant.id));
    see.append(document.createTextNode("In Scrum: "), button);
    card.append(see);
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
      ? `The Scrum Guide's timeboxes are maxima for a one-month Sprint. For the ${sprint.label} Sprint declared in ${state.fileName ?? "the open backlog"}, each card also gives the proportional figure: a guideline from the 2011 Guide, not the Guide's timebox.`
      : "The Scrum Guide's timeboxes are maxima for a one-month Sprint; shorter Sprints usually have shorter events. Declare sprint.length in a YAML backlog to see the proportional guideline for yours.",
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
    entriesSection("terms", "Scaling-framework terms", "scaling-title", of("scaling"), guidance),
    entriesSection("terms", "Artifacts and their commitments", "artifacts-title", of("artifact", "commitment"), guidance),
    entriesSection("terms", "INVEST", "invest-title", of("invest"), guidance),
    entriesSection("terms", "Practices", "practices-title", of("practice"), guidance),
  ];
}

function renderRoles(guidance: Guidance): HTMLElement[] {
  const group = section("Product Owner vs Product Manager", "compare-title");
  group.append(searchable("roles", el("p", guidance.comparison.note, "note"), [group]));
  const table = tableWithHead("compare", "The two roles compared, dimension by dimension", ["Product Owner", "Product Manager"]);
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
  return [
    group,
    renderDecisions(guidance),
    renderShared(guidance),
    renderCombinedRole(guidance),
    renderContradictions(guidance),
    renderSources(guidance),
  ];
}

/** Who decides what: each answer tagged with its authority, the Scrum Guide (and its section) or convention. */
function renderDecisions(guidance: Guidance): HTMLElement {
  const group = introSection("roles", guidance, "Who decides what", "decides-title", guidance.decisions.note);
  const table = tableWithHead("decides", "Who decides what, with the authority for each answer", ["Who decides", "On what authority"]);
  // The decision heads its rows across the table: a narrow sidebar has no room for a third column.
  for (const row of guidance.decisions.rows) {
    const body = el("tbody", undefined, undefined, { id: `decides-${row.id}` });
    const title = el("tr");
    title.append(el("th", row.decision, "dimension", { scope: "rowgroup", colspan: "2" }));
    body.append(title);
    for (const cell of row.cells) {
      const tr = el("tr");
      const authority = el("td");
      const cited = cell.sources.map((id) => sourceName(guidance, id)).join("; ");
      authority.append(
        el("span", cell.basis === "scrum-guide" ? "Scrum Guide" : "convention", `tag tag-${cell.basis}`),
        el("span", cell.basis === "scrum-guide" && cell.section ? `${cited}, ${cell.section}` : cited, "sources"),
      );
      tr.append(el("td", cell.who), authority);
      body.append(tr);
    }
    table.append(searchable("roles", body, [group]));
  }
  group.append(table);
  return group;
}

function renderShared(guidance: Guidance): HTMLElement {
  const group = section("What the two roles share", "shared-title");
  group.append(
    factList(
      "roles",
      guidance,
      [group],
      "shared",
      guidance.shared.map((t) => ({ ...t, term: t.topic })),
    ),
  );
  return group;
}

function renderCombinedRole(guidance: Guidance): HTMLElement {
  const { note, sources, risks } = guidance.combinedRole;
  const group = introSection("roles", guidance, "One person in both roles: what goes wrong", "both-title", note, sources);
  for (const risk of risks) {
    card(
      "roles",
      group,
      `both-${risk.id}`,
      risk.risk,
      el("p", risk.why),
      labelled("Remedy:", risk.remedy),
      sourcesLine(guidance, risk.sources),
    );
  }
  return group;
}

function renderContradictions(guidance: Guidance): HTMLElement {
  const group = introSection("roles", guidance, "Where the sources disagree", "disagree-title", guidance.contradictions.note);
  for (const item of guidance.contradictions.items) {
    const claims = el("ul");
    for (const claim of item.claims) {
      const li = el("li");
      li.append(el("strong", `${sourceName(guidance, claim.source)}: `), document.createTextNode(claim.says));
      claims.append(li);
    }
    const label = item.settledBy ? `Settled by the ${sourceName(guidance, item.settledBy)}:` : "Left open:";
    // The label says whether it is settled; the verdict says how.
    card("roles", group, `disagree-${item.id}`, item.question, claims, labelled(label, item.verdict));
  }
  return group;
}

function renderSources(guidance: Guidance): HTMLElement {
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
  return sources;
}

/** The misconceptions people bring, each with what Scrum says instead. */
function renderMyths(guidance: Guidance): HTMLElement[] {
  const intro = el(
    "p",
    "Things people bring to Scrum that the Scrum Guide 2020 does not say. Hovering the words in a backlog (sprint zero, grooming, ceremonies...) opens the same cards.",
    "muted",
  );
  const myths = guidance.entries.filter((e) => e.kind === "misconception");
  return [intro, entriesSection("myths", "Misconceptions", "myths-title", myths, guidance)];
}

/** One topic (skills, challenges ...) for both roles, each list item searchable with its role's name. */
function bothRoles(tab: TabId, title: string, id: string, guidance: Guidance, pick: ProfileList, ordered = false): HTMLElement {
  const group = section(title, id);
  for (const profile of [guidance.profiles.productOwner, guidance.profiles.productManager]) {
    const block = el("div", undefined, "role-block");
    block.append(el("h3", profile.title));
    const items = list(profile[pick], ordered);
    for (const li of Array.from(items.children)) searchable(tab, li as HTMLElement, [block, group], profile.title, title);
    block.append(items, sourcesLine(guidance, profile.sources[pick]));
    group.append(block);
  }
  return group;
}

/** How each role is measured, with what each measure means, grouped by role. */
function renderKpis(guidance: Guidance): HTMLElement {
  const group = introSection("skills", guidance, "Measured by", "metrics-title", guidance.kpis.note);
  for (const role of ["productOwner", "productManager", "both"] as const) {
    const block = el("div", undefined, "role-block");
    block.append(el("h3", role === "both" ? "Either role (the articles differ)" : ROLE_NAMES[role]));
    const kpis = guidance.kpis.items.filter((k) => k.role === role).map((k) => ({ ...k, term: k.name, text: k.definition }));
    block.append(factList("skills", guidance, [block, group], "kpi", kpis, ROLE_NAMES[role]));
    group.append(block);
  }
  return group;
}

function renderDays(guidance: Guidance): HTMLElement {
  const group = introSection("skills", guidance, "A day in the life", "days-title", guidance.dayInTheLife.note);
  for (const day of guidance.dayInTheLife.days) {
    const table = el("table", undefined, "figures schedule");
    table.append(el("caption", day.title, "visually-hidden"));
    for (const slot of day.slots) {
      const tr = el("tr");
      tr.append(el("th", slot.time, undefined, { scope: "row" }), el("td", slot.activity));
      table.append(tr);
    }
    card("skills", group, `day-${day.id}`, day.title, el("p", day.setting, "kind"), table, sourcesLine(guidance, day.sources));
  }
  return group;
}

function renderSkills(guidance: Guidance): HTMLElement[] {
  return [
    bothRoles("skills", "Skills", "skills-title", guidance, "skills"),
    renderKpis(guidance),
    bothRoles("skills", "Challenges", "challenges-title", guidance, "challenges"),
    bothRoles("skills", "Day to day", "daily-work-title", guidance, "dayToDay"),
    renderDays(guidance),
  ];
}

/** "Which role suits me?": one answer per question, and a running count of where the answers point. */
function renderSelfCheck(guidance: Guidance): HTMLElement {
  const { note, sources, questions } = guidance.selfCheck;
  const group = section("Which role suits me?", "suits-title");
  const tally = el("p", "", "note", { role: "status", id: "suits-tally" });
  const updateTally = (): void => {
    const answers = questions.map((q) => state.answers[q.id]).filter((a) => a !== undefined);
    const po = answers.filter((a) => a === "productOwner").length;
    tally.textContent =
      answers.length === 0
        ? "Pick the answer closer to you for each question."
        : `${answers.length} of ${questions.length} answered: ${po} point to Product Owner, ${answers.length - po} to Product Manager.`;
  };
  group.append(searchable("careers", el("p", note, "muted"), [group]), tally);
  for (const q of questions) {
    const choices = el("div", undefined, "choices", { role: "group", "aria-label": q.question });
    for (const role of ["productOwner", "productManager"] as const) {
      const button = el("button", q[role], "choice", {
        type: "button",
        "data-key": `suits-${q.id}-${role}`,
        "aria-pressed": String(state.answers[q.id] === role),
      });
      button.prepend(el("span", `${ROLE_NAMES[role]}: `, "choice-role"));
      button.addEventListener("click", () => {
        if (state.answers[q.id] === role) delete state.answers[q.id];
        else state.answers[q.id] = role;
        for (const b of Array.from(choices.children)) b.setAttribute("aria-pressed", String(b === button && state.answers[q.id] === role));
        updateTally();
        save();
      });
      choices.append(button);
    }
    card("careers", group, `suits-${q.id}`, q.question, choices);
  }
  updateTally();
  group.append(sourcesLine(guidance, sources));
  return group;
}

function renderCareerMove(guidance: Guidance): HTMLElement {
  const { ceiling, steps, sources } = guidance.careerMove;
  const group = section("The Product Owner's ceiling, and moving to Product Manager", "move-title");
  group.append(searchable("careers", el("p", ceiling), [group]));
  const items = list(steps, true);
  for (const li of Array.from(items.children)) searchable("careers", li as HTMLElement, [group]);
  group.append(items, sourcesLine(guidance, sources));
  return group;
}

function renderCertifications(guidance: Guidance): HTMLElement {
  const { note, sources, items } = guidance.certifications;
  const group = introSection("careers", guidance, "Certifications", "certs-title", note, sources);
  for (const cert of items) {
    const facts = el("dl", undefined, "facts");
    facts.append(el("dt", "Course or exam"), el("dd", cert.format), el("dt", "Worth"), el("dd", cert.worth));
    card(
      "careers",
      group,
      `cert-${cert.id}`,
      cert.name,
      el("p", `${cert.issuer} · for ${cert.role === "both" ? "both roles" : `the ${ROLE_NAMES[cert.role]}`}`, "kind"),
      facts,
      sourcesLine(guidance, cert.sources),
    );
  }
  return group;
}

function renderInterviews(guidance: Guidance): HTMLElement {
  const group = introSection("careers", guidance, "Interview preparation", "interviews-title", guidance.interviews.note);
  for (const prep of guidance.interviews.roles) {
    card(
      "careers",
      group,
      `interview-${prep.role}`,
      `${ROLE_NAMES[prep.role]} interviews`,
      headedList("What they probe", prep.focus),
      headedList("Practice questions", prep.questions),
      headedList("Have ready", prep.bring),
      sourcesLine(guidance, prep.sources),
    );
  }
  return group;
}

function renderIndustries(guidance: Guidance): HTMLElement {
  const { note, sources, items } = guidance.industries;
  const group = introSection("careers", guidance, "Industry differences", "industries-title", note, sources);
  group.append(
    factList(
      "careers",
      guidance,
      [group],
      "industry",
      items.map((i) => ({ ...i, term: i.industry })),
    ),
  );
  return group;
}

function renderOrganisations(guidance: Guidance): HTMLElement {
  const orgs = section("Team structures by company size", "orgs-title");
  for (const org of guidance.organisations) {
    const content = [
      el("p", org.size, "kind"),
      el("p", org.split),
      labelled("Watch out:", org.watchOut),
      sourcesLine(guidance, org.sources),
    ];
    card("careers", orgs, `org-${org.id}`, org.name, ...content);
  }
  return orgs;
}

/** One source's pay figures: its levels, the overlap of the two roles at each, and how far PO ranges reach into PM ones. */
function salaryCard(guidance: Guidance, set: SalarySet, group: HTMLElement): void {
  const table = tableWithHead("figures salaries", `Pay by level, ${sourceName(guidance, set.source)}`, ["PO", "PM", "Overlap"]);
  // Each level heads its own row group, so that three figures fit side by side in a narrow sidebar.
  const row = (level: string, po: string | undefined, pm: string | undefined, poNote?: string, pmNote?: string): void => {
    const overlap = overlapOfTexts(po, pm);
    const body = el("tbody");
    const title = el("tr");
    title.append(el("th", level, "dimension", { scope: "rowgroup", colspan: "3" }));
    const figures = el("tr");
    const figure = (text: string | undefined, note: string | undefined): HTMLElement => {
      const td = el("td", text === undefined ? "not given" : shortPayText(text));
      if (note) td.append(el("span", note, "figure-note"));
      return td;
    };
    figures.append(figure(po, poNote), figure(pm, pmNote), el("td", overlap ? formatPayRangeShort(overlap) : po && pm ? "none" : "–"));
    body.append(title, figures);
    table.append(body);
  };
  if (set.overall) {
    const o = set.overall;
    const avg = (a: string | undefined): string | undefined => (a ? `average ${a}` : undefined);
    row(o.label, o.productOwner, o.productManager, avg(o.productOwnerAverage), avg(o.productManagerAverage));
  }
  for (const level of set.levels ?? []) row(level.level, level.productOwner, level.productManager);
  const notes = [...(set.levels ?? []).flatMap((l) => (l.note ? [`${l.level}: ${l.note}`] : [])), ...(set.notes ?? [])];
  const across = crossLevelSentence(set);
  card(
    "careers",
    group,
    `salary-${set.id}`,
    `${sourceName(guidance, set.source)}, ${set.year ?? "year not given"}`,
    el("p", set.basis, "kind"),
    table,
    across ? el("p", across, "note") : undefined,
    notes.length > 0 ? list(notes) : undefined,
    sourcesLine(guidance, [set.source]),
  );
}

function renderSalaries(guidance: Guidance): HTMLElement {
  const pay = introSection("careers", guidance, "Salaries", "salaries-title", guidance.salaries.note);
  for (const set of guidance.salaries.sets) salaryCard(guidance, set, pay);
  return pay;
}

function renderCareers(guidance: Guidance): HTMLElement[] {
  return [
    renderSelfCheck(guidance),
    bothRoles("careers", "Career ladders", "ladders-title", guidance, "careerLadder", true),
    renderCareerMove(guidance),
    bothRoles("careers", "Ways in", "entry-title", guidance, "entryPoints"),
    bothRoles("careers", "Typical background", "background-title", guidance, "background"),
    bothRoles("careers", "Moves from there", "moves-title", guidance, "careerMoves"),
    renderCertifications(guidance),
    renderInterviews(guidance),
    renderIndustries(guidance),
    renderOrganisations(guidance),
    renderSalaries(guidance),
  ];
}

// ---- Backlog health. ----

const percent = (part: number, whole: number): string =>
  whole === 0 ? "–" : `${Math.round((part / whole) * 100)} % (${part} of ${whole})`;

/** "1 error, 3 warnings, 2 info", as the CLI's summary counts them; hints only when there are any. */
function severityCounts(c: BacklogHealth["findingsBySeverity"]): string {
  const parts = [`${c.error} error${c.error === 1 ? "" : "s"}`, `${c.warning} warning${c.warning === 1 ? "" : "s"}`, `${c.info} info`];
  if (c.hint > 0) parts.push(`${c.hint} hint${c.hint === 1 ? "" : "s"}`);
  return parts.join(", ");
}

/** A button that asks the host to run one of the page's commands (the empty states' actions). */
function commandButton(label: string, command: PageCommand, primary = false): HTMLButtonElement {
  const button = el("button", label, primary ? "action primary" : "action", { type: "button", "data-key": `command-${command}` });
  button.addEventListener("click", () => vscode.postMessage({ type: "command", command }));
  return button;
}

/** An empty state: what is missing, and the buttons that fix it. */
function emptyState(text: string, ...buttons: HTMLButtonElement[]): HTMLElement {
  const box = el("div", undefined, "empty-state");
  const actions = el("div", undefined, "actions");
  actions.append(...buttons);
  box.append(el("p", text, "muted"), actions);
  return box;
}

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element with attributes (presentation attributes only: the page's CSP allows no inline styles). */
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** A picture with a text alternative: the SVG is one image to a screen reader, labelled with `label`. */
function picture(width: number, height: number, label: string): SVGSVGElement {
  return svg("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width: "100%",
    preserveAspectRatio: "none",
    role: "img",
    "aria-label": label,
    class: "chart",
    height: String(height),
  });
}

/** A compact table, the text alternative of a picture. */
function dataTable(caption: string, columns: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  const table = tableWithHead("figures data", caption, columns);
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    row.forEach((cell, k) => tr.append(k === 0 ? el("th", cell, undefined, { scope: "row" }) : el("td", cell)));
    body.append(tr);
  }
  table.append(body);
  // Kept open across the panel's rebuilds (each edit of the backlog rebuilds it): see fillPanel.
  const details = el("details", undefined, "as-table", { "data-open-key": `table-${caption}` });
  details.append(el("summary", "As a table"), table);
  return details;
}

const plural = (n: number, word: string): string =>
  `${n} ${n === 1 ? word : /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`}`;

/** A story named with its title beside its id: "CB-3 Search orders". */
const storyName = (label: string, title?: string): string => (title && title !== label ? `${label} ${title}` : label);

function setFilter(key: keyof Filters, value: string): void {
  state.filters[key] = value;
  renderPanel("health");
  applySearch();
  save();
  document.getElementById("findings-title")?.scrollIntoView({ block: "start" });
}

/** Findings per rule as bars; each bar filters the findings by its rule, an icon beside it opens the rule's docs. */
function renderRuleChart(h: BacklogHealth): HTMLElement {
  const group = section("Findings per rule", "rules-title");
  if (h.findingsByRule.length === 0) {
    group.append(el("p", "No findings.", "muted"));
    return group;
  }
  const most = Math.max(...h.findingsByRule.map((r) => r.count));
  const list = el("ul", undefined, "plain bars", { "aria-label": "Findings per rule: pick a rule to filter the findings" });
  for (const r of h.findingsByRule) {
    const li = el("li", undefined, "bar-row");
    const pressed = state.filters.rule === r.ruleId;
    const button = el("button", undefined, "bar-button", {
      type: "button",
      "data-key": `rule-${r.ruleId}`,
      "aria-pressed": String(pressed),
      title: `Show only the ${r.ruleId} findings`,
    });
    const bar = picture(100, 10, `${plural(r.count, "finding")}`);
    bar.setAttribute("aria-hidden", "true");
    bar.append(svg("rect", { x: "0", y: "0", width: String(Math.max(2, (r.count / most) * 100)), height: "10", class: "bar" }));
    button.append(el("span", r.ruleId, "bar-label"), el("span", String(r.count), "bar-count"), bar);
    button.addEventListener("click", () => setFilter("rule", pressed ? "" : r.ruleId));
    const docs = el("button", "?", "icon", {
      type: "button",
      "data-key": `docs-${r.ruleId}`,
      "aria-label": `Open the docs of ${r.ruleId}`,
      title: `Open the docs of ${r.ruleId}`,
    });
    docs.addEventListener("click", () => vscode.postMessage({ type: "openRuleDocs", ruleId: r.ruleId }));
    li.append(button, docs);
    list.append(searchable("health", li, [group]));
  }
  group.append(list);
  return group;
}

const READINESS_LABELS = { ready: "ready", claimed: "says ready, is not", notReady: "not ready" } as const;

/** The next stories in rank order as a row of cells, ready or not, with the list as its text. */
function renderReadiness(h: BacklogHealth): HTMLElement | undefined {
  const next = h.nextStories ?? [];
  if (next.length === 0) return undefined;
  const group = section("The next stories, in rank order", "next-title");
  const ready = next.filter((s) => s.readiness === "ready").length;
  const summary = `Of the next ${plural(next.length, "story")} in rank order, ${ready} ${ready === 1 ? "is" : "are"} ready.`;
  const cell = 100 / next.length;
  const strip = picture(100, 18, summary);
  next.forEach((s, k) => {
    const rect = svg("rect", {
      x: String(k * cell + 0.5),
      y: "0",
      width: String(Math.max(cell - 1, 0.5)),
      height: "18",
      class: `cell ${s.readiness}`,
    });
    const title = svg("title");
    title.textContent = `${storyName(s.label, s.title)}: ${READINESS_LABELS[s.readiness]}`;
    rect.append(title);
    strip.append(rect);
  });
  const legend = el("p", undefined, "legend muted");
  for (const key of ["ready", "claimed", "notReady"] as const) {
    legend.append(el("span", "", `swatch ${key}`, { "aria-hidden": "true" }), document.createTextNode(` ${READINESS_LABELS[key]}  `));
  }
  const list = el("ol", undefined, "next-stories");
  for (const s of next) {
    const li = el("li");
    const button = el("button", storyName(s.label, s.title), "link", { type: "button", "data-key": `next-${s.line}` });
    button.addEventListener("click", () => vscode.postMessage({ type: "reveal", uri: h.uri, line: s.line, character: s.character }));
    li.append(
      button,
      el("span", ` ${READINESS_LABELS[s.readiness]}${s.status ? ` (status ${s.status})` : ""}`, `readiness ${s.readiness}`),
    );
    list.append(searchable("health", li, [group]));
  }
  group.append(el("p", summary), strip, legend, list);
  return group;
}

/** The Sprint's stories' estimates stacked against its capacity. */
function renderSprintLoad(h: BacklogHealth): HTMLElement | undefined {
  const sprint = h.sprint;
  if (!sprint) return undefined;
  const group = section("The Sprint's load", "sprint-title");
  const estimated = sprint.stories.filter((s) => s.estimate !== undefined);
  const total = estimated.reduce((n, s) => n + (s.estimate ?? 0), 0);
  const capacity = sprint.capacity;
  const words =
    capacity === undefined
      ? `The Sprint's stories are estimated at ${total} in all; the backlog gives no sprint.capacity to weigh them against.`
      : `The Sprint's stories are estimated at ${total} against a capacity of ${capacity}: ${
          total > capacity ? `${total - capacity} over` : total === capacity ? "exactly full" : `${capacity - total} to spare`
        } (${capacity === 0 ? "–" : `${Math.round((total / capacity) * 100)} %`}).`;
  group.append(el("p", words, total > (capacity ?? Infinity) ? "over" : undefined));
  const scale = Math.max(total, capacity ?? 0, 1);
  const bar = picture(100, 22, words);
  let at = 0;
  estimated.forEach((s, k) => {
    const width = ((s.estimate ?? 0) / scale) * 100;
    const rect = svg("rect", { x: String(at), y: "3", width: String(Math.max(width - 0.4, 0)), height: "16", class: `segment s${k % 2}` });
    const title = svg("title");
    title.textContent = `${storyName(s.label, s.title)}: ${s.estimate ?? 0}`;
    rect.append(title);
    bar.append(rect);
    at += width;
  });
  if (capacity !== undefined) {
    const x = String((capacity / scale) * 100);
    bar.append(svg("line", { x1: x, x2: x, y1: "0", y2: "22", class: "capacity" }));
  }
  group.append(bar);
  if (capacity !== undefined) group.append(el("p", "The line marks the capacity.", "legend muted"));
  const rows = sprint.stories.map((s) => [
    storyName(s.label, s.title),
    !s.found ? "no story has this id" : s.estimate === undefined ? "not estimated" : String(s.estimate),
  ]);
  group.append(dataTable("The Sprint's stories and their estimates", ["Story", "Estimate"], [...rows, ["Total", String(total)]]));
  const unestimated = sprint.stories.filter((s) => s.found && s.estimate === undefined).length;
  if (unestimated > 0)
    group.append(el("p", `${plural(unestimated, "story")} of the Sprint ${unestimated === 1 ? "has" : "have"} no estimate.`, "muted"));
  return group;
}

const SEVERITY_ORDER = ["error", "warning", "info", "hint"] as const;

/** A labelled select of the findings' filter, "all" first. */
function filterSelect(key: keyof Filters, label: string, values: readonly string[]): HTMLElement {
  const wrap = el("label", undefined, "filter");
  const select = el("select", undefined, undefined, { "data-key": `filter-${key}`, id: `filter-${key}` });
  select.append(el("option", "all", undefined, { value: "" }));
  for (const v of values) select.append(el("option", v, undefined, { value: v }));
  select.value = values.includes(state.filters[key]) ? state.filters[key] : "";
  select.addEventListener("change", () => setFilter(key, select.value));
  wrap.append(el("span", label), select);
  return wrap;
}

/** Every finding, filtered by rule, severity and story status, each with "go to" and (when it has one) "fix". */
function renderFindings(h: BacklogHealth): HTMLElement {
  const group = section("Findings", "findings-title");
  const all = h.findings ?? [];
  const uniq = (xs: readonly (string | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => x !== undefined))];
  const filters = el("div", undefined, "filters", { role: "group", "aria-label": "Filter the findings" });
  filters.append(
    filterSelect("rule", "Rule", uniq(all.map((f) => f.ruleId)).sort()),
    filterSelect(
      "severity",
      "Severity",
      SEVERITY_ORDER.filter((s) => all.some((f) => f.severity === s)),
    ),
    filterSelect("status", "Status", uniq(all.map((f) => f.status)).sort()),
  );
  const { rule, severity, status } = state.filters;
  const shown = all.filter(
    (f) => (!rule || f.ruleId === rule) && (!severity || f.severity === severity) && (!status || f.status === status),
  );
  const filtered = rule || severity || status;
  const count = el(
    "p",
    filtered ? `${shown.length} of ${plural(all.length, "finding")} shown.` : `${plural(all.length, "finding")}.`,
    "muted",
    {
      id: "findings-count",
      role: "status",
    },
  );
  group.append(filters, count);
  if (filtered) {
    const clear = el("button", "Show all findings", "link", { type: "button", "data-key": "filter-clear" });
    clear.addEventListener("click", () => {
      state.filters = { rule: "", severity: "", status: "" };
      setFilter("rule", "");
    });
    count.append(document.createTextNode(" "), clear);
  }
  const list = el("ul", undefined, "plain findings");
  for (const [k, f] of shown.entries()) {
    const li = el("li", undefined, `finding severity-border-${f.severity}`);
    const head = el("div", undefined, "finding-head");
    head.append(el("span", f.severity, `severity severity-${f.severity}`), el("span", ` ${f.ruleId}`, "finding-rule"));
    if (f.story) head.append(el("span", ` · ${storyName(f.story, f.title)}`, "finding-story"));
    const actions = el("div", undefined, "finding-actions");
    const where = `line ${f.line + 1}`;
    const go = el("button", "Go to", "action", { type: "button", "data-key": `goto-${k}`, "aria-label": `Go to ${where}: ${f.message}` });
    go.addEventListener("click", () => vscode.postMessage({ type: "reveal", uri: h.uri, line: f.line, character: f.character }));
    actions.append(go);
    if (f.fixable) {
      const fix = el("button", "Fix", "action primary", {
        type: "button",
        "data-key": `fix-${k}`,
        "aria-label": `Fix ${where}: ${f.message}`,
      });
      fix.addEventListener("click", () =>
        vscode.postMessage({
          type: "fix",
          uri: h.uri,
          ruleId: f.ruleId,
          line: f.line,
          character: f.character,
          endLine: f.endLine,
          endCharacter: f.endCharacter,
        }),
      );
      actions.append(fix);
    }
    li.append(head, el("p", f.message, "finding-message"), actions);
    list.append(searchable("health", li, [group]));
  }
  group.append(list);
  if (h.findingsLeftOut) group.append(el("p", `${plural(h.findingsLeftOut, "more finding")} not listed: see the Problems panel.`, "muted"));
  return group;
}

/** The workspace's backlog files, the one to open first on top, and the totals. */
function renderWorkspace(): HTMLElement {
  const group = section("Workspace", "workspace-title");
  const w = state.workspace;
  if (!w || w.files.length === 0) {
    group.append(
      emptyState(
        w?.note ?? "No backlog file found in this workspace.",
        commandButton("New backlog", "newBacklog", true),
        commandButton("Open a backlog", "openBacklog"),
        commandButton("Check workspace", "checkWorkspace"),
      ),
    );
    return group;
  }
  const t = w.total;
  group.append(
    el(
      "p",
      `${plural(t.files, "file")}, ${plural(t.stories, "story")}, ${t.ready} ready. ${severityCounts(t.findingsBySeverity)}.`,
      "workspace-total",
      {
        id: "workspace-total",
      },
    ),
  );
  if (w.note) group.append(el("p", w.note, "muted"));
  const table = tableWithHead("figures files", "Backlog files of the workspace", ["File", "Errors", "Warnings", "Info", "Stories"]);
  const body = el("tbody");
  for (const f of w.files) {
    const tr = el("tr", undefined, f.uri === state.health?.uri ? "current" : undefined);
    const name = el("th", undefined, undefined, { scope: "row" });
    const open = el("button", f.fileName, "link", { type: "button", "data-key": `file-${f.fileName}`, title: `Open ${f.fileName}` });
    open.addEventListener("click", () => vscode.postMessage({ type: "reveal", uri: f.uri, line: 0, character: 0 }));
    name.append(open);
    const c = f.findingsBySeverity;
    tr.append(name, el("td", String(c.error)), el("td", String(c.warning)), el("td", String(c.info + c.hint)), el("td", String(f.stories)));
    body.append(searchable("health", tr, [group]));
  }
  table.append(body);
  group.append(table);
  return group;
}

function renderHealth(): HTMLElement[] {
  const h = state.health;
  const group = section("This file", "health-title");
  if (!h) {
    group.append(
      emptyState(
        "Open a backlog file (*.backlog.yaml, *.stories.md, *.stories, *.feature) to see its health here, or start one.",
        commandButton("Open a backlog", "openBacklog", true),
        commandButton("New backlog", "newBacklog"),
      ),
    );
    return [grid(group, renderWorkspace())];
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
    ["Findings", severityCounts(h.findingsBySeverity)],
  ];
  for (const [name, value] of rows) {
    const tr = el("tr");
    tr.append(el("th", name, undefined, { scope: "row" }), el("td", value));
    table.append(searchable("health", tr, [group]));
  }
  group.append(table);
  const worst = section("Stories to look at first", "worst-title");
  if (h.worstStories.length === 0) worst.append(el("p", "Every story passes the checks.", "muted"));
  const storyList = el("ul", undefined, "plain stories");
  for (const s of h.worstStories) {
    const button = el("button", undefined, "story", { type: "button", "data-key": `story-${s.line}-${s.label}` });
    button.append(
      el("span", s.label, "story-label"),
      ...(s.title ? [el("span", ` ${s.title}`, "story-title")] : []),
      el("span", ` ${plural(s.findings, "finding")}`, "badge"),
      el("span", s.severity, `severity severity-${s.severity}`),
      el("span", s.topMessage, "story-message muted"),
    );
    button.setAttribute(
      "aria-label",
      `${storyName(s.label, s.title)}, line ${s.line + 1}: ${plural(s.findings, "finding")}, the most severe ${s.severity === "error" ? "an" : "a"} ${s.severity}. ${s.topMessage}`,
    );
    button.addEventListener("click", () => vscode.postMessage({ type: "reveal", uri: h.uri, line: s.line, character: s.character }));
    const li = el("li");
    li.append(button);
    storyList.append(searchable("health", li, [worst]));
  }
  worst.append(storyList);
  const pictures = [renderRuleChart(h), renderReadiness(h), renderSprintLoad(h)].filter((x): x is HTMLElement => x !== undefined);
  return [grid(group, renderWorkspace(), ...pictures, worst, renderFindings(h))];
}

/** The Backlog tab's sections in a grid: one column in a narrow sidebar, two in a wide one (a container query). */
function grid(...sections: HTMLElement[]): HTMLElement {
  const node = el("div", undefined, "health-grid");
  node.append(...sections);
  return node;
}

// ---- Rendering, search and state. ----

function fillPanel(tab: TabId, content: readonly HTMLElement[]): void {
  // Focus inside a rebuilt panel (a story button, as the user types elsewhere) goes back to the same control.
  const focusedKey = panels[tab].contains(document.activeElement) ? (document.activeElement?.getAttribute("data-key") ?? null) : null;
  // A table the user opened stays open when the panel is rebuilt (the backlog's health changes as they type).
  const opened = new Set(
    Array.from(panels[tab].querySelectorAll<HTMLDetailsElement>("details[open][data-open-key]")).map((d) =>
      d.getAttribute("data-open-key"),
    ),
  );
  // The panel's title heads its hits when a search shows every tab's.
  panels[tab].replaceChildren(el("h2", TAB_LABELS[tab], "panel-title"), ...content);
  for (const details of Array.from(panels[tab].querySelectorAll<HTMLDetailsElement>("details[data-open-key]"))) {
    if (opened.has(details.getAttribute("data-open-key"))) details.open = true;
  }
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
  else if (tab === "myths") content = renderMyths(g);
  else if (tab === "skills") content = renderSkills(g);
  else content = renderCareers(g);
  fillPanel(tab, content);
}

function applySearch(): void {
  const words = searchWords();
  let total = 0;
  document.body.classList.toggle("searching", words.length > 0);
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
    // Searching, every tab with a hit shows them, in tab order; otherwise the selected tab alone.
    panels[tab].hidden = searching ? count === 0 : tab !== state.tab;
  }
  const query = state.query.trim();
  searchStatus.textContent =
    words.length === 0
      ? ""
      : total === 0
        ? `Nothing matches "${query}" in any tab.`
        : `${total} match${total === 1 ? "" : "es"} for "${query}" in ${TAB_IDS.filter((t) => !panels[t].hidden)
            .map((t) => TAB_LABELS[t])
            .join(", ")}`;
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
  } else if (message.type === "workspace") {
    state.workspace = message.workspace;
    renderPanel("health");
    applySearch();
  } else {
    showEntry(message.id);
  }
  save();
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function restore(): void {
  const saved = vscode.getState() as Partial<Record<keyof PageState, unknown>> | undefined;
  if (!saved) return;
  if (isGuidance(saved.guidance)) state.guidance = saved.guidance;
  if (saved.health === null || isHealth(saved.health)) state.health = saved.health ?? null;
  if (typeof saved.fileName === "string") state.fileName = saved.fileName;
  if (TAB_IDS.includes(saved.tab as TabId)) state.tab = saved.tab as TabId;
  if (typeof saved.query === "string") state.query = saved.query;
  if (saved.workspace === null || isWorkspaceHealth(saved.workspace)) state.workspace = saved.workspace ?? null;
  if (isRecord(saved.filters))
    for (const key of ["rule", "severity", "status"] as const) {
      const value = saved.filters[key];
      if (typeof value === "string" && value.length <= 80) state.filters[key] = value;
    }
  if (isRecord(saved.answers)) {
    for (const [key, value] of Object.entries(saved.answers)) {
      if (isId(key) && (value === "productOwner" || value === "productManager")) state.answers[key] = value;
    }
  }
}

restore();
buildShell();
searchInput.value = state.query;
renderAll();
vscode.postMessage({ type: "ready" });
