// Backlog hygiene: every story has an id, and no two share one, so links, dependsOn and tools can name it.
import type { Fix, Story } from "../model";
import { defineRule, type RuleReport } from "./rule";
import { sharedWithWorkspace, storyGroups } from "./story-groups";

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

/**
 * Stories without an id, grouped under a key no id can have: ids are keyed by their trimmed text, which never
 * starts with a space (a key built with a prefix cost a new string per story, and hashing it, on every open).
 */
const MISSING = " ";
const idKey = (story: Story): string => (story.id ? story.id.text.trim() : MISSING);

export default defineRule({
  meta: {
    id: "story-id",
    description: "Give every story a unique id.",
    source: "file format",
    defaultSeverity: "warning",
    messages: {
      missing: "This story has no id while the others have one: add one, so that it can be referred to.",
      duplicate: "The id '{id}' is used by another story too: ids must be unique.",
      duplicateInWorkspace: "The id '{id}' is used in {file} too: ids must be unique across the workspace's backlog files.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkBacklog(backlog, context) {
    if (backlog.format === "plain") return;
    const groups = storyGroups(context, "ids", backlog.stories, idKey);
    const missing = groups.members(MISSING);
    // A backlog without any ids has chosen not to use them.
    if (groups.size === (missing.length > 0 ? 1 : 0)) return;
    const reports: { at: number; report: RuleReport }[] = [];
    // Only needed for a story without an id: reading every id's number is the costliest part of the pass.
    let next = missing.length > 0 ? nextId(backlog.stories) : undefined;
    for (const { story, at } of missing) {
      // The fix inserts an "id:" key as the entry's first key, in its indentation.
      let fixes: Fix[] | undefined;
      if (backlog.format === "yaml" && story.layout && !story.layout.flow && next && /^[\w.-]+$/.test(next)) {
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
      const report = {
        messageId: "missing",
        span: story.sentence?.span ?? story.title?.span ?? story.span,
        storyIndex: story.index,
        ...(fixes && { fixes }),
      };
      reports.push({ at, report });
    }
    for (const { story, at, first: twin } of groups.repeats(MISSING)) {
      const key = story.id?.text.trim() ?? "";
      reports.push({
        at,
        report: {
          messageId: "duplicate",
          data: { id: key },
          span: story.id?.span ?? story.span,
          storyIndex: story.index,
          related: [{ span: twin.id?.span ?? twin.span, message: `The first story with id '${key}'` }],
        },
      });
    }
    // The first story with an id another file uses too (the later ones are duplicates here already).
    const shared = sharedWithWorkspace(context, "shared", groups, (workspace, key) => (key === MISSING ? [] : workspace.withId(key)));
    for (const { key, at, others } of shared) {
      const story = backlog.stories[at];
      const [other] = others;
      if (!story || !other) continue;
      reports.push({
        at,
        report: {
          messageId: "duplicateInWorkspace",
          data: { id: key, file: other.file },
          span: story.id?.span ?? story.span,
          storyIndex: story.index,
          related: others.map((o) => ({ uri: o.uri, span: o.id?.span ?? o.span, message: `The story with id '${key}' in ${o.file}` })),
        },
      });
    }
    // In file order, as one pass over the stories would report them.
    reports.sort((a, b) => a.at - b.at);
    for (const { report } of reports) context.report(report);
  },
});
