/**
 * Static files for the demo server: `/pkg/…` from pkg/ and everything else from www/, and nothing
 * outside those two folders. A request path that climbs out (`..`, `%2e%2e`, an encoded slash or
 * backslash, an absolute path) is refused, and so is a symlink whose real location lies outside
 * its folder.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** The Content-Security-Policy of every page: own files only, plus the right to compile wasm. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every static answer. */
export const SECURITY_HEADERS = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
});

const CONTENT_TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.wasm', 'application/wasm'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.md', 'text/plain; charset=utf-8'],
  ['.ts', 'text/plain; charset=utf-8'],
]);

/** The Content-Type for a file name, by its extension. */
export function contentTypeFor(fileName) {
  return CONTENT_TYPES.get(path.extname(fileName).toLowerCase()) ?? 'application/octet-stream';
}

/** Why a request path was refused; `status` is the HTTP status to answer with. */
export class RefusedPath extends Error {
  constructor(status, reason) {
    super(reason);
    this.status = status;
  }
}

/**
 * Maps a URL path (without the query) to a file inside one of `roots`:
 * `{ www: '/abs/www', pkg: '/abs/pkg' }`. Resolves to the real path of the file, or throws a
 * RefusedPath (400 for a malformed or climbing path, 404 when nothing is there).
 */
export async function resolveStaticFile(roots, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new RefusedPath(400, 'malformed percent-encoding');
  }
  if (!decoded.startsWith('/') || decoded.startsWith('//')) throw new RefusedPath(400, 'not a site path');
  if (/[\\\0]/.test(decoded)) throw new RefusedPath(400, 'backslash or NUL in path');
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '..' || s === '.')) throw new RefusedPath(400, 'dot segment in path');
  if (segments.some((s) => s.startsWith('.'))) throw new RefusedPath(404, 'hidden file');

  const [rootName, rest] = segments[0] === 'pkg' ? ['pkg', segments.slice(1)] : ['www', segments];
  const root = await realpath(roots[rootName]);
  let candidate = path.join(root, ...rest);
  if (decoded.endsWith('/')) candidate = path.join(candidate, 'index.html');

  let real;
  try {
    real = await realpath(candidate);
  } catch {
    throw new RefusedPath(404, 'no such file');
  }
  if (real !== root && !real.startsWith(root + path.sep)) throw new RefusedPath(404, 'outside the served folders');
  const info = await stat(real);
  if (info.isDirectory()) {
    // A folder without its trailing slash: serve its index, as a static server would redirect.
    return resolveStaticFile(roots, `${urlPath}/`);
  }
  if (!info.isFile()) throw new RefusedPath(404, 'not a file');
  return real;
}

/** Answers a GET or HEAD for a static file; any other method gets 405. */
export async function serveStatic(roots, req, res, urlPath) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
  }
  let file;
  try {
    file = await resolveStaticFile(roots, urlPath);
  } catch (error) {
    if (error instanceof RefusedPath) return sendText(res, error.status, error.status === 404 ? 'not found' : 'bad request');
    throw error;
  }
  const { size } = await stat(file);
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Content-Length': size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Sends a short plain-text answer with the security headers. */
export function sendText(res, status, text, extraHeaders = {}) {
  const body = Buffer.from(`${text}\n`);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extraHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
  });
  res.end(body);
}

/** Sends a JSON answer with the security headers. */
export function sendJson(res, status, value) {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
}
