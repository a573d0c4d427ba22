// The entry point VS Code's Node extension host loads as `extensionTestsPath`: runs the mocha suite inside the real
// extension host and ends with a line "N passed, N failed"; it rejects when a test failed, so the host exits non-zero.
import Mocha from "mocha";
import { join } from "node:path";
import { lineReporter } from "./line-reporter";

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", timeout: 60_000, color: false, reporter: lineReporter(Mocha) });
  mocha.addFile(join(__dirname, "extension.test.js"));
  mocha.addFile(join(__dirname, "workspace.test.js"));
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
