// The hand-labelled part-of-speech gold standard of story means (devset/pos/) and the metrics a tagger is scored by.
//
// The gold files hold offsets only: `id`, `means_start`, `means_end` and `tokens` (`start:end:TAG`, offsets in the
// story text; `A|B` accepts either). The story text is read from the Dalpiaz corpus, which is not copied into the
// repository: id "g02:17" is line 17 of the corpus file whose name starts with "g02-".
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const REPO_ROOT = join(__dirname, "..", "..");
export const POS_DEVSET = join(REPO_ROOT, "devset", "pos");
export const DEFAULT_CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "dalpiaz");
/** The 200 means the tagger's rules were written against, and the 60 labelled after they were frozen. */
export const GOLD_FILES = ["gold-pos.tsv", "gold-heldout-pos.tsv"] as const;
export type GoldFile = (typeof GOLD_FILES)[number];

/** A gold token, with offsets in the means. */
export interface GoldToken {
  readonly start: number;
  readonly end: number;
  /** The accepted tags, the preferred reading first. */
  readonly tags: readonly string[];
  readonly text: string;
}

/** One labelled means. */
export interface GoldMeans {
  readonly id: string;
  readonly means: string;
  readonly tokens: readonly GoldToken[];
}

/** A tagger's token, with offsets in the means. */
export interface PredictedToken {
  readonly start: number;
  readonly end: number;
  readonly tag: string;
}

/** Precision, recall and F1 of one yes/no decision. */
export interface Prf {
  readonly p: number;
  readonly r: number;
  readonly f: number;
}

/** How a tagger did on a gold file. */
export interface PosMetrics {
  readonly tokens: number;
  /** The coarse tag is right (any verb form counts as VERB). */
  readonly accuracy: number;
  /** The verb form is right too. */
  readonly fineAccuracy: number;
  /** VERB against not VERB, leaving out tokens whose gold accepts both. */
  readonly verb: Prf;
  /** VERB:base against the rest, leaving out tokens whose gold accepts both. */
  readonly baseVerb: Prf;
  /** Accuracy on the word right after and / or / & / "/". */
  readonly afterConjunction: number;
  /** Share of those words whose base-verb status is as gold says (where gold is definite). */
  readonly afterConjunctionBase: number;
  /**
   * The atomicity rule's question at each conjunction: a base verb before it and one right after it (past the
   * words the rule skips)? P / R of "yes", and the share of conjunctions where tagger and gold agree.
   */
  readonly split: Prf & { readonly agree: number; readonly scored: number; readonly goldYes: number };
  /** Tokens the tagger gave no tag. */
  readonly missing: number;
  /** Every token whose fine tag is wrong, for reading (quotes corpus words: print, do not store). */
  readonly errors: readonly { readonly id: string; readonly index: number; readonly gold: string; readonly predicted: string }[];
}

/** The corpus file of each gold id's prefix ("g02" -> the lines of g02-federalspending.txt). */
function corpusLines(corpus: string): Map<string, string[]> {
  const byPrefix = new Map<string, string[]>();
  for (const file of readdirSync(corpus).filter((f) => f.endsWith(".txt"))) {
    const prefix = /^(g\d+)-/.exec(file)?.[1];
    if (prefix) byPrefix.set(prefix, readFileSync(join(corpus, file), "utf8").split(/\r?\n/));
  }
  return byPrefix;
}

/** The gold tokenisation: words (letters, digits, inner - ' . kept), "/" and "&". */
const GOLD_TOKEN = /[A-Za-z0-9\u00C0-\u024F]+(?:[-'\u2019.][A-Za-z0-9\u00C0-\u024F]+)*|[/&]/g;

/**
 * Reads a gold file with its means from the corpus. Throws when a story is missing or its means no longer
 * tokenises as the gold does (the corpus was changed): the offsets would then be scored against other text.
 */
export function readGold(file: GoldFile, corpus = DEFAULT_CORPUS): GoldMeans[] {
  const lines = corpusLines(corpus);
  const rows = readFileSync(join(POS_DEVSET, file), "utf8").trim().split("\n").slice(1);
  return rows.map((row) => {
    const [id = "", s = "", e = "", tokenField = ""] = row.split("\t");
    const [prefix = "", lineNumber = ""] = id.split(":");
    const story = lines.get(prefix)?.[Number(lineNumber) - 1];
    if (story === undefined) throw new Error(`${file}: story ${id} is not in ${corpus}`);
    const start = Number(s);
    const means = story.slice(start, Number(e));
    const tokens = tokenField.split(" ").map((t): GoldToken => {
      const [a = "", b = "", ...tag] = t.split(":");
      const ts = Number(a) - start;
      const te = Number(b) - start;
      return { start: ts, end: te, tags: tag.join(":").split("|"), text: means.slice(ts, te) };
    });
    const expected = [...means.matchAll(GOLD_TOKEN)].map((m) => `${m.index}:${m.index + m[0].length}`).join(" ");
    if (expected !== tokens.map((t) => `${t.start}:${t.end}`).join(" "))
      throw new Error(`${file}: the corpus text of ${id} no longer fits the gold offsets`);
    return { id, means, tokens };
  });
}

/** Whether the corpus the gold needs is there; the reason when it is not. */
export function corpusAbsence(corpus = DEFAULT_CORPUS): string | undefined {
  return existsSync(corpus) ? undefined : `corpus folder ${corpus} is absent (see ../shared/corpus/dalpiaz/README.md)`;
}

/** The words server/core/rules/story-atomic.ts skips between a conjunction and the verb it introduces. */
const SKIPPABLE = new Set(["to", "then", "also", "later", "afterwards", "subsequently", "maybe", "possibly", "optionally", "be", "able"]);
const coarse = (tag: string | undefined): string => (tag === undefined ? "" : (tag.split(":")[0] ?? ""));

/**
 * The predicted tag of each gold token: the overlapping predicted token; for a word with an apostrophe the first
 * piece ("do" of "don't"), otherwise the longest overlap, the last on a tie ("existent" of "non-existent").
 */
function align(gold: readonly GoldToken[], predicted: readonly PredictedToken[]): (string | undefined)[] {
  return gold.map((g) => {
    const over = predicted.filter((p) => p.start < g.end && p.end > g.start);
    const first = over[0];
    if (!first) return undefined;
    if (first.start <= g.start && over.length > 1 && /['\u2019]/.test(g.text)) return first.tag;
    const overlap = (p: PredictedToken): number => Math.min(p.end, g.end) - Math.max(p.start, g.start);
    return over.reduce((best, p) => (overlap(p) >= overlap(best) ? p : best)).tag;
  });
}

function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return { p, r, f: (2 * p * r) / (p + r || 1) };
}

/** Scores a tagger's output, one token list per gold means in the same order. */
export function scorePos(gold: readonly GoldMeans[], predictions: readonly (readonly PredictedToken[])[]): PosMetrics {
  const c = {
    n: 0,
    coarse: 0,
    fine: 0,
    vTP: 0,
    vFP: 0,
    vFN: 0,
    bTP: 0,
    bFP: 0,
    bFN: 0,
    acN: 0,
    acOK: 0,
    acBaseN: 0,
    acBaseOK: 0,
    missing: 0,
  };
  const split = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const errors: { id: string; index: number; gold: string; predicted: string }[] = [];
  gold.forEach((g, k) => {
    const predicted = align(g.tokens, predictions[k] ?? []);
    g.tokens.forEach((t, i) => {
      const p = predicted[i];
      const tags = t.tags;
      c.n++;
      if (p === undefined) c.missing++;
      const okCoarse = tags.some((x) => coarse(x) === coarse(p));
      c.coarse += Number(okCoarse);
      c.fine += Number(p !== undefined && tags.includes(p));
      // 1: gold is a verb (base verb) whatever reading is taken; -1: gold allows both; 0: gold is not.
      const goldVerb = tags.every((x) => coarse(x) === "VERB") ? 1 : tags.some((x) => coarse(x) === "VERB") ? -1 : 0;
      const predVerb = coarse(p) === "VERB";
      if (goldVerb >= 0) {
        if (predVerb && goldVerb) c.vTP++;
        else if (predVerb) c.vFP++;
        else if (goldVerb) c.vFN++;
      }
      const goldBase = tags.every((x) => x === "VERB:base") ? 1 : tags.includes("VERB:base") ? -1 : 0;
      const predBase = p === "VERB:base";
      if (goldBase >= 0) {
        if (predBase && goldBase) c.bTP++;
        else if (predBase) c.bFP++;
        else if (goldBase) c.bFN++;
      }
      const prev = g.tokens[i - 1];
      if (prev && (prev.tags.includes("CCONJ") || (prev.tags[0] === "SYM" && /^[/&]$/.test(prev.text)))) {
        c.acN++;
        c.acOK += Number(okCoarse);
        if (goldBase >= 0) {
          c.acBaseN++;
          c.acBaseOK += Number((goldBase === 1) === predBase);
        }
      }
      const word = t.text.toLowerCase();
      if (tags.includes("CCONJ") || word === "/" || word === "&") {
        let j = i + 1;
        while (j < g.tokens.length && SKIPPABLE.has(g.tokens[j]?.text.toLowerCase() ?? "")) j++;
        const next = g.tokens[j];
        // Left out where gold allows both a base verb and something else after the conjunction.
        if (next && (next.tags.every((x) => x === "VERB:base") || !next.tags.includes("VERB:base"))) {
          const goldSplit = next.tags[0] === "VERB:base" && g.tokens.slice(0, i).some((b) => b.tags[0] === "VERB:base");
          const predSplit = predicted[j] === "VERB:base" && predicted.slice(0, i).some((b) => b === "VERB:base");
          split[goldSplit ? (predSplit ? "tp" : "fn") : predSplit ? "fp" : "tn"]++;
        }
      }
      if (p === undefined || !tags.includes(p)) errors.push({ id: g.id, index: i, gold: tags.join("|"), predicted: p ?? "-" });
    });
  });
  const scored = split.tp + split.fp + split.fn + split.tn;
  return {
    tokens: c.n,
    accuracy: c.coarse / c.n,
    fineAccuracy: c.fine / c.n,
    verb: prf(c.vTP, c.vFP, c.vFN),
    baseVerb: prf(c.bTP, c.bFP, c.bFN),
    afterConjunction: c.acOK / (c.acN || 1),
    afterConjunctionBase: c.acBaseOK / (c.acBaseN || 1),
    split: { ...prf(split.tp, split.fp, split.fn), agree: (split.tp + split.tn) / (scored || 1), scored, goldYes: split.tp + split.fn },
    missing: c.missing,
    errors,
  };
}
