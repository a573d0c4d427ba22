// QUS "uniform": the stories of one backlog use one template; odd phrasings stand out and are fixed to the norm.
import { sourceOf, type Fix, type Story, type TextPart, type TextSource } from "../model";
import { perStory } from "./helpers";
import { defineRule } from "./rule";
import { storyGroups } from "./story-groups";

export interface UniformOptions {
  /** A phrasing is "the backlog's" when at least this share of the stories use it. */
  readonly dominantShare: number;
  /** Backlogs with fewer stories than this are not judged. */
  readonly minStories: number;
}

type Part = "role" | "means" | "ends";

/** Template phrases that only differ by an article or a "to" are the same template. */
function templateKey(part: Part, marker: TextPart): string {
  const t = marker.text
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\u2019]/g, "'");
  if (part === "role") return t.replace(/^as (?:an?|the)$/, "as a");
  if (part === "ends") return t.replace(/^in order (?:to|that)$/, "in order to");
  return t
    .replace(/^we\b/, "i")
    .replace(/^i (?:only|also|really|just|still|additionally|always|definitely|then) /, "i ")
    .replace(/^i'd like/, "i would like")
    .replace(/ to be able to$| to$/, "");
}

/** "I don't want" says something "I want" cannot: a negative means is not a template variant. */
const isNegative = (part: Part, marker: TextPart): boolean => part === "means" && /n't|\bnot\b/i.test(marker.text);

const VERB_PHRASES_TAKING_TO = ["want", "would like", "need", "wish"];

/** The dominant phrase written in this story's style, when the swap is mechanical. */
function replacement(part: Part, marker: TextPart, dominant: TextPart, nextChar: string): string | undefined {
  const matchCase = (t: string): string => (/^[A-Z]/.test(marker.text) ? t.charAt(0).toUpperCase() + t.slice(1) : t);
  if (part === "role") return matchCase(`as ${/[aeiou]/i.test(nextChar) ? "an" : "a"}`);
  if (part === "ends") return matchCase(templateKey("ends", dominant));
  const own = templateKey("means", marker).replace(/^i /, "");
  const target = templateKey("means", dominant).replace(/^i /, "");
  if (!VERB_PHRASES_TAKING_TO.includes(own) || !VERB_PHRASES_TAKING_TO.includes(target)) return undefined;
  const subject = /^\s*(\S+)/.exec(marker.text)?.[1] ?? "I";
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

const markerOf = (story: Story, part: Part): TextPart | undefined =>
  part === "role" ? story.sentence?.roleMarker : part === "means" ? story.sentence?.meansMarker : story.sentence?.endsMarker;

type TemplateKeys = Partial<Record<Part, string>>;

const NO_KEYS: TemplateKeys = Object.freeze({});

/**
 * Keys by part and marker text, and key sets by their three keys: a backlog writes a handful of template
 * phrases thousands of times, so each is read once and every story with the same phrases shares one object
 * (nothing is kept per story but the memo's entry). Both are emptied when they grow large.
 */
const keyOfMarker: Record<Part, Map<string, string | null>> = { role: new Map(), means: new Map(), ends: new Map() };
const keySets = new Map<string, TemplateKeys>();
const CACHE_LIMIT = 5000;

function partKey(story: Story, part: Part): string | undefined {
  const marker = markerOf(story, part);
  if (!marker) return undefined;
  const cache = keyOfMarker[part];
  let key = cache.get(marker.text);
  if (key === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    key = isNegative(part, marker) ? null : templateKey(part, marker);
    cache.set(marker.text, key);
  }
  return key ?? undefined;
}

/** A story's template key per part; absent where the part does not count (no marker or means, a negative means). */
const templateKeys = perStory((story): TemplateKeys => {
  if (!story.sentence?.means) return NO_KEYS;
  const role = partKey(story, "role");
  const means = partKey(story, "means");
  const ends = partKey(story, "ends");
  // The lengths first (-1: absent) keep any three keys apart, whatever characters they hold.
  const id = `${role?.length ?? -1} ${means?.length ?? -1} ${ends?.length ?? -1} ${role ?? ""}${means ?? ""}${ends ?? ""}`;
  let keys = keySets.get(id);
  if (!keys) {
    if (keySets.size >= CACHE_LIMIT) keySets.clear();
    const made: TemplateKeys = {};
    if (role !== undefined) made.role = role;
    if (means !== undefined) made.means = means;
    if (ends !== undefined) made.ends = ends;
    keys = Object.freeze(made);
    keySets.set(id, keys);
  }
  return keys;
});

const keyOfPart: Record<Part, (story: Story) => string | undefined> = {
  role: (story) => templateKeys(story).role,
  means: (story) => templateKeys(story).means,
  ends: (story) => templateKeys(story).ends,
};

export default defineRule<UniformOptions>({
  meta: {
    id: "story-uniform",
    description: "Use the backlog's own template: one way of writing 'As a', 'I want' and 'so that'.",
    source: "QUS",
    defaultSeverity: "info",
    messages: {
      differs: "'{marker}' differs from the template most stories here use ('{dominant}'): write it the same way.",
    },
    fixable: true,
    defaultOptions: { dominantShare: 0.7, minStories: 5 },
    optionsSchema: {
      type: "object",
      properties: {
        dominantShare: { type: "number", minimum: 0.5, maximum: 1, description: "Share of stories a phrasing needs to be the norm." },
        minStories: { type: "integer", minimum: 2, description: "Smallest backlog judged." },
      },
      additionalProperties: false,
    },
  },
  checkBacklog(backlog, context) {
    for (const part of PARTS) {
      const groups = storyGroups(context, part, backlog.stories, keyOfPart[part]);
      // Keys in the order they first appear, so that a tie goes to the phrasing met first.
      const entries = groups.entries();
      const total = entries.reduce((sum, e) => sum + e.size, 0);
      if (total < context.options.minStories) continue;
      const dominant = [...entries].sort((a, b) => b.size - a.size)[0];
      const example = dominant && groups.first(dominant.key);
      const dominantMarker = example && markerOf(example, part);
      if (!dominant || dominant.key === "" || !dominantMarker || dominant.size < total * context.options.dominantShare) continue;
      const others = entries.filter((e) => e.key !== dominant.key).flatMap((e) => groups.members(e.key));
      others.sort((a, b) => a.at - b.at);
      for (const { story } of others) {
        const marker = markerOf(story, part);
        if (!marker) continue;
        const nextChar = nextCharAfter(sourceOf(backlog), marker.span.end);
        const newText = replacement(part, marker, dominantMarker, nextChar);
        const fixes: Fix[] | undefined =
          newText !== undefined && sourceOf(backlog).slice(marker.span.start, marker.span.end) === marker.text
            ? [{ title: `Write '${newText}'`, edits: [{ span: marker.span, newText }], safe: true }]
            : undefined;
        context.report({
          messageId: "differs",
          data: { marker: marker.text, dominant: dominantMarker.text },
          span: marker.span,
          storyIndex: story.index,
          ...(fixes && { fixes }),
        });
      }
    }
  },
});
