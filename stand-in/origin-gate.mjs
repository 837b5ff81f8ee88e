/**
 * The 2026 origin gate (heart PR #3204, util/localorigin): before routing, a request whose Host
 * names anything but loopback or an IP literal, whose Origin is not a loopback http(s) origin, or
 * that has no Origin but `Sec-Fetch-Site: same-origin|same-site`, gets 403
 * `request origin is not allowed`.
 */
import net from 'node:net';
import { apiError } from './http/answers.mjs';

const ORIGIN_PATTERN = /^https?:\/\/(\[::1\]|[^:/[\]@]+)(?::\d{1,5})?$/i;

function isLoopbackOrigin(origin) {
  const host = ORIGIN_PATTERN.exec(origin)?.[1].toLowerCase();
  return host === 'localhost' || host === '[::1]' || (net.isIPv4(host ?? '') && host.startsWith('127.'));
}

function isTrustedHost(hostHeader = '') {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(hostHeader);
  const host = bracketed ? bracketed[1] : hostHeader.replace(/:\d*$/, '');
  return host === '' || host.toLowerCase() === 'localhost' || net.isIP(host) !== 0;
}

/** True when the request (its lower-cased `headers`) passes the gate. */
export function originAllowed(headers) {
  if (!isTrustedHost(headers.host)) return false;
  if (headers.origin) return isLoopbackOrigin(headers.origin);
  return !['same-origin', 'same-site'].includes(headers['sec-fetch-site']);
}

/** The gate's refusal: 403 in envelope A. */
export const originRefused = () => apiError(403, 'request origin is not allowed');
