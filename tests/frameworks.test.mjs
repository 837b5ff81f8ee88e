// Extensions made with the two common MV3 toolchains, each with the packed tarball installed and
// built by the framework's own command: WXT (`wxt build`, tests/frameworks/wxt/) and Vite with
// @crxjs/vite-plugin (`vite build`, tests/frameworks/crx/). Both are loaded unpacked into one
// headless Chromium (playwright-core persistent context, --load-extension); each background
// service worker pairs with the stand-in through the package, and each popup renders
// <anytype-pair> (anytype-auth/ui), which finds the stand-in under the extension's CSP. The frameworks are pinned by
// tests/frameworks/package-lock.json; `make test-frameworks` installs them into target/frameworks/
// (npm ci, once per lockfile change), where this test copies the fixtures and installs the tarball.
// Firefox is not covered here: the repository has no Firefox tooling yet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStandIn } from '../stand-in/server.mjs';
import { CHROMIUM_ARGS } from './support/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const frameworks = join(root, 'target', 'frameworks');
const fixtures = join(root, 'tests', 'frameworks');
const version = (name) => JSON.parse(readFileSync(join(frameworks, 'node_modules', name, 'package.json'), 'utf8')).version;

/** Each framework: its fixture folder, its build command, where the unpacked extension lands, its service worker's file and its popup page. */
const BUILDS = {
  WXT: { dir: 'wxt', command: ['wxt', 'build'], output: join('.output', 'chrome-mv3'), worker: 'background.js', popup: 'popup.html' },
  'Vite + CRXJS': { dir: 'crx', command: ['vite', 'build'], output: 'dist', worker: 'service-worker-loader.js', popup: 'src/popup.html' },
};

let work;
let standIn;
let context;
const workers = {};

/** The service worker of the extension whose worker script is `/file`, once it runs. */
function workerFor(file) {
  const match = (worker) => new URL(worker.url()).pathname === `/${file}`;
  return new Promise((resolve) => {
    const onWorker = (worker) => {
      if (!match(worker)) return;
      context.off('serviceworker', onWorker);
      resolve(worker);
    };
    context.on('serviceworker', onWorker);
    const running = context.serviceWorkers().find(match);
    if (running) onWorker(running);
  });
}

before(async () => {
  assert.ok(existsSync(join(frameworks, 'node_modules', 'wxt')), 'the frameworks are not installed: run `make test-frameworks`');
  work = mkdtempSync(join(tmpdir(), 'anytype-auth-frameworks-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', work, '--json', '--silent'], { encoding: 'utf8' }));
  // The fixtures next to the installed frameworks (their node_modules is found by walking up).
  for (const { dir } of Object.values(BUILDS)) {
    rmSync(join(frameworks, dir), { recursive: true, force: true });
    cpSync(join(fixtures, dir), join(frameworks, dir), { recursive: true });
  }
  execFileSync('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, packed.filename)], { cwd: frameworks, stdio: 'pipe' });
  assert.equal(version('anytype-auth'), JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8')).version);
  const loaded = [];
  for (const build of Object.values(BUILDS)) {
    const [command, ...args] = build.command;
    execFileSync(join(frameworks, 'node_modules', '.bin', command), args, { cwd: join(frameworks, build.dir), stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
    // Chromium writes _metadata/ into an unpacked extension: load a copy of the build.
    const copy = join(work, build.dir);
    cpSync(join(frameworks, build.dir, build.output), copy, { recursive: true });
    build.extension = copy;
    loaded.push(copy);
  }
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${loaded.join(',')}`, `--load-extension=${loaded.join(',')}`],
  });
  for (const [name, build] of Object.entries(BUILDS)) workers[name] = await workerFor(build.worker);
  // The workers read codes from the control endpoints, which answer only the pages of controlOrigins.
  const controlOrigins = Object.values(workers).map((worker) => `chrome-extension://${new URL(worker.url()).host}`);
  standIn = await startStandIn({ port: 0, mode: 'v0.47', controlOrigins });
});

after(async () => {
  await context?.close();
  await standIn?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the pinned framework versions are the installed ones', (t) => {
  const pins = JSON.parse(readFileSync(join(fixtures, 'package.json'), 'utf8')).devDependencies;
  for (const [name, pin] of Object.entries(pins)) assert.equal(version(name), pin, name);
  t.diagnostic(Object.keys(pins).map((name) => `${name} ${version(name)}`).join(', '));
});

test('WXT inlines the wasm into its background bundle; CRXJS emits it as an asset', () => {
  const wxt = readFileSync(join(BUILDS.WXT.extension, 'background.js'), 'utf8');
  assert.ok(wxt.includes('data:application/wasm;base64,'), 'WXT builds the background as one classic script, the wasm as a data: URL');
  assert.ok(readdirSync(join(BUILDS['Vite + CRXJS'].extension, 'assets')).some((file) => /^anytype_auth_bg-.*\.wasm$/.test(file)));
  const manifest = JSON.parse(readFileSync(join(BUILDS.WXT.extension, 'manifest.json'), 'utf8'));
  assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
});

let scopes = 0;
for (const name of Object.keys(BUILDS)) {
  test(`${name}: the background service worker pairs with the stand-in through the package`, async () => {
    const spec = `id=frameworks-${++scopes}`;
    const base = `${standIn.url}/s/${spec}`;
    const codeUrl = `${standIn.url}/_standin/code?scope=${encodeURIComponent(spec)}&challenge_id=`;
    const worker = workers[name];
    const result = await worker.evaluate(([b, c]) => globalThis.pairWithStandIn(b, c), [base, codeUrl]);
    assert.deepEqual(result, { ok: true, keyLength: 44, grant: null, valid: true });
    const stored = await worker.evaluate(async () => (await chrome.storage.local.get('apiKey')).apiKey);
    assert.equal(stored.length, 44);
    const origin = `chrome-extension://${new URL(worker.url()).host}`;
    const sent = standIn.requests(spec);
    assert.deepEqual(sent.map((r) => `${r.method} ${r.path.split('?')[0].split('/').pop()}`), ['POST challenges', 'POST api_keys', 'GET whoami', 'GET spaces'], 'v0.47 has no whoami: verifyApiKey asks /v1 next');
    assert.equal(sent[0].headers.origin, origin, 'the request came from this extension');
  });
}

for (const [name, build] of Object.entries(BUILDS)) {
  test(`${name}: the popup renders <anytype-pair>, which finds the stand-in and offers to ask`, async () => {
    const spec = `id=frameworks-${++scopes}`;
    const base = `${standIn.url}/s/${spec}`;
    const manifest = JSON.parse(readFileSync(join(build.extension, 'manifest.json'), 'utf8'));
    assert.equal(manifest.action.default_popup, build.popup);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // Chromium logs every HTTP error status: the keyless whoami that tells the generations apart answers 404 in v0.47.
    page.on('console', (message) => message.type() === 'error' && !/status of 40[14]/.test(message.text()) && errors.push(message.text()));
    try {
      await page.goto(`chrome-extension://${new URL(workers[name].url()).host}/${build.popup}?base=${encodeURIComponent(base)}`);
      await page.waitForFunction(() => {
        const element = document.querySelector('anytype-pair');
        return element?.getAttribute('state') === 'ready' && !element.hasAttribute('busy');
      });
      const seen = await page.evaluate(() => {
        const element = document.querySelector('anytype-pair');
        return {
          upgraded: element instanceof customElements.get('anytype-pair'),
          styled: element.shadowRoot.adoptedStyleSheets.length > 0,
          ask: element.shadowRoot.querySelector('[part=ask-button]').checkVisibility() && element.shadowRoot.querySelector('[part=ask-button]').textContent,
        };
      });
      assert.deepEqual(seen, { upgraded: true, styled: true, ask: 'Show a code in Anytype' }, 'the element, its stylesheet, and v0.47’s next step');
      assert.deepEqual(standIn.requests(spec).map((r) => `${r.method} ${r.path}`), ['GET /docs/openapi.json', 'GET /v2/auth/whoami'], 'it looked for Anytype and its generation, and asked nothing');
      assert.deepEqual(errors, [], 'no errors, CSP included');
    } finally {
      await page.close();
    }
  });
}
