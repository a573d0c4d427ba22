// The CLI run in process with its output captured: what the CLI tests assert on.
import { runCli } from "../../cli/main";
import { REPO_ROOT } from "./fixtures";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `backlog-coach <argv>` in `cwd`, with `stdin` as its standard input when given. */
export async function runCapturedCli(argv: string[], cwd = REPO_ROOT, stdin?: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    ...(stdin !== undefined && { stdin: () => Promise.resolve(stdin) }),
  });
  return { code, stdout, stderr };
}
