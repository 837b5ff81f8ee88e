// anytype-auth entry for Node's `import` (ES module); the wasm next to it is compiled synchronously
// on import. scripts/finish-pkg.mjs bundles this file with esbuild into one module (wasm-bindgen's
// web glue, AnytypeError and plain-api.js included), as each module file costs Node's ES module
// loader time at import; the glue itself is not edited.
import { createRequire } from 'node:module';

import { initSync, createChallenge, createApiKey, checkAnytype, verifyApiKey } from './anytype_auth.js';
import { AnytypeError } from './__ANYTYPE_ERROR_MODULE__';
import { makePlainApi } from './plain-api.js';

// `import … from 'node:fs'` would build fs's ES module facade, about 1 ms; these do not.
const { readFileSync } = process.getBuiltinModule?.('node:fs') ?? createRequire(import.meta.url)('node:fs');

initSync({ module: readFileSync(new URL('./anytype_auth_bg.wasm', import.meta.url)) });

const { authHeaders, pair } = makePlainApi({ createChallenge, createApiKey, AnytypeError });

export { AnytypeError, authHeaders, createChallenge, createApiKey, checkAnytype, verifyApiKey, pair };

/** Already done on import in Node; kept so that code written for browsers runs unchanged. */
export async function init() {}
