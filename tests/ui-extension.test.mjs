// The MV3 popup of docs/ui.md ("An MV3 popup in 15 lines"), built from the code blocks of that
// page into an unpacked extension with the package's browser files, and run in headless Chromium
// against the stand-in in its current mode: the element works under the extension's CSP, pairs,
// survives the popup closing while the request waits (reopening resumes it with no second
// request), stores the key in chrome.storage.local, and the popup's own lines run. The only
// change to the page's code is the `base-url` of the stand-in. Keys are compared with assert.ok.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStandIn } from '../stand-in/server.mjs';
import { CHROMIUM_ARGS } from './support/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'www', 'extension');
const BROWSER_FILES = ['index.js', 'ui.js', 'anytype_auth_bg.wasm'];

/** The code block after the line "`<name>`:" in docs/ui.md. */
function docBlock(name) {
  const text = readFileSync(join(root, 'docs', 'ui.md'), 'utf8');
  const match = new RegExp(`\`${name.replace('.', '\\.')}\`:\\n\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(text);
  assert.ok(match, `docs/ui.md has a code block for ${name}`);
  return match[1];
}

let standIn;
let work;
let context;
let extensionId;

before(async () => {
  standIn = await startStandIn({ port: 0, mode: 'current' });
  work = mkdtempSync(join(tmpdir(), 'anytype-auth-ui-extension-'));
  const dir = join(work, 'extension');
  mkdirSync(join(dir, 'vendor', 'anytype-auth'), { recursive: true });
  for (const file of BROWSER_FILES) cpSync(join(root, 'pkg', file), join(dir, 'vendor', 'anytype-auth', file), { recursive: true });
  const lines = { html: docBlock('popup.html'), js: docBlock('popup.js') };
  assert.ok(lines.html.split('\n').length + lines.js.split('\n').length <= 15, 'at most 15 lines of the author’s code');
  writeFileSync(join(dir, 'popup.html'), lines.html.replace('<anytype-pair ', `<anytype-pair base-url="${standIn.url}" `));
  writeFileSync(join(dir, 'popup.js'), lines.js);
  // The manifest as docs/ui.md lists it; the key (which fixes the id) and the Origin rule are the example extension's.
  const { key } = JSON.parse(readFileSync(join(example, 'manifest.json'), 'utf8'));
  cpSync(join(example, 'rules.json'), join(dir, 'rules.json'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3,
    name: 'ui example',
    version: '1.0',
    key,
    action: { default_popup: 'popup.html' },
    permissions: ['storage', 'declarativeNetRequestWithHostAccess'],
    host_permissions: ['http://127.0.0.1/*'],
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    declarative_net_request: { rule_resources: [{ id: 'anytype_origin', enabled: true, path: 'rules.json' }] },
  }));
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  // No service worker here: the id is the one the manifest's key fixes, which the Origin rule names.
  extensionId = JSON.parse(readFileSync(join(example, 'rules.json'), 'utf8'))[0].condition.initiatorDomains[0];
});

after(async () => {
  await context?.close();
  await standIn?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The popup page, once the element settled on `state`; with every console error collected. */
async function openPopup(state) {
  const page = await context.newPage();
  const errors = [];
  // Chromium logs every HTTP error status; the keyless look at /v2/auth/whoami that tells the generations apart answers 401.
  const expected = (text) => text.endsWith('status of 401 (Unauthorized)');
  page.on('console', (message) => message.type() === 'error' && !expected(message.text()) && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForFunction((want) => {
    const element = document.querySelector('anytype-pair');
    return element?.getAttribute('state') === want && !element.hasAttribute('busy');
  }, state);
  return { page, errors };
}

const posts = (route) => standIn.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`/auth/${route}`));

test('the docs’ MV3 popup pairs; closing it while the request waits and reopening resumes it', { timeout: 60_000 }, async () => {
  const first = await openPopup('ready');
  await first.page.locator('anytype-pair').getByRole('button', { name: 'Ask Anytype for access' }).click();
  await first.page.waitForFunction(() => document.querySelector('anytype-pair').getAttribute('state') === 'waiting');
  assert.deepEqual(first.errors, []);
  await first.page.close(); // the popup closes when Anytype's window takes focus

  const [{ challengeId }] = standIn.pending();
  const code = standIn.approve(challengeId, { allSpaces: true }, 'readwrite');
  const again = await openPopup('waiting');
  assert.equal(posts('challenges').length, 1, 'no second request');
  await again.page.locator('anytype-pair').getByLabel('4-digit code from Anytype').fill(code);
  await again.page.keyboard.press('Enter');
  await again.page.waitForFunction(() => document.querySelector('anytype-pair').getAttribute('state') === 'paired');
  const stored = await again.page.evaluate(async () => (await chrome.storage.local.get('anytype-auth:key'))['anytype-auth:key']);
  assert.ok(/^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/.test(stored), 'the key is in chrome.storage.local');
  assert.equal(await again.page.evaluate(() => chrome.action.getBadgeText({})), 'on', 'the popup’s own lines ran');
  for (const request of posts('challenges').concat(posts('api_keys'))) assert.equal(request.headers.origin, undefined, 'the rule removed Origin');
  assert.deepEqual(again.errors, [], 'no errors, CSP included');
  await again.page.close();

  const later = await openPopup('paired'); // the stored key, checked with Anytype
  assert.ok(await later.page.evaluate((key) => !document.documentElement.outerHTML.includes(key) && !document.querySelector('anytype-pair').shadowRoot.innerHTML.includes(key), stored));
  await later.page.close();
});
