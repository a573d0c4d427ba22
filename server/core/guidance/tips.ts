// The short markdown tip a hover shows for a guidance entry, built from the data alone (no text from the backlog).
import type { SprintLength } from "./timebox";
import { describeTimebox } from "./timebox";
import type { Guidance, GuidanceEntry } from "./types";

/** Markdown would read "*", "_", "[", "<" ... in our sentences as formatting or HTML: escape them. */
export const escapeMarkdown = (text: string): string => text.replace(/[\\`*_[\]<>]/g, "\\$&");

/** What kind of thing the entry is, in the Scrum Guide's words, and whether the Guide contains it at all. */
export function kindLabel(entry: GuidanceEntry, guidance: Guidance): string {
  switch (entry.kind) {
    case "event":
      return entry.id === "scrum-events" ? "Scrum Guide 2020" : "Scrum event";
    case "activity":
      return "ongoing activity, not a Scrum event";
    case "accountability":
      return "Scrum accountability";
    case "role":
      return "industry role, not in the Scrum Guide";
    case "artifact":
      return "Scrum artifact";
    case "commitment": {
      const artifact = guidance.entries.find((e) => e.id === entry.pairedWith);
      return artifact ? `commitment of the ${artifact.name}` : "Scrum commitment";
    }
    case "invest":
      return entry.letter ? `the ${entry.letter} of INVEST` : "story checklist (Bill Wake, 2003)";
    case "practice":
      return "common practice, not in the Scrum Guide";
    case "misconception":
      return "common misconception, not in the Scrum Guide";
    case "scaling":
      return "scaling-framework term, not in the Scrum Guide";
  }
}

/**
 * The hover tip: name and kind, the summary, the timebox (scaled to the Sprint length when the backlog declares one),
 * who takes part, what the Product Owner and a Product Manager do, the correction of a common misreading, and for a
 * misconception what Scrum has instead.
 */
export function tipMarkdown(entry: GuidanceEntry, guidance: Guidance, sprint?: SprintLength): string {
  const lines: string[] = [
    `**${escapeMarkdown(entry.name)}** (${escapeMarkdown(kindLabel(entry, guidance))})`,
    "",
    escapeMarkdown(entry.summary),
  ];
  const facts: string[] = [];
  const timebox = describeTimebox(entry.timebox, sprint);
  if (timebox) facts.push(`**${entry.timebox?.kind === "sprint" ? "Length" : "Timebox"}:** ${escapeMarkdown(timebox)}`);
  if (entry.participants) facts.push(`**Who:** ${escapeMarkdown(entry.participants)}`);
  if (entry.who?.productOwner) facts.push(`**Product Owner:** ${escapeMarkdown(entry.who.productOwner)}`);
  if (entry.who?.productManager) {
    const note = entry.kind === "role" ? "" : " (industry role, not Scrum)";
    facts.push(`**Product Manager${note}:** ${escapeMarkdown(entry.who.productManager)}`);
  }
  if (entry.kind === "invest" && !entry.letter) {
    const letters = guidance.entries.filter((e) => e.kind === "invest" && e.letter);
    facts.push(...letters.map((e) => `**${escapeMarkdown(e.letter ?? "")}**: ${escapeMarkdown(e.name)}`));
  }
  if (facts.length > 0) lines.push("", ...facts.map((f) => `- ${f}`));
  if (entry.correction) lines.push("", `*${escapeMarkdown(entry.correction)}*`);
  // A misconception's hover also says what Scrum has instead, so one hover answers the question.
  const meant = entry.refersTo ? guidance.entries.find((e) => e.id === entry.refersTo) : undefined;
  if (meant) lines.push("", `**In Scrum: ${escapeMarkdown(meant.name)}.** ${escapeMarkdown(meant.summary)}`);
  return lines.join("\n");
}
