// Where the example keeps its state, shared by the popup and the service worker.
//   chrome.storage.local:   apiKey (kept until Anytype answers 401), baseUrl (the "Anytype address" field)
//   chrome.storage.session: pending = { challengeId, baseUrl } while a pairing waits for its code

/** Anytype's local API when the person has not changed the address. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:31009';
/** What the person sees in Anytype → Settings → API Keys. */
export const APP_NAME = 'anytype-auth example extension';

/** The saved Anytype address, or the default. */
export async function baseUrl() {
  const { baseUrl: saved } = await chrome.storage.local.get('baseUrl');
  return typeof saved === 'string' && saved !== '' ? saved : DEFAULT_BASE_URL;
}

/** The stored API key, or null. */
export async function storedKey() {
  const { apiKey } = await chrome.storage.local.get('apiKey');
  return typeof apiKey === 'string' ? apiKey : null;
}

/** The pairing that waits for its code ({ challengeId, baseUrl }), or null. */
export async function pendingPairing() {
  const { pending } = await chrome.storage.session.get('pending');
  return pending && typeof pending.challengeId === 'string' ? pending : null;
}
