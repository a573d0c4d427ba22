#!/usr/bin/env bash
# Idempotent set-up for scripts/test-all.sh and scripts/start.sh: Debian packages (as root), npm dependencies,
# Node 24 and code-server into .tools/. Each step is skipped when its output exists and is valid.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools-env.sh"
cd "$REPO_ROOT"

TOOLS_SHOWN="${TOOLS_DIR#"$REPO_ROOT"/}"
say() { printf '[ensure-tools] %s\n' "$*"; }

# 1. Debian packages: chromium (UI tier), fonts, libkrb5-dev (code-server's native build), neovim (LSP client tier).
missing=()
for pkg in $DEBIAN_PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  say "debian packages: present"
elif [[ "$(id -u)" == 0 ]]; then
  say "debian packages: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "debian packages: missing ${missing[*]}; run as root: apt-get install -y --no-install-recommends ${missing[*]}"
fi

# 2. npm dependencies, when the lockfile changed since the last install.
bash scripts/ensure-npm-deps.sh

# 3. Node 24: code-server 4.139 requires exactly Node 24.
if [[ -x "$NODE24" && "$("$NODE24" --version 2>/dev/null)" == "v$NODE24_VERSION" ]]; then
  say "node $NODE24_VERSION: present"
else
  say "node $NODE24_VERSION: installing into $TOOLS_SHOWN/node24"
  rm -rf "$TOOLS_DIR/node24"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$TOOLS_DIR/node24" "node@$NODE24_VERSION"
  [[ "$("$NODE24" --version)" == "v$NODE24_VERSION" ]] || { say "node $NODE24_VERSION: not found at $NODE24"; exit 1; }
fi

# 4. code-server, built against Node 24's headers (the machine's npm config may point node-gyp at Node 20's).
code_server_valid() {
  [[ -f "$CODE_SERVER_DIR/package.json" ]] &&
    grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CODE_SERVER_DIR/package.json" &&
    [[ -f "$CODE_SERVER_DIR/lib/vscode/out/server-main.js" ]] &&
    [[ -f "$CODE_SERVER_DIR/lib/vscode/out/vs/workbench/api/worker/extensionHostWorkerMain.js" ]] && # the web tiers' host
    [[ -f "$CODE_SERVER_DIR/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]] &&
    [[ -d "$CODE_SERVER_DIR/lib/vscode/extensions/node_modules" ]]
}
with_node24() {
  PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" "$@"
}
if code_server_valid; then
  say "code-server $CODE_SERVER_VERSION: present"
else
  say "code-server $CODE_SERVER_VERSION: installing into $TOOLS_SHOWN/cs (native builds take a few minutes)"
  rm -rf "$CODE_SERVER_PREFIX"
  with_node24 npm install -g --no-audit --no-fund --loglevel=error --prefix "$CODE_SERVER_PREFIX" "code-server@$CODE_SERVER_VERSION"
  if ! code_server_valid; then
    # An npm that holds back install scripts leaves VS Code's own dependencies uninstalled: run the
    # package's postinstall by hand, as npm would (it reads the Node version from the user agent).
    say "code-server: running its postinstall (npm skipped it)"
    (cd "$CODE_SERVER_DIR" &&
      with_node24 env npm_config_ignore_scripts=false npm_config_user_agent="npm/$(npm --version) node/v$NODE24_VERSION linux $NODE_ARCH" \
        sh ./postinstall.sh)
  fi
  code_server_valid || { say "code-server: native modules were not built (is libkrb5-dev installed?)"; exit 1; }
fi
say "done"
