// A minimal static file server for the bench page: serves bench/ and pkg/ of the repository
// (and bench/floor.wasm, below), on a free loopback port, and nothing else. Every answer says `Cache-Control: no-store`, and
// the server lists what it served, so that the bench can check that a cold load fetched every
// file over the network (an empty cache) rather than trusting that it did.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/**
 * bench/floor.wasm, served from here rather than kept as a binary file: the smallest valid wasm
 * module (one type, one empty function, exported as "f"; 31 bytes).
 */
const FLOOR_WASM = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 4, 1, 2, 0, 11]);

const TYPES = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/**
 * Starts the server; resolves to { url, close(), served } once it listens. `served` lists the
 * path of every file answered so far, in order (e.g. "/pkg/anytype_auth_bg.wasm").
 */
export function startStaticServer(root) {
  const served = [];
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!/^\/(bench|pkg)\//.test(path)) return void res.writeHead(404).end();
    try {
      const body = path === '/bench/floor.wasm' ? FLOOR_WASM : await readFile(join(root, path));
      served.push(path);
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        served,
        close: () => new Promise((done) => {
          server.close(done);
          server.closeAllConnections();
        }),
      });
    });
  });
}
