// Which .md files outside the story-file names are backlogs: the user's globs (setting backlogCoach.markdownFiles,
// .backlog-coach.yaml's markdownFiles), defaulting to where spec and story workflows write their stories.
import { globToRegExp } from "./tracker-files";

/**
 * Where the workflows write stories: GitHub Spec Kit's `specs/<NNN-feature>/spec.md` and BMAD's
 * `docs/stories/<epic>.<story>.<title>.md`. BMAD files named `*.story.md` are story files by name already.
 * Issue templates (`.github/ISSUE_TEMPLATE/*.md`) are not here: a template's story is a placeholder by design,
 * and the issues written from it are read from `gh issue list --json` (the github-issues format).
 */
export const DEFAULT_MARKDOWN_FILES: readonly string[] = ["**/specs/*/spec.md", "**/docs/stories/*.md"];

/** The client's document selector for them: the server decides from the globs which of them to check. */
export const MARKDOWN_SELECTOR_GLOBS: readonly string[] = ["**/*.md"];

/**
 * Whether a Markdown file is opted in by the globs (the defaults when none are set). A README is never a backlog
 * by glob: it is the one name every folder's ordinary documentation has.
 */
export function markdownFileOptedIn(fileName: string, globs: readonly string[] | undefined): boolean {
  const path = fileName.replace(/\\/g, "/");
  const base = (path.split("/").pop() ?? "").toLowerCase();
  if (!base.endsWith(".md") || base === "readme.md") return false;
  return (globs ?? DEFAULT_MARKDOWN_FILES).some((glob) => globToRegExp(glob).test(path));
}
