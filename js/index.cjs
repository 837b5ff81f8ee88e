// anytype-auth entry for Node's `require()` (CommonJS); the wasm next to it is compiled
// synchronously on require. scripts/finish-pkg.mjs bundles this file with esbuild into one
// CommonJS file, with wasm-bindgen's web glue (unedited), AnytypeError and plain-api.js. Its
// AnytypeError is not node.js's: a program that both imports and requires the package sees two
// classes (compare `kind`).
'use strict';

const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const wasm = require('./anytype_auth.js');
const { AnytypeError } = require('./__ANYTYPE_ERROR_MODULE__');
const { makePlainApi, wasmUnavailable } = require('./plain-api.js');

const wasmFile = join(__dirname, 'anytype_auth_bg.wasm');

/** Compiles the wasm file: null, or the `wasm_unavailable` AnytypeError of a failure. */
function load() {
  try {
    wasm.initSync({ module: readFileSync(wasmFile) });
    return null;
  } catch (error) {
    return wasmUnavailable(AnytypeError, error, wasmFile);
  }
}

// As in node.js: a failure does not fail the require; every call tries again and rejects with it.
let failure = load();
const loaded = (call) => (...args) => ((failure &&= load()) ? Promise.reject(failure) : call(...args));

const createChallenge = loaded(wasm.createChallenge);
const createApiKey = loaded(wasm.createApiKey);
const { authHeaders, pair } = makePlainApi({ createChallenge, createApiKey, AnytypeError });

module.exports = {
  AnytypeError,
  createChallenge,
  createApiKey,
  checkAnytype: loaded(wasm.checkAnytype),
  verifyApiKey: loaded(wasm.verifyApiKey),
  pair,
  authHeaders,
  /** Already done on require, unless that failed (then it tries again); kept so that code written for browsers runs unchanged. */
  init: async () => {
    if ((failure &&= load())) throw failure;
  },
};
