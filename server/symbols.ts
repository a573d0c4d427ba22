// Document symbols (an outline of stories), go to definition from a dependsOn id, and renaming a persona.
import { SymbolKind, type DocumentSymbol, type Location, type Position, type Range, type WorkspaceEdit } from "vscode-languageserver";
import { ErrorCodes, ResponseError } from "vscode-languageserver";
import type { Analysis } from "./core/analyze";
import { applyEdits } from "./core/apply-edits";
import { parseBacklog } from "./core/formats";
import { sourceOf, type Backlog, type Criterion, type Span, type TextEdit as CoreTextEdit, type TextPart } from "./core/model";
import { yamlScalar } from "./core/parse/yaml/scalar";
import type { LineIndex } from "./core/parse/text-lines";
import { roleKey } from "./core/nlp/similarity";
import { toRange } from "./lsp-convert";

const inside = (span: Span, offset: number): boolean => offset >= span.start && offset <= span.end;

/**
 * The symbol kinds of the outline, one per kind of node, the same in every format (README "Navigation"): a story is
 * a Class (a unit with members), its acceptance criteria its Fields; the sprint and the personas list are
 * Namespaces (containers), the sprint's length and goal Properties, its planned events Events, a persona an
 * Interface (the role a story is written for).
 */
export const OUTLINE_KINDS = {
  story: SymbolKind.Class,
  criterion: SymbolKind.Field,
  sprint: SymbolKind.Namespace,
  sprintField: SymbolKind.Property,
  event: SymbolKind.Event,
  personas: SymbolKind.Namespace,
  persona: SymbolKind.Interface,
  /** A .feature file's Scenario and Rule. */
  scenario: SymbolKind.Method,
  rule: SymbolKind.Namespace,
} as const;

const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

/** A leaf symbol over a piece of text. */
const leaf = (lines: LineIndex, name: string, kind: SymbolKind, span: Span, detail?: string): DocumentSymbol => ({
  name: clip(name) || "(empty)",
  ...(detail && { detail }),
  kind,
  range: toRange(lines, span),
  selectionRange: toRange(lines, span),
});

/** The outline nodes of what a backlog declares besides its stories: the sprint with its events, and the personas. */
function headerSymbols(backlog: Backlog, lines: LineIndex): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const sprint = backlog.sprint;
  if (sprint) {
    const children = [
      ...(sprint.length ? [leaf(lines, `length: ${sprint.length.text}`, OUTLINE_KINDS.sprintField, sprint.length.span)] : []),
      ...(sprint.goal ? [leaf(lines, `goal: ${sprint.goal.text}`, OUTLINE_KINDS.sprintField, sprint.goal.span)] : []),
      ...(sprint.events ?? []).map((e) => ({
        ...leaf(lines, e.name.text, OUTLINE_KINDS.event, e.span, e.duration?.text),
        selectionRange: toRange(lines, e.name.span),
      })),
    ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    symbols.push({
      name: "Sprint",
      ...(sprint.goal && { detail: clip(sprint.goal.text) }),
      kind: OUTLINE_KINDS.sprint,
      range: toRange(lines, sprint.span),
      selectionRange: toRange(lines, { start: sprint.span.start, end: sprint.span.start }),
      children,
    });
  }
  const personas = backlog.personas;
  const first = personas[0];
  const last = personas[personas.length - 1];
  if (first && last) {
    const span = { start: first.span.start, end: last.span.end };
    symbols.push({
      name: "Personas",
      kind: OUTLINE_KINDS.personas,
      range: toRange(lines, span),
      selectionRange: toRange(lines, first.span),
      children: personas.map((p) => leaf(lines, p.text, OUTLINE_KINDS.persona, p.span)),
    });
  }
  return symbols;
}

/** The sprint and personas, then one symbol per story (id and summary) with its criteria as children, in file order. */
export function documentSymbols(analysis: Analysis, lines: LineIndex): DocumentSymbol[] {
  const stories = analysis.backlog.stories.map((story): DocumentSymbol => {
    const summary = story.title?.text ?? story.sentence?.means?.text ?? story.sentence?.text ?? "";
    const name = [story.id?.text, summary].filter((s) => s && s.trim() !== "").join(": ") || `Story ${story.index + 1}`;
    const range = toRange(lines, story.span);
    const selection = story.id?.span ?? story.title?.span ?? story.sentence?.span ?? story.span;
    return {
      name: name.length > 80 ? `${name.slice(0, 77)}...` : name,
      ...(story.status && { detail: story.status.text }),
      kind: OUTLINE_KINDS.story,
      range,
      selectionRange: toRange(lines, selection.start >= story.span.start && selection.end <= story.span.end ? selection : story.span),
      children: (story.acceptance ?? []).some((c) => c.scenario)
        ? scenarioSymbols(story.acceptance ?? [], lines)
        : (story.acceptance ?? []).map((c) => leaf(lines, c.text, OUTLINE_KINDS.criterion, c.span)),
    };
  });
  const header = headerSymbols(analysis.backlog, lines);
  if (header.length === 0) return stories;
  // In file order: a backlog usually declares its sprint and personas before its stories, but need not.
  return [...header, ...stories].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** A .feature file's scenarios by their headers, those under a Rule as the Rule's children. */
function scenarioSymbols(criteria: readonly Criterion[], lines: LineIndex): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  let rule: { header: TextPart; symbol: DocumentSymbol } | undefined;
  for (const c of criteria) {
    const header = c.scenario?.header;
    const start = header ? Math.min(header.span.start, c.span.start) : c.span.start;
    const symbol: DocumentSymbol = {
      name: clip(header?.text ?? c.text) || "(empty)",
      kind: OUTLINE_KINDS.scenario,
      range: toRange(lines, { start, end: c.span.end }),
      selectionRange: toRange(lines, header?.span ?? c.span),
    };
    const ruleHeader = c.scenario?.rule;
    if (ruleHeader && rule?.header.span.start !== ruleHeader.span.start) {
      rule = {
        header: ruleHeader,
        symbol: {
          name: clip(ruleHeader.text),
          kind: OUTLINE_KINDS.rule,
          range: symbol.range,
          selectionRange: toRange(lines, ruleHeader.span),
          children: [],
        },
      };
      out.push(rule.symbol);
    }
    if (ruleHeader && rule) {
      rule.symbol.children?.push(symbol);
      rule.symbol.range = toRange(lines, { start: ruleHeader.span.start, end: c.span.end });
    } else out.push(symbol);
  }
  return out;
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

/** A place a persona is written, and the whole scalar it stands in (itself, for a declaration). */
interface PersonaPlace {
  readonly part: TextPart;
  readonly container: TextPart;
}

/** Every place a persona is written: its declaration and the roles of stories that name it. */
function personaPlaces(analysis: Analysis, key: string): PersonaPlace[] {
  const source = sourceOf(analysis.backlog);
  const declared = analysis.backlog.personas
    .filter((p) => roleKey(p.text) === key)
    .map((p) => {
      // A quoted declaration's span holds its quotes: the name is what is between them, when written as read.
      const written = source.slice(p.span.start, p.span.end);
      const quoted = /^(["']).*\1$/s.test(written) && written.slice(1, -1) === p.text;
      const part = quoted ? { text: p.text, span: { start: p.span.start + 1, end: p.span.end - 1 } } : p;
      return { part, container: part };
    });
  const roles = analysis.backlog.stories.flatMap((s) =>
    s.sentence?.role && roleKey(s.sentence.role.text) === key ? [{ part: s.sentence.role, container: s.sentence }] : [],
  );
  // Only text written exactly as read can be replaced in place (not escaped or folded scalars).
  return [...declared, ...roles].filter(
    (p) =>
      source.slice(p.part.span.start, p.part.span.end) === p.part.text &&
      source.slice(p.container.span.start, p.container.span.end) === p.container.text,
  );
}

/**
 * The edit that writes `name` in place of a persona in a YAML scalar, so that the file still reads as YAML and
 * the scalar still says what it said with the new name: escaped inside a quoted scalar, and a plain scalar that
 * the name would break (`Admin: billing`, `#1 fan`, `[beta] tester`) rewritten double-quoted as a whole.
 */
function yamlRenameEdit(source: string, place: PersonaPlace, name: string): CoreTextEdit {
  const { part, container } = place;
  const quote = source[container.span.start - 1];
  if (quote === '"') return { span: part.span, newText: JSON.stringify(name).slice(1, -1) };
  if (quote === "'") return { span: part.span, newText: name.replace(/'/g, "''") };
  const renamed =
    container.text.slice(0, part.span.start - container.span.start) + name + container.text.slice(part.span.end - container.span.start);
  const scalar = yamlScalar(renamed);
  return scalar === renamed && /^[^[\]{},]*$/.test(renamed)
    ? { span: part.span, newText: name }
    : { span: container.span, newText: scalar };
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
  if (/[\r\n]/.test(newName))
    throw new ResponseError(ErrorCodes.InvalidParams, "A persona's name is one line: it cannot hold a line break.");
  const { backlog } = analysis;
  // A rename is rare: the whole text as one string is affordable here.
  const source = sourceOf(backlog).toString();
  const places = personaPlaces(analysis, roleKey(persona.text));
  const edits: CoreTextEdit[] =
    backlog.format === "yaml"
      ? places.map((p) => yamlRenameEdit(source, p, newName))
      : places.map((p) => ({ span: p.part.span, newText: newName }));
  // Read back what the edits make: the file must parse as before and name the new persona in every place.
  const after = parseBacklog(applyEdits(source, edits).text, backlog.format);
  const syntaxErrors = (b: Backlog): number => b.parseFindings.filter((f) => f.ruleId === "yaml-syntax").length;
  const key = roleKey(newName);
  const named =
    after.personas.filter((p) => roleKey(p.text) === key).length +
    after.stories.filter((s) => s.sentence?.role && roleKey(s.sentence.role.text) === key).length;
  if (syntaxErrors(after) > syntaxErrors(backlog) || named < places.length)
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `'${newName}' cannot be written there without changing what the backlog says: choose another name.`,
    );
  return { changes: { [uri]: edits.map((e) => ({ range: toRange(lines, e.span), newText: e.newText })) } };
}
