// Hover: the guidance term under the cursor, in any backlog format, as a short tip scaled to the backlog's Sprint.
import type { Hover, Position } from "vscode-languageserver";
import { bundledTerms } from "./core/guidance/data";
import type { TermIndex, TermMatch } from "./core/guidance/lookup";
import { parseSprintLength } from "./core/guidance/timebox";
import { tipMarkdown } from "./core/guidance/tips";
import type { Backlog } from "./core/model";
import type { LineIndex } from "./core/parse/text-lines";
import { SHOW_GUIDANCE_COMMAND } from "./protocol";

/** The bundled guidance's terms, built once: the data never changes while the server runs. */

export interface HoverOptions {
  /** Append a link that opens the entry in the sidebar: only a client that has the command can follow it. */
  readonly commandLinks: boolean;
  readonly terms?: TermIndex;
}

/** The command link for an entry; its argument is an entry id, never text from the workspace. */
export function showGuidanceLink(entryId: string): string {
  return `[Open in the Backlog Coach sidebar](command:${SHOW_GUIDANCE_COMMAND}?${encodeURIComponent(JSON.stringify([entryId]))})`;
}

/** An event planned in the sprint section is recognised by its whole name, so "Review" there is the Sprint Review. */
function plannedEventAt(backlog: Backlog | undefined, offset: number, terms: TermIndex): TermMatch | undefined {
  for (const event of backlog?.sprint?.events ?? []) {
    const { start, end } = event.name.span;
    if (offset < start || offset > end) continue;
    const entry = terms.entryForName(event.name.text);
    return entry && { entry, start, end };
  }
  return undefined;
}

/** The hover at a position, or null when no guidance term is there. */
export function hoverAt(
  text: string,
  lines: LineIndex,
  position: Position,
  backlog: Backlog | undefined,
  options: HoverOptions,
): Hover | null {
  const terms = options.terms ?? bundledTerms();
  if (position.line < 0 || position.line >= lines.lineCount) return null;
  const lineStart = lines.lineStart(position.line);
  const lineText = text.slice(lineStart, lines.lineEnd(position.line));
  const character = Math.min(Math.max(position.character, 0), lineText.length);
  const offset = lineStart + character;
  const match = plannedEventAt(backlog, offset, terms) ?? shift(terms.termAt(lineText, character), lineStart);
  if (!match) return null;
  const length = backlog?.sprint?.length;
  const sprint = length ? parseSprintLength(length.text) : undefined;
  let value = tipMarkdown(match.entry, terms.guidance, sprint);
  if (options.commandLinks) value += `\n\n${showGuidanceLink(match.entry.id)}`;
  return {
    contents: { kind: "markdown", value },
    range: { start: lines.positionAt(match.start), end: lines.positionAt(match.end) },
  };
}

const shift = (match: TermMatch | undefined, by: number): TermMatch | undefined =>
  match && { entry: match.entry, start: match.start + by, end: match.end + by };
