// Random YAML backlogs in many spellings, and YAML-aware mutations, for the fast-reader equivalence tests.
import { pick } from "./random";

const ROLES = ["shopper", "store admin", "guest", "returning shopper", "auditor"];
const MEANS = ["save my card", "pay with one click", "see my orders", "export a report", "reset my password"];
const ENDS = ["I pay faster", "nobody else can use it", "I can check the numbers", "I get my goods"];
const STATUSES = ["ready", "draft", "done", "in progress", "bogus", "new"];
const SCALARS = [
  "~",
  "null",
  "Null",
  "true",
  "FALSE",
  "0x1F",
  "0o17",
  "012",
  "+12",
  "-3",
  "1.5",
  "1.",
  ".5",
  "1e3",
  "-.inf",
  ".NaN",
  "1_000",
  "0b1",
  "'quoted'",
  '"dq"',
  "''",
  '""',
  "x: y",
  "a #b",
  "a#b",
  "-x",
  "- x",
  "?x",
  ":x",
  "[a]",
  "[]",
  "{a: 1}",
  "&a x",
  "*a",
  "!!str 1",
  "|",
  ">",
  "@x",
  "%x",
  "http://x.y/z",
  "it's",
  "'it''s'",
  '"a\\"b"',
  '"a\\tb"',
  "“curly”",
];

/** A comment at a random column, or nothing. */
const maybeComment = (random: () => number): string => (random() < 0.15 ? `  # ${pick(random, ["note", "TODO", "x: y", "#"])}` : "");

function quoteMaybe(random: () => number, text: string): string {
  const r = random();
  if (r < 0.15) return `"${text}"`;
  if (r < 0.25) return `'${text.replace(/'/g, "''")}'`;
  return text;
}

function sentence(random: () => number): string {
  const role = pick(random, ROLES);
  const means = pick(random, MEANS);
  const r = random();
  if (r < 0.1) return `I want to ${means}`;
  if (r < 0.3) return `As a ${role}, I want to ${means}.`;
  return `As a ${role}, I want to ${means}, so that ${pick(random, ENDS)}.`;
}

/** One story item, with the dash at `indent` columns. */
function storyItem(random: () => number, indent: number, n: number, eol: string): string {
  const pad = " ".repeat(indent);
  const key = " ".repeat(indent + 2);
  const lines: string[] = [];
  const fields: string[] = [];
  if (random() < 0.9) fields.push(`id: ${pick(random, [`S-${n}`, String(n), `"S-${n}"`])}`);
  if (random() < 0.5) fields.push(`title: ${quoteMaybe(random, `Story ${n}`)}`);
  if (random() < 0.9) fields.push(`story: ${quoteMaybe(random, sentence(random))}`);
  if (random() < 0.7) {
    const count = Math.floor(random() * 4);
    if (count === 0) fields.push(random() < 0.5 ? "acceptance: []" : "acceptance:");
    else if (random() < 0.2) fields.push(`acceptance: [${Array.from({ length: count }, (_, i) => `c${i}`).join(", ")}]`);
    else {
      const itemPad = random() < 0.5 ? "  " : "";
      fields.push(
        [
          "acceptance:",
          ...Array.from(
            { length: count },
            () => `${itemPad}  - ${quoteMaybe(random, "Given a cart, when I pay, then I get a receipt")}${maybeComment(random)}`,
          ),
        ].join(`${eol}${key}`),
      );
    }
  }
  if (random() < 0.5) fields.push(`estimate: ${pick(random, ["3", "5", "1.5", "L", "~", ".inf", "0x10"])}`);
  if (random() < 0.5) fields.push(`priority: ${pick(random, ["1", "2", "high", "-1", "0o7"])}`);
  if (random() < 0.5) fields.push(`status: ${pick(random, STATUSES)}`);
  if (random() < 0.3) fields.push(`dependsOn: [${pick(random, ["S-1", "S-2, S-3", " 4 ", "'S-9'", ""])}]`);
  if (random() < 0.1) fields.push(`${pick(random, ["notes", "tags", "owner", "Story"])}: ${pick(random, SCALARS)}`);
  if (random() < 0.2) fields.push(`${pick(random, ["title", "notes", "estimate"])}: ${pick(random, SCALARS)}`);
  if (fields.length === 0 || random() < 0.03) return `${pad}- ${quoteMaybe(random, sentence(random))}${eol}`;
  lines.push(`${pad}- ${fields[0] ?? ""}${maybeComment(random)}`);
  for (const f of fields.slice(1)) lines.push(`${key}${f}${maybeComment(random)}`);
  if (random() < 0.1) lines.push(pick(random, ["", "# between", `${pad}# between`, `${key}# inside`]));
  return lines.join(eol) + eol;
}

/** A whole backlog: a header in random order, the stories list, sometimes keys after it. */
export function randomBacklog(random: () => number, stories: number): string {
  const eol = random() < 0.2 ? "\r\n" : "\n";
  const indent = pick(random, [0, 2, 2, 2, 4]);
  const parts: string[] = [];
  if (random() < 0.5) parts.push(`# A backlog${eol}`);
  const header = [
    `product: ${quoteMaybe(random, "Checkout")}${eol}`,
    `productGoal: Returning shoppers pay in under 30 seconds${eol}`,
    // Flow collections in the header too, as the README's sample writes the events (read by `yaml`, the stories not).
    pick(random, [
      `personas:${eol}  - name: shopper${eol}  - ${pick(random, ["admin", '""', "~"])}${eol}`,
      `personas:${eol}  - name: shopper${eol}  - ${pick(random, ["admin", '""', "~"])}${eol}`,
      `personas: [shopper, { name: admin }]${eol}`,
    ]),
    pick(random, [
      `sprint:${eol}  length: ${pick(random, ["2 weeks", "10", "~"])}${eol}  events:${eol}    - name: Sprint Review${eol}      duration: 2h${eol}`,
      `sprint:${eol}  length: ${pick(random, ["2 weeks", "10", "~"])}${eol}  events:${eol}    - name: Sprint Review${eol}      duration: 2h${eol}`,
      `sprint:${eol}  goal: Pay faster${eol}  events:${eol}    - { name: Sprint Planning, duration: 4h }${eol}    - { name: Daily Scrum, duration: 15m }${eol}`,
      `sprint: { length: 2 weeks, events: [{ name: Sprint Review, duration: 2h }] }${eol}`,
      `sprint:${eol}  events: [ { name: Retro${eol}`,
    ]),
  ].filter(() => random() < 0.7);
  parts.push(...header.slice(0, Math.floor(header.length / 2)));
  parts.push(`stories:${maybeComment(random)}${eol}`);
  if (random() < 0.1) parts.push(`  # the stories${eol}`);
  for (let i = 0; i < stories; i++) parts.push(storyItem(random, indent, i + 1, eol));
  if (random() < 0.1) parts.push(pick(random, [`# end${eol}`, `${eol}`, `  # trailing${eol}`]));
  parts.push(...header.slice(Math.floor(header.length / 2)));
  if (random() < 0.05) parts.push(pick(random, [`unknown: 1${eol}`, `stories: []${eol}`, `---${eol}`]));
  let text = parts.join("");
  if (random() < 0.1) text = text.trimEnd();
  return text;
}

const TOKENS = [
  " ",
  "  ",
  "#",
  " # c",
  "-",
  "- ",
  ":",
  ": ",
  "'",
  '"',
  "[",
  "]",
  ",",
  "{",
  "&a ",
  "*a",
  "!",
  "|",
  ">",
  "\t",
  "\r",
  "\n",
  "\n  ",
  "\n    ",
  "\n  - ",
  "x",
  "As a ",
  "so that ",
  "\\",
  "~",
  "1",
  "\uFEFF",
];

/** A small, YAML-aware edit: what a user typing (or a bad paste) does to a backlog. */
export function mutateYaml(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const r = random();
  if (r < 0.4) return text.slice(0, at) + pick(random, TOKENS) + text.slice(at);
  if (r < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 6));
  if (r < 0.85) {
    // Retype a line's indentation.
    const lineStart = text.lastIndexOf("\n", at - 1) + 1;
    return text.slice(0, lineStart) + pick(random, ["", " ", "  ", "    "]) + text.slice(lineStart).replace(/^ */, "");
  }
  const line = text.slice(text.lastIndexOf("\n", at - 1) + 1, text.indexOf("\n", at) < 0 ? text.length : text.indexOf("\n", at) + 1);
  return text.slice(0, at) + line + text.slice(at);
}
