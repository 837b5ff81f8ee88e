/**
 * Who may use the control endpoints (`/_standin/...`). They reveal codes, approve requests and
 * make keys, so a web page must not reach them: a request is admitted when it carries the run's
 * token (the `Standin-Token` header; `startStandIn` returns it, the command prints it), or when
 * it comes from a program on this machine that is not a browser page (no `Origin`, no
 * `Sec-Fetch-Site` other than `none`, a loopback `Host`), or from an origin the stand-in was told
 * to trust (`controlOrigins`, with a loopback `Host`). Everything else is refused with 403 and
 * no CORS headers, so a page on another origin can neither read an answer nor cause an effect.
 *
 * A browser page holding the token sends it in a header, which needs a CORS preflight: the
 * preflight is answered for the trusted origins and for any origin that announces the token
 * header (the request itself is still refused without the right token).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import { emptyAnswer, jsonAnswer } from './http/answers.mjs';
import { normalizeOrigin } from './origin-gate.mjs';

/** The request header that carries the run's control token. */
export const CONTROL_TOKEN_HEADER = 'Standin-Token';
const TOKEN_HEADER = CONTROL_TOKEN_HEADER.toLowerCase();

/** A fresh random token for one run (URL-safe, 32 characters). */
export const newControlToken = () => randomBytes(24).toString('base64url');

/** The host name of a Host header (brackets and port removed, lower-cased). */
function hostName(host) {
  const text = String(host).trim().toLowerCase();
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(text);
  if (bracketed) return bracketed[1];
  return text.replace(/:\d*$/, '').replace(/\.$/, '');
}

/** True for a Host header naming this machine: `localhost`, 127.x.x.x or ::1 (or no Host at all). */
export function isLoopbackHost(host) {
  if (host === undefined || host === '') return true;
  const name = hostName(host);
  if (name === 'localhost') return true;
  if (net.isIPv4(name)) return name.startsWith('127.');
  return net.isIPv6(name) && new URL(`http://[${name}]/`).hostname === '[::1]';
}

/** True when the request was made by a browser page (it names where it comes from). */
const fromBrowserPage = (headers) => headers.origin !== undefined || (headers['sec-fetch-site'] ?? 'none') !== 'none';

/** A comma-separated string or an array of origins, normalized. */
function originSet(value) {
  if (value !== undefined && typeof value !== 'string' && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
    throw new TypeError('controlOrigins must be a comma-separated string or an array of strings');
  }
  const list = Array.isArray(value) ? value : String(value ?? '').split(',');
  return new Set(list.map(normalizeOrigin).filter((origin) => origin && origin !== 'null'));
}

const ALLOWED_HEADERS = `content-type, ${TOKEN_HEADER}`;

/** The gate of one stand-in's control endpoints. */
export class ControlGate {
  #token;
  #origins;

  /** token: the run's token; controlOrigins: origins admitted without it (string or array). */
  constructor({ token, controlOrigins }) {
    this.#token = Buffer.from(token);
    this.#origins = originSet(controlOrigins);
  }

  /**
   * What to answer a control request (`method`, lower-cased `headers`) instead of running it: a
   * 403 refusal, or a preflight's 204; null when it may proceed (its answer then adds
   * `corsHeaders(headers)`).
   */
  screen(method, headers) {
    if (method === 'OPTIONS') return this.#preflight(headers);
    if (this.#holdsToken(headers) || this.#trusted(headers)) return null;
    if (!isLoopbackHost(headers.host)) return jsonAnswer(403, { error: 'the control endpoints answer only on a loopback Host, or with the run’s token' });
    if (fromBrowserPage(headers)) return jsonAnswer(403, { error: 'the control endpoints do not answer web pages without the run’s token' });
    return null;
  }

  /** The CORS headers of an admitted request's answer: the caller's origin when it sent one. */
  corsHeaders(headers) {
    return headers.origin === undefined ? {} : { 'Access-Control-Allow-Origin': headers.origin, Vary: 'Origin' };
  }

  #holdsToken(headers) {
    const given = Buffer.from(String(headers[TOKEN_HEADER] ?? ''));
    return given.length === this.#token.length && timingSafeEqual(given, this.#token);
  }

  #trusted(headers) {
    return headers.origin !== undefined && this.#origins.has(normalizeOrigin(headers.origin)) && isLoopbackHost(headers.host);
  }

  /** A preflight: answered for a trusted origin, or for a request that will carry the token. */
  #preflight(headers) {
    const asked = String(headers['access-control-request-headers'] ?? '').toLowerCase().split(',').map((name) => name.trim());
    if (headers.origin === undefined || !(this.#trusted(headers) || asked.includes(TOKEN_HEADER))) {
      return jsonAnswer(403, { error: 'no preflight for the control endpoints without the run’s token' });
    }
    return emptyAnswer(204, {
      ...this.corsHeaders(headers),
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    });
  }
}
