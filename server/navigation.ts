// Navigation across the workspace's backlog files: references to a story id, hover and definition on a dependsOn
// id, and workspace symbols (a story by id or title), read from the workspace index.
import { MarkupKind, SymbolKind, type Hover, type Location, type Position, type SymbolInformation } from "vscode-languageserver";
import type { Backlog, Span, TextPart } from "./core/model";
import type { LineIndex } from "./core/parse/text-lines";
import type { WorkspaceIndex, WorkspaceStory } from "./core/workspace";
import { toRange } from "./lsp-convert";

/** At most this many workspace symbols are returned for one query: the client filters and ranks them further. */
const MAX_WORKSPACE_SYMBOLS = 500;

const inside = (span: Span, offset: number): boolean => offset >= span.start && offset <= span.end;

/** What navigation reads: the index, every indexed file's line index, and a file's display name. */
export interface NavigationContext {
  readonly index: WorkspaceIndex;
  linesOf(uri: string): LineIndex | undefined;
}

/** The story id at an offset: a story's own id, or one a dependsOn names. */
function idAt(backlog: Backlog, offset: number): { id: string; ref?: TextPart } | undefined {
  for (const story of backlog.stories) {
    if (!inside(story.span, offset)) continue;
    if (story.id && inside(story.id.span, offset)) return { id: story.id.text.trim() };
    const ref = story.dependsOn?.find((d) => inside(d.span, offset));
    if (ref) return { id: ref.text.trim(), ref };
  }
  return undefined;
}

function locationOf(context: NavigationContext, uri: string, span: Span): Location | undefined {
  const lines = context.linesOf(uri);
  return lines ? { uri, range: toRange(lines, span) } : undefined;
}

/**
 * Find All References on a story id (its own, or in a dependsOn): the story that has it, if asked, and every
 * dependsOn naming it, in every backlog file of the workspace.
 */
export function references(
  context: NavigationContext,
  backlog: Backlog,
  lines: LineIndex,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const at = idAt(backlog, lines.offsetAt(position));
  if (!at || at.id === "") return [];
  const found: Location[] = [];
  for (const file of context.index.entries()) {
    for (const story of file.stories) {
      if (includeDeclaration && story.id?.text.trim() === at.id) {
        const location = locationOf(context, file.uri, story.id.span);
        if (location) found.push(location);
      }
      for (const ref of story.dependsOn) {
        if (ref.text.trim() !== at.id) continue;
        const location = locationOf(context, file.uri, ref.span);
        if (location) found.push(location);
      }
    }
  }
  return found;
}

/** The story a dependsOn id names: in the same file first, else in another backlog file of the workspace. */
function targetOf(context: NavigationContext, uri: string, id: string): WorkspaceStory | undefined {
  const candidates = context.index.storiesWithId(id);
  return candidates.find((s) => s.uri === uri) ?? candidates[0];
}

/** Go to Definition on a dependsOn id whose story is in another file (symbols.ts's `definition` does this file). */
export function definitionAcross(
  context: NavigationContext,
  uri: string,
  backlog: Backlog,
  lines: LineIndex,
  position: Position,
): Location | null {
  const at = idAt(backlog, lines.offsetAt(position));
  if (!at?.ref) return null;
  const target = targetOf(context, uri, at.id);
  return (target && locationOf(context, target.uri, target.id?.span ?? target.span)) ?? null;
}

/** Markdown text with what Markdown would read as markup escaped. */
const escapeMarkdown = (text: string): string => text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, "\\$&");

/** Hover on a dependsOn id: the story it names, with its title and sentence, and its file when that is another one. */
export function dependsOnHover(
  context: NavigationContext,
  uri: string,
  backlog: Backlog,
  lines: LineIndex,
  position: Position,
): Hover | null {
  const at = idAt(backlog, lines.offsetAt(position));
  if (!at?.ref) return null;
  const target = targetOf(context, uri, at.id);
  const parts = target
    ? [
        `**${escapeMarkdown(at.id)}**${target.title ? `: ${escapeMarkdown(target.title.text)}` : ""}`,
        ...(target.sentence ? [escapeMarkdown(target.sentence.text)] : []),
        ...(target.uri !== uri ? [`In ${escapeMarkdown(target.file)}`] : []),
      ]
    : [`No story in the workspace has the id **${escapeMarkdown(at.id)}**.`];
  return { contents: { kind: MarkupKind.Markdown, value: parts.join("\n\n") }, range: toRange(lines, at.ref.span) };
}

/** A story's name as the outline and workspace symbols show it: its id and title (or the start of its sentence). */
export function storySymbolName(story: { id?: TextPart; title?: TextPart; sentence?: TextPart; index: number }): string {
  const summary = story.title?.text ?? story.sentence?.text ?? "";
  const name = [story.id?.text, summary].filter((s) => s && s.trim() !== "").join(": ") || `Story ${story.index + 1}`;
  return name.length > 80 ? `${name.slice(0, 77)}...` : name;
}

/** Ctrl+T: the workspace's stories whose id or title holds every character of the query, in order (as VS Code matches). */
export function workspaceSymbols(context: NavigationContext, query: string): SymbolInformation[] {
  const wanted = query.toLowerCase().replace(/\s+/g, "");
  const matches = (text: string): boolean => {
    let k = 0;
    const lower = text.toLowerCase();
    for (let i = 0; i < lower.length && k < wanted.length; i++) if (lower[i] === wanted[k]) k++;
    return k === wanted.length;
  };
  const found: SymbolInformation[] = [];
  for (const file of context.index.entries()) {
    for (const story of file.stories) {
      if (found.length >= MAX_WORKSPACE_SYMBOLS) return found;
      const name = storySymbolName(story);
      if (wanted !== "" && !matches(`${story.id?.text ?? ""} ${story.title?.text ?? story.sentence?.text ?? ""}`)) continue;
      const location = locationOf(context, file.uri, story.id?.span ?? story.span);
      if (location) found.push({ name, kind: SymbolKind.Class, location, containerName: file.file });
    }
  }
  return found;
}
