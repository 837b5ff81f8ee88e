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

.PHONY: help setup build test test-host test-stand-in test-node test-browser test-package demo clean

help:
	@echo "make test   - install what is missing, build, run every test"
	@echo "make demo   - run the demo page (issue 3)"
	@echo "make build  - build the npm package into pkg/"

setup:
	@bash scripts/setup.sh

## pkg/: the npm package (wasm-pack --target web, plus our entries and types).
build: setup pkg/package.json

pkg/package.json: $(SOURCES) scripts/finish-pkg.mjs
	wasm-pack --quiet build --release --target web --out-dir pkg --out-name anytype_auth --mode no-install
	node scripts/finish-pkg.mjs

test: setup test-host test-stand-in test-node test-browser test-package
	@echo "make test: every suite passed"

## The IO-free core, with plain cargo test on the host.
test-host:
	cargo test --quiet

## The stand-in Anytype server's own behaviour.
test-stand-in:
	node --test tests/stand-in.test.mjs

## The JS contract through wasm-bindgen-test, in Node and in headless Chromium.
test-node:
	$(WITH_STAND_IN) -- env $(WASM_RUNNER) cargo test --target wasm32-unknown-unknown --test node

test-browser:
	$(WITH_STAND_IN) --cors -- env $(WASM_RUNNER) cargo test --target wasm32-unknown-unknown --test browser

## The built package through its public import, `import … from "anytype-auth"`.
test-package: build
	@mkdir -p node_modules && ln -sfn ../pkg node_modules/anytype-auth
	node --test tests/package.test.mjs

demo:
	@echo "The demo page is tracked in issue 3."; exit 1

clean:
	rm -rf pkg target
