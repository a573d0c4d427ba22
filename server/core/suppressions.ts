// Inline suppression: "backlog-coach-disable-next-line rule-a, rule-b" in any comment style of any format.
import type { Finding, Story, TextSource } from "./model";
import { LineIndex } from "./parse/text-lines";

const DIRECTIVE = /backlog-coach-disable-next-line(?:[ \t]+([\w\-, \t]+))?/g;

/** Suppressed rule ids by the line they apply to; "*" stands for every rule. */
function directives(text: string, lines: LineIndex): Map<number, Set<string>> {
  const result = new Map<number, Set<string>>();
  for (const m of text.matchAll(DIRECTIVE)) {
    const ids = (m[1] ?? "")
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter((s) => /^[a-z][\w-]*$/.test(s) && s !== "-->");
    const line = lines.positionAt(m.index).line + 1;
    const set = result.get(line) ?? new Set<string>();
    for (const id of ids.length > 0 ? ids : ["*"]) set.add(id);
    result.set(line, set);
  }
  return result;
}

/**
 * Drops suppressed findings. A directive covers the line after it; when a story starts on that line it covers
 * the whole story, so one comment above a story silences a rule for that story only.
 */
export function applySuppressions(source: TextSource, findings: readonly Finding[], stories: readonly Story[]): Finding[] {
  // Nothing to drop: and a search of the whole text for the directive is most of this function's cost.
  if (findings.length === 0 || !source.includes("backlog-coach-disable-next-line")) return [...findings];
  const text = source.toString();
  const lines = new LineIndex(text);
  const byLine = directives(text, lines);
  const storyLine = (index: number | undefined): number | undefined => {
    const story = index === undefined ? undefined : stories[index];
    return story ? lines.positionAt(story.span.start).line : undefined;
  };
  const covers = (line: number | undefined, ruleId: string): boolean => {
    if (line === undefined) return false;
    const set = byLine.get(line);
    return set !== undefined && (set.has("*") || set.has(ruleId));
  };
  return findings.filter((f) => !covers(lines.positionAt(f.span.start).line, f.ruleId) && !covers(storyLine(f.storyIndex), f.ruleId));
}
