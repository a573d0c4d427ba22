// `npm run devset:merge`: merges the two labelling passes of the development set (devset/passes/) into
// devset/labels.tsv, applying devset/decisions.tsv, and lists every disagreement and decision in devset/disagreements.md.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CORPUS, DEVSET } from "./eval";

/** The criteria as the labellers' files name them, and as labels.tsv names them. */
const CRITERIA: readonly (readonly [string, string])[] = [
  ["well_formed", "well_formed"],
  ["atomic", "atomic"],
  ["minimal", "minimal"],
  ["uniform", "uniform"],
  ["unique", "unique"],
  ["benefit", "benefit"],
  ["same_means_other_role", "unique_hint"],
];

type Row = Readonly<Record<string, string>>;

function readTsv(path: string): Row[] {
  const [header, ...lines] = readFileSync(path, "utf8").split("\n");
  const names = (header ?? "").split("\t");
  return lines.filter((l) => l.trim() !== "").map((l) => Object.fromEntries(l.split("\t").map((cell, i) => [names[i] ?? `${i}`, cell])));
}

/** A pass: its rows by the labeller's id ("g02:17", "written/llm-long-payroll:3"), in file order. */
function readPass(folder: string): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith(".tsv"))
    .sort())
    for (const row of readTsv(join(folder, file))) rows.set(row.id ?? "", row);
  return rows;
}

/** The backlogs of the set: each corpus file by its short id ("g02"), and the written ones. */
function backlogs(corpus: string): { name: string; short: string; path: string; written: boolean }[] {
  const corpusFiles = readdirSync(join(DEVSET, "passes", "pass-1"))
    .filter((f) => /^g\d\d-/.test(f))
    .map((f) => f.replace(/\.tsv$/, ""));
  const written = readdirSync(join(DEVSET, "written"))
    .filter((f) => f.endsWith(".stories"))
    .map((f) => f.replace(/\.stories$/, ""));
  return [
    ...corpusFiles.map((name) => ({ name, short: name.slice(0, 3), path: join(corpus, `${name}.txt`), written: false })),
    ...written.map((name) => ({ name, short: `written/${name}`, path: join(DEVSET, "written", `${name}.stories`), written: true })),
  ].sort((a, b) => a.name.localeCompare(b.name));
}

/** The style a written backlog was written in: its name up to the domain ("llm-long", "near-duplicates"). */
const styleOf = (name: string): string =>
  /^(llm-long|examples-remarks|run-on|mixed-templates|near-duplicates|non-native)-/.exec(name)?.[1] ?? name;

function main(): number {
  const corpus = DEFAULT_CORPUS;
  const first = readPass(join(DEVSET, "passes", "pass-1"));
  const second = readPass(join(DEVSET, "passes", "pass-2"));
  const decisions = new Map(readTsv(join(DEVSET, "decisions.tsv")).map((d) => [`${d.id ?? ""}\t${d.criterion ?? ""}`, d]));
  const out = [
    ["id", "source", "text", "sha", ...CRITERIA.map(([, c]) => c), "atomic_kind", "minimal_kind", "uniform_part", "unique_twin", "note"],
  ];
  const listed: string[] = [];
  const unsettled: string[] = [];
  const used = new Set<string>();
  for (const backlog of backlogs(corpus)) {
    const lines = readFileSync(backlog.path, "utf8")
      .replace(/^\uFEFF/, "")
      .split(/\r\n|\r|\n/);
    lines.forEach((raw, i) => {
      const text = raw.trim();
      if (text === "") return;
      const labellerId = `${backlog.short}:${i + 1}`;
      const a = first.get(labellerId);
      const b = second.get(labellerId);
      if (!a || !b) {
        unsettled.push(`${labellerId}: not labelled in ${a ? "pass 2" : "pass 1"}`);
        return;
      }
      const values = CRITERIA.map(([c]) => {
        const key = `${labellerId}\t${c}`;
        const decision = decisions.get(key);
        if (decision) used.add(key);
        if (decision || a[c] !== b[c]) {
          if (!decision) unsettled.push(`${labellerId} ${c}: pass 1 says ${a[c]}, pass 2 says ${b[c]}`);
          listed.push(
            // Corpus stories are not copied into the project: they are named by file and line.
            `- **${labellerId}**, ${c}: pass 1 ${a[c]}, pass 2 ${b[c]}${a[c] === b[c] ? " (both; changed for consistency)" : ""} → **${decision?.value ?? "?"}**. ${decision?.reason ?? ""}${backlog.written ? `\n  > ${text}` : ""}`,
          );
        }
        return decision?.value ?? a[c] ?? "";
      });
      const pick = (column: string, criterion: string): string => (a[criterion] === "1" ? a[column] : b[column]) ?? "";
      const note = [a.note, b.note].filter((n) => n).join(" | ");
      out.push([
        backlog.written ? labellerId : `${backlog.name}:${i + 1}`,
        backlog.written ? `written:${styleOf(backlog.name)}` : `corpus:${backlog.name}`,
        backlog.written ? text : "",
        backlog.written ? "" : createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8),
        ...values,
        pick("atomic_kind", "atomic"),
        pick("minimal_kind", "minimal"),
        pick("uniform_part", "uniform"),
        pick("unique_twin", "unique"),
        note.length > 300 ? `${note.slice(0, 297)}...` : note,
      ]);
    });
  }
  for (const key of decisions.keys()) if (!used.has(key)) unsettled.push(`decision for ${key.replace("\t", " ")} matches no row`);
  if (unsettled.length > 0) {
    console.error(`devset: ${unsettled.length} rows left to settle in devset/decisions.tsv:\n${unsettled.join("\n")}`);
    return 1;
  }
  writeFileSync(join(DEVSET, "labels.tsv"), `${out.map((r) => r.join("\t")).join("\n")}\n`);
  writeFileSync(
    join(DEVSET, "disagreements.md"),
    `# Disagreements between the two passes, and how each was settled\n\nMade by \`npm run devset:merge\` from devset/passes/ and devset/decisions.tsv; ${listed.length} entries.\n\n${listed.join("\n")}\n`,
  );
  console.log(`devset/labels.tsv: ${out.length - 1} stories; devset/disagreements.md: ${listed.length} settled`);
  return 0;
}

process.exitCode = main();
