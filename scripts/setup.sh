#!/usr/bin/env bash
# Installs every tool the build and the tests need, idempotently.
# Pinned Rust tools go to a per-user cache outside the clone, so a fresh clone reuses them.
# Prints the PATH additions on stdout as `export PATH=...` when called with --print-path.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

WASM_BINDGEN_VERSION=0.2.130   # must equal the `wasm-bindgen = "=…"` pin in Cargo.toml
WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1     # drives Firefox for the contract suite (make test-firefox)
TOOLS="${ANYTYPE_AUTH_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/anytype-auth}"
export PATH="$TOOLS/bin:$here/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if [ "${1:-}" = "--print-path" ]; then
  echo "export PATH=\"$PATH\""
  exit 0
fi

say() { printf '[setup] %s\n' "$*" >&2; }

# 1. Debian's Chromium and ChromeDriver, and Debian's Firefox ESR (never a browser download).
debs=()
command -v chromium >/dev/null || debs+=(chromium)
command -v chromedriver >/dev/null || debs+=(chromium-driver)
command -v firefox-esr >/dev/null || debs+=(firefox-esr)
if [ ${#debs[@]} -gt 0 ]; then
  say "installing Debian ${debs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >/dev/null
fi

# Debian's binaryen miscompiles wasm-bindgen output; the npm one (below) must be the wasm-opt we run.

# 2. The wasm target, for the toolchain rust-toolchain.toml pins.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 3. Pinned wasm-pack, wasm-bindgen-cli and geckodriver, built once into the per-user cache.
mkdir -p "$TOOLS"
if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK_VERSION\$"; then
  say "building wasm-pack $WASM_PACK_VERSION into $TOOLS (about 2 minutes, once)"
  cargo install --quiet --locked --root "$TOOLS" wasm-pack --version "$WASM_PACK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION into $TOOLS (about 2.5 minutes, once)"
  # Not --locked: its lockfile pins a webpki-roots release the registry here does not serve.
  cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
# geckodriver --version prints several lines: read them whole (`| grep -q` would end it by SIGPIPE,
# which pipefail counts as a failure).
if ! [[ "$(geckodriver --version 2>/dev/null || true)" =~ ^geckodriver\ $GECKODRIVER_VERSION([[:space:]]|$) ]]; then
  say "building geckodriver $GECKODRIVER_VERSION into $TOOLS (2.5 to 6 minutes, once)"
  cargo install --quiet --locked --root "$TOOLS" geckodriver --version "$GECKODRIVER_VERSION"
fi

# 4. npm dev tools (binaryen's wasm-opt, playwright-core, puppeteer-core), from the committed lockfile.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/puppeteer-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools"
  npm ci --no-audit --no-fund --loglevel=error
fi
if ! wasm-opt --version | grep -Eq 'version (1[1-9][0-9]|[2-9][0-9]{2})'; then
  say "wrong wasm-opt on PATH: $(command -v wasm-opt) ($(wasm-opt --version))"
  exit 1
fi
# 5. Only for `make fuzz` (`scripts/setup.sh --fuzz`): cargo-fuzz, which needs the nightly toolchain.
#    `make test` never needs either: it replays fuzz/corpus/ with stable cargo test.
CARGO_FUZZ_VERSION=0.13.1
if [ "${1:-}" = "--fuzz" ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly Rust toolchain (for cargo-fuzz)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo-fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
    say "building cargo-fuzz $CARGO_FUZZ_VERSION into $TOOLS (about 1 minute, once)"
    cargo install --quiet --locked --root "$TOOLS" cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
fi
# 6. Only for `make bench-deps` (`scripts/setup.sh --twiggy`): twiggy, the wasm code size profiler.
#    `make test` and `make bench` never need it.
TWIGGY_VERSION=0.8.0
if [ "${1:-}" = "--twiggy" ]; then
  if ! twiggy --version 2>/dev/null | grep -q " $TWIGGY_VERSION\$"; then
    say "building twiggy $TWIGGY_VERSION into $TOOLS (about 1 minute, once)"
    cargo install --quiet --locked --root "$TOOLS" twiggy --version "$TWIGGY_VERSION"
  fi
fi
say "tools ready"
