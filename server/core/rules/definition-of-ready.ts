// A story marked ready meets the team's Definition of Ready (a team practice, not in the Scrum Guide): criteria, an
// estimate and a benefit by default.
import { givesBenefit } from "../parse/story-sentence";
import type { Story } from "../model";
import { defineRule } from "./rule";

export type ReadyRequirement = "acceptance" | "estimate" | "benefit" | "id" | "priority";

export interface ReadyOptions {
  /** Status values that claim the story is ready. */
  readonly readyStatuses: readonly string[];
  /** What a ready story must have. */
  readonly require: readonly ReadyRequirement[];
}

const HAS: Readonly<Record<ReadyRequirement, (s: Story) => boolean>> = {
  acceptance: (s) => (s.acceptance?.length ?? 0) > 0,
  estimate: (s) => s.estimate !== undefined && String(s.estimate.value).trim() !== "",
  benefit: (s) => givesBenefit(s.sentence),
  id: (s) => s.id !== undefined,
  priority: (s) => s.priority !== undefined,
};

const NAMES: Readonly<Record<ReadyRequirement, string>> = {
  acceptance: "acceptance criteria",
  estimate: "an estimate",
  benefit: "a benefit",
  id: "an id",
  priority: "a priority",
};

export default defineRule<ReadyOptions>({
  meta: {
    id: "definition-of-ready",
    description: "Mark a story ready only when it meets your team's Definition of Ready (by default: criteria, estimate, benefit).",
    source: "team practice",
    defaultSeverity: "warning",
    messages: {
      notReady: "The story is marked '{status}' but lacks {missing}: it does not meet the team's Definition of Ready.",
    },
    fixable: false,
    defaultOptions: { readyStatuses: ["ready"], require: ["acceptance", "estimate", "benefit"] },
    optionsSchema: {
      type: "object",
      properties: {
        readyStatuses: { type: "array", items: { type: "string" }, description: "Status values that mean ready." },
        require: {
          type: "array",
          items: { enum: ["acceptance", "estimate", "benefit", "id", "priority"] },
          description: "What a ready story must have.",
        },
      },
      additionalProperties: false,
    },
  },
  checkStory(story, context) {
    const status = story.status;
    if (!status) return;
    const ready = context.options.readyStatuses.map((s) => s.toLowerCase());
    if (!ready.includes(status.text.trim().toLowerCase())) return;
    const missing = context.options.require.filter((r) => HAS[r] && !HAS[r](story)).map((r) => NAMES[r]);
    if (missing.length === 0) return;
    const list = missing.length > 1 ? `${missing.slice(0, -1).join(", ")} or ${missing[missing.length - 1] ?? ""}` : (missing[0] ?? "");
    context.report({ messageId: "notReady", data: { status: status.text, missing: list }, span: status.span, storyIndex: story.index });
  },
});
