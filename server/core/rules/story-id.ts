// Backlog hygiene: every story has an id, and no two share one, so links, dependsOn and tools can name it.
import type { Fix, Story } from "../model";
import { defineRule } from "./rule";

/** The next id in the backlog's own numbering: the most common prefix, one past its highest number. */
function nextId(stories: readonly Story[]): string | undefined {
  const byPrefix = new Map<string, { count: number; max: number; width: number }>();
  for (const s of stories) {
    const m = /^(.*?)(\d+)$/.exec(s.id?.text ?? "");
    if (!m) continue;
    const prefix = m[1] ?? "";
    const digits = m[2] ?? "0";
    const entry = byPrefix.get(prefix) ?? { count: 0, max: 0, width: digits.length };
    entry.count++;
    entry.max = Math.max(entry.max, Number(digits));
    byPrefix.set(prefix, entry);
  }
  const best = [...byPrefix.entries()].sort((a, b) => b[1].count - a[1].count)[0];
  if (!best) return undefined;
  return `${best[0]}${String(best[1].max + 1).padStart(best[1].width, "0")}`;
}

export default defineRule({
  meta: {
    id: "story-id",
    description: "Give every story a unique id.",
    source: "file format",
    defaultSeverity: "warning",
    messages: {
      missing: "This story has no id while the others have one: add one, so that it can be referred to.",
      duplicate: "The id '{id}' is used by another story too: ids must be unique.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkBacklog(backlog, context) {
    // A plain list has no ids at all; a backlog without any ids has chosen not to use them.
    if (backlog.format === "plain" || !backlog.stories.some((s) => s.id)) return;
    const seen = new Map<string, Story>();
    // Only needed for a story without an id: reading every id's number is the costliest part of the pass.
    let next: string | undefined;
    let nextKnown = false;
    for (const story of backlog.stories) {
      if (!story.id) {
        if (!nextKnown) {
          next = nextId(backlog.stories);
          nextKnown = true;
        }
        // The fix inserts an "id:" key as the entry's first key, in its indentation.
        let fixes: Fix[] | undefined;
        if (backlog.format === "yaml" && story.layout && next && /^[\w.-]+$/.test(next)) {
          fixes = [
            {
              title: `Add the id '${next}'`,
              edits: [
                {
                  span: { start: story.span.start, end: story.span.start },
                  newText: `id: ${next}${story.layout.eol}${story.layout.keyIndent}`,
                },
              ],
              safe: false,
            },
          ];
          next = nextId([...backlog.stories, { index: -1, span: story.span, id: { text: next, span: story.span } }]);
        }
        context.report({
          messageId: "missing",
          span: story.sentence?.span ?? story.title?.span ?? story.span,
          storyIndex: story.index,
          ...(fixes && { fixes }),
        });
        continue;
      }
      const key = story.id.text.trim();
      const twin = seen.get(key);
      if (!twin) {
        seen.set(key, story);
        continue;
      }
      context.report({
        messageId: "duplicate",
        data: { id: key },
        span: story.id.span,
        storyIndex: story.index,
        related: [{ span: twin.id?.span ?? twin.span, message: `The first story with id '${key}'` }],
      });
    }
  },
});
