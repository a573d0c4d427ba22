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
    // Words every benefit uses ("do", "have", "use") carry no reason; what is left must be new.
    const ends = contentStems(sentence.ends.text).filter((w) => !EMPTY_VERBS.has(w));
    if (ends.length === 0) return;
    // A stem is the start of its word, so a stem of the means is found in its lower-cased text: a benefit
    // word not found there is new, and the means' stems need not be read (most stories stop here).
    const meansText = sentence.means.text.toLowerCase();
    if (!ends.every((w) => meansText.includes(w))) return;
    // A means has a few words: a list is searched as fast as a set is built.
    const means = contentStems(sentence.means.text);
    if (means.length > 0 && ends.every((w) => means.includes(w))) {
      context.report({ messageId: "restates", span: sentence.ends.span, storyIndex: story.index });
    }
  },
});
