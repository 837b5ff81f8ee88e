// The demo page's walkthrough as a person does it, in headless Firefox (Debian's firefox-esr
// through puppeteer-core over WebDriver BiDi), against the same demo server `make demo` starts.
// The steps are person.mjs's and walkthroughs.mjs's, the ones tests/demo.test.mjs and
// tests/demo-approval.test.mjs run in Chromium, through the adapter in demo/firefox.mjs: today's Anytype (the approval window, then
// the code; all spaces with read and write, one space read only after a wrong code, a reload
// while the request waits), Anytype before 2026 (the code at once: a wrong code then the right
// one, pasting, the window closing), the pasted-key path, 360 px, and the gate-only stand-in. The
// pairing is `<anytype-pair>`'s: the adapter's locators search its open shadow root, as
// Playwright's do. Step screenshots go to test-results/screenshots/firefox/ (never to
// docs/screenshots/). Run: node --test tests/demo.firefox.test.mjs (after `make build`). Keys and
// codes are compared with assert.ok, so a failure never prints one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startDemo, withScreenshotOnFailure, FAILURE_DIR, POPUP } from './demo/harness.mjs';
import { launchFirefoxForDemo, openFirefoxPage } from './demo/firefox.mjs';
import {
  waitForState,
  waitForPart,
  part,
  codeField,
  typeCode,
  keyInCodeAndPair,
  askForCode,
  askForAccess,
  allowInWindow,
  allowReloadAndPair,
  readCodeWindow,
  focusedLabel,
  tabTo,
  standInRequests,
  posts,
  control,
  CHALLENGES,
  API_KEYS,
} from './demo/person.mjs';
import {
  checkedApprovalWindow,
  checkedKeyOfOneRequest,
  codeAtOnceBehindTheGate,
  newCodeOnceTheWindowCloses,
  pastedKeys,
  pasteWrongThenRight,
  reloadWhileTheRequestWaits,
  shortCodeSendsNothing,
  wrongCodeThenRight,
} from './demo/walkthroughs.mjs';

const SCREENSHOTS = `${FAILURE_DIR}screenshots/firefox/`;
const APP = 'anytype-auth demo (Firefox)';

let browser;
let today; // `make demo` as it starts by default: a simulated Anytype of today
let old; // a simulated Anytype before 2026 (heart v0.47)

before(async () => {
  [browser, today, old] = await Promise.all([launchFirefoxForDemo(), startDemo({}), startDemo({ STANDIN_MODE: 'v0.47' })]);
  assert.match(await browser.version(), /^firefox\//);
});
after(async () => {
  await Promise.all([browser?.close(), today?.stop(), old?.stop()]);
});

/** Opens the page in Firefox and runs `body(page)`, with a screenshot in test-results/ if it fails. */
async function onPage(name, url, options, body) {
  const opened = await openFirefoxPage(browser, url, options);
  await withScreenshotOnFailure(`firefox ${name}`, opened, async (page) => {
    await body(page);
    assert.deepEqual(opened.problems, [], 'the page had errors or CSP violations');
  });
}

async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

test('Firefox, today’s Anytype by keyboard: ask for access, Allow all spaces with read and write, type the code, use the key', async () => {
  await control(today.url, 'reset');
  await onPage('today happy path', today.url, {}, async (page) => {
    await waitForState(page, 'ready');
    await waitForPart(page, 'status', /^Anytype will ask you to approve “anytype-auth demo \(Firefox\)”/);
    assert.equal(await page.locator('#anytype-window').isVisible(), false, 'Anytype opens its window only when asked');
    assert.equal(posts(await standInRequests(today.url), CHALLENGES).length, 0, 'no request before the click');

    await tabTo(page, 'Ask Anytype for access');
    await page.keyboard.press('Enter');
    await waitForState(page, 'waiting');
    assert.equal(await part(page, 'ask-button').isVisible(), false, 'no second request while one waits');
    assert.equal(await focusedLabel(page), '4-digit code from Anytype', 'focus moved to the code');
    await checkedApprovalWindow(page, today.url, APP);
    await screenshot(page, '3-approval-window');

    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    assert.match(code, /^[0-9]{4}$/);
    await codeField(page).focus();
    await screenshot(page, '3-enter-the-code');
    await keyInCodeAndPair(page, code); // Anytype closes its window once the code is used
    assert.equal(await part(page, 'access').textContent(), 'Reaches all spaces, including ones you create later. Read and write.');
    assert.equal(await part(page, 'warning').isVisible(), false);
    await screenshot(page, '4-connected');

    const apiKey = await checkedKeyOfOneRequest(page, today.url, { appName: APP, keyboard: true });
    assert.equal((await fetch(`${today.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } })).status, 200, 'the key works on /v1');
    await page.getByRole('button', { name: 'Forget this key' }).click();
    await waitForState(page, 'ready');
  });
});

test('Firefox, today’s Anytype: one space read only, a wrong code first, then the right one on the same request', async () => {
  await control(today.url, 'reset');
  await onPage('today wrong code', today.url, {}, async (page) => {
    await askForAccess(page);
    const code = await allowInWindow(page, { spaces: ['Work'], permission: 'read' });
    await wrongCodeThenRight(page, today.url, code, { expectedCauses: ['mistyped', 'not-allowed', 'expired', 'locked'] });
    assert.equal(await part(page, 'access').textContent(), 'Reaches these spaces: Work. Read only.');
    assert.equal(await part(page, 'warning').isVisible(), true, 'a narrowed key does not work on /v1');
    assert.equal(posts(await standInRequests(today.url), API_KEYS).length, 2, 'two tries in all');
  });
});

test('Firefox, today’s Anytype: a reload while the request waits sends no second request and resumes it, before and after Allow', async () => {
  await control(today.url, 'reset');
  await onPage('today reload', today.url, {}, async (page) => {
    await reloadWhileTheRequestWaits(page, today.url);
    // Reloaded after Allow: the page resumes the request, and Anytype's window still shows the code.
    await allowReloadAndPair(page);
    const requests = await standInRequests(today.url);
    assert.equal(posts(requests, CHALLENGES).length, 1, 'one request in all');
    assert.equal(posts(requests, API_KEYS).length, 1);
  });
});

test('Firefox, before 2026: the code at once; a short code sends nothing, a wrong code, then the right one', async () => {
  await onPage('v0.47 wrong code', old.url, {}, async (page) => {
    await waitForState(page, 'ready');
    await waitForPart(page, 'status', /for about 30 seconds/);
    await askForCode(page);
    const code = await readCodeWindow(page);
    await shortCodeSendsNothing(page, old.url);
    await wrongCodeThenRight(page, old.url, code, { expectedCauses: ['mistyped', 'gone-v047'], atWrongCode: (shown) => screenshot(shown, 'v0.47-wrong-code') });
    await waitForPart(page, 'access', 'Reaches all spaces');
  });
});

test('Firefox, before 2026: pasting "12 34" or "1234" into the code field works', async () => {
  await onPage('v0.47 paste', old.url, {}, (page) => pasteWrongThenRight(page, old.url));
});

test('Firefox, before 2026: the code window closes itself, and asking again shows another', async () => {
  await onPage('v0.47 new code', `${old.url}?codeWindowSeconds=2`, {}, (page) => newCodeOnceTheWindowCloses(page, old.url));
});

test('Firefox: “Already have a key?”, an unknown key is refused, a valid one is accepted', async () => {
  const { api_key: validKey } = await control(old.url, 'keys');
  await onPage('pasted key', old.url, {}, (page) => pastedKeys(page, validKey, { atAccepted: (shown) => screenshot(shown, '5-existing-key') }));
});

test('Firefox, 360 px wide: nothing overflows, and pairing with today’s Anytype works', async () => {
  await control(today.url, 'reset');
  await onPage('popup width', today.url, { viewport: POPUP }, async (page) => {
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await askForAccess(page);
    assert.equal(await overflow(), 0);
    await screenshot(page, 'popup-360-approval');
    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    assert.equal(await overflow(), 0);
    await typeCode(page, code);
    await waitForState(page, 'paired');
    await page.locator('#anytype-window').waitFor({ state: 'hidden' });
    assert.equal(await overflow(), 0);
    await screenshot(page, 'popup-360-connected');
  });
});

test('Firefox: the gate-only stand-in (2026), the code at once behind the origin gate, through the forward', async () => {
  const strict = await startDemo({ STANDIN_MODE: '2026' });
  try {
    await onPage('2026 mode', strict.url, {}, codeAtOnceBehindTheGate);
  } finally {
    await strict.stop();
  }
});
