// The client's crash policy: restart quietly after the first message, give up with one message after a storm.
import assert from "node:assert/strict";
import { it } from "node:test";
import { RestartPolicy } from "../../client/restart-policy";

it("tells the user once, restarts up to four times in three minutes, then stops with one message", () => {
  let now = 0;
  const policy = new RestartPolicy(4, 180_000, () => now);
  const decisions = Array.from({ length: 5 }, () => {
    now += 1000;
    return policy.onClosed();
  });
  assert.deepEqual(
    decisions.map((d) => d.restart),
    [true, true, true, true, false],
  );
  assert.deepEqual(
    decisions.map((d) => d.message !== undefined),
    [true, false, false, false, true],
  );
});

it("forgets crashes older than the window", () => {
  let now = 0;
  const policy = new RestartPolicy(2, 60_000, () => now);
  for (let i = 0; i < 10; i++) {
    now += 40_000;
    assert.equal(policy.onClosed().restart, true);
  }
});
