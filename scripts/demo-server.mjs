/**
 * The demo server that `make demo` runs: one loopback HTTP server that serves www/ (the demo page)
 * and pkg/ (the built package), and forwards `/v1/…`, `/v2/…` and `/docs/…` same-origin to the
 * Anytype it talks to (see demo-target.mjs for which one, demo-forward.mjs for why). With the
 * built-in stand-in it also forwards `/_standin/…`, which the page's simulated Anytype window uses:
 * the stand-in answers those only to its token's holder, the demo server, which adds it (and
 * only for the demo page itself, as every forward). It takes at most DEMO_LIMITS.maxConnections
 * connections at once and cuts a request whose headers and body take longer than
 * DEMO_LIMITS.requestTimeoutMs.
 * `GET /demo-config.json` tells the page what it talks to.
 *
 * Environment: PORT (default 8790; a taken port falls back to a free one), ANYTYPE_URL,
 * STANDIN_MODE (`current`, `v0.47`, `gate` or `2026`: always use the stand-in, in that mode),
 * STANDIN_PENDING_TTL_MS and STANDIN_CODE_TTL_MS (the stand-in's lifetimes, current mode).
 * Prints `anytype-auth demo: <url>` once it listens; stops on SIGINT/SIGTERM.
 */
import http from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FORWARD_LIMITS, forwardRequest, isAnytypePath, mayForward } from './demo-forward.mjs';
import { CONTROL_TOKEN_HEADER } from '../stand-in/server.mjs';
import { serveStatic, sendJson, sendText } from './demo-static.mjs';
import { chooseAnytype, TargetConfigError } from './demo-target.mjs';

/** The port `make demo` uses unless PORT says otherwise. */
export const DEFAULT_DEMO_PORT = 8790;

/** The folders the demo serves: www/ at `/`, pkg/ at `/pkg/`. */
export const DEMO_ROOTS = Object.freeze({
  www: fileURLToPath(new URL('../www/', import.meta.url)),
  pkg: fileURLToPath(new URL('../pkg/', import.meta.url)),
});

/** The demo server's limits; startDemoServer's `limits` option shortens them (tests). */
export const DEMO_LIMITS = Object.freeze({
  ...FORWARD_LIMITS,
  /** Connections served at once; more are closed at once. */
  maxConnections: 256,
  /** How long a client may take to send a request's headers and body. */
  requestTimeoutMs: 30_000,
});

/**
 * What the page learns about its Anytype from `GET /demo-config.json`: whether it is the built-in
 * stand-in (and its mode and lifetimes), else the address it talks to.
 */
function pageConfig(anytype) {
  return {
    simulated: anytype.simulated,
    mode: anytype.mode,
    target: anytype.simulated ? null : anytype.url.href.replace(/\/$/, ''),
    ttls: anytype.ttls ?? null,
  };
}

/** The request handler: forwards, the page config, then static files. `limits` as DEMO_LIMITS. */
export function demoHandler(anytype, roots = DEMO_ROOTS, limits = DEMO_LIMITS) {
  return async (req, res) => {
    try {
      const target = req.url ?? '/';
      const pathOnly = target.split('?', 1)[0];
      const control = anytype.simulated && pathOnly.startsWith('/_standin/');
      const forwarded = isAnytypePath(pathOnly) || control;
      if (forwarded && !mayForward(req)) return sendText(res, 403, 'only the demo page itself may use this forward');
      const extraHeaders = control ? { [CONTROL_TOKEN_HEADER]: anytype.controlToken } : {};
      if (forwarded) return await forwardRequest(req, res, anytype.url, target, { extraHeaders, upstreamTimeoutMs: limits.upstreamTimeoutMs });
      if (pathOnly === '/demo-config.json') return sendJson(res, 200, pageConfig(anytype));
      return await serveStatic(roots, req, res, pathOnly);
    } catch {
      if (res.headersSent) return void res.destroy();
      sendText(res, 500, 'demo server error');
    }
  };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

/**
 * Starts the demo server for `anytype` (from chooseAnytype) on `port` at 127.0.0.1, or on a free
 * port when that one is taken; `limits` overrides some of DEMO_LIMITS. Resolves to
 * `{ url, port, fellBack, close() }`.
 */
export async function startDemoServer(anytype, { port = DEFAULT_DEMO_PORT, roots = DEMO_ROOTS, limits = {} } = {}) {
  const chosen = { ...DEMO_LIMITS, ...limits };
  const { requestTimeoutMs } = chosen;
  const server = http.createServer(
    { requestTimeout: requestTimeoutMs, headersTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, Math.ceil(requestTimeoutMs / 4)) },
    demoHandler(anytype, roots, chosen),
  );
  server.maxConnections = chosen.maxConnections;
  let bound;
  let fellBack = false;
  try {
    bound = await listen(server, port);
  } catch (error) {
    if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
    bound = await listen(server, 0);
    fellBack = true;
  }
  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    fellBack,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parsePort(text) {
  if (text === undefined || text === '') return DEFAULT_DEMO_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TargetConfigError(`PORT must be a port number, got ${JSON.stringify(text)}`);
  return port;
}

function describe(anytype) {
  if (anytype.simulated) return `simulated Anytype (built-in stand-in, ${anytype.mode} mode, at ${anytype.url.href.replace(/\/$/, '')})`;
  return `Anytype at ${anytype.url.href.replace(/\/$/, '')}`;
}

async function main() {
  let anytype;
  let port;
  try {
    port = parsePort(process.env.PORT);
    anytype = await chooseAnytype(process.env);
  } catch (error) {
    if (!(error instanceof TargetConfigError)) throw error;
    console.error(`demo: ${error.message}`);
    process.exit(2);
  }
  const demo = await startDemoServer(anytype, { port });
  if (demo.fellBack) console.log(`Port ${port} is taken; using ${demo.port} instead.`);
  console.log(`Talking to ${describe(anytype)}.`);
  console.log(`anytype-auth demo: ${demo.url}`);
  console.log('Open that URL in a browser. Ctrl+C stops the demo.');
  const stop = async () => {
    await demo.close();
    await anytype.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
