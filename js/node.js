// anytype-auth entry for Node's `import` (ES module): the wasm module is compiled synchronously
// on import, next to this file.
import { readFileSync } from 'node:fs';
import { initSync } from './anytype_auth.js';

initSync({ module: readFileSync(new URL('./anytype_auth_bg.wasm', import.meta.url)) });

export { createChallenge, createApiKey, checkAnytype, verifyApiKey, pair } from './anytype_auth.js';
export { authHeaders } from './auth-headers.js';
export { AnytypeError } from './__ANYTYPE_ERROR_MODULE__';

/** Already done on import in Node; kept so that code written for browsers runs unchanged. */
export async function init() {}
