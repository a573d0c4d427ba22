#!/usr/bin/env bash
# npm dependencies for scripts/ensure-tools.sh: 'npm ci' only when package-lock.json's content (or the Node version)
# differs from the last successful install's, whose hash is kept in node_modules/.backlog-coach-lock. A checkout or
# a pull that touches the lockfile without changing it costs nothing (a start took 37 s when mtimes decided).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools-env.sh"
cd "$REPO_ROOT"

say() { printf '[ensure-tools] %s\n' "$*"; }
STAMP=node_modules/.backlog-coach-lock

if [[ -f package-lock.json ]]; then
  wanted="$(sha256sum package-lock.json | cut -d' ' -f1) node $(node --version)"
  if [[ -f node_modules/.package-lock.json && -f "$STAMP" && "$(cat "$STAMP")" == "$wanted" ]]; then
    say "npm dependencies: up to date (package-lock.json unchanged)"
  elif [[ ! -f "$STAMP" && -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
    # Installed before the stamp existed, and since the lockfile last changed: trust it once and stamp it.
    say "npm dependencies: up to date (installed after package-lock.json changed)"
    printf '%s\n' "$wanted" >"$STAMP"
  else
    say "npm ci"
    npm ci --no-audit --no-fund
    printf '%s\n' "$wanted" >"$STAMP"
  fi
elif [[ ! -d node_modules ]]; then
  say "npm install (no lockfile)"
  npm install --no-audit --no-fund
fi
