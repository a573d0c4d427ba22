// A backlog rule's reports kept between runs (story-reports.ts) keep no earlier version of the file alive.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IncrementalAnalyzer } from "../../server/core/incremental";
import type { BacklogFormat } from "../../server/core/model";
import { versionsAliveAfterTyping } from "../support/heap";

/** The sizes of the versions of a text alive after typing across it, each version analysed by one analyzer. */
function versionsAlive(format: BacklogFormat, marker: string, make: () => string): Promise<{ alive: number[]; last: number }> {
  const analyzer = new IncrementalAnalyzer(format);
  return versionsAliveAfterTyping(marker, make, (text) => analyzer.analyze(text), "very ");
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
