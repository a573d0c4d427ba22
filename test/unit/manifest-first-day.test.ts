// The manifest's first-day contributions point at files that exist: the walkthrough's media, the icons, the schema.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

const ROOT = join(__dirname, "..", "..", "..");
interface Step {
  id: string;
  description: string;
  media: { svg?: string; image?: string; markdown?: string; altText?: string };
  completionEvents?: string[];
}
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  icon: string;
  contributes: {
    commands: { command: string }[];
    walkthroughs: { id: string; steps: Step[] }[];
    yamlValidation: { fileMatch: string[]; url: string }[];
    viewsContainers: { activitybar: { icon: string }[] };
    views: Record<string, { id: string }[]>;
  };
};
const ours = new Set(manifest.contributes.commands.map((c) => c.command));
/** The workbench's own commands the walkthrough links to. */
const BUILT_IN = new Set(["workbench.actions.view.problems", "editor.action.quickFix"]);

describe("manifest: a first day", () => {
  it("contributes New Backlog", () => assert.ok(ours.has("backlogCoach.newBacklog")));

  it("has an extension icon: a 128 x 128 PNG", () => {
    const png = readFileSync(join(ROOT, manifest.icon));
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it("has an activity-bar icon of its own, drawn in currentColor", () => {
    const svg = readFileSync(join(ROOT, manifest.contributes.viewsContainers.activitybar[0]?.icon ?? ""), "utf8");
    assert.match(svg, /stroke="currentColor"/);
  });

  it("validates .backlog-coach.yaml with the config schema", () => {
    const entry = manifest.contributes.yamlValidation.find((v) => v.fileMatch.includes(".backlog-coach.yaml"));
    assert.ok(entry && existsSync(join(ROOT, entry.url)), "yamlValidation for .backlog-coach.yaml");
  });

  const walkthrough = manifest.contributes.walkthroughs[0];
  it("has a walkthrough of five steps: story, finding, fix, sidebar, CI", () => {
    assert.deepEqual(
      walkthrough?.steps.map((s) => s.id),
      ["firstStory", "seeFinding", "applyFix", "openSidebar", "runCli"],
    );
  });
  for (const step of walkthrough?.steps ?? []) {
    it(`step ${step.id}: its media exists, its links run real commands, it can be completed`, () => {
      const media = step.media.svg ?? step.media.image ?? step.media.markdown;
      assert.ok(media && existsSync(join(ROOT, media)), `${step.id}: ${media}`);
      if (!step.media.markdown) assert.ok(step.media.altText, `${step.id}: altText`);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g))
        assert.ok(ours.has(command ?? "") || BUILT_IN.has(command ?? ""), `${step.id} links to ${command}`);
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} has no completion event`);
      for (const event of step.completionEvents ?? []) {
        const view = /^onView:(.+)$/.exec(event)?.[1];
        if (view)
          assert.ok(
            Object.values(manifest.contributes.views)
              .flat()
              .some((v) => v.id === view),
            event,
          );
      }
    });
  }
});
