// How the demo shows an API key: masked to its last 4 characters unless revealed, and a short
// snippet showing how a program sends it to Anytype.

import { DEFAULTS } from '/pkg/index.js';

/** The Anytype-Version the package sends, shown in the snippet. */
export const API_VERSION = DEFAULTS.apiVersion;

/** Where the desktop app's API listens, for the snippet when the demo runs on the stand-in. */
export const DESKTOP_API_URL = DEFAULTS.baseUrl;

/** `••••••••wxyz`: only the last 4 characters of `key` stay visible. */
export function maskKey(key) {
  return `${'•'.repeat(8)}${key.slice(-4)}`;
}

/**
 * A fetch call that lists one space with `shownKey` (masked or not) as the Bearer token. A
 * `narrowed` key (chosen spaces or read only) is refused on every /v1 route, so its snippet calls
 * the same route under /v2.
 */
export function usageSnippet(shownKey, baseUrl = DESKTOP_API_URL, { narrowed = false } = {}) {
  const url = narrowed
    ? ['// /v1 refuses a narrowed key: call the same route under /v2', `const url = "${baseUrl}/v2/spaces?limit=1";`]
    : [`const url = "${baseUrl}/v1/spaces?limit=1";`];
  return [
    ...url,
    'const headers = {',
    `  "Authorization": "Bearer ${shownKey}",`,
    `  "Anytype-Version": "${API_VERSION}",`,
    '};',
    'const answer = await fetch(url, { headers });',
  ].join('\n');
}
