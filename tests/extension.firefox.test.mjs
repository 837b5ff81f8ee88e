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
import { popupSteps } from './support/extension-steps.mjs';
import { launchFirefox } from './support/firefox.mjs';
import { GRANT, KEY, SELECTORS, resetStorage, settledState } from './support/popup.mjs';

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

/** `selector` inside <anytype-pair>: puppeteer-core's `>>>` pierces open shadow roots. */
const inElement = (selector) => `anytype-pair >>> ${selector}`;

/** The shared steps (support/extension-steps.mjs) through puppeteer-core. */
const { scope, state, text, visible, storage, posts, route, waitState, liveChallenges, ...checks } = popupSteps({
  name: 'extension-firefox',
  standIn: () => standIn,
  openPopup,
  freshPopup,
  waitFor: (page, fn, arg) => page.waitForFunction(fn, {}, arg),
  click: (page, selector) => page.click(inElement(selector)),
  async submit(page, selector, text) {
    await page.type(inElement(selector), text);
    await page.keyboard.press('Enter');
  },
});

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
  test(`pairs from the popup against the ${mode} stand-in, with a wrong code first`, () => checks.pairsWithAWrongCodeFirst(mode));
}

test('closing the popup while the request waits for Allow: reopening resumes it, and no second request is sent', () => checks.resumesAfterClose());

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

  await checks.refusedOrClosed({ spec, base });
});

test('forgetting the key removes it and its grant from storage', () => checks.forgetsTheKey());

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

test('the rule is scoped to the extension: web pages on loopback sites keep their Origin', () => checks.pagesKeepTheirOrigin(browser));

test('control: the same rule without initiatorDomains would let every page past the gate', async () => {
  await install('unscoped');
  try {
    await checks.everyPagePasses(browser);
  } finally {
    await browser.uninstallExtension(ADDONS.unscoped.id);
  }
});
