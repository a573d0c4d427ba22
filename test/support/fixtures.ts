// Reads rule fixtures whose expected findings are marked inline: "# expect rule-id" or "<!-- expect rule-id -->".
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const REPO_ROOT = join(__dirname, "..", "..", "..");
export const FIXTURES = join(REPO_ROOT, "test", "fixtures");

const MARKER =
  /(?:[ \t]*#[ \t]*expect[ \t]+([a-z][\w-]*(?:[ \t]*,[ \t]*[a-z][\w-]*)*)[ \t]*$)|(?:[ \t]*<!--[ \t]*expect[ \t]+([a-z][\w-]*(?:[ \t]*,[ \t]*[a-z][\w-]*)*)[ \t]*-->)/gm;

/** A fixture's text with its markers blanked (same length, so offsets hold) and the expected "line:rule" list. */
export interface Fixture {
  readonly name: string;
  readonly text: string;
  readonly expected: string[];
}

export function readFixture(path: string): Fixture {
  const raw = readFileSync(path, "utf8");
  const expected: string[] = [];
  const text = raw.replace(MARKER, (whole: string, yamlIds: string | undefined, htmlIds: string | undefined, offset: number) => {
    const line = raw.slice(0, offset).split(/\r\n|\r|\n/).length;
    for (const id of (yamlIds ?? htmlIds ?? "").split(",")) expected.push(`${line}:${id.trim()}`);
    return " ".repeat(whole.length);
  });
  return { name: path, text, expected: expected.sort() };
}

export function fixtureFiles(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((f) => !f.startsWith("."))
      .map((f) => join(folder, f));
  } catch {
    return [];
  }
}

/**
 * The Markdown of spec and story workflows that the tests read by its shape (markdown-shapes.ts): every file under
 * test/fixtures/markdown-shapes and examples/specs, examples/docs, with its path below that root (the part the
 * `markdownFiles` globs match: "specs/002-refunds/spec.md"). README files are left out: no glob reads them.
 */
export function markdownShapeFiles(): { path: string; relative: string }[] {
  const roots = [join(FIXTURES, "markdown-shapes"), join(REPO_ROOT, "examples")];
  const out: { path: string; relative: string }[] = [];
  const walk = (root: string, dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(root, path);
      else if (entry.name.endsWith(".md") && entry.name !== "README.md" && dir !== root)
        out.push({
          path,
          relative: path
            .slice(root.length + 1)
            .split("\\")
            .join("/"),
        });
    }
  };
  for (const root of roots) walk(root, root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
