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
