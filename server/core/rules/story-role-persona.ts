// QUS "unambiguous" for roles: a story names a declared persona, not a generic "user".
import type { Fix, Story, TextPart } from "../model";
import { GENERIC_ROLES } from "../nlp/word-lists";
import { editDistance, roleKey, words } from "../nlp/similarity";
import { perOptions } from "./helpers";
import { defineRule } from "./rule";

export interface RolePersonaOptions {
  /** Roles that say nothing about who benefits. */
  readonly genericRoles: readonly string[];
}

/** Personas ordered by how close their names are to a role, nearest first. */
function nearestPersonas(role: string, personas: readonly TextPart[]): TextPart[] {
  const key = roleKey(role);
  const score = (p: TextPart): number => {
    const name = roleKey(p.text);
    const shared = words(name).filter((w) => key.split(" ").includes(w)).length;
    return editDistance(key, name) - shared * 5;
  };
  return [...personas].sort((a, b) => score(a) - score(b));
}

/**
 * Replacing the role with each of the nearest personas. The first is safe (applied by Fix all and `--fix`) when the
 * role is a misspelling of it and of no other: at most two edits away ("shoper", "Shoppers"), every other persona
 * further; a generic role ("user") is never replaced without the team choosing whom it means.
 */
function replaceFixes(story: Story, role: TextPart, personas: readonly TextPart[], generic: boolean): Fix[] {
  const key = roleKey(role.text);
  const distance = (p: TextPart): number => editDistance(key, roleKey(p.text));
  const first = personas[0];
  const typo = !generic && first !== undefined && distance(first) <= 2 && personas.slice(1).every((p) => distance(p) > 2);
  return personas.slice(0, 3).map((p, i) => ({
    title: `Replace '${role.text}' with the persona '${p.text}'`,
    edits: [{ span: role.span, newText: p.text }],
    safe: i === 0 && typo,
    ...(i === 0 && { preferred: true }),
  }));
}

/** The generic roles' keys, made once per configuration rather than once per story. */
const genericKeys = perOptions((o: RolePersonaOptions) => new Set(o.genericRoles.map((r) => roleKey(r))));

/** The personas' keys, made once per backlog (its personas list) rather than once per story. */
const declaredKeys = perOptions((personas: readonly TextPart[]) => new Set(personas.map((p) => roleKey(p.text))));

export default defineRule<RolePersonaOptions>({
  meta: {
    id: "story-role-persona",
    description: "Name a specific role: one of the backlog's personas, not a generic 'user'.",
    source: "QUS",
    defaultSeverity: "info",
    messages: {
      generic: "'{role}' is a generic role: name who benefits (a persona), so the team knows whose problem this is.",
      genericWithPersonas: "'{role}' is a generic role: did you mean the persona '{suggestion}'?",
      undeclared: "'{role}' is not one of the backlog's personas: did you mean '{suggestion}'?",
    },
    fixable: true,
    defaultOptions: { genericRoles: GENERIC_ROLES },
    optionsSchema: {
      type: "object",
      properties: { genericRoles: { type: "array", items: { type: "string" }, description: "Roles reported as generic." } },
      additionalProperties: false,
    },
  },
  checkStory(story, context) {
    const role = story.sentence?.role;
    if (!role || !story.sentence?.means) return;
    const key = roleKey(role.text);
    const generic = genericKeys(context.options);
    const personas = context.backlog.personas;
    const declared = declaredKeys(personas);
    // A plural or a trailing "s" is the same persona: "As a store admins" is a typo, not a new role.
    if (declared.has(key) || declared.has(key.replace(/s$/, "")) || declared.has(`${key}s`)) return;
    if (personas.length === 0) {
      if (generic.has(key)) context.report({ messageId: "generic", data: { role: role.text }, span: role.span, storyIndex: story.index });
      return;
    }
    const nearest = nearestPersonas(role.text, personas);
    const suggestion = nearest[0]?.text ?? "";
    context.report({
      messageId: generic.has(key) ? "genericWithPersonas" : "undeclared",
      data: { role: role.text, suggestion },
      span: role.span,
      storyIndex: story.index,
      fixes: replaceFixes(story, role, nearest, generic.has(key)),
    });
  },
});
