// An attacker on the same machine, against the stand-in and the demo server: web pages on other
// origins (another loopback port, the `null` origin, a DNS-rebinding name) trying to read or
// drive the stand-in's control endpoints in headless Chromium; a 200 MB request body; a hostile
// program answering on Anytype's port (status 099, a reason phrase with DEL, a hanging answer,
// cookies and HTML); a flood of connections and a slow body; headers a page must not get past
// the demo's forward. Each case asserts what the attacker gets: nothing, and the servers keep
// serving. Limits are shortened through options, never waited out.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStandIn } from '../stand-in/server.mjs';
import { startDemoServer } from '../scripts/demo-server.mjs';
import { CHROMIUM_ARGS } from './support/browser.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const MiB = 1024 * 1024;

/** One HTTP exchange with Node's client (no Origin, as a local program); `path` is sent as written. */
function request(url, path, { method = 'GET', headers = {}, body } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A raw TCP server on loopback whose `answer(socket, requestHead)` plays Anytype; tracks its sockets. */
async function rawServer(answer) {
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = '';
    socket.on('data', (chunk) => {
      if (head.includes('\r\n\r\n')) return;
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) answer(socket, head);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    sockets,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The demo server in-process, in front of `url`, as a program run with ANYTYPE_URL=url. */
const demoBefore = (url, limits) =>
  startDemoServer({ url: new URL(url), simulated: false, mode: null, ttls: null, controlToken: null, close: async () => {} }, { port: 0, limits });

/** Peak and current resident memory of a process, in bytes (Linux /proc). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)[1]) * 1024;
  return { peak: kib('VmHWM'), now: kib('VmRSS') };
}

/** Starts `node scripts/demo-server.mjs` with `env`; resolves with its pid, URL and the built-in stand-in's URL. */
async function demoProcess(env) {
  const child = spawn(process.execPath, ['scripts/demo-server.mjs'], {
    cwd: REPO,
    env: { ...process.env, ANYTYPE_URL: '', STANDIN_MODE: '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stdout.setEncoding('utf8');
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  while (!/anytype-auth demo: (\S+)/.test(output)) {
    const [chunk] = await Promise.race([once(child.stdout, 'data'), exited.then((code) => assert.fail(`the demo exited (${code}):\n${output}`))]);
    output += chunk;
  }
  return {
    pid: child.pid,
    url: /anytype-auth demo: (\S+)/.exec(output)[1],
    standIn: /built-in stand-in, \w+ mode, at (http:\/\/\S+?)\)/.exec(output)?.[1],
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * POSTs `total` bytes to `url` + `path` in 64 KiB chunks of one reused buffer, chunked, waiting for
 * the socket to drain; resolves with the status the server answered, or the error that ended it.
 */
function hugePost(url, path, total) {
  const { hostname, port } = new URL(url);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return new Promise((resolve) => {
    const req = http.request({ host: hostname, port, method: 'POST', path, headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode, sent: total });
      req.destroy();
    });
    req.on('error', (error) => resolve({ error: error.code }));
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('the stand-in’s control endpoints against web pages, in headless Chromium', () => {
  let standIn;
  let attacker;
  let browser;
  const REBIND = 'rebind.test';

  before(async () => {
    standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'current' });
    // The attacker's site: another loopback port, serving the page that runs the attack.
    attacker = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>attacker</title>'));
    attacker.listen(0, '127.0.0.1');
    await once(attacker, 'listening');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      // A name that resolves to loopback, as a DNS-rebinding site's name does after the rebinding;
      // and no Private Network Access checks, as in browsers without them (Firefox, Safari).
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${REBIND} 127.0.0.1`, '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks'],
    });
  });
  after(async () => {
    await browser?.close();
    attacker?.close();
    await standIn?.close();
  });

  /** What the attacker's page script gets from each of the reads and actions, in the page. */
  async function attack(page, base) {
    return page.evaluate(async (base) => {
      const read = async (path) => {
        try {
          const answer = await fetch(`${base}/_standin/${path}`);
          return `read ${answer.status}: ${await answer.text()}`;
        } catch (error) {
          return `refused: ${error.name}`;
        }
      };
      const blind = async (path) => {
        try {
          await fetch(`${base}/_standin/${path}`, { method: 'POST', mode: 'no-cors' });
          return 'sent';
        } catch (error) {
          return `refused: ${error.name}`;
        }
      };
      const pending = await read('pending');
      const ids = /"challenge_id":"([0-9a-f]+)"/.exec(pending)?.[1] ?? 'unknown';
      return {
        requests: await read('requests'),
        pending,
        code: await read(`code?challenge_id=${ids}`),
        approve: await read(`approve?challenge_id=${ids}&spaces=all&permission=readwrite`),
        blindApprove: await blind(`approve?challenge_id=${ids}&spaces=all&permission=readwrite`),
        blindKeys: await blind('keys'),
        blindReset: await blind('reset'),
        scopes: await Promise.all(Array.from({ length: 20 }, (_, n) => blind(`pending?scope=id%3Dflood-${n}`))),
      };
    }, base);
  }

  /** A victim's state in the stand-in: a pairing request waiting, and a key sent with a request. */
  async function victim() {
    standIn.reset();
    const key = standIn.addApiKey();
    await request(standIn.url, '/v1/spaces', { headers: { authorization: `Bearer ${key}` } });
    const created = await request(standIn.url, '/v1/auth/challenges', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"app_name":"Victim"}' });
    return { key, challengeId: JSON.parse(created.text).challenge_id };
  }

  /** Asserts that the attack read nothing and changed nothing. */
  function assertNothingGot(result, { key, challengeId }, where) {
    for (const name of ['requests', 'pending', 'code', 'approve']) {
      assert.match(result[name], /^refused|^read 403/, `${where}: ${name} gave ${result[name]}`);
      assert.ok(!result[name].includes(key) && !result[name].includes(challengeId), `${where}: ${name}`);
    }
    assert.deepEqual(standIn.pending().map((p) => p.challengeId), [challengeId], `${where}: the request still waits, unanswered`);
    assert.equal(standIn.codeFor(challengeId), null, `${where}: no Allow happened`);
    assert.equal(standIn.requests().length, 2, `${where}: no reset happened`);
    assert.equal(standIn.scopeCount, 0, `${where}: no instance was made`);
  }

  /** A victim's state, then a fresh page that opened `url` (after `prepare(page)`), given to `run`. */
  async function onAttackerPage(url, run, prepare = async () => {}) {
    const secrets = await victim();
    const page = await browser.newPage();
    try {
      await prepare(page);
      await page.goto(url);
      await run(page, secrets);
    } finally {
      await page.close();
    }
  }

  test('a page on another loopback port reads nothing and drives nothing', async () => {
    await onAttackerPage(`http://127.0.0.1:${attacker.address().port}/`, async (page, secrets) => {
      assertNothingGot(await attack(page, standIn.url), secrets, 'another port');
    });
  });

  test('a page with the null origin (a sandboxed frame) reads nothing and drives nothing', async () => {
    await onAttackerPage(`http://127.0.0.1:${attacker.address().port}/`, async (page, secrets) => {
      await page.setContent('<iframe sandbox="allow-scripts" srcdoc="<p>framed</p>"></iframe>');
      const frame = page.frames().find((f) => f !== page.mainFrame());
      await frame.waitForLoadState();
      assert.equal(await frame.evaluate(() => self.origin), 'null');
      assertNothingGot(await attack(frame, standIn.url), secrets, 'null origin');
    });
  });

  test('a DNS-rebinding page (same origin as the stand-in under another name) reads nothing and drives nothing', async () => {
    const base = `http://${REBIND}:${standIn.port}`;
    // The attacker's page on the rebound name and the stand-in's port: same-origin requests.
    const servePage = (page) => page.route(`${base}/attack.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>rebound</title>' }));
    await onAttackerPage(`${base}/attack.html`, async (page, secrets) => {
      const result = await attack(page, base);
      assertNothingGot(result, secrets, 'rebinding');
      assert.match(result.requests, /^read 403/, 'the same-origin read reached the stand-in and was refused');
    }, servePage);
  });

  test('with the token, and from its controlOrigins, a page may use them (as the test pages do)', async () => {
    const origin = `http://127.0.0.1:${attacker.address().port}`;
    const trusting = await startStandIn({ host: '127.0.0.1', port: 0, controlOrigins: [origin] });
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      const [trusted, withToken, without] = await page.evaluate(
        async ({ trusting, standIn, token }) => {
          const text = async (url, init) => fetch(url, init).then((r) => r.text(), (e) => `refused: ${e.name}`);
          return [
            await text(`${trusting}/_standin/health`),
            await text(`${standIn}/_standin/health`, { headers: { 'Standin-Token': token } }),
            await text(`${standIn}/_standin/health`, { headers: { 'Standin-Token': 'not-the-token' } }),
          ];
        },
        { trusting: trusting.url, standIn: standIn.url, token: standIn.token },
      );
      assert.deepEqual(JSON.parse(trusted), { ok: true, mode: 'current' });
      assert.deepEqual(JSON.parse(withToken), { ok: true, mode: 'current' });
      assert.equal(without, 'refused: TypeError');
    } finally {
      await page.close();
      await trusting.close();
    }
  });
});

describe('a 200 MB request body', () => {
  test('the demo process (with its built-in stand-in) stays within 20 MB of its memory at start', async () => {
    const demo = await demoProcess({ STANDIN_MODE: 'current' });
    try {
      assert.ok(demo.standIn, demo.output());
      writeFileSync(`/proc/${demo.pid}/clear_refs`, '5'); // resets the peak (VmHWM) to the current size
      const start = memoryOf(demo.pid);
      const toStandIn = await hugePost(demo.standIn, '/v1/auth/challenges', 200 * MiB);
      const toForward = await hugePost(demo.url, '/v1/auth/challenges', 200 * MiB);
      const end = memoryOf(demo.pid);
      const grew = (end.peak - start.now) / MiB;
      console.log(`# demo process: ${(start.now / MiB).toFixed(1)} MB at start, peak ${(end.peak / MiB).toFixed(1)} MB (+${grew.toFixed(1)} MB) over two 200 MB bodies`);
      assert.ok(grew < 20, `the peak grew by ${grew.toFixed(1)} MB`);
      assert.ok(toStandIn.status === 413 || toStandIn.error, `the stand-in took the body: ${JSON.stringify(toStandIn)}`);
      assert.ok(toForward.status === 413 || toForward.error, `the forward took the body: ${JSON.stringify(toForward)}`);
      assert.equal((await request(demo.url, '/')).status, 200);
      assert.equal((await request(demo.standIn, '/_standin/health')).status, 200);
    } finally {
      await demo.stop();
    }
  });
});

describe('a hostile program on Anytype’s port, behind the demo’s forward', () => {
  /** Raw answers by request path. */
  const ANSWERS = {
    '/v1/status-099': 'HTTP/1.1 099 Weird\r\nContent-Length: 2\r\n\r\n{}',
    '/v1/reason-del': 'HTTP/1.1 200 O\x7fK\r\nContent-Length: 2\r\n\r\n{}',
    '/v1/header-del': 'HTTP/1.1 200 OK\r\nX-Odd: a\x7fb\r\nContent-Length: 2\r\n\r\n{}',
    '/v1/cookie-html':
      'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: session=stolen; Path=/\r\nConnection: X-Private\r\nX-Private: hop\r\nContent-Length: 18\r\n\r\n<script>1</script>',
  };

  test('status 099, a reason phrase or header with DEL: 502 with an explanation; the demo keeps serving', async () => {
    const hostile = await rawServer((socket, head) => {
      const path = head.split(' ')[1];
      socket.end(ANSWERS[path] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    });
    const demo = await demoProcess({ ANYTYPE_URL: hostile.url });
    try {
      for (const path of ['/v1/status-099', '/v1/reason-del', '/v1/header-del']) {
        const answer = await request(demo.url, path);
        assert.equal(answer.status, 502, path);
        assert.match(answer.text, /cannot relay/, path);
        assert.ok(demo.alive(), `${path} ended the demo process:\n${demo.output()}`);
        assert.equal((await request(demo.url, '/')).status, 200, `GET / after ${path}`);
      }
      const cookie = await request(demo.url, '/v1/cookie-html');
      assert.equal(cookie.status, 200);
      assert.equal(cookie.headers['set-cookie'], undefined, 'no cookie for the demo’s origin');
      assert.equal(cookie.headers['x-private'], undefined, 'a header its Connection names is hop-by-hop');
      assert.equal(cookie.headers['x-content-type-options'], 'nosniff');
      assert.match(cookie.headers['content-security-policy'], /sandbox/);
      assert.equal((await request(demo.url, '/')).status, 200);
    } finally {
      await demo.stop();
      await hostile.close();
    }
  });

  test('200 requests to an upstream that never answers: each gets 504 after upstreamTimeoutMs and holds no socket', async () => {
    const hanging = await rawServer(() => {});
    const demo = await demoBefore(hanging.url, { upstreamTimeoutMs: 300 });
    try {
      const answers = await Promise.all(Array.from({ length: 200 }, () => request(demo.url, '/v1/auth/challenges', { method: 'POST', body: '{}' })));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [504]);
      assert.match(answers[0].text, /did not answer within 0\.3 s/);
      // The forward closed its side of each upstream connection: they end without the test's help.
      await Promise.all([...hanging.sockets].map((socket) => once(socket, 'close')));
      console.log(`# upstream sockets still open once the 200 answers came: ${hanging.sockets.size}`);
      assert.equal(hanging.sockets.size, 0);
      assert.equal((await request(demo.url, '/')).status, 200);
    } finally {
      await demo.close();
      await hanging.close();
    }
  });

  test('an answer whose body stops halfway is cut after upstreamTimeoutMs without a chunk', async () => {
    const stalling = await rawServer((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"chall'));
    const demo = await demoBefore(stalling.url, { upstreamTimeoutMs: 300 });
    try {
      await assert.rejects(request(demo.url, '/v1/auth/challenges', { method: 'POST', body: '{}' }), (error) => ['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE'].includes(error.code) || /aborted/.test(error.message));
      await Promise.all([...stalling.sockets].map((socket) => once(socket, 'close')));
      assert.equal((await request(demo.url, '/')).status, 200);
    } finally {
      await demo.close();
      await stalling.close();
    }
  });
});

describe('the demo server’s own limits', () => {
  test('connections beyond maxConnections are closed at once; the server serves again when they go', async () => {
    const demo = await demoBefore('http://127.0.0.1:9', { maxConnections: 8 });
    const sockets = [];
    try {
      const closedByServer = [];
      for (let n = 0; n < 20; n++) {
        const socket = net.connect(demo.port, '127.0.0.1');
        socket.on('error', () => {});
        const closed = once(socket, 'close').then(() => closedByServer.push(n));
        sockets.push({ socket, closed });
        await once(socket, 'connect');
      }
      // Every connection past the 8th is closed by the server without a byte sent.
      await Promise.all(sockets.slice(8).map((s) => s.closed));
      console.log(`# 20 connections at once: ${20 - closedByServer.length} kept, ${closedByServer.length} closed by the server`);
      assert.equal(closedByServer.length, 12);
      for (const { socket } of sockets) socket.destroy();
      await Promise.all(sockets.map((s) => s.closed));
      assert.equal((await request(demo.url, '/')).status, 200);
    } finally {
      for (const { socket } of sockets) socket.destroy();
      await demo.close();
    }
  });

  test('a request body that does not arrive within requestTimeoutMs is cut (408)', async () => {
    const demo = await demoBefore('http://127.0.0.1:9', { requestTimeoutMs: 300 });
    try {
      const answer = await new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: demo.port, method: 'POST', path: '/v1/auth/challenges', headers: { 'content-length': '20' }, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.write('{"app_');
      });
      assert.equal(answer, 408);
    } finally {
      await demo.close();
    }
  });
});

describe('what the forward passes', () => {
  let upstream;
  let demo;
  const seen = [];
  before(async () => {
    upstream = http.createServer((req, res) => {
      seen.push({ path: req.url, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'a=b', connection: 'close, x-hop', 'x-hop': '1', 'anytype-version': '2025-11-08' }).end('{}');
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    demo = await demoBefore(`http://127.0.0.1:${upstream.address().port}`);
  });
  after(async () => {
    await demo.close();
    upstream.close();
  });

  test('going up: no hop-by-hop or Connection-named header, no Proxy-Authorization, Forwarded or X-Forwarded-*', async () => {
    seen.length = 0;
    const answer = await request(demo.url, '/v1/spaces?limit=1', {
      headers: {
        authorization: 'Bearer k3y',
        'anytype-version': '2025-11-08',
        'proxy-authorization': 'Basic c2VjcmV0',
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-host': 'evil.example',
        forwarded: 'for=203.0.113.9',
        'x-real-ip': '203.0.113.9',
        connection: 'keep-alive, x-private-hop',
        'x-private-hop': 'drop me',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        'standin-token': 'guess',
      },
    });
    assert.equal(answer.status, 200);
    const [{ headers }] = seen;
    // Connection is the forward's own (Node's `close` for a one-off connection).
    assert.deepEqual(Object.keys(headers).sort(), ['anytype-version', 'authorization', 'connection', 'host', 'origin']);
    assert.equal(headers.connection, 'close');
    assert.equal(headers.authorization, 'Bearer k3y');
    assert.equal(headers.origin, demo.url.replace(/\/$/, ''));
  });

  test('coming down: no Set-Cookie, no hop-by-hop header; nosniff and a sandbox policy added; Anytype-Version kept', async () => {
    const answer = await request(demo.url, '/v1/spaces');
    assert.equal(answer.headers['set-cookie'], undefined);
    assert.equal(answer.headers['x-hop'], undefined);
    assert.equal(answer.headers['anytype-version'], '2025-11-08');
    assert.equal(answer.headers['x-content-type-options'], 'nosniff');
    assert.match(answer.headers['content-security-policy'], /default-src 'none'; sandbox/);
  });

  test('a path with . or .. segments (raw, percent-encoded, after a backslash) is refused and never sent', async () => {
    seen.length = 0;
    for (const path of ['/v1/../x', '/v1/./spaces', '/v1/%2e%2e/x', '/v1/%2E/spaces', '/v2/auth/..%2F..%2Fx', '/v1/a\\..\\x', '/docs/..']) {
      const answer = await request(demo.url, path);
      assert.equal(answer.status, 400, path);
      assert.match(answer.text, /dot|\. or \.\./, path);
    }
    assert.deepEqual(seen, [], 'nothing reached Anytype');
  });
});
