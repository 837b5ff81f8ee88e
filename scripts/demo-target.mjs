/**
 * Which Anytype the demo talks to:
 *
 * 1. `ANYTYPE_URL`, when set (e.g. `http://127.0.0.1:31012` for anytype-cli);
 * 2. otherwise the built-in stand-in when `STANDIN_MODE` is set (`v0.47` or `2026`);
 * 3. otherwise the real app at http://127.0.0.1:31009 when anything answers there;
 * 4. otherwise the built-in stand-in (v0.47 mode), so the demo works without Anytype installed.
 */
import http from 'node:http';
import { startStandIn, MODES } from '../stand-in/server.mjs';

/** Where the desktop app listens. */
export const REAL_ANYTYPE_URL = 'http://127.0.0.1:31009';

/** How long the start-up probe of the real app may take. */
export const PROBE_TIMEOUT_MS = 800;

/** Resolves true when any HTTP answer comes from `url` + `/v1/auth/challenges` within the timeout. */
export function answersHttp(url, timeoutMs = PROBE_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const request = http.get(new URL('v1/auth/challenges', `${url}/`), { timeout: timeoutMs, agent: false }, (answer) => {
      answer.resume();
      resolve(true);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** Thrown for a bad ANYTYPE_URL or STANDIN_MODE; the message names the variable. */
export class TargetConfigError extends Error {}

function parseAnytypeUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new TargetConfigError(`ANYTYPE_URL is not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetConfigError('ANYTYPE_URL must start with http:// or https://');
  if (url.search || url.hash || url.username || url.password) throw new TargetConfigError('ANYTYPE_URL must have no query, fragment or credentials');
  return url;
}

/**
 * Picks the Anytype from `env` as described above. Resolves to
 * `{ url: URL, simulated: boolean, mode: string | null, close(): Promise<void> }`;
 * `close` stops the stand-in when one was started.
 */
export async function chooseAnytype(env = process.env) {
  if (env.ANYTYPE_URL) {
    return { url: parseAnytypeUrl(env.ANYTYPE_URL), simulated: false, mode: null, close: async () => {} };
  }
  const forcedMode = env.STANDIN_MODE || null;
  if (forcedMode && !MODES.includes(forcedMode)) {
    throw new TargetConfigError(`STANDIN_MODE must be one of ${MODES.join(', ')}`);
  }
  if (!forcedMode && (await answersHttp(REAL_ANYTYPE_URL))) {
    return { url: new URL(REAL_ANYTYPE_URL), simulated: false, mode: null, close: async () => {} };
  }
  // The demo's simulated window plays heart v0.47 until it learns the approval window (issue 12).
  const mode = forcedMode ?? 'v0.47';
  const standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode });
  return { url: new URL(standIn.url), simulated: true, mode, close: () => standIn.close() };
}
