// Where two versions of a text begin and end alike: the part an edit left as it was, found without a diff.

const BLOCK = 4096;

/** Length of the common prefix of two strings, compared in blocks (string equality is a fast native compare). */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= max && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of two strings that leaves `limit` characters (the common prefix) out of it. */
export function commonSuffix(a: string, b: string, limit: number): number {
  const max = Math.min(a.length, b.length) - limit;
  let i = 0;
  while (i + BLOCK <= max && a.slice(a.length - i - BLOCK, a.length - i) === b.slice(b.length - i - BLOCK, b.length - i)) i += BLOCK;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * A string of its own with the text of `slice`: a slice (and what is read from it) shares the string it was cut
 * from, and one kept in a cache would keep that whole version of a file alive as long as the cache.
 */
export const ownText = (slice: string): string => `\u0000${slice}`.slice(1);
