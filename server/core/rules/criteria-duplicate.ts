// A criterion written twice in one story tests nothing new and hides which copy was meant to change.
import type { Criterion } from "../model";
import { normalise, normalisedHash } from "../nlp/similarity";
import { perText } from "./helpers";
import { defineRule } from "./rule";

/** Scratch space for the hashes of one story's criteria (up to its length; longer lists skip the check). */
const HASHES = new Int32Array(16);

/**
 * Hashes and normal forms by criterion text, for the criteria that recur across a backlog and the thousands of a
 * `.feature` file's story that an edit did not touch (the text's own hash is already known to the engine by then,
 * so a lookup is cheaper than a read).
 */
const hashOfCriterion = perText(normalisedHash, 4096);
const normalForm = perText(normalise);

function twoHashAlike(criteria: readonly Criterion[]): boolean {
  for (let i = 0; i < criteria.length; i++) {
    const hash = hashOfCriterion(criteria[i]?.text ?? "");
    for (let j = 0; j < i; j++) if (HASHES[j] === hash) return true;
    HASHES[i] = hash;
  }
  return false;
}

export default defineRule({
  meta: {
    id: "criteria-duplicate",
    description: "Write each acceptance criterion of a story once.",
    source: "acceptance criteria",
    defaultSeverity: "warning",
    messages: {
      duplicate: "This criterion repeats an earlier one of the same story.",
    },
    fixable: false,
    defaultOptions: {},
  },
  checkStory(story, context) {
    // A duplicate needs two criteria that normalise alike, so that hash alike: most stories have none, and
    // then nothing is normalised or built.
    const criteria = story.acceptance;
    if (!criteria || criteria.length < 2 || (criteria.length <= HASHES.length && !twoHashAlike(criteria))) return;
    const seen = new Map<string, { start: number; end: number }>();
    for (const c of story.acceptance ?? []) {
      const key = normalForm(c.text);
      if (!key) continue;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, c.span);
        continue;
      }
      context.report({
        messageId: "duplicate",
        span: c.span,
        storyIndex: story.index,
        related: [{ span: first, message: "The first copy" }],
        unnecessary: true,
      });
    }
  },
});
