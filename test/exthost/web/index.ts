// The entry point VS Code's web-worker extension host loads as `extensionTestsPath` (bundled for the browser by the
// runner, test/exthost/run-code-server.ts --web): the web-worker checks, then the same suite as the Node host's.
import "mocha/mocha.js";
import { lineReporter } from "../suite/line-reporter";

export async function run(): Promise<void> {
  // mocha's browser build set the globals `mocha` (ready to set up) and `Mocha`; the test files need its bdd globals.
  mocha.setup({ ui: "bdd", timeout: 60_000, color: false, reporter: lineReporter(Mocha) });
  await import("./web-worker.test.js");
  await import("../suite/extension.test.js");
  await import("../suite/workspace.test.js");
  // Mocha's own run: the browser build's mocha.run() first reads the page's location.search, which this host lacks.
  const failures = await new Promise<number>((resolve) => Mocha.prototype.run.call(mocha, resolve));
  if (failures > 0) throw new Error(`${failures} web extension-host test(s) failed`);
}
