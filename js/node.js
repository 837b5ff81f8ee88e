// anytype-auth entry for Node's `import` (ES module); the wasm next to it is compiled synchronously
// on import (js/node-api.js). scripts/finish-pkg.mjs bundles this file with esbuild into one module
// (wasm-bindgen's web glue, AnytypeError and plain-api.js included), as each module file costs
// Node's ES module loader time at import; the glue itself is not edited.
import { createRequire } from 'node:module';

import { makeNodeApi } from './node-api.js';

// `import … from 'node:fs'` would build fs's ES module facade, about 1 ms; these do not.
const { readFileSync } = process.getBuiltinModule?.('node:fs') ?? createRequire(import.meta.url)('node:fs');

export const { AnytypeError, createChallenge, createApiKey, checkAnytype, verifyApiKey, pair, authHeaders, init } = makeNodeApi(
  readFileSync,
  new URL('./anytype_auth_bg.wasm', import.meta.url),
);
export { ERROR_KINDS, LIMITS } from './facts.js';
