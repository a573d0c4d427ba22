// The sidebar page: renders guidance and backlog health with DOM APIs only (never HTML strings) and theme colours.
import type { BacklogHealth } from "../../server/protocol";
import { parseHostMessage, type GuidanceTermView, type WebviewMessage } from "./messages";

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById("app") as HTMLElement;
let terms: readonly GuidanceTermView[] = [];
let health: { fileName: string | null; health: BacklogHealth | null } = { fileName: null, health: null };

/** Creates an element with text content; workspace text only ever reaches the page this way. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Renders the tiny markdown subset the guidance uses (paragraphs, **bold**, *italic*) as DOM nodes. */
function renderMarkdown(markdown: string): HTMLElement {
  const container = el("div");
  for (const paragraph of markdown.split(/\n{2,}/)) {
    const p = el("p");
    for (const token of paragraph.split(/(\*\*[^*]+\*\*|\*[^*]+\*)/)) {
      if (token.startsWith("**")) p.append(el("strong", token.slice(2, -2)));
      else if (token.startsWith("*") && token.length > 1) p.append(el("em", token.slice(1, -1)));
      else if (token) p.append(document.createTextNode(token));
    }
    container.append(p);
  }
  return container;
}

const percent = (part: number, whole: number): string => (whole === 0 ? "–" : `${Math.round((part / whole) * 100)} %`);

function renderHealth(): HTMLElement {
  const section = el("section");
  section.setAttribute("aria-labelledby", "health-title");
  const title = el("h2", "Backlog health");
  title.id = "health-title";
  section.append(title);
  const h = health.health;
  if (!h) {
    section.append(el("p", "Open a backlog file (*.backlog.yaml, *.stories.md, *.stories) to see its health.", "muted"));
    return section;
  }
  section.append(el("p", health.fileName ?? "", "file-name"));
  const table = el("table", undefined, "figures");
  const rows: [string, string][] = [
    ["Stories", String(h.stories)],
    ["Well formed", percent(h.wellFormed, h.stories)],
    ["With a benefit", percent(h.withBenefit, h.stories)],
    ["With acceptance criteria", percent(h.withCriteria, h.stories)],
    ["Ready", percent(h.ready, h.stories)],
  ];
  for (const [name, value] of rows) {
    const tr = el("tr");
    tr.append(el("th", name), el("td", value));
    table.append(tr);
  }
  section.append(table);
  if (h.findingsByRule.length > 0) {
    section.append(el("h3", "Findings by rule"));
    const list = el("ul");
    for (const r of h.findingsByRule) list.append(el("li", `${r.ruleId}: ${r.count}`));
    section.append(list);
  }
  if (h.worstStories.length > 0) {
    section.append(el("h3", "Stories to look at first"));
    const list = el("ul", undefined, "stories");
    for (const s of h.worstStories) {
      const button = el("button", `${s.label} (${s.findings})`, "link");
      button.title = s.topMessage;
      button.addEventListener("click", () => vscode.postMessage({ type: "reveal", uri: h.uri, line: s.line, character: s.character }));
      const li = el("li");
      li.append(button);
      list.append(li);
    }
    section.append(list);
  }
  return section;
}

function renderEvents(): HTMLElement {
  const section = el("section");
  section.append(el("h2", "Scrum events"));
  for (const term of terms) {
    const details = el("details");
    details.append(el("summary", term.name), renderMarkdown(term.markdown));
    section.append(details);
  }
  return section;
}

function render(): void {
  app.replaceChildren(renderHealth(), renderEvents());
}

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  if (message.type === "guidance") terms = message.terms;
  else health = { fileName: message.fileName, health: message.health };
  vscode.setState({ terms, health });
  render();
});

const saved = vscode.getState() as { terms?: GuidanceTermView[]; health?: typeof health } | undefined;
if (saved?.terms) {
  terms = saved.terms;
  health = saved.health ?? health;
  render();
}
vscode.postMessage({ type: "ready" });
