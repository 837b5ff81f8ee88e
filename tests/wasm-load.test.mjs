// The `wasm_unavailable` kind: what a caller gets when the package's wasm cannot load, through
// the packed tarball installed in a fresh project. In browsers (BROWSERS=chromium by default, see
// LAUNCHERS): an esbuild bundle whose wasm was not copied next to it (404), a page served with
// `Content-Security-Policy: script-src 'self'` (no 'wasm-unsafe-eval'), a wasm fetch that fails,
// an HTML fallback page where the wasm should be, a wasm served as application/octet-stream (it
// loads, and nothing reaches the console), a load that fails during the import itself (no
// unhandled rejection; the first call reports it), and a browser without WebAssembly. In Node:
// both entries with the wasm missing, corrupt, and with no WebAssembly (`node --jitless`). Each
// case checks the kind, that it is an AnytypeError, what the message names, `error.cause`, and
// that a later call loads the wasm again (and succeeds once the file is in place).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStandIn } from '../stand-in/server.mjs';
import { CHROMIUM_ARGS } from './support/browser.mjs';
import { launchFirefox } from './support/firefox.mjs';
import { closedPort } from './support/net.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests', 'wasm-load');
const WASM = 'anytype_auth_bg.wasm';

/** How long a page's `waitFor` waits. */
const WAIT_MS = 20_000;

/**
 * The browsers this suite runs in: BROWSERS=chromium (the default; comma-separated for more;
 * `make test-wasm-load` passes chromium,firefox). A launcher starts one, with WebAssembly turned
 * off when `webAssembly` is false, and gives `{ open(url) → page, close() }`, a page being
 * `{ evaluate(fn), waitFor(fn), close() }`: Chromium through playwright-core, Firefox (Debian's
 * firefox-esr) through puppeteer-core over WebDriver BiDi.
 */
const LAUNCHERS = {
  async chromium({ webAssembly = true } = {}) {
    const args = [...CHROMIUM_ARGS, ...(webAssembly ? [] : ['--js-flags=--jitless'])];
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args });
    return launched(browser, (page, fn) => page.waitForFunction(fn, null, { timeout: WAIT_MS }));
  },
  async firefox({ webAssembly = true } = {}) {
    const browser = await launchFirefox({ prefs: webAssembly ? {} : { 'javascript.options.wasm': false } });
    return launched(browser, (page, fn) => page.waitForFunction(fn, { timeout: WAIT_MS }));
  },
};

/**
 * A launcher's `{ open, close }` over a started `browser` (playwright-core's or puppeteer-core's:
 * both open a page with `newPage()` and `goto(url)`); `waitFor(page, fn)` is that library's
 * waitForFunction, whose arguments differ.
 */
function launched(browser, waitFor) {
  return {
    async open(url) {
      const page = await browser.newPage();
      const messages = [];
      page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
      await page.goto(url);
      return { evaluate: (fn) => page.evaluate(fn), waitFor: (fn) => waitFor(page, fn), close: () => page.close(), messages };
    },
    close: () => browser.close(),
  };
}

const BROWSERS = (process.env.BROWSERS ?? 'chromium').split(',').map((name) => name.trim()).filter(Boolean);
for (const name of BROWSERS) assert.ok(LAUNCHERS[name], `BROWSERS names ${name}, which tests/wasm-load.test.mjs has no launcher for`);

let work;
let app; // the consumer project: the tarball installed, app.js bundled by esbuild into dist/
let standIn;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'anytype-auth-wasm-load-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', work, '--json', '--silent'], { encoding: 'utf8' }));
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'wasm-load-consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, packed.filename)], { cwd: app, stdio: 'pipe' });
  for (const file of ['app.js', 'index.html', 'idle.js', 'idle.html', 'fail-wasm-fetch.js', 'node-app.mjs']) copyFileSync(join(fixtures, file), join(app, file));
  // esbuild leaves `new URL("./anytype_auth_bg.wasm", import.meta.url)` alone and does not copy the file.
  execFileSync(join(root, 'node_modules', '.bin', 'esbuild'), ['app.js', 'idle.js', '--bundle', '--format=esm', '--outdir=dist', '--log-level=warning'], { cwd: app });
  for (const page of ['index.html', 'idle.html']) copyFileSync(join(app, page), join(app, 'dist', page));
  standIn = await startStandIn({ port: 0, mode: 'v0.47', cors: true });
});
after(async () => {
  await standIn?.close();
  rmSync(work, { recursive: true, force: true });
});

const installedWasm = () => join(app, 'node_modules', 'anytype-auth', WASM);

// ---- browsers ------------------------------------------------------------------------------

/**
 * Serves `dir` on 127.0.0.1; `site.csp` (when set) goes out as the HTML's Content-Security-Policy,
 * `site.wasm` says how the wasm is answered: 'file' (as it is on disk, 404 if absent),
 * 'octet-stream' (the same file as `application/octet-stream`, as many servers label an unknown
 * type), 'reset' (the connection is cut, no answer) or 'html' (200 with an HTML page, as a
 * single-page app's fallback route answers). `site.wasmRequests` counts the requests for it.
 */
function serveApp(dir) {
  const site = { csp: null, wasm: 'file', wasmRequests: 0, url: '' };
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/favicon.ico') return res.writeHead(204).end(); // no 404 in Chromium's console
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    if (path.endsWith('.wasm')) {
      site.wasmRequests++;
      if (site.wasm === 'reset') return req.socket.destroy();
      if (site.wasm === 'html') return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>App</title>');
    }
    const type = path.endsWith('.wasm') && site.wasm === 'octet-stream' ? 'application/octet-stream' : types[extname(file)];
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
    const headers = { 'Content-Type': type ?? 'application/octet-stream', 'Cache-Control': 'no-store' };
    if (site.csp && extname(file) === '.html') headers['Content-Security-Policy'] = site.csp;
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      site.url = `http://127.0.0.1:${server.address().port}`;
      site.close = () => new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      resolve(site);
    });
  });
}

/** The page's first call, once it settled; then `use(page)`; the page is closed after. */
async function withPage(browser, site, use) {
  const page = await browser.open(`${site.url}/dist/index.html?standin=${encodeURIComponent(standIn.url)}`);
  try {
    await page.waitFor(() => window.__first);
    return await use(page, await page.evaluate(() => window.__first));
  } finally {
    await page.close();
  }
}

/** The app served (serveApp) and browser `name` launched with `options`, for `use(browser, site)`; both closed after. */
async function withBrowser(name, options, use) {
  const site = await serveApp(app);
  try {
    const browser = await LAUNCHERS[name](options);
    try {
      return await use(browser, site);
    } finally {
      await browser.close();
    }
  } finally {
    await site.close();
  }
}

function assertUnavailable(result, { message, cause }) {
  assert.equal(result.ok, false, `the call succeeded: ${JSON.stringify(result)}`);
  assert.equal(result.kind, 'wasm_unavailable', result.message);
  assert.equal(result.name, 'AnytypeError');
  assert.equal(result.isAnytypeError, true, 'instanceof AnytypeError');
  assert.equal(result.status, null);
  for (const phrase of [].concat(message)) assert.ok(result.message.includes(phrase), `the message lacks ${JSON.stringify(phrase)}: ${result.message}`);
  if (cause) assert.match(`${result.causeName}: ${result.causeMessage}`, cause);
}

for (const name of BROWSERS) {
  test(`${name}: an esbuild bundle whose wasm was not copied, then copied in place while the page is open`, () =>
    withBrowser(name, {}, async (browser, site) => {
      rmSync(join(app, 'dist', WASM), { force: true });
      await withPage(browser, site, async (page, first) => {
        const url = `${site.url}/dist/${WASM}`;
        assertUnavailable(first, { message: [`anytype-auth's WebAssembly file is not at ${url} (HTTP 404)`, 'copy node_modules/anytype-auth/anytype_auth_bg.wasm', 'esbuild'] });
        assert.deepEqual(await page.evaluate(() => window.headers), { Authorization: 'Bearer k3y/ABC=', 'Anytype-Version': '2025-11-08' }, 'authHeaders needs no wasm');
        assertUnavailable(await page.evaluate(() => window.init()), { message: url });
        assert.equal(site.wasmRequests, 2, 'init() fetched the wasm again');

        copyFileSync(installedWasm(), join(app, 'dist', WASM));
        assert.deepEqual(await page.evaluate(() => window.attempt()), { ok: true, running: true, challengeId: 'string' });
        assert.equal(site.wasmRequests, 3, 'the call after the copy fetched it once more, and it loaded');
        assert.deepEqual(await page.evaluate(() => window.attempt()), { ok: true, running: true, challengeId: 'string' });
        assert.equal(site.wasmRequests, 3, 'once loaded, it is not fetched again');
      });
    }));

  test(`${name}: a page whose Content-Security-Policy lacks 'wasm-unsafe-eval'`, () =>
    withBrowser(name, {}, async (browser, site) => {
      copyFileSync(installedWasm(), join(app, 'dist', WASM));
      site.csp = "script-src 'self'";
      await withPage(browser, site, async (page, first) => {
        assertUnavailable(first, {
          message: ['Content-Security-Policy', "add 'wasm-unsafe-eval' to its script-src", 'extension_pages'],
          cause: /^(CompileError|EvalError): .*(Content Security Policy|CSP|wasm-eval|unsafe-eval)/i,
        });
        assertUnavailable(await page.evaluate(() => window.attempt()), { message: "'wasm-unsafe-eval'" });
        assert.equal(site.wasmRequests, 2, 'the later call tried to load the wasm again');
      });
      // The same bundle and file, with 'wasm-unsafe-eval' allowed: it works, so the policy was the cause.
      site.csp = "script-src 'self' 'wasm-unsafe-eval'";
      await withPage(browser, site, async (page, first) => {
        assert.deepEqual(first, { ok: true, running: true, challengeId: 'string' });
      });
    }));

  test(`${name}: a wasm served as application/octet-stream loads all the same, and nothing reaches the console`, () =>
    withBrowser(name, {}, async (browser, site) => {
      copyFileSync(installedWasm(), join(app, 'dist', WASM));
      site.wasm = 'octet-stream';
      await withPage(browser, site, async (page, first) => {
        assert.deepEqual(first, { ok: true, running: true, challengeId: 'string' });
        assert.equal(site.wasmRequests, 1, 'the answer to one fetch was compiled, not fetched again');
        assert.deepEqual(page.messages, []);
      });
    }));

  test(`${name}: a failed fetch of the wasm, and an HTML page answered in its place`, () =>
    withBrowser(name, {}, async (browser, site) => {
      copyFileSync(installedWasm(), join(app, 'dist', WASM));
      const url = `${site.url}/dist/${WASM}`;
      site.wasm = 'reset';
      await withPage(browser, site, async (page, first) => {
        assertUnavailable(first, { message: [`could not fetch its WebAssembly file ${url}`, 'connect-src'], cause: /^TypeError: / });
        site.wasm = 'file';
        assert.deepEqual(await page.evaluate(() => window.attempt()), { ok: true, running: true, challengeId: 'string' });
      });
      site.wasm = 'html';
      await withPage(browser, site, async (page, first) => {
        assertUnavailable(first, { message: [`${url} is not anytype-auth's WebAssembly file`, 'served as text/html'], cause: /^CompileError: / });
      });
    }));

  test(`${name}: the wasm's load fails during the import, with no call yet: no unhandled rejection, the first call reports it`, () =>
    withBrowser(name, {}, async (browser, site) => {
      copyFileSync(installedWasm(), join(app, 'dist', WASM));
      const page = await browser.open(`${site.url}/dist/idle.html`);
      try {
        await page.waitFor(() => window.__ready);
        assert.deepEqual(await page.evaluate(() => window.__unhandled), [], 'the failed load was reported as an unhandled rejection');
        const first = await page.evaluate(() => window.init());
        assert.equal(first.kind, 'wasm_unavailable', first.message);
        assert.equal(first.isAnytypeError, true);
        assert.ok(first.message.includes(`could not fetch its WebAssembly file ${site.url}/dist/${WASM}`), first.message);
        assert.equal(first.causeName, 'TypeError');
        assert.deepEqual(await page.evaluate(() => window.__unhandled), []);
      } finally {
        await page.close();
      }
    }));

  test(`${name}: a browser without WebAssembly`, () =>
    withBrowser(name, { webAssembly: false }, async (browser, site) => {
      copyFileSync(installedWasm(), join(app, 'dist', WASM));
      await withPage(browser, site, async (page, first) => {
        assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined');
        assertUnavailable(first, { message: 'This JavaScript runtime has no WebAssembly', cause: /^ReferenceError: / });
        assertUnavailable(await page.evaluate(() => window.attempt()), { message: 'no WebAssembly' });
      });
    }));
}

// ---- Node ----------------------------------------------------------------------------------

/** A copy of the installed package in a project of its own, with its wasm as `wasm` says: 'missing', 'corrupt' or 'intact'. */
function nodeProject(name, wasm) {
  const dir = join(work, name);
  cpSync(app, dir, { recursive: true, filter: (path) => !path.includes(`${join(app, 'dist')}`) });
  const file = join(dir, 'node_modules', 'anytype-auth', WASM);
  if (wasm === 'missing') rmSync(file);
  if (wasm === 'corrupt') writeFileSync(file, 'not wasm at all');
  return { dir, file };
}

/**
 * Runs node-app.mjs on `entry` (a path inside the project), with `flags` for Node: resolves with
 * its first report and `again()`, which asks it for one more call and resolves with that report.
 */
async function runNodeApp(dir, entry, base, flags = []) {
  const child = spawn(process.execPath, [...flags, 'node-app.mjs', join(dir, 'node_modules', 'anytype-auth', entry), base], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    assert.ok(!done, `node-app.mjs ended without a report; its stderr:\n${stderr}`);
    return JSON.parse(value);
  };
  const first = await next();
  return {
    first,
    again: async () => {
      child.stdin.write('again\n');
      return (await next()).again;
    },
    end: () => new Promise((resolve) => {
      child.on('exit', resolve);
      child.stdin.end();
    }),
  };
}

for (const entry of ['node.js', 'index.cjs']) {
  const how = entry === 'node.js' ? 'import' : 'require';

  test(`Node ${how} (${entry}): the wasm missing, then put in place`, async () => {
    const { dir, file } = nodeProject(`missing-${entry}`, 'missing');
    const base = standIn.url;
    const run = await runNodeApp(dir, entry, base);
    try {
      assert.equal(run.first.imported, true, `the ${how} itself does not fail`);
      assert.deepEqual(run.first.headers, { Authorization: 'Bearer k3y/ABC=', 'Anytype-Version': '2025-11-08' });
      for (const step of ['first', 'init', 'pair']) {
        assertUnavailable(run.first[step], { message: [`anytype-auth's WebAssembly file ${file} is missing`, 'reinstall'], cause: /^Error: / });
        assert.equal(run.first[step].causeCode, 'ENOENT');
      }
      copyFileSync(installedWasm(), file);
      assert.deepEqual(await run.again(), { ok: true, value: { running: true, serverVersion: '2025-11-08' } });
    } finally {
      await run.end();
    }
  });

  test(`Node ${how} (${entry}): a corrupt wasm`, async () => {
    const { dir, file } = nodeProject(`corrupt-${entry}`, 'corrupt');
    const run = await runNodeApp(dir, entry, standIn.url);
    try {
      assertUnavailable(run.first.first, { message: `${file} is not anytype-auth's WebAssembly file (CompileError: `, cause: /^CompileError: / });
      assertUnavailable(run.first.init, { message: file });
    } finally {
      await run.end();
    }
  });

  test(`Node ${how} (${entry}): no WebAssembly (node --jitless)`, async () => {
    const { dir } = nodeProject(`jitless-${entry}`, 'intact');
    const run = await runNodeApp(dir, entry, `http://127.0.0.1:${await closedPort()}`, ['--jitless']);
    try {
      assertUnavailable(run.first.first, { message: ['This JavaScript runtime has no WebAssembly', '--jitless'], cause: /^ReferenceError: / });
      assertUnavailable(await run.again(), { message: 'no WebAssembly' });
    } finally {
      await run.end();
    }
  });
}
