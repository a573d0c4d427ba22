// Issue #15, part A: the health view, the editor and the CLI tell the same, honest story about a backlog.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BacklogLanguageService } from "../../server/service";

const URI = "file:///w/a.backlog.yaml";

function healthOf(text: string) {
  const service = new BacklogLanguageService();
  service.update(URI, text, 1);
  const health = service.health(URI);
  assert.ok(health);
  return health;
}

describe("the health view ranks by severity", () => {
  // S-1 has many warnings; S-2 only the one error (no role, means or benefit: not well formed).
  const text = [
    "stories:",
    "  - id: S-1",
    "    story: As a shopper, I want to pay by card and see my orders.",
    "  - id: S-2",
    "    story: Payment page.",
    "    acceptance:",
    "      - Given a cart, when I pay, then I get a receipt",
    "",
  ].join("\n");

  it("puts the story with an error first, headed by that error", () => {
    const health = healthOf(text);
    const first = health.worstStories[0];
    assert.equal(first?.label, "S-2");
    assert.equal(first?.severity, "error");
    const s1 = health.worstStories.find((s) => s.label === "S-1");
    assert.ok(s1 && s1.findings > first.findings, "S-1 has more findings, yet comes after the error");
    assert.equal(s1.severity, "warning");
  });

  it("counts findings per severity as the CLI does", () => {
    const service = new BacklogLanguageService();
    service.update(URI, text, 1);
    const health = service.health(URI);
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const f of service.analysis(URI)?.findings ?? []) counts[f.severity]++;
    assert.deepEqual(health?.findingsBySeverity, counts);
    assert.ok(counts.error >= 1);
  });
});
