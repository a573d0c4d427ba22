// Stories grouped by a key (an id, a rank, a template phrase), kept up to date between runs of a backlog rule.
import type { Story } from "../model";
import type { WorkspaceStory, WorkspaceView } from "../workspace";
import type { RuleContext } from "./rule";

/** Many changed stories (a paste, a reformat): building again is simpler and as fast. */
const MAX_CHANGED = 64;

/**
 * The positions whose story is not the one that stood there in `previous`, for what a backlog rule keeps between
 * runs and updates for the stories that changed; undefined when the count of stories differs or more than
 * `MAX_CHANGED` changed (build it all again then).
 */
export function changedPositions(previous: readonly Story[], stories: readonly Story[]): number[] | undefined {
  if (previous.length !== stories.length) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < stories.length; i++) {
    if (stories[i] !== previous[i] && changed.push(i) > MAX_CHANGED) return undefined;
  }
  return changed;
}

/**
 * The positions of the stories that share each key, in file order. Updated in place when the next backlog
 * holds the same story objects at most positions (the incremental analyzer keeps unchanged stories' objects),
 * so a keystroke costs one identity check per story instead of rebuilding a map of 10,000 keys.
 */
export class StoryGroups {
  private stories: readonly Story[] = [];
  private keys: (string | undefined)[] = [];
  /** Positions by key: a lone story as a number (most keys, such as ids, are unique), more as a sorted array. */
  private readonly groups = new Map<string, number | number[]>();
  /** The keys more than one story has: `repeats` looks at these only, not at every key on every keystroke. */
  private readonly shared = new Set<string>();
  private revision = 0;

  constructor(private readonly keyOf: (story: Story) => string | undefined) {}

  /** Brings the groups up to date with `stories`; returns this. */
  update(stories: readonly Story[]): this {
    try {
      return this.tryUpdate(stories);
    } catch (error) {
      // A half-made update must not be built on: the next run starts again from nothing.
      this.stories = [];
      this.groups.clear();
      this.shared.clear();
      throw error;
    }
  }

  private tryUpdate(stories: readonly Story[]): this {
    const changed = changedPositions(this.stories, stories);
    this.stories = stories;
    if (!changed) return this.rebuild();
    for (const i of changed) {
      const story = stories[i];
      const key = story ? this.keyOf(story) : undefined;
      if (key === this.keys[i]) continue;
      this.remove(this.keys[i], i);
      this.insert(key, i);
      this.keys[i] = key;
    }
    return this;
  }

  /** The stories with `key` and their positions, in file order. */
  members(key: string): { readonly story: Story; readonly at: number }[] {
    return positions(this.groups.get(key)).map((at) => ({ story: this.stories[at] as Story, at }));
  }

  /** The first story with `key` that passes `test`, else the first with `key` (no list of members made). */
  firstWhere(key: string, test: (story: Story) => boolean): Story | undefined {
    const at = positions(this.groups.get(key));
    for (const k of at) if (test(this.stories[k] as Story)) return this.stories[k];
    return at[0] === undefined ? undefined : this.stories[at[0]];
  }

  /** The first story with `key`. */
  first(key: string): Story | undefined {
    const at = positions(this.groups.get(key))[0];
    return at === undefined ? undefined : this.stories[at];
  }

  /** Each key with the position of its first story and its size, in the order keys first appear in the file. */
  entries(): { readonly key: string; readonly first: number; readonly size: number }[] {
    return [...this.groups.entries()]
      .map(([key, at]) => (typeof at === "number" ? { key, first: at, size: 1 } : { key, first: at[0] ?? 0, size: at.length }))
      .sort((a, b) => a.first - b.first);
  }

  /** Every story after the first of its key, with that first story, in file order (`skip`: keys not reported). */
  repeats(skip?: string): { readonly story: Story; readonly at: number; readonly first: Story }[] {
    const found: { at: number; first: number }[] = [];
    for (const key of this.shared) {
      const at = this.groups.get(key);
      if (at === undefined || typeof at === "number" || key === skip) continue;
      for (let k = 1; k < at.length; k++) found.push({ at: at[k] ?? 0, first: at[0] ?? 0 });
    }
    found.sort((a, b) => a.at - b.at);
    return found.map(({ at, first }) => ({ story: this.stories[at] as Story, at, first: this.stories[first] as Story }));
  }

  get size(): number {
    return this.groups.size;
  }

  /** Changes whenever a key comes or goes: what is derived from the set of keys alone can be kept until then. */
  get keySetRevision(): number {
    return this.revision;
  }

  private rebuild(): this {
    this.revision++;
    this.groups.clear();
    this.shared.clear();
    this.keys = this.stories.map((story, i) => {
      const key = this.keyOf(story);
      this.insert(key, i);
      return key;
    });
    return this;
  }

  private insert(key: string | undefined, i: number): void {
    if (key === undefined) return;
    const at = this.groups.get(key);
    if (at === undefined) {
      this.groups.set(key, i);
      this.revision++;
      return;
    }
    if (typeof at === "number") {
      this.groups.set(key, at < i ? [at, i] : [i, at]);
      this.shared.add(key);
      return;
    }
    // Usually appended while building; an edited story lands in the middle.
    let k = at.length;
    while (k > 0 && (at[k - 1] ?? 0) > i) k--;
    if (k === at.length) at.push(i);
    else at.splice(k, 0, i);
  }

  private remove(key: string | undefined, i: number): void {
    if (key === undefined) return;
    const at = this.groups.get(key);
    if (at === i) {
      this.groups.delete(key);
      this.revision++;
    }
    if (at === undefined || typeof at === "number") return;
    const k = at.indexOf(i);
    if (k < 0) return;
    at.splice(k, 1);
    const [only] = at;
    if (at.length === 1 && only !== undefined) {
      this.groups.set(key, only);
      this.shared.delete(key);
    }
  }
}

const positions = (at: number | number[] | undefined): readonly number[] => (at === undefined ? [] : typeof at === "number" ? [at] : at);

/**
 * The groups a rule keeps under `name` in its per-document memory, brought up to date with the backlog; a
 * fresh set when the rule runs without memory (a one-off analysis). `keyOf` must derive from texts only.
 */
export function storyGroups(
  context: Pick<RuleContext, "memory">,
  name: string,
  stories: readonly Story[],
  keyOf: (story: Story) => string | undefined,
): StoryGroups {
  const memory = context.memory;
  const known = memory?.get(name);
  const groups = known instanceof StoryGroups ? known : new StoryGroups(keyOf);
  memory?.set(name, groups);
  return groups.update(stories);
}

/**
 * The keys of `groups` that the workspace's other files have too (`lookup` finds their stories by key), each with
 * the position of its first story here. The list of keys is kept in the rule's memory under `name` until a key comes
 * or goes here or the other files change: a keystroke that keeps the set of keys costs no look-up at all.
 */
export function sharedWithWorkspace(
  context: Pick<RuleContext, "memory" | "workspace">,
  name: string,
  groups: StoryGroups,
  lookup: (workspace: WorkspaceView, key: string) => readonly WorkspaceStory[],
): readonly { readonly key: string; readonly at: number; readonly others: readonly WorkspaceStory[] }[] {
  const workspace = context.workspace;
  if (!workspace || workspace.size === 0) return [];
  const known = context.memory?.get(name) as { keys: number; workspace: number; shared: readonly string[] } | undefined;
  const shared =
    known?.keys === groups.keySetRevision && known.workspace === workspace.revision
      ? known.shared
      : groups
          .entries()
          .map((e) => e.key)
          .filter((key) => lookup(workspace, key).length > 0);
  context.memory?.set(name, { keys: groups.keySetRevision, workspace: workspace.revision, shared });
  return shared.flatMap((key) => {
    const [first] = groups.members(key);
    return first ? [{ key, at: first.at, others: lookup(workspace, key) }] : [];
  });
}
