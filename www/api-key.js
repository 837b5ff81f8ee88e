// How the demo shows an API key: masked to its last 4 characters unless revealed, and a short
// snippet showing how a program sends it to Anytype.

/** The Anytype-Version the package sends, shown in the snippet. */
export const API_VERSION = '2025-11-08';

/** Where the desktop app's API listens, for the snippet when the demo runs on the stand-in. */
export const DESKTOP_API_URL = 'http://127.0.0.1:31009';

/** `••••••••wxyz`: only the last 4 characters of `key` stay visible. */
export function maskKey(key) {
  return `${'•'.repeat(8)}${key.slice(-4)}`;
}

/** A fetch call that lists one space with `shownKey` (masked or not) as the Bearer token. */
export function usageSnippet(shownKey, baseUrl = DESKTOP_API_URL) {
  return [
    `const url = "${baseUrl}/v1/spaces?limit=1";`,
    'const headers = {',
    `  "Authorization": "Bearer ${shownKey}",`,
    `  "Anytype-Version": "${API_VERSION}",`,
    '};',
    'const answer = await fetch(url, { headers });',
  ].join('\n');
}
