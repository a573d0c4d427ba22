// QUS "minimal": a story holds a role, a means and an ends, nothing more (no brackets, second sentences, examples).
import { sourceOf, type Fix, type Story } from "../model";
import { appendYamlKey } from "./helpers";
import { defineRule } from "./rule";

const BRACKETS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };

/** Example markers that add detail a story does not need; "such as" is left out as it often names the feature. */
const EXAMPLE_MARKER = /(?<![\w.])(?:e\.\s?g\.?|i\.\s?e\.?|eg\.|for example|for instance)(?![\w])/gi;

const NO_PAIRS: readonly { start: number; end: number }[] = Object.freeze([]);

/** Top-level bracket pairs of a text, as local offsets. An unclosed bracket runs to the end. */
function bracketPairs(text: string): readonly { start: number; end: number }[] {
  // Most sentences have no brackets: nothing to build for them.
  if (!text.includes("(") && !text.includes("[") && !text.includes("{")) return NO_PAIRS;
  const pairs: { start: number; end: number }[] = [];
  const stack: { open: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c in BRACKETS) stack.push({ open: c, at: i });
    else if (stack.length > 0 && c === BRACKETS[stack[stack.length - 1]?.open ?? ""]) {
      const open = stack.pop();
      if (open && stack.length === 0) pairs.push({ start: open.at, end: i + 1 });
    }
  }
  return pairs;
}

/** Moves a bracketed remark into the story's notes (YAML stories without notes only). */
function moveToNotesFix(
  story: Story,
  text: string,
  at: { start: number; end: number },
  context: { backlog: import("../model").Backlog },
): Fix | undefined {
  if (story.notes) return undefined;
  const sentence = story.sentence;
  const source = sourceOf(context.backlog);
  if (!sentence || source.slice(sentence.span.start, sentence.span.end) !== sentence.text) return undefined;
  const remark = text.slice(at.start + 1, at.end - 1).trim();
  if (!remark) return undefined;
  const append = appendYamlKey(context.backlog, story, "notes", remark);
  if (!append) return undefined;
  // Take the space before the bracket with it, so "data (CSV) export" becomes "data export".
  let start = sentence.span.start + at.start;
  if (/[ \t]/.test(source.slice(start - 1, start))) start--;
  return {
    title: "Move the bracketed text into the story's notes",
    edits: [{ span: { start, end: sentence.span.start + at.end }, newText: "" }, append],
    safe: false,
  };
}

export default defineRule({
  meta: {
    id: "story-minimal",
    description: "Keep the story sentence to role, means and benefit: put remarks, examples and extra sentences in notes.",
    source: "QUS",
    defaultSeverity: "warning",
    messages: {
      brackets: "Bracketed text is not part of a story: move it into the notes or the acceptance criteria.",
      secondSentence: "The story goes on after its sentence ends: move the extra text into the notes or the acceptance criteria.",
      example: "'{marker}' adds an example to the story: examples belong in the acceptance criteria.",
      repeated: "The template phrase '{marker}' appears twice: the story holds more than one story, or one too many clauses.",
    },
    fixable: true,
    defaultOptions: {},
  },
  checkStory(story, context) {
    const sentence = story.sentence;
    if (!sentence?.role || !sentence.means) return;
    const base = sentence.span.start;
    const text = sentence.text;
    for (const pair of bracketPairs(text)) {
      // "language(s)", "(re-)use": a bracket glued to a word marks an optional letter, not a remark.
      const inner = text.slice(pair.start + 1, pair.end - 1);
      if (inner.length <= 3 && (/\w/.test(text[pair.start - 1] ?? "") || /\w/.test(text[pair.end] ?? ""))) continue;
      // "<benefit>" and similar placeholders use angle brackets and are another rule's business.
      const fix = moveToNotesFix(story, text, pair, context);
      context.report({
        messageId: "brackets",
        span: { start: base + pair.start, end: base + pair.end },
        storyIndex: story.index,
        ...(fix && { fixes: [fix] }),
      });
    }
    if (sentence.trailing) {
      context.report({ messageId: "secondSentence", span: sentence.trailing.span, storyIndex: story.index });
    }
    // The module's global pattern, read with exec from the start as matchAll would, without a copy per story.
    EXAMPLE_MARKER.lastIndex = 0;
    for (let m = EXAMPLE_MARKER.exec(text); m; m = EXAMPLE_MARKER.exec(text)) {
      const start = base + m.index;
      const insideBrackets = bracketPairs(text).some((p) => (m.index ?? 0) > p.start && (m.index ?? 0) < p.end);
      if (insideBrackets) continue;
      context.report({ messageId: "example", data: { marker: m[0] }, span: { start, end: start + m[0].length }, storyIndex: story.index });
    }
    // A second "I want" or "so that" in the same sentence means a story was glued onto another.
    // Only the means is searched: "so that I can decide what I want" is ordinary English in a benefit.
    const tail = text.slice(sentence.means.span.start - base, sentence.means.span.end - base);
    // Only a clause that opens a new request counts: "what I want" inside a benefit is ordinary English.
    const repeated = /(?:[,;]|\band)\s+(?:i|we)\s+(?:want|would like|need)\s+(?:to\s+|it\b|the\b|a\b)|\bas\s+an?\s+\w+\s*,\s*i\b/i.exec(
      tail,
    );
    const endsAgain = sentence.endsMarker ? /\bso\s+that\b/i.exec(text.slice(sentence.endsMarker.span.end - base)) : null;
    const again = repeated ?? endsAgain;
    if (again && !sentence.trailing) {
      const offset = repeated ? sentence.means.span.start : (sentence.endsMarker?.span.end ?? base);
      const start = offset + again.index;
      context.report({
        messageId: "repeated",
        data: { marker: again[0] },
        span: { start, end: start + again[0].length },
        storyIndex: story.index,
      });
    }
  },
});
