// JSON output: one entry per file with its problems, positions 1-based, for scripts and dashboards.
import { VERSION } from "./version";
import type { FileResult } from "./lint";

/** The JSON document `--format json` prints (kept stable: scripts read it). */
export interface JsonReport {
  readonly tool: "backlog-coach";
  readonly version: string;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly files: readonly {
    readonly path: string;
    readonly format: string;
    readonly stories: number;
    readonly errorCount: number;
    readonly warningCount: number;
    readonly fixed: number;
    readonly problems: FileResult["problems"];
  }[];
}

export function formatJson(results: readonly FileResult[]): string {
  const files = results.map((r) => ({
    path: r.file.display,
    format: r.file.format,
    stories: r.analysis?.backlog.stories.length ?? 0,
    errorCount: r.problems.filter((p) => p.severity === "error").length,
    warningCount: r.problems.filter((p) => p.severity === "warning").length,
    fixed: r.fixed,
    problems: r.problems,
  }));
  const report: JsonReport = {
    tool: "backlog-coach",
    version: VERSION,
    errorCount: files.reduce((n, f) => n + f.errorCount, 0),
    warningCount: files.reduce((n, f) => n + f.warningCount, 0),
    files,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
