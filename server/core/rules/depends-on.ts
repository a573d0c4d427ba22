// INVEST "Independent": a dependsOn must name a story of this backlog (or of another backlog file of the workspace),
// and dependencies must not go round in a cycle.
import { sourceOf, type Fix, type Story, type TextPart } from "../model";
import { editDistance } from "../nlp/similarity";
import { defineRule } from "./rule";
import { storyGroups, type StoryGroups } from "./story-groups";

const idOf = (story: Story): string | undefined => story.id?.text.trim();

/**
 * The id at most two edits from an unknown reference (not the referring story's own), for "did you mean". Ranking
 * every id for each unknown reference on every keystroke was half of a keystroke on 1,000 stories: the answers are
 * kept in the rule's memory until an id comes or goes.
 */
/**
 * The id nearest to an unknown one (at most two edits away), and whether it is the only one that near: then the
 * fix is a typo's and safe for Fix all; with two equally near ids the choice is the team's.
 */
function nearestId(
  memory: Map<string, unknown> | undefined,
  byId: StoryGroups,
  id: string,
  own: string | undefined,
): { readonly id: string; readonly only: boolean } | undefined {
  const known = memory?.get("nearest") as { revision: number; answers: Map<string, { id: string; only: boolean } | undefined> } | undefined;
  const cache =
    known?.revision === byId.keySetRevision
      ? known
      : { revision: byId.keySetRevision, answers: new Map<string, { id: string; only: boolean } | undefined>() };
  memory?.set("nearest", cache);
  const key = `${own ?? ""}\u0000${id}`;
  if (cache.answers.has(key)) return cache.answers.get(key);
  let best: { c: string; d: number; ties: number } | undefined;
  const wanted = id.toLowerCase();
  for (const { key: c } of byId.entries()) {
    if (c === own) continue;
    const d = editDistance(c.toLowerCase(), wanted);
    if (!best || d < best.d) best = { c, d, ties: 1 };
    else if (d === best.d) best.ties++;
  }
  const near = best && best.d <= 2 ? { id: best.c, only: best.ties === 1 } : undefined;
  cache.answers.set(key, near);
  return near;
}

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
        // A story of another backlog file of the workspace: known, though cycles are followed within a file only.
        if (!target && (context.workspace?.withId(id).length ?? 0) > 0) continue;
        if (!target) {
          const near = nearestId(context.memory, byId, id, story.id?.text.trim());
          const verbatim = sourceOf(backlog).slice(ref.span.start, ref.span.end) === ref.text;
          const fixes: Fix[] | undefined =
            near && verbatim
              ? [{ title: `Change to '${near.id}'`, edits: [{ span: ref.span, newText: near.id }], safe: near.only, preferred: true }]
              : undefined;
          context.report({
            messageId: near ? "unknownDidYouMean" : "unknown",
            data: { id, suggestion: near?.id ?? "" },
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
