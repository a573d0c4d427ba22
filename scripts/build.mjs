// Bundles the extension client, the language server, the CLI and the webview page with esbuild (type checking is
// `npm run typecheck`), and the web extension (client and server for a web worker) that must load no Node API.
import { build } from "esbuild";
import { builtinModules, createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { writeGuidanceJson } from "./guidance-data.mjs";
import { writeLexiconJson } from "./lexicon-data.mjs";

const production = process.argv.includes("--production");
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: "warning", target: "es2022" };

// Node's modules have no place in the web bundles: an import of one fails the build, naming who imported it.
// `buffer` is the one exception, resolved to the npm package of the same API (server/backlog-document.ts uses it).
const nodeModule = new RegExp(`^(node:.*|(${builtinModules.filter((m) => !m.startsWith("_")).join("|")})(/.*)?)$`);
const browserImplementations = { buffer: createRequire(import.meta.url).resolve("buffer/") };
export const noNodeApis = {
  name: "no-node-apis",
  setup(esbuild) {
    esbuild.onResolve({ filter: nodeModule }, (args) => {
      const replacement = browserImplementations[args.path];
      if (replacement) return { path: replacement };
      return { errors: [{ text: `"${args.path}" is a Node API, imported by ${args.importer}: the web extension cannot load it` }] };
    });
  },
};
const web = { platform: "browser", plugins: [noNodeApis] };
// The web extension's client and server run in web workers, which have no DOM: packages' "worker" exports first
// (decode-named-character-reference's "browser" build needs `document`).
const worker = { ...web, conditions: ["worker"] };

// A clean folder each time, so no stale bundle or source map ends up in the package.
await rm("dist", { recursive: true, force: true });
await Promise.all([mkdir("dist/webview", { recursive: true }), mkdir("dist/browser", { recursive: true })]);
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
  build({
    ...common,
    ...worker,
    format: "cjs",
    entryPoints: ["client/browser-extension.ts"],
    outfile: "dist/browser/client.js",
    external: ["vscode"],
  }),
  build({ ...common, ...worker, format: "iife", entryPoints: ["server/browser-server.ts"], outfile: "dist/browser/server.js" }),
  build({ ...common, ...web, format: "iife", entryPoints: ["client/webview/main.ts"], outfile: "dist/webview/main.js" }),
  copyFile("client/webview/main.css", "dist/webview/main.css"),
]);
// After the bundles: the CLI's code cache, made by a run of the new bundle (it saves a run most of its compiling).
execFileSync(process.execPath, ["scripts/cli-code-cache.mjs"], { stdio: "inherit" });
