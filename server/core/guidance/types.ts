// The shape of the guidance data (guidance/*.yaml, checked against schemas/guidance.schema.json): plain data, no logic.

/**
 * What kind of thing an entry explains; the kind decides where the sidebar lists it. "misconception" is something
 * people bring to Scrum that the Guide does not say; "scaling" a title or term from a scaling framework.
 */
export type EntryKind =
  "event" | "activity" | "accountability" | "role" | "artifact" | "commitment" | "invest" | "practice" | "misconception" | "scaling";

export const ENTRY_KINDS: readonly EntryKind[] = [
  "event",
  "activity",
  "accountability",
  "role",
  "artifact",
  "commitment",
  "invest",
  "practice",
  "misconception",
  "scaling",
];

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
  /** For a misconception or an older name: the entry that holds what Scrum does say ("grooming" -> refinement). */
  readonly refersTo?: string;
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

/** The lists of a role profile, by name (how each role is measured is in `kpis`, with definitions). */
export const PROFILE_LISTS = ["dayToDay", "skills", "challenges", "background", "entryPoints", "careerLadder", "careerMoves"] as const;
export type ProfileList = (typeof PROFILE_LISTS)[number];

/** The lists the sidebar shows for one role, each with its sources. */
export type RoleProfile = { readonly title: string; readonly sources: Readonly<Record<ProfileList, readonly string[]>> } & Readonly<
  Record<ProfileList, readonly string[]>
>;

/** Which role something is about; "both" for what applies to the two alike. */
export type RoleKey = "productOwner" | "productManager" | "both";

/** How an organisation of one size splits the two roles. */
export interface OrganisationModel {
  readonly id: string;
  readonly name: string;
  readonly size: string;
  readonly split: string;
  readonly watchOut: string;
  readonly sources: readonly string[];
}

/** A pay range as a source gives it, "$85,000 - $125,000" or "$180,000 - $250,000+" (open at the top). */
export type SalaryText = string;

/** One level's ranges in one source; a side is absent when the source gives no figure for it. */
export interface SalaryLevel {
  readonly level: string;
  readonly productOwner?: SalaryText;
  readonly productManager?: SalaryText;
  readonly note?: string;
}

/** The figures of one source: never shown without the source and, where it gives one, the year. */
export interface SalarySet {
  readonly id: string;
  readonly source: string;
  readonly year?: string;
  readonly basis: string;
  readonly overall?: {
    readonly label: string;
    readonly productOwner: SalaryText;
    readonly productManager: SalaryText;
    readonly productOwnerAverage?: string;
    readonly productManagerAverage?: string;
  };
  readonly levels?: readonly SalaryLevel[];
  readonly notes?: readonly string[];
}

/** Anything the sidebar lists that carries its own sources. */
interface Sourced {
  readonly id: string;
  readonly sources: readonly string[];
}

/** One cell of the who-decides-what table: who decides, on the Guide's authority or by convention. */
export interface DecisionCell {
  readonly who: string;
  readonly basis: "scrum-guide" | "convention";
  /** The Scrum Guide section that assigns it, for `basis: scrum-guide`. */
  readonly section?: string;
  readonly sources: readonly string[];
}

export interface DecisionRow {
  readonly id: string;
  readonly decision: string;
  readonly cells: readonly DecisionCell[];
}

export interface SharedTrait extends Sourced {
  readonly topic: string;
  readonly text: string;
}

/** What goes wrong when one person is both Product Owner and Product Manager. */
export interface CombinedRisk extends Sourced {
  readonly risk: string;
  readonly why: string;
  readonly remedy: string;
}

/** A point on which the sources disagree: each side with its source, and what settles it, if anything. */
export interface Contradiction {
  readonly id: string;
  readonly question: string;
  readonly claims: readonly { readonly source: string; readonly says: string }[];
  readonly verdict: string;
  /** The source that settles the question (the Scrum Guide, for questions of Scrum); absent when it stays open. */
  readonly settledBy?: string;
}

export interface SelfCheckQuestion extends Sourced {
  readonly question: string;
  readonly productOwner: string;
  readonly productManager: string;
}

export interface DayInTheLife extends Sourced {
  readonly role: RoleKey;
  readonly title: string;
  readonly setting: string;
  readonly slots: readonly { readonly time: string; readonly activity: string }[];
}

export interface InterviewPrep {
  readonly role: Exclude<RoleKey, "both">;
  readonly focus: readonly string[];
  readonly questions: readonly string[];
  readonly bring: readonly string[];
  readonly sources: readonly string[];
}

export interface Certification extends Sourced {
  readonly name: string;
  readonly issuer: string;
  readonly role: RoleKey;
  readonly format: string;
  readonly worth: string;
}

export interface IndustryNote extends Sourced {
  readonly industry: string;
  readonly text: string;
}

/** A measure one role is judged by, with what it means. */
export interface Kpi extends Sourced {
  readonly name: string;
  readonly role: RoleKey;
  readonly definition: string;
  /** Where the measure is misused or misattributed (velocity is not a Scrum artifact). */
  readonly caution?: string;
}

/** A note and items, with sources that cover the note. */
interface Section<Item> {
  readonly note: string;
  readonly sources: readonly string[];
  readonly items: readonly Item[];
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
  readonly decisions: { readonly note: string; readonly rows: readonly DecisionRow[] };
  readonly shared: readonly SharedTrait[];
  readonly combinedRole: { readonly note: string; readonly sources: readonly string[]; readonly risks: readonly CombinedRisk[] };
  readonly contradictions: { readonly note: string; readonly items: readonly Contradiction[] };
  readonly selfCheck: { readonly note: string; readonly sources: readonly string[]; readonly questions: readonly SelfCheckQuestion[] };
  readonly dayInTheLife: { readonly note: string; readonly days: readonly DayInTheLife[] };
  readonly interviews: { readonly note: string; readonly roles: readonly InterviewPrep[] };
  readonly careerMove: { readonly ceiling: string; readonly steps: readonly string[]; readonly sources: readonly string[] };
  readonly certifications: Section<Certification>;
  readonly industries: Section<IndustryNote>;
  readonly salaries: { readonly note: string; readonly sets: readonly SalarySet[] };
  readonly kpis: { readonly note: string; readonly items: readonly Kpi[] };
}
