// The example MV3 extension's popup (www/extension/) opened to its first call resolved, against
// the same popup built on the hand-written fetch baseline. Both copies are loaded unpacked into one
// headless Chromium (a persistent context: extensions need one) with an API key of the stand-in
// stored, so the popup's first call is the key check: popup.js asks the service worker
// (`check-key`), which calls `verifyApiKey` (GET /v1/spaces?limit=1 with the Bearer key); popup.js
// sets the performance mark FIRST_CALL_MARK when that answer arrives. Each sample is a new tab
// on chrome-extension://<id>/popup.html; the figure is the mark's startTime, i.e. navigation
// start → first call resolved, as the popup page itself measures it.
//
// - ours: a copy of www/extension/ as `make extension` left it (vendor/anytype-auth/ = pkg/'s
//   browser files). Its popup imports the package, which starts compiling the wasm as it opens.
// - baseline: the same copy with vendor/anytype-auth/ replaced by bench/extension-baseline-vendor.js
//   over bench/baseline.mjs, and a key of its own in the manifest (so its own extension id, which
//   its rules.json names, as ours names its id).
// The service workers start with the browser and stay up between samples (as when a person opens
// the popup again); the warm-up opens also make the first verifyApiKey of each (for ours, the
// wasm's compile in the service worker) happen before any timing.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, EXECUTABLE_PATH, FIRST_CALL_MARK } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', 'www', 'extension');

/** The id Chromium gives an extension whose manifest `key` is `key` (base64 DER public key). */
export function extensionId(key) {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file, value) => writeFileSync(file, JSON.stringify(value, null, 2) + '\n');

/** Copies www/extension/ (with its vendored package) to `dir`: { dir, id }. */
function prepareOurs(dir) {
  if (!existsSync(join(source, 'vendor', 'anytype-auth', 'anytype_auth_bg.wasm'))) {
    throw new Error('www/extension/vendor/anytype-auth is missing: run `make extension` first');
  }
  cpSync(source, dir, { recursive: true, filter: (path) => !path.endsWith('_metadata') });
  return { dir, id: extensionId(readJson(join(dir, 'manifest.json')).key) };
}

/** Copies www/extension/ to `dir` with the baseline as its vendor/anytype-auth/: { dir, id }. */
function prepareBaseline(dir) {
  cpSync(source, dir, { recursive: true, filter: (path) => !/[/\\](vendor|_metadata)$/.test(path) });
  const vendor = join(dir, 'vendor', 'anytype-auth');
  cpSync(join(here, 'extension-baseline-vendor.js'), join(vendor, 'index.js'));
  cpSync(join(here, 'baseline.mjs'), join(vendor, 'baseline.js'));
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const id = extensionId(key);
  const manifest = readJson(join(dir, 'manifest.json'));
  writeJson(join(dir, 'manifest.json'), { ...manifest, name: `${manifest.name} (fetch baseline)`, key });
  const rules = readJson(join(dir, 'rules.json'));
  for (const rule of rules) rule.condition.initiatorDomains = [id];
  writeJson(join(dir, 'rules.json'), rules);
  return { dir, id };
}

/** Resolves once `context` has a service worker for every id in `ids`. */
function serviceWorkersFor(context, ids) {
  return new Promise((resolve) => {
    const seen = new Set();
    const note = (worker) => {
      seen.add(new URL(worker.url()).host);
      if (ids.every((id) => seen.has(id))) {
        context.off('serviceworker', note);
        resolve();
      }
    };
    context.on('serviceworker', note);
    for (const worker of context.serviceWorkers()) note(worker);
  });
}

/** Opens the popup of extension `id` in a new tab; runs `inPage` in it once it settled on a view. */
async function withPopup(context, id, inPage) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${id}/popup.html`);
    await page.waitForSelector('body[data-view]:not([data-view="checking"])', { timeout: 30_000 });
    return await inPage(page);
  } finally {
    await page.close();
  }
}

/** One sample: the popup's mark, in ms since its navigation started; throws unless the key was accepted. */
function timePopup(context, id) {
  return withPopup(context, id, async (page) => {
    const { ms, view, message } = await page.evaluate((mark) => ({
      ms: performance.getEntriesByName(mark)[0]?.startTime,
      view: document.body.dataset.view,
      message: document.getElementById('message').textContent,
    }), FIRST_CALL_MARK);
    if (view !== 'paired' || typeof ms !== 'number') throw new Error(`popup of ${id}: view ${view}, mark ${ms} (${message})`);
    return ms;
  });
}

/**
 * Loads both copies, stores `apiKey` and `baseUrl` in each, opens each popup `warmup` times, then
 * `count` times each, alternating which goes first. Resolves to { ours: [ms…], baseline: [ms…] }.
 */
export async function popupFirstCall({ baseUrl, apiKey, count, warmup }) {
  const work = mkdtempSync(join(tmpdir(), 'anytype-auth-bench-extension-'));
  try {
    const copies = { ours: prepareOurs(join(work, 'ours')), baseline: prepareBaseline(join(work, 'baseline')) };
    const dirs = [copies.ours.dir, copies.baseline.dir].join(',');
    const context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: EXECUTABLE_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dirs}`, `--load-extension=${dirs}`],
    });
    try {
      await serviceWorkersFor(context, [copies.ours.id, copies.baseline.id]);
      for (const { id } of Object.values(copies)) {
        await withPopup(context, id, (page) => page.evaluate((items) => chrome.storage.local.set(items), { apiKey, baseUrl }));
      }
      for (let i = 0; i < warmup; i++) {
        for (const { id } of Object.values(copies)) await timePopup(context, id);
      }
      const times = { ours: [], baseline: [] };
      for (let i = 0; i < count; i++) {
        for (const which of i % 2 ? ['baseline', 'ours'] : ['ours', 'baseline']) times[which].push(await timePopup(context, copies[which].id));
      }
      return times;
    } finally {
      await context.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
