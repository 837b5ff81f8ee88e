// The background service worker (an ES module): `pairWithStandIn(baseUrl, codeUrl)` pairs through
// anytype-auth, reading the code from codeUrl + the challenge id (the test's stand-in), and stores the key.
import { AnytypeError, pair, verifyApiKey } from 'anytype-auth';

self.pairWithStandIn = async (baseUrl, codeUrl) => {
  try {
    const { apiKey, grant } = await pair({
      appName: 'anytype-auth with Vite and CRXJS',
      baseUrl,
      getCode: async ({ challengeId }) => (await (await fetch(codeUrl + encodeURIComponent(challengeId))).json()).code,
    });
    const { valid } = await verifyApiKey(apiKey, { baseUrl });
    await chrome.storage.local.set({ apiKey });
    return { ok: true, keyLength: apiKey.length, grant, valid };
  } catch (error) {
    return { ok: false, kind: error?.kind, isAnytypeError: error instanceof AnytypeError, message: String(error?.message) };
  }
};
