// The demo page's walkthrough as a person does it, in headless Firefox (Debian's firefox-esr
// through puppeteer-core over WebDriver BiDi), against the same demo server `make demo` starts.
// The steps are person.mjs's, the ones tests/demo.test.mjs and tests/demo-approval.test.mjs run in
// Chromium, through the adapter in demo/firefox.mjs: today's Anytype (the approval window, then
// the code; all spaces with read and write, and one space read only after a wrong code), Anytype
// before 2026 (the code at once: a wrong code then the right one, pasting, the window closing),
// the pasted-key path, 360 px, and the gate-only stand-in. Step screenshots go to
// test-results/screenshots/firefox/ (never to docs/screenshots/). Run:
// node --test tests/demo.firefox.test.mjs (after `make build`). Keys and codes are compared with
// assert.ok, so a failure never prints one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startDemo, withScreenshotOnFailure, FAILURE_DIR, POPUP } from './demo/harness.mjs';
import { launchFirefoxForDemo, openFirefoxPage } from './demo/firefox.mjs';
import {
  waitForStep,
  waitForText,
  askForCode,
  askForAccess,
  approvalWindow,
  allowInWindow,
  readCodeWindow,
  wrongCodeFor,
  boxValues,
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

/** The key shown in step 4, revealed by keyboard and hidden again (never printed). */
async function revealedKey(page) {
  await tabTo(page, 'Reveal');
  await page.keyboard.press('Enter');
  const apiKey = await page.locator('#key-value').textContent();
  await page.getByRole('button', { name: 'Hide' }).click();
  return apiKey;
}

test('Firefox, today’s Anytype by keyboard: ask for access, Allow all spaces with read and write, type the code, use the key', async () => {
  await control(today.url, 'reset');
  await onPage('today happy path', today.url, {}, async (page) => {
    await waitForStep(page, 'step-check', 'done');
    await waitForText(page, '#step-check .step-summary', 'It asks you to approve each app, then shows a code (Anytype of 2026).');
    assert.equal(await page.locator('#anytype-window').isVisible(), false, 'Anytype opens its window only when asked');
    assert.equal(posts(await standInRequests(today.url), CHALLENGES).length, 0, 'no request before the click');

    await page.locator('#app-name').fill('Acme Clipper (Firefox)');
    await tabTo(page, 'Ask Anytype for access');
    await page.keyboard.press('Enter');
    await waitForStep(page, 'step-code', 'active');
    assert.equal(await page.locator('#new-code').isVisible(), false, 'no second request while one waits');
    const form = await approvalWindow(page);
    assert.equal(await form.locator('[data-approval-app]').textContent(), '“Acme Clipper (Firefox)”');
    assert.equal(await form.locator('[data-approval-source]').textContent(), today.url.replace(/\/$/, ''), 'where the request came from');
    assert.equal(await form.getByRole('radio', { name: 'Read only' }).isChecked(), true, 'read is preselected');
    assert.equal(await form.getByRole('button', { name: 'Allow' }).isDisabled(), true, 'Allow waits for a space choice');
    await screenshot(page, '3-approval-window');

    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    assert.match(code, /^[0-9]{4}$/);
    await page.locator('.code-box').first().focus();
    await screenshot(page, '3-enter-the-code');
    await page.keyboard.type(code); // auto-submits at the fourth digit
    await waitForStep(page, 'step-key', 'active');
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key. You are connected.');
    await page.locator('#anytype-window').waitFor({ state: 'hidden' }); // Anytype closes its window once the code is used
    await waitForText(page, '#key-spaces', 'All spaces, including ones you create later.');
    assert.equal(await page.locator('#key-permission').textContent(), 'Read and write');
    assert.equal(await page.locator('#key-v1-warning').isVisible(), false);
    await page.locator('#step-key').evaluate((step) => step.scrollIntoView({ block: 'start' }));
    await screenshot(page, '4-connected');

    const apiKey = await revealedKey(page);
    assert.ok(/^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/.test(apiKey), 'a key of today’s format');
    await page.getByRole('button', { name: 'Copy' }).click();
    assert.ok((await page.evaluate(() => navigator.clipboard.readText())) === apiKey, 'Copy put the key on the clipboard');
    assert.equal((await fetch(`${today.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } })).status, 200, 'the key works on /v1');
    const requests = await standInRequests(today.url);
    assert.equal(posts(requests, CHALLENGES).length, 1);
    assert.equal(JSON.parse(posts(requests, CHALLENGES)[0].body).app_name, 'Acme Clipper (Firefox)');
    assert.equal(posts(requests, CHALLENGES)[0].headers.origin, today.url.replace(/\/$/, ''), 'the demo is a caller of its own');
    assert.equal(posts(requests, API_KEYS).length, 1);

    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'nothing kept in storage');
    assert.ok(!page.url().includes(apiKey));
    await page.getByRole('button', { name: 'Forget key' }).click();
    await waitForStep(page, 'step-name', 'active');
    assert.equal(await page.locator('#key-value').textContent(), '');
  });
});

test('Firefox, today’s Anytype: one space read only, a wrong code first, then the right one on the same request', async () => {
  await control(today.url, 'reset');
  await onPage('today wrong code', today.url, {}, async (page) => {
    await askForAccess(page);
    const code = await allowInWindow(page, { spaces: ['Work'], permission: 'read' });
    await page.locator('.code-box').first().focus();
    await page.keyboard.type(wrongCodeFor(code));
    await waitForText(page, '#code-error', 'That code didn’t match.');
    assert.deepEqual(await boxValues(page), ['', '', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 1 of 4');
    assert.ok((await readCodeWindow(page)) === code, 'the same code is still shown');
    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key. You are connected.');
    await waitForText(page, '#key-spaces', 'One space: Work.');
    assert.equal(await page.locator('#key-permission').textContent(), 'Read only');
    assert.equal(await page.locator('#key-v1-warning').isVisible(), true, 'a narrowed key does not work on /v1');
    const tries = posts(await standInRequests(today.url), API_KEYS).map((r) => JSON.parse(r.body));
    assert.equal(tries.length, 2);
    assert.equal(tries[0].challenge_id, tries[1].challenge_id, 'one request for both tries');
    // The stand-in's log masks codes, one mask character for each: 4 digits went each time.
    assert.deepEqual(tries.map((t) => t.code), [MASKED_CODE, MASKED_CODE], 'the wrong code, then the right one');
  });
});

test('Firefox, before 2026: the code at once; typing, Backspace, a wrong code, then the right one', async () => {
  await onPage('v0.47 wrong code', old.url, {}, async (page) => {
    await waitForText(page, '#step-check .step-summary', 'It shows the pairing code at once (Anytype before 2026).');
    await askForCode(page);
    const code = await readCodeWindow(page);

    await page.keyboard.type('12');
    assert.deepEqual(await boxValues(page), ['1', '2', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 3 of 4');
    await page.keyboard.press('Backspace');
    assert.deepEqual(await boxValues(page), ['1', '', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 2 of 4');
    await page.keyboard.press('Enter');
    await waitForText(page, '#code-error', 'Enter all 4 digits.');
    await page.keyboard.press('Backspace');

    await page.keyboard.type(wrongCodeFor(code));
    await waitForText(page, '#code-error', 'That code didn’t match.');
    assert.deepEqual(await boxValues(page), ['', '', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 1 of 4');
    assert.ok((await readCodeWindow(page)) === code, 'the same code is still shown');
    await screenshot(page, 'v0.47-wrong-code');

    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype issued this key just now');
    await waitForText(page, '#key-spaces', 'Every space: Anytype before 2026 makes no narrowed keys.');
    const tries = posts(await standInRequests(old.url), API_KEYS).slice(-2).map((r) => JSON.parse(r.body));
    assert.equal(tries[0].challenge_id, tries[1].challenge_id, 'one challenge for both tries');
    assert.deepEqual(tries.map((t) => t.code), [MASKED_CODE, MASKED_CODE], 'the wrong code, then the right one');
  });
});

test('Firefox, before 2026: pasting "12 34" or "1234" fills all four boxes', async () => {
  await onPage('v0.47 paste', old.url, {}, async (page) => {
    await askForCode(page);
    const code = await readCodeWindow(page);
    const paste = async (text) => {
      await page.evaluate((value) => navigator.clipboard.writeText(value), text);
      await page.keyboard.press('ControlOrMeta+V');
    };
    const wrong = wrongCodeFor(code);
    await paste(`${wrong.slice(0, 2)} ${wrong.slice(2)}`);
    await waitForText(page, '#code-error', 'That code didn’t match.');
    const [lastTry] = posts(await standInRequests(old.url), API_KEYS).slice(-1);
    assert.equal(JSON.parse(lastTry.body).code, MASKED_CODE, 'the pasted digits were sent without the space');

    await page.locator('.code-box').nth(2).focus();
    await paste(code);
    await waitForText(page, '#verify-message', '✓ Anytype issued this key just now');
  });
});

test('Firefox, before 2026: the code window closes itself, and "Show a new code" asks for another', async () => {
  await onPage('v0.47 new code', `${old.url}?codeWindowSeconds=2`, {}, async (page) => {
    await askForCode(page);
    const first = await readCodeWindow(page);
    await page.locator('#anytype-window').waitFor({ state: 'hidden' });
    await waitForText(page, '#code-countdown', 'has closed by now');
    const before = posts(await standInRequests(old.url), CHALLENGES).length;
    await page.getByRole('button', { name: 'Show a new code' }).click();
    const second = await readCodeWindow(page);
    assert.equal(posts(await standInRequests(old.url), CHALLENGES).length, before + 1);
    await page.keyboard.type(second);
    await waitForText(page, '#verify-message', '✓ Anytype issued this key just now');
    assert.match(first, /^[0-9]{4}$/);
  });
});

test('Firefox: the pasted-key path, an invalid key is refused, a valid one is accepted and remembered on request', async () => {
  const { api_key: validKey } = await control(old.url, 'keys');
  await onPage('pasted key', old.url, {}, async (page) => {
    await waitForStep(page, 'step-check', 'done');
    const field = page.getByLabel('API key from Anytype → Settings → API Keys');
    assert.equal(await field.getAttribute('type'), 'password');
    await field.fill('not-a-key-anytype-knows');
    await page.getByRole('button', { name: 'Check key' }).click();
    await waitForText(page, '#paste-error', 'Anytype doesn’t accept this key.');

    await field.fill(` ${validKey} `);
    await field.press('Enter');
    await waitForText(page, '#paste-message', '✓ Anytype accepts this key');
    await waitForStep(page, 'step-key', 'active');
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    assert.equal(await page.locator('#key-value').textContent(), `${'•'.repeat(8)}${validKey.slice(-4)}`);
    assert.equal(await field.inputValue(), '', 'the field is emptied');
    await screenshot(page, '5-existing-key');

    await page.getByLabel(/Remember the key in this browser/).check();
    assert.equal(await page.evaluate(() => Object.values(localStorage).length), 1);
    await page.reload();
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    assert.equal(await page.locator('#key-value').textContent(), `${'•'.repeat(8)}${validKey.slice(-4)}`);
    await page.getByRole('button', { name: 'Forget key' }).click();
    assert.equal(await page.evaluate(() => localStorage.length), 0);
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
    await page.locator('.code-box').first().focus();
    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key. You are connected.');
    await page.locator('#anytype-window').waitFor({ state: 'hidden' });
    assert.equal(await overflow(), 0);
    await page.locator('#step-key').scrollIntoViewIfNeeded();
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
      await page.keyboard.type(wrongCodeFor(code));
      await waitForText(page, '#code-error', 'That code didn’t match.');
      await page.keyboard.type(code);
      await waitForText(page, '#verify-message', '✓ Anytype issued this key just now');
    });
  } finally {
    await strict.stop();
  }
});
