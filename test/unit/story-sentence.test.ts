// The story sentence parser: every phrasing of FACTS.md section 1, with exact spans.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseStorySentence } from "../../server/core/parse/story-sentence";

const parts = (text: string) => {
  const s = parseStorySentence(text);
  return { role: s.role?.text, means: s.means?.text, ends: s.ends?.text, meansMarker: s.meansMarker?.text, endsMarker: s.endsMarker?.text };
};

describe("parseStorySentence", () => {
  const cases: [string, ReturnType<typeof parts>][] = [
    [
      "As a shopper, I want to save my card, so that I pay faster.",
      { role: "shopper", means: "save my card", ends: "I pay faster", meansMarker: "I want to", endsMarker: "so that" },
    ],
    [
      "As an admin I want refunds so that I can check them",
      { role: "admin", means: "refunds", ends: "I can check them", meansMarker: "I want", endsMarker: "so that" },
    ],
    [
      "As Admin, I can export orders.",
      { role: "Admin", means: "export orders", ends: undefined, meansMarker: "I can", endsMarker: undefined },
    ],
    [
      "As the owner, I would like to close the shop, in order to rest.",
      { role: "owner", means: "close the shop", ends: "rest", meansMarker: "I would like to", endsMarker: "in order to" },
    ],
    [
      "As a user, I'd like to log in.",
      { role: "user", means: "log in", ends: undefined, meansMarker: "I'd like to", endsMarker: undefined },
    ],
    [
      "As a user, I’d like to log in.",
      { role: "user", means: "log in", ends: undefined, meansMarker: "I’d like to", endsMarker: undefined },
    ],
    [
      "As a user, I need to reset my password, so I can get back in.",
      { role: "user", means: "reset my password", ends: "I can get back in", meansMarker: "I need to", endsMarker: "so" },
    ],
    [
      "As a user, I want to be able to undo.",
      { role: "user", means: "undo", ends: undefined, meansMarker: "I want to be able to", endsMarker: undefined },
    ],
    [
      "As a user, I don't want to see ads.",
      { role: "user", means: "see ads", ends: undefined, meansMarker: "I don't want to", endsMarker: undefined },
    ],
    [
      "As a user, I am able to do so many things.",
      { role: "user", means: "do so many things", ends: undefined, meansMarker: "I am able to", endsMarker: undefined },
    ],
    [
      "As a listener, I want to subscribe with 1 tap so new episodes appear in my app.",
      {
        role: "listener",
        means: "subscribe with 1 tap",
        ends: "new episodes appear in my app",
        meansMarker: "I want to",
        endsMarker: "so",
      },
    ],
    [
      "As a cashier, I want to print receipts so customers received what they paid for.",
      {
        role: "cashier",
        means: "print receipts",
        ends: "customers received what they paid for",
        meansMarker: "I want to",
        endsMarker: "so",
      },
    ],
    // A "so" with no subject and verb of its own after it is no clause: "do so quickly and see", "(so ... appear)".
    [
      "As a user, I want to do so quickly and see results.",
      { role: "user", means: "do so quickly and see results", ends: undefined, meansMarker: "I want to", endsMarker: undefined },
    ],
    [
      "As a user, I want to tag items (so tags appear in both lists).",
      { role: "user", means: "tag items (so tags appear in both lists)", ends: undefined, meansMarker: "I want to", endsMarker: undefined },
    ],
    ["As a user, search the catalog.", { role: "user", means: undefined, ends: undefined, meansMarker: undefined, endsMarker: undefined }],
    [
      "I want to export, so that I file taxes.",
      { role: undefined, means: "export", ends: "I file taxes", meansMarker: "I want to", endsMarker: "so that" },
    ],
  ];
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(parts(text), expected));
  }

  it("gives file-absolute spans that slice back to each part", () => {
    const text = "  As a shopper, I want to pay, so that I get goods. Then more.";
    const base = 100;
    const s = parseStorySentence(text, base);
    for (const p of [s.roleMarker, s.role, s.meansMarker, s.means, s.endsMarker, s.ends, s.trailing]) {
      assert.ok(p);
      assert.equal(text.slice(p.span.start - base, p.span.end - base), p.text);
    }
    assert.equal(s.trailing?.text, "Then more.");
  });

  it("does not split at abbreviations or inside brackets", () => {
    assert.equal(parseStorySentence("As a user, I want to pick e.g. a colour (i.e. red. or blue), so that it fits.").trailing, undefined);
  });

  it("never throws on odd input", () => {
    for (const text of ["", " ", "As", "as a", "I want", "so that", "\u0000\uFFFF", "As a ".repeat(1000)]) parseStorySentence(text);
  });
});
