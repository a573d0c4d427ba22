// Generates the Gherkin benchmark's feature set deterministically: scenarios under Rules, as large suites keep them.

const ACTIONS = ["return", "exchange", "cancel", "track", "reorder", "rate", "gift-wrap", "insure"];
const ITEMS = ["book", "kettle", "lamp", "chair", "scarf", "phone case", "poster", "backpack"];

/** One scenario of the set, the n-th: distinct steps, one When, an observable outcome (mostly); every fifth an outline. */
function scenario(n: number, indent: string): string {
  const action = ACTIONS[n % ACTIONS.length] ?? "return";
  const item = ITEMS[Math.floor(n / ACTIONS.length) % ITEMS.length] ?? "book";
  const step = `${indent}  `;
  if (n % 5 === 4)
    return [
      `${indent}Scenario Outline: ${action} a ${item} ordered <days> days ago (case ${n})`,
      `${step}Given an order ${n} of a ${item} delivered <days> days ago`,
      `${step}When I ${action} it`,
      `${step}Then I see "<message>" on order ${n}`,
      "",
      `${step}Examples:`,
      `${step}  | days | message |`,
      `${step}  | 3    | accepted |`,
      `${step}  | 40   | too late |`,
    ].join("\n");
  return [
    `${indent}Scenario: ${action} a ${item} (case ${n})`,
    `${step}Given an order ${n} of a ${item} delivered last week`,
    `${step}  And I am signed in`,
    `${step}When I ${action} the ${item}`,
    // Some defects for the rules to find: a scenario with no outcome, one with an outcome nobody can test.
    ...(n % 13 === 6
      ? []
      : [n % 17 === 3 ? `${step}Then it works correctly` : `${step}Then order ${n} shows "${action} requested" within 2 minutes`]),
  ].join("\n");
}

/** A Feature with a narrative and `scenarios` scenarios, 50 to a Rule, numbered from `first`. */
export function generateFeature(scenarios: number, first = 0): string {
  const out = [
    `@BEN-${first + 1}`,
    `Feature: Order after-sales, part ${first / Math.max(1, scenarios) + 1}`,
    "  As a returning shopper",
    "  I want to manage an order after it is delivered",
    "  So that I need not call support for it",
    "",
    "  Background:",
    "    Given the shop is open",
  ];
  for (let n = first; n < first + scenarios; n++) {
    if ((n - first) % 50 === 0) out.push("", `  Rule: After-sales group ${(n - first) / 50 + 1}`);
    out.push("", scenario(n, "    "));
  }
  return `${out.join("\n")}\n`;
}
