#!/usr/bin/env bash
# The README's test command: sets up the tools, then runs every tier (build, lint, unit+server+CLI, Neovim,
# VS Code extension host, the same in the web-worker host, package, VS Code UI with the desktop and the web build),
# prints a summary table and exits non-zero if any tier failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools-env.sh"
cd "$REPO_ROOT"
LOGS="$REPO_ROOT/.test-output/logs"
mkdir -p "$LOGS"
# The TypeScript harness reads the same tool paths (test/support/editor-harness.ts).
export NODE24 CODE_SERVER_DIR CHROMIUM

names=() results=() counts=() times=()
failed=0

# Counts from a tier's log: node --test's closing lines ("ℹ pass 3" with the spec reporter, "# pass 3" with TAP)
# or the extension-host suite's "N passed, N failed".
count_tests() {
  local log="$1" pass fail skip
  if grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$log"; then
    grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1
    return
  fi
  pass=$(grep -E '^(ℹ|#) pass [0-9]+$' "$log" | tail -1 | awk '{print $3}')
  fail=$(grep -E '^(ℹ|#) fail [0-9]+$' "$log" | tail -1 | awk '{print $3}')
  skip=$(grep -E '^(ℹ|#) skipped [0-9]+$' "$log" | tail -1 | awk '{print $3}')
  if [[ -n "$pass" ]]; then
    printf '%s passed, %s failed' "$pass" "${fail:-0}"
    [[ "${skip:-0}" != 0 ]] && printf ', %s skipped' "$skip"
  else
    printf -- '-'
  fi
}

# run_tier <name> <command...>: runs the command with its output on the console and in .test-output/logs/<name>.log.
run_tier() {
  local name="$1"; shift
  local log="$LOGS/$name.log" start rc
  printf '\n=== %s: %s\n' "$name" "$*"
  start=$(date +%s.%N)
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  names+=("$name")
  times+=("$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f s", e - s }')")
  counts+=("$(count_tests "$log")")
  if [[ $rc == 0 ]]; then results+=("ok"); else results+=("FAILED ($rc)"); failed=1; fi
  return "$rc"
}

skip_tier() {
  names+=("$1") results+=("skipped: $2") counts+=("-") times+=("-")
  failed=1
}

if run_tier set-up bash scripts/ensure-tools.sh; then
  built=0
  run_tier build npm run build && built=1
  run_tier lint npm run lint
  run_tier unit-server-cli npm test # also compiles out/, which the tiers below run
  if ((built)); then
    run_tier neovim node --test --test-reporter=spec "out/test/neovim/"
    run_tier exthost node out/test/exthost/run-code-server.js
    run_tier exthost-web node out/test/exthost/run-code-server.js --web
  else
    skip_tier neovim "build failed"
    skip_tier exthost "build failed"
    skip_tier exthost-web "build failed"
  fi
  if run_tier package npm run package; then
    rm -rf .test-output/ui # only this run's screenshots
    run_tier ui node --test --test-reporter=spec "out/test/ui/"
    run_tier ui-web node --test --test-reporter=spec "out/test/ui-web/"
  else
    skip_tier ui "package failed"
    skip_tier ui-web "package failed"
  fi
fi

printf '\n%-16s %-22s %-30s %s\n' "tier" "result" "tests" "time"
for i in "${!names[@]}"; do
  printf '%-16s %-22s %-30s %s\n' "${names[$i]}" "${results[$i]}" "${counts[$i]}" "${times[$i]}"
done
printf 'logs: .test-output/logs/   screenshots: .test-output/ui/\n'
if ((failed)); then
  echo "test-all: FAILED"
  exit 1
fi
echo "test-all: all tiers passed"
