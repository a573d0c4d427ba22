// INVEST "Testable": a story carries acceptance criteria, or nobody can say when it is done.
import { sourceOf, type Story } from "../model";
import { gherkinScenarioSkeleton } from "../parse/gherkin-stories";
import { shapeCriteriaEdit } from "../parse/markdown-shapes";
import { unfilledPart } from "../nlp/placeholder";
import { appendYamlCriteria, isVerbatim, storyAnchor } from "./helpers";
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "criteria-missing",
    description: "Give every story acceptance criteria, so that it can be tested.",
    source: "INVEST",
    defaultSeverity: "warning",
    messages: {
      missing: "The story has no acceptance criteria: add at least one 'Given ..., when ..., then ...'.",
      empty: "The acceptance criteria list is empty.",
      placeholder: "'{piece}' is a placeholder, not a criterion: write the context, the event and the outcome someone can check.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkStory(story: Story, context) {
    // A plain story list has nowhere to put criteria: asking for them there would flag every line.
    if (context.backlog.format === "plain") return;
    if (story.acceptance && story.acceptance.length > 0) {
      // A criterion left as a template ("Given <context>, when <event>, then <outcome>", "TBD") tests nothing:
      // it is reported as the missing part, and the health view does not count it as a criterion.
      for (const c of story.acceptance) {
        const piece = unfilledPart(c.text, c.scenario?.parameters);
        if (!piece) continue;
        const at = isVerbatim(context.backlog, c.span, c.text)
          ? { start: c.span.start + piece.start, end: c.span.start + piece.end }
          : c.span;
        context.report({
          messageId: "placeholder",
          data: { piece: c.text.slice(piece.start, piece.end) },
          span: at,
          storyIndex: story.index,
        });
      }
      return;
    }
    if (story.acceptance && story.acceptanceSpan) {
      context.report({ messageId: "empty", span: story.acceptanceSpan, storyIndex: story.index });
      return;
    }
    const anchor = story.id?.span ?? story.sentence?.span ?? story.span;
    const layout = story.layout;
    const criterion = "Given <context>, when <event>, then <outcome>";
    if (context.backlog.format === "gherkin") {
      // A .feature file: a Scenario skeleton after the Feature's last line, in its dialect.
      const skeleton = gherkinScenarioSkeleton(sourceOf(context.backlog).toString(), story);
      const fixes = skeleton ? [{ title: "Add a scenario", edits: [skeleton], safe: false }] : undefined;
      context.report({ messageId: "missing", span: storyAnchor(story), storyIndex: story.index, ...(fixes && { fixes }) });
      return;
    }
    // Markdown: a criteria sub-heading one level below the story's heading, then a list item; a spec or story
    // workflow's Markdown (Spec Kit, BMAD, an issue template) gets its own criteria section and list style.
    const edit =
      context.backlog.format === "yaml"
        ? appendYamlCriteria(context.backlog, story, criterion)
        : layout?.shape && context.backlog.format === "markdown"
          ? shapeCriteriaEdit(layout)
          : layout?.headingDepth !== undefined && context.backlog.format === "markdown"
            ? {
                span: { start: layout.endOfEntry, end: layout.endOfEntry },
                newText: `${layout.eol}${layout.eol}${"#".repeat(Math.min(layout.headingDepth + 1, 6))} Acceptance criteria${layout.eol}${layout.eol}${layout.keyIndent}- ${criterion}`,
              }
            : layout?.criteriaAt
              ? { span: { start: layout.criteriaAt.offset, end: layout.criteriaAt.offset }, newText: layout.criteriaAt.prefix + criterion }
              : undefined;
    const fixes = edit ? [{ title: "Add an acceptance criterion", edits: [edit], safe: false }] : undefined;
    context.report({ messageId: "missing", span: anchor, storyIndex: story.index, ...(fixes && { fixes }) });
  },
});
