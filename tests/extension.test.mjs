// The example MV3 extension (www/extension/, with the package copied in by `make extension`)
// loaded unpacked into headless Chromium: it pairs from its popup page against the stand-in in
// default and 2026 mode (Origin gate on), resumes a pairing after the popup closed, forgets the
// key only on a 401, and its declarativeNetRequest rule does not help web pages past the gate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStandIn } from '../stand-in/server.mjs';
import { CHROMIUM_ARGS, serveDirectory } from './support/browser.mjs';
import { closedPort } from './support/net.mjs';

const source = join(dirname(fileURLToPath(import.meta.url)), '..', 'www', 'extension');
const ruleInitiator = JSON.parse(readFileSync(join(source, 'rules.json'), 'utf8'))[0].condition.initiatorDomains[0];

let standIn;
let work;
let extension;
let profile;
let context;
let extensionId;
let scopes = 0;

before(async () => {
  assert.ok(existsSync(join(source, 'vendor', 'anytype-auth', 'index.js')), 'run `make extension` first (copies pkg/ into the extension)');
  standIn = await startStandIn({ port: 0, mode: 'v0.47' });
  // Chromium writes _metadata/ into an unpacked extension: load a copy, not the source tree.
  work = mkdtempSync(join(tmpdir(), 'anytype-auth-extension-'));
  extension = join(work, 'extension');
  cpSync(source, extension, { recursive: true });
  profile = join(work, 'profile');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  const [worker] = context.serviceWorkers();
  extensionId = new URL((worker ?? (await context.waitForEvent('serviceworker'))).url()).host;
});

after(async () => {
  await context?.close();
  await standIn?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A stand-in instance of its own: { spec, base }. */
function scope(extra = '') {
  const spec = `id=extension-${process.pid}-${++scopes}${extra ? `,${extra}` : ''}`;
  return { spec, base: `${standIn.url}/s/${spec}` };
}

/** The popup page in a tab, after its startup check settled on a view. */
async function openPopup() {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForSelector('body[data-view]:not([data-view="checking"])');
  return page;
}

/** Fresh extension storage with `local` items, then the popup. */
async function freshPopup(local) {
  const page = await openPopup();
  await page.evaluate(async (items) => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
    await chrome.storage.local.set(items);
  }, local);
  await page.reload();
  await page.waitForSelector('body[data-view]:not([data-view="checking"])');
  return page;
}

const view = (page) => page.evaluate(() => document.body.dataset.view);
const storage = (page, area, key) => page.evaluate(async ([a, k]) => (await chrome.storage[a].get(k))[k], [area, key]);
const posts = (spec) => standIn.requests(spec).filter((r) => r.method === 'POST');
const wrong = (code) => String((Number(code) + 1) % 10000).padStart(4, '0');

async function typeCode(page, code) {
  await page.fill('#code', code);
  await page.click('#submit');
}

test('the extension id is the one its rule names (fixed by the manifest key)', () => {
  assert.equal(extensionId, ruleInitiator);
});

for (const mode of ['v0.47', '2026']) {
  test(`pairs from the popup against the ${mode} stand-in, with a wrong code first`, async () => {
    const { spec, base } = scope(mode === '2026' ? 'mode=2026' : '');
    const page = await freshPopup({ baseUrl: base });
    assert.equal(await view(page), 'unpaired');
    await page.click('#pair');
    await page.waitForSelector('body[data-view="code"]');
    const pending = await storage(page, 'session', 'pending');
    assert.deepEqual(pending, { challengeId: pending.challengeId, baseUrl: base });
    const code = standIn.codeFor(pending.challengeId, spec);

    await typeCode(page, wrong(code));
    await page.waitForFunction(() => document.getElementById('message').textContent.includes("didn't match"));
    assert.equal(await view(page), 'code');
    await typeCode(page, code);
    await page.waitForSelector('body[data-view="paired"]');

    const apiKey = await storage(page, 'local', 'apiKey');
    assert.match(apiKey, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(await storage(page, 'session', 'pending'), undefined);
    const sent = posts(spec);
    assert.deepEqual(sent.map((r) => r.path.split('/').pop()), ['challenges', 'api_keys', 'api_keys']);
    for (const request of sent) {
      assert.equal(request.headers.origin, undefined, 'the declarativeNetRequest rule removes Origin');
      assert.equal(request.headers['sec-fetch-site'], 'none');
    }
    await page.close();

    // Reopened, the popup asks the service worker, which verifies the key through the package.
    const again = await openPopup();
    assert.equal(await view(again), 'paired');
    assert.equal(standIn.requests(spec).at(-1).path.split('/').pop(), 'spaces?limit=1');
    await again.close();
  });
}

test('closing the popup mid-pairing and reopening it resumes the same challenge', async () => {
  const { spec, base } = scope('mode=2026');
  const first = await freshPopup({ baseUrl: base });
  await first.click('#pair');
  await first.waitForSelector('body[data-view="code"]');
  const { challengeId } = await storage(first, 'session', 'pending');
  await first.close();

  const second = await openPopup();
  assert.equal(await view(second), 'code', 'the reopened popup did not resume');
  assert.equal((await storage(second, 'session', 'pending')).challengeId, challengeId);
  await typeCode(second, standIn.codeFor(challengeId, spec));
  await second.waitForSelector('body[data-view="paired"]');
  const sent = posts(spec);
  assert.deepEqual(sent.map((r) => r.path.split('/').pop()), ['challenges', 'api_keys'], 'one challenge, solved once');
  assert.equal(JSON.parse(sent[1].body).challenge_id, challengeId);
  await second.close();
});

test('the stored key is forgotten on a 401 and kept when Anytype is closed', async () => {
  const { spec, base } = scope();
  const refused = await freshPopup({ baseUrl: base, apiKey: 'zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=' });
  assert.equal(await view(refused), 'unpaired');
  assert.match(await refused.textContent('#message'), /401/);
  assert.equal(await storage(refused, 'local', 'apiKey'), undefined);
  await refused.close();

  const apiKey = standIn.addApiKey(spec);
  const closed = await freshPopup({ baseUrl: `http://127.0.0.1:${await closedPort()}`, apiKey });
  assert.equal(await view(closed), 'paired');
  assert.match(await closed.textContent('#message'), /unreachable/);
  assert.equal(await storage(closed, 'local', 'apiKey'), apiKey);
  await closed.close();
});

/**
 * Pages on loopback sites, opened in `ctx`, each POST a "simple" request (no preflight; the page
 * cannot read the answer) to the 2026 stand-in instance `base`. A sandboxed page has an opaque
 * origin and sends `Origin: null`, which the gate refuses, unless a rule strips it.
 */
async function postFromPages(ctx, base) {
  const dir = mkdtempSync(join(tmpdir(), 'anytype-auth-web-page-'));
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>another loopback site</title>');
  const plain = await serveDirectory(dir);
  const sandboxed = await serveDirectory(dir, { 'Content-Security-Policy': 'sandbox allow-scripts' });
  try {
    const port = new URL(sandboxed.url).port;
    for (const [url, name] of [[plain.url, 'plain page'], [sandboxed.url, 'sandboxed page'], [`http://localhost:${port}`, 'sandboxed localhost page']]) {
      const page = await ctx.newPage();
      await page.goto(`${url}/page.html`);
      await page.evaluate(([target, body]) => fetch(target, { method: 'POST', mode: 'no-cors', body }), [`${base}/v1/auth/challenges`, JSON.stringify({ app_name: name })]);
      await page.close();
    }
    return plain.url;
  } finally {
    await plain.close();
    await sandboxed.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function liveChallenges(spec) {
  const answer = await fetch(`${standIn.url}/_standin/challenges?scope=${encodeURIComponent(spec)}`);
  return (await answer.json()).challenges.map((c) => c.app_name).sort();
}

test('the rule is scoped to the extension: web pages on loopback sites keep their Origin', async () => {
  const { spec, base } = scope('mode=2026');
  const plainOrigin = await postFromPages(context, base);
  const origins = Object.fromEntries(posts(spec).map((r) => [JSON.parse(r.body).app_name, r.headers.origin]));
  assert.deepEqual(origins, { 'plain page': plainOrigin, 'sandboxed page': 'null', 'sandboxed localhost page': 'null' });
  // A loopback origin is admitted by the gate on its own; "null" is refused, and stays refused.
  assert.deepEqual(await liveChallenges(spec), ['plain page']);
});

test('control: the same rule without initiatorDomains would let the sandboxed pages past the gate', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'anytype-auth-unscoped-'));
  cpSync(source, copy, { recursive: true });
  const rules = JSON.parse(readFileSync(join(copy, 'rules.json'), 'utf8'));
  delete rules[0].condition.initiatorDomains;
  writeFileSync(join(copy, 'rules.json'), JSON.stringify(rules));
  const unscoped = await chromium.launchPersistentContext(join(copy, '.profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${copy}`, `--load-extension=${copy}`],
  });
  try {
    if (!unscoped.serviceWorkers().length) await unscoped.waitForEvent('serviceworker');
    const { spec, base } = scope('mode=2026');
    await postFromPages(unscoped, base);
    const origins = posts(spec).map((r) => r.headers.origin);
    assert.deepEqual(origins, [undefined, undefined, undefined], "the unscoped rule strips every page's Origin");
    // The stripped sandboxed pages now pass; the plain page is refused (no Origin but Sec-Fetch-Site: same-site).
    assert.deepEqual(await liveChallenges(spec), ['sandboxed localhost page', 'sandboxed page']);
  } finally {
    await unscoped.close();
    rmSync(copy, { recursive: true, force: true });
  }
});
