// Command-line arguments: the one place that knows the options, their defaults and the usage text.
import { parseArgs } from "node:util";
import type { BacklogFormat } from "../server/core/model";

export type OutputFormat = "text" | "stylish" | "json" | "sarif" | "github";

/** What the command line asks for, checked. */
export interface CliOptions {
  readonly command: "lint" | "stats" | "help" | "version";
  readonly inputs: readonly string[];
  readonly output: OutputFormat;
  readonly fix: boolean;
  readonly maxWarnings?: number;
  /** Forces the format of every file found (`--type`). */
  readonly type?: BacklogFormat;
  /** An explicit config file, `false` for none (`--no-config`), undefined to search from the current directory up. */
  readonly config?: string | false;
  readonly quiet: boolean;
  /** Read one backlog from standard input (`--stdin`, with `--type`). */
  readonly stdin?: boolean;
}

/** A command line that cannot be run; the message says why, and the process exits 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: backlog-coach <command> [options] [files, folders or globs...]

Commands:
  lint     Check user stories and acceptance criteria (the default command)
  stats    Per-rule counts and the share of stories well formed, with a benefit, with criteria, ready

Files: folders are searched for backlog files (*.backlog.yaml, backlog.yaml, *.story.md, *.stories.md,
*.stories, *.stories.txt, *.feature) and for the Markdown of spec and story workflows (specs/*/spec.md,
docs/stories/*.md, or the config's markdownFiles globs), read by its shape; a folder named on the command
line that holds none of them is read as a folder of plain story lists (its *.txt files). A file named explicitly is read by its name, else by its
extension (.yaml/.yml, .md, .txt, .feature, .csv, .json). CSV and JSON files are read only when named or
with --type. With no path, the current folder is searched.

Options:
  -f, --format <name>                    Output format (stats: text or json):
                                           text     one line per problem, path:line:col severity rule message
                                                    (the default: what CI logs, grep and the $backlog-coach
                                                    problem matcher read)
                                           stylish  grouped under each file, as ESLint prints them
                                           json, sarif (code scanning), github (pull request annotations)
      --fix                              Apply the safe fixes in place, then report what is left
      --max-warnings <n>                 Exit 1 when there are more than n warnings
      --type <format>                    Read every file as this format (also: --format-of): yaml, markdown,
                                           plain, gherkin, csv (Jira, Azure DevOps or mapped CSV exports;
                                           folders are searched for *.csv) or github-issues (gh issue list --json)
      --stdin                            Read one backlog from standard input (needs --type), e.g.
                                           gh issue list --json number,title,body,labels,state |
                                           backlog-coach lint --stdin --type github-issues
  -c, --config <file>                    Use this .backlog-coach.yaml (default: the nearest one upwards)
      --no-config                        Use no config file
  -q, --quiet                            Report errors only
  -h, --help                             Show this help
  -v, --version                          Show the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage error, unreadable file or invalid config.`;

const OUTPUTS: readonly string[] = ["text", "stylish", "json", "sarif", "github"];
const FORMATS: readonly string[] = ["yaml", "markdown", "plain", "gherkin", "csv", "github-issues"];

/**
 * `--max-warnings -1` as `--max-warnings=-1`: node:util reads "-1" as an option and says only that the argument
 * is ambiguous, where the user should hear what the value must be.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg === "--max-warnings" && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Parses argv (without node and the script). Throws UsageError for anything it cannot run. */
export function parseCommandLine(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(joinNegativeValues(argv));
  } catch (error) {
    // node:util's messages name the option ("Unknown option '--fxi'"): pass them on as they are.
    throw new UsageError(error instanceof Error ? (error.message.split(/\n|\. To specify/)[0] ?? error.message) : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help", inputs: [], output: "text", fix: false, quiet: false };
  if (values.version) return { command: "version", inputs: [], output: "text", fix: false, quiet: false };
  let command: CliOptions["command"] = "lint";
  let inputs = positionals;
  if (positionals[0] === "lint" || positionals[0] === "stats") {
    command = positionals[0];
    inputs = positionals.slice(1);
  } else if (positionals[0] === "help") {
    return { command: "help", inputs: [], output: "text", fix: false, quiet: false };
  }
  const output = values.format ?? "text";
  if (!OUTPUTS.includes(output)) throw new UsageError(`--format must be one of ${OUTPUTS.join(", ")}, not '${output}'.`);
  if (command === "stats" && output !== "text" && output !== "json") throw new UsageError("stats prints text or json only.");
  const type = values.type ?? values["format-of"];
  if (type !== undefined && !FORMATS.includes(type)) throw new UsageError(`--type must be one of ${FORMATS.join(", ")}, not '${type}'.`);
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0)
      throw new UsageError(`--max-warnings needs a whole number of 0 or more, not '${values["max-warnings"]}'.`);
  }
  if (values.config !== undefined && values["no-config"]) throw new UsageError("--config and --no-config exclude each other.");
  if (values.fix && command === "stats") throw new UsageError("--fix works with lint only.");
  if (values.stdin && type === undefined)
    throw new UsageError("--stdin needs --type, to say what the input is (e.g. --type github-issues).");
  if (values.stdin && inputs.length > 0) throw new UsageError("--stdin reads standard input only: name no files with it.");
  if (values.stdin && values.fix) throw new UsageError("--fix writes files: it cannot fix standard input.");
  return {
    command,
    inputs: inputs.length > 0 ? inputs : ["."],
    output: output as OutputFormat,
    fix: values.fix ?? false,
    ...(maxWarnings !== undefined && { maxWarnings }),
    ...(type !== undefined && { type: type as BacklogFormat }),
    ...(values["no-config"] ? { config: false as const } : values.config !== undefined ? { config: values.config } : {}),
    quiet: values.quiet ?? false,
    ...(values.stdin && { stdin: true }),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", short: "f" },
      fix: { type: "boolean" },
      "max-warnings": { type: "string" },
      type: { type: "string" },
      "format-of": { type: "string" },
      config: { type: "string", short: "c" },
      "no-config": { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
      stdin: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}
