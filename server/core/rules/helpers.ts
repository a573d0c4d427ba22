// Small helpers the rules share: where to anchor a story finding, and how to write text into a story entry.
import type { Backlog, Span, Story, TextEdit } from "../model";

/** Where a story-level finding is shown: its id, else its sentence, else the whole entry. */
export function storyAnchor(story: Story): Span {
  return story.id?.span ?? story.sentence?.span ?? story.title?.span ?? story.span;
}

/** A short label for a story in messages: its id, or its first words. */
export function storyLabel(story: Story): string {
  if (story.id) return story.id.text;
  const text = story.sentence?.text ?? story.title?.text ?? "";
  return text.length > 50 ? `${text.slice(0, 47)}...` : text || `story ${story.index + 1}`;
}

/** The line break of a file, so inserted lines match it. */
export function eolOf(backlog: Backlog): string {
  return backlog.text.includes("\r\n") ? "\r\n" : "\n";
}

/**
 * An edit that appends `key: value` to a YAML story entry, in the entry's indentation, or undefined when the
 * story has no layout (not YAML). The value is quoted when a plain scalar would change its meaning.
 */
export function appendYamlKey(backlog: Backlog, story: Story, key: string, value: string): TextEdit | undefined {
  const layout = story.layout;
  if (backlog.format !== "yaml" || !layout) return undefined;
  return {
    span: { start: layout.endOfEntry, end: layout.endOfEntry },
    newText: `${layout.eol}${layout.keyIndent}${key}: ${yamlScalar(value)}`,
  };
}

/** A YAML scalar for a one-line value: plain when that reads back the same, else double-quoted. */
export function yamlScalar(value: string): string {
  const plainSafe = /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/:\s|\s#|[\r\n]|:$|\s$/.test(value);
  return plainSafe ? value : JSON.stringify(value);
}

/** Whether a span's source text is exactly the given text (a plain scalar), so it can be edited in place. */
export function isVerbatim(backlog: Backlog, span: Span, text: string): boolean {
  return backlog.text.slice(span.start, span.end) === text;
}
