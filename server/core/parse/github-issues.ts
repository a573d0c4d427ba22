// Reads the JSON that `gh issue list --json number,title,body,labels,state` prints into the story model: the
// story sentence in an issue's title or body, its criteria in an "Acceptance criteria" section or task list.
import type { Backlog, Criterion, Finding, Story, StorySentence, TextPart } from "../model";
import fileNotChecked from "../rules/file-not-checked";
import { fieldFixWriter, sortedFields, type EncodedField } from "./encoded-fields";
import { readJsonArray, type JsonNode } from "./json-spans";
import { LineIndex, lineBreakOf } from "./text-lines";
import { blankMarkdown, projectJsonContent } from "./tracker-text";
import { criteriaInText, criteriaSection, sentenceInText, sentenceInTitle, taskItems, titleOf, type PlacedText } from "./tracker-story";

/** Labels that make an issue a story even when no story sentence is found in it. */
const STORY_LABELS = /^(?:user[ -]?)?stor(?:y|ies)$/i;

const finding = (message: string, at: number, text: string): Finding => ({
  ruleId: fileNotChecked.meta.id,
  messageId: "exportUnread",
  message,
  severity: fileNotChecked.meta.defaultSeverity,
  span: { start: Math.min(at, text.length), end: Math.min(at + 1, text.length) },
});

/** Reads a `gh issue list --json` array. Never throws: unreadable JSON becomes a finding, the issues read are checked. */
export function parseGithubIssues(text: string): Backlog {
  const eol = lineBreakOf(text);
  const { items, problems, isArray } = readJsonArray(text, ["number", "title", "body"]);
  const parseFindings: Finding[] = [];
  if (problems.length > 0) {
    const lines = new LineIndex(text);
    const first = problems[0];
    if (first) {
      const where = lines.positionAt(first.at);
      parseFindings.push(
        finding(
          `This is not valid JSON from line ${where.line + 1}, column ${where.character + 1}: ${first.message}. ${
            items.length > 0
              ? `The ${items.length.toLocaleString("en-US")} issues that could be read are checked; what follows the error is read from the next issue that parses.`
              : "No issue could be read."
          }${problems.length > 1 ? ` (${problems.length - 1} more errors after it.)` : ""}`,
          first.at,
          text,
        ),
      );
    }
  } else if (!isArray) {
    parseFindings.push(
      finding("This is not the array of issues that `gh issue list --json number,title,body,labels,state` prints.", 0, text),
    );
  }
  const fields: EncodedField[] = [];
  const stories: Story[] = [];
  for (const item of items) {
    if (item.kind !== "object") continue;
    const story = readIssue(text, item, fields, stories.length, eol);
    if (story) stories.push(story);
  }
  fields.sort((a, b) => a.content.start - b.content.start);
  return {
    format: "github-issues",
    text,
    personas: [],
    stories,
    parseFindings,
    encodeFinding: fieldFixWriter(sortedFields(fields), (s, e) => text.slice(s, e)),
  };
}

function readIssue(
  text: string,
  issue: Extract<JsonNode, { kind: "object" }>,
  fields: EncodedField[],
  index: number,
  eol: string,
): Story | undefined {
  const place = (node: JsonNode | undefined, markdown: boolean): PlacedText | undefined => {
    if (node?.kind !== "string") return undefined;
    const raw = projectJsonContent(text.slice(node.content.start, node.content.end));
    const projected = markdown ? blankMarkdown(raw) : raw;
    fields.push({
      content: node.content,
      whole: node.span,
      kind: "json",
      atoms: projected.atoms.map((a) => ({ start: node.content.start + a.start, end: node.content.start + a.end })),
    });
    return { text: projected.text, at: node.content.start };
  };
  const title = place(issue.entries.get("title"), false);
  const bodyNode = issue.entries.get("body");
  const body = place(bodyNode, true);
  let sentence: StorySentence | undefined = title ? sentenceInTitle(title) : undefined;
  if (!sentence && body) sentence = sentenceInText(body);
  const labels = issue.entries.get("labels");
  const labelled =
    labels?.kind === "array" &&
    labels.items.some((l) => {
      const name = l.kind === "object" ? l.entries.get("name") : l;
      return name?.kind === "string" && STORY_LABELS.test(name.value.trim());
    });
  // A bug report or a question is not a story: only issues with a story sentence or a story label are read.
  if (!sentence && !labelled) return undefined;
  let acceptance: Criterion[] | undefined;
  if (body) {
    const section = criteriaSection(body);
    acceptance = section ? criteriaInText(body, section.from, section.to) : taskItems(body);
    if (!section && acceptance.length === 0) acceptance = undefined;
  }
  const number = issue.entries.get("number");
  const id: TextPart | undefined = number?.kind === "number" ? { text: `#${String(number.value)}`, span: number.span } : undefined;
  const state = issue.entries.get("state");
  const status = state?.kind === "string" ? { text: state.value, span: state.content } : undefined;
  const titlePart =
    title && !(sentence && sentence.span.start >= title.at && sentence.span.start <= title.at + title.text.length)
      ? titleOf(title)
      : undefined;
  const first = acceptance?.[0];
  const last = acceptance?.[acceptance.length - 1];
  const bodyEnd = bodyNode?.kind === "string" ? bodyNode.content.end : undefined;
  return {
    index,
    span: issue.span,
    ...(id && { id }),
    ...(titlePart && { title: titlePart }),
    ...(sentence && { sentence }),
    ...(acceptance && {
      acceptance,
      acceptanceSpan:
        first && last ? { start: first.span.start, end: last.span.end } : body ? { start: body.at, end: body.at } : issue.span,
    }),
    ...(status && { status }),
    layout: {
      keyIndent: "",
      endOfEntry: issue.span.end,
      eol,
      // The body's end is where a criteria section is added (a null or absent body gets none).
      ...(!acceptance &&
        bodyEnd !== undefined && {
          criteriaAt: {
            offset: bodyEnd,
            prefix: body && body.text.trim() !== "" ? "\n\n## Acceptance criteria\n\n- [ ] " : "## Acceptance criteria\n\n- [ ] ",
          },
        }),
    },
  };
}
