// The Node host's config reader: a workspace folder's .backlog-coach.yaml from disk (file: URIs only).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { ReadConfigFile } from "./config-reader";

/** Rejects for a uri that is not a file on disk (fileURLToPath throws) and for a missing file. */
export const readConfigFromDisk: ReadConfigFile = async (uri) => readFile(fileURLToPath(uri), "utf8");
