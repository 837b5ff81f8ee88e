// The steps and checks the example extension's two suites share: extension.test.mjs (Chromium,
// through playwright-core) and extension.firefox.test.mjs (Firefox, through puppeteer-core). They
// read the popup (popup.mjs), act in it as a person does, look at what reached the stand-in, and
// hold the checks both browsers must pass alike. What the two automation libraries do differently
// (waiting, clicking and typing inside <anytype-pair>) and how each browser opens the popup come
// in from the suite.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDirectory } from './browser.mjs';
import { closedPort } from './net.mjs';
import { GRANT, KEY, SELECTORS, partText, partVisible, pendingRequest, settledState } from './popup.mjs';

/** The status line while a request waits for the person's Allow in Anytype. */
const WAITING_STATUS = /^Anytype is asking you to approve “anytype-auth example extension”\. Press Allow there, then type the code it shows\./;

/**
 * The shared steps over one suite's browser. `suite`:
 * - `name`: the suite's name, which starts the id of each stand-in instance it uses;
 * - `standIn()`: the running stand-in;
 * - `openPopup()`: the popup in a new tab, once the element settled on a state;
 * - `freshPopup(local)`: the popup over fresh extension storage holding the `local` items;
 * - `waitFor(page, fn, arg)`: the library's waitForFunction, `fn(arg)` run in the page;
 * - `click(page, selector)`: a click on what `selector` finds inside <anytype-pair>;
 * - `submit(page, selector, text)`: types `text` into the empty field `selector` finds inside
 *   <anytype-pair>, then presses Enter.
 */
export function popupSteps(suite) {
  let scopes = 0;
  const standIn = () => suite.standIn();

  /** A stand-in instance of its own: { spec, base }. */
  const scope = (extra = '') => {
    const spec = `id=${suite.name}-${process.pid}-${++scopes}${extra ? `,${extra}` : ''}`;
    return { spec, base: `${standIn().url}/s/${spec}` };
  };
  const state = (page) => page.evaluate(settledState);
  const text = (page, part) => page.evaluate(partText, part);
  const visible = (page, part) => page.evaluate(partVisible, part);
  const storage = (page, area, key) => page.evaluate(async ([a, k]) => (await chrome.storage[a].get(k))[k], [area, key]);
  const posts = (spec) => standIn().requests(spec).filter((r) => r.method === 'POST');
  /** The last segment of a request's path, with its query. */
  const route = (request) => request.path.split('/').pop();
  /** Another four-digit code than `code`. */
  const wrong = (code) => String((Number(code) + 1) % 10000).padStart(4, '0');
  /** Waits until the element is in state `want` with nothing under way. */
  const waitState = (page, want) =>
    suite.waitFor(page, (w) => document.querySelector('anytype-pair').getAttribute('state') === w && !document.querySelector('anytype-pair').hasAttribute('busy'), want);

  /** Presses the element's ask button, and waits for the code field. */
  async function ask(page) {
    await suite.click(page, SELECTORS.ask);
    await waitState(page, 'waiting');
  }

  /** Types `code` into the element's code field and presses Enter, as a person does; waits for the answer. */
  async function typeCode(page, code) {
    await suite.submit(page, SELECTORS.code, code);
    await suite.waitFor(page, () => !document.querySelector('anytype-pair').hasAttribute('busy') && document.querySelector('anytype-pair').getAttribute('state') !== 'checking');
  }

  /** Types a code Anytype does not accept, in place of `code`: the popup says so and keeps waiting. */
  async function typeWrongCode(page, code) {
    await typeCode(page, wrong(code));
    assert.equal(await text(page, 'problem'), 'Anytype didn’t accept that code.');
    assert.equal(await state(page), 'waiting');
  }

  /** Every request the stand-in instance `spec` got came through the rule: no Origin, and Sec-Fetch-Site none. */
  function assertRuleRewroteAll(spec) {
    for (const request of standIn().requests(spec)) {
      const what = `${request.method} ${route(request)}`;
      assert.equal(request.headers.origin, undefined, `${what}: the rule removes Origin`);
      assert.equal(request.headers['sec-fetch-site'], 'none', `${what}: the rule sets Sec-Fetch-Site to none`);
    }
  }

  /** The popup while the request waits for Allow: approve first, no way to send a second request. */
  async function assertWaitingView(page) {
    assert.equal(await state(page), 'waiting');
    assert.match(await text(page, 'status'), WAITING_STATUS);
    assert.equal(await visible(page, 'code-form'), true);
    assert.equal(await visible(page, 'ask-button'), false, 'no second request while one waits');
  }

  /** The challenges the stand-in instance `spec` still holds, by app name. */
  async function liveChallenges(spec) {
    const answer = await fetch(`${standIn().url}/_standin/challenges?scope=${encodeURIComponent(spec)}`);
    return (await answer.json()).challenges.map((c) => c.app_name).sort();
  }

  /**
   * Pages on loopback sites, opened in `browser` (anything with `newPage()`), each POST a "simple"
   * request (no preflight; the page cannot read the answer) to the gate-mode stand-in instance
   * `base`. A sandboxed page has an opaque origin and sends `Origin: null`, which the gate refuses,
   * unless a rule strips it. Resolves to the plain page's origin.
   */
  async function postFromPages(browser, base) {
    const dir = mkdtempSync(join(tmpdir(), 'anytype-auth-web-page-'));
    writeFileSync(join(dir, 'page.html'), '<!doctype html><title>another loopback site</title>');
    const plain = await serveDirectory(dir);
    const sandboxed = await serveDirectory(dir, { 'Content-Security-Policy': 'sandbox allow-scripts' });
    try {
      const port = new URL(sandboxed.url).port;
      for (const [url, name] of [[plain.url, 'plain page'], [sandboxed.url, 'sandboxed page'], [`http://localhost:${port}`, 'sandboxed localhost page']]) {
        const page = await browser.newPage();
        await page.goto(`${url}/page.html`);
        await page.evaluate(([target, body]) => fetch(target, { method: 'POST', mode: 'no-cors', body }), [`${base}/v1/auth/challenges`, JSON.stringify({ app_name: name })]);
        await page.close();
      }
      return plain.url;
    } finally {
      await plain.close();
      await sandboxed.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * What Anytype shows the person for the pending challenge `challengeId` of the stand-in instance
   * `spec` in `mode`: its code, at once before today's Anytype, after Allow on it ("current").
   */
  function codeShown(mode, spec, challengeId) {
    if (mode !== 'current') return standIn().codeFor(challengeId, spec);
    const [waiting] = standIn().pending(spec);
    assert.equal(waiting.challengeId, challengeId, 'Anytype shows the request the popup made');
    assert.equal(waiting.appName, 'anytype-auth example extension');
    assert.equal(waiting.caller, '', "no Origin: Anytype's anonymous caller");
    return standIn().approve(challengeId, { allSpaces: true }, 'readwrite', spec); // the person's Allow
  }

  /**
   * Pairs from the popup against the stand-in in `mode`, with a wrong code first: the key of the
   * mode's format is stored (with its grant on today's Anytype), the reopened popup checks it, and
   * every request came through the rule.
   */
  async function pairsWithAWrongCodeFirst(mode) {
    const today = mode === 'current';
    const { spec, base } = scope(`mode=${mode}`);
    const page = await suite.freshPopup({ baseUrl: base });
    assert.equal(await state(page), 'ready');
    await ask(page);
    const pending = await page.evaluate(pendingRequest);
    assert.equal(pending.baseUrl, base);
    const code = codeShown(mode, spec, pending.challengeId);

    await typeWrongCode(page, code);
    await typeCode(page, code);
    assert.equal(await state(page), 'paired');
    const apiKey = await storage(page, 'local', KEY);
    assert.match(apiKey, today ? /^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/ : /^[A-Za-z0-9+/]{43}=$/, 'a key of the mode’s format');
    assert.deepEqual(await storage(page, 'local', GRANT), today ? { allSpaces: true, spaceIds: [], permission: 'readwrite' } : null, 'a grant only on today’s Anytype');
    assert.equal(await text(page, 'access'), 'Reaches all spaces, including ones you create later. Read and write.');
    assert.equal(await page.evaluate(pendingRequest), null);
    assert.deepEqual(posts(spec).map(route), ['challenges', 'api_keys', 'api_keys']);
    await page.close();

    // Reopened, the element checks the stored key through the package: whoami, which today's
    // Anytype answers; before it, 404 (no /v2), then /v1/spaces.
    const again = await suite.openPopup();
    assert.equal(await state(again), 'paired');
    await again.close();
    const checks = today ? ['/v2/auth/whoami?ids=full'] : ['/v2/auth/whoami?ids=full', '/v1/spaces?limit=1'];
    assert.deepEqual(standIn().requests(spec).slice(-checks.length).map((r) => r.path), checks);
    assertRuleRewroteAll(spec);
  }

  /** Closing the popup while the request waits for Allow: reopening resumes it, and no second request is sent. */
  async function resumesAfterClose() {
    const { spec, base } = scope('mode=current');
    const first = await suite.freshPopup({ baseUrl: base });
    await ask(first);
    const { challengeId } = await first.evaluate(pendingRequest);
    await first.close(); // the person switches to Anytype, and the popup closes

    const second = await suite.openPopup();
    await assertWaitingView(second);
    assert.equal((await second.evaluate(pendingRequest)).challengeId, challengeId);
    await second.close();
    const third = await suite.openPopup(); // opened once more, still before Allow
    await assertWaitingView(third);
    const waiting = standIn().pending(spec).map((r) => [r.challengeId, r.appName, r.caller]);
    assert.deepEqual(waiting, [[challengeId, 'anytype-auth example extension', '']], "one request waits in Anytype, Origin-less: Anytype's anonymous caller");

    const code = standIn().approve(challengeId, { allSpaces: true }, 'readwrite', spec); // the person's Allow
    await typeCode(third, code);
    assert.equal(await state(third), 'paired');
    const sent = posts(spec);
    assert.deepEqual(sent.map(route), ['challenges', 'api_keys'], 'one request, solved once');
    assert.equal(JSON.parse(sent[1].body).challenge_id, challengeId);
    assert.deepEqual(await storage(third, 'local', GRANT), { allSpaces: true, spaceIds: [], permission: 'readwrite' });
    await third.close();
  }

  /**
   * In the stand-in instance `{ spec, base }`: a stored key Anytype refuses (401) is explained, with
   * a new request offered; when Anytype is closed, a stored key is kept and looked for again.
   */
  async function refusedOrClosed({ spec, base }) {
    const refused = await suite.freshPopup({ baseUrl: base, [KEY]: 'zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=' });
    assert.equal(await state(refused), 'error');
    assert.match(await text(refused, 'problem'), /no longer accepts this key/);
    assert.equal(await visible(refused, 'ask-button'), true, 'a new request is offered');
    await refused.close();

    const apiKey = standIn().addApiKey(spec);
    const closed = await suite.freshPopup({ baseUrl: `http://127.0.0.1:${await closedPort()}`, [KEY]: apiKey });
    assert.equal(await state(closed), 'not-running');
    assert.equal(await storage(closed, 'local', KEY), apiKey);
    await closed.close();
  }

  /** Forgetting the key removes it and its grant from storage; the popup reopens with nothing to check. */
  async function forgetsTheKey() {
    const { spec, base } = scope('mode=current');
    const apiKey = standIn().addApiKey({ scope: spec, format: 'anytype', grant: { allSpaces: true, permission: 'readwrite' } });
    const page = await suite.freshPopup({ baseUrl: base, [KEY]: apiKey });
    assert.equal(await state(page), 'paired');
    const { allSpaces, permission } = await storage(page, 'local', GRANT); // the grant as Anytype describes the stored key
    assert.deepEqual({ allSpaces, permission }, { allSpaces: true, permission: 'readwrite' });
    await suite.click(page, SELECTORS.forget);
    await waitState(page, 'ready');
    assert.equal(await storage(page, 'local', KEY), undefined);
    assert.equal(await storage(page, 'local', GRANT), undefined);
    await page.close();
    const again = await suite.openPopup();
    assert.equal(await state(again), 'ready', 'nothing stored to check');
    await again.close();
  }

  /** Web pages on loopback sites, opened in `browser`, keep their Origin: the rule is the extension's alone. */
  async function pagesKeepTheirOrigin(browser) {
    const { spec, base } = scope('mode=gate');
    const plainOrigin = await postFromPages(browser, base);
    const origins = Object.fromEntries(posts(spec).map((r) => [JSON.parse(r.body).app_name, r.headers.origin]));
    assert.deepEqual(origins, { 'plain page': plainOrigin, 'sandboxed page': 'null', 'sandboxed localhost page': 'null' });
    // A loopback origin is admitted by the gate on its own; "null" is refused, and stays refused.
    assert.deepEqual(await liveChallenges(spec), ['plain page']);
  }

  /** With the rule unscoped (loaded in `browser`), every web page's request gets past the gate. */
  async function everyPagePasses(browser) {
    const { spec, base } = scope('mode=gate');
    await postFromPages(browser, base);
    const seen = posts(spec).map((r) => [r.headers.origin, r.headers['sec-fetch-site']]);
    assert.deepEqual(seen, [[undefined, 'none'], [undefined, 'none'], [undefined, 'none']], "the unscoped rule rewrites every page's request");
    // No Origin, and Sec-Fetch-Site set to none (else the plain page's same-site would be refused).
    assert.deepEqual(await liveChallenges(spec), ['plain page', 'sandboxed localhost page', 'sandboxed page']);
  }

  return {
    scope, state, text, visible, storage, posts, route, waitState, ask, typeCode, typeWrongCode, assertWaitingView, liveChallenges,
    pairsWithAWrongCodeFirst, resumesAfterClose, refusedOrClosed, forgetsTheKey, pagesKeepTheirOrigin, everyPagePasses,
  };
}
