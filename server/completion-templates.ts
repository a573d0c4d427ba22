// The story templates as completion items, offered only where a story can start: on an empty line (or its first
// word) and after an empty `story:` key. As snippet files they were offered everywhere, so accepting one after
// "As a " wrote "As a As a <role>"; here the editor asks the server, which knows the line.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from "vscode-languageserver";
import type { BacklogFormat } from "./core/model";

const SENTENCE = "As a ${1:role}, I want ${2:capability}, so that ${3:benefit}.";
const CRITERION = "Given ${6:context}, when ${7:event}, then ${8:outcome}";

/** The story item each format starts a story with (the YAML one is a list item under `stories:`). */
const STORY: Readonly<Partial<Record<BacklogFormat, string>>> = {
  yaml: [
    "- id: ${1:ID-1}",
    "  title: ${2:Short title}",
    "  story: As a ${3:role}, I want ${4:capability}, so that ${5:benefit}.",
    "  acceptance:",
    `    - ${CRITERION}`,
    "  estimate: ${9:3}",
    "  status: ${10|new,draft,refining,ready,in-progress,done|}",
  ].join("\n"),
  markdown: [
    "## ${1:ID-1} ${2:Short title}",
    "",
    "As a ${3:role}, I want ${4:capability}, so that ${5:benefit}.",
    "",
    "### Acceptance criteria",
    "",
    `- ${CRITERION}`,
    "",
  ].join("\n"),
  plain: SENTENCE,
  // One Feature per file: its narrative is the story, its scenarios the criteria.
  gherkin: [
    "Feature: ${1:Short title}",
    "  As a ${2:role}",
    "  I want ${3:capability}",
    "  So that ${4:benefit}",
    "",
    "  Scenario: ${5:name}",
    "    Given ${6:context}",
    "    When ${7:event}",
    "    Then ${8:outcome}",
  ].join("\n"),
};

/**
 * The Markdown of spec and story workflows, offered in Markdown beside the story section (see
 * core/parse/markdown-shapes.ts): a Spec Kit user story, and a BMAD story file's sections.
 */
const MARKDOWN_SHAPES: readonly { label: string; body: string; detail: string }[] = [
  {
    label: "Spec Kit user story",
    detail: "A Spec Kit spec.md user story: priority, story, why this priority, independent test, acceptance scenarios",
    body: [
      "### User Story ${1:1} - ${2:Brief title} (Priority: P${3:1})",
      "",
      "As a ${4:role}, I want ${5:capability}, so that ${6:benefit}.",
      "",
      "**Why this priority**: ${7:why it comes in this order}",
      "",
      "**Independent Test**: ${8:how it is tested and shown on its own}",
      "",
      "**Acceptance Scenarios**:",
      "",
      "1. **Given** ${9:context}, **When** ${10:event}, **Then** ${11:outcome}",
      "",
    ].join("\n"),
  },
  {
    label: "BMAD story file",
    detail: "A BMAD story file: status, story, acceptance criteria, tasks",
    body: [
      "# Story ${1:1.1}: ${2:Short title}",
      "",
      "## Status",
      "",
      "${3|Draft,Approved,InProgress,Review,Done|}",
      "",
      "## Story",
      "",
      "**As a** ${4:role},",
      "**I want** ${5:capability},",
      "**so that** ${6:benefit}",
      "",
      "## Acceptance Criteria",
      "",
      "1. Given ${7:context}, when ${8:event}, then ${9:outcome}",
      "",
      "## Tasks / Subtasks",
      "",
      "- [ ] ${10:Task} (AC: 1)",
      "",
    ].join("\n"),
  },
];

/** A Gherkin scenario, offered inside a Feature (the editor indents its lines to the line's indentation). */
const SCENARIO = ["Scenario: ${1:name}", "  Given ${2:context}", "  When ${3:event}", "  Then ${4:outcome}"].join("\n");

const DETAIL: Readonly<Partial<Record<BacklogFormat, string>>> = {
  yaml: "A story with its sentence, acceptance criteria, estimate and status",
  markdown: "A story section with its sentence and acceptance criteria",
  plain: "The user story template, one story per line",
  gherkin: "A Feature with its story narrative and a scenario",
};

/**
 * Template items for the text of the line before the cursor (`before`), or none. `storyIndent`: in YAML, the column
 * of the stories' "- " (undefined when there is none yet), where a story item starts; deeper lines are inside one.
 */
export function templateCompletions(format: BacklogFormat, before: string, position: Position, storyIndent?: number): CompletionItem[] {
  const range = (typed: string) => ({ start: { line: position.line, character: position.character - typed.length }, end: position });
  const item = (label: string, body: string, detail: string, typed: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    // Typing "As" or "story" at a line's start finds it; what was typed is replaced, never repeated.
    filterText: `${typed.toLowerCase().startsWith("as") ? "as a" : "story"} ${label}`,
    sortText: "~",
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: range(typed), newText: body },
  });
  if (format === "yaml" && /^\s*(?:-\s+)?story:\s*$/.test(before)) return [item("Story sentence", SENTENCE, "The user story template", "")];
  const word = /^(\s*)(\w*)$/.exec(before);
  const story = STORY[format];
  // Tracker exports have no story template: a row or an issue is written in the tracker, not typed here.
  if (!word || story === undefined) return [];
  const indent = word[1]?.length ?? 0;
  // A .feature file holds one Feature: once it has one, what starts there is a scenario.
  if (format === "gherkin" && storyIndent !== undefined)
    return indent > 0 ? [{ ...item("Scenario", SCENARIO, "A scenario: Given, When, Then", word[2] ?? ""), filterText: "scenario" }] : [];
  // A YAML story is an item of the stories list; a Markdown section and a plain story start at the first column.
  if (format === "yaml" ? storyIndent !== undefined && indent !== storyIndent : indent > 0) return [];
  const own = item(format === "plain" ? "Story sentence" : "User story", story, DETAIL[format] ?? "", word[2] ?? "");
  if (format !== "markdown") return [own];
  return [own, ...MARKDOWN_SHAPES.map((t) => item(t.label, t.body, t.detail, word[2] ?? ""))];
}
