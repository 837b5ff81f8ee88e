// The pairing walkthrough: find Anytype, ask it for a code, type the code, use the key; or check
// a key made in Anytype's settings. It uses only the package's public browser entry, with
// `baseUrl` set to this page's own origin: the demo server forwards /v1 to Anytype (which sends
// no CORS headers, so a page could not read its answers directly).
import { checkAnytype, createChallenge, createApiKey, verifyApiKey } from '/pkg/index.js';
import { createCodeBoxes } from './code-boxes.js';
import { startCodeWindow, CODE_WINDOW_SECONDS } from './code-window.js';
import { describeError } from './error-messages.js';
import { maskKey, usageSnippet, DESKTOP_API_URL } from './api-key.js';

/** How long step 1 keeps looking for Anytype before it offers "Check again". */
const WAIT_SECONDS = 30;
/** Where a remembered key is kept, only after the person ticks "Remember". */
const STORAGE_KEY = 'anytype-auth-demo:api-key';

const $ = (id) => document.getElementById(id);
const baseUrl = location.origin;
const query = new URLSearchParams(location.search);

/** A whole number of seconds from the query (for quick manual and automated runs), else `fallback`. */
function secondsFromQuery(name, fallback) {
  const value = Number(query.get(name));
  return Number.isInteger(value) && value >= 1 && value <= 600 ? value : fallback;
}
const waitSeconds = secondsFromQuery('waitSeconds', WAIT_SECONDS);
const codeWindowSeconds = secondsFromQuery('codeWindowSeconds', CODE_WINDOW_SECONDS);

const state = { anytypeFound: false, challengeId: null, apiKey: null, revealed: false, snippetUrl: DESKTOP_API_URL };

// ---- small view helpers -------------------------------------------------------------------

/** Says `text` through the aria-live status region. */
function announce(text) {
  $('status').textContent = text;
}

/** Puts a step in `upcoming`, `active`, `done` or `skipped`; a done or skipped step shows `summary`. */
function setStep(id, stepState, summary) {
  const step = $(id);
  step.dataset.state = stepState;
  if (stepState === 'active') step.setAttribute('aria-current', 'step');
  else step.removeAttribute('aria-current');
  let summaryBox = step.querySelector('.step-summary');
  if (summary !== undefined) {
    if (!summaryBox) {
      summaryBox = document.createElement('p');
      summaryBox.className = 'step-summary';
      step.querySelector('h2').after(summaryBox);
    }
    summaryBox.replaceChildren(...[summary].flat());
  }
}

/** Shows `{ title, next }` in a notice box; `null` hides it. */
function setNotice(box, message) {
  if (!message) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const title = document.createElement('strong');
  title.textContent = message.title;
  const next = document.createElement('span');
  next.textContent = message.next;
  box.replaceChildren(title, ' ', next);
  box.hidden = false;
}

function setMessage(element, text, tone = '') {
  element.textContent = text;
  element.dataset.tone = tone;
  element.hidden = !text;
}

/** Marks a button busy while `work` runs. */
async function whileBusy(button, label, work) {
  const idle = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = idle;
  }
}

function browserName() {
  const brands = navigator.userAgentData?.brands?.map((b) => b.brand) ?? [];
  const named = brands.find((b) => !/not.?a.?brand|chromium/i.test(b)) ?? brands.find((b) => /chromium/i.test(b));
  if (named) return named.replace(/^Google /, '');
  const ua = navigator.userAgent;
  if (/Firefox\//.test(ua)) return 'Firefox';
  if (/Edg\//.test(ua)) return 'Edge';
  if (/Chrome\//.test(ua)) return 'Chrome';
  if (/Safari\//.test(ua)) return 'Safari';
  return 'browser';
}

// ---- step 1: find Anytype ------------------------------------------------------------------

let checkRun = 0;

/** The step 1 summary: the API version stays on one line, even at 360 px. */
function describeVersion(serverVersion) {
  if (serverVersion === null) return 'Anytype is running. It did not report an API version (versions before 0.41 do not).';
  const version = document.createElement('span');
  version.className = 'nowrap';
  version.textContent = `API version ${serverVersion}`;
  return ['Anytype is running · ', version];
}

function anytypeFound(serverVersion) {
  state.anytypeFound = true;
  setStep('step-check', 'done', describeVersion(serverVersion));
  if (state.apiKey) {
    verifyShownKey();
    announce('Anytype found. Checking your key.');
    return;
  }
  setStep('step-name', 'active');
  announce('Anytype found. Next: ask it for a pairing code.');
}

/** Polls checkAnytype once a second for up to `waitSeconds`, showing progress and next steps. */
async function findAnytype() {
  const run = ++checkRun;
  const progress = $('check-progress');
  setStep('step-check', 'active');
  $('check-again').hidden = true;
  $('check-progress-box').hidden = false;
  progress.max = waitSeconds;
  progress.removeAttribute('value');
  setMessage($('check-message'), 'Looking for Anytype…');
  const started = performance.now();
  for (let attempt = 1; ; attempt += 1) {
    const attemptStarted = performance.now();
    let result;
    try {
      result = await checkAnytype({ baseUrl, timeoutMs: 2000 });
    } catch (error) {
      const { title, next } = describeError(error);
      setMessage($('check-message'), `${title} ${next}`, 'error');
      $('check-again').hidden = false;
      return;
    }
    if (run !== checkRun) return;
    if (result.running) return anytypeFound(result.serverVersion);

    const elapsed = Math.min(waitSeconds, Math.floor((performance.now() - started) / 1000));
    $('check-help').hidden = false;
    if (elapsed >= waitSeconds) {
      $('check-progress-box').hidden = true;
      $('check-again').hidden = false;
      setMessage($('check-message'), `Anytype didn’t answer within ${waitSeconds} seconds.`, 'error');
      announce(`Anytype didn’t answer within ${waitSeconds} seconds. Open Anytype, log in, then choose Check again.`);
      return;
    }
    if (attempt === 1) announce('Anytype isn’t answering yet. Open Anytype and log in; this page keeps looking.');
    progress.value = elapsed;
    setMessage($('check-message'), `Waiting for Anytype… ${elapsed} of ${waitSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (performance.now() - attemptStarted))));
    if (run !== checkRun) return;
  }
}

// ---- steps 2 and 3: ask for a code, type it -------------------------------------------------

let countdownTimer = null;

function startCountdown() {
  clearInterval(countdownTimer);
  const deadline = Date.now() + codeWindowSeconds * 1000;
  const render = () => {
    const left = Math.ceil((deadline - Date.now()) / 1000);
    if (left > 0) {
      $('code-countdown').textContent = `The code window in Anytype closes in about ${left} s.`;
      return;
    }
    clearInterval(countdownTimer);
    $('code-countdown').textContent = 'The code window in Anytype has closed by now. Missed the code?';
    $('code-hint').dataset.tone = 'expired';
  };
  $('code-hint').dataset.tone = '';
  render();
  countdownTimer = setInterval(render, 1000);
}

const APP_NAME_ERRORS = {
  invalid_input: {
    title: 'Anytype can’t use that app name.',
    next: 'Use 1–200 ordinary characters, without control or invisible characters.',
  },
};

/** Creates a challenge: Anytype shows a new code. `noticeBox` receives any error. */
async function requestCode(button, busyLabel, noticeBox) {
  const appName = $('app-name').value.trim();
  setNotice(noticeBox, null);
  if (!appName) {
    setNotice(noticeBox, { title: 'Give this connection a name.', next: 'Anytype lists it under Settings → API Keys.' });
    $('app-name').focus();
    return;
  }
  let challengeId;
  try {
    ({ challengeId } = await whileBusy(button, busyLabel, () => createChallenge(appName, { baseUrl })));
  } catch (error) {
    setNotice(noticeBox, describeError(error, APP_NAME_ERRORS));
    announce(describeError(error, APP_NAME_ERRORS).title);
    return;
  }
  state.challengeId = challengeId;
  setStep('step-name', 'done', `Anytype was asked for a code for “${appName}”.`);
  setStep('step-code', 'active');
  setNotice($('code-error'), null);
  codeBoxes.clear();
  $('step-code').scrollIntoView({ block: 'nearest' });
  startCountdown();
  announce('Anytype is showing a 4-digit code. Type it in the four boxes.');
}

const INCOMPLETE_CODE = { title: 'Enter all 4 digits.', next: 'The code is in the Anytype window.' };
let submitting = false;

function shake(element) {
  element.classList.remove('shake');
  void element.offsetWidth; // restart the animation
  element.classList.add('shake');
}

async function submitCode() {
  if (submitting || !state.challengeId) return;
  if (!codeBoxes.isComplete()) {
    setNotice($('code-error'), INCOMPLETE_CODE);
    codeBoxes.focus();
    return;
  }
  submitting = true;
  setNotice($('code-error'), null);
  codeBoxes.setDisabled(true);
  let apiKey = null;
  let failure = null;
  try {
    ({ apiKey } = await whileBusy($('pair'), 'Connecting…', () => createApiKey(state.challengeId, codeBoxes.value(), { baseUrl })));
  } catch (error) {
    failure = error;
  } finally {
    submitting = false;
    codeBoxes.setDisabled(false);
  }
  if (failure) {
    const message = describeError(failure);
    // Same challenge, next try: Anytype allows retries, and its window still shows the code.
    codeBoxes.clear();
    if (failure.kind === 'code_rejected') shake($('code-boxes'));
    setNotice($('code-error'), message);
    announce(`${message.title} ${message.next}`);
    return;
  }
  clearInterval(countdownTimer);
  state.challengeId = null;
  setStep('step-code', 'done', 'Paired: Anytype accepted the code.');
  showKey(apiKey);
}

// ---- step 4: the key -------------------------------------------------------------------------

function renderKey() {
  const shown = state.revealed ? state.apiKey : maskKey(state.apiKey);
  $('key-value').textContent = shown;
  $('snippet').textContent = usageSnippet(shown, state.snippetUrl);
  $('reveal-key').textContent = state.revealed ? 'Hide' : 'Reveal';
  $('reveal-key').setAttribute('aria-pressed', String(state.revealed));
}

function showKey(apiKey) {
  state.apiKey = apiKey;
  state.revealed = false;
  renderKey();
  setNotice($('key-error'), null);
  $('remember-key').checked = readRemembered() === apiKey;
  setStep('step-key', 'active');
  $('step-key-title').focus();
  if (state.anytypeFound) verifyShownKey();
  else setMessage($('verify-message'), 'The key will be checked as soon as Anytype answers.');
}

async function verifyShownKey() {
  const apiKey = state.apiKey;
  setNotice($('key-error'), null);
  setMessage($('verify-message'), 'Checking the key with Anytype…');
  try {
    const { valid } = await verifyApiKey(apiKey, { baseUrl });
    if (state.apiKey !== apiKey) return;
    if (valid) {
      setMessage($('verify-message'), '✓ Anytype accepts this key. You are connected.', 'ok');
      announce('Connected. Anytype accepts the key.');
    } else {
      setMessage($('verify-message'), 'Anytype no longer accepts this key: it was probably revoked in Settings → API Keys. Forget it and pair again.', 'error');
      announce('Anytype no longer accepts this key.');
    }
  } catch (error) {
    if (state.apiKey !== apiKey) return;
    if (error.kind === 'unreachable') {
      // A closed app does not make a key invalid: keep it.
      setMessage($('verify-message'), 'Couldn’t check the key because Anytype isn’t answering. The key is kept: a closed app doesn’t make it invalid.', 'warn');
      return;
    }
    setMessage($('verify-message'), '');
    setNotice($('key-error'), describeError(error));
  }
}

function readRemembered() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function setRemembered(apiKey) {
  try {
    if (apiKey) localStorage.setItem(STORAGE_KEY, apiKey);
    else localStorage.removeItem(STORAGE_KEY);
    return true;
  } catch {
    return false;
  }
}

function forgetKey() {
  state.apiKey = null;
  state.revealed = false;
  setRemembered(null);
  $('remember-key').checked = false;
  $('key-value').textContent = '';
  $('snippet').textContent = '';
  setMessage($('verify-message'), '');
  setStep('step-key', 'upcoming');
  setStep('step-code', 'upcoming');
  setStep('step-name', state.anytypeFound ? 'active' : 'upcoming');
  announce('Key forgotten on this page. To revoke it, open Anytype → Settings → API Keys.');
  if (state.anytypeFound) $('app-name').focus();
}

async function copyKey() {
  try {
    await navigator.clipboard.writeText(state.apiKey);
    $('copy-key').textContent = 'Copied';
    announce('API key copied to the clipboard.');
    setTimeout(() => ($('copy-key').textContent = 'Copy'), 2000);
  } catch {
    setNotice($('key-error'), { title: 'Couldn’t copy the key.', next: 'Choose Reveal and copy it by hand.' });
  }
}

// ---- the second path: a key from Settings → API Keys -----------------------------------------

const PASTED_KEY_ERRORS = {
  invalid_input: {
    title: 'That doesn’t look like an API key.',
    next: 'Copy the whole key from Anytype → Settings → API Keys: one line, no spaces.',
  },
};

async function checkPastedKey() {
  const apiKey = $('pasted-key').value.trim();
  setNotice($('paste-error'), null);
  setMessage($('paste-message'), '');
  if (!apiKey) {
    setNotice($('paste-error'), { title: 'Paste a key first.', next: 'Create one in Anytype → Settings → API Keys.' });
    $('pasted-key').focus();
    return;
  }
  let valid;
  try {
    ({ valid } = await whileBusy($('verify-pasted'), 'Checking…', () => verifyApiKey(apiKey, { baseUrl })));
  } catch (error) {
    const message = describeError(error, PASTED_KEY_ERRORS);
    setNotice($('paste-error'), message);
    announce(message.title);
    return;
  }
  if (!valid) {
    const message = {
      title: 'Anytype doesn’t accept this key.',
      next: 'Copy it again from Anytype → Settings → API Keys (the whole key), or pair with a code above to get a new one.',
    };
    setNotice($('paste-error'), message);
    announce(message.title);
    $('pasted-key').select();
    return;
  }
  $('pasted-key').value = '';
  setMessage($('paste-message'), '✓ Anytype accepts this key. It is shown in step 4.', 'ok');
  state.challengeId = null;
  clearInterval(countdownTimer);
  setStep('step-name', 'skipped', 'Skipped: you used an existing key.');
  setStep('step-code', 'skipped', 'Skipped: you used an existing key.');
  showKey(apiKey);
}

// ---- wiring ----------------------------------------------------------------------------------

const codeBoxes = createCodeBoxes([...document.querySelectorAll('.code-box')], { onComplete: () => submitCode() });

$('check-again').addEventListener('click', () => findAnytype());
$('name-form').addEventListener('submit', (event) => {
  event.preventDefault();
  requestCode($('show-code'), 'Asking Anytype…', $('name-error'));
});
$('new-code').addEventListener('click', () => requestCode($('new-code'), 'Asking Anytype…', $('code-error')));
$('code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  submitCode();
});
// The red "wrong code" look lasts until the person types again (with reduced motion there is no
// animation to end).
$('code-boxes').addEventListener('input', () => $('code-boxes').classList.remove('shake'));
$('reveal-key').addEventListener('click', () => {
  state.revealed = !state.revealed;
  renderKey();
});
$('copy-key').addEventListener('click', copyKey);
$('forget-key').addEventListener('click', forgetKey);
$('remember-key').addEventListener('change', (event) => {
  const remember = event.target.checked;
  if (!setRemembered(remember ? state.apiKey : null)) {
    event.target.checked = false;
    setNotice($('key-error'), { title: 'This browser won’t store the key.', next: 'Copy it somewhere safe instead.' });
    return;
  }
  announce(remember ? 'The key is remembered in this browser.' : 'The key is no longer remembered in this browser.');
});
$('paste-form').addEventListener('submit', (event) => {
  event.preventDefault();
  checkPastedKey();
});

async function loadConfig() {
  try {
    const answer = await fetch('/demo-config.json', { cache: 'no-store' });
    return answer.ok ? await answer.json() : {};
  } catch {
    return {};
  }
}

async function start() {
  document.documentElement.dataset.demoStarted = 'true'; // see load-check.js
  $('app-name').value = `anytype-auth demo (${browserName()})`;
  const config = await loadConfig();
  const badge = $('target-badge');
  if (config.simulated) {
    badge.textContent = `Simulated Anytype · ${config.mode} mode`;
    badge.dataset.kind = 'simulated';
    document.documentElement.classList.add('simulated');
    $('simulated-banner').hidden = false;
    startCodeWindow($('code-window'), { seconds: codeWindowSeconds }).catch(() => {});
  } else if (config.target) {
    badge.textContent = `Anytype at ${config.target.replace(/^https?:\/\//, '')}`;
    state.snippetUrl = config.target;
  }
  badge.hidden = !badge.textContent;
  const remembered = readRemembered();
  if (remembered) {
    setStep('step-name', 'skipped', 'Skipped: using the key remembered in this browser.');
    setStep('step-code', 'skipped', 'Skipped: using the key remembered in this browser.');
    showKey(remembered);
  }
  findAnytype();
}

start();
