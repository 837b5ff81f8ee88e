// The demo's person-level helpers (person.mjs) are written against Playwright's page API, which
// drives Chromium. This adapter gives a puppeteer-core page in Firefox (WebDriver BiDi) the part of
// that API they and tests/demo.firefox.test.mjs use, so the same steps run in both browsers:
// `page.locator(css, { hasText })`, `getByRole(role, { name })`, `getByLabel(text)`,
// `getByText(text)` (each chainable, with `first()`, `nth()`, `waitFor()`, `click()`, `fill()`,
// `press()`, `check()`, `focus()`, `textContent()`, `allTextContents()`, `inputValue()`,
// `getAttribute()`, `isVisible()`, `isChecked()`, `isDisabled()`, `evaluate()`, `evaluateAll()`,
// `boundingBox()`), `page.keyboard` (with Playwright's chords, `Shift+Tab`, `ControlOrMeta+V`),
// `page.waitForFunction(fn, arg)`, `page.evaluate(fn, arg)`, `goto`, `reload`, `url`, `screenshot`.
// Matching follows Playwright's defaults: text and names match as case-insensitive substrings
// (whitespace collapsed) unless `exact: true`, or as a RegExp; waits are for "visible" unless a
// state is given. Unlike Playwright, a locator that matches several elements acts on the first.
import { launchFirefox } from '../support/firefox.mjs';
import { DESKTOP } from './harness.mjs';

/** How long a locator or waitForFunction waits, as the Chromium tests' context default. */
const TIMEOUT = 15_000;

/**
 * Headless Firefox for the demo. `dom.events.testing.asyncClipboard` lets the page's
 * navigator.clipboard calls run without Firefox's paste prompt, as Playwright's clipboard
 * permissions do in Chromium.
 */
export function launchFirefoxForDemo() {
  return launchFirefox({ prefs: { 'dom.events.testing.asyncClipboard': true, 'ui.prefersReducedMotion': 1 } });
}

/**
 * Runs in the page: what a locator spec (a list of steps) matches, for one operation.
 * Self-contained, as every function the page runs must be.
 */
function inPage(spec, op, arg) {
  const norm = (text) => String(text ?? '').replace(/\s+/g, ' ').trim();
  const matches = (text, want, exact) => {
    if (want === undefined || want === null) return true;
    if (typeof want === 'object') return new RegExp(want.source, want.flags).test(norm(text));
    return exact ? norm(text) === norm(want) : norm(text).toLowerCase().includes(norm(want).toLowerCase());
  };
  const rendered = (el) => !el.closest('[hidden], [aria-hidden="true"]') && el.getClientRects().length > 0;
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const labelsOf = (el) => [el.getAttribute('aria-label') ?? '', ...[...(el.labels ?? [])].map((label) => label.textContent)];
  const nameOf = (el) => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    if (el.hasAttribute('aria-label')) return el.getAttribute('aria-label');
    if (el.labels?.length) return [...el.labels].map((label) => label.textContent).join(' ');
    if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return el.value;
    return el.textContent;
  };
  const ROLES = {
    button: 'button, input[type=button], input[type=submit], input[type=reset], [role=button]',
    checkbox: 'input[type=checkbox], [role=checkbox]',
    radio: 'input[type=radio], [role=radio]',
    link: 'a[href], [role=link]',
    textbox: 'input:not([type]), input[type=text], input[type=password], input[type=url], input[type=search], textarea, [role=textbox]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    status: '[role=status], output',
  };
  // Like Playwright, a step searches open shadow roots too: the root's own, and those under it.
  const deepAll = (root, selector) => {
    const out = [...root.querySelectorAll(selector)];
    if (root.shadowRoot) out.push(...deepAll(root.shadowRoot, selector));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(el.shadowRoot, selector));
    return out;
  };
  let found = [document];
  for (const step of spec) {
    const next = [];
    for (const root of found) {
      const all = deepAll(root, step.kind === 'css' ? step.selector : step.kind === 'role' ? ROLES[step.role] : '*');
      if (step.kind === 'css') next.push(...all);
      else if (step.kind === 'role') next.push(...all.filter((el) => rendered(el) && matches(nameOf(el), step.name, step.exact)));
      else if (step.kind === 'label') next.push(...all.filter((el) => el.matches('input, textarea, select, [aria-label]') && labelsOf(el).some((text) => matches(text, step.text, step.exact))));
      else if (step.kind === 'text') {
        next.push(...all.filter((el) => matches(el.textContent, step.text, step.exact) && ![...el.children].some((child) => matches(child.textContent, step.text, step.exact))));
      } else if (step.kind === 'hasText') next.push(...(matches(root.textContent, step.text, false) ? [root] : []));
      else if (step.kind === 'nth') next.push(root);
    }
    found = [...new Set(next)];
    if (step.kind === 'nth') found = step.index < 0 ? found.slice(step.index) : found.slice(step.index, step.index + 1);
  }
  switch (op) {
    case 'all':
      return found;
    case 'element': // the first match, once it is in the state `arg`
      return found.find((el) => arg !== 'visible' || visible(el)) ?? null;
    case 'state':
      if (arg === 'attached') return found.length > 0;
      if (arg === 'detached') return found.length === 0;
      if (arg === 'hidden') return found.every((el) => !visible(el));
      return found.some(visible);
    case 'visible':
      return found.length > 0 && visible(found[0]);
    default:
      throw new Error(`unknown locator operation ${op}`);
  }
}

/** A RegExp as data the page can rebuild; anything else as it is. */
const portable = (text) => (text instanceof RegExp ? { source: text.source, flags: text.flags } : text);

class Locator {
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  #then(step) {
    return new Locator(this.page, [...this.steps, step]);
  }

  locator(selector, { hasText } = {}) {
    const located = this.#then({ kind: 'css', selector });
    return hasText === undefined ? located : located.#then({ kind: 'hasText', text: portable(hasText) });
  }
  getByRole(role, { name, exact = false } = {}) {
    return this.#then({ kind: 'role', role, name: portable(name), exact });
  }
  getByLabel(text, { exact = false } = {}) {
    return this.#then({ kind: 'label', text: portable(text), exact });
  }
  getByText(text, { exact = false } = {}) {
    return this.#then({ kind: 'text', text: portable(text), exact });
  }
  first() {
    return this.nth(0);
  }
  last() {
    return this.nth(-1);
  }
  nth(index) {
    return this.#then({ kind: 'nth', index });
  }

  toString() {
    return `locator(${JSON.stringify(this.steps)})`;
  }

  async #wait(op, state, { timeout = TIMEOUT } = {}) {
    try {
      return await this.page.raw.waitForFunction(inPage, { timeout, polling: 'raf' }, this.steps, op, state);
    } catch (error) {
      error.message = `${this} waiting for ${state}: ${error.message}`;
      throw error;
    }
  }

  /** The first match once it is visible (or just attached), as a puppeteer ElementHandle. */
  async #element(state = 'visible') {
    return (await this.#wait('element', state)).asElement();
  }

  async waitFor({ state = 'visible', timeout } = {}) {
    await this.#wait('state', state, { timeout });
  }
  async click() {
    await (await this.#element()).click();
  }
  async fill(value) {
    await (await this.#element()).evaluate((el, text) => {
      el.focus();
      el.value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
  }
  async press(key) {
    await (await this.#element()).focus();
    await this.page.keyboard.press(key);
  }
  async focus() {
    await (await this.#element('attached')).focus();
  }
  async check() {
    const box = await this.#element();
    if (!(await box.evaluate((el) => el.checked))) await box.click();
  }
  async isChecked() {
    return (await this.#element('attached')).evaluate((el) => el.checked);
  }
  async isDisabled() {
    return (await this.#element('attached')).evaluate((el) => el.disabled);
  }
  async allTextContents() {
    return this.evaluateAll((els) => els.map((el) => el.textContent));
  }
  async textContent() {
    return (await this.#element('attached')).evaluate((el) => el.textContent);
  }
  async inputValue() {
    return (await this.#element('attached')).evaluate((el) => el.value);
  }
  async getAttribute(name) {
    return (await this.#element('attached')).evaluate((el, attribute) => el.getAttribute(attribute), name);
  }
  async isVisible() {
    return this.page.raw.evaluate(inPage, this.steps, 'visible');
  }
  async boundingBox() {
    return (await this.#element()).boundingBox();
  }
  async scrollIntoViewIfNeeded() {
    await (await this.#element()).scrollIntoView();
  }
  async evaluate(fn, arg) {
    return (await this.#element('attached')).evaluate(fn, arg);
  }
  async evaluateAll(fn, arg) {
    const all = await this.page.raw.evaluateHandle(inPage, this.steps, 'all');
    try {
      return await all.evaluate(fn, arg);
    } finally {
      await all.dispose();
    }
  }
}

/** Playwright's key names as puppeteer's: `ControlOrMeta` is Control here (Linux). */
const KEY_NAMES = { ControlOrMeta: 'Control' };

class Keyboard {
  constructor(raw) {
    this.raw = raw;
  }

  /** `key` or a chord such as `ControlOrMeta+V`, as Playwright writes them. */
  async press(key) {
    const [last, ...modifiers] = key.split('+').map((name) => KEY_NAMES[name] ?? name).reverse();
    for (const modifier of modifiers.reverse()) await this.raw.down(modifier);
    await this.raw.press(modifiers.length && last.length === 1 ? last.toLowerCase() : last);
    for (const modifier of modifiers.reverse()) await this.raw.up(modifier);
  }
  async type(text) {
    await this.raw.type(text);
  }
}

/** A puppeteer page with the Playwright-shaped API above; `raw` is the puppeteer page. */
class Page {
  constructor(raw) {
    this.raw = raw;
    this.keyboard = new Keyboard(raw.keyboard);
    this.root = new Locator(this, []);
  }

  locator(selector, options) {
    return this.root.locator(selector, options);
  }
  getByRole(role, options) {
    return this.root.getByRole(role, options);
  }
  getByLabel(text, options) {
    return this.root.getByLabel(text, options);
  }
  getByText(text, options) {
    return this.root.getByText(text, options);
  }
  async waitForFunction(fn, arg, { timeout = TIMEOUT } = {}) {
    return this.raw.waitForFunction(fn, { timeout, polling: 'raf' }, arg);
  }
  async evaluate(fn, arg) {
    return this.raw.evaluate(fn, arg);
  }
  async goto(url) {
    await this.raw.goto(url);
  }
  async reload() {
    await this.raw.reload();
  }
  url() {
    return this.raw.url();
  }
  async screenshot({ path, fullPage = false } = {}) {
    await this.raw.screenshot({ path, fullPage });
  }
}

/**
 * Opens `url` in a fresh browser context, as harness.mjs's openPage does for Chromium. Resolves to
 * `{ page, context, problems }` (`problems`: uncaught page errors and CSP reports), which
 * harness.mjs's withScreenshotOnFailure accepts.
 */
export async function openFirefoxPage(browser, url, { viewport = DESKTOP } = {}) {
  const context = await browser.createBrowserContext();
  const raw = await context.newPage();
  raw.setDefaultTimeout(TIMEOUT);
  await raw.setViewport(viewport);
  const problems = [];
  raw.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  raw.on('console', (message) => {
    if (message.type() === 'error' && /Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  const page = new Page(raw);
  await page.goto(url);
  return { page, context, problems };
}
