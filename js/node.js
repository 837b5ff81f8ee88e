// anytype-auth entry for Node's `import` (ES module); the wasm next to it is compiled synchronously
// on import. scripts/finish-pkg.mjs bundles this file with esbuild into one module (wasm-bindgen's
// web glue, AnytypeError and plain-api.js included), as each module file costs Node's ES module
// loader time at import; the glue itself is not edited.
import { createRequire } from 'node:module';

import * as wasm from './anytype_auth.js';
import { AnytypeError } from './__ANYTYPE_ERROR_MODULE__';
import { makePlainApi, wasmUnavailable } from './plain-api.js';

// `import … from 'node:fs'` would build fs's ES module facade, about 1 ms; these do not.
const { readFileSync } = process.getBuiltinModule?.('node:fs') ?? createRequire(import.meta.url)('node:fs');

const wasmFile = new URL('./anytype_auth_bg.wasm', import.meta.url);

/** Compiles the wasm file: null, or the `wasm_unavailable` AnytypeError of a failure. */
function load() {
  try {
    wasm.initSync({ module: readFileSync(wasmFile) });
    return null;
  } catch (error) {
    return wasmUnavailable(AnytypeError, error, wasmFile);
  }
}

// A failure on import (the file missing or corrupt, Deno without --allow-read, no WebAssembly)
// does not fail the import: every call, init() included, tries to load it again and rejects
// with that AnytypeError while it fails.
let failure = load();
const loaded = (call) => (...args) => ((failure &&= load()) ? Promise.reject(failure) : call(...args));

export const createChallenge = loaded(wasm.createChallenge);
export const createApiKey = loaded(wasm.createApiKey);
export const checkAnytype = loaded(wasm.checkAnytype);
export const verifyApiKey = loaded(wasm.verifyApiKey);

const { authHeaders, pair } = makePlainApi({ createChallenge, createApiKey, AnytypeError });

export { AnytypeError, authHeaders, pair };

/** Already done on import in Node, unless that failed (then it tries again); kept so that code written for browsers runs unchanged. */
export async function init() {
  if ((failure &&= load())) throw failure;
}
