// anytype-auth entry for Node's `import` (ES module); the wasm next to it is compiled synchronously
// on import. scripts/finish-pkg.mjs inlines anytype-error.js, plain-api.js and wasm-bindgen's
// web glue at the `__INLINE__` line, as each module file costs Node's ES module loader time.
import { createRequire } from 'node:module';

// `import … from 'node:fs'` would build fs's ES module facade, about 1 ms; these do not.
const { readFileSync } = process.getBuiltinModule?.('node:fs') ?? createRequire(import.meta.url)('node:fs');

// __INLINE__

const { authHeaders, pair } = makePlainApi({ createChallenge, createApiKey, AnytypeError });

initSync({ module: readFileSync(new URL('./anytype_auth_bg.wasm', import.meta.url)) });

export { AnytypeError, authHeaders, createChallenge, createApiKey, checkAnytype, verifyApiKey, pair };

/** Already done on import in Node; kept so that code written for browsers runs unchanged. */
export async function init() {}
