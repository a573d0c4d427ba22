// QUS "well-formed": a story names at least a role and a means ("As a <role>, I want <means>").
import type { Story } from "../model";
import { isPlaceholder } from "../nlp/placeholder";
import { hasSubject } from "../parse/story-sentence";
import { defineRule } from "./rule";

export default defineRule({
  meta: {
    id: "story-well-formed",
    description: "Write each story as 'As a <role>, I want <capability>'.",
    source: "QUS",
    defaultSeverity: "error",
    messages: {
      noSentence: "This story has no story sentence: write 'As a <role>, I want <capability>, so that <benefit>'.",
      noRole: "The story names no role: start it with 'As a <role>, ...'.",
      noMeans: "The story names no capability: say what the role wants ('I want to ...').",
      noRoleNoMeans: "The story follows no template: write 'As a <role>, I want <capability>, so that <benefit>'.",
      noSubject: "'{phrase}' has no subject: write 'I {phrase}', so that the role is the one who wants it.",
      placeholderRole: "'{part}' is a placeholder, not a role: say who wants this ('As a returning customer, ...').",
      placeholderMeans: "'{part}' is a placeholder, not a capability: say what the role wants ('I want to ...').",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkStory(story: Story, context) {
    const sentence = story.sentence;
    if (!sentence || sentence.text === "") {
      const anchor = story.id?.span ?? story.title?.span ?? story.span;
      context.report({ messageId: "noSentence", span: anchor, storyIndex: story.index });
      return;
    }
    const hasRole = sentence.role !== undefined;
    const hasMeans = sentence.means !== undefined;
    // "As a manager, would like to ...": the means is there, only its subject is missing.
    const marker = sentence.meansMarker;
    if (marker && !hasSubject(marker)) {
      const at = marker.span.start;
      context.report({
        messageId: "noSubject",
        data: { phrase: marker.text },
        span: marker.span,
        storyIndex: story.index,
        fixes: [{ title: `Write 'I ${marker.text}'`, edits: [{ span: { start: at, end: at }, newText: "I " }], safe: true }],
      });
      return;
    }
    if (hasRole && hasMeans) {
      // "As a <role>, I want TBD": the template is there, a part is not written yet. Each unfilled part is reported
      // as missing, so that a placeholder a fix inserted does not pass for a story.
      for (const [messageId, part] of [
        ["placeholderRole", sentence.role],
        ["placeholderMeans", sentence.means],
      ] as const) {
        if (part && isPlaceholder(part.text))
          context.report({ messageId, data: { part: part.text }, span: part.span, storyIndex: story.index });
      }
      return;
    }
    const messageId = !hasRole && !hasMeans ? "noRoleNoMeans" : !hasRole ? "noRole" : "noMeans";
    // Only a missing role marker has one obvious fix: the template's opening words.
    const fixes =
      !sentence.roleMarker && hasMeans
        ? [
            {
              title: "Insert 'As a <role>, ' before the story",
              edits: [{ span: { start: sentence.span.start, end: sentence.span.start }, newText: "As a <role>, " }],
              safe: false,
            },
          ]
        : undefined;
    context.report({ messageId, span: sentence.span, storyIndex: story.index, ...(fixes && { fixes }) });
  },
});
