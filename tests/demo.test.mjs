// The demo page (www/) and its server (scripts/demo-server.mjs), driven in headless Chromium the
// way a person uses it, against the same server `make demo` starts: the server itself (files,
// refused paths, the forward, the generation probe), the walkthrough on Anytype before 2026 (the
// built-in stand-in's v0.47 and gate modes, where the code shows at once), Anytype missing or
// late, errors. Today's Anytype (the approval window) is tests/demo-approval.test.mjs. Also
// writes the screenshots of docs/demo.md (see harness.mjs). Run: node --test tests/demo.test.mjs (after
// `make build`). Assertions compare keys and codes with assert.ok, so a failure never prints one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStandIn } from '../stand-in/server.mjs';
import { resolveStaticFile } from '../scripts/demo-static.mjs';
import { probeGeneration } from '../scripts/demo-generation.mjs';
import { startDemo, closedPort, launchBrowser, runOnPage, docScreenshot, failedLoad } from './demo/harness.mjs';
import {
  waitForStep,
  waitForText,
  askForCode,
  readCodeWindow,
  wrongCodeFor,
  boxValues,
  focusedLabel,
  tabTo,
  getJson,
  standInRequests,
  posts,
  MASKED_CODE,
} from './demo/person.mjs';

let browser;
let demo; // the simulated Anytype before 2026 (stand-in v0.47 mode) most tests share

before(async () => {
  [browser, demo] = await Promise.all([launchBrowser(), startDemo({ STANDIN_MODE: 'v0.47' })]);
});
after(async () => {
  await Promise.all([browser?.close(), demo?.stop()]);
});

/** Opens the page and runs `body(page, opened)` (harness.mjs, runOnPage). */
const onPage = (name, url, options, body) => runOnPage(browser, name, url, options, body);

/** A raw GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(url, rawPath, headers = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: rawPath, method: 'GET', headers, agent: false }, (answer) => {
      let body = '';
      answer.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      answer.on('end', () => resolve({ status: answer.statusCode, headers: answer.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

test('the server serves www/ and pkg/ with the right types and a strict CSP', async () => {
  const expected = {
    '': 'text/html; charset=utf-8',
    'demo.js': 'text/javascript; charset=utf-8',
    'demo.css': 'text/css; charset=utf-8',
    'pkg/index.js': 'text/javascript; charset=utf-8',
    'pkg/anytype_auth_bg.wasm': 'application/wasm',
  };
  for (const [file, type] of Object.entries(expected)) {
    const answer = await fetch(demo.url + file);
    assert.equal(answer.status, 200, file);
    assert.equal(answer.headers.get('content-type'), type, file);
    const csp = answer.headers.get('content-security-policy');
    for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) {
      assert.ok(csp.includes(directive), `${file}: ${directive}`);
    }
  }
  const html = await (await fetch(demo.url)).text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\/(?!anytype\.io\/")/, 'no external resource');
  assert.deepEqual(await getJson(`${demo.url}demo-config.json`), { simulated: true, mode: 'v0.47', target: null, ttls: null });
});

test('the server refuses paths outside www/ and pkg/', async () => {
  const outside = [
    '/../Makefile',
    '/..%2fMakefile',
    '/%2e%2e/Makefile',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/pkg/../Makefile',
    '/pkg/%2e%2e/Cargo.toml',
    '/pkg/..%5cCargo.toml',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/stand-in/server.mjs',
    '/scripts/demo-server.mjs',
    '/.gitignore',
    '/%00',
    '/%zz',
  ];
  for (const rawPath of outside) {
    const answer = await rawGet(demo.url, rawPath);
    assert.ok([400, 404].includes(answer.status), `${rawPath} gave ${answer.status}`);
    assert.doesNotMatch(answer.body, /SHELL|root:|\[package\]|import /, rawPath);
  }
  const post = await fetch(demo.url, { method: 'POST' });
  assert.equal(post.status, 405);

  // A symlink inside a served folder that points outside it is not followed.
  const dir = mkdtempSync(path.join(tmpdir(), 'demo-static-'));
  try {
    mkdirSync(path.join(dir, 'www'));
    mkdirSync(path.join(dir, 'pkg'));
    writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    writeFileSync(path.join(dir, 'www', 'page.html'), 'page');
    symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'www', 'link.txt'));
    symlinkSync(dir, path.join(dir, 'pkg', 'up'));
    const roots = { www: path.join(dir, 'www'), pkg: path.join(dir, 'pkg') };
    assert.equal(await resolveStaticFile(roots, '/page.html'), path.join(dir, 'www', 'page.html'));
    await assert.rejects(resolveStaticFile(roots, '/link.txt'), { status: 404 });
    await assert.rejects(resolveStaticFile(roots, '/pkg/up/secret.txt'), { status: 404 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the server forwards /v1, /v2 and /docs for its own page only, relays Anytype-Version and sends its own Origin', async () => {
  const standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'current' });
  const direct = await startDemo({ ANYTYPE_URL: standIn.url });
  try {
    const demoOrigin = direct.url.replace(/\/$/, '');
    const answer = await fetch(`${direct.url}v1/auth/challenges`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: demoOrigin, 'Sec-Fetch-Site': 'same-origin', Cookie: 'a=b' },
      body: JSON.stringify({ app_name: 'Forward test' }),
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.headers.get('anytype-version'), '2025-11-08');
    assert.match((await answer.json()).challenge_id, /^[0-9a-f]{24}$/);
    const [seen] = standIn.requests().slice(-1);
    assert.equal(seen.headers.origin, demoOrigin, 'Anytype sees the demo as a caller of its own');
    assert.equal(seen.headers.cookie, undefined);
    assert.equal(seen.headers['sec-fetch-site'], undefined);
    assert.equal(seen.headers.host, new URL(standIn.url).host);
    assert.equal(seen.body, '{"app_name":"Forward test"}');
    assert.deepEqual(standIn.pending().map((p) => p.caller), [`origin:${demoOrigin}`]);
    // A client without Origin (not a browser) is the same caller: the forward always sends its own.
    const again = await fetch(`${direct.url}v1/auth/challenges`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"app_name":"Again"}' });
    assert.equal(again.status, 500, 'one waiting request per caller');
    // /v2 and the documents pass too (verifyApiKey's whoami, checkAnytype's probe).
    assert.equal((await fetch(`${direct.url}v2/auth/whoami`)).status, 401);
    const docs = await fetch(`${direct.url}docs/openapi.json`);
    assert.equal(docs.status, 200);
    assert.equal(docs.headers.get('anytype-version'), '2025-11-08');
    // The stand-in's control endpoints are not forwarded to a real (non-simulated) Anytype.
    assert.equal((await fetch(`${direct.url}_standin/health`)).status, 404);

    // Other pages may not use the forward to get past Anytype's origin check.
    const seenBefore = standIn.requests().length;
    const crossSite = await fetch(`${direct.url}v1/auth/challenges`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'https://example.com', 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify({ app_name: 'Cross-site' }),
    });
    assert.equal(crossSite.status, 403);
    const crossSiteV2 = await fetch(`${direct.url}v2/auth/whoami`, { headers: { Origin: 'https://example.com', 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(crossSiteV2.status, 403);
    const { status: rebound } = await rawGet(direct.url, '/v1/spaces?limit=1', { Host: `rebound.example:${new URL(direct.url).port}` });
    assert.equal(rebound, 403);
    assert.equal(standIn.requests().length, seenBefore, 'nothing reached Anytype');
  } finally {
    await direct.stop();
    await standIn.close();
  }
});

test('the server tells the generations apart: GET /v2/auth/whoami without a key is 401 today, 404 before', async () => {
  const standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'current' });
  try {
    const url = (spec) => new URL(`${standIn.url}/s/${spec}`);
    assert.deepEqual(await probeGeneration(url('mode=current')), { generation: 'approval', status: 401 });
    assert.deepEqual(await probeGeneration(url('mode=v0.47')), { generation: 'code-first', status: 404 });
    assert.deepEqual(await probeGeneration(url('mode=gate')), { generation: 'code-first', status: 404 });
    assert.deepEqual(await probeGeneration(url('mode=current,status=500')), { generation: null, status: 500 });
    assert.deepEqual(await probeGeneration(new URL(`http://127.0.0.1:${await closedPort()}`)), { generation: null, status: null });
    assert.ok(standIn.requests('mode=current').every((r) => r.headers.origin === undefined && r.headers.authorization === undefined), 'asked as a native app, without a key');

    // Through the page: step 1 says which generation answered, and step 2 speaks its language.
    for (const [mode, summary, ask] of [
      ['current', 'It asks you to approve each app, then shows a code (Anytype of 2026).', 'Ask Anytype for access'],
      ['v0.47', 'It shows the pairing code at once (Anytype before 2026).', 'Show a pairing code in Anytype'],
    ]) {
      const real = await startDemo({ ANYTYPE_URL: url(`mode=${mode}`).href });
      try {
        await onPage(`generation ${mode}`, real.url, { clean: true }, async (page) => {
          await waitForText(page, '#step-check .step-summary', summary);
          await waitForStep(page, 'step-name', 'active');
          assert.equal(await page.locator('#show-code').textContent(), ask);
          assert.equal(await page.locator('#anytype-slot').isVisible(), false, 'no simulated window for a real Anytype');
        });
      } finally {
        await real.stop();
      }
    }
    const generationProbes = standIn.requests('mode=current').filter((r) => r.path === '/v2/auth/whoami');
    assert.ok(generationProbes.length >= 2, 'the demo server asked, not the page');
  } finally {
    await standIn.close();
  }
});

test('before 2026, keyboard only: read the code in the simulated popup, type it, use the key; the console stays clean', async () => {
  const challengesBefore = posts(await standInRequests(demo.url), '/v1/auth/challenges').length;
  await onPage('happy path v0.47', demo.url, { clean: true }, async (page) => {
    await waitForStep(page, 'step-check', 'done');
    await waitForText(page, '#step-check .step-summary', 'Anytype is running · API version 2025-11-08. It shows the pairing code at once (Anytype before 2026).');
    assert.equal(await page.locator('#step-name-label').textContent(), 'Ask Anytype for a code');
    assert.match(await page.locator('#ask-fine').textContent(), /4-digit code for about 30 seconds\. It allows 50 codes/);
    assert.equal(await page.locator('#simulated-banner').isVisible(), true);
    assert.equal(await page.locator('#target-badge').textContent(), 'Simulated Anytype · v0.47 mode');
    assert.match(await page.locator('#app-name').inputValue(), /^anytype-auth demo \(.+\)$/);
    assert.equal(posts(await standInRequests(demo.url), '/v1/auth/challenges').length, challengesBefore, 'no challenge before the click');

    await page.locator('#app-name').fill('Acme Clipper (Chrome)');
    await tabTo(page, 'Show a pairing code in Anytype');
    await page.keyboard.press('Enter');
    await waitForStep(page, 'step-code', 'active');
    const code = await readCodeWindow(page);
    assert.match(code, /^[0-9]{4}$/);
    assert.equal(await focusedLabel(page), 'Digit 1 of 4');
    await waitForText(page, '#code-countdown', /closes in about \d+ s/);
    assert.equal(await page.locator('#new-code').textContent(), 'Show a new code');
    assert.equal(await page.locator('#new-code').isVisible(), true, 'before 2026 a new code may be asked for at once');
    await page.locator('#code-pane [data-code-title]').getByText('Grant Limited Access').waitFor();
    await waitForText(page, '#code-pane [data-code-remaining]', /Closes in \d+ s/);
    await docScreenshot(page, 'v0.47-code-popup');

    await page.keyboard.type(code); // auto-submits at the fourth digit
    await waitForStep(page, 'step-key', 'active');
    // Anytype before 2026 has no /v2: the page does not spend a 404 on whoami for a key just issued.
    await waitForText(page, '#verify-message', '✓ Anytype issued this key just now. You are connected.');
    await waitForText(page, '#key-spaces', 'Every space: Anytype before 2026 makes no narrowed keys.');
    assert.equal(await page.locator('#key-v1-warning').isVisible(), false);
    await page.locator('#anytype-window').waitFor({ state: 'hidden' }); // Anytype hides its window once the code is used
    const masked = await page.locator('#key-value').textContent();
    assert.match(masked, /^•{8}.{4}$/);
    assert.match(await page.locator('#snippet').textContent(), /"Authorization": "Bearer •{8}.{4}"[\s\S]*"Anytype-Version": "2025-11-08"/);

    await tabTo(page, 'Reveal');
    await page.keyboard.press('Enter');
    const apiKey = await page.locator('#key-value').textContent();
    assert.ok(/^[A-Za-z0-9+/]{43}=$/.test(apiKey), 'Reveal shows a whole 44-character key');
    assert.equal(apiKey.slice(-4), masked.slice(-4));
    assert.equal(await page.locator('#reveal-key').getAttribute('aria-pressed'), 'true');
    assert.ok((await page.locator('#snippet').textContent()).includes(`"Authorization": "Bearer ${apiKey}"`));
    await page.getByRole('button', { name: 'Copy' }).click();
    assert.ok((await page.evaluate(() => navigator.clipboard.readText())) === apiKey, 'Copy put the key on the clipboard');

    const spaces = await fetch(`${demo.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } });
    assert.equal(spaces.status, 200, 'the key works against Anytype');
    const [created] = posts(await standInRequests(demo.url), '/v1/auth/challenges').slice(-1);
    assert.equal(JSON.parse(created.body).app_name, 'Acme Clipper (Chrome)');
    assert.equal(created.headers.origin, demo.url.replace(/\/$/, ''), 'the forward sent the demo’s own Origin');

    // Not stored anywhere unless asked, never in the URL.
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    assert.ok(!page.url().includes(apiKey));
    await page.getByRole('button', { name: 'Forget key' }).click();
    await waitForStep(page, 'step-name', 'active');
    assert.equal(await page.locator('#key-value').textContent(), '');
    await waitForText(page, '#status', 'Key forgotten');
  });
});

test('a wrong code clears the boxes, refocuses, and the right code then works on the same challenge', async () => {
  await onPage('wrong code', demo.url, {}, async (page) => {
    await askForCode(page);
    const code = await readCodeWindow(page);

    // Typing moves forward, Backspace moves back, Enter with a short code asks for all 4 digits.
    await page.keyboard.type('12');
    assert.deepEqual(await boxValues(page), ['1', '2', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 3 of 4');
    await page.keyboard.press('Backspace');
    assert.deepEqual(await boxValues(page), ['1', '', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 2 of 4');
    await page.keyboard.press('Enter');
    await waitForText(page, '#code-error', 'Enter all 4 digits.');
    await page.keyboard.press('Backspace');
    assert.deepEqual(await boxValues(page), ['', '', '', '']);

    await page.keyboard.type(wrongCodeFor(code));
    await waitForText(page, '#code-error', 'That code didn’t match.');
    await waitForText(page, '#code-error [data-cause="mistyped"]', 'Check the code in the Anytype window and type it again.');
    await waitForText(page, '#code-error [data-cause="gone"]', 'Show a new code');
    assert.deepEqual(await boxValues(page), ['', '', '', '']);
    assert.equal(await focusedLabel(page), 'Digit 1 of 4');
    await waitForText(page, '#status', 'That code didn’t match.');
    assert.ok((await readCodeWindow(page)) === code, 'the same code is still shown');

    await page.keyboard.type(code);
    await waitForText(page, '#verify-message', '✓ Anytype issued this key just now');
    const requests = await standInRequests(demo.url);
    const tries = posts(requests, '/v1/auth/api_keys').slice(-2).map((r) => JSON.parse(r.body));
    assert.equal(tries[0].challenge_id, tries[1].challenge_id, 'one challenge for both tries');
    assert.deepEqual(tries.map((t) => t.code), [MASKED_CODE, MASKED_CODE], 'the wrong code, then the right one (4 digits each)');
  });
});

test('pasting "12 34" or "1234" fills all four boxes', async () => {
  await onPage('paste', demo.url, {}, async (page) => {
    await askForCode(page);
    const code = await readCodeWindow(page);
    const paste = async (text) => {
      await page.evaluate((value) => navigator.clipboard.writeText(value), text);
      await page.keyboard.press('ControlOrMeta+V');
    };
    const wrong = wrongCodeFor(code);
    await paste(`${wrong.slice(0, 2)} ${wrong.slice(2)}`); // fills all boxes and submits
    await waitForText(page, '#code-error', 'That code didn’t match.');
    const [lastTry] = posts(await standInRequests(demo.url), '/v1/auth/api_keys').slice(-1);
    assert.equal(JSON.parse(lastTry.body).code, MASKED_CODE, 'the pasted digits were sent without the space');

    await page.locator('.code-box').nth(2).focus(); // a full code fills from the first box anyway
    await paste(code);
    await waitForText(page, '#verify-message', '✓ Anytype issued this key just now');
  });
});

test('the code window closes itself, and "Show a new code" asks for another', async () => {
  await onPage('new code', `${demo.url}?codeWindowSeconds=2`, {}, async (page) => {
    await askForCode(page);
    const first = await readCodeWindow(page);
    await page.locator('#anytype-window').waitFor({ state: 'hidden' });
    await waitForText(page, '#code-countdown', 'has closed by now');
    const before = posts(await standInRequests(demo.url), '/v1/auth/challenges').length;
    await page.getByRole('button', { name: 'Show a new code' }).click();
    const second = await readCodeWindow(page);
    assert.equal(posts(await standInRequests(demo.url), '/v1/auth/challenges').length, before + 1);
    await page.keyboard.type(second);
    await waitForText(page, '#verify-message', '✓ Anytype issued this key just now');
    assert.match(first, /^[0-9]{4}$/);
  });
});

test('before 2026, the pasted-key path: an invalid key is refused, a valid one accepted, each check costing one 404 on whoami', async () => {
  const { api_key: validKey } = await (await fetch(`${demo.url}_standin/keys`, { method: 'POST' })).json();
  // verifyApiKey asks /v2/auth/whoami first, which an Anytype without /v2 answers 404 (logged by
  // Chromium), then /v1/spaces: three checks (invalid, valid, after the reload), one 401.
  const whoami404 = failedLoad(404, 'GET', '/v2/auth/whoami');
  const expectFailures = [...whoami404, ...failedLoad(401, 'GET', '/v1/spaces'), ...whoami404, ...whoami404];
  await onPage('pasted key', demo.url, { expectFailures }, async (page) => {
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
    await waitForText(page, '#key-spaces', 'Every space: Anytype before 2026 makes no narrowed keys.');
    assert.equal(await page.locator('#key-value').textContent(), `${'•'.repeat(8)}${validKey.slice(-4)}`);
    assert.equal(await field.inputValue(), '', 'the field is emptied');

    // Remembering is opt-in; after a reload the key is still there, and Forget removes it.
    await page.getByLabel(/Remember the key in this browser/).check();
    assert.equal(await page.evaluate(() => Object.values(localStorage).length), 1);
    await page.reload();
    await waitForText(page, '#verify-message', '✓ Anytype accepts this key');
    assert.equal(await page.locator('#key-value').textContent(), `${'•'.repeat(8)}${validKey.slice(-4)}`);
    await page.getByRole('button', { name: 'Forget key' }).click();
    assert.equal(await page.evaluate(() => localStorage.length), 0);
  });
});

test('Anytype not running, then started: the page waits, explains, and recovers', async () => {
  const port = await closedPort();
  const waiting = await startDemo({ ANYTYPE_URL: `http://127.0.0.1:${port}` });
  let standIn;
  try {
    await onPage('not running', waiting.url, {}, async (page) => {
      await waitForText(page, '#check-message', /Waiting for Anytype… [1-9] of 30 s/);
      await page.locator('#check-help').getByText('Open the Anytype desktop app.').waitFor();
      await waitForText(page, '#status', 'Anytype isn’t answering yet.');
      assert.equal(await page.locator('#step-name').getAttribute('data-state'), 'upcoming');
      await docScreenshot(page, '1-waiting-for-anytype');

      standIn = await startStandIn({ host: '127.0.0.1', port, mode: 'v0.47' });
      await waitForStep(page, 'step-check', 'done');
      await waitForText(page, '#step-check .step-summary', 'API version 2025-11-08');

      // …and pairs with it; a person would read this code in Anytype.
      await askForCode(page);
      const { challenges } = await getJson(`${standIn.url}/_standin/challenges?since=0`);
      await page.keyboard.type(standIn.codeFor(challenges.at(-1).challenge_id));
      await waitForText(page, '#verify-message', '✓ Anytype issued this key just now');
    });
  } finally {
    await waiting.stop();
    await standIn?.close();
  }
});

test('Anytype not answering within the wait: the page says so, and "Check again" recovers', async () => {
  const port = await closedPort();
  const waiting = await startDemo({ ANYTYPE_URL: `http://127.0.0.1:${port}` });
  let standIn;
  try {
    await onPage('check again', `${waiting.url}?waitSeconds=2`, {}, async (page) => {
      await waitForText(page, '#check-message', 'Anytype didn’t answer within 2 seconds.');
      standIn = await startStandIn({ host: '127.0.0.1', port, mode: 'v0.47' });
      await page.getByRole('button', { name: 'Check again' }).click();
      await waitForStep(page, 'step-check', 'done');
    });
  } finally {
    await waiting.stop();
    await standIn?.close();
  }
});

test('the stand-in in its gate mode (2026): the code at once behind the origin gate, through the forward', async () => {
  const strict = await startDemo({ STANDIN_MODE: '2026' });
  try {
    await onPage('2026 mode', strict.url, {}, async (page) => {
      await waitForText(page, '#target-badge', 'Simulated Anytype · 2026 mode');
      await waitForText(page, '#step-check .step-summary', 'It shows the pairing code at once (Anytype before 2026).');
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

test('errors from Anytype get their own message and next step on the page', async () => {
  const standIn = await startStandIn({ host: '127.0.0.1', port: 0 });
  const cases = [
    { scope: 'status=403', title: 'This Anytype refuses requests from web pages and extensions.' },
    { scope: 'status=429', title: 'Anytype is getting too many requests.' },
    // Today's Anytype: the bare 500 has four causes, each with its own next step.
    { scope: 'cap=0', title: 'Anytype refused a new request.', causes: ['waiting', 'denied', 'too-many', 'logged-out'] },
    { scope: 'mode=v0.47,cap=0', title: 'Anytype refused a new request.', causes: ['too-many', 'logged-out'] },
  ];
  try {
    for (const { scope, title, causes } of cases) {
      const scoped = await startDemo({ ANYTYPE_URL: `${standIn.url}/s/${scope}` });
      try {
        await onPage(`error ${scope}`, scoped.url, {}, async (page) => {
          await waitForStep(page, 'step-name', 'active');
          await page.locator('#show-code').click();
          await waitForText(page, '#name-error', title);
          if (causes) assert.deepEqual(await page.locator('#name-error [data-cause]').evaluateAll((items) => items.map((i) => i.dataset.cause)), causes);
          if (scope === 'mode=v0.47,cap=0') await waitForText(page, '#name-error [data-cause="too-many"]', 'Anytype has shown 50 pairing codes since it started.');
          const text = await page.locator('#name-error').textContent();
          assert.doesNotMatch(text, /\[object|Error:|at .*\.js/);
          assert.equal(await page.locator('#step-code').getAttribute('data-state'), 'upcoming');
          if (scope === 'status=403') await docScreenshot(page, '6-error-message');
        });
      } finally {
        await scoped.stop();
      }
    }
  } finally {
    await standIn.close();
  }
});

test('when the package cannot load, the page says how to fix it', async () => {
  const missingPackage = (page) => page.route('**/pkg/index.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await onPage('package missing', demo.url, { beforeLoad: missingPackage }, async (page) => {
    await waitForText(page, '#check-message', 'could not load the anytype-auth package');
    assert.equal(await page.locator('#check-message').getAttribute('data-tone'), 'error');
  });
});

test('every AnytypeError kind has its own message and next step', async () => {
  await onPage('error messages', demo.url, {}, async (page) => {
    const shown = await page.evaluate(async () => {
      const { describeError } = await import('/error-messages.js');
      const { AnytypeError, ERROR_KINDS } = await import('/pkg/index.js');
      const byKind = ERROR_KINDS.map((kind) => describeError(new AnytypeError(kind, 'm', null, null, null)));
      return { kinds: [...ERROR_KINDS], byKind, other: describeError(new TypeError('boom')), plain: describeError({ kind: 'timeout' }) };
    });
    const { kinds } = shown;
    assert.ok(kinds.length > 0, 'the package lists its kinds');
    const titles = new Set(shown.byKind.map((m) => m.title));
    assert.equal(titles.size, kinds.length, 'each kind has its own title');
    for (const [i, message] of shown.byKind.entries()) {
      assert.notEqual(message.title, shown.other.title, kinds[i]);
      assert.ok(message.next.length > 20, `${kinds[i]} has a next step`);
    }
    assert.equal(shown.other.title, 'Something unexpected went wrong.');
    assert.equal(shown.plain.title, 'Something unexpected went wrong.', 'only AnytypeErrors are trusted');
  });
});
