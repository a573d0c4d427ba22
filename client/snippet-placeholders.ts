// Quick fixes that write a placeholder ("so that <benefit>", "Given <context>, when <event>, ...") are applied
// as snippets in VS Code, so that the first placeholder is selected and Tab goes to the next one. The server sends
// plain text edits (a stable LSP client may not take snippet edits); the client's code-action middleware turns
// the edits that hold a placeholder into snippet edits for the document in the editor. No vscode import: tested alone.

/** An angle-bracket placeholder of the fixes: words only, so that "a < b > c" is not one. */
const PLACEHOLDER = /<([\p{L}][\p{L}\p{N} _-]*)>/gu;

/**
 * The snippet for a fix's text when it holds a placeholder: each "<name>" becomes a tab stop "${n:<name>}" in
 * order, selected with its brackets, so that a placeholder left as it is stays "<name>" and is still reported;
 * the rest is escaped ("$", "}" and "\" are snippet syntax). Undefined when the text holds no placeholder, and
 * for a text of several lines: VS Code re-indents a snippet's lines, which would move YAML keys.
 */
export function placeholderSnippet(text: string): string | undefined {
  if (text.includes("\n")) return undefined;
  PLACEHOLDER.lastIndex = 0;
  if (!PLACEHOLDER.test(text)) return undefined;
  PLACEHOLDER.lastIndex = 0;
  let out = "";
  let from = 0;
  let stop = 0;
  for (let m = PLACEHOLDER.exec(text); m; m = PLACEHOLDER.exec(text)) {
    out += escapeSnippet(text.slice(from, m.index)) + `\${${++stop}:<${escapeSnippet(m[1] ?? "")}>}`;
    from = m.index + m[0].length;
  }
  PLACEHOLDER.lastIndex = 0;
  return out + escapeSnippet(text.slice(from));
}

const escapeSnippet = (text: string): string => text.replace(/[\\$}]/g, (c) => `\\${c}`);
