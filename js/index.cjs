// anytype-auth entry for Node's `require()` (CommonJS); the wasm next to it is compiled
// synchronously on require. scripts/finish-pkg.mjs bundles this file with esbuild into one
// CommonJS file, with wasm-bindgen's web glue (unedited), AnytypeError and plain-api.js. Its
// AnytypeError is not node.js's: a program that both imports and requires the package sees two
// classes (compare `kind`).
'use strict';

const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { initSync, createChallenge, createApiKey, checkAnytype, verifyApiKey } = require('./anytype_auth.js');
const { AnytypeError } = require('./__ANYTYPE_ERROR_MODULE__');
const { makePlainApi } = require('./plain-api.js');

initSync({ module: readFileSync(join(__dirname, 'anytype_auth_bg.wasm')) });

const { authHeaders, pair } = makePlainApi({ createChallenge, createApiKey, AnytypeError });

module.exports = {
  AnytypeError,
  createChallenge,
  createApiKey,
  checkAnytype,
  verifyApiKey,
  pair,
  authHeaders,
  /** Already done on require; kept so that code written for browsers runs unchanged. */
  init: async () => {},
};
