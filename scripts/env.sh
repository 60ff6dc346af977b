# Shared by the scripts: where the project's tools live, and the pinned versions.
# Sourced, not run. Every install goes to the git-ignored .tools/ folder (or the system's
# package manager for Chromium), and is skipped when the right version is already there.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"
# Must equal the wasm-bindgen crate pinned in Cargo.toml (and so Cargo.lock).
WASM_BINDGEN_VERSION="0.2.130"
BINARYEN_VERSION="132"
# The splitter of the release build (scripts/split_wasm.py); its runtime half comes with leptos.
WASM_SPLIT_VERSION="0.2.4"
export PATH="$TOOLS/bin:$TOOLS/npm/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk's own downloads are turned off (Trunk.toml: offline = true); tools come from PATH.

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

have_version() { # have_version COMMAND EXPECTED-SUBSTRING
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q -- "$2"
}

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! have_version trunk "trunk $TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION into .tools (a few minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --root "$TOOLS"
  fi
}

ensure_wasm_bindgen() {
  if ! have_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION into .tools (a few minutes, once)"
    # Not --locked: its lock file names a crate version the registry does not serve.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS"
  fi
}

ensure_wasm_opt() {
  if ! have_version wasm-opt "version $BINARYEN_VERSION"; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools"
    mkdir -p "$TOOLS/npm"
    npm install --prefix "$TOOLS/npm" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  fi
}

ensure_wasm_split() {
  # wasm-split-cli has no --version: cargo's install record in .tools says which one is there.
  if [ ! -x "$TOOLS/bin/wasm-split-cli" ] \
    || ! grep -q "^\"wasm_split_cli_support $WASM_SPLIT_VERSION " "$TOOLS/.crates.toml" 2>/dev/null; then
    say "installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION) into .tools (a few minutes, once)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --locked --features build-binary --root "$TOOLS"
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_opt
  ensure_wasm_split
  # Trunk builds offline, so crates must be in the local registry before it runs.
  cargo fetch --quiet
}

ensure_chromium() {
  # dpkg, not `fc-list | grep -q`: under pipefail grep's early exit fails the pipe.
  if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
    say "installing Debian's chromium and CJK fonts"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
}

ensure_node_modules() {
  # package-lock.json pins every browser-test package; reinstall only when it changed.
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [ -L "$ROOT/node_modules" ]; then
    # A shared install (a worktree's link to another checkout's): `npm ci` here would empty the
    # other checkout's node_modules through the link. A fresh checkout's package-lock.json is
    # newer than the stamp without being different, so only a missing install counts.
    [ -f "$stamp" ] || { printf 'node_modules links to %s, which has no install: run npm ci there\n' "$(readlink -f "$ROOT/node_modules")" >&2; exit 1; }
    return 0
  fi
  if [ ! -f "$stamp" ] || [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
    say "installing the browser tests' npm packages"
    (cd "$ROOT" && npm ci --no-audit --no-fund --silent)
  fi
}
