// Scrum Guide 2020: the Sprint Goal is the commitment of the Sprint Backlog; a declared sprint without one lacks its focus.
import { sourceOf, type Backlog, type Fix, type SprintInfo } from "../model";
import { lineStartAt } from "../parse/text-lines";
import { eolOf } from "./helpers";
import { defineRule } from "./rule";

/** Adds "goal: <Sprint Goal>" as the sprint section's last key, indented like its first key (block mappings only). */
function addGoalFix(backlog: Backlog, sprint: SprintInfo): Fix | undefined {
  // Read through the source around the section: the whole text need not be made into one string for this.
  const source = sourceOf(backlog);
  const lineStart = lineStartAt(source, sprint.span.start);
  const indent = source.slice(lineStart, sprint.span.start);
  // A flow mapping ("sprint: {length: 2 weeks}") or a key that does not start its line gets no fix.
  if (!/^[ \t]*$/.test(indent) || source.startsWith("{", sprint.span.start)) return undefined;
  const section = source.slice(sprint.span.start, sprint.span.end);
  const end = sprint.span.start + section.trimEnd().length;
  return {
    title: "Add a Sprint Goal",
    edits: [{ span: { start: end, end }, newText: `${eolOf(backlog)}${indent}goal: <Sprint Goal>` }],
    safe: false,
    preferred: true,
  };
}

export default defineRule({
  meta: {
    id: "sprint-goal-missing",
    description: "Give the declared sprint a Sprint Goal: the single objective the Sprint serves.",
    source: "Scrum Guide",
    defaultSeverity: "warning",
    messages: {
      missing: "The sprint has no Sprint Goal: add 'goal:' with the single objective this Sprint serves (it is set at Sprint Planning).",
      empty: "The Sprint Goal is empty: say what single objective this Sprint serves.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkBacklog(backlog, context) {
    const sprint = backlog.sprint;
    if (!sprint) return;
    if (sprint.goal) {
      if (sprint.goal.text.trim() === "") context.report({ messageId: "empty", span: sprint.goal.span });
      return;
    }
    // The whole section would underline many lines: point at its first one.
    const firstLineEnd = sourceOf(backlog).slice(sprint.span.start, sprint.span.end).search(/\r?\n/);
    const span = firstLineEnd > 0 ? { start: sprint.span.start, end: sprint.span.start + firstLineEnd } : sprint.span;
    const fix = addGoalFix(backlog, sprint);
    context.report({ messageId: "missing", span, ...(fix && { fixes: [fix] }) });
  },
});
