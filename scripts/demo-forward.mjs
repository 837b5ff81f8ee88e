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
 * When Anytype cannot be reached, the browser's connection is cut without a response, so the page
 * sees what it would see talking to Anytype directly (`unreachable`), not an HTTP error.
 *
 * Whatever answers upstream is not trusted to be Anytype (anything may listen on its port): the
 * forward passes up only what Anytype needs (no hop-by-hop headers or those `Connection:` names,
 * no `Proxy-Authorization`, `Forwarded` or `X-Forwarded-*`, no path with dot segments), passes
 * down no `Set-Cookie` and marks every answer `nosniff` and sandboxed, waits at most
 * `upstreamTimeoutMs` for an answer (then 504) and between its body's chunks, and answers 502
 * for an answer it cannot relay (a status outside 200-599, a reason phrase or header
 * that HTTP forbids), so that no upstream answer can stop the demo server.
 */
import http from 'node:http';
import https from 'node:https';
import { sendText } from './demo-static.mjs';

/** The paths forwarded to Anytype: its API generations and its documents (checkAnytype's probe). */
const FORWARDED_PREFIXES = ['/v1', '/v2', '/docs'];

/** Whether a request path (without its query) is one the forward passes to Anytype. */
export function isAnytypePath(pathOnly) {
  return FORWARDED_PREFIXES.some((prefix) => pathOnly === prefix || pathOnly.startsWith(`${prefix}/`));
}

/** Hop-by-hop headers (RFC 9110 7.6.1), which concern one connection only. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

/**
 * Request headers never passed on: hop-by-hop ones, those only a browser would send (`Origin` is
 * replaced), what proxies add (`Forwarded`, `X-Forwarded-*`, `X-Real-IP`), `Expect`, and the
 * built-in stand-in's control token (only the demo server itself adds it).
 */
const DROPPED_REQUEST_HEADERS = new Set([...HOP_BY_HOP, 'host', 'origin', 'referer', 'cookie', 'expect', 'forwarded', 'x-real-ip', 'standin-token']);

/** Response headers never passed back: hop-by-hop ones (Node sets its own framing), cookies, and the ones the forward sets itself. */
const DROPPED_RESPONSE_HEADERS = new Set([...HOP_BY_HOP, 'set-cookie', 'set-cookie2', 'content-security-policy', 'x-content-type-options']);

/**
 * Headers every relayed answer carries: never sniffed into another type, and sandboxed, so that an
 * HTML answer from whatever listens upstream can run nothing on the demo's origin.
 */
const RELAYED_ANSWER_HEADERS = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
});

/** The names a `Connection:` header lists: hop-by-hop for this connection. */
const connectionNamed = (headers) =>
  new Set(String(headers.connection ?? '').toLowerCase().split(',').map((name) => name.trim()).filter(Boolean));

/** The limits of the forward; each can be shortened (tests) through startDemoServer's options. */
export const FORWARD_LIMITS = Object.freeze({
  /** How long Anytype may take to answer, and at most between two chunks of its answer. */
  upstreamTimeoutMs: 30_000,
});

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
  const named = connectionNamed(headers);
  for (const [name, value] of Object.entries(headers)) {
    if (DROPPED_REQUEST_HEADERS.has(name) || named.has(name) || name.startsWith('sec-fetch-') || name.startsWith('x-forwarded-')) continue;
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
 * True when a request path (without its query) has a `.` or `..` segment, also percent-encoded
 * or after a backslash: the forward refuses those rather than guess how Anytype would resolve them.
 */
export function hasDotSegment(pathOnly) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathOnly);
  } catch {
    return true;
  }
  return decoded.split(/[/\\]/).some((segment) => segment === '.' || segment === '..');
}

/** The headers of `answer` the page may see, plus RELAYED_ANSWER_HEADERS. */
function relayedHeaders(answer) {
  const named = connectionNamed(answer.headers);
  const relayed = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!DROPPED_RESPONSE_HEADERS.has(name) && !named.has(name)) relayed[name] = value;
  }
  return { ...relayed, ...RELAYED_ANSWER_HEADERS };
}

/**
 * Writes the status line and headers of `answer` to `res`; false (and nothing written) when HTTP
 * cannot carry them: a status outside 200-599 (Anytype never sends 1xx as a final answer), a
 * reason phrase or a header value with forbidden characters.
 */
function relayHead(res, answer) {
  if (!(answer.statusCode >= 200 && answer.statusCode <= 599)) return false;
  try {
    res.writeHead(answer.statusCode, answer.statusMessage, relayedHeaders(answer));
    res.flushHeaders();
    return true;
  } catch {
    res.statusMessage = undefined; // writeHead keeps a refused reason phrase for the next one
    return false;
  }
}

/**
 * Forwards `req` to `target` (a URL; its path, if any, prefixes the request path) and relays the
 * answer to `res`. `path` is the request path with its query, e.g. `/v1/spaces?limit=1`.
 * `extraHeaders` are added to the request upstream; `upstreamTimeoutMs` as in FORWARD_LIMITS.
 */
export async function forwardRequest(req, res, target, path, { extraHeaders = {}, upstreamTimeoutMs = FORWARD_LIMITS.upstreamTimeoutMs } = {}) {
  if (hasDotSegment(path.split('?', 1)[0])) return sendText(res, 400, 'the demo server does not forward paths with . or .. segments');
  let body;
  try {
    body = await readBody(req);
  } catch {
    return void req.socket.destroy();
  }
  const prefix = target.pathname.replace(/\/+$/, '');
  const headers = { ...forwardedRequestHeaders(req.headers, target, demoOriginOf(req)), ...extraHeaders };
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
  const seconds = Math.round(upstreamTimeoutMs / 100) / 10;
  // Anytype has upstreamTimeoutMs to answer; a wait that long is its failure, not the page's.
  const deadline = setTimeout(() => {
    upstream.destroy();
    if (!res.headersSent) sendText(res, 504, `Anytype did not answer within ${seconds} s (the demo server's limit). Check that Anytype is running and responding, then try again.`);
  }, upstreamTimeoutMs);
  // The browser gave up (the library's timeout or abort): stop waiting for Anytype too.
  res.on('close', () => {
    clearTimeout(deadline);
    if (!res.writableFinished) upstream.destroy();
  });
  const unrelayable = (what) =>
    sendText(res, 502, `The server at Anytype's address sent an answer the demo server cannot relay (${what}). Check that it is Anytype.`);
  upstream.on('error', (error) => {
    clearTimeout(deadline);
    if (res.headersSent) return void res.destroy();
    // An answer that is not HTTP (llhttp's HPE_ codes) is the server's fault: say so.
    if (String(error.code).startsWith('HPE_')) return unrelayable('not valid HTTP');
    // No answer from Anytype: cut the browser's connection so it sees no answer either.
    req.socket.destroy();
  });
  upstream.on('response', (answer) => {
    clearTimeout(deadline);
    if (!relayHead(res, answer)) {
      unrelayable(`status ${answer.statusCode}, or a reason phrase or header that HTTP forbids`);
      return void upstream.destroy();
    }
    answer.on('error', () => res.destroy());
    answer.on('aborted', () => res.destroy());
    // A body that stops arriving is cut after upstreamTimeoutMs without a chunk.
    answer.setTimeout(upstreamTimeoutMs, () => {
      upstream.destroy();
      res.destroy();
    });
    answer.pipe(res);
  });
  upstream.end(body);
}
