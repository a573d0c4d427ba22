// Document symbols (an outline of stories), go to definition from a dependsOn id, and renaming a persona.
import {
  SymbolKind,
  type DocumentSymbol,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { Analysis } from "./core/analyze";
import { sourceOf, type Span, type TextPart } from "./core/model";
import type { LineIndex } from "./core/parse/text-lines";
import { roleKey } from "./core/rules/story-role-persona";
import { toRange } from "./lsp-convert";

const inside = (span: Span, offset: number): boolean => offset >= span.start && offset <= span.end;

/** One symbol per story (id and summary), with its criteria as children, in file order. */
export function documentSymbols(analysis: Analysis, lines: LineIndex): DocumentSymbol[] {
  return analysis.backlog.stories.map((story) => {
    const summary = story.title?.text ?? story.sentence?.means?.text ?? story.sentence?.text ?? "";
    const name = [story.id?.text, summary].filter((s) => s && s.trim() !== "").join(": ") || `Story ${story.index + 1}`;
    const range = toRange(lines, story.span);
    const selection = story.id?.span ?? story.title?.span ?? story.sentence?.span ?? story.span;
    return {
      name: name.length > 80 ? `${name.slice(0, 77)}...` : name,
      ...(story.status && { detail: story.status.text }),
      kind: SymbolKind.Class,
      range,
      selectionRange: toRange(lines, selection.start >= story.span.start && selection.end <= story.span.end ? selection : story.span),
      children: (story.acceptance ?? []).map((c) => ({
        name: c.text.length > 80 ? `${c.text.slice(0, 77)}...` : c.text || "(empty)",
        kind: SymbolKind.Boolean,
        range: toRange(lines, c.span),
        selectionRange: toRange(lines, c.span),
      })),
    };
  });
}

/** The story a dependsOn id at the position names, as a location. */
export function definition(analysis: Analysis, lines: LineIndex, uri: string, position: Position): Location | null {
  const offset = lines.offsetAt(position);
  for (const story of analysis.backlog.stories) {
    const ref = story.dependsOn?.find((d) => inside(d.span, offset));
    if (!ref) continue;
    const target = analysis.backlog.stories.find((s) => s.id?.text.trim() === ref.text.trim());
    if (!target) return null;
    return { uri, range: toRange(lines, target.id?.span ?? target.span) };
  }
  return null;
}

/** Every place a persona is written: its declaration and the roles of stories that name it. */
function personaPlaces(analysis: Analysis, key: string): TextPart[] {
  const declared = analysis.backlog.personas.filter((p) => roleKey(p.text) === key);
  const roles = analysis.backlog.stories.flatMap((s) =>
    s.sentence?.role && roleKey(s.sentence.role.text) === key ? [s.sentence.role] : [],
  );
  // Only text written exactly as read can be replaced in place (not escaped or folded scalars).
  return [...declared, ...roles].filter((p) => sourceOf(analysis.backlog).slice(p.span.start, p.span.end) === p.text);
}

/** The persona name at a position (a declaration, or a story role that names a declared persona). */
function personaAt(analysis: Analysis, offset: number): TextPart | undefined {
  const declared = analysis.backlog.personas.find((p) => inside(p.span, offset));
  if (declared) return declared;
  const names = new Set(analysis.backlog.personas.map((p) => roleKey(p.text)));
  const role = analysis.backlog.stories.find((s) => s.sentence?.role && inside(s.sentence.role.span, offset))?.sentence?.role;
  return role && names.has(roleKey(role.text)) ? role : undefined;
}

/** The range and current name of a renameable persona at the position, or null. */
export function prepareRename(analysis: Analysis, lines: LineIndex, position: Position): { range: Range; placeholder: string } | null {
  const persona = personaAt(analysis, lines.offsetAt(position));
  return persona ? { range: toRange(lines, persona.span), placeholder: persona.text } : null;
}

/** Renames a persona in its declaration and in every story role naming it. */
export function renamePersona(
  analysis: Analysis,
  lines: LineIndex,
  uri: string,
  position: Position,
  newName: string,
): WorkspaceEdit | null {
  const persona = personaAt(analysis, lines.offsetAt(position));
  if (!persona || newName.trim() === "") return null;
  const edits: TextEdit[] = personaPlaces(analysis, roleKey(persona.text)).map((p) => ({
    range: toRange(lines, p.span),
    newText: newName,
  }));
  return { changes: { [uri]: edits } };
}
