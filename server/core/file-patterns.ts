// Which files are backlogs, by name: shared by the client's document selector, the server and the CLI (no imports).
import type { BacklogFormat } from "./model";

/** The file name the server looks for at the root of each workspace folder. */
export const CONFIG_FILE_NAME = ".backlog-coach.yaml";

/** Folders no backlog lives in, which the CLI and the workspace check do not enter (nor any dot-folder). */
export const IGNORED_FOLDERS: ReadonlySet<string> = new Set(["node_modules", ".git", "dist", "out", ".vscode-test"]);

/** File-name patterns of each format, as globs. */
export const FORMAT_GLOBS: Readonly<Record<BacklogFormat, readonly string[]>> = {
  yaml: ["**/*.backlog.yaml", "**/*.backlog.yml", "**/backlog.yaml", "**/backlog.yml"],
  markdown: ["**/*.story.md", "**/*.stories.md"],
  plain: ["**/*.stories", "**/*.stories.txt"],
  gherkin: ["**/*.feature"],
  // Tracker exports are opted in by the user's globs (setting backlogCoach.trackerFiles, see tracker-files.ts).
  csv: [],
  "github-issues": [],
};

/** The format of a file by its name (any path separator), or undefined when it is not a backlog file. */
export function formatOfFileName(fileName: string): BacklogFormat | undefined {
  const base = (fileName.split(/[\\/]/).pop() ?? "").toLowerCase();
  if (/(^|\.)backlog\.ya?ml$/.test(base)) return "yaml";
  if (/\.(story|stories)\.md$/.test(base)) return "markdown";
  if (/\.stories(\.txt)?$/.test(base)) return "plain";
  if (/\.feature$/.test(base)) return "gherkin";
  return undefined;
}
