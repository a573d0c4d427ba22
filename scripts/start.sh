#!/usr/bin/env bash
# The README's start command: VS Code in the browser (code-server) on examples/, with the freshly packaged
# Backlog Coach installed. PORT picks the port (default 8080); BIND=1 listens on every interface instead of 127.0.0.1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools-env.sh"
cd "$REPO_ROOT"

bash scripts/ensure-tools.sh
echo "[start] packaging the extension (npm run package builds it first)"
npm run --silent package

# A user-data dir that persists between runs, so the demo keeps its settings and state.
DEMO="$TOOLS_DIR/demo"
mkdir -p "$DEMO/user-data/User" "$DEMO/extensions"
if [[ ! -f "$DEMO/user-data/User/settings.json" ]]; then
  cat >"$DEMO/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false
}
JSON
fi
# These machines cannot reach a marketplace; keep the workbench from trying unless one is configured.
export EXTENSIONS_GALLERY="${EXTENSIONS_GALLERY:-"{}"}"

code_server=("$NODE24" "$CODE_SERVER_DIR/out/node/entry.js" --config /dev/null --auth none --disable-telemetry
  --disable-update-check --disable-workspace-trust --user-data-dir "$DEMO/user-data" --extensions-dir "$DEMO/extensions")
echo "[start] installing backlog-coach.vsix into .tools/demo"
"${code_server[@]}" --install-extension "$VSIX" --force >/dev/null

port="${PORT:-8080}"
host=127.0.0.1
if [[ -n "${BIND:-}" ]]; then
  host=0.0.0.0
  echo "[start] BIND is set: listening on every interface, without a password (--auth none)"
fi
echo "[start] Backlog Coach in VS Code: http://127.0.0.1:$port/?folder=$REPO_ROOT/examples (Ctrl+C stops it)"
exec "${code_server[@]}" --bind-addr "$host:$port" "$REPO_ROOT/examples"
