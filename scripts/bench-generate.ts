// Generates the benchmark's backlog deterministically from a seed: the same file on every machine and run.
import { pick, seededRandom } from "../test/support/random";

const ROLES = ["returning shopper", "store admin", "guest shopper", "finance officer", "support agent", "warehouse clerk"];
const VERBS = ["save", "remove", "export", "review", "approve", "search", "filter", "share", "print", "archive"];
const THINGS = ["my card", "an order", "the invoice", "a refund", "my address", "the report", "a coupon", "the stock list"];
const BENEFITS = ["I pay faster", "nobody else can use it", "I can check the numbers", "I get my goods on time", "I save time"];
const STATUSES = ["new", "draft", "refining", "ready", "in progress", "done"];

/**
 * A YAML backlog of `stories` stories, each with id, title, sentence, three criteria, estimate, priority and
 * status: the shape a large product's backlog has. About 420 characters per story.
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
      `    title: ${verb[0]?.toUpperCase()}${verb.slice(1)} ${thing} ${i}`,
      `    story: As a ${pick(random, ROLES)}, I want to ${verb} ${thing} number ${i}, so that ${pick(random, BENEFITS)}.`,
      "    acceptance:",
      `      - Given I am signed in, when I ${verb} ${thing}, then I see a confirmation`,
      `      - Given ${thing} is missing, when I try to ${verb} it, then I see an error`,
      `      - Given I ${verb} ${thing}, when I reload the page, then the change is still there`,
      `    estimate: ${pick(random, [1, 2, 3, 5, 8])}`,
      `    priority: ${i}`,
      `    status: ${pick(random, STATUSES)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
