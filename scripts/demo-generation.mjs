/**
 * Which generation of Anytype the demo talks to, told apart on the server side so that the page
 * logs no failed request for it.
 *
 * The heuristic: `GET /v2/auth/whoami` without a key (and without `Origin`, as a native app asks).
 * Anytype of 2026 (heart v0.51+) has `/v2` and answers **401** (`missing authorization header`);
 * Anytype before it (heart v0.47, and the gate-only builds in between) has no `/v2` and answers
 * **404** (`404 page not found`). Any other answer, or none, says nothing: `null`.
 *
 * - `approval`: the approval window comes first (spaces, read or read & write, Allow or Deny),
 *   then a code valid for 5 minutes; keys can be narrowed, and narrowed keys are refused on `/v1`.
 * - `code-first`: the code is shown at once, for about 30 s; every key reaches every space.
 */
import http from 'node:http';
import https from 'node:https';

/** The generation ids, as the package's flow names them (js/ui/flow.js). */
export const GENERATIONS = Object.freeze({ approval: 'approval', codeFirst: 'code-first' });

/** How long the probe may take. */
export const GENERATION_PROBE_TIMEOUT_MS = 2000;

/** The generation for the status of `GET /v2/auth/whoami` without a key, or null. */
export function generationForStatus(status) {
  if (status === 401) return GENERATIONS.approval;
  if (status === 404) return GENERATIONS.codeFirst;
  return null;
}

/**
 * Asks `target` (a URL; a path prefix is kept) `GET /v2/auth/whoami` without a key and resolves to
 * `{ generation, status }`: `status` is the HTTP status, or null when nothing answered in time.
 */
export function probeGeneration(target, timeoutMs = GENERATION_PROBE_TIMEOUT_MS) {
  const transport = target.protocol === 'https:' ? https : http;
  const path = `${target.pathname.replace(/\/+$/, '')}/v2/auth/whoami`;
  return new Promise((resolve) => {
    const request = transport.get(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || (target.protocol === 'https:' ? 443 : 80),
        path,
        headers: { host: target.host },
        timeout: timeoutMs,
        agent: false,
      },
      (answer) => {
        answer.resume();
        resolve({ generation: generationForStatus(answer.statusCode), status: answer.statusCode });
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve({ generation: null, status: null }));
  });
}
