// The pairing walkthrough: find Anytype, ask it for access, approve in Anytype and type the code
// it shows, use the key; or check a key made in Anytype's settings. It uses only the package's
// public browser entry, with `baseUrl` set to this page's own origin: the demo server forwards
// /v1, /v2 and /docs to Anytype (which sends no CORS headers, so a page could not read its
// answers directly).
//
// The steps follow the generation of Anytype that answers (anytype-generations.js): today's asks
// the person to approve the page (spaces, read or read & write) before it shows a code valid for
// 5 minutes, takes one request from the page at a time and remembers a Deny until it restarts;
// the one before 2026 shows a code at once for about 30 s.
import { checkAnytype, createChallenge, createApiKey, verifyApiKey } from '/pkg/index.js';
import { createCodeBoxes } from './code-boxes.js';
import { describeError } from './error-messages.js';
import { maskKey, usageSnippet, DESKTOP_API_URL } from './api-key.js';
import { CODE_POPUP_SECONDS, TRIES_PER_REQUEST, durationText, generationOf, minutesAndSeconds, timingsFor } from './anytype-generations.js';
import { CHALLENGE_REFUSED_TITLE, challengeRefusedCauses, codeRejectedCauses, codeRejectedTitle } from './refusal-causes.js';
import { describeAccess } from './key-access.js';
import { clearRequest, loadRequest, newRequest, saveRequest, withAge } from './pending-request.js';
import { startSimulatedAnytype } from './simulated-anytype.js';

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
/** How long the simulated code popup of Anytype before 2026 stays open. */
const popupSeconds = secondsFromQuery('codeWindowSeconds', CODE_POPUP_SECONDS);

const state = {
  anytypeFound: false,
  generation: generationOf(null),
  /** The built-in stand-in's lifetimes, from /demo-config.json (null for a real Anytype). */
  ttls: null,
  timings: timingsFor(generationOf(null)),
  /** The pairing request in step 3 (pending-request.js), or null. */
  request: null,
  apiKey: null,
  grant: null,
  revealed: false,
  snippetUrl: DESKTOP_API_URL,
};

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

/**
 * Shows `{ title, next?, causes? }` in a notice box (`causes`: refusal-causes.js, each with its own
 * next step, likeliest first); `null` hides it.
 */
function setNotice(box, message) {
  if (!message) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const title = document.createElement('strong');
  title.textContent = message.title;
  const parts = [title];
  if (message.next) {
    const next = document.createElement('span');
    next.textContent = message.next;
    parts.push(' ', next);
  }
  if (message.causes) {
    const list = document.createElement('ul');
    list.className = 'causes';
    for (const cause of message.causes) {
      const item = document.createElement('li');
      item.dataset.cause = cause.id;
      const what = document.createElement('b');
      what.textContent = cause.title;
      item.append(what, ` ${cause.next}`);
      list.append(item);
    }
    parts.push(list);
  }
  box.replaceChildren(...parts);
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

// ---- which Anytype answers --------------------------------------------------------------------

/** Puts the steps' words and timings in line with `generation` (anytype-generations.js). */
function applyGeneration(generation) {
  state.generation = generation;
  state.timings = timingsFor(generation, { ttls: state.ttls, popupSeconds });
  $('step-name-label').textContent = generation.stepTitle;
  $('show-code').textContent = generation.askLabel;
  $('ask-fine').textContent = generation.askFine(state.timings);
  $('step-code-label').textContent = generation.codeStepTitle;
  $('code-legend').textContent = generation.codeLegend;
  $('new-code').textContent = generation.askAgainLabel;
}

/**
 * Asks the demo server which generation answers (scripts/demo-generation.mjs: GET /v2/auth/whoami
 * without a key, 401 today, 404 before). Resolves to the generation id, or null.
 */
async function learnGeneration() {
  try {
    const answer = await fetch('/demo-generation.json', { cache: 'no-store' });
    return answer.ok ? (await answer.json()).generation : null;
  } catch {
    return null;
  }
}

// ---- step 1: find Anytype ------------------------------------------------------------------

let checkRun = 0;

/** The step 1 summary: the API version stays on one line, even at 360 px; then the generation. */
function describeVersion(serverVersion, generationId) {
  const generation = generationId ? state.generation.summary : 'This page could not tell which generation it is, so it follows today’s rules.';
  if (serverVersion === null) return `Anytype is running. It did not report an API version (versions before 0.41 do not). ${generation}`;
  const version = document.createElement('span');
  version.className = 'nowrap';
  version.textContent = `API version ${serverVersion}`;
  return ['Anytype is running · ', version, `. ${generation}`];
}

async function anytypeFound(serverVersion) {
  const generationId = await learnGeneration();
  applyGeneration(generationOf(generationId));
  state.anytypeFound = true;
  setStep('step-check', 'done', describeVersion(serverVersion, generationId));
  if (state.apiKey) {
    verifyShownKey();
    announce('Anytype found. Checking your key.');
    return;
  }
  const resumed = loadRequest();
  if (resumed && withAge(resumed).ageMs < state.timings.approvalMs + state.timings.codeMs) {
    state.request = resumed;
    enterCodeStep('Anytype found. Your request is still open: answer it in Anytype, then type the code here.');
    return;
  }
  clearRequest();
  setStep('step-name', 'active');
  announce(state.generation.approval ? 'Anytype found. Next: ask it for access.' : 'Anytype found. Next: ask it for a pairing code.');
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

// ---- steps 2 and 3: ask for access, approve, type the code ------------------------------------

let phaseTimer = null;

/**
 * Where the request in step 3 stands, as far as the page can know (Anytype tells it nothing until
 * a code is sent). Today's Anytype: `waiting` (for Allow or Deny: no second request may be sent),
 * `lapsed` (unless Allow was pressed), `code` (a code was typed, so Allow was pressed), `code-expired`,
 * `used-up` (5 refused codes), `denied` (the person said so). Before 2026: `popup`, `popup-closed`.
 */
function requestPhase() {
  const request = withAge(state.request);
  if (!request) return null;
  const { approvalMs, codeMs } = state.timings;
  if (!state.generation.approval) return request.ageMs < codeMs ? 'popup' : 'popup-closed';
  if (request.tries >= TRIES_PER_REQUEST) return 'used-up';
  if (request.denied) return 'denied';
  if (!request.codeTyped) return request.ageMs < approvalMs ? 'waiting' : 'lapsed';
  return request.ageMs < approvalMs + codeMs ? 'code' : 'code-expired';
}

/** The hint under the code boxes, and which of its buttons show, for each phase. */
function phaseHint(phase) {
  const request = withAge(state.request);
  const { approvalMs, codeMs } = state.timings;
  const codeLife = durationText(codeMs);
  switch (phase) {
    case 'popup':
      return { text: `The code window in Anytype closes in about ${Math.ceil((codeMs - request.ageMs) / 1000)} s.`, askAgain: true };
    case 'popup-closed':
      return { text: 'The code window in Anytype has closed by now. Missed the code?', askAgain: true, tone: 'expired' };
    case 'waiting':
      return {
        text: `Waiting for your answer in Anytype: choose the spaces and the access, press Allow, then type the code it shows. The request lapses in ${minutesAndSeconds(approvalMs - request.ageMs)} if unanswered; after Allow, the code works for ${codeLife}.`,
        saidDeny: true,
      };
    case 'lapsed':
      return { text: `Anytype has dropped the request by now, unless you pressed Allow: a code works for ${codeLife} after Allow.`, askAgain: true, tone: 'expired' };
    case 'code':
      return { text: `The code works for ${codeLife} after you press Allow, for ${TRIES_PER_REQUEST} tries (${TRIES_PER_REQUEST - request.tries} left).`, askAgain: true };
    case 'code-expired':
      return { text: `The code has run out by now: it works for ${codeLife} after Allow.`, askAgain: true, tone: 'expired' };
    case 'used-up':
      return { text: `Anytype takes no more codes for this request: all ${TRIES_PER_REQUEST} tries are used.`, askAgain: true, tone: 'expired' };
    case 'denied':
      return { text: 'You pressed Deny: Anytype refuses this page until it restarts. Quit and reopen Anytype, then ask again.', askAgain: true, tone: 'expired' };
    default:
      return { text: '' };
  }
}

/** Redraws the hint of step 3 (once a second while a request is open). */
function renderPhase() {
  const phase = requestPhase();
  const hint = phaseHint(phase);
  $('code-countdown').textContent = hint.text;
  $('code-hint').dataset.tone = hint.tone ?? '';
  $('code-hint').dataset.phase = phase ?? '';
  $('new-code').hidden = !hint.askAgain;
  $('said-deny').hidden = !hint.saidDeny;
  if (!submitting) {
    codeBoxes.setDisabled(phase === 'used-up');
    $('pair').disabled = phase === 'used-up';
  }
}

function startPhaseTimer() {
  clearInterval(phaseTimer);
  renderPhase();
  phaseTimer = setInterval(renderPhase, 1000);
}

function stopPhaseTimer() {
  clearInterval(phaseTimer);
  phaseTimer = null;
}

const APP_NAME_ERRORS = {
  invalid_input: {
    title: 'Anytype can’t use that app name.',
    next: 'Use 1–200 ordinary characters, without control or invisible characters.',
  },
};

/** Step 3 becomes the active step for `state.request`. */
function enterCodeStep(announcement) {
  setStep('step-name', 'done', state.generation.askedSummary(state.request.appName));
  setStep('step-code', 'active');
  setNotice($('code-error'), null);
  codeBoxes.clear();
  $('step-code').scrollIntoView({ block: 'nearest' });
  startPhaseTimer();
  announce(announcement);
}

/**
 * Creates a pairing request: Anytype shows its approval window (today) or a code (before 2026).
 * Never while the page's request may still wait for the person's answer: Anytype takes one request
 * from an app at a time. `noticeBox` receives any refusal or error.
 */
async function requestAccess(button, busyLabel, noticeBox) {
  const appName = $('app-name').value.trim();
  setNotice(noticeBox, null);
  if (!appName) {
    setNotice(noticeBox, { title: 'Give this connection a name.', next: 'Anytype shows it when it asks you, and lists it under Settings → API Keys.' });
    $('app-name').focus();
    return;
  }
  if (requestPhase() === 'waiting') {
    setNotice(noticeBox, { title: 'Your request still waits in Anytype.', next: 'Answer it there first (Allow or Deny): Anytype takes one request from this page at a time.' });
    return;
  }
  let challengeId;
  try {
    ({ challengeId } = await whileBusy(button, busyLabel, () => createChallenge(appName, { baseUrl })));
  } catch (error) {
    const message =
      error?.kind === 'challenge_refused'
        ? { title: CHALLENGE_REFUSED_TITLE, causes: challengeRefusedCauses(state.generation, withAge(state.request), state.timings) }
        : describeError(error, APP_NAME_ERRORS);
    setNotice(noticeBox, message);
    announce(message.causes ? `${message.title} ${message.causes[0].title} ${message.causes[0].next}` : message.title);
    return;
  }
  state.request = newRequest(challengeId, appName);
  saveRequest(state.request);
  $('pair-again-hint').hidden = true;
  enterCodeStep(state.generation.askedAnnounce);
}

const INCOMPLETE_CODE = { title: 'Enter all 4 digits.', next: 'The code is in the Anytype window.' };
let submitting = false;

function shake(element) {
  element.classList.remove('shake');
  void element.offsetWidth; // restart the animation
  element.classList.add('shake');
}

/** The message for a refused code: every cause with its own next step, the likeliest first. */
function codeRejectedMessage() {
  const causes = codeRejectedCauses(state.generation, withAge(state.request), state.timings);
  return { title: codeRejectedTitle(causes), causes };
}

async function submitCode() {
  if (submitting || !state.request || requestPhase() === 'used-up') return;
  if (!codeBoxes.isComplete()) {
    setNotice($('code-error'), INCOMPLETE_CODE);
    codeBoxes.focus();
    return;
  }
  submitting = true;
  const request = state.request;
  request.codeTyped = true; // the person saw a code, so Allow was pressed
  saveRequest(request);
  setNotice($('code-error'), null);
  codeBoxes.setDisabled(true);
  let result = null;
  let failure = null;
  try {
    result = await whileBusy($('pair'), 'Connecting…', () => createApiKey(request.challengeId, codeBoxes.value(), { baseUrl }));
  } catch (error) {
    failure = error;
  } finally {
    submitting = false;
    codeBoxes.setDisabled(false);
  }
  if (state.request !== request) return; // replaced meanwhile
  if (failure) {
    if (failure.kind === 'code_rejected') {
      request.tries += 1;
      saveRequest(request);
    }
    const message = failure.kind === 'code_rejected' ? codeRejectedMessage() : describeError(failure);
    // Same request, next try: Anytype allows 5, and its window still shows the code.
    codeBoxes.clear();
    if (failure.kind === 'code_rejected') shake($('code-boxes'));
    setNotice($('code-error'), message);
    renderPhase();
    announce(message.causes ? `${message.title} ${message.causes[0].next}` : `${message.title} ${message.next}`);
    return;
  }
  stopPhaseTimer();
  state.request = null;
  clearRequest();
  setStep('step-code', 'done', 'Paired: Anytype accepted the code.');
  showKey(result.apiKey, { grant: result.grant, fresh: true });
}

/** "Pressed Deny?": the request is gone, and Anytype refuses this page until it restarts. */
function saidDeny() {
  if (!state.request) return;
  state.request.denied = true;
  saveRequest(state.request);
  renderPhase();
  announce('You pressed Deny: Anytype refuses this page until it restarts. Quit and reopen Anytype, then ask again.');
  $('new-code').focus();
}

// ---- step 4: the key -------------------------------------------------------------------------

/** Whether the shown key is narrowed (verifyApiKey said worksOnV1: false). */
let narrowedKey = false;

function renderKey() {
  const shown = state.revealed ? state.apiKey : maskKey(state.apiKey);
  $('key-value').textContent = shown;
  $('snippet').textContent = usageSnippet(shown, state.snippetUrl, { narrowed: narrowedKey });
  $('reveal-key').textContent = state.revealed ? 'Hide' : 'Reveal';
  $('reveal-key').setAttribute('aria-pressed', String(state.revealed));
}

/** Shows what the key reaches (key-access.js), the /v1 warning and the expiry; null hides it all. */
function renderAccess(described) {
  $('key-access').hidden = !described;
  $('key-v1-warning').hidden = !described || described.worksOnV1 !== false;
  narrowedKey = described?.worksOnV1 === false;
  if (!described) return;
  $('key-spaces').textContent = described.spaces;
  $('key-permission').textContent = described.permission ?? 'Anytype did not say.';
  $('key-expires-label').hidden = !described.expires;
  $('key-expires').hidden = !described.expires;
  $('key-expires').textContent = described.expires ?? '';
  $('key-note').hidden = !described.note;
  $('key-note').textContent = described.note ?? '';
}

/**
 * Step 4 for `apiKey`: `grant` came with it from createApiKey; `fresh` when Anytype issued it just
 * now; `status` when verifyApiKey already answered for it (the pasted-key path).
 */
function showKey(apiKey, { grant = null, fresh = false, status = null } = {}) {
  state.apiKey = apiKey;
  state.grant = grant;
  state.revealed = false;
  renderAccess(null);
  renderKey();
  setNotice($('key-error'), null);
  $('remember-key').checked = readRemembered() === apiKey;
  setStep('step-key', 'active');
  $('step-key-title').focus();
  if (status) return showStatus(status);
  if (fresh && !state.generation.approval) {
    // Anytype before 2026 has no /v2: verifyApiKey would first cost a 404 on /v2/auth/whoami
    // (a failed request in the browser's console) to learn nothing about a key it just issued.
    setMessage($('verify-message'), '✓ Anytype issued this key just now. You are connected.', 'ok');
    renderAccess(describeAccess());
    announce('Connected. Anytype issued the key.');
    return;
  }
  if (state.anytypeFound) verifyShownKey();
  else setMessage($('verify-message'), 'The key will be checked as soon as Anytype answers.');
}

/** Step 4's message for verifyApiKey's answer about the shown key. */
function showStatus(status) {
  if (status.valid) {
    setMessage($('verify-message'), '✓ Anytype accepts this key. You are connected.', 'ok');
    renderAccess(describeAccess(status, state.grant));
    renderKey();
    announce(status.worksOnV1 === false ? 'Connected. This key is narrowed: apps that use /v1 can’t use it.' : 'Connected. Anytype accepts the key.');
    return;
  }
  renderAccess(null);
  renderKey();
  if (status.reason === 'expired') {
    setMessage($('verify-message'), 'This key has expired: Anytype no longer accepts it. Forget it, then pair again or make a new key in Settings → API Keys.', 'error');
    announce('This key has expired.');
  } else {
    setMessage($('verify-message'), 'Anytype no longer accepts this key: it was probably revoked in Settings → API Keys. Forget it and pair again.', 'error');
    announce('Anytype no longer accepts this key.');
  }
}

async function verifyShownKey() {
  const apiKey = state.apiKey;
  setNotice($('key-error'), null);
  setMessage($('verify-message'), 'Checking the key with Anytype…');
  try {
    const status = await verifyApiKey(apiKey, { baseUrl });
    if (state.apiKey !== apiKey) return;
    showStatus(status);
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
  state.grant = null;
  state.revealed = false;
  setRemembered(null);
  renderAccess(null);
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

/** "Pair again with full access": back to step 2, with the choice to make in Anytype's window. */
function pairAgain() {
  forgetKey();
  $('pair-again-hint').hidden = false;
  announce('Pair again: this time choose All spaces and Read and write in Anytype’s window.');
  if (state.anytypeFound) $('show-code').focus();
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

/** What "Already have a key?" says about a key Anytype accepts, beside step 4's details. */
function acceptedKeyMessage(status) {
  const described = describeAccess(status);
  if (described.category === 'narrowed') return '✓ Anytype accepts this key. It is narrowed, so apps that use /v1 can’t use it: step 4 shows what it reaches.';
  if (described.category === 'legacy') return '✓ Anytype accepts this key. It is a legacy key that reaches every space: step 4 has the details.';
  return '✓ Anytype accepts this key. Step 4 shows what it reaches.';
}

async function checkPastedKey() {
  const apiKey = $('pasted-key').value.trim();
  setNotice($('paste-error'), null);
  setMessage($('paste-message'), '');
  if (!apiKey) {
    setNotice($('paste-error'), { title: 'Paste a key first.', next: 'Create one in Anytype → Settings → API Keys.' });
    $('pasted-key').focus();
    return;
  }
  let status;
  try {
    status = await whileBusy($('verify-pasted'), 'Checking…', () => verifyApiKey(apiKey, { baseUrl }));
  } catch (error) {
    const message = describeError(error, PASTED_KEY_ERRORS);
    setNotice($('paste-error'), message);
    announce(message.title);
    return;
  }
  if (!status.valid) {
    const message =
      status.reason === 'expired'
        ? { title: 'This key has expired.', next: 'Anytype no longer accepts it. Make a new key in Anytype → Settings → API Keys, or pair with a code above.' }
        : {
            title: 'Anytype doesn’t accept this key.',
            next: 'Copy it again from Anytype → Settings → API Keys (the whole key), or pair with a code above to get a new one.',
          };
    setNotice($('paste-error'), message);
    announce(message.title);
    $('pasted-key').select();
    return;
  }
  $('pasted-key').value = '';
  setMessage($('paste-message'), acceptedKeyMessage(status), 'ok');
  state.request = null;
  clearRequest();
  stopPhaseTimer();
  setStep('step-name', 'skipped', 'Skipped: you used an existing key.');
  setStep('step-code', 'skipped', 'Skipped: you used an existing key.');
  showKey(apiKey, { status });
}

// ---- wiring ----------------------------------------------------------------------------------

const codeBoxes = createCodeBoxes([...document.querySelectorAll('.code-box')], { onComplete: () => submitCode() });

$('check-again').addEventListener('click', () => findAnytype());
$('name-form').addEventListener('submit', (event) => {
  event.preventDefault();
  requestAccess($('show-code'), 'Asking Anytype…', $('name-error'));
});
$('new-code').addEventListener('click', () => requestAccess($('new-code'), 'Asking Anytype…', $('code-error')));
$('said-deny').addEventListener('click', saidDeny);
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
$('pair-again').addEventListener('click', pairAgain);
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
  state.ttls = config.ttls ?? null;
  const badge = $('target-badge');
  if (config.simulated) {
    badge.textContent = `Simulated Anytype · ${config.mode} mode`;
    badge.dataset.kind = 'simulated';
    document.documentElement.classList.add('simulated');
    $('simulated-banner').hidden = false;
    $('anytype-slot').hidden = false;
    // Until step 1 hears from it, the page already speaks for the stand-in's generation.
    applyGeneration(generationOf(config.mode === 'current' ? 'approval' : 'code-first'));
    const codeMs = config.mode === 'current' ? state.timings.codeMs : popupSeconds * 1000;
    startSimulatedAnytype($('anytype-window'), { mode: config.mode, codeMs }).catch(() => {});
  } else {
    applyGeneration(generationOf(null));
    if (config.target) {
      badge.textContent = `Anytype at ${config.target.replace(/^https?:\/\//, '')}`;
      state.snippetUrl = config.target;
    }
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
