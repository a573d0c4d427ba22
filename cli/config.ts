// Finds and reads .backlog-coach.yaml for the CLI: the nearest one from the current folder upwards, through the core's reader.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { CoachConfig } from "../server/core/config";
import { CONFIG_FILE_NAME, parseConfigFile } from "../server/core/config-file";
import { LineIndex } from "../server/core/parse/text-lines";

/** The config in effect, and the file it came from (undefined when none). */
export interface LoadedConfig {
  readonly config: CoachConfig;
  readonly path?: string;
}

/** A config file that cannot be used: unreadable, not YAML, or against its schema. The CLI exits 2. */
export class ConfigError extends Error {}

/** The nearest config file from `start` up to the file-system root, as the editor's workspace root would hold it. */
export function findConfigFile(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Loads the config the options ask for. Any problem in the file stops the run: a CI job that silently
 * ignored a mistyped severity would check something other than what the team wrote down.
 */
export function loadConfig(option: string | false | undefined, cwd = process.cwd()): LoadedConfig {
  if (option === false) return { config: {} };
  const path = option !== undefined ? resolve(cwd, option) : findConfigFile(cwd);
  if (!path) return { config: {} };
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new Error("it is not a regular file");
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { config, findings } = parseConfigFile(text);
  if (findings.length > 0) {
    const lines = new LineIndex(text);
    const shown = (relative(cwd, path) || path).split("\\").join("/");
    const list = findings.map((f) => {
      const p = lines.positionAt(f.span.start);
      return `  ${shown}:${p.line + 1}:${p.character + 1} ${f.message}`;
    });
    throw new ConfigError(`The config file ${shown} is not valid:\n${list.join("\n")}`);
  }
  return { config, path };
}
