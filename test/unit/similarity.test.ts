// The normal forms duplicates are compared by: contractions, articles, hyphens and number words, and the fast
// path for plain words giving the same key as the word-by-word path.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { requestKey, requestStems, typoDistance } from "../../server/core/nlp/similarity";
import { seededRandom } from "../support/random";

describe("requestKey", () => {
  it("writes contractions, hyphens and number words one way", () => {
    assert.equal(requestKey("I don't want to see ads"), requestKey("I do not want to see ads"));
    assert.equal(requestKey("I can't log in"), requestKey("I cannot log in"));
    assert.equal(requestKey("send an e-mail"), requestKey("send an email"));
    assert.equal(requestKey("subscribe with one tap"), requestKey("subscribe with 1 tap"));
    assert.equal(requestKey("see the orders"), "see orders");
    assert.notEqual(requestKey("export to Excel"), requestKey("export to R"));
  });
  it("gives plain words the key the word-by-word path gives (20,000 generated texts)", () => {
    const random = seededRandom(7);
    const vocabulary = "a an the one two ten twelve see view order my report data an1 the2 theme another then".split(" ");
    for (let n = 0; n < 20_000; n++) {
      const words = Array.from({ length: 1 + Math.floor(random() * 7) }, () => vocabulary[Math.floor(random() * vocabulary.length)] ?? "a");
      const plain = words.join(" ");
      // A final "!" keeps the text off the fast path: both must agree.
      assert.equal(requestKey(plain), requestKey(`${plain}!`), plain);
    }
  });
});

/** The optimal string alignment distance from its whole table, as the textbook writes it: what typoDistance must give. */
function tableDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const [row, up] = [rows[i] as number[], rows[i - 1] as number[]];
      let best = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] as number) + 1);
      row[j] = best;
    }
  return rows[a.length]?.[b.length] as number;
}

describe("near-duplicate measures", () => {
  it("counts a swap of two letters as one typo, and tells two words apart", () => {
    assert.equal(typoDistance("recieve", "receive"), 1);
    assert.equal(typoDistance("agent", "event"), 2);
  });
  it("gives the distance the whole table gives, and tells whether two words are within a limit as it does", () => {
    // Random words of few letters, so that many pairs are one or two edits apart (swaps among them).
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const word = (): string => Array.from({ length: 1 + next(10) }, () => "abcd"[next(4)]).join("");
    let within = 0;
    for (let k = 0; k < 20000; k++) {
      const [a, b, limit] = [word(), word(), next(4)];
      assert.equal(typoDistance(a, b), tableDistance(a, b), `'${a}' '${b}'`);
      const expected = tableDistance(a, b) <= limit;
      assert.equal(typoDistance(a, b, limit) <= limit, expected, `'${a}' '${b}' within ${limit}`);
      if (expected) within++;
    }
    assert.ok(within > 2000, `${within} pairs within their limit`);
  });
  it("writes common synonyms as one request", () => {
    assert.deepEqual(requestStems("view my profile"), requestStems("see my profile"));
    assert.deepEqual(requestStems("remove a camper"), requestStems("delete a camper"));
  });
});
