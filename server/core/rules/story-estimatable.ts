// QUS "estimatable", INVEST "Small": a means like "manage all users" names an epic, too coarse to plan.
import { EPIC_QUANTIFIERS, EPIC_VERBS, phrasePattern } from "../nlp/word-lists";
import { perOptions } from "./helpers";
import { defineRule } from "./rule";

export interface EstimatableOptions {
  /** Verbs that name a whole area of work wherever they stand ("manage"). */
  readonly epicVerbs: readonly string[];
  /** Verbs that name an epic when a quantifier follows ("handle all"). */
  readonly quantifiedVerbs: readonly string[];
}

/** The verb lists as expressions, built once per configuration (shared: reset lastIndex before exec). */
const patternsOf = perOptions((o: EstimatableOptions) => ({
  epic: phrasePattern(o.epicVerbs),
  quantified: phrasePattern(o.quantifiedVerbs.flatMap((v) => EPIC_QUANTIFIERS.map((q) => `${v} ${q}`))),
}));

export default defineRule<EstimatableOptions>({
  meta: {
    id: "story-estimatable",
    description: "Ask for something small enough to estimate: 'manage users' is an epic, 'deactivate a user' is a story.",
    source: "QUS",
    defaultSeverity: "info",
    messages: {
      epic: "'{phrase}' names a whole area of work: split it into the concrete things the role does, so each can be estimated.",
    },
    fixable: false,
    defaultOptions: { epicVerbs: ["manage", "administer", "administrate"], quantifiedVerbs: EPIC_VERBS },
    optionsSchema: {
      type: "object",
      properties: {
        epicVerbs: { type: "array", items: { type: "string" }, description: "Verbs reported wherever they open the means." },
        quantifiedVerbs: { type: "array", items: { type: "string" }, description: "Verbs reported when 'all', 'every'... follows." },
      },
      additionalProperties: false,
    },
  },
  checkStory(story, context) {
    const means = story.sentence?.means;
    if (!means || !story.sentence?.role) return;
    const { epic, quantified } = patternsOf(context.options);
    // Only the means' opening verb decides: "manage" deep inside ("so the admin can manage it") is context.
    const head = /^(?:(?:be able to|also|easily|quickly|fully|centrally)\s+)*/i.exec(means.text)?.[0].length ?? 0;
    const opening = means.text.slice(head);
    for (const pattern of [quantified, epic]) {
      if (!pattern) continue;
      pattern.lastIndex = 0;
      const m = pattern.exec(opening);
      if (m && m.index === 0) {
        const start = means.span.start + head;
        context.report({ messageId: "epic", data: { phrase: m[0] }, span: { start, end: start + m[0].length }, storyIndex: story.index });
        return;
      }
    }
  },
});
