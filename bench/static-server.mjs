// A minimal static file server for the bench page: serves bench/ and pkg/ of the repository,
// on a free loopback port, and nothing else. Every answer says `Cache-Control: no-store`, and
// the server lists what it served, so that the bench can check that a cold load fetched every
// file over the network (an empty cache) rather than trusting that it did.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

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
      const body = await readFile(join(root, path));
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
