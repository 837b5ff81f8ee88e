/**
 * Which Anytype the demo talks to:
 *
 * 1. `ANYTYPE_URL`, when set (e.g. `http://127.0.0.1:31012` for anytype-cli);
 * 2. otherwise the built-in stand-in when `STANDIN_MODE` is set (`current`, `v0.47`, or `gate`,
 *    also called `2026`);
 * 3. otherwise the real app at http://127.0.0.1:31009 when anything answers there;
 * 4. otherwise the built-in stand-in in its `current` mode (today's Anytype: the approval window,
 *    then the code), so the demo works without Anytype installed.
 *
 * The built-in stand-in takes its two lifetimes from `STANDIN_PENDING_TTL_MS` (how long a request
 * waits for Allow or Deny; Anytype: 180000) and `STANDIN_CODE_TTL_MS` (how long a code lives after
 * Allow; Anytype: 300000), so that a test or a quick manual look need not wait minutes. The page
 * and its simulated window learn them from `/demo-config.json`.
 */
import http from 'node:http';
import { startStandIn, MODES, PENDING_TTL_MS, CODE_TTL_MS } from '../stand-in/server.mjs';

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

/** The stand-in mode the demo runs when none is asked for: today's Anytype. */
export const DEFAULT_DEMO_MODE = 'current';

/** Thrown for a bad ANYTYPE_URL, STANDIN_MODE or TTL; the message names the variable. */
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

/** A TTL variable: unset gives undefined (Anytype's own value), else whole milliseconds ≥ 1. */
function parseTtl(env, name) {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 1 || ms > 3_600_000) throw new TargetConfigError(`${name} must be whole milliseconds from 1 to 3600000, got ${JSON.stringify(text)}`);
  return ms;
}

/**
 * Picks the Anytype from `env` as described above. Resolves to
 * `{ url: URL, simulated: boolean, mode: string | null, ttls: { pendingTtlMs, codeTtlMs } | null,
 * controlToken: string | null, close(): Promise<void> }`; `ttls` is the built-in stand-in's
 * (current mode only), `controlToken` the token its control endpoints want from the demo server
 * (the page reaches them only through it), and `close` stops the stand-in when one was started.
 */
export async function chooseAnytype(env = process.env) {
  if (env.ANYTYPE_URL) {
    return { url: parseAnytypeUrl(env.ANYTYPE_URL), simulated: false, mode: null, ttls: null, controlToken: null, close: async () => {} };
  }
  const forcedMode = env.STANDIN_MODE || null;
  if (forcedMode && !MODES.includes(forcedMode)) {
    throw new TargetConfigError(`STANDIN_MODE must be one of ${MODES.join(', ')}`);
  }
  const pendingTtlMs = parseTtl(env, 'STANDIN_PENDING_TTL_MS');
  const codeTtlMs = parseTtl(env, 'STANDIN_CODE_TTL_MS');
  if (!forcedMode && (await answersHttp(REAL_ANYTYPE_URL))) {
    return { url: new URL(REAL_ANYTYPE_URL), simulated: false, mode: null, ttls: null, controlToken: null, close: async () => {} };
  }
  const mode = forcedMode ?? DEFAULT_DEMO_MODE;
  const standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode, pendingTtlMs, codeTtlMs });
  const ttls = mode === 'current' ? { pendingTtlMs: pendingTtlMs ?? PENDING_TTL_MS, codeTtlMs: codeTtlMs ?? CODE_TTL_MS } : null;
  return { url: new URL(standIn.url), simulated: true, mode, ttls, controlToken: standIn.token, close: () => standIn.close() };
}
