// What is alive on the heap, from a snapshot: for tests that what a reader keeps does not keep old texts alive.
import { getHeapSnapshot } from "node:v8";

interface Snapshot {
  readonly snapshot: {
    readonly meta: {
      readonly node_fields: string[];
      readonly node_types: [string[], ...unknown[]];
      readonly edge_fields: string[];
      readonly edge_types: [string[], ...unknown[]];
    };
  };
  readonly nodes: number[];
  readonly edges: number[];
  readonly strings: string[];
}

/** The kinds of V8's roots that hold what the program holds; the others are V8's own (handle scopes, caches). */
const PROGRAM_ROOTS = new Set(["(Stack roots)", "(Global handles)"]);

/**
 * The sizes in bytes of the flat strings that start with `prefix` and that the program reaches, after a full garbage
 * collection (taking a snapshot makes one). A slice of a string (slice, substring, a match of a regular expression)
 * of 13 characters or more points into the string it was cut from and keeps it alive whole: a version of a file
 * that only such a slice holds is counted here. Reached from what the program holds (its stack, global handles,
 * Node's roots), not from the roots V8 keeps for its own work: now and then one of those holds a version for a while
 * (the scope a function being optimized was made in). Call it from a frame that did not make the versions it looks
 * for: a frame's stale registers may still hold them.
 */
export async function stringsAlive(prefix: string): Promise<number[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  const { snapshot, nodes, edges, strings } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Snapshot;
  const { node_fields: nodeFields, edge_fields: edgeFields } = snapshot.meta;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ["type", "name", "self_size", "edge_count"].map((f) => nodeFields.indexOf(f)) as [
    number,
    number,
    number,
    number,
  ];
  const [edgeTypeAt, toAt] = ["type", "to_node"].map((f) => edgeFields.indexOf(f)) as [number, number];
  const stringType = snapshot.meta.node_types[0].indexOf("string");
  const weak = snapshot.meta.edge_types[0].indexOf("weak");
  const fields = nodeFields.length;
  // Each node's first edge, then a walk from the root (node 0) along strong edges.
  const firstEdge = new Uint32Array(nodes.length / fields + 1);
  for (let n = 0, e = 0; n < nodes.length / fields; n++) {
    firstEdge[n] = e;
    e += (nodes[n * fields + edgeCountAt] as number) * edgeFields.length;
  }
  firstEdge[nodes.length / fields] = edges.length;
  const nameOf = (n: number): string => strings[nodes[n * fields + nameAt] as number] ?? "";
  let gcRoots = -1;
  for (let e = firstEdge[0] as number; e < (firstEdge[1] as number); e += edgeFields.length)
    if (nameOf((edges[e + toAt] as number) / fields) === "(GC roots)") gcRoots = (edges[e + toAt] as number) / fields;
  const reached = new Uint8Array(nodes.length / fields);
  const stack = [0];
  reached[0] = 1;
  const sizes: number[] = [];
  while (stack.length > 0) {
    const n = stack.pop() as number;
    if (nodes[n * fields + typeAt] === stringType && nameOf(n).startsWith(prefix)) sizes.push(nodes[n * fields + sizeAt] as number);
    for (let e = firstEdge[n] as number; e < (firstEdge[n + 1] as number); e += edgeFields.length) {
      if (edges[e + edgeTypeAt] === weak) continue;
      const to = (edges[e + toAt] as number) / fields;
      if (n === gcRoots && !PROGRAM_ROOTS.has(nameOf(to))) continue;
      if (reached[to] === 0) {
        reached[to] = 1;
        stack.push(to);
      }
    }
  }
  return sizes;
}

/** What a test holds while it looks at the heap: the reader whose kept state is what is looked at. */
const holding: unknown[] = [];

/**
 * Types `typed` before the "I want to" of eight stories spread over the text `make` makes, one story after another,
 * reading each version: the last version and the first one's length. A function of its own, so that no stale
 * register of its frame holds a version when the caller looks at what is alive.
 */
function typeAcross(make: () => string, read: (text: string) => void, typed: string): { text: string; firstLength: number } {
  let text = make();
  const firstLength = text.length;
  read(text);
  for (let e = 1; e <= 8; e++) {
    const at = text.indexOf("I want to", Math.floor((text.length * e) / 9));
    text = `${text.slice(0, at)}${typed}${text.slice(at)}`;
    read(text);
  }
  return { text, firstLength };
}

/**
 * The sizes of the versions of a text (from `make`, its first line `marker`) alive after typing `typed` across it
 * and reading each version with `read`, which is held (with what it keeps) while the heap is looked at; and the
 * last version's length (it is alive: held here). A version is counted when it is at least as long as the first.
 */
export async function versionsAliveAfterTyping(
  marker: string,
  make: () => string,
  read: (text: string) => void,
  typed: string,
): Promise<{ alive: number[]; last: number }> {
  holding.push(read);
  const { text, firstLength } = typeAcross(make, read, typed);
  const alive = (await stringsAlive(marker)).filter((size) => size >= firstLength);
  holding.length = 0;
  return { alive, last: text.length };
}
