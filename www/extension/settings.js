// Where the example keeps its state, shared by the popup and the service worker.
//   chrome.storage.local:   apiKey (kept until Anytype answers valid: false), grant (what Anytype
//                           said the key reaches when it issued it, or null), baseUrl (the
//                           "Anytype address" field)
//   chrome.storage.session: pending = { challengeId, baseUrl, createdAt, codeTyped } while a
//                           pairing waits for the person (Allow in Anytype, then the code)
// baseUrl() and pendingPairing() give the address of every request to Anytype, and resolve only
// once the origin rule covers the extension's requests (origin-rule.js: at once in Chromium,
// after a session rule in Firefox).
import { DEFAULTS, LIMITS } from './vendor/anytype-auth/index.js';
import { originRuleReady } from './origin-rule.js';

/** Anytype's local API when the person has not changed the address. */
export const DEFAULT_BASE_URL = DEFAULTS.baseUrl;
/** What the person sees in Anytype's approval window and in Settings → API Keys. */
export const APP_NAME = 'anytype-auth example extension';
/** How long Anytype (2026) keeps an unanswered request. */
export const PENDING_MS = LIMITS.pendingSeconds * 1000;
/** How long a code lives after Allow. */
export const CODE_MS = LIMITS.codeMinutes * 60_000;
/** Codes Anytype (2026) takes per request. */
export const TRIES_PER_REQUEST = LIMITS.triesPerChallenge;

/** The saved Anytype address, or the default. */
export async function baseUrl() {
  await originRuleReady();
  const { baseUrl: saved } = await chrome.storage.local.get('baseUrl');
  return typeof saved === 'string' && saved !== '' ? saved : DEFAULT_BASE_URL;
}

/** The stored API key, or null. */
export async function storedKey() {
  const { apiKey } = await chrome.storage.local.get('apiKey');
  return typeof apiKey === 'string' ? apiKey : null;
}

/** The pairing that waits for the person ({ challengeId, baseUrl, createdAt, codeTyped }), or null. */
export async function pendingPairing() {
  await originRuleReady();
  const { pending } = await chrome.storage.session.get('pending');
  return pending && typeof pending.challengeId === 'string' ? pending : null;
}

/**
 * Whether `pending` may still wait for Allow or Deny: no code was typed yet (a code means Allow
 * was pressed) and its 3 minutes are not over. While it waits, Anytype refuses a second request
 * from this extension, so the popup sends none.
 */
export function stillWaits(pending, now = Date.now()) {
  return Boolean(pending) && !pending.codeTyped && now - pending.createdAt < PENDING_MS;
}

/** Whether `pending` can no longer be used at all: past its 3 minutes and a code's 5. */
export function longGone(pending, now = Date.now()) {
  return now - pending.createdAt >= PENDING_MS + CODE_MS;
}
