// The example's service worker: checks the stored key when the popup asks. It imports the
// package statically (service workers allow no dynamic import) and needs no init call.
import { verifyApiKey } from './vendor/anytype-auth/index.js';
import { baseUrl, storedKey } from './settings.js';

/**
 * { state: "unpaired" } with no key; { state: "paired", worksOnV1, access } when Anytype accepts
 * it (a narrowed key, worksOnV1: false, is valid and kept); { state: "forgotten", reason } after
 * valid: false (`invalid` or `expired`, the only answers that drop the key and its grant);
 * { state: "kept", kind, message } when Anytype could not say (closed, timeout, …).
 */
async function checkStoredKey() {
  const apiKey = await storedKey();
  if (apiKey === null) return { state: 'unpaired' };
  try {
    const { valid, reason = null, worksOnV1 = null, access = null } = await verifyApiKey(apiKey, { baseUrl: await baseUrl(), timeoutMs: 3000 });
    if (valid) return { state: 'paired', worksOnV1, access };
    await chrome.storage.local.remove(['apiKey', 'grant']);
    return { state: 'forgotten', reason };
  } catch (error) {
    return { state: 'kept', kind: error.kind ?? 'unknown', message: error.message };
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type !== 'check-key') return false;
  checkStoredKey().then(sendResponse);
  return true; // the answer comes asynchronously
});
