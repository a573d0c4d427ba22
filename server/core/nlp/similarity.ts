// Text normalisation and similarity measures for duplicate stories and nearest-persona suggestions.

const STOP_WORDS = new Set([
  "a",
  "an",
  "the",
  "to",
  "of",
  "in",
  "on",
  "for",
  "and",
  "or",
  "my",
  "our",
  "their",
  "i",
  "we",
  "be",
  "able",
  "can",
  "so",
  "that",
  "it",
  "is",
  "are",
  "with",
  "by",
  "from",
  "at",
  "as",
  "all",
  "any",
  "this",
  "these",
  "those",
  "me",
  "us",
  "them",
]);

/** Lower-cased words, apostrophes kept, everything else a separator. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** A crude stem: enough to treat "reports"/"report" and "searching"/"search" alike. */
export function stem(word: string): string {
  return word
    .replace(/'s$/, "")
    .replace(/(?<=\w{3})(?:ing|ed|es|s)$/, "")
    .replace(/(?<=\w{3})e$/, "");
}

/** The content words of a text, stemmed. */
export function contentStems(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
}

/** Normalised text for exact-duplicate comparison: words only, lower case. */
export function normalise(text: string): string {
  return words(text).join(" ");
}

/** Dice coefficient on word bigrams of the stems: 1 for equal texts, near 1 for near-duplicates. */
export function similarity(a: string, b: string): number {
  const grams = (t: string): string[] => {
    const w = words(t).map(stem);
    if (w.length < 2) return w;
    return w.slice(1).map((x, i) => `${w[i] ?? ""} ${x}`);
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.length === 0 || gb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of ga) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of gb) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}

/** Edit distance between two short strings (persona names), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}
