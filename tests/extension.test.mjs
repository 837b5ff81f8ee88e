// The example MV3 extension (www/extension/, with the package copied in by `make extension`)
// loaded unpacked into headless Chromium: its popup is <anytype-pair>. It pairs against today's
// Anytype (the stand-in's current mode: the person approves, then types the code; the grant is
// stored beside the key and shown), against heart v0.47 and the gate-only mode (the code at once);
// it resumes a request after the popup closed without sending a second one, keeps a scoped key and
// explains it, says why a stored key no longer works, forgets a key when the person asks, and its
// declarativeNetRequest rule does not help web pages past the gate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStandIn, SPACES } from '../stand-in/server.mjs';
import { CHROMIUM_ARGS } from './support/browser.mjs';
import { popupSteps } from './support/extension-steps.mjs';
import { GRANT, KEY, pendingRequest, resetStorage, settledState } from './support/popup.mjs';

const source = join(dirname(fileURLToPath(import.meta.url)), '..', 'www', 'extension');
// The manifest's key fixes the extension id, which the rule names.
const extensionId = JSON.parse(readFileSync(join(source, 'rules.json'), 'utf8'))[0].condition.initiatorDomains[0];

let standIn;
let work;
let extension;
let context;

/** `dir` loaded unpacked into a new headless Chromium with its own profile. */
const launchWith = (dir, profile) =>
  chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });

before(async () => {
  assert.ok(existsSync(join(source, 'vendor', 'anytype-auth', 'ui.js')), 'run `make extension` first (copies pkg/ into the extension)');
  standIn = await startStandIn({ port: 0, mode: 'current' });
  // Chromium writes _metadata/ into an unpacked extension: load a copy, not the source tree.
  work = mkdtempSync(join(tmpdir(), 'anytype-auth-extension-'));
  extension = join(work, 'extension');
  cpSync(source, extension, { recursive: true });
  context = await launchWith(extension, join(work, 'profile'));
});

after(async () => {
  await context?.close();
  await standIn?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The popup page in a tab of `ctx`, once the element settled on a state. */
async function openPopup(ctx = context) {
  const page = await ctx.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForFunction(settledState);
  return page;
}

/** Fresh extension storage with `local` items, then the popup. */
async function freshPopup(local) {
  const page = await openPopup();
  await page.evaluate(resetStorage, local);
  await page.reload();
  await page.waitForFunction(settledState);
  return page;
}

/** The shared steps (support/extension-steps.mjs) through playwright-core, whose CSS selectors pierce open shadow roots. */
const { scope, state, text, visible, storage, posts, ask, typeCode, typeWrongCode, assertWaitingView, ...checks } = popupSteps({
  name: 'extension',
  standIn: () => standIn,
  openPopup,
  freshPopup,
  waitFor: (page, fn, arg) => page.waitForFunction(fn, arg),
  click: (page, selector) => page.click(`anytype-pair ${selector}`),
  async submit(page, selector, text) {
    await page.fill(`anytype-pair ${selector}`, text);
    await page.press(`anytype-pair ${selector}`, 'Enter');
  },
});

test('the popup runs under the id its rule names (fixed by the manifest key)', async () => {
  const page = await openPopup();
  assert.equal(await page.evaluate(() => chrome.runtime.id), extensionId);
  assert.equal(await page.evaluate(() => customElements.get('anytype-pair') !== undefined), true);
  await page.close();
});

for (const mode of ['v0.47', '2026']) {
  test(`pairs from the popup against the ${mode} stand-in (the code at once), with a wrong code first`, () => checks.pairsWithAWrongCodeFirst(mode));
}

test('pairs through the approval on today’s Anytype: approve in Anytype, then the code; the grant is stored beside the key and shown', async () => {
  const { spec, base } = scope('mode=current');
  const page = await freshPopup({ baseUrl: base });
  await ask(page);
  await assertWaitingView(page);
  const pending = await page.evaluate(pendingRequest);
  const [request] = standIn.pending(spec);
  assert.deepEqual([request.challengeId, request.appName, request.caller], [pending.challengeId, 'anytype-auth example extension', ''], 'Origin-less: the anonymous caller');
  assert.equal(standIn.codeFor(pending.challengeId, spec), null, 'no code before Allow');

  const code = standIn.approve(pending.challengeId, { allSpaces: true }, 'readwrite', spec); // the person's Allow
  await typeWrongCode(page, code);
  assert.equal(await text(page, 'tries'), '4 of 5 tries left for this request.');
  await typeCode(page, code);
  assert.equal(await state(page), 'paired');
  const apiKey = await storage(page, 'local', KEY);
  assert.ok(/^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/.test(apiKey), 'a key of today’s format');
  assert.deepEqual(await storage(page, 'local', GRANT), { allSpaces: true, spaceIds: [], permission: 'readwrite' });
  assert.equal(await text(page, 'access'), 'Reaches all spaces, including ones you create later. Read and write.');
  assert.equal(await visible(page, 'warning'), false);
  await page.close();

  const again = await openPopup();
  assert.equal(await state(again), 'paired');
  assert.equal(await text(again, 'access'), 'Reaches all spaces, including ones you create later. Read and write.');
  assert.deepEqual(posts(spec).map((r) => r.path), ['/v1/auth/challenges', '/v1/auth/api_keys', '/v1/auth/api_keys']);
  assert.equal(standIn.requests(spec).at(-1).path, '/v2/auth/whoami?ids=full', 'one request checks a key on today’s Anytype');
  await again.close();
});

test('closing the popup while the request waits for Allow: reopening resumes it, and no second request is sent', () => checks.resumesAfterClose());

test('a scoped key is kept and explained; an expired one is explained, with a new request offered', async () => {
  const { spec, base } = scope('mode=current');
  const work = SPACES.find((space) => space.name === 'Work');
  const page = await freshPopup({ baseUrl: base });
  await ask(page);
  const { challengeId } = await page.evaluate(pendingRequest);
  await typeCode(page, standIn.approve(challengeId, { spaceIds: [work.id] }, 'read', spec));
  assert.equal(await state(page), 'paired');
  assert.deepEqual(await storage(page, 'local', GRANT), { allSpaces: false, spaceIds: [work.id], permission: 'read' });
  assert.equal(await visible(page, 'warning'), true);
  assert.match(await text(page, 'warning'), /apps that use \/v1 refuse it[\s\S]*Settings → API Keys[\s\S]*all spaces with Read and write/);
  const apiKey = await storage(page, 'local', KEY);
  await page.close();

  // Reopened: verifyApiKey says valid, worksOnV1: false; the key stays.
  const again = await openPopup();
  assert.equal(await state(again), 'paired');
  assert.equal(await text(again, 'access'), 'Reaches these spaces: Work. Read only.');
  assert.equal(await visible(again, 'warning'), true);
  assert.equal(await storage(again, 'local', KEY), apiKey, 'a scoped key is kept');
  await again.close();

  const expired = standIn.addApiKey({ scope: spec, grant: { allSpaces: true, permission: 'readwrite' }, expiresAt: Date.now() - 60_000 });
  const gone = await freshPopup({ baseUrl: base, [KEY]: expired });
  assert.equal(await state(gone), 'error');
  assert.equal(await text(gone, 'problem'), 'This key has expired.');
  assert.equal(await visible(gone, 'ask-button'), true, 'a new request is offered');
  await gone.close();
});

test('a stored key Anytype refuses (401) is explained; when Anytype is closed it is kept and looked for again', () => checks.refusedOrClosed(scope()));

test('forgetting the key removes it and its grant from storage', () => checks.forgetsTheKey());

test('the rule is scoped to the extension: web pages on loopback sites keep their Origin', () => checks.pagesKeepTheirOrigin(context));

test('control: the same rule without initiatorDomains would let every page past the gate', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'anytype-auth-unscoped-'));
  cpSync(source, copy, { recursive: true });
  const rules = JSON.parse(readFileSync(join(copy, 'rules.json'), 'utf8'));
  delete rules[0].condition.initiatorDomains;
  writeFileSync(join(copy, 'rules.json'), JSON.stringify(rules));
  const unscoped = await launchWith(copy, join(copy, '.profile'));
  try {
    await (await openPopup(unscoped)).close(); // the extension, and so its rule, is loaded
    await checks.everyPagePasses(unscoped);
  } finally {
    await unscoped.close();
    rmSync(copy, { recursive: true, force: true });
  }
});
