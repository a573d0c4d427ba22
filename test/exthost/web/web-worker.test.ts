// Proves where the web tier runs: in a dedicated web worker of the browser, with no Node API, and with Backlog Coach
// active in that same extension host (an extension's exports are only reachable from its own host).
import assert from "node:assert/strict";
import * as vscode from "vscode";
import { EXTENSION_ID, until } from "../suite/exthost-support";

describe("the web-worker extension host", () => {
  it("is a dedicated web worker, not Node", () => {
    const scope = globalThis as { constructor: { name: string }; WorkerGlobalScope?: new () => unknown };
    assert.equal(scope.constructor.name, "DedicatedWorkerGlobalScope");
    assert.equal(typeof scope.WorkerGlobalScope, "function");
    assert.ok(scope.WorkerGlobalScope && globalThis instanceof scope.WorkerGlobalScope, "the global scope is a WorkerGlobalScope");
    for (const nodeGlobal of ["process", "Buffer", "__dirname", "__filename"]) {
      assert.equal(nodeGlobal in globalThis, false, `no Node global "${nodeGlobal}"`);
    }
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web, "the workbench is the browser's");
  });

  it("has Backlog Coach's browser entry active in this host", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the development host`);
    assert.equal((extension.packageJSON as { browser?: unknown }).browser, "./dist/browser/client.js");
    await until(() => extension.isActive, `${EXTENSION_ID} to activate`);
    // Exports cross no extension-host boundary: a number here means the extension runs in this web worker.
    assert.equal(typeof (extension.exports as { activationMs?: unknown } | undefined)?.activationMs, "number");
  });
});
