// The demo page's walkthrough as a person does it, in headless Firefox (Debian's firefox-esr
// through puppeteer-core over WebDriver BiDi), against the same demo server `make demo` starts.
// The steps are person.mjs's, the ones tests/demo.test.mjs and tests/demo-approval.test.mjs run in
// Chromium, through the adapter in demo/firefox.mjs: today's Anytype (the approval window, then
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
  waitForText,
  waitForPart,
  part,
  codeField,
  typeCode,
  askForCode,
  askForAccess,
  approvalWindow,
  allowInWindow,
  allowReloadAndPair,
  readCodeWindow,
  wrongCodeFor,
  focusedLabel,
  tabTo,
  standInRequests,
  MASKED_CODE,
  posts,
  control,
} from './demo/person.mjs';

const SCREENSHOTS = `${FAILURE_DIR}screenshots/firefox/`;
const CHALLENGES = '/v1/auth/challenges';
const API_KEYS = '/v1/auth/api_keys';

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

/** The element's key, revealed by keyboard and hidden again (never printed). */
async function revealedKey(page) {
  await tabTo(page, 'Reveal key');
  await page.keyboard.press('Enter');
  const apiKey = (await part(page, 'key').textContent()).replace(/^Key: /, '');
  await page.getByRole('button', { name: 'Hide key' }).click();
  return apiKey;
}

/** The ids of the causes the element lists under its problem, in order. */
const causes = (page) => part(page, 'cause').evaluateAll((items) => items.map((i) => i.getAttribute('part').split(' ')[1].replace(/^cause-/, '')));

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
    const form = await approvalWindow(page);
    assert.equal(await form.locator('[data-approval-app]').textContent(), '“anytype-auth demo (Firefox)”');
    assert.equal(await form.locator('[data-approval-source]').textContent(), today.url.replace(/\/$/, ''), 'where the request came from');
    assert.equal(await form.getByRole('radio', { name: 'Read only' }).isChecked(), true, 'read is preselected');
    assert.equal(await form.getByRole('button', { name: 'Allow' }).isDisabled(), true, 'Allow waits for a space choice');
    await screenshot(page, '3-approval-window');

    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    assert.match(code, /^[0-9]{4}$/);
    await codeField(page).focus();
    await screenshot(page, '3-enter-the-code');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await waitForState(page, 'paired');
    await page.locator('#anytype-window').waitFor({ state: 'hidden' }); // Anytype closes its window once the code is used
    assert.equal(await part(page, 'access').textContent(), 'Reaches all spaces, including ones you create later. Read and write.');
    assert.equal(await part(page, 'warning').isVisible(), false);
    await screenshot(page, '4-connected');

    const apiKey = await revealedKey(page);
    assert.ok(/^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/.test(apiKey), 'a key of today’s format');
    assert.equal((await fetch(`${today.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } })).status, 200, 'the key works on /v1');
    const requests = await standInRequests(today.url);
    assert.equal(posts(requests, CHALLENGES).length, 1);
    assert.equal(JSON.parse(posts(requests, CHALLENGES)[0].body).app_name, 'anytype-auth demo (Firefox)');
    assert.equal(posts(requests, CHALLENGES)[0].headers.origin, today.url.replace(/\/$/, ''), 'the demo is a caller of its own');
    assert.equal(posts(requests, API_KEYS).length, 1);

    assert.equal(await page.evaluate(() => localStorage.length), 0, 'the key is not stored');
    assert.ok(!(await page.evaluate(() => Object.values(sessionStorage).join(' '))).includes(apiKey));
    assert.ok(!page.url().includes(apiKey));
    await page.getByRole('button', { name: 'Forget this key' }).click();
    await waitForState(page, 'ready');
  });
});

test('Firefox, today’s Anytype: one space read only, a wrong code first, then the right one on the same request', async () => {
  await control(today.url, 'reset');
  await onPage('today wrong code', today.url, {}, async (page) => {
    await askForAccess(page);
    const code = await allowInWindow(page, { spaces: ['Work'], permission: 'read' });
    await typeCode(page, wrongCodeFor(code));
    await waitForPart(page, 'problem', 'Anytype didn’t accept that code.');
    assert.deepEqual(await causes(page), ['mistyped', 'not-allowed', 'expired', 'locked']);
    assert.equal(await codeField(page).inputValue(), '', 'the refused code is cleared');
    assert.equal(await focusedLabel(page), '4-digit code from Anytype');
    assert.ok((await readCodeWindow(page)) === code, 'the same code is still shown');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await waitForState(page, 'paired');
    assert.equal(await part(page, 'access').textContent(), 'Reaches these spaces: Work. Read only.');
    assert.equal(await part(page, 'warning').isVisible(), true, 'a narrowed key does not work on /v1');
    const tries = posts(await standInRequests(today.url), API_KEYS).map((r) => JSON.parse(r.body));
    assert.equal(tries.length, 2);
    assert.equal(tries[0].challenge_id, tries[1].challenge_id, 'one request for both tries');
    // The stand-in's log masks codes, one mask character for each: 4 digits went each time.
    assert.deepEqual(tries.map((t) => t.code), [MASKED_CODE, MASKED_CODE], 'the wrong code, then the right one');
  });
});

test('Firefox, today’s Anytype: a reload while the request waits sends no second request and resumes it, before and after Allow', async () => {
  await control(today.url, 'reset');
  await onPage('today reload', today.url, {}, async (page) => {
    await askForAccess(page);
    await approvalWindow(page);
    await page.reload();
    await waitForState(page, 'waiting');
    await approvalWindow(page);
    assert.equal(await part(page, 'ask-button').isVisible(), false, 'no second request while one waits');
    assert.equal(posts(await standInRequests(today.url), CHALLENGES).length, 1);

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
    const sent = async () => posts(await standInRequests(old.url), API_KEYS).length;
    const before = await sent();

    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    assert.equal(await codeField(page).evaluate((input) => input.validity.valid), false);
    assert.equal(await sent(), before, 'a short code is not sent');
    await codeField(page).fill('');

    await typeCode(page, wrongCodeFor(code));
    await waitForPart(page, 'problem', 'Anytype didn’t accept that code.');
    assert.deepEqual(await causes(page), ['mistyped', 'gone-v047']);
    assert.equal(await codeField(page).inputValue(), '');
    assert.equal(await focusedLabel(page), '4-digit code from Anytype');
    assert.ok((await readCodeWindow(page)) === code, 'the same code is still shown');
    await screenshot(page, 'v0.47-wrong-code');

    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await waitForState(page, 'paired');
    await waitForPart(page, 'access', 'Reaches all spaces');
    const tries = posts(await standInRequests(old.url), API_KEYS).slice(-2).map((r) => JSON.parse(r.body));
    assert.equal(tries[0].challenge_id, tries[1].challenge_id, 'one challenge for both tries');
    assert.deepEqual(tries.map((t) => t.code), [MASKED_CODE, MASKED_CODE], 'the wrong code, then the right one');
  });
});

test('Firefox, before 2026: pasting "12 34" or "1234" into the code field works', async () => {
  await onPage('v0.47 paste', old.url, {}, async (page) => {
    await askForCode(page);
    const code = await readCodeWindow(page);
    const paste = async (text) => {
      await codeField(page).focus();
      await page.evaluate((value) => navigator.clipboard.writeText(value), text);
      await page.keyboard.press('ControlOrMeta+V');
      await page.keyboard.press('Enter');
    };
    const wrong = wrongCodeFor(code);
    await paste(`${wrong.slice(0, 2)} ${wrong.slice(2)}`);
    await waitForPart(page, 'problem', 'Anytype didn’t accept that code.');
    const [lastTry] = posts(await standInRequests(old.url), API_KEYS).slice(-1);
    assert.equal(JSON.parse(lastTry.body).code, MASKED_CODE, 'the pasted digits were sent without the space');

    await paste(code);
    await waitForState(page, 'paired');
  });
});

test('Firefox, before 2026: the code window closes itself, and asking again shows another', async () => {
  await onPage('v0.47 new code', `${old.url}?codeWindowSeconds=2`, {}, async (page) => {
    await askForCode(page);
    const first = await readCodeWindow(page);
    await page.locator('#anytype-window').waitFor({ state: 'hidden' });
    const before = posts(await standInRequests(old.url), CHALLENGES).length;
    await part(page, 'ask-button').click();
    const second = await readCodeWindow(page, { notCode: first });
    assert.equal(posts(await standInRequests(old.url), CHALLENGES).length, before + 1);
    await typeCode(page, second);
    await waitForState(page, 'paired');
  });
});

test('Firefox: “Already have a key?”, an unknown key is refused, a valid one is accepted', async () => {
  const { api_key: validKey } = await control(old.url, 'keys');
  await onPage('pasted key', old.url, {}, async (page) => {
    await waitForState(page, 'ready');
    await page.getByText('Already have a key?').click();
    const field = page.getByLabel('API key', { exact: true });
    assert.equal(await field.getAttribute('type'), 'password');
    await field.fill(`${'A'.repeat(43)}=`);
    await field.press('Enter');
    await waitForPart(page, 'problem', 'Anytype doesn’t know this key');

    await field.fill(` ${validKey} `);
    await field.press('Enter');
    await waitForState(page, 'paired');
    assert.equal(await part(page, 'key').textContent(), `Key ending in ${validKey.slice(-4)}.`);
    await screenshot(page, '5-existing-key');
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing stored');
  });
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
    await onPage('2026 mode', strict.url, {}, async (page) => {
      await waitForText(page, '#target-badge', 'Simulated Anytype · 2026 mode');
      await askForCode(page);
      const code = await readCodeWindow(page);
      await typeCode(page, wrongCodeFor(code));
      await waitForPart(page, 'problem', 'Anytype didn’t accept that code.');
      await typeCode(page, code);
      await waitForState(page, 'paired');
    });
  } finally {
    await strict.stop();
  }
});
