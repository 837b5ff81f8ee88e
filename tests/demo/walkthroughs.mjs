// The parts of the demo's walkthrough that both browsers run alike: tests/demo.test.mjs and
// tests/demo-approval.test.mjs in Chromium (Playwright), tests/demo.firefox.test.mjs in Firefox
// (through demo/firefox.mjs). Each takes a page open on the demo (and the demo's URL where it reads
// the stand-in's request log), acts as person.mjs's steps do and asserts what the person sees and
// what reached Anytype. What differs between the browsers (screenshots, the console lines Chromium
// logs) stays in the suites, through the `at…` hooks. Keys and codes are compared with assert.ok.
import assert from 'node:assert/strict';
import {
  API_KEYS,
  CHALLENGES,
  MASKED_CODE,
  approvalWindow,
  askForAccess,
  askForCode,
  codeField,
  focusedLabel,
  part,
  posts,
  readCodeWindow,
  standInRequests,
  tabTo,
  typeCode,
  keyInCodeAndPair,
  waitForPart,
  waitForState,
  waitForText,
  wrongCodeFor,
} from './person.mjs';

const nothing = async () => {};

/** The ids of the causes the element lists under its problem, in order. */
export const causes = (page) => part(page, 'cause').evaluateAll((items) => items.map((i) => i.getAttribute('part').split(' ')[1].replace(/^cause-/, '')));

/**
 * The element's key, revealed and hidden again (for checks against Anytype; never printed): by
 * keyboard (Tab to "Reveal key", Enter) with `keyboard`, else by a click.
 */
export async function revealedKey(page, { keyboard = false } = {}) {
  if (keyboard) {
    await tabTo(page, 'Reveal key');
    await page.keyboard.press('Enter');
  } else {
    await page.getByRole('button', { name: 'Reveal key' }).click();
  }
  const apiKey = (await part(page, 'key').textContent()).replace(/^Key: /, '');
  await page.getByRole('button', { name: 'Hide key' }).click();
  return apiKey;
}

/**
 * The simulated approval window once a request waits, checked for what every request shows:
 * `appName` in quotes, the demo's own origin as its source, Read only preselected, Allow disabled
 * until a space is chosen. Resolves to the form.
 */
export async function checkedApprovalWindow(page, demoUrl, appName) {
  const form = await approvalWindow(page);
  assert.equal(await form.locator('[data-approval-app]').textContent(), `“${appName}”`);
  assert.equal(await form.locator('[data-approval-source]').textContent(), demoUrl.replace(/\/$/, ''), 'where the request came from');
  assert.equal(await form.getByRole('radio', { name: 'Read only' }).isChecked(), true, 'read is preselected');
  assert.equal(await form.getByRole('button', { name: 'Allow' }).isDisabled(), true, 'Allow waits for a space choice');
  return form;
}

/**
 * Once paired with today's Anytype on a fresh stand-in: reveals the key (by keyboard with
 * `keyboard`) and checks it has today's format, that Anytype saw one request named `appName` from
 * the demo's own origin and one code, and that the page keeps the key in no storage and not in its
 * URL. Resolves to the key.
 */
export async function checkedKeyOfOneRequest(page, demoUrl, { appName, keyboard = false }) {
  const apiKey = await revealedKey(page, { keyboard });
  assert.ok(/^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/.test(apiKey), 'a key of today’s format');
  const requests = await standInRequests(demoUrl);
  const challenges = posts(requests, CHALLENGES);
  assert.equal(challenges.length, 1, 'one request');
  assert.equal(JSON.parse(challenges[0].body).app_name, appName);
  assert.equal(challenges[0].headers.origin, demoUrl.replace(/\/$/, ''), 'the demo is a caller of its own');
  assert.equal(posts(requests, API_KEYS).length, 1, 'one code');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'the key is not stored');
  assert.ok(!(await page.evaluate(() => Object.values(sessionStorage).join(' '))).includes(apiKey));
  assert.ok(!page.url().includes(apiKey));
  return apiKey;
}

/** With a request waiting: a code too short, or with a letter, is refused on the page and nothing is sent. */
export async function shortCodeSendsNothing(page, demoUrl) {
  const sent = async () => posts(await standInRequests(demoUrl), API_KEYS).length;
  const before = await sent();
  await typeCode(page, '12');
  assert.equal(await codeField(page).evaluate((input) => input.validity.valid), false);
  await typeCode(page, '12a4');
  assert.equal(await sent(), before, 'nothing is sent');
  await waitForState(page, 'waiting');
}

/**
 * With `code` shown in the simulated window: types a wrong code and checks the element's answer
 * (its problem with `expectedCauses` in order, the field cleared and focused, the same code still
 * shown), runs `atWrongCode(page)`, types `code` and waits until paired; then checks that both
 * tries went to Anytype, 4 digits each, on one request.
 */
export async function wrongCodeThenRight(page, demoUrl, code, { expectedCauses, atWrongCode = nothing }) {
  await typeCode(page, wrongCodeFor(code));
  await waitForPart(page, 'problem', 'Anytype didn’t accept that code.');
  assert.deepEqual(await causes(page), expectedCauses);
  assert.equal(await codeField(page).inputValue(), '', 'the refused code is cleared');
  assert.equal(await focusedLabel(page), '4-digit code from Anytype');
  assert.ok((await readCodeWindow(page)) === code, 'the same code is still shown');
  await atWrongCode(page);

  await keyInCodeAndPair(page, code);
  const tries = posts(await standInRequests(demoUrl), API_KEYS).slice(-2).map((r) => JSON.parse(r.body));
  assert.equal(tries[0].challenge_id, tries[1].challenge_id, 'one request for both tries');
  // The stand-in's log masks codes, one mask character for each: 4 digits went each time.
  assert.deepEqual(tries.map((t) => t.code), [MASKED_CODE, MASKED_CODE], 'the wrong code, then the right one');
}

/** Before 2026: pastes a wrong code as "12 34" (sent without the space, refused), then the right one as "1234", which pairs. */
export async function pasteWrongThenRight(page, demoUrl) {
  await askForCode(page);
  const code = await readCodeWindow(page);
  const paste = async (text) => {
    await codeField(page).focus();
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await page.keyboard.press('ControlOrMeta+V');
    await page.keyboard.press('Enter');
  };
  const wrong = wrongCodeFor(code);
  await paste(`${wrong.slice(0, 2)} ${wrong.slice(2)}`);
  await waitForPart(page, 'problem', 'Anytype didn’t accept that code.');
  const [lastTry] = posts(await standInRequests(demoUrl), API_KEYS).slice(-1);
  assert.equal(JSON.parse(lastTry.body).code, MASKED_CODE, 'the pasted digits were sent without the space');

  await paste(code);
  await waitForState(page, 'paired');
}

/**
 * Before 2026, on a page opened with `?codeWindowSeconds=2`: the code window closes itself, asking
 * again sends one new request and shows another code, which pairs.
 */
export async function newCodeOnceTheWindowCloses(page, demoUrl) {
  await askForCode(page);
  const first = await readCodeWindow(page);
  await page.locator('#anytype-window').waitFor({ state: 'hidden' });
  const before = posts(await standInRequests(demoUrl), CHALLENGES).length;
  await part(page, 'ask-button').click();
  const second = await readCodeWindow(page, { notCode: first });
  assert.equal(posts(await standInRequests(demoUrl), CHALLENGES).length, before + 1);
  await typeCode(page, second);
  await waitForState(page, 'paired');
}

/**
 * "Already have a key?": an unknown key is refused; `validKey` (an all-spaces key the stand-in
 * issued), pasted with spaces around it, is accepted, then `atAccepted(page)` runs. Nothing is
 * stored.
 */
export async function pastedKeys(page, validKey, { atAccepted = nothing } = {}) {
  await waitForState(page, 'ready');
  await page.getByText('Already have a key?').click();
  const field = page.getByLabel('API key', { exact: true });
  assert.equal(await field.getAttribute('type'), 'password');
  await field.fill(`${'A'.repeat(43)}=`);
  await field.press('Enter');
  await waitForPart(page, 'problem', 'Anytype doesn’t know this key');

  await field.fill(` ${validKey} `);
  await field.press('Enter');
  await waitForState(page, 'paired');
  assert.equal(await part(page, 'key').textContent(), `Key ending in ${validKey.slice(-4)}.`);
  await waitForPart(page, 'access', 'Reaches all spaces');
  await atAccepted(page);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing stored');
}

/** The stand-in's gate mode (2026): the badge says so; the code at once, a wrong one refused, the right one pairs. */
export async function codeAtOnceBehindTheGate(page) {
  await waitForText(page, '#target-badge', 'Simulated Anytype · 2026 mode');
  await askForCode(page);
  const code = await readCodeWindow(page);
  await typeCode(page, wrongCodeFor(code));
  await waitForPart(page, 'problem', 'Anytype didn’t accept that code.');
  await typeCode(page, code);
  await waitForState(page, 'paired');
}

/**
 * Today's Anytype, on a fresh stand-in: asks for access, then reloads while the request waits; the
 * page resumes it (the approval window still up), offers no second request and has sent one.
 */
export async function reloadWhileTheRequestWaits(page, demoUrl) {
  await askForAccess(page);
  await approvalWindow(page);
  assert.equal(await part(page, 'ask-button').isVisible(), false, 'no second request while one waits');
  // A reload keeps the request (sessionStorage) and sends nothing new.
  await page.reload();
  await waitForState(page, 'waiting');
  await approvalWindow(page);
  assert.equal(await part(page, 'ask-button').isVisible(), false, 'no second request after the reload');
  assert.equal(posts(await standInRequests(demoUrl), CHALLENGES).length, 1);
}
