// vendor/anytype-auth/index.js of the baseline copy of the example extension (bench/extension.mjs):
// the names <anytype-pair> (ui.js) imports from the core entry, over the hand-written fetch
// baseline (bench/baseline.mjs, copied next to it as baseline.js) and the package's generated
// facts (js/facts.js, copied as facts.js). Both copies run the same popup, the same ui.js and the
// same element, so the figure is what the core costs a popup: its wasm against plain fetch.
export { createChallenge, createApiKey, verifyApiKey } from './baseline.js';
export { DEFAULTS, ERROR_KINDS, LIMITS } from './facts.js';

export class AnytypeError extends Error {}

/** Nothing to load: the baseline is plain JS. */
export const init = async () => {};

/** GET /docs/openapi.json, as checkAnytype does: running when any HTTP answer arrives. */
export async function checkAnytype({ baseUrl = 'http://127.0.0.1:31009', timeoutMs = 10000 } = {}) {
  try {
    const response = await fetch(baseUrl.replace(/\/+$/, '') + '/docs/openapi.json', {
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    await response.body?.cancel();
    return { running: true, serverVersion: response.headers.get('anytype-version') };
  } catch {
    return { running: false, serverVersion: null };
  }
}
