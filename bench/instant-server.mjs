// The server `make bench` times pairings against: it answers each request at once, with the
// status, headers and body shape Anytype (and the stand-in) send, so that a pairing's time is the
// client's work plus loopback, not the server's. The stand-in does real work per request (its
// state, its rules), which adds the same time to both sides and so dilutes the ratio.
//   POST /v1/auth/challenges → 201 {"challenge_id": …}
//   POST /v1/auth/api_keys   → 201 {"api_key": …}
//   GET  /_standin/code      → {"code": "0427"}, the stand-in's control route that the pairing
//                              loop (bench/pairing.mjs) reads the code from, untimed
//   POST /_standin/reset     → {"ok": true} (nothing to forget)
// Run as a script, it listens on a free loopback port in its own process (as the real app is),
// prints one JSON line {"url": …} and exits when its parent closes stdin or sends SIGTERM.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const CODE = '0427';
const API_KEY = 'K'.repeat(43) + '='; // a key's length and alphabet (base64 of 32 bytes)

/** The answers, as the bytes sent: fixed, so that nothing is built per request but the challenge id. */
function answer(method, path, id) {
  if (method === 'POST' && path === '/v1/auth/challenges') return [201, `{"challenge_id":"${id.toString(16).padStart(24, '0')}"}`];
  if (method === 'POST' && path === '/v1/auth/api_keys') return [201, `{"api_key":"${API_KEY}"}`];
  if (method === 'GET' && path === '/_standin/code') return [200, `{"code":"${CODE}"}`];
  if (method === 'POST' && path === '/_standin/reset') return [200, '{"ok":true}'];
  return [404, '{"object":"error","status":404,"code":"object_not_found","message":"not found"}'];
}

/** Starts the server on 127.0.0.1; resolves to { url, close() } once it listens. */
export function startInstantServer() {
  let challenges = 0;
  const server = createServer((req, res) => {
    const [status, body] = answer(req.method, req.url.split('?')[0], ++challenges);
    res.writeHead(status, {
      'Anytype-Version': '2025-11-08',
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
    req.resume(); // the request body is not needed
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => {
          server.close(done);
          server.closeAllConnections();
        }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startInstantServer();
  process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
  const stop = () => server.close().then(() => process.exit(0));
  process.stdin.on('end', stop).resume();
  process.on('SIGTERM', stop);
}
