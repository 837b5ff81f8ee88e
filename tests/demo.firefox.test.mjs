// The demo page's walkthrough as a person does it, in headless Firefox (Debian's firefox-esr
// through puppeteer-core over WebDriver BiDi), against the same demo server `make demo` starts.
// The steps are person.mjs's, the ones tests/demo.test.mjs runs in Chromium, through the adapter
// in demo/firefox.mjs. Step screenshots go to test-results/screenshots/firefox/ (never to the
// README's docs/screenshots/). Run: node --test tests/demo.firefox.test.mjs (after `make build`).
// Assertions compare keys and codes with assert.ok, so a failure never prints one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startDemo, withScreenshotOnFailure, FAILURE_DIR, POPUP } from './demo/harness.mjs';
import { launchFirefoxForDemo, openFirefoxPage } from './demo/firefox.mjs';
import { waitForStep, waitForText, askForCode, readCodeWindow, wrongCodeFor, boxValues, focusedLabel, tabTo, standInRequests } from './demo/person.mjs';

const SCREENSHOTS = `${FAILURE_DIR}screenshots/firefox/`;

let browser;
let demo; // the simulated-Anytype demo most tests share

before(async () => {
  [browser, demo] = await Promise.all([launchFirefoxForDemo(), startDemo({ STANDIN_MODE: 'v0.47' })]);
  assert.match(await browser.version(), /^firefox\//);
});
after(async () => {
  await Promise.all([browser?.close(), demo?.stop()]);
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

const posts = (requests, route) => requests.filter((r) => r.method === 'POST' && r.path === route);

test('Firefox, happy path, keyboard only: read the code in the simulated window, type it, use the key', async () => {
  const challengesBefore = posts(await standInRequests(demo.url), '/v1/auth/challenges').length;
  await onPage('happy path', demo.url, {}, async (page) => {
    await waitForStep(page, 'step-check', 'done');
    await waitForText(page, '#step-check .step-summary', 'Anytype is running');
    assert.equal(await page.locator('#simulated-banner').isVisible(), true);
    assert.equal(posts(await standInRequests(demo.url), '/v1/auth/challenges').length, challengesBefore, 'no challenge before the click');

    await page.locator('#app-name').fill('Acme Clipper (Firefox)');
    await tabTo(page, 'Show a pairing code in Anytype');
    await page.keyboard.press('Enter');
    await waitForStep(page, 'step-code', 'active');
    const code = await readCodeWindow(page);
    assert.match(code, /^[0-9]{4}$/);
    assert.equal(await focusedLabel(page), 'Digit 1 of 4');
    await screenshot(page, '3-enter-the-code');

    await page.keyboard.type(code); // auto-submits at the fourth digit
    await waitForStep(page, 'step-key', 'active');
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    await page.locator('#code-window').waitFor({ state: 'hidden' });
    const masked = await page.locator('#key-value').textContent();
    assert.match(masked, /^•{8}.{4}$/);
    await screenshot(page, '4-connected');

    await tabTo(page, 'Reveal');
    await page.keyboard.press('Enter');
    const apiKey = await page.locator('#key-value').textContent();
    assert.ok(/^[A-Za-z0-9+/]{43}=$/.test(apiKey), 'Reveal shows a whole 44-character key');
    assert.equal(apiKey.slice(-4), masked.slice(-4));
    await page.getByRole('button', { name: 'Copy' }).click();
    assert.ok((await page.evaluate(() => navigator.clipboard.readText())) === apiKey, 'Copy put the key on the clipboard');

    const spaces = await fetch(`${demo.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } });
    assert.equal(spaces.status, 200, 'the key works against Anytype');
    const [created] = posts(await standInRequests(demo.url), '/v1/auth/challenges').slice(-1);
    assert.equal(JSON.parse(created.body).app_name, 'Acme Clipper (Firefox)');
    assert.equal(created.headers.origin, undefined, 'the forward dropped Origin');

    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    assert.ok(!page.url().includes(apiKey));
    await page.getByRole('button', { name: 'Forget key' }).click();
    await waitForStep(page, 'step-name', 'active');
    assert.equal(await page.locator('#key-value').textContent(), '');
  });
});

test('Firefox: a wrong code clears the boxes, refocuses, and the right code then works on the same challenge', async () => {
  await onPage('wrong code', demo.url, {}, async (page) => {
    await askForCode(page);
    const code = await readCodeWindow(page);

    await page.keyboard.type('12');
    assert.deepEqual(await boxValues(page), ['1', '2', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 3 of 4');
    await page.keyboard.press('Backspace');
    assert.deepEqual(await boxValues(page), ['1', '', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 2 of 4');
    await page.keyboard.press('Backspace');

    await page.keyboard.type(wrongCodeFor(code));
    await waitForText(page, '#code-error', 'That code didn’t match.');
    assert.deepEqual(await boxValues(page), ['', '', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 1 of 4');
    assert.ok((await readCodeWindow(page)) === code, 'the same code is still shown');
    await screenshot(page, '3-wrong-code');

    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    const tries = posts(await standInRequests(demo.url), '/v1/auth/api_keys').slice(-2).map((r) => JSON.parse(r.body));
    assert.equal(tries[0].challenge_id, tries[1].challenge_id, 'one challenge for both tries');
    assert.ok(tries[0].code === wrongCodeFor(code) && tries[1].code === code, 'the wrong code, then the right one');
  });
});

test('Firefox: pasting "12 34" or "1234" fills all four boxes', async () => {
  await onPage('paste', demo.url, {}, async (page) => {
    await askForCode(page);
    const code = await readCodeWindow(page);
    const paste = async (text) => {
      await page.evaluate((value) => navigator.clipboard.writeText(value), text);
      await page.keyboard.press('ControlOrMeta+V');
    };
    const wrong = wrongCodeFor(code);
    await paste(`${wrong.slice(0, 2)} ${wrong.slice(2)}`);
    await waitForText(page, '#code-error', 'That code didn’t match.');
    const [lastTry] = posts(await standInRequests(demo.url), '/v1/auth/api_keys').slice(-1);
    assert.ok(JSON.parse(lastTry.body).code === wrong, 'the pasted digits were sent without the space');

    await page.locator('.code-box').nth(2).focus();
    await paste(code);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
  });
});

test('Firefox: the pasted-key path, an invalid key is refused, a valid one is accepted and remembered on request', async () => {
  const { api_key: validKey } = await (await fetch(`${demo.url}_standin/keys`, { method: 'POST' })).json();
  await onPage('pasted key', demo.url, {}, async (page) => {
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

test('Firefox: the code window closes itself, and "Show a new code" asks for another', async () => {
  await onPage('new code', `${demo.url}?codeWindowSeconds=2`, {}, async (page) => {
    await askForCode(page);
    const first = await readCodeWindow(page);
    await page.locator('#code-window').waitFor({ state: 'hidden' });
    await waitForText(page, '#code-countdown', 'has closed by now');
    const before = posts(await standInRequests(demo.url), '/v1/auth/challenges').length;
    await page.getByRole('button', { name: 'Show a new code' }).click();
    const second = await readCodeWindow(page);
    assert.equal(posts(await standInRequests(demo.url), '/v1/auth/challenges').length, before + 1);
    await page.keyboard.type(second);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    assert.match(first, /^[0-9]{4}$/);
  });
});

test('Firefox, 360 px wide: nothing overflows and pairing works', async () => {
  await onPage('popup width', demo.url, { viewport: POPUP }, async (page) => {
    await askForCode(page);
    const code = await readCodeWindow(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await overflow(), 0);
    const boxes = await page.locator('#code-boxes').boundingBox();
    const codeWindow = await page.locator('#code-window').boundingBox();
    assert.ok(boxes.y >= 0 && boxes.y + boxes.height <= codeWindow.y, 'the code window leaves the boxes visible');
    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    await page.locator('#code-window').waitFor({ state: 'hidden' });
    assert.equal(await overflow(), 0);
    await page.locator('#step-key').scrollIntoViewIfNeeded();
    await screenshot(page, 'popup-360-connected');
  });
});

test('Firefox: the stand-in in 2026 mode, pairing works through the forward', async () => {
  const strict = await startDemo({ STANDIN_MODE: '2026' });
  try {
    await onPage('2026 mode', strict.url, {}, async (page) => {
      await waitForText(page, '#target-badge', 'Simulated Anytype · 2026 mode');
      await askForCode(page);
      const code = await readCodeWindow(page);
      await page.keyboard.type(wrongCodeFor(code));
      await waitForText(page, '#code-error', 'That code didn’t match.');
      await page.keyboard.type(code);
      await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    });
  } finally {
    await strict.stop();
  }
});
