// The example MV3 extension's popup (www/extension/, <anytype-pair>) opened to its first call
// resolved, against a baseline popup that makes the same first requests with plain fetch. Both are
// loaded unpacked into one headless Chromium (a persistent context: extensions need one) with the
// stand-in's address stored and no key, so the element's first step is its look for Anytype
// (checkAnytype, then the keyless whoami that tells the generations apart). Each sample is a new
// tab on chrome-extension://<id>/popup.html; the figure is the mark FIRST_CALL_MARK's startTime,
// i.e. navigation start → first look answered, as the popup page itself measures it.
//
// - ours: a copy of www/extension/ as `make extension` left it (vendor/anytype-auth/ = pkg/'s
//   browser files), whose popup.html also loads bench/extension-first-call-mark.js, which sets the
//   mark when the element's `state` attribute leaves `checking`. Its popup imports the package,
//   which starts compiling the wasm as it opens, and waits for the origin rule before the element.
// - baseline: the same copy, popup, ui.js and element, with a key of its own (so its own extension
//   id, which its rules.json names) and vendor/anytype-auth/index.js swapped for
//   bench/extension-baseline-vendor.js (the core's names over plain fetch): the figure is what the
//   core costs a popup. What the ui module costs is its size budget.
// The warm-up opens make each popup's first load (and the browser's first fetches) happen before
// any timing.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Copies www/extension/ (with its vendored package) to `dir`, its popup marked: { dir, id }. */
function prepareOurs(dir) {
  if (!existsSync(join(source, 'vendor', 'anytype-auth', 'ui.js'))) {
    throw new Error('www/extension/vendor/anytype-auth is missing: run `make extension` first');
  }
  cpSync(source, dir, { recursive: true, filter: (path) => !path.endsWith('_metadata') });
  cpSync(join(here, 'extension-first-call-mark.js'), join(dir, 'first-call-mark.js'));
  const html = readFileSync(join(dir, 'popup.html'), 'utf8');
  const marked = html.replace('<script type="module"', '<script src="first-call-mark.js"></script>\n<script type="module"');
  if (marked === html) throw new Error('www/extension/popup.html has no module script to mark before');
  writeFileSync(join(dir, 'popup.html'), marked);
  return { dir, id: extensionId(readJson(join(dir, 'manifest.json')).key) };
}

/**
 * The same copy in `dir`, with a key of its own (so its own extension id, which its rules.json
 * names) and the core entry in vendor/ swapped for the fetch baseline: { dir, id }.
 */
function prepareBaseline(dir) {
  prepareOurs(dir);
  const vendor = join(dir, 'vendor', 'anytype-auth');
  cpSync(join(here, 'extension-baseline-vendor.js'), join(vendor, 'index.js'));
  cpSync(join(here, 'baseline.mjs'), join(vendor, 'baseline.js'));
  cpSync(join(here, '..', 'js', 'facts.js'), join(vendor, 'facts.js'));
  rmSync(join(vendor, 'anytype_auth_bg.wasm'));
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const id = extensionId(key);
  const manifest = readJson(join(dir, 'manifest.json'));
  writeJson(join(dir, 'manifest.json'), { ...manifest, name: `${manifest.name} (fetch baseline)`, key });
  const rules = readJson(join(dir, 'rules.json'));
  for (const rule of rules) rule.condition.initiatorDomains = [id];
  writeJson(join(dir, 'rules.json'), rules);
  return { dir, id };
}

/** Opens the popup of extension `id` in a new tab; runs `inPage` in it once it settled on a view. */
async function withPopup(context, id, inPage) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${id}/popup.html`);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_CALL_MARK, { timeout: 30_000 });
    return await inPage(page);
  } finally {
    await page.close();
  }
}

/** One sample: the popup's mark, in ms since its navigation started; throws unless Anytype answered. */
function timePopup(context, id) {
  return withPopup(context, id, async (page) => {
    const { ms, state } = await page.evaluate((mark) => ({
      ms: performance.getEntriesByName(mark)[0]?.startTime,
      state: document.querySelector('[state]')?.getAttribute('state'),
    }), FIRST_CALL_MARK);
    if (state !== 'ready' || typeof ms !== 'number') throw new Error(`popup of ${id}: state ${state}, mark ${ms}`);
    return ms;
  });
}

/**
 * Loads both copies, stores `baseUrl` in each, opens each popup `warmup` times, then `count` times
 * each, alternating which goes first. Resolves to { ours: [ms…], baseline: [ms…] }.
 */
export async function popupFirstCall({ baseUrl, count, warmup }) {
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
      for (const { id } of Object.values(copies)) {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${id}/popup.html`); // a page of the extension, to reach its storage
        await page.evaluate((items) => chrome.storage.local.set(items), { baseUrl });
        await page.close();
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
