// INVEST "Small" and "Estimable": estimates use the team's scale and stay below what the team fits in one sprint
// (13 by default: a common team default, not a Scrum or INVEST figure).
import type { Fix } from "../model";
import { isVerbatim } from "./helpers";
import { defineRule } from "./rule";

export interface EstimateOptions {
  /** The values a team estimates with: numbers (story points) and/or sizes ("S", "M"...). */
  readonly scale: readonly (number | string)[];
  /** Numeric estimates above this are more than the team fits in one sprint (its own figure; 13 is only a default). */
  readonly maxPerSprint: number;
}

export default defineRule<EstimateOptions>({
  meta: {
    id: "estimate-scale",
    description: "Estimate on the team's scale, and split stories too large for one sprint.",
    source: "INVEST",
    defaultSeverity: "warning",
    messages: {
      offScale: "{value} is not on the team's estimation scale ({scale}).",
      tooLarge:
        "An estimate of {value} is above {max}, the most this team's settings fit in one sprint: split the story (or set maxPerSprint to your team's figure).",
    },
    fixable: true,
    defaultOptions: { scale: [0, 0.5, 1, 2, 3, 5, 8, 13, 20, 40, 100, "XS", "S", "M", "L", "XL", "?"], maxPerSprint: 13 },
    optionsSchema: {
      type: "object",
      properties: {
        scale: { type: "array", items: { type: ["number", "string"] }, description: "Allowed estimate values." },
        maxPerSprint: {
          type: "number",
          minimum: 0,
          description: "Largest estimate your team fits in one sprint (13 is a common default, not a rule).",
        },
      },
      additionalProperties: false,
    },
  },
  checkStory(story, context) {
    const estimate = story.estimate;
    if (!estimate) return;
    const raw = String(estimate.value).trim();
    if (raw === "") return;
    const { scale, maxPerSprint } = context.options;
    const numeric = /^-?\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : undefined;
    const onScale = scale.some((v) => (typeof v === "number" ? v === numeric : v.toLowerCase() === raw.toLowerCase()));
    if (!onScale) {
      // The fix rounds up: an estimate between two scale values is closer to the risk of the larger one.
      const numbers = scale.filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
      const up = numeric !== undefined ? numbers.find((n) => n >= numeric) : undefined;
      const verbatim = isVerbatim(context.backlog, estimate.span, raw);
      const fixes: Fix[] | undefined =
        up !== undefined && verbatim
          ? [{ title: `Round up to ${up}`, edits: [{ span: estimate.span, newText: String(up) }], safe: false }]
          : undefined;
      context.report({
        messageId: "offScale",
        data: { value: raw, scale: scale.join(", ") },
        span: estimate.span,
        storyIndex: story.index,
        ...(fixes && { fixes }),
      });
      return;
    }
    if (numeric !== undefined && numeric > maxPerSprint) {
      context.report({ messageId: "tooLarge", data: { value: raw, max: maxPerSprint }, span: estimate.span, storyIndex: story.index });
    }
  },
});
