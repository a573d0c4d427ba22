// The shape of the guidance data (guidance/*.yaml, checked against schemas/guidance.schema.json): plain data, no logic.

/** What kind of thing an entry explains; the kind decides where the sidebar lists it. */
export type EntryKind = "event" | "activity" | "accountability" | "role" | "artifact" | "commitment" | "invest" | "practice";

/**
 * How long an event may last. The Scrum Guide gives maxima for a one-month Sprint; "scaled" ones shrink with a
 * shorter Sprint, "fixed" ones do not, refinement has "none" and the Sprint itself is "sprint" (one month or less).
 */
export type Timebox =
  | { readonly kind: "scaled"; readonly oneMonthMinutes: number }
  | { readonly kind: "fixed"; readonly minutes: number }
  | { readonly kind: "none" }
  | { readonly kind: "sprint" };

/** Who does what at an event or around an artifact; the Product Manager is an industry role, not Scrum's. */
export interface WhoDoesWhat {
  readonly productOwner?: string;
  readonly developers?: string;
  readonly scrumMaster?: string;
  readonly stakeholders?: string;
  readonly productManager?: string;
}

/** One explainable term: an event, accountability, role, artifact, commitment, INVEST letter or practice. */
export interface GuidanceEntry {
  /** Kebab-case; the hover's "open in sidebar" link and the sidebar's anchors use it. */
  readonly id: string;
  readonly kind: EntryKind;
  readonly name: string;
  /** Phrases found anywhere in a backlog, case-insensitive; spaces also match hyphens and underscores. */
  readonly aliases: readonly string[];
  /** Matched with exactly this case only (PO, DoD, Increment), so that ordinary words are not caught. */
  readonly exactCase?: readonly string[];
  /** Names recognised only as a whole value, e.g. an event planned as "Review" in the sprint section. */
  readonly shortNames?: readonly string[];
  /** False for industry conventions the Scrum Guide does not contain (the Product Manager, Definition of Ready). */
  readonly inScrumGuide: boolean;
  /** One or two sentences: the hover's first paragraph. */
  readonly summary: string;
  /** Further paragraphs, shown in the sidebar. */
  readonly details?: readonly string[];
  readonly timebox?: Timebox;
  /** Who takes part, in one line. */
  readonly participants?: string;
  readonly who?: WhoDoesWhat;
  /** A common misreading and the Scrum Guide's correction. */
  readonly correction?: string;
  /** For an artifact: the id of its commitment entry; for a commitment: the id of its artifact. */
  readonly pairedWith?: string;
  /** For an INVEST entry: its letter. */
  readonly letter?: string;
  /** Ids from the sources list. */
  readonly sources: readonly string[];
}

/** Where the guidance comes from; the seeds are practitioners' articles, summarised in our own words. */
export interface GuidanceSource {
  readonly id: string;
  /** How citations name it, e.g. "Scrum Guide 2020". */
  readonly short: string;
  readonly title: string;
  readonly author?: string;
  readonly publisher: string;
  /** The year, or year and month, the source gives for itself (absent when it gives none). */
  readonly date?: string;
  readonly url?: string;
}

/** One dimension of the Product Owner vs Product Manager comparison. */
export interface ComparisonRow {
  readonly id: string;
  readonly dimension: string;
  readonly productOwner: string;
  readonly productManager: string;
  readonly sources: readonly string[];
}

/** The lists the sidebar shows for one role. */
export interface RoleProfile {
  readonly title: string;
  readonly dayToDay: readonly string[];
  readonly skills: readonly string[];
  readonly metrics: readonly string[];
  readonly challenges: readonly string[];
  readonly background: readonly string[];
  readonly entryPoints: readonly string[];
  readonly careerLadder: readonly string[];
  readonly careerMoves: readonly string[];
}

/** How an organisation of one size splits the two roles. */
export interface OrganisationModel {
  readonly id: string;
  readonly name: string;
  readonly size: string;
  readonly split: string;
  readonly watchOut: string;
  readonly sources: readonly string[];
}

/** A salary range as one source states it: never shown without its source and year. */
export interface SalaryRange {
  readonly source: string;
  readonly year: string;
  readonly basis: string;
  readonly productOwner: string;
  readonly productManager: string;
}

/** The whole guidance data set. */
export interface Guidance {
  readonly sources: readonly GuidanceSource[];
  readonly entries: readonly GuidanceEntry[];
  readonly comparison: {
    /** Says that the split is an industry convention, not Scrum. */
    readonly note: string;
    readonly rows: readonly ComparisonRow[];
  };
  readonly profiles: { readonly productOwner: RoleProfile; readonly productManager: RoleProfile };
  readonly organisations: readonly OrganisationModel[];
  readonly salaries: { readonly note: string; readonly ranges: readonly SalaryRange[] };
}
