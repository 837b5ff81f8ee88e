// popup.js of the baseline copy of the example extension (bench/extension.mjs): what a popup
// written by hand with plain `fetch` does when it opens, the same look for Anytype as
// <anytype-pair>'s first step: checkAnytype's GET of the API's description, then the keyless
// GET /v2/auth/whoami that tells the generations apart, with the same fetch options. When both
// answered it sets the mark `make bench` reads and the `state` attribute the element would
// ("ready" when Anytype answered). No UI, no wasm: the least any popup must do.
const MARK = 'anytype-auth:first-call'; // bench/chromium.mjs's FIRST_CALL_MARK
const OPTIONS = { redirect: 'error', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' };

const { baseUrl } = await chrome.storage.local.get('baseUrl');
const get = async (path) => {
  const response = await fetch(baseUrl.replace(/\/+$/, '') + path, { ...OPTIONS, signal: AbortSignal.timeout(3000) });
  await response.body?.cancel();
  return response;
};
const running = (await get('/docs/openapi.json')).ok;
if (running) await get('/v2/auth/whoami');
performance.mark(MARK);
document.body.setAttribute('state', running ? 'ready' : 'not-running');
