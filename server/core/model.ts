// The story model every parser produces and every rule reads: plain data with UTF-16 source spans.

/** A half-open range of UTF-16 code units in the file text (the unit LSP uses). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A piece of source text with where it stands in the file. */
export interface TextPart {
  readonly text: string;
  readonly span: Span;
}

/** The three parts of "As a <role>, I want <means>, so that <ends>" and the template words that led them. */
export interface StorySentence {
  /** The whole sentence as written. */
  readonly text: string;
  readonly span: Span;
  /** "As a", "As an", "As" ... as written; absent when the sentence has no role marker. */
  readonly roleMarker?: TextPart;
  readonly role?: TextPart;
  /** "I want to", "I need", "I would like to" ... as written. */
  readonly meansMarker?: TextPart;
  readonly means?: TextPart;
  /** "so that", "in order to", "so" ... as written. */
  readonly endsMarker?: TextPart;
  readonly ends?: TextPart;
  /** Text after the sentence's final stop (a second sentence), if any. */
  readonly trailing?: TextPart;
}

/** One acceptance criterion: a list item, a Gherkin step line or a free sentence. */
export interface Criterion {
  readonly text: string;
  readonly span: Span;
  /** A `.feature` file's scenario: its steps as the Gherkin parser read them, which the rules take over a keyword scan. */
  readonly scenario?: ScenarioReading;
}

/** A step keyword of a scenario, at offsets from its criterion's `span.start`. */
export interface ScenarioStep {
  /** As written: "*" is "and", a step that continues the one before. */
  readonly kind: "given" | "when" | "then" | "and" | "but";
  readonly text: string;
  readonly span: Span;
}

/** What a Gherkin parser read of one scenario (`.feature` files; see parse/gherkin-stories.ts). */
export interface ScenarioReading {
  /** The dialect ("en", "fr", ...), from the file's `# language:` header. */
  readonly language: string;
  readonly steps: readonly ScenarioStep[];
  /** "Scenario: Pay by card" (keyword and name), for the outline. */
  readonly header: TextPart;
  /** The "Rule: ..." line the scenario stands under, if any. */
  readonly rule?: TextPart;
  /** A Scenario Outline's Examples columns: its "<name>" parameters are filled from them, not placeholders. */
  readonly parameters?: readonly string[];
}

/** A story as read from any backlog format. Optional fields are absent when the file does not give them. */
export interface Story {
  /** Position of the story in its file, 0-based; stable within one analysis. */
  readonly index: number;
  /** The whole story entry (YAML mapping, Markdown section or plain line). */
  readonly span: Span;
  readonly id?: TextPart;
  readonly title?: TextPart;
  readonly sentence?: StorySentence;
  /** Absent when the story has no acceptance-criteria field at all; empty when it has an empty one. */
  readonly acceptance?: readonly Criterion[];
  /** Where the acceptance list stands, or where one would be inserted (for quick fixes). */
  readonly acceptanceSpan?: Span;
  readonly estimate?: { readonly value: number | string; readonly span: Span };
  readonly priority?: { readonly value: number | string; readonly span: Span };
  readonly status?: TextPart;
  readonly dependsOn?: readonly TextPart[];
  /** Free notes on the story (YAML `notes`), where remarks moved out of the sentence go. */
  readonly notes?: TextPart;
  /** Formatting facts a quick fix needs to write text that fits the file (indentation, list style). */
  readonly layout?: StoryLayout;
}

/** How a story is written, so that fixes can insert text in the same style. */
export interface StoryLayout {
  /** Indentation of the story's keys (YAML) or of list items (Markdown). */
  readonly keyIndent: string;
  /** Offset just past the story's last line, before its line break: where new keys are appended. */
  readonly endOfEntry: number;
  /** The file's line break, "\n" or "\r\n". */
  readonly eol: string;
  /** Markdown only: the depth of the story's heading (2 for "## "), so a fix can add a sub-heading below it. */
  readonly headingDepth?: number;
  /**
   * YAML only: the story is a flow map (`- { id: S-1, story: "..." }`), "json" when its keys are double-quoted.
   * `endOfEntry` is then just after its last value, inside the braces, and `keyIndent` is empty: a new key is
   * written there as `, key: value`, and fixes that write block YAML (a new story entry) are not offered.
   */
  readonly flow?: "yaml" | "json";
  /** Markdown written by a spec or story workflow (see parse/markdown-shapes.ts): fixes write in its style. */
  readonly shape?: MarkdownShape;
  /** Where a criterion is written in a format with one place for criteria (a tracker's cell, an issue body's end). */
  readonly criteriaAt?: { readonly offset: number; readonly prefix: string };
}

/** The Markdown shapes read besides heading-per-story files: Spec Kit's spec.md, BMAD story files, issue templates. */
export type MarkdownShape = "spec-kit" | "bmad" | "issue-template";

export type BacklogFormat = "yaml" | "markdown" | "plain" | "gherkin" | "csv" | "github-issues";

/** A planned event in the sprint section, e.g. { name: Sprint Review, duration: 2h }. */
export interface PlannedEvent {
  readonly name: TextPart;
  readonly duration?: TextPart;
  readonly span: Span;
}

/** The sprint section of a backlog, if it declares one. */
export interface SprintInfo {
  readonly span: Span;
  readonly length?: TextPart;
  readonly goal?: TextPart;
  readonly events?: readonly PlannedEvent[];
  /** `capacity`: what the Developers forecast they can take on this Sprint, in the unit of the stories' estimates. */
  readonly capacity?: { readonly value: number; readonly span: Span };
  /** `stories`: the ids of the stories selected for the Sprint (its Sprint Backlog). */
  readonly stories?: readonly TextPart[];
}

/** A whole backlog file after parsing. */
/**
 * Read access to a file's text without holding it as one string: an open document kept in a buffer hands out the
 * pieces asked for. A string is one too. What runs on every keystroke reads through this, so that typing in a
 * large file does not make a new copy of all of it (see server/backlog-document.ts).
 */
export interface TextSource {
  readonly length: number;
  slice(start: number, end?: number): string;
  charCodeAt(index: number): number;
  startsWith(search: string, position?: number): boolean;
  includes(search: string): boolean;
  /** The whole text as one string: for a large document, a copy made on demand. */
  toString(): string;
}

/** Where a text changed: its old `[start, oldEnd)` is now `[start, newEnd)`; outside, it is as it was, moved. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

export interface Backlog {
  readonly format: BacklogFormat;
  /** The whole text. May be made on first use (see `source`): read pieces through `sourceOf` where you can. */
  readonly text: string;
  /** The text as its holder keeps it, when that is not one string; `text` is then made from it on first use. */
  readonly source?: TextSource;
  readonly product?: TextPart;
  readonly productGoal?: TextPart;
  readonly personas: readonly TextPart[];
  readonly sprint?: SprintInfo;
  readonly stories: readonly Story[];
  /** Findings the parser itself makes (syntax errors, schema violations). */
  readonly parseFindings: readonly Finding[];
  /** Formats of encoded fields (CSV cells, JSON strings): writes a rule's fixes in the field's quoting or escapes. */
  readonly encodeFinding?: (finding: Finding) => Finding;
  /**
   * Formats whose stories are records (tracker CSV): the edit that writes new stories right after `story`, one
   * per sentence (as the rules write text: source slices), in the file's own shape; undefined where it cannot.
   */
  readonly storiesAfter?: (story: Story, parts: readonly { readonly sentence: string; readonly id?: string }[]) => TextEdit | undefined;
}

export type Severity = "error" | "warning" | "info" | "hint";

/** A text replacement; a fix is a set of them that do not overlap. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
  /** The new text is written in the file's own encoding already (whole new CSV records): field writers leave it be. */
  readonly encoded?: boolean;
}

/** A quick fix a finding offers. `safe` fixes are the ones `--fix` and "fix all" apply. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly safe: boolean;
  readonly preferred?: boolean;
}

/** Extra places a finding points at (the twin of a duplicate, the story of a cycle). */
export interface RelatedPlace {
  readonly span: Span;
  readonly message: string;
  /** Another workspace file the place is in (cross-file rules); absent: the finding's own file. */
  readonly uri?: string;
}

/** What a rule reports. The one place that turns it into LSP or CLI output is outside the core. */
export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly span: Span;
  /** Index of the story the finding belongs to, when it belongs to one. */
  readonly storyIndex?: number;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedPlace[];
  /** Marks the finding as pointing at unnecessary text (rendered faded). */
  readonly unnecessary?: boolean;
}

/** A backlog's text for reading pieces of it: its source when it has one, else its text. */
export const sourceOf = (backlog: Backlog): TextSource => backlog.source ?? backlog.text;
