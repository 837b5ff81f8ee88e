// What a person does on the demo page, as Playwright steps: read the code from the (simulated)
// Anytype window, type it, press keys. Each helper waits on what the person would see.

/** Waits until `<anytype-pair>` settles in `state` ("ready", "waiting", "paired", …): nothing under way. */
export async function waitForState(page, state) {
  await page.locator(`anytype-pair[state="${state}"]:not([busy])`).waitFor();
}

/** Waits until the element matching `selector` is visible and shows text matching `pattern`. */
export async function waitForText(page, selector, pattern) {
  await page.locator(selector, { hasText: pattern }).first().waitFor();
}

/** The element's part `name`, in its open shadow root. */
export const part = (page, name) => page.locator('anytype-pair').locator(`[part~="${name}"]`);

/** Waits until the element's part `name` is visible and shows text matching `pattern`. */
export async function waitForPart(page, name, pattern) {
  await page.locator('anytype-pair').locator(`[part~="${name}"]`, { hasText: pattern }).first().waitFor();
}

/** The element's code field. */
export const codeField = (page) => page.locator('anytype-pair').locator('[part=code-form] input');

/** Types `code` into the element's code field and presses Enter. */
export async function typeCode(page, code) {
  await codeField(page).fill(code);
  await codeField(page).press('Enter');
}

/**
 * Types `code` on the keyboard into the focused code field and presses Enter; waits until paired
 * and until the simulated Anytype window, its code used, has closed (at once without one).
 */
export async function keyInCodeAndPair(page, code) {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await waitForState(page, 'paired');
  await page.locator('#anytype-window').waitFor({ state: 'hidden' });
}

/** Presses the element's ask button once Anytype was found, and waits until a request waits. */
async function ask(page) {
  await waitForState(page, 'ready');
  await part(page, 'ask-button').click();
  await waitForState(page, 'waiting');
}

/** Asks for a code (Anytype before 2026) and waits for the code field. */
export const askForCode = ask;

/** Asks for access (today's Anytype) and waits for the code field. */
export const askForAccess = ask;

/** The simulated Anytype window's approval form, once it shows a request. */
export async function approvalWindow(page) {
  const form = page.locator('#anytype-window:not([hidden]) #approval-pane:not([hidden])');
  await form.waitFor();
  return form;
}

/**
 * Answers the approval window as a person: `spaces` is `'all'` or a list of space names to tick,
 * `permission` `'read'` (preselected) or `'readwrite'`; then Allow. Resolves to the code the
 * window shows next.
 */
export async function allowInWindow(page, { spaces, permission = 'read' }) {
  const form = await approvalWindow(page);
  if (spaces === 'all') await form.getByLabel('All spaces, including ones you create later').check();
  else for (const name of spaces) await form.getByRole('checkbox', { name, exact: true }).check();
  await form.getByRole('radio', { name: permission === 'read' ? 'Read only' : 'Read and write' }).check();
  await form.getByRole('button', { name: 'Allow' }).click();
  return readCodeWindow(page);
}

/** Presses Deny in the approval window and waits for the window to close. */
export async function denyInWindow(page) {
  const form = await approvalWindow(page);
  await form.getByRole('button', { name: 'Deny' }).click();
  await page.locator('#anytype-window').waitFor({ state: 'hidden' });
}

/**
 * Reads the 4 digits in the simulated Anytype window, as a person reads them off the screen.
 * `notCode` waits for a window that shows a different code (a newer one).
 */
export async function readCodeWindow(page, { notCode = null } = {}) {
  const digits = page.locator('#anytype-window:not([hidden]) #code-pane:not([hidden]) [data-code-digits]');
  await digits.waitFor();
  await page.waitForFunction((old) => {
    const box = document.querySelector('#anytype-window:not([hidden]) #code-pane:not([hidden]) [data-code-digits]');
    return box && box.textContent.length === 4 && box.textContent !== old;
  }, notCode);
  return digits.textContent();
}

/**
 * Allows all spaces with read and write, then reloads the page: the element must resume the
 * request and Anytype's window show the same code again; typing it pairs. Throws otherwise.
 */
export async function allowReloadAndPair(page) {
  const code = await allowInWindow(page, { spaces: 'all', permission: 'readwrite' });
  await page.reload();
  await waitForState(page, 'waiting');
  if ((await readCodeWindow(page)) !== code) throw new Error('after the reload, Anytype’s window shows another code');
  await typeCode(page, code);
  await waitForState(page, 'paired');
}

/** A 4-digit code that is not `code`. */
export function wrongCodeFor(code) {
  return String((Number(code) + 1) % 10000).padStart(4, '0');
}

/** The accessible name of the focused element (inside the element's shadow root when focus is there): its aria-label, its label's text, or its id. */
export function focusedLabel(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent ?? el?.id ?? null;
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element's name matches `name`: its
 * aria-label, its label's text (inputs), or its text. At most 40 times.
 */
export async function tabTo(page, name, { back = false } = {}) {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el) return '';
      return (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached ${JSON.stringify(name)}`);
}

/** The JSON of a GET on the demo server (the stand-in's control endpoints pass through it). */
export async function getJson(url) {
  const answer = await fetch(url);
  if (!answer.ok) throw new Error(`${url} answered ${answer.status}`);
  return answer.json();
}

/** A code as the stand-in's request log shows it: masked, one mask character for each digit. */
export const MASKED_CODE = '••••';

/** The stand-in's request log, through the demo server (codes and keys masked). */
export async function standInRequests(demoUrl) {
  return (await getJson(`${demoUrl}_standin/requests`)).requests;
}

/** The route that asks Anytype for a pairing request, as the stand-in's request log names it. */
export const CHALLENGES = '/v1/auth/challenges';
/** The route that trades a request and its code for a key, as the stand-in's request log names it. */
export const API_KEYS = '/v1/auth/api_keys';

/** The POSTs to `route` (CHALLENGES, API_KEYS) in a request log. */
export const posts = (requests, route) => requests.filter((r) => r.method === 'POST' && r.path === route);

/** A POST to a stand-in control endpoint through the demo server, e.g. `keys?spaces=all`; its JSON. */
export async function control(demoUrl, pathAndQuery) {
  const answer = await fetch(`${demoUrl}_standin/${pathAndQuery}`, { method: 'POST' });
  if (!answer.ok) throw new Error(`_standin/${pathAndQuery.split('?')[0]} answered ${answer.status}`);
  return answer.json();
}
