// The example's service worker: checks the stored key when the popup asks. It imports the
// package statically (service workers allow no dynamic import) and needs no init call.
import { verifyApiKey } from './vendor/anytype-auth/index.js';
import { baseUrl, storedKey } from './settings.js';

/**
 * { state: "unpaired" } with no key; { state: "paired" } when Anytype accepts it;
 * { state: "forgotten" } after a 401 (the only answer that drops the key);
 * { state: "kept", kind, message } when Anytype could not say (closed, timeout, …).
 */
async function checkStoredKey() {
  const apiKey = await storedKey();
  if (apiKey === null) return { state: 'unpaired' };
  try {
    const { valid } = await verifyApiKey(apiKey, { baseUrl: await baseUrl(), timeoutMs: 3000 });
    if (valid) return { state: 'paired' };
    await chrome.storage.local.remove('apiKey');
    return { state: 'forgotten' };
  } catch (error) {
    return { state: 'kept', kind: error.kind ?? 'unknown', message: error.message };
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type !== 'check-key') return false;
  checkStoredKey().then(sendResponse);
  return true; // the answer comes asynchronously
});
