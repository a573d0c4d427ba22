// The command-line twin: `backlog-coach lint <files>` runs the editor's checks and prints `path:line:col severity rule message`.
import { readFileSync } from "node:fs";
import { analyzeBacklog } from "../server/core/analyze";
import { formatOfFileName } from "../server/core/file-patterns";
import { LineIndex } from "../server/core/parse/text-lines";

function lint(files: string[]): number {
  let errors = 0;
  for (const file of files) {
    const format = formatOfFileName(file) ?? "plain";
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      process.stderr.write(`backlog-coach: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const lines = new LineIndex(text);
    for (const f of analyzeBacklog(text, format).findings) {
      const p = lines.positionAt(f.span.start);
      if (f.severity === "error") errors++;
      process.stdout.write(`${file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.ruleId} ${f.message}\n`);
    }
  }
  return errors > 0 ? 1 : 0;
}

const [command, ...args] = process.argv.slice(2);
if (command !== "lint" || args.length === 0) {
  process.stderr.write("usage: backlog-coach lint <file>...\n");
  process.exitCode = 2;
} else {
  process.exitCode = lint(args);
}
