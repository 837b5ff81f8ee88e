// anytype-auth entry for Node's `require()` (CommonJS). anytype_auth.cjs is wasm-bindgen's
// `--target nodejs` glue for the same anytype_auth_bg.wasm as the ES module entries; it compiles
// the module synchronously on require. Its AnytypeError comes from anytype-error.cjs, so a
// program that both imports and requires the package sees two AnytypeError classes (use `kind`).
'use strict';

const wasm = require('./anytype_auth.cjs');
const { AnytypeError } = require('./anytype-error.cjs');

module.exports = {
  AnytypeError,
  createChallenge: wasm.createChallenge,
  createApiKey: wasm.createApiKey,
  checkAnytype: wasm.checkAnytype,
  verifyApiKey: wasm.verifyApiKey,
  pair: wasm.pair,
  authHeaders: require('./auth-headers.cjs').authHeaders,
  /** Already done on require; kept so that code written for browsers runs unchanged. */
  init: async () => {},
};
