// The tool's version, from the manifest (bundled into dist/cli.js by esbuild, so no file is read at run time).
import { version } from "../package.json";

export const VERSION: string = version;
