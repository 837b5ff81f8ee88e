// The example MV3 extension (www/extension/, with the package copied in by `make extension`)
// loaded unpacked into headless Chromium: it pairs from its popup page against today's Anytype
// (the stand-in's current mode: the person approves, then types the code; the grant is stored
// and shown), and against heart v0.47 and the gate-only mode (the code at once); it resumes a
// request after the popup closed without sending a second one, keeps a scoped key and explains
// it, forgets a key only on valid: false, and its declarativeNetRequest rule does not help web
// pages past the gate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStandIn, SPACES } from '../stand-in/server.mjs';
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
  standIn = await startStandIn({ port: 0, mode: 'current' });
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
  test(`pairs from the popup against the ${mode} stand-in (the code at once), with a wrong code first`, async () => {
    const { spec, base } = scope(`mode=${mode}`);
    const page = await freshPopup({ baseUrl: base });
    assert.equal(await view(page), 'unpaired');
    await page.click('#pair');
    await page.waitForSelector('body[data-view="code"]');
    const pending = await storage(page, 'session', 'pending');
    assert.deepEqual(pending, { challengeId: pending.challengeId, baseUrl: base, createdAt: pending.createdAt, codeTyped: false });
    const code = standIn.codeFor(pending.challengeId, spec);

    await typeCode(page, wrong(code));
    await page.waitForFunction(() => document.getElementById('message').textContent.includes("didn't match"));
    assert.equal(await view(page), 'code');
    await typeCode(page, code);
    await page.waitForSelector('body[data-view="paired"]');

    const apiKey = await storage(page, 'local', 'apiKey');
    assert.ok(/^[A-Za-z0-9+/]{43}=$/.test(apiKey), 'a key of v0.47’s format');
    assert.equal(await storage(page, 'local', 'grant'), null, 'no grant before 2026');
    assert.equal(await page.textContent('#reach'), 'Reaches every space, read and write (Anytype before 2026 makes no narrowed keys).');
    assert.equal(await storage(page, 'session', 'pending'), undefined);
    const sent = posts(spec);
    assert.deepEqual(sent.map((r) => r.path.split('/').pop()), ['challenges', 'api_keys', 'api_keys']);
    for (const request of sent) {
      assert.equal(request.headers.origin, undefined, 'the declarativeNetRequest rule removes Origin');
      assert.equal(request.headers['sec-fetch-site'], 'none');
    }
    await page.close();

    // Reopened, the popup asks the service worker, which verifies the key through the package
    // (whoami first, 404 without /v2, then /v1/spaces).
    const again = await openPopup();
    assert.equal(await view(again), 'paired');
    assert.deepEqual(standIn.requests(spec).slice(-2).map((r) => r.path), ['/v2/auth/whoami?ids=full', '/v1/spaces?limit=1']);
    await again.close();
  });
}

/** The popup's code view while the request waits: approve first, no way to send a second request. */
async function assertWaitingView(page) {
  assert.equal(await view(page), 'code');
  assert.match(await page.textContent('#approve-hint'), /^Approve this extension in Anytype \(choose the spaces and the access, press Allow\), then type the code it shows\.$/);
  assert.match(await page.textContent('#wait-hint'), /^The request waits [23]:\d\d more for your answer in Anytype; after Allow, the code works for 5 minutes\.$/);
  assert.equal(await page.isVisible('#new-code'), false, 'no second request while one waits');
  assert.equal(await page.isVisible('#cancel'), false);
  assert.equal(await page.isVisible('#said-deny'), true);
}

test('pairs through the approval on today’s Anytype: approve in Anytype, then the code; the grant is stored beside the key and shown', async () => {
  const { spec, base } = scope('mode=current');
  const page = await freshPopup({ baseUrl: base });
  await page.click('#pair');
  await page.waitForSelector('body[data-view="code"]');
  await assertWaitingView(page);
  const pending = await storage(page, 'session', 'pending');
  assert.equal(typeof pending.createdAt, 'number');
  const [request] = standIn.pending(spec);
  assert.deepEqual([request.challengeId, request.appName, request.caller], [pending.challengeId, 'anytype-auth example extension', ''], 'Origin-less: the anonymous caller');
  assert.equal(standIn.codeFor(pending.challengeId, spec), null, 'no code before Allow');

  const code = standIn.approve(pending.challengeId, { allSpaces: true }, 'readwrite', spec); // the person's Allow
  await typeCode(page, wrong(code));
  await page.waitForFunction(() => document.getElementById('message').textContent.includes("didn't match"));
  assert.equal(await page.isVisible('#new-code'), true, 'a code was typed, so the request was answered');
  await typeCode(page, code);
  await page.waitForSelector('body[data-view="paired"]');
  const apiKey = await storage(page, 'local', 'apiKey');
  assert.ok(/^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/.test(apiKey), 'a key of today’s format');
  assert.deepEqual(await storage(page, 'local', 'grant'), { allSpaces: true, spaceIds: [], permission: 'readwrite' });
  assert.equal(await page.textContent('#reach'), 'Reaches all spaces, read and write.');
  assert.equal(await page.isVisible('#narrowed'), false);
  await page.close();

  const again = await openPopup();
  assert.equal(await view(again), 'paired');
  assert.equal(await again.textContent('#reach'), 'Reaches all spaces, read and write.');
  assert.deepEqual(posts(spec).map((r) => r.path), ['/v1/auth/challenges', '/v1/auth/api_keys', '/v1/auth/api_keys']);
  assert.equal(standIn.requests(spec).at(-1).path, '/v2/auth/whoami?ids=full', 'one request checks a key on today’s Anytype');
  await again.close();
});

test('closing the popup while the request waits for Allow: reopening resumes it, and no second request is sent', async () => {
  const { spec, base } = scope('mode=current');
  const first = await freshPopup({ baseUrl: base });
  await first.click('#pair');
  await first.waitForSelector('body[data-view="code"]');
  const { challengeId } = await storage(first, 'session', 'pending');
  await first.close(); // the person switches to Anytype, and the popup closes

  const second = await openPopup();
  await assertWaitingView(second);
  assert.equal((await storage(second, 'session', 'pending')).challengeId, challengeId);
  await second.close();
  const third = await openPopup(); // opened once more, still before Allow
  await assertWaitingView(third);
  assert.equal(standIn.pending(spec).length, 1, 'one request waits in Anytype');

  const code = standIn.approve(challengeId, { allSpaces: true }, 'readwrite', spec);
  await typeCode(third, code);
  await third.waitForSelector('body[data-view="paired"]');
  const sent = posts(spec);
  assert.deepEqual(sent.map((r) => r.path.split('/').pop()), ['challenges', 'api_keys'], 'one request, solved once');
  assert.equal(JSON.parse(sent[1].body).challenge_id, challengeId);
  assert.deepEqual(await storage(third, 'local', 'grant'), { allSpaces: true, spaceIds: [], permission: 'readwrite' });
  await third.close();
});

test('a scoped key is kept and explained, never forgotten; an expired one is forgotten', async () => {
  const { spec, base } = scope('mode=current');
  const work = SPACES.find((space) => space.name === 'Work');
  const page = await freshPopup({ baseUrl: base });
  await page.click('#pair');
  await page.waitForSelector('body[data-view="code"]');
  const { challengeId } = await storage(page, 'session', 'pending');
  await typeCode(page, standIn.approve(challengeId, { spaceIds: [work.id] }, 'read', spec));
  await page.waitForSelector('body[data-view="paired"]');
  assert.deepEqual(await storage(page, 'local', 'grant'), { allSpaces: false, spaceIds: [work.id], permission: 'read' });
  assert.equal(await page.textContent('#reach'), 'Reaches 1 chosen space, read only.');
  assert.equal(await page.isVisible('#narrowed'), true);
  assert.match(await page.textContent('#narrowed'), /Apps that use \/v1 can’t use this key[\s\S]*All spaces[\s\S]*Read and write/);
  const apiKey = await storage(page, 'local', 'apiKey');
  await page.close();

  // Reopened: the service worker's verifyApiKey says valid, worksOnV1: false; the key stays.
  const again = await openPopup();
  assert.equal(await view(again), 'paired');
  assert.equal(await again.textContent('#reach'), 'Reaches Work, read only.');
  assert.equal(await again.isVisible('#narrowed'), true);
  assert.equal(await storage(again, 'local', 'apiKey'), apiKey, 'a scoped key is kept');
  await again.close();

  const expired = standIn.addApiKey({ scope: spec, grant: { allSpaces: true, permission: 'readwrite' }, expiresAt: Date.now() - 60_000 });
  const gone = await freshPopup({ baseUrl: base, apiKey: expired, grant: { allSpaces: true, spaceIds: [], permission: 'readwrite' } });
  assert.equal(await view(gone), 'unpaired');
  assert.match(await gone.textContent('#message'), /expired/);
  assert.equal(await storage(gone, 'local', 'apiKey'), undefined);
  assert.equal(await storage(gone, 'local', 'grant'), undefined);
  await gone.close();
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

test('control: the same rule without initiatorDomains would let every page past the gate', async () => {
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
    // Every page now passes: no Origin, and Sec-Fetch-Site set to none (else the plain page's same-site would be refused).
    assert.deepEqual(await liveChallenges(spec), ['plain page', 'sandboxed localhost page', 'sandboxed page']);
  } finally {
    await unscoped.close();
    rmSync(copy, { recursive: true, force: true });
  }
});
