// QUS "conceptually sound": the benefit says why, so a benefit that only repeats the means adds nothing.
import { contentStems } from "../nlp/similarity";
import { defineRule } from "./rule";

/** Words every benefit uses ("do", "have", "use") carry no reason. */
const EMPTY_VERBS: ReadonlySet<string> = new Set(["do", "have", "use", "get", "need", "want", "make", "will", "would"]);

export default defineRule({
  meta: {
    id: "story-benefit-restates",
    description: "Give a benefit that says why, not one that repeats what the story asks for.",
    source: "QUS",
    defaultSeverity: "warning",
    messages: {
      restates: "The benefit only repeats the means: say what having it lets the role achieve.",
    },
    fixable: false,
    defaultOptions: {},
  },
  checkStory(story, context) {
    const sentence = story.sentence;
    if (!sentence?.means || !sentence.ends) return;
    // A means has a few words: a list is searched as fast as a set is built.
    const means = contentStems(sentence.means.text);
    if (means.length === 0) return;
    // Words every benefit uses ("do", "have", "use") carry no reason; what is left must be new.
    let ends = 0;
    for (const w of contentStems(sentence.ends.text)) {
      if (EMPTY_VERBS.has(w)) continue;
      if (!means.includes(w)) return;
      ends++;
    }
    if (ends > 0) {
      context.report({ messageId: "restates", span: sentence.ends.span, storyIndex: story.index });
    }
  },
});
