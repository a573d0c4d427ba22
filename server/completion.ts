// Completion in backlog files: personas after "As a ", status values, and Gherkin keywords in acceptance criteria.
import { CompletionItemKind, type CompletionItem, type Position } from "vscode-languageserver";
import backlogSchema from "../schemas/backlog.schema.json";
import type { Analysis } from "./core/analyze";
import { nextStepKinds } from "./completion-step-order";
import { templateCompletions } from "./completion-templates";
import { criterionSteps, stepKeywordsByKind } from "./core/nlp/gherkin";
import { sourceOf } from "./core/model";
import type { LineIndex } from "./core/parse/text-lines";

/**
 * The status values the backlog schema allows, in its order, one spelling each: the schema accepts "in progress"
 * beside "in-progress", completion offers the first.
 */
const STATUSES: readonly string[] = backlogSchema.definitions.story.properties.status.enum.filter(
  (s, i, all) => all.findIndex((t) => t.replace(/[\s_-]+/g, "-") === s.replace(/[\s_-]+/g, "-")) === i,
);

/** The language most of the backlog's criteria are written in, so keywords come in that language. */
function criteriaLanguage(analysis: Analysis): string {
  const counts = new Map<string, number>();
  for (const story of analysis.backlog.stories)
    for (const c of story.acceptance ?? []) {
      const language = criterionSteps(c.text, c.span.start)?.language;
      if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
    }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "en";
}

/** Whether an offset is inside a story's acceptance list, or on the line right under an "acceptance:" key. */
function inAcceptance(analysis: Analysis, lines: LineIndex, offset: number): boolean {
  const text = sourceOf(analysis.backlog);
  if (analysis.backlog.stories.some((s) => s.acceptanceSpan && offset >= s.acceptanceSpan.start && offset <= s.acceptanceSpan.end))
    return true;
  const line = lines.positionAt(offset).line;
  for (let l = line - 1; l >= 0 && l >= line - 30; l--) {
    const content = text.slice(lines.lineStart(l), lines.lineEnd(l));
    if (/^\s*acceptance\s*:\s*$/.test(content) || /^#+\s*acceptance criteria\s*$/i.test(content)) return true;
    if (!/^\s*-\s/.test(content) && content.trim() !== "") return false;
  }
  return false;
}

/** Completion items at a position of an analysed document. */
export function completions(analysis: Analysis, lines: LineIndex, position: Position): CompletionItem[] {
  const offset = lines.offsetAt(position);
  // Pieces, not the whole text: completion runs as you type (after every space), in files of any size.
  const text = sourceOf(analysis.backlog);
  const before = text.slice(lines.lineStart(position.line), offset);
  const range = (typed: string) => ({ start: { line: position.line, character: position.character - typed.length }, end: position });

  // Personas first, then roles other stories already use, after "As a ", "As an " or "As the ".
  const role = /\bas\s+(?:an?|the)\s+([\w' -]*)$/i.exec(before);
  if (role) {
    const typed = role[1] ?? "";
    const personas = analysis.backlog.personas.map((p) => p.text);
    // Not the role on the line being typed: after "As a " that is the "a" itself.
    const used = analysis.backlog.stories.flatMap((s) =>
      s.sentence?.role && lines.positionAt(s.sentence.role.span.start).line !== position.line ? [s.sentence.role.text] : [],
    );
    const seen = new Set<string>();
    return [...personas, ...used].flatMap((name, i): CompletionItem[] => {
      const key = name.toLowerCase();
      if (seen.has(key)) return [];
      seen.add(key);
      const persona = i < personas.length;
      return [
        {
          label: name,
          kind: persona ? CompletionItemKind.Class : CompletionItemKind.Text,
          detail: persona ? "persona" : "role used in this backlog",
          sortText: `${persona ? 0 : 1}${name}`,
          textEdit: { range: range(typed), newText: name },
        },
      ];
    });
  }

  const status = /^\s*(?:-\s+)?status\s*:(\s*)([\w -]*)$/.exec(before);
  if (status && analysis.backlog.format === "yaml") {
    const typed = status[2] ?? "";
    // Right after the colon ("status:|"), the value needs its space: "status:ready" is one plain scalar in YAML.
    const space = status[1] === "" && typed === "" ? " " : "";
    return STATUSES.map((s, i) => ({
      label: s,
      kind: CompletionItemKind.EnumMember,
      sortText: String(i).padStart(2, "0"),
      filterText: s,
      textEdit: { range: range(typed), newText: `${space}${s}` },
    }));
  }

  // A criterion's first word, or the word after a comma inside one: the step keywords of the backlog's language.
  const step = /^\s*[-*]\s+(\p{L}*)$/u.exec(before) ?? (/^\s*[-*]\s+\S.*,\s*(\p{L}*)$/u.exec(before) as RegExpExecArray | null);
  if (step && inAcceptance(analysis, lines, offset)) {
    const typed = step[1] ?? "";
    const first = /^\s*[-*]\s+\p{L}*$/u.test(before);
    const keywords = stepKeywordsByKind(criteriaLanguage(analysis));
    // Only the keywords the criterion can take next, in the order it needs them (completion-step-order.ts).
    const written = before.slice(0, before.length - typed.length).replace(/^\s*[-*]\s+/, "");
    const order = nextStepKinds(first ? "" : written, new Map(keywords.map((k) => [k.keyword.toLowerCase(), k.kind])));
    return keywords.flatMap(({ kind, keyword }) => {
      const word = first ? keyword : keyword.toLowerCase();
      if (!order.includes(kind)) return [];
      return [
        {
          label: word,
          kind: CompletionItemKind.Keyword,
          detail: `Gherkin ${kind}`,
          sortText: `${order.indexOf(kind)}${word}`,
          textEdit: { range: range(typed), newText: `${word} ` },
        },
      ];
    });
  }
  const first = analysis.backlog.stories[0];
  const storyIndent =
    first && /^\s*/.exec(text.slice(lines.lineStart(lines.positionAt(first.span.start).line), first.span.start))?.[0].length;
  return templateCompletions(analysis.backlog.format, before, position, storyIndent);
}
