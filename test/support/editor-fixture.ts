// The real-editor tiers' fixture and what every editor must show for it, counted from 0 as LSP and VS Code count.

/** The fixture folder, relative to the repository root; the tiers copy it before an editor opens it. */
export const EDITOR_FIXTURE_FOLDER = "test/fixtures/editors";
export const EDITOR_FIXTURE_FILE = "sprint.backlog.yaml";
/** The two-folder fixture of the cross-file checks (its README says what each file holds). */
export const WORKSPACE_FIXTURE_FOLDER = "test/fixtures/workspace";

/** One finding as an editor shows it: where it starts, its rule id and its severity (LSP numbering: 1 error, 2 warning). */
export interface ExpectedFinding {
  readonly line: number;
  readonly character: number;
  readonly code: string;
  readonly severity: 1 | 2 | 3 | 4;
}

/** Every finding for the fixture, in document order: ED-1 gives no benefit, ED-2 names no role, ED-3 has no criteria. */
export const EXPECTED_FINDINGS: readonly ExpectedFinding[] = [
  { line: 8, character: 11, code: "story-benefit", severity: 2 },
  { line: 12, character: 11, code: "story-well-formed", severity: 1 },
  { line: 15, character: 8, code: "criteria-missing", severity: 2 },
];

/**
 * The rules the fixture is about. The editor tiers test the path from server to editor, not the rules (their own
 * fixtures do that), so they compare only these: a new rule that also fires on the fixture does not break them.
 */
export const FIXTURE_RULES: ReadonlySet<string> = new Set(EXPECTED_FINDINGS.map((f) => f.code));

/** A Scrum event named in the fixture, which a hover must explain. */
export const HOVER_TERM = "Sprint Review";

/** Inserted right after this text, the clause gives ED-1 its benefit, so the story-benefit finding must go. */
export const BENEFIT_EDIT = { after: "I want to save my card", insert: ", so that I pay faster" } as const;
