// What a person does on the demo page, as Playwright steps: read the code from the (simulated)
// Anytype window, type it, press keys. Each helper waits on what the person would see.

/** Waits until step `id` ("step-check", "step-name", …) is in `state`. */
export async function waitForStep(page, id, state) {
  await page.locator(`#${id}[data-state="${state}"]`).waitFor();
}

/** Waits until the element matching `selector` is visible and shows text matching `pattern`. */
export async function waitForText(page, selector, pattern) {
  await page.locator(selector, { hasText: pattern }).first().waitFor();
}

/** Clicks "Show a pairing code in Anytype" and waits for step 3. */
export async function askForCode(page) {
  await waitForStep(page, 'step-name', 'active');
  await page.getByRole('button', { name: 'Show a pairing code in Anytype' }).click();
  await waitForStep(page, 'step-code', 'active');
}

/**
 * Reads the 4 digits in the simulated Anytype window, as a person reads them off the screen.
 * `notCode` waits for a window that shows a different code (a newer one).
 */
export async function readCodeWindow(page, { notCode = null } = {}) {
  const digits = page.locator('#code-window:not([hidden]) [data-code-digits]');
  await digits.waitFor();
  if (notCode !== null) {
    await page.waitForFunction(
      (old) => {
        const box = document.querySelector('#code-window:not([hidden]) [data-code-digits]');
        return box && box.textContent.length === 4 && box.textContent !== old;
      },
      notCode,
    );
  } else {
    await page.waitForFunction(() => document.querySelector('#code-window [data-code-digits]')?.textContent.length === 4);
  }
  return digits.textContent();
}

/** A 4-digit code that is not `code`. */
export function wrongCodeFor(code) {
  return String((Number(code) + 1) % 10000).padStart(4, '0');
}

/** The values of the four code boxes. */
export function boxValues(page) {
  return page.locator('.code-box').evaluateAll((boxes) => boxes.map((box) => box.value));
}

/** The accessible label of the focused element (or its id when it has no label). */
export function focusedLabel(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.id ?? null;
  });
}

/** Presses Tab until the focused element's label or text matches `name`, at most 30 times. */
export async function tabTo(page, name) {
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
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

/** The stand-in's request log, through the demo server. */
export async function standInRequests(demoUrl) {
  return (await getJson(`${demoUrl}_standin/requests`)).requests;
}
