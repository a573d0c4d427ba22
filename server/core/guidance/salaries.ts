// Pay ranges as the sources write them ("$85,000 - $125,000", "$180,000 - $250,000+"), and where PO and PM ranges
// overlap: worked out from the figures, so the sidebar can show the overlap plainly instead of leaving it to the eye.
import type { SalarySet, SalaryText } from "./types";

/** A range in dollars; `openEnded` when the source wrote "+" after the top figure. */
export interface PayRange {
  readonly low: number;
  readonly high: number;
  readonly openEnded: boolean;
}

/** Reads "$85,000 - $125,000" or "$150,000 - $190,000+"; undefined for anything else. */
export function parsePayRange(text: SalaryText): PayRange | undefined {
  const m = /^\$([\d,]+) - \$([\d,]+)(\+?)$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const low = Number(m[1].replace(/,/g, ""));
  const high = Number(m[2].replace(/,/g, ""));
  return low <= high ? { low, high, openEnded: m[3] === "+" } : undefined;
}

/** "$110,000". */
export const formatPay = (dollars: number): string => `$${dollars.toLocaleString("en-US")}`;

/** "$110k" for whole thousands, "$76,274" otherwise: short enough for a narrow sidebar, exact when the source is. */
const formatPayShort = (dollars: number): string => (dollars % 1000 === 0 ? `$${dollars / 1000}k` : formatPay(dollars));

/** "$110k–$140k", "$180k–$250k+", "$76,274–$155,131": a range for a table cell. */
export const formatPayRangeShort = (range: PayRange): string =>
  `${formatPayShort(range.low)}–${formatPayShort(range.high)}${range.openEnded ? "+" : ""}`;

/** A range as a source wrote it, shortened for a table cell; text that is not a range is shown as it is. */
export function shortPayText(text: SalaryText): string {
  const range = parsePayRange(text);
  return range ? formatPayRangeShort(range) : text;
}

/** "$110,000 - $140,000". */
export const formatPayRange = (range: PayRange): string =>
  `${formatPay(range.low)} - ${formatPay(range.high)}${range.openEnded ? "+" : ""}`;

/**
 * The dollars two ranges share, or undefined when they only touch or do not meet. An open top ("+") counts only up
 * to the figure written: what lies above it, the source does not say.
 */
export function overlapOf(a: PayRange, b: PayRange): PayRange | undefined {
  const low = Math.max(a.low, b.low);
  const high = Math.min(a.high, b.high);
  return low < high ? { low, high, openEnded: false } : undefined;
}

/** The overlap of two ranges as written, or undefined when either is missing or unreadable or they do not overlap. */
export function overlapOfTexts(a: SalaryText | undefined, b: SalaryText | undefined): PayRange | undefined {
  const ra = a === undefined ? undefined : parsePayRange(a);
  const rb = b === undefined ? undefined : parsePayRange(b);
  return ra && rb ? overlapOf(ra, rb) : undefined;
}

/** For each PO level of a source, the PM levels whose ranges overlap it (levels without a PO figure are left out). */
export function crossLevelOverlaps(set: SalarySet): { readonly level: string; readonly productManagerLevels: readonly string[] }[] {
  const levels = set.levels ?? [];
  return levels.flatMap((po) => {
    if (po.productOwner === undefined) return [];
    const pmLevels = levels.filter((pm) => overlapOfTexts(po.productOwner, pm.productManager)).map((pm) => pm.level);
    return [{ level: po.level, productManagerLevels: pmLevels }];
  });
}

/** One plain sentence on how a source's PO ranges reach into its PM ranges, level by level. */
export function crossLevelSentence(set: SalarySet): string | undefined {
  const overlaps = crossLevelOverlaps(set).filter((o) => o.productManagerLevels.length > 0);
  if (overlaps.length === 0) return undefined;
  const names = (levels: readonly string[]): string =>
    levels.length > 1 ? `${levels.slice(0, -1).join(", ")} and ${levels[levels.length - 1] ?? ""}` : (levels[0] ?? "");
  const parts = overlaps.map((o) => `${o.level} PO overlaps PM ${names(o.productManagerLevels)}`);
  return `Across levels: ${parts.join("; ")}.`;
}
