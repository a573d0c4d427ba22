// QUS "unique": no two stories ask the same thing; near-duplicates point at their twin.
import type { Story } from "../model";
import { contentStems, editDistance, normalise } from "../nlp/similarity";
import { storyLabel } from "./helpers";
import { defineRule } from "./rule";

export interface UniqueOptions {
  /** Also report stories with the same content words in another order or inflection, or with one typo. */
  readonly nearDuplicates: boolean;
}

/** Pairwise comparison is quadratic: beyond this many stories only exact duplicates are looked for. */
const MAX_STORIES_FOR_NEAR = 2000;

const sentenceKey = (story: Story): string | undefined => {
  const s = story.sentence;
  return s?.role && s.means ? `${normalise(s.role.text)}|${normalise(s.means.text)}` : undefined;
};

export default defineRule<UniqueOptions>({
  meta: {
    id: "story-unique",
    description: "Write each story once: merge duplicates and near-duplicates.",
    source: "QUS",
    defaultSeverity: "warning",
    messages: {
      duplicate: "This story asks the same as {twin}: merge the two, or say what differs.",
      sameMeans: "This story asks for the same as {twin}, with another benefit: merge them into one story with both reasons.",
      nearDuplicate: "This story is almost the same as {twin}: merge the two, or make the difference explicit.",
      twin: "the story it duplicates",
    },
    fixable: false,
    defaultOptions: { nearDuplicates: true },
    optionsSchema: {
      type: "object",
      properties: { nearDuplicates: { type: "boolean", description: "Report reworded and misspelt duplicates too, not only exact ones." } },
      additionalProperties: false,
    },
  },
  checkBacklog(backlog, context) {
    const first = new Map<string, Story>();
    const reported = new Set<number>();
    for (const story of backlog.stories) {
      const key = sentenceKey(story);
      if (!key || !story.sentence) continue;
      const twin = first.get(key);
      if (!twin) {
        first.set(key, story);
        continue;
      }
      reported.add(story.index);
      const sameEnds = normalise(story.sentence.ends?.text ?? "") === normalise(twin.sentence?.ends?.text ?? "");
      context.report({
        messageId: sameEnds ? "duplicate" : "sameMeans",
        data: { twin: storyLabel(twin) },
        span: story.sentence.span,
        storyIndex: story.index,
        related: [{ span: twin.sentence?.span ?? twin.span, message: "The story it duplicates" }],
      });
    }
    const candidates = backlog.stories.filter((s) => s.sentence?.means && s.sentence.role);
    if (candidates.length > MAX_STORIES_FOR_NEAR || !context.options.nearDuplicates) return;
    // Near-duplicates ask for the same thing in other words: the same content words, in any order and
    // inflection, or with one word misspelt. Stories that differ in one real word ("into R" / "into Excel")
    // are a family of stories, not duplicates.
    const keys = candidates.map((s) =>
      [...new Set(contentStems(`${s.sentence?.role?.text ?? ""} ${s.sentence?.means?.text ?? ""}`))].sort(),
    );
    for (let i = 0; i < candidates.length; i++) {
      const story = candidates[i];
      const a = keys[i] ?? [];
      if (!story?.sentence || reported.has(story.index) || a.length < 2) continue;
      for (let j = 0; j < i; j++) {
        const twin = candidates[j];
        const b = keys[j] ?? [];
        if (!twin || Math.abs(a.length - b.length) > 0) continue;
        const onlyA = a.filter((w) => !b.includes(w));
        const onlyB = b.filter((w) => !a.includes(w));
        const typo =
          onlyA.length === 1 &&
          onlyB.length === 1 &&
          Math.min(onlyA[0]?.length ?? 0, onlyB[0]?.length ?? 0) >= 5 &&
          editDistance(onlyA[0] ?? "", onlyB[0] ?? "") <= 2;
        if (onlyA.length > 0 && !typo) continue;
        reported.add(story.index);
        context.report({
          messageId: "nearDuplicate",
          data: { twin: storyLabel(twin) },
          span: story.sentence.span,
          storyIndex: story.index,
          related: [{ span: twin.sentence?.span ?? twin.span, message: "The story it nearly duplicates" }],
        });
        break;
      }
    }
  },
});
