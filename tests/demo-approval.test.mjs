// The demo page on today's Anytype (the built-in stand-in's `current` mode, which `make demo`
// runs by default), driven in headless Chromium the way a person uses it: the approval window
// with its space picker, the code after Allow, the grant on the page with the /v1 warning, Deny,
// a second request while one waits, the 3-minute and 5-minute lifetimes (shortened through the
// demo server's STANDIN_PENDING_TTL_MS / STANDIN_CODE_TTL_MS, never by sleeping), 5 wrong codes,
// pasted scoped, legacy, expiring and expired keys, 360 px in dark mode, and a window that never
// covers the page. Writes the screenshots of docs/demo.md (see harness.mjs). Run: node --test
// tests/demo-approval.test.mjs (after `make build`). Keys and codes are compared with assert.ok,
// so a failure never prints one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStandIn, SPACES } from '../stand-in/server.mjs';
import { startDemo, launchBrowser, openPage, runOnPage, docScreenshot, failedLoad, POPUP } from './demo/harness.mjs';
import {
  waitForStep,
  waitForText,
  askForAccess,
  approvalWindow,
  allowInWindow,
  denyInWindow,
  readCodeWindow,
  wrongCodeFor,
  tabTo,
  getJson,
  standInRequests,
  posts,
  control,
} from './demo/person.mjs';

let browser;
let demo; // today's simulated Anytype, with Anytype's own lifetimes

before(async () => {
  [browser, demo] = await Promise.all([launchBrowser(), startDemo({})]);
});
after(async () => {
  await Promise.all([browser?.close(), demo?.stop()]);
});

/** Opens the page and runs `body(page, opened)` (harness.mjs, runOnPage). */
const onPage = (name, url, options, body) => runOnPage(browser, name, url, options, body);

/** A fresh stand-in for tests that count requests or answer Deny: the stand-in's restart. */
const restartStandIn = (demoUrl) => control(demoUrl, 'reset');

const CHALLENGES = '/v1/auth/challenges';
const API_KEYS = '/v1/auth/api_keys';

/** The key shown in step 4, revealed and hidden again (for checks against Anytype; never printed). */
async function revealedKey(page) {
  await page.getByRole('button', { name: 'Reveal' }).click();
  const apiKey = await page.locator('#key-value').textContent();
  await page.getByRole('button', { name: 'Hide' }).click();
  return apiKey;
}

test('make demo runs today’s Anytype by default, and passes the stand-in’s lifetimes to the page', async () => {
  assert.deepEqual(await getJson(`${demo.url}demo-config.json`), {
    simulated: true,
    mode: 'current',
    target: null,
    ttls: { pendingTtlMs: 180_000, codeTtlMs: 300_000 },
  });
  assert.deepEqual(await getJson(`${demo.url}demo-generation.json`), { generation: 'approval', status: 401 });
  const short = await startDemo({ STANDIN_PENDING_TTL_MS: '1500', STANDIN_CODE_TTL_MS: '2500' });
  try {
    assert.deepEqual((await getJson(`${short.url}demo-config.json`)).ttls, { pendingTtlMs: 1500, codeTtlMs: 2500 });
  } finally {
    await short.stop();
  }
  await assert.rejects(startDemo({ STANDIN_CODE_TTL_MS: 'soon' }), /STANDIN_CODE_TTL_MS must be whole milliseconds/);
});

test('approve with two chosen spaces, read only: the key’s grant is on the page, with the /v1 warning; the console stays clean', async () => {
  await restartStandIn(demo.url);
  const { spaces } = await getJson(`${demo.url}_standin/spaces`);
  await onPage('two spaces read only', demo.url, { clean: true }, async (page) => {
    await waitForStep(page, 'step-check', 'done');
    await waitForText(page, '#step-check .step-summary', 'Anytype is running · API version 2025-11-08. It asks you to approve each app, then shows a code (Anytype of 2026).');
    assert.equal(await page.locator('#target-badge').textContent(), 'Simulated Anytype · current mode');
    assert.equal(await page.locator('#step-name-label').textContent(), 'Ask Anytype for access');
    assert.match(await page.locator('#ask-fine').textContent(), /press Allow, and it shows a 4-digit code for 5 minutes\. It takes one request from this page at a time, 10 per run/);
    assert.equal(await page.locator('#anytype-window').isVisible(), false, 'Anytype opens its window only when asked');
    await page.locator('#app-name').fill('Acme Clipper (Chrome)');
    await docScreenshot(page, '2-ask-for-access');

    await tabTo(page, 'Ask Anytype for access');
    await page.keyboard.press('Enter');
    await waitForStep(page, 'step-code', 'active');
    assert.equal(await page.locator('#step-code-label').textContent(), 'Approve in Anytype, then enter the code');
    await waitForText(page, '#code-countdown', /^Waiting for your answer in Anytype: choose the spaces and the access, press Allow, then type the code it shows\. The request lapses in [23]:\d\d if unanswered; after Allow, the code works for 5 minutes\.$/);
    assert.equal(await page.locator('#new-code').isVisible(), false, 'no second request while one waits');

    // The approval window, as Anytype of 2026 shows it.
    const form = await approvalWindow(page);
    assert.equal(await form.locator('[data-approval-app]').textContent(), '“Acme Clipper (Chrome)”');
    assert.equal(await form.locator('.approval-claim').textContent(), 'The name the app gave itself');
    assert.equal(await form.locator('[data-approval-source]').textContent(), demo.url.replace(/\/$/, ''), 'where the request came from');
    assert.deepEqual(await form.locator('.approval-space').allTextContents(), spaces.map((s) => ` ${s.name}`));
    assert.equal(await form.getByRole('radio', { name: 'Read only' }).isChecked(), true, 'read is preselected');
    assert.equal(await form.getByRole('radio', { name: 'All spaces, including ones you create later' }).isChecked(), false, 'no space choice is preselected');
    assert.equal(await form.getByRole('button', { name: 'Allow' }).isDisabled(), true, 'Allow waits for a space choice');
    await waitForText(page, '#approval-pane .approval-fine', /^Deny blocks this app until Anytype restarts\. Unanswered, the request lapses in [23]:\d\d\.$/);
    const warning = form.locator('[data-approval-warning]');
    assert.equal(await warning.textContent(), 'A key limited to some spaces or to read only doesn’t work with apps that use /v1.');
    assert.equal(await warning.isVisible(), true, 'read only is narrowed');
    await form.getByLabel('All spaces, including ones you create later').check();
    await form.getByRole('radio', { name: 'Read and write' }).check();
    assert.equal(await warning.isVisible(), false, 'all spaces with read and write works with /v1');
    await form.getByRole('checkbox', { name: 'Work', exact: true }).check();
    assert.equal(await form.getByRole('radio', { name: 'Only these spaces:' }).isChecked(), true, 'ticking a space chooses spaces');
    assert.equal(await warning.isVisible(), true);
    await form.getByRole('checkbox', { name: 'Reading list', exact: true }).check();
    await form.getByRole('radio', { name: 'Read only' }).check();
    await docScreenshot(page, '3-approval-window');

    await form.getByRole('button', { name: 'Allow' }).click();
    const code = await readCodeWindow(page);
    assert.match(code, /^[0-9]{4}$/);
    await waitForText(page, '#code-pane [data-code-title]', 'Allowed');
    assert.equal(await page.locator('#code-pane [data-code-text]').textContent(), 'Enter this code in “Acme Clipper (Chrome)”.');
    await waitForText(page, '#code-pane [data-code-remaining]', /^Valid for [45]:\d\d$/);
    await page.locator('.code-box').first().focus();
    await docScreenshot(page, '3-enter-the-code');

    await page.keyboard.type(code);
    await waitForStep(page, 'step-key', 'active');
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key. You are connected.');
    await page.locator('#anytype-window').waitFor({ state: 'hidden' }); // Anytype closes its window once the code is used
    await waitForText(page, '#key-spaces', '2 spaces: Work, Reading list.');
    assert.equal(await page.locator('#key-permission').textContent(), 'Read only');
    assert.equal(await page.locator('#key-expires').isVisible(), false, 'a paired key never expires');
    const v1Warning = page.locator('#key-v1-warning');
    assert.equal(await v1Warning.isVisible(), true);
    assert.match(await v1Warning.textContent(), /Apps that use \/v1 can’t use this key\.[\s\S]*pair again and choose\s+All spaces\s+and\s+Read and write/);
    assert.match(await page.locator('#snippet').textContent(), /\/v1 refuses a narrowed key: call the same route under \/v2\nconst url = "http:\/\/127\.0\.0\.1:31009\/v2\/spaces\?limit=1";/);
    await page.locator('#step-key').evaluate((step) => step.scrollIntoView({ block: 'start' }));
    await docScreenshot(page, '4-v1-warning');

    // What the page says is what Anytype does: /v1 refuses the key, and it came from one request.
    const apiKey = await revealedKey(page);
    assert.ok(/^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/.test(apiKey), 'a key of today’s format');
    assert.equal((await fetch(`${demo.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } })).status, 403);
    const requests = await standInRequests(demo.url);
    assert.equal(posts(requests, CHALLENGES).length, 1);
    assert.equal(posts(requests, CHALLENGES)[0].headers.origin, demo.url.replace(/\/$/, ''), 'the demo is a caller of its own');
    assert.equal(posts(requests, API_KEYS).length, 1);

    await page.getByRole('button', { name: 'Pair again with full access' }).click();
    await waitForStep(page, 'step-name', 'active');
    await waitForText(page, '#pair-again-hint', 'This time, choose All spaces and Read and write');
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'nothing kept in storage');
  });
});

test('a real Anytype of today (ANYTYPE_URL): the page says so, the person approves in Anytype itself, step 4 shows the grant', async () => {
  const anytype = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'current' });
  const real = await startDemo({ ANYTYPE_URL: anytype.url });
  try {
    await onPage('real anytype of today', real.url, { clean: true }, async (page) => {
      await waitForText(page, '#step-check .step-summary', 'It asks you to approve each app, then shows a code (Anytype of 2026).');
      assert.equal(await page.locator('#target-badge').textContent(), `Anytype at ${anytype.url.replace(/^http:\/\//, '')}`);
      await askForAccess(page);
      await waitForText(page, '#code-countdown', 'Waiting for your answer in Anytype');
      assert.equal(await page.locator('#anytype-slot').isVisible(), false, 'no simulated window: Anytype shows its own');
      // The person answers in Anytype's own window (played here through the stand-in's API).
      const [request] = anytype.pending();
      assert.equal(request.origin, real.url.replace(/\/$/, ''), 'Anytype shows where the request came from');
      const code = anytype.approve(request.challengeId, { spaceIds: [SPACES[1].id] }, 'read');
      await page.locator('.code-box').first().focus();
      await page.keyboard.type(code);
      await waitForText(page, '#verify-message', '✓ Anytype accepts this key. You are connected.');
      await waitForText(page, '#key-spaces', `One space: ${SPACES[1].name}.`);
      assert.equal(await page.locator('#key-v1-warning').isVisible(), true);
      assert.match(await page.locator('#snippet').textContent(), new RegExp(`const url = "${anytype.url}/v2/spaces\\?limit=1";`), 'the snippet names this Anytype');
    });
  } finally {
    await real.stop();
    await anytype.close();
  }
});

test('all spaces, read and write: no /v1 warning, and the key works on /v1', async () => {
  await restartStandIn(demo.url);
  await onPage('all spaces read and write', demo.url, { clean: true }, async (page) => {
    await askForAccess(page);
    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    await page.locator('.code-box').first().focus();
    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key. You are connected.');
    await waitForText(page, '#key-spaces', 'All spaces, including ones you create later.');
    assert.equal(await page.locator('#key-permission').textContent(), 'Read and write');
    assert.equal(await page.locator('#key-note').textContent(), 'It works with apps that use /v1 and /v2.');
    assert.equal(await page.locator('#key-v1-warning').isVisible(), false);
    assert.match(await page.locator('#snippet').textContent(), /^const url = "http:\/\/127\.0\.0\.1:31009\/v1\/spaces\?limit=1";/);
    await page.locator('#step-key').evaluate((step) => step.scrollIntoView({ block: 'start' }));
    await docScreenshot(page, '4-connected');
    const apiKey = await revealedKey(page);
    assert.equal((await fetch(`${demo.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } })).status, 200);
  });
});

test('Deny: the page explains, and a new request is refused until Anytype (the stand-in) restarts', async () => {
  await restartStandIn(demo.url);
  const refused = failedLoad(500, 'POST', CHALLENGES);
  await onPage('deny', demo.url, { expectFailures: [...refused, ...refused] }, async (page) => {
    await askForAccess(page);
    await denyInWindow(page);
    // Anytype tells the page nothing; the person does.
    await page.getByRole('button', { name: 'Pressed Deny?' }).click();
    await waitForText(page, '#code-countdown', 'You pressed Deny: Anytype refuses this page until it restarts. Quit and reopen Anytype, then ask again.');
    await waitForText(page, '#status', 'You pressed Deny');
    const askAgain = page.getByRole('button', { name: 'Ask Anytype again' });
    await askAgain.click();
    await waitForText(page, '#code-error', 'Anytype refused a new request.');
    assert.deepEqual(await page.locator('#code-error [data-cause]').evaluateAll((items) => items.map((i) => i.dataset.cause)), ['denied', 'waiting', 'too-many', 'logged-out']);
    await waitForText(page, '#code-error [data-cause="denied"]', 'Anytype then refuses this page until it restarts: quit and reopen Anytype, then ask again.');
    assert.equal(await page.locator('#anytype-window').isVisible(), false, 'no new prompt');
    // Still refused: Anytype remembers the Deny of this caller (the demo's own Origin).
    await askAgain.click();
    await page.locator('#new-code:not([aria-busy])').waitFor();
    await waitForText(page, '#code-error', 'Anytype refused a new request.');
    assert.equal(posts(await standInRequests(demo.url), CHALLENGES).length, 3);

    await restartStandIn(demo.url); // quit and reopen Anytype
    await askAgain.click();
    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    await page.locator('.code-box').first().focus();
    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
  });
});

test('a second request while one waits: the page sends none, a reload resumes (before and after Allow), another tab is refused and told why', async () => {
  await restartStandIn(demo.url);
  await onPage('second request', demo.url, { clean: true }, async (page) => {
    await askForAccess(page);
    await approvalWindow(page);
    assert.equal(await page.locator('#new-code').isVisible(), false);
    assert.equal(await page.locator('#name-form').isVisible(), false, 'step 2 is done');

    // A reload keeps the request (sessionStorage) and sends nothing new.
    await page.reload();
    await waitForStep(page, 'step-code', 'active');
    await waitForText(page, '#status', 'Your request is still open');
    await waitForText(page, '#code-countdown', 'Waiting for your answer in Anytype');
    await approvalWindow(page);
    assert.equal(posts(await standInRequests(demo.url), CHALLENGES).length, 1);

    // Another tab knows nothing of it: Anytype refuses, the page says why.
    const other = await openPage(browser, demo.url);
    try {
      await waitForStep(other.page, 'step-name', 'active');
      await other.page.getByRole('button', { name: 'Ask Anytype for access' }).click();
      await waitForText(other.page, '#name-error', 'Anytype refused a new request.');
      assert.deepEqual(await other.page.locator('#name-error [data-cause]').evaluateAll((items) => items.map((i) => i.dataset.cause)), ['waiting', 'denied', 'too-many', 'logged-out']);
      await waitForText(other.page, '#name-error [data-cause="waiting"]', 'Answer it in Anytype’s window (Allow or Deny), or wait until it lapses, 3 minutes after it was made.');
      assert.equal(await other.page.locator('#step-code').getAttribute('data-state'), 'upcoming');
      assert.deepEqual(other.failures.map((f) => f.replace(/ \(http[^)]*\)$/, '')).sort(), failedLoad(500, 'POST', CHALLENGES).sort());
    } finally {
      await other.context.close();
    }

    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    // Reloaded after Allow: the page resumes the request, and Anytype's window still shows the code.
    await page.reload();
    await waitForText(page, '#status', 'Your request is still open');
    assert.ok((await readCodeWindow(page)) === code, 'the same code, shown again');
    await page.locator('.code-box').first().focus();
    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    await page.locator('#anytype-window').waitFor({ state: 'hidden' });
    const requests = await standInRequests(demo.url);
    assert.equal(posts(requests, CHALLENGES).length, 2, 'the page’s one request and the other tab’s refused one');
    assert.equal(posts(requests, API_KEYS).length, 1);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the request and the shown code are forgotten once paired');
  });
});

test('an unanswered request lapses (Anytype: 3 minutes, here 4 s): the window closes, the page says so and may ask again', async () => {
  const short = await startDemo({ STANDIN_PENDING_TTL_MS: '4000' });
  try {
    await onPage('request lapses', short.url, { clean: true }, async (page) => {
      await askForAccess(page);
      await approvalWindow(page);
      await waitForText(page, '#code-countdown', /The request lapses in 0:0[1-4] if unanswered/);
      // Nobody answers: Anytype drops the request and its window, and the page follows.
      await page.locator('#anytype-window').waitFor({ state: 'hidden' });
      await waitForText(page, '#code-countdown', 'Anytype has dropped the request by now, unless you pressed Allow: a code works for 5 minutes after Allow.');
      assert.deepEqual((await getJson(`${short.url}_standin/pending`)).pending, []);
      await page.getByRole('button', { name: 'Ask Anytype again' }).click();
      const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
      await page.locator('.code-box').first().focus();
      await page.keyboard.type(code);
      await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
      assert.equal(posts(await standInRequests(short.url), CHALLENGES).length, 2);
    });
  } finally {
    await short.stop();
  }
});

test('a code runs out (Anytype: 5 minutes after Allow, here 3 s): the window closes, the refused code is explained, a new request works', async () => {
  const short = await startDemo({ STANDIN_CODE_TTL_MS: '3000' });
  try {
    await onPage('code runs out', short.url, { expectFailures: failedLoad(500, 'POST', API_KEYS) }, async (page) => {
      await waitForText(page, '#ask-fine', 'it shows a 4-digit code for 3 seconds');
      await askForAccess(page);
      const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
      await waitForText(page, '#code-pane [data-code-remaining]', /^Valid for 0:0[1-3]$/);
      await page.locator('#anytype-window').waitFor({ state: 'hidden' }); // the code ran out
      await page.locator('.code-box').first().focus();
      await page.keyboard.type(code);
      await waitForText(page, '#code-error', 'Anytype didn’t accept the code.');
      const causes = await page.locator('#code-error [data-cause]').evaluateAll((items) => items.map((i) => i.dataset.cause));
      assert.deepEqual(causes, ['expired', 'mistyped', 'not-allowed', 'locked'], 'the likeliest cause first');
      await waitForText(page, '#code-error [data-cause="expired"]', 'A code works for 5 minutes after Allow');
      await page.getByRole('button', { name: 'Ask Anytype again' }).click();
      const second = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
      await page.locator('.code-box').first().focus();
      await page.keyboard.type(second);
      await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    });
  } finally {
    await short.stop();
  }
});

test('5 wrong codes on one request: the page stops there, says why, and a new request works', async () => {
  await restartStandIn(demo.url);
  const refusedCode = failedLoad(500, 'POST', API_KEYS);
  const expectFailures = Array.from({ length: 5 }, () => refusedCode).flat();
  await onPage('five wrong codes', demo.url, { expectFailures }, async (page) => {
    await askForAccess(page);
    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    await page.locator('.code-box').first().focus();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await page.keyboard.type(wrongCodeFor(code));
      await waitForText(page, '#code-hint', `for 5 tries (${5 - attempt} left)`);
      await waitForText(page, '#code-error', 'That code didn’t match.');
      assert.deepEqual(await page.locator('#code-error [data-cause]').evaluateAll((items) => items.map((i) => i.dataset.cause)), ['mistyped', 'not-allowed', 'expired', 'locked']);
      if (attempt === 1) await docScreenshot(page, '3-wrong-code');
    }
    await page.keyboard.type(wrongCodeFor(code));
    await waitForText(page, '#code-error', 'Anytype takes no more codes for this request.');
    await waitForText(page, '#code-error [data-cause="used-up"]', 'That was try 5 of 5 for this request.');
    await waitForText(page, '#code-countdown', 'Anytype takes no more codes for this request: all 5 tries are used.');
    assert.equal(await page.locator('.code-box').first().isDisabled(), true, 'no 6th try');
    assert.equal(await page.getByRole('button', { name: 'Connect' }).isDisabled(), true);
    const tries = posts(await standInRequests(demo.url), API_KEYS);
    assert.equal(tries.length, 5);
    assert.equal(new Set(tries.map((t) => JSON.parse(t.body).challenge_id)).size, 1, 'all on one request');

    await page.getByRole('button', { name: 'Ask Anytype again' }).click();
    const second = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    await page.locator('.code-box').first().focus();
    await page.keyboard.type(second);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
  });
});

test('“Already have a key?”: scoped, legacy, expiring and expired keys are each explained', async () => {
  await restartStandIn(demo.url);
  const { spaces } = await getJson(`${demo.url}_standin/spaces`);
  const work = spaces.find((s) => s.name === 'Work');
  const { api_key: scopedKey } = await control(demo.url, `keys?spaces=${work.id}&permission=read&format=anytype&name=Clipper`);
  const { api_key: legacyKey } = await control(demo.url, 'keys');
  const { api_key: expiringKey } = await control(demo.url, `keys?spaces=all&permission=readwrite&expires_at=${Date.UTC(2030, 0, 1)}`);
  const { api_key: expiredKey } = await control(demo.url, `keys?spaces=all&permission=readwrite&expires_at=${Date.now() - 60_000}`);
  await onPage('pasted keys', demo.url, { expectFailures: failedLoad(401, 'GET', '/v2/auth/whoami') }, async (page) => {
    await waitForStep(page, 'step-check', 'done');
    const field = page.getByLabel('API key from Anytype → Settings → API Keys');
    const check = async (apiKey) => {
      await field.fill(apiKey);
      await page.getByRole('button', { name: 'Check key' }).click();
    };

    await check(scopedKey);
    await waitForText(page, '#paste-message', '✓ Anytype accepts this key. It is narrowed, so apps that use /v1 can’t use it: step 4 shows what it reaches.');
    await waitForText(page, '#key-spaces', 'One space: Work.');
    assert.equal(await page.locator('#key-permission').textContent(), 'Read only');
    assert.equal(await page.locator('#key-v1-warning').isVisible(), true, 'kept, and explained');
    assert.equal(await page.locator('#key-value').textContent(), `${'•'.repeat(8)}${scopedKey.slice(-4)}`);

    await check(legacyKey);
    await waitForText(page, '#paste-message', 'It is a legacy key that reaches every space');
    await waitForText(page, '#key-spaces', 'Every space: a legacy key, without a grant.');
    assert.equal(await page.locator('#key-permission').textContent(), 'Read and write');
    assert.match(await page.locator('#key-note').textContent(), /works with apps that use \/v1 and \/v2\. Anytype keeps accepting it/);
    assert.equal(await page.locator('#key-v1-warning').isVisible(), false);
    await page.locator('#paste-path').evaluate((card) => card.scrollIntoView({ block: 'end' }));
    await docScreenshot(page, '5-existing-key');

    await check(expiringKey);
    await waitForText(page, '#key-expires', 'Expires 1 January 2030, 00:00 UTC.');
    assert.equal(await page.locator('#key-spaces').textContent(), 'All spaces, including ones you create later.');

    await check(expiredKey);
    await waitForText(page, '#paste-error', 'This key has expired.');
    await waitForText(page, '#paste-error', 'Make a new key in Anytype → Settings → API Keys, or pair with a code above.');
    assert.equal(await page.locator('#key-value').textContent(), `${'•'.repeat(8)}${expiringKey.slice(-4)}`, 'step 4 keeps the last good key');
  });
});

test('at 360 px wide, in dark mode: nothing overflows, and the window sits below the steps', async () => {
  await restartStandIn(demo.url);
  await onPage('popup width', demo.url, { viewport: POPUP, colorScheme: 'dark', clean: true }, async (page) => {
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await askForAccess(page);
    const form = await approvalWindow(page);
    assert.equal(await overflow(), 0);
    await form.getByLabel('All spaces, including ones you create later').check();
    await form.evaluate((element) => element.scrollIntoView({ block: 'end' }));
    await docScreenshot(page, 'popup-360-approval-dark');
    await form.getByRole('radio', { name: 'Read and write' }).check();
    await form.getByRole('button', { name: 'Allow' }).click();
    const code = await readCodeWindow(page);
    await page.locator('#code-boxes').evaluate((boxes) => boxes.scrollIntoView({ block: 'start' }));
    const boxes = await page.locator('#code-boxes').boundingBox();
    const digits = await page.locator('#code-pane [data-code-digits]').boundingBox();
    assert.ok(boxes.y >= 0 && boxes.y + boxes.height <= digits.y && digits.y + digits.height <= POPUP.height, 'the boxes and the code are both in view, the code below');
    await docScreenshot(page, 'popup-360-enter-the-code-dark');
    await page.locator('.code-box').first().focus();
    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    await page.locator('#anytype-window').waitFor({ state: 'hidden' });
    assert.equal(await overflow(), 0);
    await page.locator('#step-key').evaluate((step) => step.scrollIntoView({ block: 'start' }));
    await docScreenshot(page, 'popup-360-connected-dark');
  });
});

/**
 * The page's own controls (links, buttons, fields, outside the simulated window) that the visible
 * window overlaps, at the current scroll position: `[]` when it covers none.
 */
function coveredControls(page) {
  return page.evaluate(() => {
    const windowBox = document.getElementById('anytype-window');
    if (windowBox.hidden) return [];
    const w = windowBox.getBoundingClientRect();
    const controls = [...document.querySelectorAll('a, button, input, select, textarea, summary, [tabindex]')].filter(
      (el) => !windowBox.contains(el) && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden',
    );
    return controls
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.left < w.right && w.left < r.right && r.top < w.bottom && w.top < r.bottom;
      })
      .map((el) => el.id || el.textContent.trim().slice(0, 40) || el.tagName);
  });
}

test('the simulated window never covers the page’s own controls, from 360 px to 1600 px wide', async () => {
  const own = await startDemo({}); // its own stand-in: this test makes one request per width
  try {
    for (const width of [360, 480, 768, 1024, 1039, 1040, 1100, 1280, 1600]) {
      await onPage(`window at ${width} px`, own.url, { viewport: { width, height: 800 }, clean: true }, async (page) => {
        const check = async (moment) => {
          for (const to of ['top', 'bottom']) {
            await page.evaluate((where) => window.scrollTo(0, where === 'top' ? 0 : document.documentElement.scrollHeight), to);
            assert.deepEqual(await coveredControls(page), [], `at ${width} px, ${moment}, scrolled to the ${to}`);
          }
        };
        await askForAccess(page);
        await approvalWindow(page);
        await check('with the approval window');
        const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
        await check('with the code');
        await page.locator('.code-box').first().focus();
        await page.keyboard.type(code);
        await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
        await check('in step 4');
      });
    }
  } finally {
    await own.stop();
  }
});
