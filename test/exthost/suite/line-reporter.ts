// The suites' reporter, for Node's mocha (the Node extension host) and mocha's browser build (the web-worker host):
// one line per test and the closing "N passed, N failed". Console output reaches the runner through the workbench
// log, mixed with the workbench's own; the SUITE_MARK prefix lets the runner pick the suite's lines out.
import type Mocha from "mocha";
import { SUITE_MARK } from "./marker";

/** The reporter class, made from the Mocha that runs the suite (the two hosts load different builds of it). */
export function lineReporter(mocha: Pick<typeof Mocha, "reporters" | "Runner">): typeof Mocha.reporters.Base {
  return class LineReporter extends mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      let passed = 0;
      let failed = 0;
      runner.on(mocha.Runner.constants.EVENT_TEST_PASS, (test) => {
        passed++;
        console.log(`${SUITE_MARK}  ok   ${test.fullTitle()} (${test.duration ?? 0} ms)`);
      });
      runner.on(mocha.Runner.constants.EVENT_TEST_FAIL, (test, error: Error) => {
        failed++;
        console.log(`${SUITE_MARK}  FAIL ${test.fullTitle()}\n${error.stack ?? error.message}`);
      });
      runner.once(mocha.Runner.constants.EVENT_RUN_END, () => console.log(`${SUITE_MARK}${passed} passed, ${failed} failed`));
    }
  };
}
