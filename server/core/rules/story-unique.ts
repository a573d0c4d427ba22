// QUS "unique": no two stories ask the same thing; near-duplicates point at their twin.
import { sourceOf, type Backlog, type Fix, type Story, type TextEdit } from "../model";
import { lineStartAt, nextLineStartAt } from "../parse/text-lines";
import { yamlScalar } from "../parse/yaml/scalar";
import { requestKey, requestStems } from "../nlp/similarity";
import { deleteStoryEdit, eolOf, perStory, storyLabel } from "./helpers";
import { defineRule, type RuleContext } from "./rule";
import { sharedWithWorkspace, storyGroups } from "./story-groups";
import { NearTwins, type NearEntry } from "./near-twins";

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
  /** Normalised role: stories of the same means and role are duplicates, not the "another role" hint. */
  readonly role: string | undefined;
  /** Normalised role and means: equal for exact duplicates. */
  readonly sentence: string | undefined;
  /** Normalised means alone: equal for the same request by another role. */
  readonly means: string | undefined;
}

const keysOf = perStory((story): StoryKeys => {
  const s = story.sentence;
  const means = s?.role && s.means ? requestKey(s.means.text) : undefined;
  const role = means !== undefined && s?.role ? requestKey(s.role.text) : undefined;
  return {
    role,
    // storyRequestKey's key, as the workspace index gives other files' stories, so that duplicates match across files.
    sentence: role !== undefined ? `${role}|${means}` : undefined,
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

/** The means' content stems without context words, for a story with a role and a means; read once per story. */
const requestStemsOf = perStory((story): readonly string[] | undefined =>
  story.sentence?.means === undefined || story.sentence.role === undefined
    ? undefined
    : meansStemsOf(story).filter((w) => !CONTEXT_STEMS.has(w)),
);

/**
 * What a story is compared by for near-duplicates: its role's and means' content stems (the means' without context
 * words); it looks for a twin when its means has at least two words of the request itself ("pay" alone is not
 * compared). Undefined for a story without a role or a means.
 */
const nearEntry = perStory((story): NearEntry | undefined => {
  const means = requestStemsOf(story);
  return means && { stems: [...new Set([...roleStemsOf(story), ...means])].sort(), seeks: means.length >= 2 };
});

/** The same, by the means alone: a story's first earlier one whose means is the same request, for any role. */
const nearMeansEntry = perStory((story): NearEntry | undefined => {
  const means = requestStemsOf(story);
  return means && { stems: [...means].sort(), seeks: means.length >= 2 };
});

/** The rule's index of near twins by `entryOf`, kept in its memory under `key` between runs. */
function nearTwins(context: RuleContext<UniqueOptions>, key: string, entryOf: (story: Story) => NearEntry | undefined): NearTwins {
  const known = context.memory?.get(key);
  const index = known instanceof NearTwins ? known : new NearTwins(entryOf);
  context.memory?.set(key, index);
  return index;
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
    const hintOtherRole = (story: Story, twin: Story): void => {
      if (!story.sentence || reported.has(story.index) || keysOf(story).role === keysOf(twin).role) return;
      reported.add(story.index);
      context.report({
        messageId: "otherRole",
        data: { twin: storyLabel(twin), role: twin.sentence?.role?.text ?? "" },
        span: story.sentence.span,
        storyIndex: story.index,
        atMost: "hint",
        related: [{ span: twin.sentence?.span ?? twin.span, message: "The story with the same means" }],
      });
    };
    for (const { story, first: twin } of otherRoles) hintOtherRole(story, twin);
    const candidate = (s: Story): boolean => s.sentence?.means !== undefined && s.sentence.role !== undefined;
    if (!context.options.nearDuplicates) return;
    // Counted first: a large backlog skips this on every keystroke.
    let count = 0;
    for (const s of backlog.stories) if (candidate(s) && ++count > MAX_STORIES_FOR_NEAR) return;
    // Near-duplicates ask for the same thing in other words: the same content words, in any order and
    // inflection, or with one word misspelt. Stories that differ in one real word ("into R" / "into Excel")
    // are a family of stories, not duplicates. Each story's twin is the first earlier such story.
    nearTwins(context, "near", nearEntry)
      .update(backlog.stories)
      .forEach((twin, at) => {
        const story = backlog.stories[at];
        const twinStory = twin === undefined ? undefined : backlog.stories[twin];
        if (!twinStory || !story?.sentence || reported.has(story.index)) return;
        reported.add(story.index);
        context.report({
          messageId: "nearDuplicate",
          data: { twin: storyLabel(twinStory) },
          span: story.sentence.span,
          storyIndex: story.index,
          related: [{ span: twinStory.sentence?.span ?? twinStory.span, message: "The story it nearly duplicates" }],
        });
      });
    // The same request in other words for another role ("include details about me in my profile" / "include details
    // in my profile about me"): the hint above, found as near-duplicates are.
    if (!context.options.otherRole) return;
    nearTwins(context, "nearMeans", nearMeansEntry)
      .update(backlog.stories)
      .forEach((twin, at) => {
        const story = backlog.stories[at];
        const twinStory = twin === undefined ? undefined : backlog.stories[twin];
        if (story && twinStory) hintOtherRole(story, twinStory);
      });
  },
});
