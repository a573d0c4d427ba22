// QUS "uniform": the stories of one backlog use one template; odd phrasings stand out and are fixed to the norm.
import { sourceOf, type Backlog, type Fix, type Story, type TextPart, type TextSource } from "../model";
import { givesBenefit, hasSubject, trailingEndsMarker } from "../parse/story-sentence";
import { perStory, perText } from "./helpers";
import { defineRule, type RuleContext } from "./rule";
import { reportByStory } from "./story-reports";
import { storyGroups } from "./story-groups";

export interface UniformOptions {
  /**
   * The template of a part is the phrasing most stories use (a plurality); with a share above 0, it must also
   * be used by at least that share of the stories that have the part.
   */
  readonly dominantShare: number;
  /** Backlogs with fewer stories than this are not judged. */
  readonly minStories: number;
  /** Report a story that lacks a part (most often the benefit) that more than half of the backlog's stories have. */
  readonly missingParts: boolean;
}

type Part = "role" | "means" | "ends";

/**
 * The template a phrase belongs to. Phrases that differ only in spelling, an article, "I"/"we", an adverb, a
 * contraction or a "to (be able to)" are one template: "As a" / "As an" / "As" / "As the"; "I want" / "I want
 * to" / "I want to be able to"; "I'd like" / "I would like"; "so that" and "so that that" (the parser reads the
 * marker). A negation is content, not phrasing: "I don't want" is the "I want" template, as is "I wanted".
 */
function templateKey(part: Part, marker: string): string {
  const t = marker
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\u2018\u2019\u02bc]/g, "'");
  if (part === "role") return "as a";
  if (part === "ends") return t.replace(/^in order (?:to|that|for)$/, "in order to");
  // The subject goes: "I want", "we want" and a "want" that lost its "I" (story-well-formed's business) are one.
  return t
    .replace(/^(?:i|we)\b\s*/, "")
    .replace(/^(?:only|also|really|just|still|additionally|always|definitely|then) /, "")
    .replace(/^'d like/, "would like")
    .replace(/^'m able/, "am able")
    .replace(/^(?:don't|do not) want/, "want")
    .replace(/^wanted\b/, "want")
    .replace(/^(want|need|wish)s\b/, "$1")
    .replace(/ to be able to$| to$/, "");
}

const VERB_PHRASES_TAKING_TO = ["want", "would like", "need", "wish"];

/** The dominant phrase written in this story's style, when the swap is mechanical. */
function replacement(part: Part, marker: TextPart, dominant: TextPart, nextChar: string): string | undefined {
  const matchCase = (t: string): string => (/^[A-Z]/.test(marker.text) ? t.charAt(0).toUpperCase() + t.slice(1) : t);
  if (part === "role") return matchCase(`as ${/[aeiou]/i.test(nextChar) ? "an" : "a"}`);
  if (part === "ends") return matchCase(templateKey("ends", dominant.text));
  const own = templateKey("means", marker.text);
  const target = templateKey("means", dominant.text);
  if (!VERB_PHRASES_TAKING_TO.includes(own) || !VERB_PHRASES_TAKING_TO.includes(target)) return undefined;
  // A marker without its subject gets one from story-well-formed's fix, not from this one.
  const subject = /^(?:i|we)(?![\w'])/i.exec(marker.text)?.[0];
  if (!subject) return undefined;
  const suffix = / to be able to$| to$/i.exec(marker.text)?.[0] ?? "";
  return `${subject} ${target}${suffix}`;
}

/** The first character that is not white space at or after `from` ("" at the end): read in place, not by copying the rest of the file. */
const NEXT_CHAR = /\s*(\S?)/y;
function nextCharAfter(text: TextSource, from: number): string {
  // Read in small pieces: the text may be a document that hands out pieces rather than one string.
  for (let at = from; at < text.length; at += 256) {
    const piece = text.slice(at, at + 256);
    NEXT_CHAR.lastIndex = 0;
    const found = NEXT_CHAR.exec(piece)?.[1] ?? "";
    if (found !== "") return found;
  }
  return "";
}

const PARTS: readonly Part[] = ["role", "means", "ends"];

/** Whether a story lacks a part before `part` in the template ("I want to ..." lacks the role). */
const lacksEarlierPart = (story: Story, part: Part): boolean =>
  part !== "role" && (!story.sentence?.roleMarker || (part === "ends" && !story.sentence.meansMarker));

const markerOf = (story: Story, part: Part): TextPart | undefined =>
  part === "role" ? story.sentence?.roleMarker : part === "means" ? story.sentence?.meansMarker : story.sentence?.endsMarker;

type TemplateKeys = Partial<Record<Part, string>>;

const NO_KEYS: TemplateKeys = Object.freeze({});

/**
 * Keys by part and marker text, and key sets by their three keys: a backlog writes a handful of template
 * phrases thousands of times, so each is read once and every story with the same phrases shares one object
 * (nothing is kept per story but the memo's entry). Both are emptied when they grow large.
 */
const CACHE_LIMIT = 5000;
const keyOfMarker: Record<Part, (text: string) => string> = {
  role: perText((text) => templateKey("role", text), CACHE_LIMIT),
  means: perText((text) => templateKey("means", text), CACHE_LIMIT),
  ends: perText((text) => templateKey("ends", text), CACHE_LIMIT),
};
const keySets = new Map<string, TemplateKeys>();

function partKey(story: Story, part: Part): string | undefined {
  const marker = markerOf(story, part);
  return marker && keyOfMarker[part](marker.text);
}

/** Whether the story's ends, if it has a marker, is a benefit: "so that <benefit>" holds none (QUS-LABELS.md). */
const hasBenefit = (story: Story): boolean => story.sentence?.endsMarker === undefined || givesBenefit(story.sentence);

/** Ends written without a template phrase: a purpose clause or phrase. */
const WEAK_ENDS = new Set(["to", "for", "due to", "in support of", "as"]);

/** The key of a part a story does not have: no template phrase is written so. */
const MISSING = "\u0000missing";

/**
 * A story's template key per part, MISSING where it has no marker for the part; no keys at all for a story
 * without a sentence (another rule's business).
 */
const templateKeys = perStory((story): TemplateKeys => {
  if (!story.sentence?.text) return NO_KEYS;
  const role = partKey(story, "role") ?? MISSING;
  const means = partKey(story, "means") ?? MISSING;
  const ends = hasBenefit(story) ? (partKey(story, "ends") ?? trailingEndsMarker(story.sentence) ?? MISSING) : MISSING;
  const id = `${role.length} ${means.length} ${ends.length} ${role}${means}${ends}`;
  let keys = keySets.get(id);
  if (!keys) {
    if (keySets.size >= CACHE_LIMIT) keySets.clear();
    keys = Object.freeze({ role, means, ends });
    keySets.set(id, keys);
  }
  return keys;
});

const keyOfPart: Record<Part, (story: Story) => string | undefined> = {
  role: (story) => templateKeys(story).role,
  means: (story) => templateKeys(story).means,
  ends: (story) => templateKeys(story).ends,
};

/** A backlog's template for one part: the phrasing most stories write, as its first story writes it. */
interface Template {
  readonly part: Part;
  readonly dominantKey: string;
  readonly dominantMarker: TextPart;
  /** Whether most stories have the part, so that a story without it differs from the template too. */
  readonly missingDiffers: boolean;
}

/** The template of a part, from the backlog's stories grouped by their phrasing; undefined where no phrasing dominates. */
function templateOf(part: Part, backlog: Backlog, context: RuleContext<UniformOptions>): Template | undefined {
  const groups = storyGroups(context, part, backlog.stories, keyOfPart[part]);
  // Keys in the order they first appear, so that a tie goes to the phrasing met first.
  const entries = groups.entries();
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total < context.options.minStories) return undefined;
  const written = entries.filter((e) => e.key !== MISSING);
  const withPart = written.reduce((sum, e) => sum + e.size, 0);
  // A purpose clause ("... to locate resources", "..., for clarity") says why without a template phrase: it is
  // measured against the template, and is the template only where no story writes one.
  const phrased = written.filter((e) => part !== "ends" || !WEAK_ENDS.has(e.key));
  const dominant = [...(phrased.length > 0 ? phrased : written)].sort((a, b) => b.size - a.size)[0];
  // The template as the backlog writes it: the first story of the plurality whose means marker has its "I" or "we".
  const example =
    dominant &&
    (part === "means" ? groups.firstWhere(dominant.key, (story) => hasSubject(story.sentence?.meansMarker)) : groups.first(dominant.key));
  const dominantMarker = example && markerOf(example, part);
  if (!dominant || !dominantMarker || dominant.size < withPart * context.options.dominantShare) return undefined;
  return { part, dominantKey: dominant.key, dominantMarker, missingDiffers: context.options.missingParts && withPart * 2 > total };
}

/**
 * Whether a story's phrasing of the template's part differs from it: another phrasing, or (where most stories
 * have the part) none. A story that lacks its role or means hears of that part only, not of every part after it.
 */
function differs(story: Story, template: Template): boolean {
  const key = keyOfPart[template.part](story);
  if (key === undefined || key === template.dominantKey) return false;
  return key !== MISSING || (template.missingDiffers && !lacksEarlierPart(story, template.part));
}

export default defineRule<UniformOptions>({
  meta: {
    id: "story-uniform",
    description: "Use the backlog's own template: one way of writing 'As a', 'I want' and 'so that'.",
    source: "QUS",
    defaultSeverity: "info",
    messages: {
      differs: "'{marker}' differs from the template most stories here use ('{dominant}'): write it the same way.",
      missingEnds: "Most stories here give a benefit ('{dominant} ...'); this one gives none: say why, the way the others do.",
      missingMeans: "Most stories here say what the role wants ('{dominant} ...'); this one does not.",
      missingRole: "Most stories here name their role ('{dominant} ...'); this one does not.",
    },
    fixable: true,
    defaultOptions: { dominantShare: 0, minStories: 5, missingParts: true },
    optionsSchema: {
      type: "object",
      properties: {
        dominantShare: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "Share of the stories with a part that its most common phrasing needs to be the norm (0: the most common one is).",
        },
        minStories: { type: "integer", minimum: 2, description: "Smallest backlog judged." },
        missingParts: { type: "boolean", description: "Report a story without a part (the benefit, say) that most stories have." },
      },
      additionalProperties: false,
    },
  },
  checkBacklog(backlog, context) {
    const templates = PARTS.flatMap((part) => templateOf(part, backlog, context) ?? []);
    // Each story is measured against the templates on its own: its findings are kept while it and the templates
    // (counted from every story, written as their first story writes them) stay the same.
    const shared = templates
      .map((t) => `${t.part}\u0000${t.dominantKey}\u0000${t.dominantMarker.text}\u0000${t.missingDiffers}`)
      .join("\u0001");
    reportByStory(backlog, context, "uniform", { shared }, (story, report) => {
      for (const template of templates) {
        const { part, dominantMarker } = template;
        if (!differs(story, template)) continue;
        // A placeholder benefit ("so that <benefit>") has a marker but no benefit: it is missing, not another phrasing.
        const marker = keyOfPart[part](story) === MISSING ? undefined : markerOf(story, part);
        if (!marker) {
          const span = story.sentence?.span;
          const messageId = part === "ends" ? "missingEnds" : part === "means" ? "missingMeans" : "missingRole";
          if (span) report({ messageId, data: { dominant: dominantMarker.text }, span, storyIndex: story.index });
          continue;
        }
        const nextChar = nextCharAfter(sourceOf(backlog), marker.span.end);
        const newText = replacement(part, marker, dominantMarker, nextChar);
        const fixes: Fix[] | undefined =
          newText !== undefined && sourceOf(backlog).slice(marker.span.start, marker.span.end) === marker.text
            ? [{ title: `Write '${newText}'`, edits: [{ span: marker.span, newText }], safe: true }]
            : undefined;
        report({
          messageId: "differs",
          data: { marker: marker.text, dominant: dominantMarker.text },
          span: marker.span,
          storyIndex: story.index,
          ...(fixes && { fixes }),
        });
      }
    });
  },
});
