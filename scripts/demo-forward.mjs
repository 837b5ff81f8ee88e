/**
 * The demo server's same-origin forward: a request for `/v1/…`, `/v2/…` or `/docs/…` on the demo's
 * own origin goes to the Anytype it talks to, and the answer comes back unchanged (status, headers
 * including `Anytype-Version`, body, streamed as it arrives).
 *
 * Why: Anytype sends no CORS headers, so a page on another origin cannot read its answers. Served
 * from the same origin as the page, the answers are readable. The forward drops the browser-only
 * headers (`Referer`, `Cookie`, `Sec-Fetch-*`), sets `Host` to Anytype's own, and sends as `Origin`
 * the demo's own loopback origin (`http://127.0.0.1:<port>`), whatever the browser sent. Today's
 * Anytype admits a loopback `Origin` at its gate, and it tells callers apart by `Origin`: so the
 * demo page is one caller of its own, named by that origin in Anytype's approval window, with its
 * own pending request, its own budget of requests, and a Deny that Anytype remembers until it
 * restarts, exactly as for any app that sends an `Origin`. (Without one, Anytype would file the
 * demo under the process that connected, the demo server's Node, or under the shared anonymous
 * caller, for which it remembers no Deny.) Anytype before 2026 ignores `Origin`.
 *
 * When Anytype does not answer, the browser's connection is cut without a response, so the page
 * sees what it would see talking to Anytype directly (`unreachable`), not an HTTP error.
 */
import http from 'node:http';
import https from 'node:https';

/** The paths forwarded to Anytype: its API generations and its documents (checkAnytype's probe). */
const FORWARDED_PREFIXES = ['/v1', '/v2', '/docs'];

/** Whether a request path (without its query) is one the forward passes to Anytype. */
export function isAnytypePath(pathOnly) {
  return FORWARDED_PREFIXES.some((prefix) => pathOnly === prefix || pathOnly.startsWith(`${prefix}/`));
}

/** Request headers never passed on: hop-by-hop ones, and those only a browser would send (`Origin` is replaced). */
const DROPPED_REQUEST_HEADERS = new Set([
  'host',
  'origin',
  'referer',
  'cookie',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);

/** Response headers never passed back: hop-by-hop ones (Node sets its own framing). */
const DROPPED_RESPONSE_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'trailer']);

/** The largest request body forwarded; pairing bodies are a few dozen bytes. */
export const MAX_FORWARDED_BODY = 64 * 1024;

/** Host headers the demo answers to: loopback only, so a DNS-rebinding site cannot use it. */
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d{1,5})?$/i;

/**
 * Whether `req` may use the forward: it must come from the demo's own origin (a same-origin fetch)
 * or from a client that is not a browser. Since the forward drops `Origin`, any other web page
 * could otherwise use it to get past Anytype's origin check.
 */
export function mayForward(req) {
  const host = req.headers.host ?? '';
  if (!LOOPBACK_HOST.test(host)) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/**
 * The headers to send upstream for a request's headers: `Host` is Anytype's, `Origin` the demo's
 * own (`demoOrigin`, e.g. `http://127.0.0.1:8790`).
 */
export function forwardedRequestHeaders(headers, target, demoOrigin) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (DROPPED_REQUEST_HEADERS.has(name) || name.startsWith('sec-fetch-')) continue;
    out[name] = value;
  }
  out.host = target.host;
  out.origin = demoOrigin;
  return out;
}

/** The demo's own origin for a request that mayForward admitted (its `Host` is loopback). */
export const demoOriginOf = (req) => `http://${req.headers.host}`.toLowerCase();

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_FORWARDED_BODY) return reject(new Error('request body too large'));
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Forwards `req` to `target` (a URL; its path, if any, prefixes the request path) and relays the
 * answer to `res`. `path` is the request path with its query, e.g. `/v1/spaces?limit=1`.
 */
export async function forwardRequest(req, res, target, path) {
  let body;
  try {
    body = await readBody(req);
  } catch {
    return void req.socket.destroy();
  }
  const prefix = target.pathname.replace(/\/+$/, '');
  const headers = forwardedRequestHeaders(req.headers, target, demoOriginOf(req));
  if (body.length || req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
    headers['content-length'] = String(body.length);
  }
  const transport = target.protocol === 'https:' ? https : http;
  const upstream = transport.request({
    protocol: target.protocol,
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port || (target.protocol === 'https:' ? 443 : 80),
    method: req.method,
    path: prefix + path,
    headers,
    agent: false,
  });
  // The browser gave up (the library's timeout or abort): stop waiting for Anytype too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.on('error', () => {
    // No answer from Anytype: cut the browser's connection so it sees no answer either.
    if (!res.headersSent) req.socket.destroy();
    else res.destroy();
  });
  upstream.on('response', (answer) => {
    const relayed = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!DROPPED_RESPONSE_HEADERS.has(name)) relayed[name] = value;
    }
    res.writeHead(answer.statusCode, answer.statusMessage, relayed);
    res.flushHeaders();
    answer.on('error', () => res.destroy());
    answer.on('aborted', () => res.destroy());
    answer.pipe(res);
  });
  upstream.end(body);
}
