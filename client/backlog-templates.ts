// The commented starting files "Backlog Coach: New Backlog" writes, one per format (no vscode import: unit-tested).
import type { BacklogFormat } from "../server/core/model";

/** One format's template: what the quick pick shows and the file it writes. */
export interface BacklogTemplate {
  readonly format: BacklogFormat;
  readonly label: string;
  readonly detail: string;
  /** A file name the checker recognises (server/core/file-patterns.ts), offered when saving. */
  readonly fileName: string;
  readonly text: string;
}

// Each template holds one story that passes every rule (test/unit/backlog-templates.test.ts checks it), so a new
// file starts clean and the comments say what to change; a placeholder would start the day with findings.
const YAML = `# A Backlog Coach backlog. Each story: "As a <role>, I want <capability>, so that <benefit>."
# Hover a term (Sprint, Product Goal, a persona) for its meaning; type "story" for a new story's snippet.
product: My product
# The goal the stories serve; the sidebar shows it beside the backlog's health.
productGoal: Shoppers find what they came for in under a minute
# The roles your stories speak for: story-role-persona flags a role not listed here.
personas:
  - name: shopper
stories:
  - id: ST-1
    title: Search by product name
    # Who, what and why: one capability per story, the benefit says why the role wants it.
    story: As a shopper, I want to search products by name, so that I find an item without browsing categories.
    # Given/When/Then, one outcome each: the team tests against these.
    acceptance:
      - Given a product named "blue kettle", when I search for "kettle", then the blue kettle is listed
    # Story points on the team's scale (1, 2, 3, 5, 8, 13 by default).
    estimate: 3
    priority: 1
    # new, draft, refining, ready, in-progress or done.
    status: refining
`;

const MARKDOWN = `---
product: My product
personas:
  - shopper
---

# My product backlog

<!-- A Backlog Coach backlog: one story per "## <id> <title>" section, its sentence in the first paragraph:
     "As a <role>, I want <capability>, so that <benefit>." Type "story" for a new section's snippet. -->

## ST-1 Search by product name

As a shopper, I want to search products by name, so that I find an item without browsing categories.

### Acceptance criteria

<!-- Given/When/Then, one outcome each: the team tests against these. -->

- Given a product named "blue kettle", when I search for "kettle", then the blue kettle is listed
`;

const PLAIN = `# A Backlog Coach story list: one story per line, "As a <role>, I want <capability>, so that <benefit>."
# Lines starting with '#' are comments. Type "story" for the sentence's snippet.
As a shopper, I want to search products by name, so that I find an item without browsing categories.
`;

const GHERKIN = `# A Backlog Coach feature file: the Feature's description is the story, "As a <role>, I want <capability>,
# so that <benefit>", a clause a line; each Scenario is one of its acceptance criteria.
# Lines starting with '#' are comments. On an indented line, type "Scenario" for a new scenario's template.
Feature: Search by product name
  As a shopper,
  I want to search products by name,
  so that I find an item without browsing categories.

  # Given the context, When one event, Then the outcome someone can check.
  Scenario: Find a product by a word of its name
    Given a product named "blue kettle"
    When I search for "kettle"
    Then the blue kettle is listed
`;

/** The templates in the order the quick pick offers them. */
export const BACKLOG_TEMPLATES: readonly BacklogTemplate[] = [
  {
    format: "yaml",
    label: "YAML backlog",
    detail: "Stories with ids, criteria, estimates, status and a sprint (*.backlog.yaml)",
    fileName: "product.backlog.yaml",
    text: YAML,
  },
  {
    format: "markdown",
    label: "Markdown stories",
    detail: "A story per section, criteria as a list (*.stories.md)",
    fileName: "product.stories.md",
    text: MARKDOWN,
  },
  {
    format: "plain",
    label: "Plain story list",
    detail: "One story sentence per line, as backlog tools export them (*.stories)",
    fileName: "product.stories",
    text: PLAIN,
  },
  {
    format: "gherkin",
    label: "Gherkin feature file",
    detail: "One Feature: the story in its description, scenarios as its criteria (*.feature)",
    fileName: "search.feature",
    text: GHERKIN,
  },
];

export function templateOf(format: BacklogFormat): BacklogTemplate {
  const found = BACKLOG_TEMPLATES.find((t) => t.format === format);
  if (!found) throw new Error(`No template for the format '${format}'.`);
  return found;
}

/**
 * Whether a backlog file holds nothing yet but blank lines and comments: where the editor offers the template.
 * YAML, plain lists and Gherkin comment with '#', Markdown with `<!-- -->`.
 */
export function isEmptyBacklog(text: string, format: BacklogFormat): boolean {
  const withoutComments = format === "markdown" ? text.replace(/<!--[\s\S]*?(-->|$)/g, "") : text.replace(/^\s*#.*$/gm, "");
  return withoutComments.replace(/^\uFEFF/, "").trim() === "";
}
