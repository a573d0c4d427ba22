// The entry point VS Code's extension host loads as `extensionTestsPath`: runs the mocha suite inside the real
// extension host and ends with a line "N passed, N failed"; it rejects when a test failed, so the host exits non-zero.
import Mocha from "mocha";
import { join } from "node:path";
import { SUITE_MARK } from "./marker";

/**
 * Prints one line per test and the closing count. Console output reaches the runner through the workbench log, mixed
 * with the workbench's own; the SUITE_MARK prefix lets the runner pick the suite's lines out.
 */
class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => {
      passed++;
      console.log(`${SUITE_MARK}  ok   ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error: Error) => {
      failed++;
      console.log(`${SUITE_MARK}  FAIL ${test.fullTitle()}\n${error.stack ?? error.message}`);
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => console.log(`${SUITE_MARK}${passed} passed, ${failed} failed`));
  }
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", timeout: 60_000, color: false, reporter: LineReporter });
  mocha.addFile(join(__dirname, "extension.test.js"));
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
