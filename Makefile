# anytype-auth: `make test` runs every test, `make demo` runs the demo. Both install what they need.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TOOLS ?= $(or $(ANYTYPE_AUTH_TOOLS),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/anytype-auth)
export ANYTYPE_AUTH_TOOLS := $(TOOLS)
export PATH := $(TOOLS)/bin:$(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 60

WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
WITH_STAND_IN := node scripts/with-stand-in.mjs
SOURCES := Cargo.toml $(wildcard Cargo.lock) $(shell find src js -type f 2>/dev/null)
STAND_IN_MODULES := $(shell find stand-in -name '*.mjs' 2>/dev/null)

.PHONY: help setup build facts test-facts test test-host test-stand-in test-node test-browser test-firefox test-package test-js test-docs demo clean
.PHONY: fuzz soak test-hardening
.PHONY: extension test-consumers test-extension test-extension-firefox
.PHONY: bench bench-deps test-size screenshots
.PHONY: test-wasm-load test-runtimes test-frameworks test-ui

help:
	@echo "make test   - install what is missing, build, run every test"
	@echo "make demo   - run the demo page on http://127.0.0.1:8790/ (PORT=… to change)"
	@echo "make build  - build the npm package into pkg/"

setup:
	@bash scripts/setup.sh

## pkg/: the npm package (wasm-pack --target web, plus our entries and types).
build: setup facts pkg/package.json

## The facts generated from the Rust core (xtask/): js/facts.js, the facts and options blocks of
## js/index.d.ts, and the error-kinds, options and arguments tables of README.md and docs/*.md.
## Files whose text is unchanged are not touched.
facts:
	cargo run --quiet -p xtask

## Fails when a committed generated file is stale: regenerates, then asks git whether anything changed.
GENERATED := js/facts.js js/index.d.ts README.md $(wildcard docs/*.md)
test-facts: facts
	cargo test --quiet -p xtask
	git diff --exit-code -- $(GENERATED)

## The release wasm: stable Rust with the release profile of Cargo.toml (opt-level "z", LTO, one
## codegen unit, panic = "abort"), then wasm-opt -Oz from npm's binaryen (wasm-pack runs it).
## Its own target dir keeps the tests' builds apart.
RELEASE_TARGET_DIR := $(CURDIR)/target/release-wasm

pkg/package.json: $(SOURCES) Makefile scripts/finish-pkg.mjs $(STAND_IN_MODULES) README.md LICENSE
	CARGO_TARGET_DIR=$(RELEASE_TARGET_DIR) wasm-pack --quiet build --release --target web --out-dir pkg --out-name anytype_auth --mode no-install .
	CARGO_TARGET_DIR=$(RELEASE_TARGET_DIR) node scripts/finish-pkg.mjs

test: setup test-facts test-host test-stand-in test-node test-browser test-firefox test-package test-js test-docs test-consumers test-extension test-extension-firefox test-demo test-demo-firefox test-hardening test-size test-wasm-load test-runtimes test-frameworks test-ui
	@echo "make test: every suite passed"

## The IO-free core, with plain cargo test on the host.
test-host:
	cargo test --quiet

## The stand-in Anytype server's own behaviour.
test-stand-in:
	node --test tests/stand-in.test.mjs

## The JS contract of the wasm exports through wasm-bindgen-test, in Node, in headless Chromium
## and in headless Firefox. ANYTYPE_AUTH_TEST_BROWSER (read at compile time) names the browser:
## the suite checks it against the user agent and allows that browser's own resends of a request
## whose connection was reset (tests/contract/adversarial.rs).
test-node:
	$(WITH_STAND_IN) -- env $(WASM_RUNNER) cargo test --target wasm32-unknown-unknown --test node

test-browser:
	$(WITH_STAND_IN) --cors -- env ANYTYPE_AUTH_TEST_BROWSER=chromium $(WASM_RUNNER) cargo test --target wasm32-unknown-unknown --test browser

## Debian's firefox-esr through the pinned geckodriver (scripts/setup.sh), with the binary and the
## prefs of tests/support/firefox-webdriver.json.
test-firefox:
	$(WITH_STAND_IN) --cors -- env -u CHROMEDRIVER GECKODRIVER=$(TOOLS)/bin/geckodriver \
	  WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/tests/support/firefox-webdriver.json ANYTYPE_AUTH_TEST_BROWSER=firefox \
	  $(WASM_RUNNER) cargo test --target wasm32-unknown-unknown --test browser

## The built package through its public import, `import … from "anytype-auth"`.
test-package: build
	@mkdir -p node_modules && ln -sfn ../pkg node_modules/anytype-auth
	node --test tests/package.test.mjs

## The docs: every cited docs/<page>.md#<anchor> and every relative link of the user-facing
## Markdown (README.md, docs/, SECURITY.md, CHANGELOG.md) resolves; every ```js runnable block
## and `@example runnable` runs against the stand-in through the built package
## (see docs/contributing.md#writing-docs).
test-docs: build
	@mkdir -p node_modules && ln -sfn ../pkg node_modules/anytype-auth
	node --test tests/doc-links.test.mjs tests/doc-examples.test.mjs

## The plain-JS pair() through the built package: `import`/`require("anytype-auth")` in Node, and
## pkg/index.js in a page in headless Chromium.
test-js: build
	@mkdir -p node_modules && ln -sfn ../pkg node_modules/anytype-auth
	node --test tests/pair.test.mjs tests/pair.browser.test.mjs

## The packed tarball in fresh consumer projects: Node import/require, esbuild, Vite, webpack, a
## plain page (headless Chromium) and tsc --strict.
test-consumers: build
	node --test tests/consumers.test.mjs

## The wasm_unavailable kind through the packed tarball: an esbuild bundle without its wasm, a page
## whose CSP lacks 'wasm-unsafe-eval', a failed wasm fetch, no WebAssembly (in Chromium and Firefox;
## BROWSERS=chromium for one), and both Node entries with the wasm missing or corrupt.
BROWSERS ?= chromium,firefox
test-wasm-load: build
	BROWSERS=$(BROWSERS) node --test tests/wasm-load.test.mjs

## The packed tarball run by Deno and Bun (the pinned npm packages deno and bun): import by name and
## by path in both, require in Bun, pairing with the stand-in; Deno with and without its
## permissions; the stand-in's command under both.
test-runtimes: build
	node --test tests/runtimes.test.mjs

## Extensions built with WXT and with Vite + @crxjs/vite-plugin, each with the packed tarball
## installed, loaded into headless Chromium, pairing with the stand-in. The frameworks are pinned
## by tests/frameworks/package-lock.json and installed (npm ci) into target/frameworks/ when it changes.
FRAMEWORKS := target/frameworks
test-frameworks: build $(FRAMEWORKS)/node_modules/.package-lock.json
	node --test tests/frameworks.test.mjs

$(FRAMEWORKS)/node_modules/.package-lock.json: tests/frameworks/package.json tests/frameworks/package-lock.json
	rm -rf $(FRAMEWORKS) && mkdir -p $(FRAMEWORKS)
	cp tests/frameworks/package.json tests/frameworks/package-lock.json $(FRAMEWORKS)/
	cd $(FRAMEWORKS) && npm ci --no-audit --no-fund --loglevel=error

## anytype-auth/ui through the built package: the controller in Node against the stand-in, and
## <anytype-pair> in headless Chromium and Firefox (BROWSERS=chromium for one).
test-ui: build
	@mkdir -p node_modules && ln -sfn ../pkg node_modules/anytype-auth
	BROWSERS=$(BROWSERS) node --test tests/ui-*.test.mjs

## www/extension/vendor/anytype-auth: the browser files of pkg/ for the example extension (git-ignored).
EXTENSION_VENDOR := www/extension/vendor/anytype-auth
extension: build $(EXTENSION_VENDOR)/ui.js

$(EXTENSION_VENDOR)/ui.js: pkg/package.json
	rm -rf $(EXTENSION_VENDOR) && mkdir -p $(EXTENSION_VENDOR)
	cp pkg/index.js pkg/ui.js pkg/anytype_auth_bg.wasm pkg/LICENSE $(EXTENSION_VENDOR)/

## The example MV3 extension loaded unpacked into headless Chromium against the stand-in.
test-extension: extension
	node --test tests/extension.test.mjs

## The same extension as a temporary add-on in headless Firefox (Debian's firefox-esr).
test-extension-firefox: extension
	node --test tests/extension.firefox.test.mjs

## Hardening. `make fuzz` and `make soak` are long and not part of `make test`;
## test-host replays fuzz/corpus/ with stable cargo test (tests/fuzz_corpus.rs).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= classify wire input base_url redact

## Each fuzz target for FUZZ_SECONDS, one after another (nightly + cargo-fuzz, installed on demand).
## New inputs go to target/fuzz/corpus/<target>, crashes to target/fuzz/artifacts/<target>.
fuzz:
	@bash scripts/setup.sh --fuzz
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/fuzz/corpus/$$t target/fuzz/artifacts/$$t; \
	  echo "[fuzz] $$t for $(FUZZ_SECONDS)s"; \
	  (cd fuzz && cargo +nightly fuzz run -O -a --sanitizer none --target-dir ../target/fuzz/build $$t \
	    ../target/fuzz/corpus/$$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -artifact_prefix=../target/fuzz/artifacts/$$t/ -print_final_stats=1) || exit 1; \
	done

## Secret hygiene and request policy through the built package, in Node; then an attacker on the
## same machine against the stand-in's control endpoints (web pages in headless Chromium), its
## body limit, and the demo server's forward (hostile upstream answers, limits, what it passes).
test-hardening: build
	@mkdir -p node_modules && ln -sfn ../pkg node_modules/anytype-auth
	node --test tests/secrets.test.mjs tests/hardening.test.mjs

## 100,000 sequential and 10,000 concurrent pairings in Node; prints the figures.
soak: build
	@mkdir -p node_modules && ln -sfn ../pkg node_modules/anytype-auth
	node scripts/soak.mjs

## The demo page (www/) on http://127.0.0.1:$(DEMO_PORT)/ (a taken port falls back to a free one).
## Talks to ANYTYPE_URL, else the app on 127.0.0.1:31009 if it answers, else a built-in stand-in
## playing today's Anytype (STANDIN_MODE=current|v0.47|gate forces the stand-in, in that mode;
## STANDIN_PENDING_TTL_MS / STANDIN_CODE_TTL_MS shorten its lifetimes). See docs/demo.md.
DEMO_PORT ?= $(or $(PORT),8790)
.PHONY: test-demo test-demo-firefox
## The size budgets of the built package (bench/budgets.mjs; deterministic, so a test). Timings: `make bench`.
test-size: build
	node bench/check-size.mjs

## Sizes, cold start, per-call time (against bench/instant-server.mjs, which answers at once), the
## example extension's popup and memory against the hand-written fetch baseline, in Node and
## headless Chromium; prints the table and PASS/FAIL per budget of bench/budgets.mjs, writes
## bench/results.json and the table into docs/performance.md. BENCH_SCALE=0.1 for a quick look.
bench: extension
	node --expose-gc bench/run.mjs

## What each dependency costs in the gzipped wasm: twiggy over a names-kept copy of the release
## wasm (and over a no-inline copy and a talc-allocator build, in target/bench-deps/); prints the
## table, writes bench/deps.json. Not part of `make bench` or `make test` (it builds a variant).
bench-deps: build
	@bash scripts/setup.sh --twiggy
	node bench/deps.mjs

demo: build
	PORT=$(DEMO_PORT) node scripts/demo-server.mjs

## The demo page in headless Chromium against the demo server (demo.test.mjs: the server and
## Anytype before 2026; demo-approval.test.mjs: today's Anytype); step screenshots go to
## test-results/screenshots/ (`make screenshots` refreshes docs/screenshots/ instead).
test-demo: build
	node --test tests/demo.test.mjs tests/demo-approval.test.mjs

## The demo's walkthrough in headless Firefox (Debian's firefox-esr through puppeteer-core);
## step screenshots go to test-results/screenshots/firefox/.
test-demo-firefox: build
	node --test tests/demo.firefox.test.mjs

screenshots: build
	UPDATE_SCREENSHOTS=1 node --test tests/demo.test.mjs tests/demo-approval.test.mjs

clean:
	rm -rf pkg target $(EXTENSION_VENDOR)
