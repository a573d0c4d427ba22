// The one place a rule's documentation address is computed, pinned to the released version.
import { repository, version } from "../../../package.json";

const repositoryUrl = repository.url.replace(/\.git$/, "");

/**
 * The docs page of a rule: pinned to this version's tag by default, so that a diagnostic's page matches the
 * behaviour; the settings link to `main`, the page a user reads while choosing.
 */
export function ruleDocsUrl(ruleId: string, ref: "version" | "main" = "version"): string {
  return `${repositoryUrl}/blob/${ref === "main" ? "main" : `v${version}`}/${ruleDocsPath(ruleId)}`;
}

/** The docs page's path inside the extension, for opening it offline. */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
