// story-atomic names the parts of two objects with the phrase each is the object of, and its split writes them so.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeBacklog } from "../../server/core/analyze";

/** The parts story-atomic names for a plain story's means, and the means its split gives the new stories. */
function partsOf(means: string): { readonly message: string; readonly split: string[] } {
  const text = `As a clerk, I want to ${means}, so that I can file them.\n`;
  const finding = analyzeBacklog(text, "plain").findings.find((f) => f.ruleId === "story-atomic");
  assert.ok(finding, `no story-atomic finding for '${means}'`);
  const edits = finding.fixes?.[0]?.edits ?? [];
  const split = edits.flatMap((e) => [...e.newText.matchAll(/I want to (.*?), so that/g)].map((m) => m[1] as string));
  const kept = edits.find((e) => !e.newText.includes("I want to"))?.newText;
  return { message: finding.message, split: kept === undefined ? split : [kept, ...split] };
}

describe("story-atomic's parts of two objects", () => {
  const cases: readonly [string, readonly string[]][] = [
    // What a list, a summary or a search is of: each part keeps the noun it is of.
    ["see the list of orders and invoices", ["see the list of orders", "see the list of invoices"]],
    ["print a summary of orders and invoices", ["print a summary of orders", "print a summary of invoices"]],
    [
      "do a full-text search of article body, title, and author name",
      ["do a full-text search of article body", "do a full-text search of title", "do a full-text search of author name"],
    ],
    ["see a list of my orders and my invoices", ["see a list of my orders", "see a list of my invoices"]],
    ["see the list of all orders and invoices", ["see the list of all orders", "see the list of all invoices"]],
    // Two objects each with its own phrase after the verb.
    ["turn a course into an event or an event into a course", ["turn a course into an event", "turn an event into a course"]],
    ["see the results for each trainer and averages for the class", ["see the results for each trainer", "see averages for the class"]],
    // As before: the second part opens as the whole first one does, or the first is not a container.
    ["export orders and invoices", ["export orders", "export invoices"]],
    ["see the list of orders and the invoices", ["see the list of orders", "see the invoices"]],
    ["export orders of customers and invoices", ["export orders of customers", "export invoices"]],
    // A noun of an action keeps what it acts on, without a determiner too; an adverb stays with its adjective.
    [
      "run automatic detection of spelling or grammar errors",
      ["run automatic detection of spelling", "run automatic detection of grammar errors"],
    ],
    ["see visually similar photos and albums", ["see visually similar photos", "see albums"]],
    // A second part that opens with a preposition stands for the first one's whole phrase, a plural's possessive too.
    [
      "view the calendars via the team members' web page as well as on my phone",
      ["view the calendars via the team members' web page", "view the calendars on my phone"],
    ],
    ["bulk upload directories and files", ["bulk upload directories", "bulk upload files"]],
    // A participle after a preposition belongs to its noun: "in uploaded metadata".
    [
      "correct errors in uploaded metadata and uploaded documents",
      ["correct errors in uploaded metadata", "correct errors in uploaded documents"],
    ],
    [
      "quickly turn a course into an event or an event into a course",
      ["quickly turn a course into an event", "quickly turn an event into a course"],
    ],
    // A determiner opens the object: the noun before it belongs to the verb's other phrase.
    [
      "indicate to managers the checksum and checksum method",
      ["indicate to managers the checksum", "indicate to managers checksum method"],
    ],
    // A second action's phrase goes on over a fixed pair, the modifiers of one noun, "do so", and a slash pair.
    ["upload data and provide a cut and paste citation", ["upload data", "provide a cut and paste citation"]],
    ["upload a file and put a CC-By or CC0 license on it", ["upload a file", "put a CC-By or CC0 license on it"]],
    ["harvest metadata via OAI, and continue to do so daily", ["harvest metadata via OAI", "continue to do so daily"]],
    [
      "search for accounts using full/partial email or name",
      ["search for accounts using full/partial email", "search for accounts using name"],
    ],
    // A particle closes the first phrase: "days off and my availability".
    ["record my days off and my on-call availability", ["record my days off", "record my on-call availability"]],
    // "both" belongs to the pair, not to its first part.
    ["create a registration form for both staff and kids", ["create a registration form for staff", "create a registration form for kids"]],
    // Two numbers joined by "and" are values of one item of the list: "Firefox 1.5 and 2".
    [
      "run on Explorer 6 and 7, Firefox 1.5 and 2, and Safari 2",
      ["run on Explorer 6 and 7", "run on Firefox 1.5 and 2", "run on Safari 2"],
    ],
    // "and be ..." is a second action with "be" as its verb.
    [
      "update the address in one place and be assured it reaches every shop",
      ["update the address in one place", "be assured it reaches every shop"],
    ],
    // The comma before the conjunction is no part's.
    ["find research for my course, and be told of new research", ["find research for my course", "be told of new research"]],
    // A question after a verb is its object, in the part and in the split.
    ["upload a photo and see how it looks", ["upload a photo", "see how it looks"]],
    ["export orders and check whether they shipped", ["export orders", "check whether they shipped"]],
    // "that" before a noun is the determiner of the second action's object, not a clause.
    [
      "clean the data in a notebook and productionize that pipeline on a server",
      ["clean the data in a notebook", "productionize that pipeline on a server"],
    ],
  ];
  it("ends each object where the verb they share begins, and gives every part that verb", () => {
    // Not a second clause with its own subject: the subjects of the one clause "ensure" takes.
    const { message, split } = partsOf("ensure the resources, validations and guides are updated");
    assert.match(message, /'ensure the resources', 'ensure validations' and 'ensure guides'/);
    assert.deepEqual(split, ["ensure the resources are updated", "ensure validations are updated", "ensure guides are updated"]);
    const sure = partsOf("make sure the orders and invoices are archived");
    assert.deepEqual(sure.split, ["make sure the orders are archived", "make sure invoices are archived"]);
    // Examples after a list, and its "etc.", are not items of it: each part keeps them.
    const examples = partsOf("export orders, invoices and receipts, such as refunds");
    assert.match(examples.message, /'export orders', 'export invoices' and 'export receipts':/);
    assert.deepEqual(examples.split, [
      "export orders, such as refunds",
      "export invoices, such as refunds",
      "export receipts, such as refunds",
    ]);
    assert.match(partsOf("export orders, invoices, receipts, etc").message, /'export orders', 'export invoices' and 'export receipts':/);
    // Nor is a condition after it.
    const where = partsOf("see the context of a collection, object, or component, where pertinent");
    assert.match(where.message, /'see the context of a collection', 'see object' and 'see component':/);
    assert.deepEqual(where.split, [
      "see the context of a collection, where pertinent",
      "see object, where pertinent",
      "see component, where pertinent",
    ]);
    // "and vice versa" is the same request the other way round: a request of its own, with no split or criterion.
    const yaml = "stories:\n  - id: A-1\n    story: As a clerk, I want to hide the banner of shop A from shop B and vice versa.\n";
    const versa = analyzeBacklog(yaml, "yaml").findings.find((f) => f.ruleId === "story-atomic");
    assert.equal(versa?.messageId, "secondClause");
    assert.match(versa?.message ?? "", /\('vice versa'\)/);
    assert.equal(versa?.fixes, undefined);
    // An adjective with its own complement after a list qualifies it: ", specific to the order".
    const specific = partsOf("attach a label or a set of labels, specific to the order");
    assert.match(specific.message, /'attach a label' and 'attach a set of labels':/);
    assert.deepEqual(specific.split, ["attach a label, specific to the order", "attach a set of labels, specific to the order"]);
    // The comma before the conjunction is no part's, in questions too.
    const questions = partsOf("see which builds are ready, and who signs them off");
    assert.match(questions.message, /'which builds are ready' and 'who signs them off'/);
    assert.deepEqual(questions.split, ["see which builds are ready", "see who signs them off"]);
    // A list of verbs with a comma before its last "and" keeps its first verb.
    const verbs = partsOf("filter, sort, and aggregate data");
    assert.match(verbs.message, /\('filter', 'sort' and 'aggregate data'\)/);
    assert.deepEqual(verbs.split, ["filter data", "sort data", "aggregate data"]);
    // People named by pronouns on either side of a slash are who the story is about, not two features.
    const people = analyzeBacklog("As a clerk, I want guides that I can hand on when he/others leave.\n", "plain").findings;
    assert.equal(people.filter((f) => f.ruleId === "story-atomic").length, 0);
    // A clause of its own stays one: its subject takes a verb of its own.
    const clause = analyzeBacklog("As a clerk, I want to ensure the order is paid and the clerk is told.\n", "plain").findings;
    assert.ok(clause.some((f) => f.ruleId === "story-atomic" && f.messageId === "secondClause"));
  });
  for (const [means, parts] of cases) {
    it(`'${means}': ${parts.map((p) => `'${p}'`).join(", ")}`, () => {
      const { message, split } = partsOf(means);
      for (const p of parts) assert.ok(message.includes(`'${p}'`), `${message} does not name '${p}'`);
      assert.deepEqual(split, parts);
    });
  }
});
