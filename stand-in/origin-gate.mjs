/**
 * The 2026 origin gate (heart PR #3204, `util/localorigin`), which runs before routing in the
 * gated modes. A request passes when:
 * - its Host is empty, `localhost` (a trailing dot is fine), an IP literal, or a name listed in
 *   the allowed hosts (ANYTYPE_API_ALLOWED_HOSTS: comma-separated, port optional and ignored);
 * - and either it has no Origin and no `Sec-Fetch-Site: same-origin|same-site`, or its Origin
 *   (lower-cased, trimmed, one trailing `/` removed) is an exact entry of the allowed origins
 *   (ANYTYPE_API_ALLOWED_ORIGINS, any scheme, e.g. `chrome-extension://<id>`), or an
 *   `http(s)://` origin whose host is `localhost` or a loopback IP (127.x.x.x, [::1]).
 * `null` is refused even when listed, and so are `file://`, other schemes, non-loopback hosts and
 * anything with a path, query, fragment or userinfo. Refusals are 403 `request origin is not
 * allowed` in envelope A, for Host and Origin alike.
 */
import net from 'node:net';
import { apiError } from './http/answers.mjs';

const FILE_ORIGIN = 'file://';

/** localorigin.Normalize: trimmed, lower-cased, one trailing `/` removed (not from `file://`). */
export function normalizeOrigin(origin) {
  const lowered = String(origin ?? '').trim().toLowerCase();
  return lowered !== FILE_ORIGIN && lowered.endsWith('/') ? lowered.slice(0, -1) : lowered;
}

/** Go's net.SplitHostPort host part when it splits, else the text; brackets and one final dot removed. */
function hostname(host) {
  const split = /^\[([^\]]*)\]:[^:]*$/.exec(host) ?? /^([^:[\]]*):[^:]*$/.exec(host);
  const bare = (split ? split[1] : host).replace(/^\[/, '').replace(/\]$/, '');
  return bare.endsWith('.') ? bare.slice(0, -1) : bare;
}

/** net.IP.IsLoopback: 127.0.0.0/8, ::1, and IPv4-mapped 127.x addresses. */
function isLoopbackIp(text) {
  if (net.isIPv4(text)) return text.startsWith('127.');
  if (!net.isIPv6(text)) return false;
  const canonical = new URL(`http://[${text}]/`).hostname;
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
}

/** A comma-separated string (as in the environment variables) or an array, as a list. */
const listOf = (value) => (Array.isArray(value) ? value : String(value ?? '').split(','));

/** The gate of one instance, with its allowed origins and hosts. */
export class OriginPolicy {
  #origins;
  #hosts;

  /** allowedOrigins, allowedHosts: comma-separated strings or arrays (empty entries are skipped). */
  constructor({ allowedOrigins, allowedHosts } = {}) {
    this.#origins = new Set(listOf(allowedOrigins).map(normalizeOrigin).filter(Boolean));
    this.#hosts = new Set(listOf(allowedHosts).map((host) => hostname(host.trim().toLowerCase())).filter(Boolean));
  }

  /** True when the request (its lower-cased `headers`) passes the gate. */
  allows(headers) {
    if (!this.#allowsHost(headers.host ?? '')) return false;
    if (!headers.origin) return !['same-origin', 'same-site'].includes(String(headers['sec-fetch-site'] ?? '').toLowerCase());
    return this.#allowsOrigin(headers.origin);
  }

  #allowsHost(header) {
    const host = hostname(header);
    if (host === '' || host.toLowerCase() === 'localhost' || net.isIP(host) !== 0) return true;
    return this.#hosts.has(hostname(header.toLowerCase()));
  }

  #allowsOrigin(origin) {
    const normalized = normalizeOrigin(origin);
    if (normalized === '') return true;
    if (normalized === 'null') return false;
    if (this.#origins.has(normalized)) return true;
    const match = /^([^:]+):\/\/([^/?#@]+)$/.exec(normalized);
    if (!match || (match[1] !== 'http' && match[1] !== 'https')) return false;
    const host = hostname(match[2]);
    return host === 'localhost' || isLoopbackIp(host);
  }
}

/** The gate's refusal: 403 in envelope A. */
export const originRefused = () => apiError(403, 'request origin is not allowed');
