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
  waitForState,
  waitForText,
  part,
  codeField,
  typeCode,
  keyInCodeAndPair,
  askForAccess,
  approvalWindow,
  allowInWindow,
  allowReloadAndPair,
  denyInWindow,
  readCodeWindow,
  wrongCodeFor,
  tabTo,
  getJson,
  standInRequests,
  posts,
  control,
  CHALLENGES,
  API_KEYS,
} from './demo/person.mjs';
import { causes, checkedApprovalWindow, checkedKeyOfOneRequest, reloadWhileTheRequestWaits, revealedKey } from './demo/walkthroughs.mjs';

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

/** The element's generation probe (whoami without a key): the one answer Chromium logs on a healthy walkthrough. */
const PROBE = failedLoad(401, 'GET', '/v2/auth/whoami');

const APP = 'anytype-auth demo (Chrome)';

test('make demo runs today’s Anytype by default, and passes the stand-in’s lifetimes to the page', async () => {
  assert.deepEqual(await getJson(`${demo.url}demo-config.json`), {
    simulated: true,
    mode: 'current',
    target: null,
    ttls: { pendingTtlMs: 180_000, codeTtlMs: 300_000 },
  });
  const short = await startDemo({ STANDIN_PENDING_TTL_MS: '1500', STANDIN_CODE_TTL_MS: '2500' });
  try {
    assert.deepEqual((await getJson(`${short.url}demo-config.json`)).ttls, { pendingTtlMs: 1500, codeTtlMs: 2500 });
  } finally {
    await short.stop();
  }
  await assert.rejects(startDemo({ STANDIN_CODE_TTL_MS: 'soon' }), /STANDIN_CODE_TTL_MS must be whole milliseconds/);
});

test('approve with two chosen spaces, read only: the key’s grant is on the page, with the /v1 warning; the console shows only the generation probe', async () => {
  await restartStandIn(demo.url);
  const { spaces } = await getJson(`${demo.url}_standin/spaces`);
  await onPage('two spaces read only', demo.url, { expectFailures: PROBE }, async (page) => {
    await waitForState(page, 'ready');
    await waitForText(page, 'anytype-pair [part=status]', /^Anytype will ask you to approve “anytype-auth demo \(Chrome\)”/);
    await waitForText(page, '#target-badge', 'Simulated Anytype · current mode');
    assert.equal(await page.locator('#anytype-window').isVisible(), false, 'Anytype opens its window only when asked');
    await docScreenshot(page, '2-ask-for-access');

    await tabTo(page, 'Ask Anytype for access');
    await page.keyboard.press('Enter');
    await waitForState(page, 'waiting');
    await waitForText(page, 'anytype-pair [part=status]', /Press Allow there, then type the code it shows\. The request waits until/);
    assert.equal(await part(page, 'ask-button').isVisible(), false, 'no second request while one waits');

    // The approval window, as Anytype of 2026 shows it.
    const form = await checkedApprovalWindow(page, demo.url, APP);
    assert.equal(await form.locator('.approval-claim').textContent(), 'The name the app gave itself');
    assert.deepEqual(await form.locator('.approval-space').allTextContents(), spaces.map((s) => ` ${s.name}`));
    assert.equal(await form.getByRole('radio', { name: 'All spaces, including ones you create later' }).isChecked(), false, 'no space choice is preselected');
    await waitForText(page, '#approval-pane .approval-fine', /^Deny blocks this app until Anytype restarts\. Unanswered, the request lapses in [23]:\d\d\.$/);
    const warning = form.locator('[data-approval-warning]');
    assert.equal(await warning.isVisible(), true, 'read only is narrowed');
    await form.getByLabel('All spaces, including ones you create later').check();
    await form.getByRole('radio', { name: 'Read and write' }).check();
    assert.equal(await warning.isVisible(), false, 'all spaces with read and write works with /v1');
    await form.getByRole('checkbox', { name: 'Work', exact: true }).check();
    assert.equal(await form.getByRole('radio', { name: 'Only these spaces:' }).isChecked(), true, 'ticking a space chooses spaces');
    await form.getByRole('checkbox', { name: 'Reading list', exact: true }).check();
    await form.getByRole('radio', { name: 'Read only' }).check();
    await docScreenshot(page, '3-approval-window');

    await form.getByRole('button', { name: 'Allow' }).click();
    const code = await readCodeWindow(page);
    assert.match(code, /^[0-9]{4}$/);
    await waitForText(page, '#code-pane [data-code-title]', 'Allowed');
    assert.match(await page.locator('#code-pane [data-code-text]').textContent(), /^Enter this code in “anytype-auth demo \(Chrome\)”\.$/);
    await codeField(page).focus();
    await docScreenshot(page, '3-enter-the-code');

    await keyInCodeAndPair(page, code); // Anytype closes its window once the code is used
    assert.equal(await part(page, 'access').textContent(), 'Reaches these spaces: Work, Reading list. Read only.');
    assert.equal(await part(page, 'warning').isVisible(), true);
    assert.match(await part(page, 'warning').textContent(), /apps that use \/v1 refuse it/);
    assert.equal(await page.getByRole('button', { name: 'Ask Anytype again' }).isVisible(), true, 'pairing again is offered');
    assert.ok((await page.locator('#snippet').textContent()).startsWith('fetch("http://127.0.0.1:31009/v2/spaces"'), 'the snippet calls /v2, which takes a narrowed key');
    await docScreenshot(page, '4-v1-warning');

    // What the page says is what Anytype does: /v1 refuses the key, and it came from one request.
    const apiKey = await checkedKeyOfOneRequest(page, demo.url, { appName: APP });
    assert.equal((await fetch(`${demo.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } })).status, 403);
  });
});

test('a real Anytype of today (ANYTYPE_URL): the page says so, the person approves in Anytype itself, the element shows the grant', async () => {
  const anytype = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'current' });
  const real = await startDemo({ ANYTYPE_URL: anytype.url });
  try {
    await onPage('real anytype of today', real.url, { expectFailures: PROBE }, async (page) => {
      await waitForText(page, '#target-badge', `Anytype at ${anytype.url.replace(/^http:\/\//, '')}`);
      await askForAccess(page);
      assert.equal(await page.locator('#anytype-slot').isVisible(), false, 'no simulated window: Anytype shows its own');
      // The person answers in Anytype's own window (played here through the stand-in's API).
      const [request] = anytype.pending();
      assert.equal(request.origin, real.url.replace(/\/$/, ''), 'Anytype shows where the request came from');
      const code = anytype.approve(request.challengeId, { spaceIds: [SPACES[1].id] }, 'read');
      await typeCode(page, code);
      await waitForState(page, 'paired');
      assert.equal(await part(page, 'access').textContent(), `Reaches these spaces: ${SPACES[1].name}. Read only.`);
      assert.equal(await part(page, 'warning').isVisible(), true);
      assert.ok((await page.locator('#snippet').textContent()).includes(`fetch("${anytype.url}/v2/spaces"`), 'the snippet names this Anytype, on /v2 for a narrowed key');
    });
  } finally {
    await real.stop();
    await anytype.close();
  }
});

test('all spaces, read and write: no /v1 warning, and the key works on /v1', async () => {
  await restartStandIn(demo.url);
  await onPage('all spaces read and write', demo.url, { expectFailures: PROBE }, async (page) => {
    await askForAccess(page);
    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    await typeCode(page, code);
    await waitForState(page, 'paired');
    assert.equal(await part(page, 'access').textContent(), 'Reaches all spaces, including ones you create later. Read and write.');
    assert.equal(await part(page, 'warning').isVisible(), false);
    assert.ok((await page.locator('#snippet').textContent()).startsWith('fetch("http://127.0.0.1:31009/v1/spaces"'), 'a whole key works on /v1');
    const apiKey = await revealedKey(page);
    assert.equal((await fetch(`${demo.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } })).status, 200);
  });
});

test('Deny: the page explains, and a new request is refused until Anytype (the stand-in) restarts', async () => {
  await restartStandIn(demo.url);
  const refused = failedLoad(500, 'POST', CHALLENGES);
  await onPage('deny', demo.url, { expectFailures: [...PROBE, ...refused, ...refused] }, async (page) => {
    await askForAccess(page);
    await denyInWindow(page);
    // Anytype tells the page nothing; the person does.
    await page.getByRole('button', { name: 'I pressed Deny' }).click();
    await waitForText(page, 'anytype-pair [part=problem]', 'The request was dropped.');
    assert.deepEqual(await causes(page), ['denied']);
    const askAgain = part(page, 'ask-button');
    await askAgain.click();
    await waitForText(page, 'anytype-pair [part=problem]', 'Anytype refused a new request.');
    assert.deepEqual(await causes(page), ['denied', 'waiting', 'too-many', 'logged-out']);
    await waitForText(page, 'anytype-pair [part~=cause-denied]', 'Anytype then refuses this app until it restarts');
    assert.equal(await page.locator('#anytype-window').isVisible(), false, 'no new prompt');
    // Still refused: Anytype remembers the Deny of this caller (the demo's own Origin).
    await askAgain.click();
    await waitForState(page, 'error');
    assert.equal(posts(await standInRequests(demo.url), CHALLENGES).length, 3);

    await restartStandIn(demo.url); // quit and reopen Anytype
    await askAgain.click();
    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    await typeCode(page, code);
    await waitForState(page, 'paired');
  });
});

test('a second request while one waits: the page sends none, a reload resumes (before and after Allow), another tab is refused and told why', async () => {
  await restartStandIn(demo.url);
  // One generation probe per page load: the first and two reloads.
  await onPage('second request', demo.url, { expectFailures: [...PROBE, ...PROBE, ...PROBE] }, async (page) => {
    await reloadWhileTheRequestWaits(page, demo.url);

    // Another tab knows nothing of it: Anytype refuses, the page says why.
    const other = await openPage(browser, demo.url);
    try {
      await waitForState(other.page, 'ready');
      await part(other.page, 'ask-button').click();
      await waitForText(other.page, 'anytype-pair [part=problem]', 'Anytype refused a new request.');
      assert.deepEqual(await causes(other.page), ['waiting', 'denied', 'too-many', 'logged-out']);
      await waitForText(other.page, 'anytype-pair [part~=cause-waiting]', 'or wait until it lapses, 3 minutes after it was made.');
      assert.deepEqual(other.failures.map((f) => f.replace(/ \(http[^)]*\)$/, '')).sort(), [...PROBE, ...failedLoad(500, 'POST', CHALLENGES)].sort());
    } finally {
      await other.context.close();
    }

    // Reloaded after Allow: the page resumes the request, and Anytype's window still shows the code.
    await allowReloadAndPair(page);
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
    await onPage('request lapses', short.url, { expectFailures: PROBE }, async (page) => {
      await askForAccess(page);
      await approvalWindow(page);
      // Nobody answers: Anytype drops the request and its window, and the page follows.
      await page.locator('#anytype-window').waitFor({ state: 'hidden' });
      await waitForText(page, 'anytype-pair [part=status]', 'The request may have lapsed.');
      assert.deepEqual((await getJson(`${short.url}_standin/pending`)).pending, []);
      await page.getByRole('button', { name: 'Ask Anytype again' }).click();
      const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
      await typeCode(page, code);
      await waitForState(page, 'paired');
      assert.equal(posts(await standInRequests(short.url), CHALLENGES).length, 2);
    });
  } finally {
    await short.stop();
  }
});

test('a code runs out (Anytype: 5 minutes after Allow, here 3 s): the window closes, the refused code is explained, a new request works', async () => {
  const short = await startDemo({ STANDIN_CODE_TTL_MS: '3000' });
  try {
    await onPage('code runs out', short.url, { expectFailures: [...PROBE, ...failedLoad(500, 'POST', API_KEYS)] }, async (page) => {
      await askForAccess(page);
      const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
      await waitForText(page, '#code-pane [data-code-remaining]', /^Valid for 0:0[1-3]$/);
      await page.locator('#anytype-window').waitFor({ state: 'hidden' }); // the code ran out
      await typeCode(page, code);
      await waitForText(page, 'anytype-pair [part=problem]', 'Anytype didn’t accept that code.');
      assert.deepEqual(await causes(page), ['expired', 'mistyped', 'not-allowed', 'locked'], 'the likeliest cause first');
      await page.getByRole('button', { name: 'Ask Anytype again' }).click();
      const second = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
      await typeCode(page, second);
      await waitForState(page, 'paired');
    });
  } finally {
    await short.stop();
  }
});

test('5 wrong codes on one request: the page stops there, says why, and a new request works', async () => {
  await restartStandIn(demo.url);
  const refusedCode = failedLoad(500, 'POST', API_KEYS);
  const expectFailures = [...PROBE, ...Array.from({ length: 5 }, () => refusedCode).flat()];
  await onPage('five wrong codes', demo.url, { expectFailures }, async (page) => {
    await askForAccess(page);
    const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await typeCode(page, wrongCodeFor(code));
      await waitForText(page, 'anytype-pair [part=tries]', `${5 - attempt} of 5 tries left for this request.`);
      await waitForText(page, 'anytype-pair [part=problem]', 'Anytype didn’t accept that code.');
      assert.deepEqual(await causes(page), ['mistyped', 'not-allowed', 'expired', 'locked']);
    }
    await typeCode(page, wrongCodeFor(code));
    await waitForText(page, 'anytype-pair [part=problem]', 'Anytype takes no more codes for this request.');
    assert.deepEqual(await causes(page), ['used-up', 'locked']);
    await waitForText(page, 'anytype-pair [part~=cause-used-up]', 'That was try 5 of 5');
    assert.equal(await codeField(page).isVisible(), false, 'no 6th try');
    const tries = posts(await standInRequests(demo.url), API_KEYS);
    assert.equal(tries.length, 5);
    assert.equal(new Set(tries.map((t) => JSON.parse(t.body).challenge_id)).size, 1, 'all on one request');

    await page.getByRole('button', { name: 'Ask Anytype again' }).click();
    const second = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
    await typeCode(page, second);
    await waitForState(page, 'paired');
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
  // A generation probe at the start and after each of the three Forgets, then the expired key's 401.
  await onPage('pasted keys', demo.url, { expectFailures: [...PROBE, ...PROBE, ...PROBE, ...PROBE, ...failedLoad(401, 'GET', '/v2/auth/whoami')] }, async (page) => {
    await waitForState(page, 'ready');
    const field = page.getByLabel('API key', { exact: true });
    const check = async (apiKey) => {
      if (!(await field.isVisible())) await page.getByText('Already have a key?').click();
      await field.fill(apiKey);
      await page.getByRole('button', { name: 'Check key' }).click();
    };
    const forget = async () => {
      await page.getByRole('button', { name: 'Forget this key' }).click();
      await waitForState(page, 'ready');
    };

    await check(scopedKey);
    await waitForState(page, 'paired');
    assert.equal(await part(page, 'access').textContent(), 'Reaches these spaces: Work. Read only.');
    assert.equal(await part(page, 'warning').isVisible(), true, 'kept, and explained');
    assert.equal(await part(page, 'key').textContent(), `Key ending in ${scopedKey.slice(-4)}.`);
    await forget();

    await check(legacyKey);
    await waitForState(page, 'paired');
    assert.equal(await part(page, 'access').textContent(), 'Reaches all spaces, including ones you create later. Read and write.');
    assert.equal(await part(page, 'warning').isVisible(), false);
    await docScreenshot(page, '5-existing-key');
    await forget();

    await check(expiringKey);
    await waitForState(page, 'paired');
    assert.equal(await part(page, 'key').textContent(), `Key ending in ${expiringKey.slice(-4)}.`);
    await forget();

    await check(expiredKey);
    await waitForText(page, 'anytype-pair [part=problem]', 'This key has expired.');
    assert.notEqual(await page.locator('anytype-pair').getAttribute('state'), 'paired');
  });
});

test('at 360 px wide, in dark mode: nothing overflows, and the window sits below the element', async () => {
  await restartStandIn(demo.url);
  await onPage('popup width', demo.url, { viewport: POPUP, colorScheme: 'dark', expectFailures: PROBE }, async (page) => {
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
    await codeField(page).evaluate((field) => field.scrollIntoView({ block: 'start' }));
    const field = await codeField(page).boundingBox();
    const digits = await page.locator('#code-pane [data-code-digits]').boundingBox();
    assert.ok(field.y >= 0 && field.y + field.height <= digits.y && digits.y + digits.height <= POPUP.height, 'the code field and the code are both in view, the code below');
    await docScreenshot(page, 'popup-360-enter-the-code-dark');
    await typeCode(page, code);
    await waitForState(page, 'paired');
    await page.locator('#anytype-window').waitFor({ state: 'hidden' });
    assert.equal(await overflow(), 0);
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
    const selector = 'a, button, input, select, textarea, summary, [tabindex]';
    const pair = document.querySelector('anytype-pair');
    const controls = [...document.querySelectorAll(selector), ...pair.shadowRoot.querySelectorAll(selector)].filter(
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
      await onPage(`window at ${width} px`, own.url, { viewport: { width, height: 800 }, expectFailures: PROBE }, async (page) => {
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
        await typeCode(page, code);
        await waitForState(page, 'paired');
        await check('once paired');
      });
    }
  } finally {
    await own.stop();
  }
});
