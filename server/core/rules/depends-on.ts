// INVEST "Independent": a dependsOn must name a story of this backlog, and dependencies must not go round in a cycle.
import { sourceOf, type Fix, type Story, type TextPart } from "../model";
import { editDistance } from "../nlp/similarity";
import { defineRule } from "./rule";
import { storyGroups } from "./story-groups";

const idOf = (story: Story): string | undefined => story.id?.text.trim();

export default defineRule({
  meta: {
    id: "depends-on",
    description: "Make dependsOn name stories that exist, without cycles.",
    source: "INVEST",
    defaultSeverity: "error",
    messages: {
      unknown: "No story has the id '{id}'.",
      unknownDidYouMean: "No story has the id '{id}': did you mean '{suggestion}'?",
      self: "A story cannot depend on itself.",
      cycle: "These stories depend on each other in a cycle ({cycle}): none of them can be done first.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkBacklog(backlog, context) {
    const byId = storyGroups(context, "ids", backlog.stories, idOf);
    const edges = new Map<number, { target: Story; ref: TextPart }[]>();
    for (const story of backlog.stories) {
      for (const ref of story.dependsOn ?? []) {
        const id = ref.text.trim();
        const target = byId.first(id);
        if (!target) {
          const suggestion = byId
            .entries()
            .map((e) => e.key)
            .filter((c) => c !== story.id?.text.trim())
            .map((c) => ({ c, d: editDistance(c.toLowerCase(), id.toLowerCase()) }))
            .sort((a, b) => a.d - b.d)[0];
          const near = suggestion && suggestion.d <= 2 ? suggestion.c : undefined;
          const verbatim = sourceOf(backlog).slice(ref.span.start, ref.span.end) === ref.text;
          const fixes: Fix[] | undefined =
            near && verbatim
              ? [{ title: `Change to '${near}'`, edits: [{ span: ref.span, newText: near }], safe: false, preferred: true }]
              : undefined;
          context.report({
            messageId: near ? "unknownDidYouMean" : "unknown",
            data: { id, suggestion: near ?? "" },
            span: ref.span,
            storyIndex: story.index,
            ...(fixes && { fixes }),
          });
          continue;
        }
        if (target.index === story.index) {
          context.report({ messageId: "self", span: ref.span, storyIndex: story.index });
          continue;
        }
        edges.set(story.index, [...(edges.get(story.index) ?? []), { target, ref }]);
      }
    }
    // Depth-first search; each cycle is reported once, on the reference that closes it.
    const state = new Map<number, "open" | "done">();
    const path: { story: Story; ref?: TextPart }[] = [];
    const visit = (story: Story): void => {
      state.set(story.index, "open");
      for (const { target, ref } of edges.get(story.index) ?? []) {
        const s = state.get(target.index);
        if (s === "open") {
          const from = path.findIndex((p) => p.story.index === target.index);
          const members = [...path.slice(from).map((p) => p.story), story];
          const names = [...members, target]
            .map((m) => m.id?.text ?? `story ${m.index + 1}`)
            .filter((n, i, all) => i === all.length - 1 || all.indexOf(n) === i);
          context.report({
            messageId: "cycle",
            data: { cycle: names.join(" -> ") },
            span: ref.span,
            storyIndex: story.index,
            related: members
              .filter((m) => m.index !== story.index)
              .map((m) => ({ span: m.id?.span ?? m.span, message: "Part of the cycle" })),
          });
        } else if (s === undefined) {
          path.push({ story, ref });
          visit(target);
          path.pop();
        }
      }
      state.set(story.index, "done");
    };
    // A search from a story without dependencies finds nothing: start only from those with some.
    for (const story of backlog.stories) if (edges.has(story.index) && !state.has(story.index)) visit(story);
  },
});
