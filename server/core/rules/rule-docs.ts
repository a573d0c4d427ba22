// The one place a rule's documentation address is computed, pinned to the released version.
import { repository, version } from "../../../package.json";

const repositoryUrl = repository.url.replace(/\.git$/, "");

/** The docs page of a rule, pinned to this version's tag so the page matches the behaviour. */
export function ruleDocsUrl(ruleId: string): string {
  return `${repositoryUrl}/blob/v${version}/docs/rules/${ruleId}.md`;
}

/** The docs page's path inside the extension, for opening it offline. */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
