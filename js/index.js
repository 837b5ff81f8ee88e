// anytype-auth entry for browsers, workers, extension service workers and pages (ES module).
// The wasm module is compiled on first use, so no init call is needed; init() preloads it.
// Static imports only: MV3 service workers allow no dynamic import().
import initWasm, * as wasm from './anytype_auth.js';

import { AnytypeError } from './__ANYTYPE_ERROR_MODULE__';
import { makePlainApi } from './plain-api.js';

export { AnytypeError };

let loading;

/** Loads and compiles the wasm module once. Optional: every function does it on first use. */
export function init() {
  loading ??= initWasm({ module_or_path: new URL('./anytype_auth_bg.wasm', import.meta.url) }).then(
    () => undefined,
    (error) => {
      loading = undefined; // let a later call try again
      throw error;
    },
  );
  return loading;
}

export async function createChallenge(appName, options) {
  await init();
  return wasm.createChallenge(appName, options);
}

export async function createApiKey(challengeId, code, options) {
  await init();
  return wasm.createApiKey(challengeId, code, options);
}

export async function checkAnytype(options) {
  await init();
  return wasm.checkAnytype(options);
}

export async function verifyApiKey(apiKey, options) {
  await init();
  return wasm.verifyApiKey(apiKey, options);
}

/** authHeaders(apiKey, { apiVersion? }) and pair({ appName, getCode, … }); see index.d.ts. */
export const { authHeaders, pair } = makePlainApi({ createChallenge, createApiKey, AnytypeError });
