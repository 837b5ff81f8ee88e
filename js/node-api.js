// What the two Node entries share (js/node.js for `import`, js/index.cjs for `require`;
// scripts/finish-pkg.mjs bundles it into each): the wasm compiled synchronously from the file next
// to the entry. A failure (the file missing or corrupt, Deno without --allow-read, no WebAssembly)
// does not fail the import or require: every call, init() included, tries to load it again and
// rejects with its `wasm_unavailable` AnytypeError (js/wasm-unavailable.js) while it fails.
import * as wasm from './anytype_auth.js';
import { AnytypeError } from './__ANYTYPE_ERROR_MODULE__';
import { DEFAULTS, ERROR_KINDS, LIMITS } from './facts.js';
import { makePlainApi } from './plain-api.js';
import { wasmUnavailable } from './wasm-unavailable.js';

/** The package's API over the wasm in `wasmFile` (a path or file URL), read with `readFileSync`. */
export function makeNodeApi(readFileSync, wasmFile) {
  /** Compiles the wasm file: null, or the `wasm_unavailable` AnytypeError of a failure. */
  const load = () => {
    try {
      wasm.initSync({ module: readFileSync(wasmFile) });
      return null;
    } catch (error) {
      return wasmUnavailable(AnytypeError, error, wasmFile);
    }
  };
  let failure = load();
  const loaded = (call) => (...args) => ((failure &&= load()) ? Promise.reject(failure) : call(...args));
  const createChallenge = loaded(wasm.createChallenge);
  const createApiKey = loaded(wasm.createApiKey);
  const { authHeaders, pair } = makePlainApi({ createChallenge, createApiKey, AnytypeError });
  return {
    AnytypeError,
    DEFAULTS,
    ERROR_KINDS,
    LIMITS,
    createChallenge,
    createApiKey,
    checkAnytype: loaded(wasm.checkAnytype),
    verifyApiKey: loaded(wasm.verifyApiKey),
    pair,
    authHeaders,
    /** Already done on load in Node, unless that failed (then it tries again); kept so that code written for browsers runs unchanged. */
    init: async () => {
      if ((failure &&= load())) throw failure;
    },
  };
}
