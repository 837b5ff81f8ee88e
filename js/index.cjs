// anytype-auth entry for Node's `require()` (CommonJS). scripts/finish-pkg.mjs inlines
// anytype-error.js, plain-api.js and wasm-bindgen's `--target nodejs` glue (which compiles the
// wasm next to it synchronously on require) at the `__INLINE__` line. Its AnytypeError is not
// node.js's: a program that both imports and requires the package sees two classes (use `kind`).
'use strict';

// __INLINE__

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
