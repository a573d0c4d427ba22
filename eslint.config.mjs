// Lint rules: typescript-eslint's recommended set, plus the boundary that keeps the analysis core pure.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "out", "dist", ".tools", ".test-output", "bin"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The core serves the editor and the CLI alike: no editor API, no LSP runtime, no file system.
    files: ["server/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["vscode", "vscode-languageserver*", "vscode-languageclient*", "vscode-jsonrpc*"],
              message: "The core must not depend on an editor or LSP runtime.",
            },
            {
              group: ["node:*", "fs", "path", "child_process", "os", "net", "http", "https"],
              message: "The core must not use Node APIs: it works on text only.",
            },
          ],
        },
      ],
    },
  },
);
