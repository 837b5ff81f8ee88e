// The demo page (www/) and its server (scripts/demo-server.mjs), driven in headless Chromium the
// way a person uses it, against the same server `make demo` starts: the server itself (files,
// refused paths, the forward), the page telling the generations apart, the walkthrough on Anytype
// before 2026 (the built-in stand-in's v0.47 and gate modes, where the code shows at once),
// Anytype missing or late, errors. Today's Anytype (the approval window) is tests/demo-approval.test.mjs. Also
// writes the screenshots of docs/demo.md (see harness.mjs). Run: node --test tests/demo.test.mjs (after
// `make build`). Assertions compare keys and codes with assert.ok, so a failure never prints one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStandIn } from '../stand-in/server.mjs';
import { resolveStaticFile } from '../scripts/demo-static.mjs';
import { startDemo, closedPort, launchBrowser, runOnPage, docScreenshot, failedLoad } from './demo/harness.mjs';
import {
  waitForState,
  waitForText,
  waitForPart,
  part,
  typeCode,
  keyInCodeAndPair,
  askForCode,
  readCodeWindow,
  focusedLabel,
  tabTo,
  getJson,
  standInRequests,
  posts,
  control,
  CHALLENGES,
} from './demo/person.mjs';
import {
  causes,
  codeAtOnceBehindTheGate,
  newCodeOnceTheWindowCloses,
  pastedKeys,
  pasteWrongThenRight,
  shortCodeSendsNothing,
  wrongCodeThenRight,
} from './demo/walkthroughs.mjs';

/** axe-core, the accessibility checker the element's own tests run too. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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
    'pkg/ui.js': 'text/javascript; charset=utf-8',
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

/** The page's visible headings, its own and those in open shadow roots, in document order: `[tag, text]`. */
function visibleHeadings(page) {
  return page.evaluate(() => {
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (/^H[1-6]$/.test(el.tagName) && el.getClientRects().length > 0) found.push([el.tagName, el.textContent.replace(/\s+/g, ' ').trim()]);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
}

/** axe-core's violations on the whole page, one line each. Its source goes in through Playwright, which the page's CSP does not govern. */
async function axeViolations(page) {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('the page has one h1, naming the demo, and one “Connect to Anytype”, the element’s; axe-core finds nothing, light or dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    await onPage(`page structure ${colorScheme}`, demo.url, { colorScheme }, async (page) => {
      await waitForState(page, 'ready');
      assert.deepEqual(await visibleHeadings(page), [['H1', 'anytype-auth demo'], ['H2', 'Connect to Anytype']]);
      assert.deepEqual(await axeViolations(page), [], colorScheme);
    });
  }
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

test('the page tells the generations apart: the element speaks the language of the one that answers', async () => {
  const standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'current' });
  try {
    // The element's own generation probe (whoami without a key) is the one answer Chromium logs.
    for (const [mode, status, ask, probe] of [
      ['current', /^Anytype will ask you to approve “anytype-auth demo \(Chrome\)”/, 'Ask Anytype for access', failedLoad(401, 'GET', '/v2/auth/whoami')],
      ['v0.47', /^Anytype will show a 4-digit code for “anytype-auth demo \(Chrome\)” for about 30 seconds/, 'Show a code in Anytype', failedLoad(404, 'GET', '/v2/auth/whoami')],
    ]) {
      const real = await startDemo({ ANYTYPE_URL: `${standIn.url}/s/mode=${mode}` });
      try {
        await onPage(`generation ${mode}`, real.url, { expectFailures: probe }, async (page) => {
          await waitForState(page, 'ready');
          assert.match(await part(page, 'status').textContent(), status);
          assert.equal(await part(page, 'ask-button').textContent(), ask);
          assert.equal(await page.locator('#anytype-slot').isVisible(), false, 'no simulated window for a real Anytype');
        });
      } finally {
        await real.stop();
      }
    }
  } finally {
    await standIn.close();
  }
});

test('before 2026, keyboard only: read the code in the simulated popup, type it, use the key; the console shows only the key check', async () => {
  const challengesBefore = posts(await standInRequests(demo.url), CHALLENGES).length;
  // The element asks /v2/auth/whoami to learn the generation, and verifyApiKey asks it first to
  // check the key just issued: an Anytype without /v2 answers 404 (logged by Chromium) both times.
  // Nothing else fails.
  const whoami404 = failedLoad(404, 'GET', '/v2/auth/whoami');
  await onPage('happy path v0.47', demo.url, { expectFailures: [...whoami404, ...whoami404] }, async (page) => {
    await waitForState(page, 'ready');
    await waitForText(page, 'anytype-pair [part=status]', /Anytype will show a 4-digit code for “anytype-auth demo \(.+\)” for about 30 seconds/);
    assert.equal(await page.locator('#simulated-banner').isVisible(), true);
    await waitForText(page, '#target-badge', 'Simulated Anytype · v0.47 mode');
    assert.equal(posts(await standInRequests(demo.url), CHALLENGES).length, challengesBefore, 'no challenge before the click');

    await tabTo(page, 'Show a code in Anytype');
    await page.keyboard.press('Enter');
    await waitForState(page, 'waiting');
    const code = await readCodeWindow(page);
    assert.match(code, /^[0-9]{4}$/);
    assert.equal(await focusedLabel(page), '4-digit code from Anytype', 'focus moved to the code');
    await page.locator('#code-pane [data-code-title]').getByText('Grant Limited Access').waitFor();
    await waitForText(page, '#code-pane [data-code-remaining]', /Closes in \d+ s/);
    await docScreenshot(page, 'v0.47-code-popup');

    await keyInCodeAndPair(page, code); // Anytype hides its window once the code is used
    await waitForText(page, 'anytype-pair [part=status]', 'Connected to Anytype.');
    await waitForText(page, 'anytype-pair [part=access]', 'Reaches all spaces');
    assert.equal(await part(page, 'warning').isVisible(), false);
    const masked = await part(page, 'key').textContent();
    assert.match(masked, /^Key ending in .{4}\.$/);
    const last4 = masked.slice(-5, -1);
    assert.ok((await page.locator('#snippet').textContent()).includes(`"Authorization": "Bearer ${'•'.repeat(8)}${last4}"`));
    assert.match(await page.locator('#snippet').textContent(), /"Anytype-Version": "2025-11-08"/);
    await docScreenshot(page, '4-connected');

    await tabTo(page, 'Reveal key');
    await page.keyboard.press('Enter');
    const apiKey = (await part(page, 'key').textContent()).replace(/^Key: /, '');
    assert.ok(/^[A-Za-z0-9+/]{43}=$/.test(apiKey), 'Reveal shows a whole 44-character key');
    assert.equal(apiKey.slice(-4), last4);
    assert.ok(!(await page.locator('#snippet').textContent()).includes(apiKey), 'the snippet never shows the whole key');

    const spaces = await fetch(`${demo.url}v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } });
    assert.equal(spaces.status, 200, 'the key works against Anytype');
    const [created] = posts(await standInRequests(demo.url), CHALLENGES).slice(-1);
    assert.match(JSON.parse(created.body).app_name, /^anytype-auth demo \(Chrome\)$/);
    assert.equal(created.headers.origin, demo.url.replace(/\/$/, ''), 'the forward sent the demo’s own Origin');

    // Not stored anywhere, never in the URL or an attribute.
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    assert.ok(!(await page.evaluate(() => Object.values(sessionStorage).join(' '))).includes(apiKey));
    assert.ok(!page.url().includes(apiKey));
    assert.ok(!(await page.content()).includes(apiKey), 'the key is in no attribute of the light DOM');
    await page.getByRole('button', { name: 'Forget this key' }).click();
    await waitForState(page, 'ready');
    assert.equal(await page.locator('#key-use').isVisible(), false);
  });
});

test('a wrong code clears the field, refocuses, and the right code then works on the same challenge', async () => {
  await onPage('wrong code', demo.url, {}, async (page) => {
    await askForCode(page);
    const code = await readCodeWindow(page);
    await shortCodeSendsNothing(page, demo.url);
    const atWrongCode = async () => {
      await waitForPart(page, 'cause-mistyped', 'check the 4 digits');
      await docScreenshot(page, '3-wrong-code');
    };
    await wrongCodeThenRight(page, demo.url, code, { expectedCauses: ['mistyped', 'gone-v047'], atWrongCode });
  });
});

test('pasting "12 34" or "1234" into the code field works', async () => {
  await onPage('paste', demo.url, {}, (page) => pasteWrongThenRight(page, demo.url));
});

test('the code window closes itself, and asking again shows another', async () => {
  await onPage('new code', `${demo.url}?codeWindowSeconds=2`, {}, (page) => newCodeOnceTheWindowCloses(page, demo.url));
});

test('before 2026, “Already have a key?”: an unknown key is refused, a valid one accepted', async () => {
  const { api_key: validKey } = await control(demo.url, 'keys');
  await onPage('pasted key', demo.url, {}, (page) => pastedKeys(page, validKey));
});

test('Anytype not running, then started: the page waits, explains, and recovers', async () => {
  const port = await closedPort();
  const waiting = await startDemo({ ANYTYPE_URL: `http://127.0.0.1:${port}` });
  let standIn;
  try {
    await onPage('not running', waiting.url, {}, async (page) => {
      await waitForState(page, 'not-running');
      await waitForText(page, 'anytype-pair [part=status]', 'Anytype isn’t answering at');
      await docScreenshot(page, '1-waiting-for-anytype');

      standIn = await startStandIn({ host: '127.0.0.1', port, mode: 'v0.47' });
      // …and pairs with it; a person would read this code in Anytype.
      await askForCode(page);
      const { challenges } = await getJson(`${standIn.url}/_standin/challenges?since=0`);
      await typeCode(page, standIn.codeFor(challenges.at(-1).challenge_id));
      await waitForState(page, 'paired');
    });
  } finally {
    await waiting.stop();
    await standIn?.close();
  }
});

test('Anytype not answering: "Look again now" finds it at once', async () => {
  const port = await closedPort();
  const waiting = await startDemo({ ANYTYPE_URL: `http://127.0.0.1:${port}` });
  let standIn;
  try {
    await onPage('check again', waiting.url, {}, async (page) => {
      await waitForState(page, 'not-running');
      standIn = await startStandIn({ host: '127.0.0.1', port, mode: 'v0.47' });
      await page.getByRole('button', { name: 'Look again now' }).click();
      await waitForState(page, 'ready');
    });
  } finally {
    await waiting.stop();
    await standIn?.close();
  }
});

test('the stand-in in its gate mode (2026): the code at once behind the origin gate, through the forward', async () => {
  const strict = await startDemo({ STANDIN_MODE: '2026' });
  try {
    await onPage('2026 mode', strict.url, {}, codeAtOnceBehindTheGate);
  } finally {
    await strict.stop();
  }
});

test('errors from Anytype get their own message and next step on the page', async () => {
  const standIn = await startStandIn({ host: '127.0.0.1', port: 0 });
  const cases = [
    { scope: 'status=403', title: 'This Anytype refuses requests from this page or extension (its origin)' },
    { scope: 'status=429', title: 'Something went wrong (rate_limited)' },
    // Today's Anytype: the bare 500 has four causes, each with its own next step.
    { scope: 'cap=0', title: 'Anytype refused a new request.', expectedCauses: ['waiting', 'denied', 'too-many', 'logged-out'] },
    { scope: 'mode=v0.47,cap=0', title: 'Anytype refused a new request.', expectedCauses: ['cap-v047', 'logged-out'] },
  ];
  try {
    for (const { scope, title, expectedCauses } of cases) {
      const scoped = await startDemo({ ANYTYPE_URL: `${standIn.url}/s/${scope}` });
      try {
        await onPage(`error ${scope}`, scoped.url, {}, async (page) => {
          await waitForState(page, 'ready');
          await part(page, 'ask-button').click();
          await waitForText(page, 'anytype-pair [part=problem]', title);
          if (expectedCauses) assert.deepEqual(await causes(page), expectedCauses);
          const text = await part(page, 'problem').textContent();
          assert.doesNotMatch(text, /\[object|Error:|at .*\.js/);
          assert.notEqual(await page.locator('anytype-pair').getAttribute('state'), 'waiting');
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
  const missingPackage = (page) => page.route('**/pkg/ui.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await onPage('package missing', demo.url, { beforeLoad: missingPackage }, async (page) => {
    await waitForText(page, '#check-message', 'could not load the anytype-auth package');
    assert.equal(await page.locator('#check-message').getAttribute('data-tone'), 'error');
  });
});
