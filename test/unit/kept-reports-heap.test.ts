// A backlog rule's reports kept between runs (story-reports.ts) keep no earlier version of the file alive.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IncrementalAnalyzer } from "../../server/core/incremental";
import type { BacklogFormat } from "../../server/core/model";
import { stringsAlive } from "../support/heap";

/** What the test holds while it looks at the heap: the analyzer, whose kept reports are what is looked at. */
const held: IncrementalAnalyzer[] = [];

/**
 * Types before the "I want to" of eight stories spread over the text, one after another, analysing each version. A
 * function of its own, so that no stale register of its frame holds a version when the caller looks at the heap.
 */
function typeAcross(analyzer: IncrementalAnalyzer, make: () => string): { text: string; firstLength: number } {
  let text = make();
  const firstLength = text.length;
  analyzer.analyze(text);
  for (let e = 1; e <= 8; e++) {
    const at = text.indexOf("I want to", Math.floor((text.length * e) / 9));
    text = `${text.slice(0, at)}very ${text.slice(at)}`;
    analyzer.analyze(text);
  }
  return { text, firstLength };
}

/** The sizes of the versions of a text (from `make`, its first line `marker`) alive after typing across it. */
async function versionsAlive(format: BacklogFormat, marker: string, make: () => string): Promise<{ alive: number[]; last: number }> {
  const analyzer = new IncrementalAnalyzer(format);
  held.push(analyzer);
  const typed = typeAcross(analyzer, make);
  const alive = (await stringsAlive(marker)).filter((size) => size >= typed.firstLength);
  held.length = 0;
  return { alive, last: typed.text.length };
}

describe("reports kept between runs", () => {
  // story-atomic's split fixes are written from slices of the whole text (the sentence with a part cut, the
  // criteria copied); kept while their story is unchanged, each kept the version it was written from: typing once
  // in each of 150 stories of a 10,000-story file kept 36 MB (Markdown) and 26 MB (a plain list) of old versions.
  const cases: readonly { format: BacklogFormat; marker: string; story: (i: number) => string }[] = [
    {
      format: "plain",
      marker: "# Kept reports 9c41, a plain list\n",
      story: (i) => `As a clerk, I want to export the orders ${i} and the invoices ${i}, so that I can file them.\n`,
    },
    {
      format: "markdown",
      marker: "# Kept reports 9c41, Markdown\n\n",
      story: (i) =>
        `## ORDERS-${1000 + i} Export orders ${i}\n\nAs a clerk, I want to export the orders ${i} and the invoices ${i}, so that I can file them.\n\n### Acceptance criteria\n\n- Given orders ${i}, when I export them, then I get a file.\n\n`,
    },
  ];
  for (const { format, marker, story } of cases) {
    it(`keeps only the last version of a ${format} file alive, with story-atomic's split fixes kept`, async () => {
      const make = (): string => marker + Array.from({ length: 300 }, (_, i) => story(i)).join("");
      const { alive, last } = await versionsAlive(format, marker, make);
      assert.equal(alive.length, 1, `versions alive (bytes): ${alive.join(", ")}; only the last (${last} characters) is held`);
    });
  }
});
