// pair() and authHeaders() in headless Chromium, through the built package's browser entry
// (pkg/index.js: one module with wasm-bindgen's `--target web` glue, which fetches and compiles the
// wasm when it is imported), where the browser matters: the wasm fetched once, at import
// (authHeaders needs none of it), the page's own
// AbortSignal and getCode, and a CORS preflight in front of every call. The page
// (tests/pages/pair.html, which maps "anytype-auth" to /pkg/index.js) comes from a loopback static
// server over the repository; the stand-in (`cors: true`) is another origin, as the real app is.
// Every other pair() case runs in Node, in pair.test.mjs. `make test-js` builds pkg/ first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStandIn } from '../stand-in/server.mjs';
import { serveDirectory, CHROMIUM_ARGS } from './support/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** A broken pair() may never settle: fail the case instead of hanging the run. */
const LIMIT = { timeout: 30_000 };

let standIn;
let site;
let browser;
before(async () => {
  [site, browser] = await Promise.all([
    serveDirectory(root),
    chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS }),
  ]);
  // The page reads codes from the control endpoints, which answer only the pages of controlOrigins.
  standIn = await startStandIn({ port: 0, mode: 'v0.47', cors: true, controlOrigins: [site.url] });
});
after(async () => {
  await browser?.close();
  await site?.close();
  await standIn?.close();
});

let instances = 0;
/** A stand-in instance of its own: `{ base, spec, standin }` (standin: the stand-in's root URL). */
function scope() {
  const spec = `id=${++instances}`;
  return { base: `${standIn.url}/s/${spec}`, spec, standin: standIn.url };
}

/** What our code sent to the instance: the routes of every request but the browser's preflights. */
const routes = (spec) => standIn.requests(spec).filter((r) => r.method !== 'OPTIONS').map((r) => r.path.split('?')[0].split('/').pop());

/** A fresh tab on the test page, its modules loaded; closed after `use(tab)`. */
async function withPage(use) {
  const tab = await browser.newPage();
  const failures = [];
  tab.on('pageerror', (error) => failures.push(error));
  try {
    site.served.length = 0;
    await tab.goto(`${site.url}/tests/pages/pair.html`);
    await tab.waitForFunction(() => window.ready === true, null, { timeout: 10_000 });
    assert.ok(site.served.includes('/pkg/index.js'), `the page did not load the built entry: ${site.served}`);
    const result = await use(tab);
    assert.deepEqual(failures, [], 'uncaught errors in the page');
    return result;
  } finally {
    await tab.close();
  }
}

const wasmServed = () => site.served.filter((path) => path.endsWith('.wasm'));

/** Asserts the described rejection is an AnytypeError of `kind` with no status. */
function assertError(described, kind) {
  assert.equal(described.anytypeError, true, `not an AnytypeError: ${JSON.stringify(described)}`);
  assert.equal(described.error, true);
  assert.equal(described.name, 'AnytypeError');
  assert.equal(described.kind, kind, described.message);
  assert.equal(described.status, null);
  assert.ok(described.message.length > 20, described.message);
}

test('the wasm is fetched once, at import, before any call; authHeaders needs none of it', LIMIT, () =>
  withPage(async (tab) => {
    const key = 'bJm8A+bwmajmyeVih7E1HAfzvP5UBTfM5S2ftsDCXt4=';
    // Nothing has been called: importing the entry alone fetches the wasm (its Resource Timing
    // entry appears once the answer has arrived).
    await tab.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('.wasm')), null, { timeout: 10_000 });
    assert.deepEqual(wasmServed(), ['/pkg/anytype_auth_bg.wasm']);
    const before = await tab.evaluate((key) => {
      const { auth, describeError } = window;
      let refused;
      try {
        auth.authHeaders(' \t ');
      } catch (error) {
        refused = describeError(error);
      }
      return { headers: auth.authHeaders(` ${key}\n`), versioned: auth.authHeaders(key, { apiVersion: '2025-05-20' }), refused };
    }, key);
    assert.deepEqual(before.headers, { Authorization: `Bearer ${key}`, 'Anytype-Version': '2025-11-08' });
    assert.deepEqual(before.versioned, { Authorization: `Bearer ${key}`, 'Anytype-Version': '2025-05-20' });
    assertError(before.refused, 'invalid_input');

    // Every call uses the wasm that import fetched; none fetches it again.
    const { base } = scope();
    const ids = await tab.evaluate(async (base) => {
      const first = await window.auth.createChallenge('Eager', { baseUrl: base });
      const second = await window.auth.createChallenge('Eager', { baseUrl: base });
      await window.auth.init();
      return [first.challengeId, second.challengeId];
    }, base);
    for (const id of ids) assert.match(id, /^[0-9a-f]{24}$/);
    assert.deepEqual(wasmServed(), ['/pkg/anytype_auth_bg.wasm']);
  }));

test('pairs with the first code, reports the challenge first, and the key works cross-origin', LIMIT, () =>
  withPage(async (tab) => {
    const { base, spec, standin } = scope();
    const run = await tab.evaluate(async ({ base, spec, standin }) => {
      const { auth, codeFor } = window;
      const events = [];
      const result = await auth.pair({
        appName: 'Browser Pair Test',
        baseUrl: base,
        onChallenge: (info) => events.push(['onChallenge', Object.keys(info).sort(), info.challengeId, info.serverVersion]),
        getCode: async (question) => {
          events.push(['getCode', Object.keys(question).sort(), question.challengeId, question.attempt, question.lastError]);
          return codeFor(standin, spec, question.challengeId);
        },
      });
      const spaces = await fetch(`${base}/v1/spaces?limit=1`, { headers: auth.authHeaders(result.apiKey) });
      return { result, keys: Object.keys(result).sort(), events, spacesStatus: spaces.status };
    }, { base, spec, standin });
    assert.deepEqual(run.keys, ['apiKey', 'grant', 'serverVersion']);
    assert.equal(run.result.grant, null, 'heart v0.47 issues keys without a grant');
    assert.match(run.result.apiKey, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(run.result.serverVersion, '2025-11-08');
    const [[, , id]] = run.events;
    assert.match(id, /^[0-9a-f]{24}$/);
    assert.deepEqual(run.events, [
      ['onChallenge', ['challengeId', 'serverVersion'], id, '2025-11-08'],
      ['getCode', ['attempt', 'challengeId', 'lastError'], id, 1, null],
    ], 'onChallenge runs once, before getCode');
    assert.deepEqual(routes(spec), ['challenges', 'api_keys', 'spaces']);
    const sent = standIn.requests(spec).map((r) => `${r.method} ${r.path.split('?')[0].split('/').pop()}`);
    assert.deepEqual(sent, ['OPTIONS challenges', 'POST challenges', 'OPTIONS api_keys', 'POST api_keys', 'OPTIONS spaces', 'GET spaces'], 'the browser preflights each call');
    assert.equal(run.spacesStatus, 200, 'Anytype does not accept the key');
  }));

test('the page\'s AbortSignal stops pair() while getCode waits', LIMIT, () =>
  withPage(async (tab) => {
    const { base, spec } = scope();
    const fresh = scope().base;
    const run = await tab.evaluate(async ({ base, fresh }) => {
      const { auth, describeError } = window;
      const controller = new AbortController();
      let asked = 0;
      let waiting;
      const asking = new Promise((resolve) => (waiting = resolve));
      const pending = auth.pair({
        appName: 'Browser Abort Test',
        baseUrl: base,
        signal: controller.signal,
        getCode: () => {
          asked++;
          waiting();
          return new Promise(() => {}); // the person never types the code
        },
      });
      await asking;
      controller.abort();
      const error = await pending.then(() => null, describeError);
      const after = await auth.createChallenge('After abort', { baseUrl: fresh });
      return { error, asked, afterId: after.challengeId };
    }, { base, fresh });
    assertError(run.error, 'aborted');
    assert.match(run.error.message, /signal/);
    assert.equal(run.asked, 1);
    assert.deepEqual(routes(spec), ['challenges']);
    assert.match(run.afterId, /^[0-9a-f]{24}$/, 'the module still works after the abort');
  }));

test('getCode throwing or rejecting ends with aborted and keeps the cause', LIMIT, () =>
  withPage(async (tab) => {
    for (const how of ['throw', 'reject']) {
      const { base, spec } = scope();
      const run = await tab.evaluate(async ({ base, how }) => {
        const { auth, describeError } = window;
        const thrown = new Error('getCode blew up');
        let asked = 0;
        const getCode = () => {
          asked++;
          if (how === 'throw') throw thrown;
          return Promise.reject(thrown);
        };
        const error = await auth.pair({ appName: 'Browser getCode Test', baseUrl: base, getCode }).then(() => null, (e) => e);
        return { error: describeError(error), sameCause: error?.cause === thrown, asked };
      }, { base, how });
      assertError(run.error, 'aborted');
      assert.match(run.error.message, /getCode/, how);
      assert.equal(run.sameCause, true, `${how}: error.cause is not what getCode threw`);
      assert.equal(run.asked, 1, how);
      assert.deepEqual(routes(spec), ['challenges'], how);
    }
  }));

test('a number as code is invalid_input and not sent', LIMIT, () =>
  withPage(async (tab) => {
    const { base, spec, standin } = scope();
    const run = await tab.evaluate(async ({ base, spec, standin }) => {
      const { auth, codeFor, describeError } = window;
      let asked = 0;
      const getCode = async ({ challengeId }) => {
        asked++;
        return Number(await codeFor(standin, spec, challengeId)); // an <input type="number"> value, say
      };
      const error = await auth.pair({ appName: 'Browser Number Test', baseUrl: base, getCode }).then(() => null, describeError);
      return { error, asked };
    }, { base, spec, standin });
    assertError(run.error, 'invalid_input');
    assert.match(run.error.message, /not a number/);
    assert.equal(run.asked, 1);
    assert.deepEqual(routes(spec), ['challenges']);
  }));
