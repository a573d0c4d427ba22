// Generates the benchmark's backlog deterministically from a seed: the same file on every machine and run.
import { pick, seededRandom } from "../test/support/random";

const ROLES = ["returning shopper", "store admin", "guest shopper", "finance officer", "support agent", "warehouse clerk"];
const VERBS = ["save", "remove", "export", "review", "approve", "search", "filter", "share", "print", "archive"];
const THINGS = ["my card", "an order", "the invoice", "a refund", "my address", "the report", "a coupon", "the stock list"];
const BENEFITS = ["I pay faster", "nobody else can use it", "I can check the numbers", "I get my goods on time", "I save time"];
const STATUSES = ["new", "draft", "refining", "ready", "in progress", "done"];

/**
 * A YAML backlog of `stories` stories, each with id, sentence, three criteria, estimate and priority, and one in
 * five with a status: the shape a large product's backlog has, at about 340 characters per story (10,000 stories: about 3.4 MB; the
 * performance issue measured its baseline on a file of about 2.5 MB).
 */
export function generateBacklog(stories: number, seed = 1): string {
  const random = seededRandom(seed);
  const lines = [
    "# Generated for the benchmark (scripts/bench-generate.ts).",
    "product: Checkout",
    "productGoal: Returning shoppers pay in under 30 seconds",
    "personas:",
    ...ROLES.map((r) => `  - name: ${r}`),
    "stories:",
  ];
  for (let i = 1; i <= stories; i++) {
    const verb = pick(random, VERBS);
    const thing = pick(random, THINGS);
    lines.push(
      `  - id: CHK-${i}`,
      `    story: As a ${pick(random, ROLES)}, I want to ${verb} ${thing} ${i}, so that ${pick(random, BENEFITS)}.`,
      "    acceptance:",
      `      - Given ${thing}, when I ${verb} it, then I see it done`,
      `      - Given none, when I ${verb}, then I see an error`,
      "      - Given it is done, when I reload, then it stays",
      `    estimate: ${pick(random, [1, 2, 3, 5, 8])}`,
      `    priority: ${i}`,
    );
    // A status on one story in five, as in backlogs where only refined stories get one.
    if (i % 5 === 0) lines.push(`    status: ${pick(random, STATUSES)}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The same stories as a YAML backlog (an item per story with its id, title, sentence and criteria), a Markdown
 * story file (a heading per story, its sentence, a criteria section) or a plain list (one story per line), with the
 * findings users' files have: one story in seven without a benefit, one in eleven asking for two things.
 */
export function generateStoryFile(format: "yaml" | "markdown" | "plain", stories: number, seed = 1): string {
  const random = seededRandom(seed);
  const out: string[] =
    format === "markdown"
      ? ["# Checkout", ""]
      : format === "yaml"
        ? ["product: Checkout", "stories:"]
        : ["# Checkout (generated for the benchmark)"];
  for (let i = 1; i <= stories; i++) {
    const verb = pick(random, VERBS);
    const thing = pick(random, THINGS);
    const means = i % 11 === 0 ? `${verb} ${thing} ${i} and print it` : `${verb} ${thing} ${i}`;
    const ends = i % 7 === 0 ? "" : `, so that ${pick(random, BENEFITS)}`;
    const sentence = `As a ${pick(random, ROLES)}, I want to ${means}${ends}.`;
    if (format === "plain") out.push(sentence);
    else if (format === "yaml")
      out.push(
        `  - id: CHK-${i}`,
        `    title: ${verb} ${thing}`,
        `    story: ${sentence}`,
        "    acceptance:",
        `      - Given ${thing}, when I ${verb} it, then I see it done`,
        "      - Given it is done, when I reload, then it stays",
      );
    else
      out.push(
        `## CHK-${i} ${verb} ${thing}`,
        "",
        sentence,
        "",
        "### Acceptance criteria",
        "",
        `- Given ${thing}, when I ${verb} it, then I see it done`,
        "- Given it is done, when I reload, then it stays",
        "",
      );
  }
  return `${out.join("\n")}\n`;
}

/**
 * A Jira CSV export of `rows` rows (four in five stories, the rest bugs), with a BOM, CRLF, repeated Sprint headers,
 * quoted summaries, wiki-markup descriptions over several lines and criteria cells with doubled quotes.
 */
export function generateJiraExport(rows: number, seed = 1): string {
  const random = seededRandom(seed);
  const lines = [
    "\ufeffSummary,Issue key,Issue Type,Status,Priority,Sprint,Sprint,Custom field (Story Points),Description,Custom field (Acceptance Criteria)",
  ];
  for (let i = 1; i <= rows; i++) {
    const verb = pick(random, VERBS);
    const thing = pick(random, THINGS);
    const story = i % 5 !== 0;
    lines.push(
      [
        story
          ? `"As a ${pick(random, ROLES)}, I want to ${verb} ${thing} ${i}, so that ${pick(random, BENEFITS)}"`
          : `Crash ${i} when I ${verb} ${thing}`,
        `CHK-${i}`,
        story ? "Story" : "Bug",
        pick(random, ["To Do", "In Progress", "Done"]),
        pick(random, ["High", "Medium", "Low"]),
        `Sprint ${1 + (i % 9)}`,
        i % 3 === 0 ? `Sprint ${2 + (i % 9)}` : "",
        String(pick(random, [1, 2, 3, 5, 8])),
        `"h3. Notes\r\nAsked for by *${pick(random, ROLES)}*.\r\n* see the ${thing} page"`,
        `"# Given ${thing}, when I press ""${verb}"", then I see it done\r\n# Given none, when I ${verb}, then I see an error"`,
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
