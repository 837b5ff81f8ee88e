// The example MV3 extension (www/extension/, with the package copied in by `make extension`)
// loaded unpacked into headless Chromium: its popup is <anytype-pair>. It pairs against today's
// Anytype (the stand-in's current mode: the person approves, then types the code; the grant is
// stored beside the key and shown), against heart v0.47 and the gate-only mode (the code at once);
// it resumes a request after the popup closed without sending a second one, keeps a scoped key and
// explains it, says why a stored key no longer works, forgets a key when the person asks, and its
// declarativeNetRequest rule does not help web pages past the gate.
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
import { GRANT, KEY, SELECTORS, partText, partVisible, pendingRequest, resetStorage, settledState } from './support/popup.mjs';

const source = join(dirname(fileURLToPath(import.meta.url)), '..', 'www', 'extension');
// The manifest's key fixes the extension id, which the rule names.
const extensionId = JSON.parse(readFileSync(join(source, 'rules.json'), 'utf8'))[0].condition.initiatorDomains[0];

let standIn;
let work;
let extension;
let context;
let scopes = 0;

/** `dir` loaded unpacked into a new headless Chromium with its own profile. */
const launchWith = (dir, profile) =>
  chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });

before(async () => {
  assert.ok(existsSync(join(source, 'vendor', 'anytype-auth', 'ui.js')), 'run `make extension` first (copies pkg/ into the extension)');
  standIn = await startStandIn({ port: 0, mode: 'current' });
  // Chromium writes _metadata/ into an unpacked extension: load a copy, not the source tree.
  work = mkdtempSync(join(tmpdir(), 'anytype-auth-extension-'));
  extension = join(work, 'extension');
  cpSync(source, extension, { recursive: true });
  context = await launchWith(extension, join(work, 'profile'));
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

/** The popup page in a tab of `ctx`, once the element settled on a state. */
async function openPopup(ctx = context) {
  const page = await ctx.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForFunction(settledState);
  return page;
}

/** Fresh extension storage with `local` items, then the popup. */
async function freshPopup(local) {
  const page = await openPopup();
  await page.evaluate(resetStorage, local);
  await page.reload();
  await page.waitForFunction(settledState);
  return page;
}

const state = (page) => page.evaluate(settledState);
const text = (page, part) => page.evaluate(partText, part);
const visible = (page, part) => page.evaluate(partVisible, part);
const storage = (page, area, key) => page.evaluate(async ([a, k]) => (await chrome.storage[a].get(k))[k], [area, key]);
const posts = (spec) => standIn.requests(spec).filter((r) => r.method === 'POST');
const wrong = (code) => String((Number(code) + 1) % 10000).padStart(4, '0');
const waitState = (page, want) => page.waitForFunction((w) => document.querySelector('anytype-pair').getAttribute('state') === w && !document.querySelector('anytype-pair').hasAttribute('busy'), want);

/** Presses the element's ask button, and waits for the code field. */
async function ask(page) {
  await page.click(`anytype-pair ${SELECTORS.ask}`);
  await waitState(page, 'waiting');
}

/** Types `code` into the element's code field and presses Enter, as a person does; waits for the answer. */
async function typeCode(page, code) {
  await page.fill(`anytype-pair ${SELECTORS.code}`, code);
  await page.press(`anytype-pair ${SELECTORS.code}`, 'Enter');
  await page.waitForFunction(() => !document.querySelector('anytype-pair').hasAttribute('busy') && document.querySelector('anytype-pair').getAttribute('state') !== 'checking');
}

test('the popup runs under the id its rule names (fixed by the manifest key)', async () => {
  const page = await openPopup();
  assert.equal(await page.evaluate(() => chrome.runtime.id), extensionId);
  assert.equal(await page.evaluate(() => customElements.get('anytype-pair') !== undefined), true);
  await page.close();
});

for (const mode of ['v0.47', '2026']) {
  test(`pairs from the popup against the ${mode} stand-in (the code at once), with a wrong code first`, async () => {
    const { spec, base } = scope(`mode=${mode}`);
    const page = await freshPopup({ baseUrl: base });
    assert.equal(await state(page), 'ready');
    await ask(page);
    const pending = await page.evaluate(pendingRequest);
    assert.equal(pending.baseUrl, base);
    const code = standIn.codeFor(pending.challengeId, spec);

    await typeCode(page, wrong(code));
    assert.equal(await text(page, 'problem'), 'Anytype didn’t accept that code.');
    assert.equal(await state(page), 'waiting');
    await typeCode(page, code);
    assert.equal(await state(page), 'paired');

    const apiKey = await storage(page, 'local', KEY);
    assert.ok(/^[A-Za-z0-9+/]{43}=$/.test(apiKey), 'a key of v0.47’s format');
    assert.equal(await storage(page, 'local', GRANT), null, 'no grant before 2026');
    assert.equal(await text(page, 'access'), 'Reaches all spaces, including ones you create later. Read and write.');
    assert.equal(await page.evaluate(pendingRequest), null);
    const sent = posts(spec);
    assert.deepEqual(sent.map((r) => r.path.split('/').pop()), ['challenges', 'api_keys', 'api_keys']);
    for (const request of standIn.requests(spec)) {
      assert.equal(request.headers.origin, undefined, 'the declarativeNetRequest rule removes Origin');
      assert.equal(request.headers['sec-fetch-site'], 'none');
    }
    await page.close();

    // Reopened, the element checks the stored key through the package (whoami first, 404 without /v2, then /v1/spaces).
    const again = await openPopup();
    assert.equal(await state(again), 'paired');
    assert.deepEqual(standIn.requests(spec).slice(-2).map((r) => r.path), ['/v2/auth/whoami?ids=full', '/v1/spaces?limit=1']);
    await again.close();
  });
}

/** The popup while the request waits for Allow: approve first, no way to send a second request. */
async function assertWaitingView(page) {
  assert.equal(await state(page), 'waiting');
  assert.match(await text(page, 'status'), /^Anytype is asking you to approve “anytype-auth example extension”\. Press Allow there, then type the code it shows\./);
  assert.equal(await visible(page, 'code-form'), true);
  assert.equal(await visible(page, 'ask-button'), false, 'no second request while one waits');
}

test('pairs through the approval on today’s Anytype: approve in Anytype, then the code; the grant is stored beside the key and shown', async () => {
  const { spec, base } = scope('mode=current');
  const page = await freshPopup({ baseUrl: base });
  await ask(page);
  await assertWaitingView(page);
  const pending = await page.evaluate(pendingRequest);
  const [request] = standIn.pending(spec);
  assert.deepEqual([request.challengeId, request.appName, request.caller], [pending.challengeId, 'anytype-auth example extension', ''], 'Origin-less: the anonymous caller');
  assert.equal(standIn.codeFor(pending.challengeId, spec), null, 'no code before Allow');

  const code = standIn.approve(pending.challengeId, { allSpaces: true }, 'readwrite', spec); // the person's Allow
  await typeCode(page, wrong(code));
  assert.equal(await text(page, 'problem'), 'Anytype didn’t accept that code.');
  assert.equal(await text(page, 'tries'), '4 of 5 tries left for this request.');
  await typeCode(page, code);
  assert.equal(await state(page), 'paired');
  const apiKey = await storage(page, 'local', KEY);
  assert.ok(/^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/.test(apiKey), 'a key of today’s format');
  assert.deepEqual(await storage(page, 'local', GRANT), { allSpaces: true, spaceIds: [], permission: 'readwrite' });
  assert.equal(await text(page, 'access'), 'Reaches all spaces, including ones you create later. Read and write.');
  assert.equal(await visible(page, 'warning'), false);
  await page.close();

  const again = await openPopup();
  assert.equal(await state(again), 'paired');
  assert.equal(await text(again, 'access'), 'Reaches all spaces, including ones you create later. Read and write.');
  assert.deepEqual(posts(spec).map((r) => r.path), ['/v1/auth/challenges', '/v1/auth/api_keys', '/v1/auth/api_keys']);
  assert.equal(standIn.requests(spec).at(-1).path, '/v2/auth/whoami?ids=full', 'one request checks a key on today’s Anytype');
  await again.close();
});

test('closing the popup while the request waits for Allow: reopening resumes it, and no second request is sent', async () => {
  const { spec, base } = scope('mode=current');
  const first = await freshPopup({ baseUrl: base });
  await ask(first);
  const { challengeId } = await first.evaluate(pendingRequest);
  await first.close(); // the person switches to Anytype, and the popup closes

  const second = await openPopup();
  await assertWaitingView(second);
  assert.equal((await second.evaluate(pendingRequest)).challengeId, challengeId);
  await second.close();
  const third = await openPopup(); // opened once more, still before Allow
  await assertWaitingView(third);
  assert.equal(standIn.pending(spec).length, 1, 'one request waits in Anytype');

  const code = standIn.approve(challengeId, { allSpaces: true }, 'readwrite', spec);
  await typeCode(third, code);
  assert.equal(await state(third), 'paired');
  const sent = posts(spec);
  assert.deepEqual(sent.map((r) => r.path.split('/').pop()), ['challenges', 'api_keys'], 'one request, solved once');
  assert.equal(JSON.parse(sent[1].body).challenge_id, challengeId);
  assert.deepEqual(await storage(third, 'local', GRANT), { allSpaces: true, spaceIds: [], permission: 'readwrite' });
  await third.close();
});

test('a scoped key is kept and explained; an expired one is explained, with a new request offered', async () => {
  const { spec, base } = scope('mode=current');
  const work = SPACES.find((space) => space.name === 'Work');
  const page = await freshPopup({ baseUrl: base });
  await ask(page);
  const { challengeId } = await page.evaluate(pendingRequest);
  await typeCode(page, standIn.approve(challengeId, { spaceIds: [work.id] }, 'read', spec));
  assert.equal(await state(page), 'paired');
  assert.deepEqual(await storage(page, 'local', GRANT), { allSpaces: false, spaceIds: [work.id], permission: 'read' });
  assert.equal(await visible(page, 'warning'), true);
  assert.match(await text(page, 'warning'), /apps that use \/v1 refuse it[\s\S]*Settings → API Keys[\s\S]*all spaces with Read and write/);
  const apiKey = await storage(page, 'local', KEY);
  await page.close();

  // Reopened: verifyApiKey says valid, worksOnV1: false; the key stays.
  const again = await openPopup();
  assert.equal(await state(again), 'paired');
  assert.equal(await text(again, 'access'), 'Reaches these spaces: Work. Read only.');
  assert.equal(await visible(again, 'warning'), true);
  assert.equal(await storage(again, 'local', KEY), apiKey, 'a scoped key is kept');
  await again.close();

  const expired = standIn.addApiKey({ scope: spec, grant: { allSpaces: true, permission: 'readwrite' }, expiresAt: Date.now() - 60_000 });
  const gone = await freshPopup({ baseUrl: base, [KEY]: expired });
  assert.equal(await state(gone), 'error');
  assert.equal(await text(gone, 'problem'), 'This key has expired.');
  assert.equal(await visible(gone, 'ask-button'), true, 'a new request is offered');
  await gone.close();
});

test('a stored key Anytype refuses (401) is explained; when Anytype is closed it is kept and looked for again', async () => {
  const { spec, base } = scope();
  const refused = await freshPopup({ baseUrl: base, [KEY]: 'zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=' });
  assert.equal(await state(refused), 'error');
  assert.match(await text(refused, 'problem'), /no longer accepts this key/);
  await refused.close();

  const apiKey = standIn.addApiKey(spec);
  const closed = await freshPopup({ baseUrl: `http://127.0.0.1:${await closedPort()}`, [KEY]: apiKey });
  assert.equal(await state(closed), 'not-running');
  assert.equal(await storage(closed, 'local', KEY), apiKey);
  await closed.close();
});

test('forgetting the key removes it and its grant from storage', async () => {
  const { spec, base } = scope('mode=current');
  const apiKey = standIn.addApiKey({ scope: spec, format: 'anytype', grant: { allSpaces: true, permission: 'readwrite' } });
  const page = await freshPopup({ baseUrl: base, [KEY]: apiKey });
  assert.equal(await state(page), 'paired');
  const { allSpaces, permission } = await storage(page, 'local', GRANT); // the grant as Anytype describes the stored key
  assert.deepEqual({ allSpaces, permission }, { allSpaces: true, permission: 'readwrite' });
  await page.click(`anytype-pair ${SELECTORS.forget}`);
  await waitState(page, 'ready');
  assert.equal(await storage(page, 'local', KEY), undefined);
  assert.equal(await storage(page, 'local', GRANT), undefined);
  await page.close();
  const again = await openPopup();
  assert.equal(await state(again), 'ready', 'nothing stored to check');
  await again.close();
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
  const unscoped = await launchWith(copy, join(copy, '.profile'));
  try {
    await (await openPopup(unscoped)).close(); // the extension, and so its rule, is loaded
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
