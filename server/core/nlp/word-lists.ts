// Default word lists of the lexical rules, from FACTS.md sections 1 and 4; users extend or replace them in config.

/**
 * Vague and unmeasurable terms (ISO/IEC/IEEE 29148, NASA ARM). Multi-word entries match as phrases. Kept to
 * words that are vague in a story's means or benefit; "support" and "minimal" are left out because stories
 * use them as plain verbs and nouns ("support ticket", "minimal viewer") far more often than as loopholes.
 */
export const VAGUE_TERMS: readonly string[] = [
  "user friendly",
  "user-friendly",
  "easy",
  "easily",
  "simple",
  "simply",
  "intuitive",
  "intuitively",
  "cost effective",
  "cost-effective",
  "fast",
  "quickly",
  "quick",
  "significant",
  "significantly",
  "adequate",
  "appropriate",
  "appropriately",
  "timely",
  "efficient",
  "efficiently",
  "seamless",
  "seamlessly",
  "flexible",
  "robust",
  "best",
  "optimal",
  "etc",
  "and so on",
  "but not limited to",
  "as a minimum",
  "if possible",
  "as appropriate",
  "as applicable",
  "if practical",
  "tbd",
  "tbc",
  "tbs",
];

/**
 * Words that name a user-interface or technical solution rather than the problem (QUS "problem-oriented").
 * File formats (JSON, HTML, SQL) are left out: "export as CSV" is often the need itself.
 */
export const SOLUTION_TERMS: readonly string[] = [
  "button",
  "click",
  "clicking",
  "dropdown",
  "drop-down",
  "drop down",
  "checkbox",
  "check box",
  "radio button",
  "popup",
  "pop-up",
  "modal dialog",
  "text field",
  "textbox",
  "text box",
  "tab key",
  "hyperlink",
  "database",
  "table row",
  "api endpoint",
  "rest endpoint",
  "cookie",
  "session id",
  "stored procedure",
  "cron job",
  "ajax",
];

/** Verbs that name a whole area of work rather than one capability (QUS "estimatable", INVEST "Small"). */
export const EPIC_VERBS: readonly string[] = ["manage", "administer", "administrate", "maintain", "handle", "oversee", "run"];

/** Words that, right after an epic verb, mark the whole area ("manage all", "handle every"). */
export const EPIC_QUANTIFIERS: readonly string[] = ["all", "every", "everything", "any", "the whole", "the entire", "entire"];

/** Roles that say nothing about who benefits. */
export const GENERIC_ROLES: readonly string[] = [
  "user",
  "users",
  "end user",
  "end-user",
  "person",
  "someone",
  "somebody",
  "anyone",
  "everyone",
  "actor",
];

/** Outcomes nobody can test: no observable result, or a judgement instead of a measure. */
export const UNTESTABLE_OUTCOMES: readonly string[] = [
  "works",
  "works correctly",
  "works properly",
  "works as expected",
  "work correctly",
  "work properly",
  "work as expected",
  "functions correctly",
  "functions properly",
  "behaves correctly",
  "behaves as expected",
  "is correct",
  "are correct",
  "is fast",
  "are fast",
  "is quick",
  "is responsive",
  "is user friendly",
  "is user-friendly",
  "is easy",
  "is easy to use",
  "is intuitive",
  "is good",
  "looks good",
  "looks nice",
  "is nice",
  "is ok",
  "is okay",
  "is handled",
  "is handled correctly",
  "is handled properly",
  "as expected",
  "without problems",
  "without issues",
  "without errors",
  "no bugs",
];

/** Escapes a phrase for a regular expression that matches it as whole words, with any run of spaces inside. */
export function phrasePattern(phrases: readonly string[]): RegExp | undefined {
  const cleaned = phrases.map((p) => p.trim().toLowerCase()).filter((p) => p.length > 0);
  if (cleaned.length === 0) return undefined;
  const alternatives = [...new Set(cleaned)]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"));
  return new RegExp(`(?<![\\w-])(?:${alternatives.join("|")})(?![\\w-])`, "gi");
}

/**
 * Groups of near-synonymous verbs: two of one group joined by a conjunction say one thing twice, not two
 * features ("communicate and integrate with", "encourage and promote", "move files around and rearrange them").
 * Kept to verbs that paraphrase each other; "view and edit", "add or remove" stay two features.
 */
export const SYNONYM_VERB_GROUPS: readonly (readonly string[])[] = [
  ["communicate", "interact", "interface", "integrate", "talk", "converse", "liaise", "correspond", "convey"],
  ["encourage", "promote", "foster", "advocate", "champion", "stimulate"],
  ["move", "rearrange", "reorder", "reorganize", "reorganise", "organize", "organise", "arrange", "shuffle", "relocate"],
  ["search", "find", "locate", "look"],
  ["see", "view", "watch", "display", "show"],
  ["check", "verify", "validate", "confirm"],
  ["change", "modify", "alter", "amend", "adjust", "update", "edit", "revise"],
  ["fix", "correct", "repair", "resolve"],
  ["delete", "remove", "erase"],
  ["create", "make", "build", "produce", "generate"],
  ["choose", "select", "pick", "elect"],
  ["help", "assist", "support", "aid", "guide"],
  ["store", "save", "keep", "preserve", "retain", "archive"],
  ["understand", "comprehend", "grasp"],
];

/**
 * Words that name the same request in a user story, for duplicates said in other words ("see my orders" / "view my
 * orders"): common software verbs and nouns with one meaning between them. Kept to pairs a Product Owner would
 * merge; "export"/"download", "submit"/"upload" and the like ask for different things and stay apart.
 */
export const REQUEST_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["see", "view", "display", "show", "watch"],
  ["delete", "remove", "erase", "discard"],
  ["edit", "change", "modify", "update", "amend", "alter", "revise"],
  ["fix", "correct", "repair"],
  ["restore", "undelete", "recover"],
  ["choose", "select", "pick"],
  ["check", "verify", "validate"],
  ["notify", "alert", "warn"],
  ["resume", "continue"],
  ["book", "reserve"],
  ["begin", "start"],
  ["phone", "mobile", "smartphone", "cellphone"],
  ["email", "mail"],
  ["suggestion", "recommendation"],
  ["custom", "customizable", "customisable", "configurable"],
  ["chart", "graph"],
  ["invoice", "bill"],
  ["photo", "picture", "image"],
  ["document", "file"],
];
