// <anytype-pair> (anytype-auth/ui, pkg/ui.js) in headless Chromium (Debian's chromium through
// playwright-core) and Firefox (firefox-esr through puppeteer-core), against the stand-in in its
// current mode (and v0.47 for the generation before 2026). The page (tests/ui/) is served by a
// loopback static server with a strict CSP (style-src 'self', no 'unsafe-inline') at 360 px;
// every case also checks that no CSP violation happened, that nothing overflows, and axe-core
// finds no serious or critical violation in each state it passes through. Waits are on the
// element's `state` attribute and its text, never on time; lifetimes are shortened through the
// stand-in's and the element's options. Keys and codes are compared with assert.ok, never printed.
// UPDATE_SCREENSHOTS=1 writes docs/screenshots/ui-<state>-<light|dark>.png (Chromium).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SPACES, startStandIn } from '../stand-in/server.mjs';
import { serveDirectory, CHROMIUM_ARGS } from './support/browser.mjs';
import { launchFirefox } from './support/firefox.mjs';
import { closedPort } from './support/net.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BROWSERS = (process.env.BROWSERS ?? 'chromium,firefox').split(',').map((name) => name.trim()).filter(Boolean);
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(root, 'docs', 'screenshots') : null;
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' http://127.0.0.1:*; img-src 'self' data:";
const WIDTH = 360;
const LIMIT = { timeout: 60_000 };

let site;
before(async () => {
  site = await serveDirectory(root, { 'Content-Security-Policy': CSP });
});
after(() => site?.close());

/** One API over a Playwright page (Chromium) and a Puppeteer page (Firefox). */
function driver(page, kind) {
  return {
    page,
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    eval: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg) => (kind === 'chromium' ? page.waitForFunction(fn, arg, { timeout: 20_000 }) : page.waitForFunction(fn, { timeout: 20_000, polling: 'mutation' }, arg)),
    addScript: (url) => page.addScriptTag({ url }),
    screenshot: (path) => page.screenshot({ path }),
  };
}

const launchers = {
  async chromium() {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    return {
      async open({ dark = false } = {}) {
        const context = await browser.newContext({ viewport: { width: WIDTH, height: 760 }, colorScheme: dark ? 'dark' : 'light' });
        const page = await context.newPage();
        return { ...driver(page, 'chromium'), close: () => context.close() };
      },
      close: () => browser.close(),
    };
  },
  // WebDriver BiDi has no media emulation: a second Firefox whose content prefers dark.
  async firefox() {
    const light = await launchFirefox({ prefs: { 'layout.css.prefers-color-scheme.content-override': 1 } });
    let dark = null;
    return {
      async open({ dark: wantDark = false } = {}) {
        if (wantDark) dark ??= await launchFirefox({ prefs: { 'layout.css.prefers-color-scheme.content-override': 0 } });
        const context = await (wantDark ? dark : light).createBrowserContext();
        const page = await context.newPage();
        await page.setViewport({ width: WIDTH, height: 760 });
        return { ...driver(page, 'firefox'), close: () => context.close() };
      },
      close: () => Promise.all([light.close(), dark?.close()]),
    };
  },
};

// In the page: the element, its shadow root, and what it shows.
const inPage = {
  state: () => document.querySelector('anytype-pair')?.getAttribute('state'),
  text: () => document.querySelector('anytype-pair').shadowRoot.textContent,
  visibleText: () => {
    const shadow = document.querySelector('anytype-pair').shadowRoot;
    return [...shadow.querySelectorAll('*')].filter((el) => el.checkVisibility() && !el.children.length).map((el) => el.textContent).join(' ');
  },
  focused: () => {
    const shadow = document.querySelector('anytype-pair').shadowRoot;
    const el = shadow.activeElement;
    return el ? (el.labels?.[0]?.textContent ?? el.textContent) : null;
  },
  codeValue: () => document.querySelector('anytype-pair').shadowRoot.querySelector('[part=code-form] input').value,
};

async function standInFor(browserName, options = {}) {
  return startStandIn({ port: 0, mode: 'current', cors: true, ...options });
}

/** The page on `base`, with extra query items; waits until the element shows `state`. */
async function openPage(tab, base, query = {}, state = 'ready') {
  const url = new URL('/tests/ui/page.html', site.url);
  url.searchParams.set('base', base);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  await tab.goto(url.href);
  if (state) await waitState(tab, state);
}
const waitState = (tab, state) => tab.waitFor((want) => document.querySelector('anytype-pair')?.getAttribute('state') === want && !document.querySelector('anytype-pair').hasAttribute('busy'), state);
const waitText = (tab, text) => tab.waitFor((want) => document.querySelector('anytype-pair').shadowRoot.textContent.includes(want), text);

/** Tabs from the page's heading (before the element) until the focused control inside the element is `label`. */
async function tabTo(tab, label) {
  await tab.eval(() => document.querySelector('h1').focus());
  for (let i = 0; i < 20; i++) {
    await tab.press('Tab');
    const focused = await tab.eval(inPage.focused);
    if (focused?.trim() === label) return;
  }
  assert.fail(`no control "${label}" reachable by Tab`);
}

/** Asks by keyboard, waits for the request, and returns its id as Anytype's window holds it. */
async function askByKeyboard(tab, standIn, label = 'Ask Anytype for access') {
  await tabTo(tab, label);
  await tab.press('Enter');
  await waitState(tab, 'waiting');
  return standIn.pending().at(-1).challengeId;
}

/** axe-core on the element (the page around it is the test's): no serious or critical violation. */
async function axe(tab, where) {
  if (!(await tab.eval(() => typeof window.axe === 'object'))) await tab.addScript('/node_modules/axe-core/axe.min.js');
  const found = await tab.eval(async () => {
    const result = await window.axe.run({ include: [['anytype-pair']] }, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(found, [], `axe-core in ${where}`);
}

/** Nothing inside the element reaches past 360 px, and the page does not scroll sideways. */
async function fits(tab, where) {
  const wide = await tab.eval((width) => {
    const host = document.querySelector('anytype-pair');
    const over = [...host.shadowRoot.querySelectorAll('*')].filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > width + 0.5).map((el) => el.tagName);
    if (document.documentElement.scrollWidth > width) over.push('page');
    return over;
  }, WIDTH);
  assert.deepEqual(wide, [], `overflow at ${WIDTH} px in ${where}`);
}

/** The checks every state gets: CSP, 360 px, axe-core; and a screenshot when asked. */
async function checkState(tab, where, { shot = null, browserName } = {}) {
  assert.deepEqual(await tab.eval(() => window.seen.violations), [], 'no CSP violation');
  await fits(tab, where);
  await axe(tab, where);
  if (shot && SCREENSHOTS && browserName === 'chromium') {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await tab.screenshot(join(SCREENSHOTS, `ui-${shot}.png`));
  }
}

/** The key the page received, compared in the page: is it in the DOM beyond its last 4? */
const keyInDom = () => {
  const key = window.seen.key;
  const host = document.querySelector('anytype-pair');
  const attributes = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
  return {
    shadow: host.shadowRoot.innerHTML.includes(key),
    light: document.documentElement.outerHTML.includes(key),
    attribute: attributes.some((value) => value.includes(key)),
    url: location.href.includes(key),
    last4: host.shadowRoot.textContent.includes(key.slice(-4)),
  };
};

const wrong = (right) => String((Number(right) + 1) % 10000).padStart(4, '0');
const posts = (standIn, route) => standIn.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`/auth/${route}`)).length;

/** A loopback server that accepts connections and never answers: Anytype still "checking". */
async function silentServer() {
  const sockets = new Set();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => (sockets.forEach((s) => s.destroy()), server.close(done))) };
}

for (const browserName of BROWSERS) {
  describe(`<anytype-pair> in ${browserName}`, () => {
    let browser;
    before(async () => {
      browser = await launchers[browserName]();
    });
    after(() => browser?.close());

    /** A fresh tab (360 px) for `body`, closed afterwards. */
    async function withTab(options, body) {
      const tab = await browser.open(options);
      try {
        await body(tab);
      } finally {
        await tab.close();
      }
    }

    test('pairing by keyboard alone: ask, a wrong code then the right one, stored before the event, key masked until Reveal', LIMIT, async () => {
      const standIn = await standInFor(browserName);
      await withTab({}, async (tab) => {
        await openPage(tab, standIn.url, { storage: 'local' });
        await checkState(tab, 'ready', { shot: 'ready-light', browserName });
        assert.equal(posts(standIn, 'challenges'), 0, 'nothing asked before the person asks');
        await tabTo(tab, 'Ask Anytype for access');
        await tab.press('Enter');
        await waitState(tab, 'waiting');
        assert.equal((await tab.eval(inPage.focused)).trim(), '4-digit code from Anytype', 'focus moved to the code');
        await checkState(tab, 'waiting', { shot: 'waiting-light', browserName });

        const [{ challengeId }] = standIn.pending();
        const code = standIn.approve(challengeId, { allSpaces: true }, 'readwrite');
        await tab.type(wrong(code));
        await tab.press('Enter');
        await waitText(tab, 'Anytype didn’t accept that code.');
        assert.equal(await tab.eval(inPage.codeValue), '', 'the refused code is cleared');
        assert.equal((await tab.eval(inPage.focused)).trim(), '4-digit code from Anytype', 'focus back on the code');
        assert.ok((await tab.eval(inPage.text)).includes('4 of 5 tries left'));
        await checkState(tab, 'code refused', { shot: 'code-refused-light', browserName });

        await tab.type(code);
        await tab.press('Enter');
        await waitState(tab, 'paired');
        const events = await tab.eval(() => window.seen.events);
        assert.deepEqual(events, [{ type: 'anytype-paired', bubbles: true, composed: true, grant: { allSpaces: true, spaceIds: [], permission: 'readwrite' }, access: true, stored: true, storedFirst: true }]);
        assert.deepEqual(await tab.eval(keyInDom), { shadow: false, light: false, attribute: false, url: false, last4: true });
        assert.ok(await tab.eval(() => document.querySelector('anytype-pair').apiKey === window.seen.key), 'the apiKey property');
        await checkState(tab, 'paired', { shot: 'paired-light', browserName });

        await tabTo(tab, 'Reveal key');
        await tab.press('Enter');
        assert.equal((await tab.eval(keyInDom)).shadow, true, 'Reveal shows it');
        await tab.press('Enter'); // the same button, now "Hide key"
        assert.equal((await tab.eval(keyInDom)).shadow, false, 'Hide removes it');
      });
      await standIn.close();
    });

    test('a reload while the request waits resumes it: no second request', LIMIT, async () => {
      const standIn = await standInFor(browserName);
      await withTab({}, async (tab) => {
        await openPage(tab, standIn.url);
        await tabTo(tab, 'Ask Anytype for access');
        await tab.press('Enter');
        await waitState(tab, 'waiting');
        await tab.reload();
        await waitState(tab, 'waiting');
        assert.equal(posts(standIn, 'challenges'), 1);
        const [{ challengeId }] = standIn.pending();
        const code = standIn.approve(challengeId, { allSpaces: true }, 'readwrite');
        await tabTo(tab, '4-digit code from Anytype');
        await tab.type(code);
        await tab.press('Enter');
        await waitState(tab, 'paired');
        assert.equal(posts(standIn, 'challenges'), 1);
      });
      await standIn.close();
    });

    test('a narrowed grant: paired, with the /v1 warning and both remedies', LIMIT, async () => {
      const standIn = await standInFor(browserName);
      for (const dark of [false, true]) {
        standIn.reset();
        await withTab({ dark }, async (tab) => {
          await openPage(tab, standIn.url);
          if (dark) await checkState(tab, 'ready (dark)', { shot: 'ready-dark', browserName });
          await tabTo(tab, 'Ask Anytype for access');
          await tab.press('Enter');
          await waitState(tab, 'waiting');
          if (dark) await checkState(tab, 'waiting (dark)', { shot: 'waiting-dark', browserName });
          const [{ challengeId }] = standIn.pending();
          await tab.type(standIn.approve(challengeId, { spaceIds: [SPACES[0].id] }, 'read'));
          await tab.press('Enter');
          await waitState(tab, 'paired');
          const text = await tab.eval(inPage.visibleText);
          assert.ok(text.includes('apps that use /v1 refuse it'));
          assert.ok(text.includes('Settings → API Keys'));
          assert.ok(text.includes('pair again and choose all spaces with Read and write'));
          assert.ok(text.includes(`Reaches these spaces: ${SPACES[0].name}.`));
          assert.ok(text.includes('Read only.'));
          await checkState(tab, `narrowed${dark ? ' (dark)' : ''}`, { shot: `narrowed-${dark ? 'dark' : 'light'}`, browserName });
          if (dark) {
            const background = await tab.eval(() => getComputedStyle(document.querySelector('anytype-pair')).backgroundColor);
            assert.equal(background, 'rgb(27, 27, 31)', 'the dark scheme');
          }
        });
      }
      await standIn.close();
    });

    test('Deny: the person says so; asking again is refused, Deny first among the causes', LIMIT, async () => {
      const standIn = await standInFor(browserName);
      await withTab({}, async (tab) => {
        await openPage(tab, standIn.url);
        const challengeId = await askByKeyboard(tab, standIn);
        assert.equal(standIn.deny(challengeId), true);
        await tabTo(tab, 'I pressed Deny');
        await tab.press('Enter');
        await waitState(tab, 'ready');
        await tabTo(tab, 'Ask Anytype for access');
        await tab.press('Enter');
        await waitState(tab, 'error');
        const causes = await tab.eval(() => [...document.querySelector('anytype-pair').shadowRoot.querySelectorAll('[part~=cause]')].map((li) => li.textContent));
        assert.match(causes[0], /^Deny was pressed/);
        assert.equal(causes.length, 4);
        await checkState(tab, 'refused', { shot: 'error-light', browserName });
      });
      await standIn.close();
    });

    test('the request lapses, and a code runs out (shortened lifetimes)', LIMIT, async () => {
      let skew = 0; // the stand-in's clock runs ahead by this much once the test moves it
      const standIn = await standInFor(browserName, { pendingTtlMs: 600, codeTtlMs: 60_000, now: () => Date.now() + skew });
      await withTab({}, async (tab) => {
        await openPage(tab, standIn.url, { pendingMs: 600, codeMs: 2000 });
        await tabTo(tab, 'Ask Anytype for access');
        await tab.press('Enter');
        await waitState(tab, 'error');
        assert.ok((await tab.eval(inPage.text)).includes('The request ran out before it was used.'));
        assert.equal(standIn.pending().length, 0, 'the stand-in let it lapse too');
        await checkState(tab, 'lapsed');

        await tabTo(tab, 'Ask Anytype again');
        await tab.press('Enter');
        await waitState(tab, 'waiting');
        const [{ challengeId }] = standIn.pending();
        const code = standIn.approve(challengeId, { allSpaces: true }, 'readwrite');
        skew = 60_000; // the code's 60 s are over at the stand-in
        await tab.type(code);
        await tab.press('Enter');
        await waitText(tab, 'Anytype didn’t accept that code.');
        assert.equal(posts(standIn, 'api_keys'), 1);
        await waitState(tab, 'error'); // and the element's own lifetime ends the request
        assert.ok((await tab.eval(inPage.text)).includes('The request ran out'));
      });
      await standIn.close();
    });

    test('5 wrong codes: Anytype takes no more, and no 6th is sent', LIMIT, async () => {
      const standIn = await standInFor(browserName);
      await withTab({}, async (tab) => {
        await openPage(tab, standIn.url);
        const challengeId = await askByKeyboard(tab, standIn);
        const code = standIn.approve(challengeId, { allSpaces: true }, 'readwrite');
        for (let i = 1; i <= 5; i++) {
          await tab.type(wrong(code));
          await tab.press('Enter');
          if (i < 5) await waitText(tab, `${5 - i} of 5 tries left`);
        }
        await waitState(tab, 'error');
        const text = await tab.eval(inPage.visibleText);
        assert.ok(text.includes('Anytype takes no more codes for this request.'));
        assert.equal(await tab.eval(() => document.querySelector('anytype-pair').shadowRoot.querySelector('[part=code-form]').checkVisibility()), false, 'no code field');
        assert.equal(posts(standIn, 'api_keys'), 5);
        await checkState(tab, 'tries used');
      });
      await standIn.close();
    });

    test('existing keys: valid, expired, invalid, a typo caught with no request; the apiKey property; forgetting', LIMIT, async () => {
      const standIn = await standInFor(browserName);
      const valid = standIn.addApiKey({ format: 'anytype' });
      const expired = standIn.addApiKey({ expiresAt: Date.now() - 60_000 });
      const typo = valid.slice(0, 30) + (valid[30] === 'a' ? 'b' : 'a') + valid.slice(31);
      await withTab({}, async (tab) => {
        await openPage(tab, standIn.url, { storage: 'local' });
        const paste = async (key) => {
          const open = await tab.eval(() => document.querySelector('anytype-pair').shadowRoot.querySelector('details').open);
          if (!open) {
            await tabTo(tab, 'Already have a key?');
            await tab.press('Enter');
          }
          await tabTo(tab, 'API key');
          await tab.type(key);
          await tab.press('Enter');
        };
        const before = standIn.requests().length;
        await paste(typo);
        await waitText(tab, 'That key has a typo');
        assert.equal(standIn.requests().length, before, 'nothing was sent for the typo');
        await checkState(tab, 'typo');

        await paste(expired);
        await waitText(tab, 'This key has expired.');
        await paste(Buffer.alloc(32, 5).toString('base64'));
        await waitText(tab, 'Anytype doesn’t know this key');
        await checkState(tab, 'invalid key');

        await paste(valid);
        await waitState(tab, 'paired');
        assert.equal(await tab.eval(() => localStorage.getItem('anytype-auth:key') === window.seen.key), true, 'stored');
        await tabTo(tab, 'Forget this key');
        await tab.press('Enter');
        await waitState(tab, 'ready');
        assert.equal(await tab.eval(() => localStorage.getItem('anytype-auth:key')), null);
        assert.deepEqual((await tab.eval(() => window.seen.events)).at(-1), { type: 'anytype-forgotten', bubbles: true, composed: true });

        await tab.eval((key) => {
          document.querySelector('anytype-pair').apiKey = key;
        }, valid);
        await waitState(tab, 'paired');
      });
      await standIn.close();
    });

    test('every state in the dark scheme (axe-core checks contrast), and messages replaced through the property', LIMIT, async () => {
      const standIn = await standInFor(browserName);
      const silent = await silentServer();
      await withTab({ dark: true }, async (tab) => {
        await openPage(tab, silent.url, {}, null);
        await tab.waitFor(() => document.querySelector('anytype-pair')?.getAttribute('state') === 'checking');
        await checkState(tab, 'checking (dark)', { shot: 'checking-dark', browserName });
        await openPage(tab, `http://127.0.0.1:${await closedPort()}`, {}, 'not-running');
        await checkState(tab, 'not running (dark)', { shot: 'not-running-dark', browserName });
        await openPage(tab, standIn.url);
        const challengeId = await askByKeyboard(tab, standIn);
        await tab.type(wrong(standIn.approve(challengeId, { allSpaces: true }, 'readwrite')));
        await tab.press('Enter');
        await waitText(tab, 'Anytype didn’t accept that code.');
        await checkState(tab, 'code refused (dark)', { shot: 'code-refused-dark', browserName });
        await tab.type(standIn.codeFor(challengeId));
        await tab.press('Enter');
        await waitState(tab, 'paired');
        await checkState(tab, 'paired (dark)', { shot: 'paired-dark', browserName });
        await tab.eval(() => document.querySelector('anytype-pair').controller.handleFailure(new Response('{"object":"error","status":401,"code":"unauthorized","message":"api key expired"}', { status: 401 })));
        await waitState(tab, 'error');
        assert.ok((await tab.eval(inPage.visibleText)).includes('This key has expired.'));
        await checkState(tab, 'error (dark)', { shot: 'error-dark', browserName });
        await tab.eval(() => {
          document.querySelector('anytype-pair').messages = { 'problem.key-expired': 'Der Schlüssel ist abgelaufen.', askAgain: 'Anytype erneut fragen' };
        });
        const text = await tab.eval(inPage.visibleText);
        assert.ok(text.includes('Der Schlüssel ist abgelaufen.') && text.includes('Anytype erneut fragen'));
        assert.ok(!text.includes('This key has expired.'));
      });
      await silent.close();
      await standIn.close();
    });

    test('Anytype not running, then started; and still looking (checking)', LIMIT, async () => {
      const port = await closedPort();
      await withTab({}, async (tab) => {
        await openPage(tab, `http://127.0.0.1:${port}`, { pollMs: 300 }, 'not-running');
        await waitText(tab, 'Checks so far: 2.');
        await checkState(tab, 'not running', { shot: 'not-running-light', browserName });
        const standIn = await startStandIn({ port, mode: 'v0.47', cors: true });
        await waitState(tab, 'ready');
        assert.ok((await tab.eval(inPage.text)).includes('Anytype will show a 4-digit code'), 'the generation before 2026');
        await standIn.close();
      });
      const silent = await silentServer();
      await withTab({}, async (tab) => {
        await openPage(tab, silent.url, {}, null);
        await tab.waitFor(() => document.querySelector('anytype-pair')?.getAttribute('state') === 'checking');
        await checkState(tab, 'checking', { shot: 'checking-light', browserName });
      });
      await silent.close();
    });
  });
}
