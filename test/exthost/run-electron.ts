// Runs the extension-host suite in desktop VS Code via @vscode/test-electron, for machines that can download VS Code
// (these build machines cannot; they run the same suite with run-code-server.ts).
import { join } from "node:path";
import { runTests } from "@vscode/test-electron";
import { EDITOR_FIXTURE_FOLDER } from "../support/editor-fixture";
import { REPO_ROOT, createSandbox } from "../support/editor-harness";

async function main(): Promise<void> {
  const sandbox = createSandbox("electron");
  try {
    const workspace = sandbox.copyFolder(EDITOR_FIXTURE_FOLDER, "workspace");
    await runTests({
      version: process.env["VSCODE_VERSION"] ?? "1.139.1",
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, "out", "test", "exthost", "suite", "index.js"),
      // The sandbox already holds quiet user settings in its user-data dir.
      extensionTestsEnv: { EXTENSIONS_GALLERY: "{}" },
      launchArgs: [
        workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
        `--user-data-dir=${sandbox.userDataDir}`,
        `--extensions-dir=${sandbox.extensionsDir}`,
      ],
    });
  } finally {
    sandbox.dispose();
  }
}

main().then(
  () => console.log("extension-host tier (electron): passed"),
  (error: unknown) => {
    console.error(error);
    console.log("extension-host tier (electron): FAILED");
    process.exitCode = 1;
  },
);
