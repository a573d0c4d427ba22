// Scrum Guide 2020: the Sprint Goal is the commitment of the Sprint Backlog; a declared sprint without one lacks its focus.
import type { Backlog, Fix, SprintInfo } from "../model";
import { defineRule } from "./rule";

/** Adds "goal: <Sprint Goal>" as the sprint section's last key, indented like its first key (block mappings only). */
function addGoalFix(backlog: Backlog, sprint: SprintInfo): Fix | undefined {
  const text = backlog.text;
  const lineStart = text.lastIndexOf("\n", sprint.span.start - 1) + 1;
  const indent = text.slice(lineStart, sprint.span.start);
  // A flow mapping ("sprint: {length: 2 weeks}") or a key that does not start its line gets no fix.
  if (!/^[ \t]*$/.test(indent) || text[sprint.span.start] === "{") return undefined;
  let end = sprint.span.end;
  while (end > sprint.span.start && /\s/.test(text[end - 1] ?? "")) end--;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return {
    title: "Add a Sprint Goal",
    edits: [{ span: { start: end, end }, newText: `${eol}${indent}goal: <Sprint Goal>` }],
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
    const firstLineEnd = backlog.text.slice(sprint.span.start, sprint.span.end).search(/\r?\n/);
    const span = firstLineEnd > 0 ? { start: sprint.span.start, end: sprint.span.start + firstLineEnd } : sprint.span;
    const fix = addGoalFix(backlog, sprint);
    context.report({ messageId: "missing", span, ...(fix && { fixes: [fix] }) });
  },
});
