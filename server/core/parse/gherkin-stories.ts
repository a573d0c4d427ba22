// Reads a Gherkin `.feature` file into the story model: the Feature's narrative is the story, its scenarios the criteria.
import { AstBuilder, GherkinClassicTokenMatcher, Parser, dialects } from "@cucumber/gherkin";
import { IdGenerator, type Feature, type GherkinDocument, type Scenario, type Step } from "@cucumber/messages";
import type { Backlog, Criterion, Finding, ScenarioStep, Span, Story, StorySentence, TextEdit, TextPart } from "../model";
import { foldForMatching, parseStorySentence } from "./story-sentence";
import { opensStory } from "./plain-stories";
import {
  GherkinReading,
  MAX_PARSER_ERRORS,
  sectionErrors,
  sectionOfEdit,
  sectionsAfterEdit,
  shiftCriterion,
  type ScenarioSection,
} from "./gherkin-sections";
import type { Change, StoryReuse } from "./story-reuse";
import { LineIndex, lineBreakOf } from "./text-lines";

/** The Gherkin parser's token names, as a user would say them in a message. */
const TOKEN_WORDS: Readonly<Record<string, string>> = {
  "#StepLine": "a step (Given, When, Then, And, But)",
  "#ScenarioLine": "a Scenario",
  "#ExamplesLine": "Examples",
  "#RuleLine": "a Rule",
  "#BackgroundLine": "a Background",
  "#FeatureLine": "'Feature:'",
  "#TableRow": "a table row",
  "#DocStringSeparator": 'a doc string (""")',
  "#TagLine": "a tag",
  "#Other": "a description line",
};

/** A line of the file: where its content starts (past indentation) and ends (before the line break). */
interface LineAt {
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** Reads lines by their 1-based Gherkin number, at UTF-16 offsets of the original text. */
class Lines {
  private readonly index: LineIndex;
  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
  }
  get count(): number {
    return this.index.lineCount;
  }
  at(line: number): LineAt {
    const start = this.index.lineStart(line - 1);
    const end = this.index.lineEnd(line - 1);
    let contentStart = start;
    while (contentStart < end && /\s/.test(this.text[contentStart] ?? "")) contentStart++;
    let contentEnd = end;
    while (contentEnd > contentStart && /\s/.test(this.text[contentEnd - 1] ?? "")) contentEnd--;
    return { start, contentStart, end: contentEnd };
  }
  content(line: number): string {
    const l = this.at(line);
    return this.text.slice(l.contentStart, l.end);
  }
}

/** What a reader of a `.feature` file needs of a dialect: its step keywords by kind. */
interface DialectWords {
  readonly but: readonly string[];
  readonly then: string;
  readonly given: string;
  readonly when: string;
  readonly scenario: string;
}

const firstKeyword = (list: readonly string[] | undefined, fallback: string): string =>
  (list ?? []).find((k) => k.trim() !== "*") ?? fallback;

function dialectWords(language: string): DialectWords {
  const d = dialects[language] ?? dialects["en"];
  return {
    but: (d?.but ?? []).filter((k) => k.trim() !== "*"),
    given: firstKeyword(d?.given, "Given "),
    when: firstKeyword(d?.when, "When "),
    then: firstKeyword(d?.then, "Then "),
    // "Scenario" rather than "Example" where a dialect has both (its last scenario keyword).
    scenario: (d?.scenario ?? []).filter((k) => k.trim() !== "*").slice(-1)[0] ?? "Scenario",
  };
}

/** The Gherkin parser's document, with its errors; recovers what it read around a bad line. */
function parseDocument(text: string): { document?: GherkinDocument; errors: { message: string; line: number }[] } {
  // Lines as LSP counts them: the parser splits on "\n" only, so a lone "\r" becomes one (same length); a BOM is blank.
  const prepared = text.replace(/^\uFEFF/, " ").replace(/\r(?!\n)/g, "\n");
  const errors: { message: string; line: number }[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const builder = new AstBuilder(IdGenerator.incrementing());
    const parser = new Parser(builder, new GherkinClassicTokenMatcher());
    parser.stopAtFirstError = false;
    try {
      return { document: parser.parse(attempt === 0 ? prepared : withoutLanguage(prepared)), errors };
    } catch (error) {
      const list = (error as { errors?: unknown[] }).errors ?? [error];
      for (const e of list) {
        const line = (e as { location?: { line?: number } }).location?.line ?? 1;
        errors.push({ message: e instanceof Error ? e.message : String(e), line });
      }
      // An unknown "# language:" stops the parser at once: read the file again as English, with the error kept.
      if (list.some((e) => /^Language not supported/.test((e as Error).message ?? "")) && attempt === 0) continue;
      try {
        // With stopAtFirstError off, the parser skipped the lines it could not read: what it built is still valid.
        return { document: builder.getResult() as GherkinDocument, errors };
      } catch {
        return { errors };
      }
    }
  }
  return { errors };
}

/** The text with its "# language:" header blanked (same offsets). */
const withoutLanguage = (text: string): string => text.replace(/^(\s*)#\s*language\s*:[^\n]*/m, (m) => m.replace(/[^\s]/g, " "));

/** A parser error as a finding on its line, in words a user can act on. */
function syntaxFinding(lines: Lines, error: { message: string; line: number }): Finding {
  const line = Math.min(Math.max(1, error.line), lines.count);
  const at = lines.at(line);
  const span = at.end > at.contentStart ? { start: at.contentStart, end: at.end } : { start: at.start, end: at.end };
  const language = /^Language not supported: (.*)$/.exec(error.message);
  let message: string;
  if (language) message = `Gherkin has no dialect '${language[1] ?? ""}': the file is read as English.`;
  else {
    const expected = /expected: ([^,]+(?:, [^,]+)*), got/.exec(error.message)?.[1];
    const words = (expected ?? "")
      .split(", ")
      .map((t) => TOKEN_WORDS[t.trim()])
      .filter((w): w is string => w !== undefined);
    message =
      words.length > 0
        ? `Gherkin cannot read this line here: expected ${words.slice(0, -1).join(", ")}${words.length > 1 ? " or " : ""}${words[words.length - 1]}. A comment starts with '#'. The rest of the file is still checked.`
        : `Gherkin cannot read this line: ${error.message.replace(/^\(\d+:\d+\):\s*/, "")}`;
  }
  return { ruleId: "gherkin-syntax", messageId: "syntax", message, severity: "error", span };
}

/** Where a narrative line's leading words put it: the role, the means, the benefit, or a line that goes on. */
type NarrativeKind = "role" | "means" | "ends" | "more";

const ROLE_LINE = /^as(?:\s+(?:an?|the))?\s+\S/;
const MEANS_LINE = /^(?:i|we)(?:\s+\w+)?\s+(?:want|need|would\s+like|wish|can|am\s+able|must|should)\b|^i'd\s+like\b/;
const ENDS_LINE = /^(?:so\s+that|so\s+as\s+to|in\s+order\s+(?:to|that|for)|so|because)\b/;

function narrativeKind(content: string): NarrativeKind {
  const folded = foldForMatching(content);
  if (ENDS_LINE.test(folded)) return "ends";
  if (ROLE_LINE.test(folded)) return "role";
  if (MEANS_LINE.test(folded)) return "means";
  return "more";
}

/** A run of narrative lines led by one marker, joined as one line (line breaks and a final stop made spaces). */
interface NarrativeGroup {
  readonly kind: NarrativeKind;
  readonly start: number;
  readonly end: number;
}

/**
 * The text of [start, end) on one line: line breaks become spaces, and so does a full stop or semicolon that
 * ends a line another narrative line follows ("As a shopper." / "I want ..."), so that one clause per line
 * reads as one sentence. Same length, so every offset holds.
 */
function joined(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[.;]?(?:\r\n|\r|\n)/g, (m) => " ".repeat(m.length));
}

const RANK: Readonly<Record<NarrativeKind, number>> = { role: 0, means: 1, ends: 2, more: 3 };

/**
 * The story sentence of a narrative: "As a / I want / So that" lines in the template's order are one sentence for
 * the sentence reader; in any other order ("In order to / As a / I want"), each led part is read on its own and
 * the parts are put together, each at its place in the file.
 */
function narrativeSentence(text: string, groups: readonly NarrativeGroup[]): StorySentence | undefined {
  const first = groups[0];
  const last = groups[groups.length - 1];
  if (!first || !last) return undefined;
  const whole = joined(text, first.start, last.end);
  const inOrder = groups.every((g, i) => i === 0 || RANK[g.kind] >= RANK[(groups[i - 1] as NarrativeGroup).kind]);
  if (inOrder) return parseStorySentence(whole, first.start);
  const sentence: { -readonly [K in keyof StorySentence]: StorySentence[K] } = parseStorySentence(whole, first.start);
  for (const key of ["roleMarker", "role", "meansMarker", "means", "endsMarker", "ends", "trailing"] as const) delete sentence[key];
  for (const g of groups) {
    const part = joined(text, g.start, g.end);
    if (g.kind === "ends") {
      const folded = foldForMatching(part);
      const m = ENDS_LINE.exec(folded);
      if (!m || sentence.endsMarker) continue;
      sentence.endsMarker = { text: part.slice(0, m[0].length), span: { start: g.start, end: g.start + m[0].length } };
      const ends = trimmed(part, m[0].length, part.length, g.start);
      if (ends) sentence.ends = ends;
      continue;
    }
    const read = parseStorySentence(part, g.start);
    sentence.roleMarker ??= read.roleMarker;
    sentence.role ??= read.role;
    sentence.meansMarker ??= read.meansMarker;
    sentence.means ??= read.means;
    sentence.endsMarker ??= read.endsMarker;
    sentence.ends ??= read.ends;
  }
  for (const key of Object.keys(sentence) as (keyof StorySentence)[]) if (sentence[key] === undefined) delete sentence[key];
  return sentence;
}

/** A part of `text` between local offsets, without the spaces and final punctuation around it. */
function trimmed(text: string, from: number, to: number, base: number): TextPart | undefined {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  while (e > s && /[\s,;:.!?]/.test(text[e - 1] ?? "")) e--;
  return e > s ? { text: text.slice(s, e), span: { start: base + s, end: base + e } } : undefined;
}

/**
 * The narrative lines of a Feature's description: the first paragraph that has a line led by "As a", "I want" or
 * "So that" / "In order to", from that line to the paragraph's end (a blank line). Grouped by the marker that leads
 * each run of lines; the rest of the description (other paragraphs) is free text, not the story.
 */
function narrativeGroups(text: string, lines: Lines, firstLine: number, lineCount: number): NarrativeGroup[] {
  const groups: { kind: NarrativeKind; start: number; end: number }[] = [];
  for (let line = firstLine; line < firstLine + lineCount; line++) {
    const at = lines.at(line);
    const content = text.slice(at.contentStart, at.end);
    if (content === "") {
      if (groups.length > 0) break;
      continue;
    }
    const kind = narrativeKind(content);
    const current = groups[groups.length - 1];
    if (kind !== "more") groups.push({ kind, start: at.contentStart, end: at.end });
    else if (current) current.end = at.end;
  }
  // A paragraph that only goes on ("more") never started a narrative.
  return groups;
}

/** The description's first line number: the first line after the header that is neither blank nor a comment. */
function descriptionStart(lines: Lines, headerLine: number, description: string): number | undefined {
  if (description.trim() === "") return undefined;
  const first = description.split("\n")[0]?.trim() ?? "";
  for (let line = headerLine + 1; line <= lines.count; line++) {
    const content = lines.content(line);
    if (content === "" || (content.startsWith("#") && content !== first)) continue;
    return content === first ? line : undefined;
  }
  return undefined;
}

/** The header line's "Keyword: name" and the name alone. */
function headerParts(text: string, lines: Lines, line: number, keyword: string): { header: TextPart; name?: TextPart } {
  const at = lines.at(line);
  const header = { text: text.slice(at.contentStart, at.end), span: { start: at.contentStart, end: at.end } };
  const colon = text.startsWith(keyword, at.contentStart) ? text.indexOf(":", at.contentStart + keyword.length) : -1;
  if (colon < 0 || colon >= at.end) return { header };
  const name = trimmed(text, colon + 1, at.end, 0);
  return name ? { header, name: { text: name.text, span: name.span } } : { header };
}

/** The last line of a block that runs up to (not including) `beforeLine`: blank, comment and tag lines left out. */
function lastContentLine(lines: Lines, fromLine: number, beforeLine: number): number {
  let line = beforeLine - 1;
  while (line > fromLine) {
    const content = lines.content(line);
    if (content !== "" && !content.startsWith("#") && !content.startsWith("@")) break;
    line--;
  }
  return line;
}

/** The last line of a step: its own, or its data table's last row, or its doc string's closing delimiter. */
function lastStepLine(lines: Lines, step: Step): number {
  const rows = step.dataTable?.rows;
  const lastRow = rows?.[rows.length - 1];
  if (lastRow) return lastRow.location.line;
  const doc = step.docString;
  if (doc) {
    for (let line = doc.location.line + 1; line <= lines.count; line++) if (lines.content(line).startsWith(doc.delimiter)) return line;
  }
  return step.location.line;
}

/** A step's kind as Gherkin means it: "*" and And continue the step before ("and"), But is "but". */
function kindOf(step: Step, words: DialectWords): ScenarioStep["kind"] {
  switch (step.keywordType) {
    case "Context":
      return "given";
    case "Action":
      return "when";
    case "Outcome":
      return "then";
    default:
      return words.but.includes(step.keyword) ? "but" : "and";
  }
}

interface ScenarioPlace {
  readonly scenario: Scenario;
  readonly rule?: TextPart;
}

/** One criterion per scenario: its steps (tables and doc strings with them), or its header when it has none. */
function scenarioCriterion(text: string, lines: Lines, place: ScenarioPlace, language: string, words: DialectWords): Criterion {
  const { scenario } = place;
  const headerLine = scenario.location.line;
  const { header } = headerParts(text, lines, headerLine, scenario.keyword);
  const steps = scenario.steps;
  const parameters = [...new Set(scenario.examples.flatMap((e) => e.tableHeader?.cells.map((c) => c.value) ?? []))];
  const base = {
    language,
    header,
    ...(place.rule && { rule: place.rule }),
    ...(parameters.length > 0 && { parameters }),
  };
  const firstStep = steps[0];
  if (!firstStep) return { text: header.text, span: header.span, scenario: { ...base, steps: [] } };
  const start = lines.at(firstStep.location.line).contentStart;
  const end = lines.at(lastStepLine(lines, steps[steps.length - 1] as Step)).end;
  const read: ScenarioStep[] = [];
  for (const step of steps) {
    const at = lines.at(step.location.line).contentStart;
    const keyword = step.keyword.trimEnd();
    // Only a keyword found where the parser says it is: offsets are never guessed.
    if (!text.startsWith(keyword, at) || at < start || at >= end) continue;
    read.push({ kind: kindOf(step, words), text: keyword, span: { start: at - start, end: at - start + keyword.length } });
  }
  return { text: text.slice(start, end), span: { start, end }, scenario: { ...base, steps: read } };
}

/** Every scenario of a Feature, those under a Rule with the Rule's header, in file order. */
function scenarioPlaces(text: string, lines: Lines, feature: Feature): ScenarioPlace[] {
  const places: ScenarioPlace[] = [];
  for (const child of feature.children) {
    if (child.scenario) places.push({ scenario: child.scenario });
    if (!child.rule) continue;
    const rule = headerParts(text, lines, child.rule.location.line, child.rule.keyword).header;
    for (const inner of child.rule.children) if (inner.scenario) places.push({ scenario: inner.scenario, rule });
  }
  return places;
}

/** A leading tag that reads as a story id ("@CHK-12"), without its "@". */
function idOf(text: string, lines: Lines, feature: Feature): TextPart | undefined {
  for (const tag of feature.tags) {
    const m = /^@([A-Za-z][A-Za-z0-9_]*-\d+[A-Za-z]?)$/.exec(tag.name);
    if (!m?.[1]) continue;
    const line = lines.at(tag.location.line);
    const at = text.indexOf(tag.name, line.contentStart);
    if (at < 0 || at + tag.name.length > line.end) continue;
    return { text: m[1], span: { start: at + 1, end: at + tag.name.length } };
  }
  return undefined;
}

/** The Feature as a story: narrative (or a name that reads as one), scenarios as criteria, where fixes write. */
function featureStory(text: string, lines: Lines, feature: Feature, eol: string): Story {
  const headerLine = feature.location.line;
  const { header, name } = headerParts(text, lines, headerLine, feature.keyword);
  const words = dialectWords(feature.language);
  const startLine = feature.tags[0]?.location.line ?? headerLine;
  const lastLine = lastContentLine(lines, startLine, lines.count + 1);
  const span: Span = { start: lines.at(startLine).contentStart, end: Math.max(lines.at(lastLine).end, header.span.end) };
  const descLine = descriptionStart(lines, headerLine, feature.description);
  const groups = descLine === undefined ? [] : narrativeGroups(text, lines, descLine, feature.description.split("\n").length);
  let sentence = narrativeSentence(text, groups);
  if (!sentence && name && opensStory(foldForMatching(name.text))) sentence = parseStorySentence(name.text, name.span.start);
  const criteria = scenarioPlaces(text, lines, feature).map((p) => scenarioCriterion(text, lines, p, feature.language, words));
  const firstChild = feature.children[0];
  const childLine = firstChild?.scenario?.location.line ?? firstChild?.background?.location.line ?? firstChild?.rule?.location.line;
  const childIndent = childLine !== undefined ? text.slice(lines.at(childLine).start, lines.at(childLine).contentStart) : undefined;
  const featureIndent = text.slice(lines.at(headerLine).start, lines.at(headerLine).contentStart);
  const id = idOf(text, lines, feature);
  const firstCriterion = criteria[0];
  const lastCriterion = criteria[criteria.length - 1];
  return {
    index: 0,
    span,
    ...(id && { id }),
    ...(name && { title: name }),
    ...(sentence && { sentence }),
    ...(criteria.length > 0 && { acceptance: criteria }),
    ...(firstCriterion &&
      lastCriterion && {
        acceptanceSpan: { start: firstCriterion.scenario?.header.span.start ?? firstCriterion.span.start, end: lastCriterion.span.end },
      }),
    layout: { keyIndent: childIndent ?? `${featureIndent}  `, endOfEntry: span.end, eol },
  };
}

/** The first line of a block of a Feature: its first tag's line, else its keyword's. */
const firstLineOf = (block: {
  readonly location: { readonly line: number };
  readonly tags?: readonly { readonly location: { readonly line: number } }[];
}): number => block.tags?.[0]?.location.line ?? block.location.line;

/** Each scenario's section of the text (see ScenarioSection), in the order `scenarioPlaces` gives the criteria. */
function scenarioSections(text: string, lines: Lines, feature: Feature): ScenarioSection[] {
  // Every block's first line in file order, the scenarios marked with their Rule.
  const blocks: { line: number; rule?: ScenarioSection["rule"]; scenario: boolean }[] = [];
  for (const child of feature.children) {
    if (child.background) blocks.push({ line: child.background.location.line, scenario: false });
    if (child.scenario) blocks.push({ line: firstLineOf(child.scenario), scenario: true });
    if (!child.rule) continue;
    blocks.push({ line: firstLineOf(child.rule), scenario: false });
    const rule = { header: headerParts(text, lines, child.rule.location.line, child.rule.keyword).header, keyword: child.rule.keyword };
    for (const inner of child.rule.children) {
      if (inner.background) blocks.push({ line: inner.background.location.line, scenario: false });
      if (inner.scenario) blocks.push({ line: firstLineOf(inner.scenario), rule, scenario: true });
    }
  }
  const first = feature.children[0];
  return blocks.flatMap((b, k): ScenarioSection[] => {
    if (!b.scenario) return [];
    const next = blocks[k + 1];
    return [
      {
        start: lines.at(b.line).start,
        end: next ? lines.at(next.line).start : text.length,
        ...(b.rule && { rule: b.rule }),
        firstChild: k === 0 && first?.scenario !== undefined,
        errors: [],
      },
    ];
  });
}

/** A parser error that reaches past its own line: the end of the file came too early (an open doc string). */
const reachesEnd = (error: { message: string }): boolean => /#EOF|end of file/i.test(error.message.replace(/expected: [^]*?, got/, ""));

/**
 * The sections with the syntax findings of a whole reading placed in them; undefined when a finding lies outside
 * every scenario, reaches the end of the file, or the parser stopped at its limit: such a file is read whole.
 */
function placeErrors(
  sections: ScenarioSection[],
  errors: readonly { message: string; line: number }[],
  findings: readonly Finding[],
): ScenarioSection[] | undefined {
  if (errors.length > MAX_PARSER_ERRORS || errors.some(reachesEnd)) return undefined;
  const placed = sections.map((s) => ({ ...s, errors: [] as Finding[] }));
  for (const f of findings) {
    const section = placed.find((s) => s.start <= f.span.start && f.span.start < s.end);
    if (!section) return undefined;
    section.errors.push(f);
  }
  return placed;
}

/**
 * The story after an edit inside one scenario's section, read by parsing that section alone under a Feature (and
 * its Rule) of the same dialect; undefined when the edit is elsewhere or the section does not read as one clean
 * scenario (a new Scenario line, an open doc string, a syntax error): the whole file is then read.
 */
function readEdited(
  text: string,
  reading: GherkinReading,
  change: Change,
): { story: Story; reading: GherkinReading; findings: Finding[] } | undefined {
  const k = sectionOfEdit(reading, change);
  const section = k === undefined ? undefined : reading.sections[k];
  const old = reading.story;
  if (k === undefined || !section || !old.acceptance || !old.layout) return undefined;
  const delta = change.newLength - change.oldLength;
  const end = section.end + delta;
  const head = `# language: ${reading.language}\n${reading.featureKeyword}: -\n${section.rule ? `${section.rule.keyword}: -\n` : ""}`;
  const mini = head + text.slice(section.start, end);
  const parsed = parseDocument(mini);
  const children = parsed.document?.feature?.children ?? [];
  const child = children[0];
  const inner = section.rule ? child?.rule?.children : child && !child.rule ? [child] : undefined;
  const scenario = inner?.length === 1 ? inner[0]?.scenario : undefined;
  if (children.length !== 1 || !scenario || parsed.errors.some(reachesEnd)) return undefined;
  const lines = new Lines(mini);
  const d = section.start - head.length;
  const headLines = head.split("\n").length - 1;
  // A bad line of the section is a finding on that line, as in the whole file, while the parser's limit is not reached.
  const others = reading.sections.reduce((n, s, i) => (i === k ? n : n + s.errors.length), 0);
  if (parsed.errors.some((e) => e.line <= headLines) || others + parsed.errors.length > MAX_PARSER_ERRORS) return undefined;
  const errors = parsed.errors.map((e) => {
    const f = syntaxFinding(lines, e);
    return { ...f, span: { start: f.span.start + d, end: f.span.end + d } };
  });
  const read = shiftCriterion(scenarioCriterion(mini, lines, { scenario }, reading.language, dialectWords(reading.language)), d);
  const criterion: Criterion =
    section.rule && read.scenario ? { ...read, scenario: { ...read.scenario, rule: section.rule.header } } : read;
  const editEnd = change.oldLength - change.suffix;
  const acceptance = old.acceptance.map((c, i) => (i < k ? c : i === k ? criterion : shiftCriterion(c, delta, editEnd)));
  // The story ends at the file's last content line: in this section when it is the last, else moved.
  const storyEnd =
    section.end === change.oldLength
      ? Math.max(lines.at(lastContentLine(lines, headLines, lines.count + 1)).end + d, reading.headerEnd)
      : old.span.end + delta;
  const scenarioLine = lines.at(scenario.location.line);
  const first = acceptance[0] as Criterion;
  const last = acceptance[acceptance.length - 1] as Criterion;
  const story: Story = {
    ...old,
    span: { start: old.span.start, end: storyEnd },
    acceptance,
    acceptanceSpan: { start: first.scenario?.header.span.start ?? first.span.start, end: last.span.end },
    layout: {
      ...old.layout,
      endOfEntry: storyEnd,
      ...(section.firstChild && { keyIndent: mini.slice(scenarioLine.start, scenarioLine.contentStart) }),
    },
  };
  const sections = sectionsAfterEdit(reading.sections, k, end, errors, delta, editEnd);
  return {
    story,
    reading: new GherkinReading(story, sections, reading.language, reading.featureKeyword, reading.headerEnd, change.newLength),
    findings: sectionErrors(sections),
  };
}

/**
 * Parses a `.feature` file with the official Gherkin parser (every dialect it knows, "# language:" included). The
 * Feature is the story: its narrative the sentence, its name the title, an id-like tag its id; each Scenario and
 * Scenario Outline (those under a Rule too) is a criterion. A line the parser cannot read is one `gherkin-syntax`
 * finding, and what it read around it is checked as usual. Never throws.
 *
 * With `reuse`, a file that read without an error is kept in sections, one per scenario: an edit inside one
 * scenario re-reads that scenario alone (the Gherkin grammar ends a scenario at the next Scenario, Rule or tag
 * line), which gives what reading the whole file gives, at the cost of one scenario.
 */
export function parseGherkinStories(text: string, reuse?: StoryReuse): Backlog {
  const kept = reuse?.fileNote;
  const change = reuse?.edit;
  if (reuse && kept instanceof GherkinReading && change) {
    const edited = readEdited(text, kept, change);
    reuse.fileNote = edited?.reading;
    if (edited) return { format: "gherkin", text, personas: [], stories: [edited.story], parseFindings: edited.findings };
  }
  const lines = new Lines(text);
  const eol = lineBreakOf(text);
  let parsed: ReturnType<typeof parseDocument>;
  try {
    parsed = parseDocument(text);
  } catch (error) {
    parsed = { errors: [{ message: error instanceof Error ? error.message : String(error), line: 1 }] };
  }
  const findings = parsed.errors.map((e) => syntaxFinding(lines, e));
  const feature = parsed.document?.feature;
  let stories: Story[] = [];
  if (feature) {
    try {
      stories = [featureStory(text, lines, feature, eol)];
      const story = stories[0];
      const sections = reuse && story ? placeErrors(scenarioSections(text, lines, feature), parsed.errors, findings) : undefined;
      if (reuse && story && sections) {
        const header = headerParts(text, lines, feature.location.line, feature.keyword).header;
        reuse.fileNote = new GherkinReading(story, sections, feature.language, feature.keyword, header.span.end, text.length);
      }
    } catch (error) {
      findings.push(syntaxFinding(lines, { message: error instanceof Error ? error.message : String(error), line: feature.location.line }));
    }
  }
  return { format: "gherkin", text, personas: [], stories, parseFindings: findings };
}

/** A new step line after a criterion ("Then <outcome>" in the file's dialect), in the indentation of its steps. */
export function gherkinStepAfter(text: string, criterion: Criterion, kind: "then", words: string): TextEdit | undefined {
  const reading = criterion.scenario;
  if (!reading) return undefined;
  const keyword = dialectWords(reading.language)[kind];
  const lineStart = Math.max(text.lastIndexOf("\n", criterion.span.start - 1) + 1, 0);
  const ownIndent = text.slice(lineStart, criterion.span.start);
  const indent = reading.steps.length > 0 ? ownIndent : `${ownIndent}  `;
  const eol = lineBreakOf(text);
  const at = criterion.span.end;
  return { span: { start: at, end: at }, newText: `${eol}${indent}${keyword}${words}` };
}

/** The dialect a file declares in its "# language:" header (before its Feature), else English. */
export function gherkinLanguageOf(text: string, before: number): string {
  const m = /^[ \t]*#[ \t]*language[ \t]*:[ \t]*([\w-]+)/m.exec(text.slice(0, before));
  return m?.[1] && dialects[m[1]] ? m[1] : "en";
}

/** A Scenario skeleton appended to a Feature, in its dialect and indentation, with placeholders to fill in. */
export function gherkinScenarioSkeleton(text: string, story: Story): TextEdit | undefined {
  const layout = story.layout;
  if (!layout) return undefined;
  const w = dialectWords(gherkinLanguageOf(text, story.span.start));
  const indent = layout.keyIndent;
  const step = `${indent}  `;
  const { eol } = layout;
  return {
    span: { start: layout.endOfEntry, end: layout.endOfEntry },
    newText: `${eol}${eol}${indent}${w.scenario.trim()}: <name>${eol}${step}${w.given}<context>${eol}${step}${w.when}<event>${eol}${step}${w.then}<outcome>`,
  };
}
