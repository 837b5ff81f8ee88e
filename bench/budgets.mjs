// The budgets of the package, the only place where each number is written: bench/sizes.mjs
// (`make test-size` and `make bench`) and bench/run.mjs (`make bench`) read them from here.
// 1 KB = 1,000 bytes.

/**
 * Size ceilings, in bytes after `gzip -9 -n`. They must not grow: each was the build's size
 * rounded up to the next 500 B when it was set, so any growth fails `make test` until a commit
 * raises the ceiling on purpose (docs/performance.md says where the bytes are).
 */
export const SIZE_BUDGETS = Object.freeze({
  /** The `.wasm` as shipped. */
  wasmGzip: 61_000,
  /** Everything a bundler ships for a browser: the `.wasm` plus every JS file `pkg/index.js` pulls in. */
  wasmPlusGlueGzip: 70_500,
  /** `anytype-auth/ui` (pkg/ui.js: the controller, the element and its CSS), without the core entry it imports. */
  uiGzip: 11_000,
});

/** Timings and memory, against the hand-written fetch baseline (bench/baseline.mjs) measured in the same run. */
export const TIME_BUDGETS = Object.freeze({
  /**
   * Median time of one whole pairing, sequential, against a server that answers at once
   * (bench/instant-server.mjs), at most this many times the baseline's (Node and Chromium).
   */
  perCallRatio: 1.25,
  /** Node: process start → first createChallenge resolved, median, at most the baseline's plus this. */
  nodeColdStartExtraMs: 10,
  /** Chromium, empty cache: navigation start → first createChallenge resolved, median, at most the baseline's plus this. */
  chromiumColdStartExtraMs: 15,
  /** The example extension's popup: navigation start → its first call resolved, median, at most the baseline popup's plus this. */
  popupFirstCallExtraMs: 15,
  /** Growth of the wasm linear memory over the memory run (100,000 calls at full scale). */
  wasmMemoryGrowthBytes: 0,
});
