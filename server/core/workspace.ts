// The other backlog files of a workspace as read-only context for the backlog-wide rules: their stories' ids,
// titles, sentences and dependsOn, indexed once per change of a file, never re-read on a keystroke.
import type { Backlog, Span, Story, TextPart } from "./model";
import { requestKey } from "./nlp/similarity";

/** One story of a workspace file, copied out of its analysis (the incremental analyzer moves stories in place). */
export interface WorkspaceStory {
  readonly uri: string;
  /** The file's name as messages show it (a path relative to its workspace folder, or the CLI's display path). */
  readonly file: string;
  readonly index: number;
  readonly span: Span;
  readonly id?: TextPart;
  readonly title?: TextPart;
  readonly sentence?: TextPart;
  /** Role and means normalised as story-unique compares them; absent without both. */
  readonly requestKey?: string;
  readonly dependsOn: readonly TextPart[];
}

/** A file's stories as the index keeps them. */
export interface WorkspaceFile {
  readonly uri: string;
  readonly file: string;
  readonly stories: readonly WorkspaceStory[];
  /**
   * Its ids mean something in this file only: a GitHub issue's `#12` is numbered per repository, and one
   * `gh issue list --json` export holds one repository's issues, so `#12` in two exports is two issues, not a
   * duplicate id, and a dependsOn elsewhere does not resolve to it. Its stories still count for duplicate stories
   * across files, and navigation (workspace symbols, references) still finds them.
   */
  readonly localIds?: boolean;
}

/** The formats whose ids are numbered per file (see WorkspaceFile.localIds). */
const LOCAL_ID_FORMATS: ReadonlySet<string> = new Set(["github-issues"]);

/** The key story-unique groups exact duplicates by: the normalised role and means. */
export function storyRequestKey(role: string | undefined, means: string | undefined): string | undefined {
  return role !== undefined && means !== undefined ? `${requestKey(role)}|${requestKey(means)}` : undefined;
}

const part = (p: TextPart | undefined): TextPart | undefined => p && { text: p.text, span: { start: p.span.start, end: p.span.end } };

/** Copies what the cross-file rules and navigation read of a story (plain data, safe to keep). */
function summarizeStory(uri: string, file: string, story: Story): WorkspaceStory {
  const s = story.sentence;
  const id = part(story.id);
  const title = part(story.title);
  const sentence = s && { text: s.text, span: { start: s.span.start, end: s.span.end } };
  const key = storyRequestKey(s?.role?.text, s?.means?.text);
  return {
    uri,
    file,
    index: story.index,
    span: { start: story.span.start, end: story.span.end },
    ...(id && { id }),
    ...(title && { title }),
    ...(sentence && { sentence }),
    ...(key !== undefined && { requestKey: key }),
    dependsOn: (story.dependsOn ?? []).map((d) => part(d) as TextPart),
  };
}

/** A file's entry for the index, made from its parsed backlog. */
export function summarizeBacklog(uri: string, file: string, backlog: Backlog): WorkspaceFile {
  return {
    uri,
    file,
    stories: backlog.stories.map((story) => summarizeStory(uri, file, story)),
    ...(LOCAL_ID_FORMATS.has(backlog.format) && { localIds: true }),
  };
}

/**
 * What an entry says to other files, key by key ("id:CB-1", "req:...", "ref:CB-1" -> the spans where it stands):
 * two entries with the same signature give every other file the same cross-file findings and links.
 */
export function crossFileSignature(entry: WorkspaceFile | undefined): Map<string, string> {
  const signature = new Map<string, string>();
  const add = (key: string, span: Span): void => {
    const at = `${span.start}-${span.end}`;
    const known = signature.get(key);
    signature.set(key, known === undefined ? at : `${known},${at}`);
  };
  for (const story of entry?.stories ?? []) {
    const id = entry?.localIds ? undefined : story.id?.text.trim();
    if (id) add(`id:${id}`, story.id?.span ?? story.span);
    if (story.requestKey !== undefined) add(`req:${story.requestKey}`, story.sentence?.span ?? story.span);
  }
  return signature;
}

/** The keys ("id:..", "req:..") another file's cross-file findings can depend on. */
export function crossFileKeys(entry: WorkspaceFile): Set<string> {
  const keys = new Set<string>();
  for (const story of entry.stories) {
    if (story.requestKey !== undefined) keys.add(`req:${story.requestKey}`);
    if (entry.localIds) continue;
    const id = story.id?.text.trim();
    if (id) keys.add(`id:${id}`);
    // A dependsOn resolves (or not) by the ids of the other files.
    for (const ref of story.dependsOn) keys.add(`id:${ref.text.trim()}`);
  }
  return keys;
}

/** The keys whose spans differ between two signatures of one file (added, gone or moved). */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [key, at] of before) if (after.get(key) !== at) changed.add(key);
  for (const key of after.keys()) if (!before.has(key)) changed.add(key);
  return changed;
}

/** Read-only: the stories of the workspace's other backlog files, for the rules of one file. */
export interface WorkspaceView {
  /** Changes whenever another file's stories change: what a rule derives from the view can be kept until then. */
  readonly revision: number;
  /** How many stories the other files hold (0: the rules can skip every cross-file look-up). */
  readonly size: number;
  /** The other files' stories with this id (trimmed), in file then story order; none across per-file ids (localIds). */
  withId(id: string): readonly WorkspaceStory[];
  /** The other files' stories asking the same request (see storyRequestKey). */
  withRequest(key: string): readonly WorkspaceStory[];
}

const NONE: readonly WorkspaceStory[] = Object.freeze([]);

function push(map: Map<string, WorkspaceStory[]>, key: string, story: WorkspaceStory): void {
  const list = map.get(key);
  if (list) list.push(story);
  else map.set(key, [story]);
}

/** All files' stories by id and by request, built once per revision of the index. */
class Snapshot {
  /** Every story by id, per-file ids included: for navigation. */
  readonly byId = new Map<string, WorkspaceStory[]>();
  /** The stories whose ids hold across files (not localIds): for the cross-file rules. */
  readonly bySharedId = new Map<string, WorkspaceStory[]>();
  /** The files whose ids are their own (localIds). */
  readonly localIds = new Set<string>();
  readonly byRequest = new Map<string, WorkspaceStory[]>();
  readonly stories: number;

  constructor(files: Iterable<WorkspaceFile>) {
    let count = 0;
    for (const file of files) {
      count += file.stories.length;
      if (file.localIds) this.localIds.add(file.uri);
      for (const story of file.stories) {
        const id = story.id?.text.trim();
        if (id) push(this.byId, id, story);
        if (id && !file.localIds) push(this.bySharedId, id, story);
        if (story.requestKey !== undefined) push(this.byRequest, story.requestKey, story);
      }
    }
    this.stories = count;
  }
}

/** The snapshot seen from one file: its own stories left out. */
class ViewExcluding implements WorkspaceView {
  readonly size: number;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly uri: string,
    readonly revision: number,
    own: number,
  ) {
    this.size = snapshot.stories - own;
  }

  withId(id: string): readonly WorkspaceStory[] {
    return this.snapshot.localIds.has(this.uri) ? NONE : this.others(this.snapshot.bySharedId.get(id));
  }

  withRequest(key: string): readonly WorkspaceStory[] {
    return this.others(this.snapshot.byRequest.get(key));
  }

  private others(list: readonly WorkspaceStory[] | undefined): readonly WorkspaceStory[] {
    if (!list) return NONE;
    const uri = this.uri;
    return list.every((s) => s.uri !== uri) ? list : list.filter((s) => s.uri !== uri);
  }
}

/** The workspace's backlog files, updated file by file; views of it for each file's rules. */
export class WorkspaceIndex {
  private readonly files = new Map<string, WorkspaceFile>();
  private snapshot: Snapshot | undefined;
  private readonly views = new Map<string, ViewExcluding>();
  private revisionCount = 0;

  get revision(): number {
    return this.revisionCount;
  }

  set(entry: WorkspaceFile): void {
    this.files.set(entry.uri, entry);
    this.changed();
  }

  delete(uri: string): boolean {
    const had = this.files.delete(uri);
    if (had) this.changed();
    return had;
  }

  get(uri: string): WorkspaceFile | undefined {
    return this.files.get(uri);
  }

  entries(): IterableIterator<WorkspaceFile> {
    return this.files.values();
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Every story with this id, in every file (the one asking included). */
  storiesWithId(id: string): readonly WorkspaceStory[] {
    return this.current().byId.get(id) ?? NONE;
  }

  /** The other files as `uri`'s rules see them; the same object until the index changes. */
  viewFor(uri: string): WorkspaceView {
    const known = this.views.get(uri);
    if (known) return known;
    const view = new ViewExcluding(this.current(), uri, this.revisionCount, this.files.get(uri)?.stories.length ?? 0);
    this.views.set(uri, view);
    return view;
  }

  private current(): Snapshot {
    this.snapshot ??= new Snapshot(this.files.values());
    return this.snapshot;
  }

  private changed(): void {
    this.revisionCount++;
    this.snapshot = undefined;
    this.views.clear();
  }
}
