// What the extension tests read from the example's popup, shared by the Chromium and Firefox
// files. Each function runs in the popup page (pass it to the driver's evaluate / waitForFunction)
// and takes at most one argument.

/** The element's state once it settled (not `checking`, nothing under way), else null. */
export const settledState = () => {
  const element = document.querySelector('anytype-pair');
  const state = element?.getAttribute('state');
  return state && state !== 'checking' && !element.hasAttribute('busy') ? state : null;
};

/** The text of the element's part `name` (its first), or null. */
export const partText = (name) => document.querySelector('anytype-pair').shadowRoot.querySelector(`[part~="${name}"]`)?.textContent ?? null;

/** Whether the element's part `name` shows. */
export const partVisible = (name) => Boolean(document.querySelector('anytype-pair').shadowRoot.querySelector(`[part~="${name}"]`)?.checkVisibility());

/** The pending request the element keeps in storage.session, or null. */
export const pendingRequest = async () => JSON.parse((await chrome.storage.session.get('anytype-auth:pending'))['anytype-auth:pending'] ?? 'null');

/** Clears both storage areas and stores `items` in storage.local. */
export const resetStorage = async (items) => {
  await chrome.storage.local.clear();
  await chrome.storage.session.clear();
  await chrome.storage.local.set(items);
};

/** Where the element keeps the key, and where the popup keeps the grant beside it. */
export const KEY = 'anytype-auth:key';
export const GRANT = 'anytype-auth:grant';

/** The element's selectors, for the drivers' own typing and clicking (both pierce open shadow roots). */
export const SELECTORS = {
  ask: '[part=ask-button]',
  code: '[part=code-form] input',
  forget: '[part=forget-button]',
};
