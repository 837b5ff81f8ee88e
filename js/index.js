// anytype-auth entry for browsers, workers, extension service workers and pages (ES module).
// scripts/finish-pkg.mjs bundles this file with esbuild into one module (wasm-bindgen's web glue,
// AnytypeError and plain-api.js included), so that a page loads one file before the wasm fetch.
// That fetch, and the wasm's streaming compile, start as soon as this module is evaluated, in
// parallel with the rest of the page's start; every function waits for them, so no init call is
// needed. A failure surfaces as a `wasm_unavailable` rejection of the first call (never at import).
// Static imports only: MV3 service workers allow no dynamic import().
import initWasm, * as wasm from './anytype_auth.js';

import { AnytypeError } from './__ANYTYPE_ERROR_MODULE__';
import { makePlainApi } from './plain-api.js';
import { wasmUnavailable } from './wasm-unavailable.js';

export { AnytypeError };
export { DEFAULTS, ERROR_KINDS, LIMITS } from './facts.js';

let ready = false; // the wasm is loaded
/** The load under way or done; a failed one stays until a call has reported it. */
let loading = load();
loading.catch(() => {}); // reported by the first call that waits for it, never as an unhandled rejection

/**
 * Waits for the wasm module, loaded once. Optional: every function waits for it. A failure
 * rejects with a `wasm_unavailable` AnytypeError (js/wasm-unavailable.js writes its message) and is
 * reported once: the call after it loads the file again, e.g. once the .wasm has been copied in place.
 */
export function init() {
  const current = (loading ??= load());
  return current.catch((error) => {
    if (loading === current) loading = undefined; // let a later call try again
    throw error;
  });
}

async function load() {
  // Written as `new URL("./…", import.meta.url)` so that Vite and webpack emit the file.
  const url = new URL('./anytype_auth_bg.wasm', import.meta.url);
  let fetching = null;
  try {
    fetching = fetch(url);
    await initWasm({ module_or_path: await compile(fetching) });
    ready = true;
  } catch (error) {
    throw wasmUnavailable(AnytypeError, error, url, fetching && (await fetching.catch(() => null)));
  }
}

/**
 * The wasm module in the answer to `fetching`, compiled as it streams in; read whole and then
 * compiled where `WebAssembly.compileStreaming` is missing or the answer's MIME type is not
 * `application/wasm` (which that refuses).
 */
async function compile(fetching) {
  if (typeof WebAssembly.compileStreaming == 'function') {
    try {
      return await WebAssembly.compileStreaming(fetching);
    } catch (error) {
      const response = await fetching;
      const type = response.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
      if (!response.ok || type == 'application/wasm') throw error;
    }
  }
  const response = await fetching;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** `call` once the wasm is loaded: directly when it is, else after the load. */
const loaded = (call) => (...args) => (ready ? call(...args) : init().then(() => call(...args)));

export const createChallenge = loaded(wasm.createChallenge);
export const createApiKey = loaded(wasm.createApiKey);
export const checkAnytype = loaded(wasm.checkAnytype);
export const verifyApiKey = loaded(wasm.verifyApiKey);

/** authHeaders(apiKey, { apiVersion? }) and pair({ appName, getCode, … }); see index.d.ts. */
export const { authHeaders, pair } = makePlainApi({ createChallenge, createApiKey, AnytypeError });
