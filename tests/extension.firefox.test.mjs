// The example MV3 extension (www/extension/, the same manifest and rule that
// tests/extension.test.mjs loads into Chromium) installed as a temporary add-on into headless
// Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi): it pairs from its
// popup page (<anytype-pair>) against the stand-in in its v0.47, gate and current modes (the
// current one approved through the stand-in, as the person's Allow; the grant stored beside the
// key and shown), resumes a request after the popup closed without sending a second one, keeps a
// stored key Anytype accepts and explains one it refuses, forgets the key when the person asks,
// and its rule, which Firefox gets as a session rule naming this install's UUID, helps no web page
// past Anytype's origin gate.
//
// Two things only a test does: the pref `extensions.webextensions.uuids` fixes the UUID Firefox
// would pick at random, so the test knows the popup's moz-extension:// address, and
// `--remote-allow-system-access` lets WebDriver BiDi script that privileged page (Firefox refuses
// navigating there otherwise). The extension itself is the unchanged source tree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandIn, SPACES } from '../stand-in/server.mjs';
import { serveDirectory } from './support/browser.mjs';
import { launchFirefox } from './support/firefox.mjs';
import { closedPort } from './support/net.mjs';
import { GRANT, KEY, SELECTORS, partText, partVisible, pendingRequest, resetStorage, settledState } from './support/popup.mjs';

const source = join(dirname(fileURLToPath(import.meta.url)), '..', 'www', 'extension');
const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
const GECKO_ID = manifest.browser_specific_settings.gecko.id;
const [STATIC_RULE] = JSON.parse(readFileSync(join(source, 'rules.json'), 'utf8'));

/**
 * The add-ons this file installs, each a copy of the source with its own gecko id and UUID:
 * the example itself, and two controls that change only rules.json.
 */
const ADDONS = {
  example: { id: GECKO_ID, rules: null },
  // The rule without initiatorDomains: it would apply to every page the extension has host access to.
  unscoped: { id: 'unscoped-control@example.org', rules: (rule) => ({ ...rule, condition: { ...rule.condition, initiatorDomains: undefined } }) },
  // The rule as it was for Chromium only: Origin removed, Sec-Fetch-Site left as Firefox sends it.
  originOnly: {
    id: 'origin-only-control@example.org',
    rules: (rule) => ({ ...rule, action: { ...rule.action, requestHeaders: rule.action.requestHeaders.filter((h) => h.header === 'origin') } }),
  },
};
for (const addon of Object.values(ADDONS)) addon.uuid = randomUUID();

let standIn;
let work;
let browser;
let scopes = 0;

/** A copy of the extension as `name` of ADDONS, installed; resolves to the id Firefox reports. */
async function install(name) {
  const { id, rules } = ADDONS[name];
  const dir = join(work, name);
  cpSync(source, dir, { recursive: true });
  if (name !== 'example') {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, name: `${manifest.name} (${name})`, browser_specific_settings: { gecko: { ...manifest.browser_specific_settings.gecko, id } } }));
    writeFileSync(join(dir, 'rules.json'), JSON.stringify([rules(STATIC_RULE)]));
  }
  return browser.installExtension(dir);
}

before(async () => {
  assert.ok(existsSync(join(source, 'vendor', 'anytype-auth', 'ui.js')), 'run `make extension` first (copies pkg/ into the extension)');
  standIn = await startStandIn({ port: 0, mode: 'v0.47' });
  work = mkdtempSync(join(tmpdir(), 'anytype-auth-extension-firefox-'));
  const uuids = Object.fromEntries(Object.values(ADDONS).map(({ id, uuid }) => [id, uuid]));
  browser = await launchFirefox({ args: ['--remote-allow-system-access'], prefs: { 'extensions.webextensions.uuids': JSON.stringify(uuids) } });
  ADDONS.example.installed = await install('example');
});

after(async () => {
  await browser?.close();
  await standIn?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A stand-in instance of its own: { spec, base }. */
function scope(extra = '') {
  const spec = `id=extension-firefox-${process.pid}-${++scopes}${extra ? `,${extra}` : ''}`;
  return { spec, base: `${standIn.url}/s/${spec}` };
}

/**
 * The popup page of add-on `name` in a tab, once the element settled on a state. (WebDriver BiDi
 * reports no navigation events for moz-extension pages, so this waits on the page itself.)
 */
async function openPopup(name = 'example') {
  const url = `moz-extension://${ADDONS[name].uuid}/popup.html`;
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url, { waitUntil: 'none' });
  await page.waitForFunction((href) => location.href === href, {}, url);
  await page.waitForFunction(settledState);
  return page;
}

/** Fresh extension storage with `local` items, then the popup, opened anew. */
async function freshPopup(local, name = 'example') {
  const page = await openPopup(name);
  await page.evaluate(resetStorage, local);
  await page.close();
  return openPopup(name);
}

const state = (page) => page.evaluate(settledState);
const text = (page, part) => page.evaluate(partText, part);
const visible = (page, part) => page.evaluate(partVisible, part);
const storage = (page, area, key) => page.evaluate(async (a, k) => (await chrome.storage[a].get(k))[k], area, key);
const posts = (spec) => standIn.requests(spec).filter((r) => r.method === 'POST');
const route = (request) => request.path.split('/').pop();
const wrong = (code) => String((Number(code) + 1) % 10000).padStart(4, '0');
const inElement = (selector) => `anytype-pair >>> ${selector}`;
const waitState = (page, want) => page.waitForFunction((w) => document.querySelector('anytype-pair').getAttribute('state') === w && !document.querySelector('anytype-pair').hasAttribute('busy'), {}, want);

/** Presses the element's ask button, and waits for the code field. */
async function ask(page) {
  await page.click(inElement(SELECTORS.ask));
  await waitState(page, 'waiting');
}

/** Types `code` into the element's empty code field and presses Enter, as a person does; waits for the answer. */
async function typeCode(page, code) {
  await page.type(inElement(SELECTORS.code), code);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('anytype-pair').hasAttribute('busy') && document.querySelector('anytype-pair').getAttribute('state') !== 'checking');
}

/** What Anytype shows the person for the pending challenge `challengeId`: its code, after Allow in the current mode. */
function codeShown(mode, spec, challengeId) {
  if (mode !== 'current') return standIn.codeFor(challengeId, spec);
  const [waiting] = standIn.pending(spec);
  assert.equal(waiting.challengeId, challengeId, 'Anytype shows the request the popup made');
  assert.equal(waiting.appName, 'anytype-auth example extension');
  assert.equal(waiting.caller, '', "no Origin: Anytype's anonymous caller");
  return standIn.approve(challengeId, { allSpaces: true }, 'readwrite', spec);
}

test('Firefox installs the shared manifest and gets the rule as a session rule naming its UUID', async () => {
  assert.equal(ADDONS.example.installed, GECKO_ID);
  const page = await openPopup();
  const seen = await page.evaluate(async () => ({
    // Firefox fills every field the rule leaves out with null: drop those.
    session: JSON.parse(JSON.stringify(await chrome.declarativeNetRequest.getSessionRules(), (key, value) => (value === null ? undefined : value))),
    host: location.host,
    defined: customElements.get('anytype-pair') !== undefined,
  }));
  await page.close();
  assert.equal(seen.host, ADDONS.example.uuid);
  assert.equal(seen.defined, true, 'the popup is <anytype-pair>');
  // The static rule names the Chromium id, which no Firefox origin has; the session rule is the
  // same rule for this install.
  assert.deepEqual(seen.session, [{ ...STATIC_RULE, condition: { ...STATIC_RULE.condition, initiatorDomains: [ADDONS.example.uuid] } }]);
});

for (const mode of ['v0.47', 'gate', 'current']) {
  test(`pairs from the popup against the ${mode} stand-in, with a wrong code first`, async () => {
    const { spec, base } = scope(mode === 'v0.47' ? '' : `mode=${mode}`);
    const page = await freshPopup({ baseUrl: base });
    assert.equal(await state(page), 'ready');
    await ask(page);
    const pending = await page.evaluate(pendingRequest);
    assert.equal(pending.baseUrl, base);
    const code = codeShown(mode, spec, pending.challengeId);

    await typeCode(page, wrong(code));
    assert.equal(await text(page, 'problem'), 'Anytype didn’t accept that code.');
    assert.equal(await state(page), 'waiting');
    await typeCode(page, code);
    assert.equal(await state(page), 'paired');

    const apiKey = await storage(page, 'local', KEY);
    assert.ok((mode === 'current' ? /^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/ : /^[A-Za-z0-9+/]{43}=$/).test(apiKey), 'a key of the mode’s format');
    assert.deepEqual(await storage(page, 'local', GRANT), mode === 'current' ? { allSpaces: true, spaceIds: [], permission: 'readwrite' } : null);
    assert.equal(await text(page, 'access'), 'Reaches all spaces, including ones you create later. Read and write.');
    assert.equal(await page.evaluate(pendingRequest), null);
    assert.deepEqual(posts(spec).map(route), ['challenges', 'api_keys', 'api_keys']);
    await page.close();

    // Reopened, the element checks the stored key through the package.
    const again = await openPopup();
    assert.equal(await state(again), 'paired');
    await again.close();
    const requests = standIn.requests(spec);
    assert.equal(route(requests.at(-1)), mode === 'current' ? 'whoami?ids=full' : 'spaces?limit=1');
    for (const request of requests) {
      const what = `${request.method} ${route(request)}`;
      assert.equal(request.headers.origin, undefined, `${what}: the rule removes Origin`);
      assert.equal(request.headers['sec-fetch-site'], 'none', `${what}: the rule sets Sec-Fetch-Site (Firefox sends same-origin)`);
    }
  });
}

test('closing the popup while the request waits for Allow: reopening resumes it, and no second request is sent', async () => {
  const { spec, base } = scope('mode=current');
  const first = await freshPopup({ baseUrl: base });
  await ask(first);
  const { challengeId } = await first.evaluate(pendingRequest);
  await first.close(); // the person switches to Anytype, and the popup closes

  const second = await openPopup();
  assert.equal(await state(second), 'waiting', 'the reopened popup did not resume');
  assert.match(await text(second, 'status'), /^Anytype is asking you to approve “anytype-auth example extension”/);
  assert.equal(await visible(second, 'ask-button'), false, 'no second request while one waits');
  assert.equal(standIn.pending(spec).length, 1, 'one request waits in Anytype');
  await typeCode(second, codeShown('current', spec, challengeId));
  assert.equal(await state(second), 'paired');
  await second.close();
  const sent = posts(spec);
  assert.deepEqual(sent.map(route), ['challenges', 'api_keys'], 'one request, solved once');
  assert.equal(JSON.parse(sent[1].body).challenge_id, challengeId);
});

test("a stored key today's Anytype accepts is kept (a scoped one too, explained); one it refuses (401) is explained; kept when Anytype is closed", async () => {
  const { spec, base } = scope('mode=current');
  const kept = await freshPopup({ baseUrl: base, [KEY]: standIn.addApiKey({ scope: spec, format: 'anytype', grant: { allSpaces: true, permission: 'readwrite' } }) });
  assert.equal(await state(kept), 'paired');
  await kept.close();
  const checked = standIn.requests(spec).at(-1);
  assert.equal(`${checked.method} ${route(checked)}`, 'GET whoami?ids=full', 'a GET, past the gate');

  const work = SPACES.find((space) => space.name === 'Work');
  const scoped = await freshPopup({ baseUrl: base, [KEY]: standIn.addApiKey({ scope: spec, format: 'anytype', grant: { spaceIds: [work.id], permission: 'read' } }) });
  assert.equal(await state(scoped), 'paired', 'a scoped key is kept');
  assert.equal(await text(scoped, 'access'), 'Reaches these spaces: Work. Read only.');
  assert.equal(await visible(scoped, 'warning'), true);
  assert.deepEqual(await storage(scoped, 'local', GRANT), { allSpaces: false, spaceIds: [work.id], permission: 'read' }, 'the grant beside the key');
  await scoped.close();

  const refused = await freshPopup({ baseUrl: base, [KEY]: 'zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=' });
  assert.equal(await state(refused), 'error');
  assert.match(await text(refused, 'problem'), /no longer accepts this key/);
  assert.equal(await visible(refused, 'ask-button'), true, 'a new request is offered');
  await refused.close();

  const apiKey = standIn.addApiKey(spec);
  const closed = await freshPopup({ baseUrl: `http://127.0.0.1:${await closedPort()}`, [KEY]: apiKey });
  assert.equal(await state(closed), 'not-running');
  assert.equal(await storage(closed, 'local', KEY), apiKey);
  await closed.close();
});

test('forgetting the key removes it and its grant from storage', async () => {
  const { spec, base } = scope('mode=current');
  const page = await freshPopup({ baseUrl: base, [KEY]: standIn.addApiKey({ scope: spec, format: 'anytype', grant: { allSpaces: true, permission: 'readwrite' } }) });
  assert.equal(await state(page), 'paired');
  await page.click(inElement(SELECTORS.forget));
  await waitState(page, 'ready');
  assert.equal(await storage(page, 'local', KEY), undefined);
  assert.equal(await storage(page, 'local', GRANT), undefined);
  await page.close();
});

test("control: the Chromium-only rule (Origin removed, Sec-Fetch-Site kept) does not get Firefox's requests past the gate", async () => {
  await install('originOnly');
  try {
    const { spec, base } = scope('mode=gate');
    const page = await freshPopup({ baseUrl: base }, 'originOnly');
    await page.click(inElement(SELECTORS.ask));
    await waitState(page, 'error');
    assert.match(await text(page, 'problem'), /refuses requests from this page or extension \(its origin\)/);
    await page.close();
    const [refused] = posts(spec);
    assert.equal(refused.headers.origin, undefined);
    assert.equal(refused.headers['sec-fetch-site'], 'same-origin', 'what Firefox sends for an extension request');
    assert.deepEqual(await liveChallenges(spec), []);
  } finally {
    await browser.uninstallExtension(ADDONS.originOnly.id);
  }
});

/**
 * Pages on loopback sites, opened in the browser, each POST a "simple" request (no preflight; the
 * page cannot read the answer) to the gate-mode stand-in instance `base`. A sandboxed page has an
 * opaque origin and sends `Origin: null`, which the gate refuses, unless a rule strips it.
 */
async function postFromPages(base) {
  const dir = mkdtempSync(join(tmpdir(), 'anytype-auth-web-page-'));
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>another loopback site</title>');
  const plain = await serveDirectory(dir);
  const sandboxed = await serveDirectory(dir, { 'Content-Security-Policy': 'sandbox allow-scripts' });
  try {
    const port = new URL(sandboxed.url).port;
    for (const [url, name] of [[plain.url, 'plain page'], [sandboxed.url, 'sandboxed page'], [`http://localhost:${port}`, 'sandboxed localhost page']]) {
      const page = await browser.newPage();
      await page.goto(`${url}/page.html`);
      await page.evaluate((target, body) => fetch(target, { method: 'POST', mode: 'no-cors', body }), `${base}/v1/auth/challenges`, JSON.stringify({ app_name: name }));
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
  const { spec, base } = scope('mode=gate');
  const plainOrigin = await postFromPages(base);
  const origins = Object.fromEntries(posts(spec).map((r) => [JSON.parse(r.body).app_name, r.headers.origin]));
  assert.deepEqual(origins, { 'plain page': plainOrigin, 'sandboxed page': 'null', 'sandboxed localhost page': 'null' });
  // A loopback origin is admitted by the gate on its own; "null" is refused, and stays refused.
  assert.deepEqual(await liveChallenges(spec), ['plain page']);
});

test('control: the same rule without initiatorDomains would let every page past the gate', async () => {
  await install('unscoped');
  try {
    const { spec, base } = scope('mode=gate');
    await postFromPages(base);
    const seen = posts(spec).map((r) => [r.headers.origin, r.headers['sec-fetch-site']]);
    assert.deepEqual(seen, [[undefined, 'none'], [undefined, 'none'], [undefined, 'none']], "the unscoped rule rewrites every page's request");
    assert.deepEqual(await liveChallenges(spec), ['plain page', 'sandboxed localhost page', 'sandboxed page']);
  } finally {
    await browser.uninstallExtension(ADDONS.unscoped.id);
  }
});
