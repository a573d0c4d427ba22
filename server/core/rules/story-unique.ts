// QUS "unique": no two stories ask the same thing; near-duplicates point at their twin.
import { sourceOf, type Backlog, type Fix, type Story, type TextEdit } from "../model";
import { lineStartAt, nextLineStartAt } from "../parse/text-lines";
import { yamlScalar } from "../parse/yaml/scalar";
import { requestKey, requestStems, typoDistance } from "../nlp/similarity";
import { deleteStoryEdit, eolOf, perStory, storyLabel } from "./helpers";
import { defineRule } from "./rule";
import { sharedWithWorkspace, storyGroups } from "./story-groups";

export interface UniqueOptions {
  /** Also report stories with the same content words in another order or inflection, or with one typo. */
  readonly nearDuplicates: boolean;
  /** Hint at a story with the same means as an earlier one for another role. */
  readonly otherRole: boolean;
}

/**
 * Beyond this many stories only exact duplicates are looked for. The near-duplicate search used to compare
 * every pair; it now uses an index, but the limit is kept so that large backlogs get the same findings.
 */
const MAX_STORIES_FOR_NEAR = 2000;

/** What the rule reads from one story, derived once per story object (texts only, see `perStory`). */
interface StoryKeys {
  /** Normalised role and means: equal for exact duplicates. */
  readonly sentence: string | undefined;
  /** Normalised means alone: equal for the same request by another role. */
  readonly means: string | undefined;
}

const keysOf = perStory((story): StoryKeys => {
  const s = story.sentence;
  const means = s?.role && s.means ? requestKey(s.means.text) : undefined;
  return {
    // storyRequestKey's key, as the workspace index gives other files' stories, so that duplicates match across files.
    sentence: s?.role && means !== undefined ? `${requestKey(s.role.text)}|${means}` : undefined,
    means,
  };
});

/** The normalised benefit: read only for a story that has a twin. */
const endsKey = (story: Story): string => requestKey(story.sentence?.ends?.text ?? "");

/** Whether two benefits hold the same content stems, in any order: the same reason written differently. */
const sameStems = (a: Story, b: Story): boolean => {
  const [x, y] = [new Set(requestStems(a.sentence?.ends?.text ?? "")), new Set(requestStems(b.sentence?.ends?.text ?? ""))];
  return x.size > 0 && x.size === y.size && [...x].every((w) => y.has(w));
};

const sentenceKey = (story: Story): string | undefined => keysOf(story).sentence;
const meansKey = (story: Story): string | undefined => keysOf(story).means;

/** The distinct content stems of the role and of the means, apart: the means' are compared without context words. */
const roleStemsOf = perStory((s): readonly string[] => [...new Set(requestStems(s.sentence?.role?.text ?? ""))]);
const meansStemsOf = perStory((s): readonly string[] => [...new Set(requestStems(s.sentence?.means?.text ?? ""))]);

/**
 * Words that say where or with what rather than what (QUS-LABELS.md: "the same request in other words"): "use
 * ALFRED to pay" and "pay", "restore the package via cli" and "undelete the package" ask for one thing. Written as
 * words and read through `requestStems`, so that each is the stem a means holds ("online" is "onlin", "mobile" is
 * "phon").
 */
const CONTEXT_STEMS = new Set(
  requestStems(
    "use app application system online automatic automatically mobile phone web site website portal via cli ui interface easily quickly dashboard screen page",
  ),
);

/** A stem set as one map key; stems hold no NUL, and the count keeps [] and [""] apart. */
const keyOf = (stems: readonly string[]): string => `${stems.length}\u0000${stems.join("\u0000")}`;

/**
 * One misspelt word: one edit (a swap of two letters counts as one) in a word of at least 5 letters, two in one of
 * at least 9. "agent" / "event" (two edits in five letters) are two words.
 */
const isTypo = (x: string, y: string): boolean => {
  const shorter = Math.min(x.length, y.length);
  return shorter >= 5 && typoDistance(x, y) <= (shorter >= 9 ? 2 : 1);
};

/**
 * Entries with more stems than this are matched exactly, not one typo away: the typo index holds one key per
 * stem, each as long as the entry, which costs the square of its length (a pasted 1 MB "story" of 80,000 words
 * held the server for minutes). Real story parts have a few dozen stems.
 */
const TYPO_STEMS_MAX = 64;

/**
 * Earlier stories by their stem set, and by each stem set with one stem left out, so that a story finds the
 * first earlier one with the same stems or one typo away without comparing every pair.
 */
class NearIndex {
  private readonly exact = new Map<string, number>();
  private readonly lessOne = new Map<string, { readonly at: number; readonly left: string }[]>();

  /** The position of the first earlier entry with the same number of stems that equal these or one typo away. */
  first(stems: readonly string[]): number | undefined {
    let best = this.exact.get(keyOf(stems));
    if (stems.length > TYPO_STEMS_MAX) return best;
    stems.forEach((word, k) => {
      for (const other of this.lessOne.get(without(stems, k)) ?? []) {
        if (best !== undefined && other.at >= best) break;
        if (other.left === word || isTypo(word, other.left)) {
          best = other.at;
          break;
        }
      }
    });
    return best;
  }

  add(stems: readonly string[], at: number): void {
    const key = keyOf(stems);
    if (!this.exact.has(key)) this.exact.set(key, at);
    if (stems.length > TYPO_STEMS_MAX) return;
    stems.forEach((left, k) => {
      const reduced = without(stems, k);
      const list = this.lessOne.get(reduced);
      if (list) list.push({ at, left });
      else this.lessOne.set(reduced, [{ at, left }]);
    });
  }
}

const without = (stems: readonly string[], k: number): string => keyOf([...stems.slice(0, k), ...stems.slice(k + 1)]);

/**
 * The fixes of a story that repeats an earlier one: delete it, keeping the twin; and, in a YAML backlog whose twin
 * lists its criteria one per line, merge it into the twin: the criteria only it has are added to the twin's list
 * (in its indentation and style) and the story is deleted. Neither is safe: which of two stories stays is the team's.
 */
function duplicateFixes(backlog: Backlog, story: Story, twin: Story): Fix[] | undefined {
  const deletion = deleteStoryEdit(backlog, story);
  if (!deletion) return undefined;
  const keep = twin.id ? twin.id.text : `'${storyLabel(twin)}'`;
  const fixes: Fix[] = [{ title: `Delete this duplicate (keep ${keep})`, edits: [deletion], safe: false }];
  const theirs = new Set((twin.acceptance ?? []).map((c) => requestKey(c.text)));
  const added = (story.acceptance ?? []).filter((c) => c.text.trim() !== "" && !theirs.has(requestKey(c.text)));
  const last = twin.acceptance?.[twin.acceptance.length - 1];
  if (backlog.format === "yaml" && added.length > 0 && last && !twin.layout?.flow) {
    const source = sourceOf(backlog);
    const prefix = source.slice(lineStartAt(source, last.span.start), last.span.start);
    if (/^[ ]*- $/.test(prefix)) {
      const at = nextLineStartAt(source, Math.max(last.span.start, last.span.end - 1));
      const eol = eolOf(backlog);
      // The twin's last line may end the file without a line break: the new lines then start with one.
      const lead = source.slice(at - 1, at) === "\n" ? "" : eol;
      const lines = lead + added.map((c) => `${prefix}${yamlScalar(c.text)}${eol}`).join("");
      const insert: TextEdit = { span: { start: at, end: at }, newText: lines };
      const edits: TextEdit[] = at === deletion.span.start ? [{ span: deletion.span, newText: lines }] : [insert, deletion];
      fixes.unshift({
        title: `Merge into ${keep} (its ${added.length === 1 ? "criterion" : "criteria"} added there)`,
        edits,
        safe: false,
        preferred: true,
      });
    }
  }
  return fixes;
}

export default defineRule<UniqueOptions>({
  meta: {
    id: "story-unique",
    description: "Write each story once: merge duplicates and near-duplicates.",
    source: "QUS",
    defaultSeverity: "warning",
    messages: {
      duplicate: "This story asks the same as {twin}: merge the two, or say what differs.",
      sameMeans: "This story asks for the same as {twin}, with another benefit: merge them into one story with both reasons.",
      otherRole: "The same request as {twin}, for another role ('{role}'): write one story for both roles, or say what differs for each.",
      nearDuplicate: "This story is almost the same as {twin}: merge the two, or make the difference explicit.",
      twin: "the story it duplicates",
      duplicateInWorkspace: "This story asks the same as {twin} in {file}: merge the two, or say what differs.",
    },
    fixable: true,
    defaultOptions: { nearDuplicates: true, otherRole: true },
    optionsSchema: {
      type: "object",
      properties: {
        nearDuplicates: { type: "boolean", description: "Report reworded and misspelt duplicates too, not only exact ones." },
        otherRole: {
          type: "boolean",
          description: "Hint at the same means written for another role (as a hint, below the rule's severity).",
        },
      },
      additionalProperties: false,
    },
  },
  checkBacklog(backlog, context) {
    const reported = new Set<number>();
    const sentences = storyGroups(context, "sentences", backlog.stories, sentenceKey);
    for (const { story, first: twin } of sentences.repeats()) {
      if (!story.sentence) continue;
      reported.add(story.index);
      // Only two different benefits are "another benefit"; one story without any is the same request.
      // Benefits with the same content words ("so that I can't wait" / "so that I cannot wait") are one benefit too.
      const [ends, twinEnds] = [endsKey(story), endsKey(twin)];
      const sameEnds = ends === twinEnds || ends === "" || twinEnds === "" || sameStems(story, twin);
      const fixes = duplicateFixes(backlog, story, twin);
      context.report({
        messageId: sameEnds ? "duplicate" : "sameMeans",
        data: { twin: storyLabel(twin) },
        span: story.sentence.span,
        storyIndex: story.index,
        related: [{ span: twin.sentence?.span ?? twin.span, message: "The story it duplicates" }],
        ...(fixes && { fixes }),
      });
    }
    for (const { at, others } of sharedWithWorkspace(context, "shared", sentences, (workspace, key) => workspace.withRequest(key))) {
      const story = backlog.stories[at];
      const [other] = others;
      if (!story?.sentence || !other || reported.has(story.index)) continue;
      reported.add(story.index);
      context.report({
        messageId: "duplicateInWorkspace",
        data: { twin: other.id?.text ?? `'${(other.sentence?.text ?? "").slice(0, 40)}'`, file: other.file },
        span: story.sentence.span,
        storyIndex: story.index,
        related: others.map((o) => ({ uri: o.uri, span: o.sentence?.span ?? o.span, message: `The story it duplicates, in ${o.file}` })),
      });
    }
    // The same means for another role: often meant, sometimes a story to merge; a hint, below the rule's severity.
    const otherRoles = context.options.otherRole ? storyGroups(context, "means", backlog.stories, meansKey).repeats() : [];
    for (const { story, first: twin } of otherRoles) {
      if (!story.sentence || reported.has(story.index) || sentenceKey(story) === sentenceKey(twin)) continue;
      reported.add(story.index);
      context.report({
        messageId: "otherRole",
        data: { twin: storyLabel(twin), role: twin.sentence?.role?.text ?? "" },
        span: story.sentence.span,
        storyIndex: story.index,
        atMost: "hint",
        related: [{ span: twin.sentence?.span ?? twin.span, message: "The story with the same means" }],
      });
    }
    const candidate = (s: Story): boolean => s.sentence?.means !== undefined && s.sentence.role !== undefined;
    if (!context.options.nearDuplicates) return;
    // Counted before the list is made: a large backlog skips this on every keystroke, with nothing built.
    let count = 0;
    for (const s of backlog.stories) if (candidate(s) && ++count > MAX_STORIES_FOR_NEAR) return;
    const candidates = backlog.stories.filter(candidate);
    // Near-duplicates ask for the same thing in other words: the same content words, in any order and
    // inflection, or with one word misspelt. Stories that differ in one real word ("into R" / "into Excel")
    // are a family of stories, not duplicates. Each story's twin is the first earlier such story.
    const index = new NearIndex();
    candidates.forEach((story, i) => {
      const means = meansStemsOf(story).filter((w) => !CONTEXT_STEMS.has(w));
      const stems = [...new Set([...roleStemsOf(story), ...means])].sort();
      // At least two words of the request itself: "pay" alone is not compared.
      const twin = means.length >= 2 && story.sentence && !reported.has(story.index) ? index.first(stems) : undefined;
      index.add(stems, i);
      const twinStory = twin === undefined ? undefined : candidates[twin];
      if (!twinStory || !story.sentence) return;
      reported.add(story.index);
      context.report({
        messageId: "nearDuplicate",
        data: { twin: storyLabel(twinStory) },
        span: story.sentence.span,
        storyIndex: story.index,
        related: [{ span: twinStory.sentence?.span ?? twinStory.span, message: "The story it nearly duplicates" }],
      });
    });
  },
});
