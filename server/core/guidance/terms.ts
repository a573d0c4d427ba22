// Scrum terms a hover can explain, with their aliases; wording follows the Scrum Guide 2020 (see FACTS.md).

/** One explainable term: what a hover shows for it. */
export interface GuidanceTerm {
  readonly id: string;
  readonly name: string;
  /** Lower-case phrases that refer to the term in a backlog, longest first is not required. */
  readonly aliases: readonly string[];
  readonly markdown: string;
}

export const TERMS: readonly GuidanceTerm[] = [
  {
    id: "sprint-planning",
    name: "Sprint Planning",
    aliases: ["sprint planning", "planning meeting"],
    markdown:
      "**Sprint Planning** (Scrum event)\n\nStarts the Sprint: why it is valuable (the Sprint Goal), what can be Done, and how. Timebox: at most 8 hours for a one-month Sprint, usually shorter for shorter Sprints.\n\n*Product Owner*: brings the ordered backlog and proposes how the Sprint can increase value. *Product Manager* (industry role, not in Scrum): gives product context when invited.",
  },
  {
    id: "daily-scrum",
    name: "Daily Scrum",
    aliases: ["daily scrum", "daily standup", "daily stand-up", "standup", "stand-up"],
    markdown:
      "**Daily Scrum** (Scrum event)\n\nA 15-minute event **for the Developers** to inspect progress toward the Sprint Goal and adapt the Sprint Backlog.\n\n*Product Owner*: takes part as a Developer only if they work on Sprint Backlog items. *Product Manager*: rarely attends.",
  },
  {
    id: "sprint-review",
    name: "Sprint Review",
    aliases: ["sprint review", "review"],
    markdown:
      "**Sprint Review** (Scrum event)\n\nA working session where the Scrum Team and stakeholders inspect the Increment and adapt the Product Backlog. Timebox: at most 4 hours for a one-month Sprint.\n\n*Product Owner*: discusses the backlog and likely next steps. *Product Manager*: brings market and customer context.",
  },
  {
    id: "sprint-retrospective",
    name: "Sprint Retrospective",
    aliases: ["sprint retrospective", "retrospective", "retro"],
    markdown:
      "**Sprint Retrospective** (Scrum event)\n\nThe Scrum Team plans ways to increase quality and effectiveness; it concludes the Sprint. Timebox: at most 3 hours for a one-month Sprint.\n\n*Product Owner*: takes part as a member of the Scrum Team.",
  },
  {
    id: "refinement",
    name: "Product Backlog refinement",
    aliases: ["backlog refinement", "refinement", "backlog grooming", "grooming"],
    markdown:
      "**Product Backlog refinement** (ongoing activity, **not** a Scrum event)\n\nBreaking items down and adding detail, order and size. The Scrum Guide gives it no timebox.\n\n*Product Owner*: leads it, with the Developers who size the work.",
  },
];
