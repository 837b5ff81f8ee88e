// vendor/anytype-auth/index.js of the baseline copy of the example extension, which
// bench/extension.mjs builds in a temp dir next to bench/baseline.mjs copied as baseline.js: the
// names www/extension/popup.js and service-worker.js import from anytype-auth, over the
// hand-written fetch baseline, so that both copies run the same popup and service worker code.
// Only verifyApiKey runs in the bench (a key is stored, so the popup's first call is the service
// worker's key check); the other names are there so that popup.js loads.
export { createApiKey, verifyApiKey } from './baseline.js';

export class AnytypeError extends Error {}

/** Nothing to load: the baseline is plain JS. */
export const init = async () => {};

export async function pair() {
  throw new Error('pair() is not part of the baseline');
}
