// Bundles the extension client, the language server, the CLI and the webview page with esbuild (type checking is `npm run typecheck`).
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { writeGuidanceJson } from "./guidance-data.mjs";
import { writeLexiconJson } from "./lexicon-data.mjs";

const production = process.argv.includes("--production");
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: "warning", target: "es2022" };

// A clean folder each time, so no stale bundle or source map ends up in the package.
await rm("dist", { recursive: true, force: true });
await mkdir("dist/webview", { recursive: true });
// The guidance YAML is the source; the server and CLI bundles import the checked JSON made from it here. Likewise
// the tagger's lexicon, made from wink-lexicon (a devDependency: only the generated JSON is bundled).
await Promise.all([writeGuidanceJson(), writeLexiconJson()]);
await Promise.all([
  build({
    ...common,
    platform: "node",
    format: "cjs",
    entryPoints: ["client/extension.ts"],
    outfile: "dist/client.js",
    external: ["vscode"],
  }),
  build({ ...common, platform: "node", format: "cjs", entryPoints: ["server/server.ts"], outfile: "dist/server.js" }),
  build({
    ...common,
    platform: "node",
    format: "cjs",
    entryPoints: ["cli/main.ts"],
    outfile: "dist/cli.js",
    // tinyglobby's fdir is ESM and calls createRequire(import.meta.url): give the CommonJS bundle a real one.
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "__importMetaUrl" },
  }),
  build({ ...common, platform: "browser", format: "iife", entryPoints: ["client/webview/main.ts"], outfile: "dist/webview/main.js" }),
  copyFile("client/webview/main.css", "dist/webview/main.css"),
]);
