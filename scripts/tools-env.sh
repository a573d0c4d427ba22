# Sourced by the scripts: where the editor tools live and which versions they are. Sets variables, exports nothing.
# The TypeScript harness (test/support/editor-harness.ts) computes the same paths unless NODE24/CODE_SERVER_DIR are set.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# BACKLOG_COACH_TOOLS_DIR puts the tools elsewhere (to try a fresh set-up); the scripts then pass the paths on.
TOOLS_DIR="${BACKLOG_COACH_TOOLS_DIR:-$REPO_ROOT/.tools}"
DEBIAN_PACKAGES="chromium fonts-liberation libkrb5-dev neovim"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
case "$(uname -m)" in
  aarch64 | arm64) NODE_ARCH=arm64 ;;
  *) NODE_ARCH=x64 ;;
esac
# The npm package "node" ships the real binary and headers in a per-platform package.
NODE24_HOME="$TOOLS_DIR/node24/node_modules/node/node_modules/node-linux-$NODE_ARCH"
NODE24="$NODE24_HOME/bin/node"
CODE_SERVER_PREFIX="$TOOLS_DIR/cs"
CODE_SERVER_DIR="$CODE_SERVER_PREFIX/lib/node_modules/code-server"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
VSIX="$REPO_ROOT/backlog-coach.vsix"
