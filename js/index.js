// anytype-auth entry for browsers, workers, extension service workers and pages (ES module).
// The wasm module is compiled on first use, so no init call is needed; init() preloads it.
// Static imports only: MV3 service workers allow no dynamic import().
import initWasm, * as wasm from './anytype_auth.js';

import { AnytypeError } from './__ANYTYPE_ERROR_MODULE__';
import { makePlainApi, wasmUnavailable } from './plain-api.js';

export { AnytypeError };
export { ERROR_KINDS, LIMITS } from './facts.js';

let loading;

/**
 * Loads and compiles the wasm module once. Optional: every function does it on first use. A
 * failure rejects with a `wasm_unavailable` AnytypeError (js/plain-api.js writes its message)
 * and is not kept: the next call tries again, e.g. once the .wasm has been copied in place.
 */
export function init() {
  loading ??= load().catch((error) => {
    loading = undefined; // let a later call try again
    throw error;
  });
  return loading;
}

async function load() {
  // Written as `new URL("./…", import.meta.url)` so that Vite and webpack emit the file.
  const url = new URL('./anytype_auth_bg.wasm', import.meta.url);
  let response = null;
  try {
    response = await fetch(url);
    await initWasm({ module_or_path: response });
  } catch (error) {
    throw wasmUnavailable(AnytypeError, error, url, response);
  }
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
