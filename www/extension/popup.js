// The example's popup: pairs through anytype-auth (today's Anytype first asks the person to
// approve the extension, then shows a code), resumes a pairing after the popup closed (the
// request waits in chrome.storage.session, and no second one is sent while it waits), and keeps
// the key with its grant in chrome.storage.local.
import { AnytypeError, createApiKey, init, pair } from './vendor/anytype-auth/index.js';
import { describeKey } from './key-text.js';
import { APP_NAME, CODE_MS, PENDING_MS, TRIES_PER_REQUEST, baseUrl, longGone, pendingPairing, stillWaits } from './settings.js';

/** Codes tried per request: Anytype takes 5. */
const MAX_ATTEMPTS = TRIES_PER_REQUEST;

const $ = (id) => document.getElementById(id);

/** Bumped whenever a pairing starts or is dropped, so that late results of an old one are ignored. */
let flow = 0;
/** The code form's pending answer: { resolve, reject } while it waits. */
let waiting = null;
/** The request in the code view ({ challengeId, baseUrl, createdAt, codeTyped }), or null. */
let current = null;
/** Redraws the code view's hint once a second while it shows. */
let hintTimer = null;

init().catch(() => {}); // preload the wasm while the popup opens; a failure is retried on first use

/** Shows one view: "checking", "unpaired", "code" or "paired" (also body[data-view], for tests). */
function show(view, status) {
  document.body.dataset.view = view;
  $('pair').hidden = view !== 'unpaired';
  $('code-form').hidden = view !== 'code';
  $('paired').hidden = view !== 'paired';
  $('status').textContent = status;
  if (view !== 'code') {
    clearInterval(hintTimer);
    hintTimer = null;
  }
}

function say(text) {
  $('message').textContent = text;
}

function showUnpaired(message = '') {
  show('unpaired', 'Not connected.');
  say(message);
}

/** The paired view: the masked key, what it reaches, and why /v1 refuses it if it is narrowed. */
function showPaired(apiKey, known, message = '') {
  const { reach, narrowed } = describeKey(known);
  $('masked-key').textContent = `…${apiKey.slice(-4)}`;
  $('reach').textContent = reach;
  $('narrowed').hidden = !narrowed;
  show('paired', 'Connected to Anytype.');
  say(message);
}

/** "2:05" for 125 000 ms. */
function minutesAndSeconds(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The hint and buttons of the code view. While the request may still wait for Allow or Deny,
 * there is no way to send another (Anytype would refuse it): only "Pressed Deny?".
 */
function renderHint() {
  if (!current) return;
  const waits = stillWaits(current);
  $('wait-hint').textContent = waits
    ? `The request waits ${minutesAndSeconds(PENDING_MS - (Date.now() - current.createdAt))} more for your answer in Anytype; after Allow, the code works for ${CODE_MS / 60_000} minutes.`
    : `After Allow, the code works for ${CODE_MS / 60_000} minutes. Missed it, or did it run out? Show a new code.`;
  $('said-deny').hidden = !waits;
  $('new-code').hidden = waits;
  $('cancel').hidden = waits;
}

/** Waits for the person to submit a code; Cancel, "Pressed Deny?" and "Show a new code" reject it. */
function nextCode(lastError) {
  show('code', 'Approve in Anytype, then type the code.');
  say(!lastError ? '' : lastError.kind === 'code_rejected' ? "That code didn't match. Check the code in Anytype and type it again (if Anytype still shows Allow and Deny, press Allow first)." : lastError.message);
  $('code').value = '';
  $('code').focus();
  renderHint();
  clearInterval(hintTimer);
  hintTimer = setInterval(renderHint, 1000);
  return new Promise((resolve, reject) => {
    waiting = { resolve, reject };
  });
}

function dropWaiting() {
  flow += 1;
  const pendingAnswer = waiting;
  waiting = null;
  pendingAnswer?.reject(new Error('The pairing was cancelled.'));
}

/** Stores the request, so that a reopened popup resumes it. */
async function remember(request) {
  current = request;
  await chrome.storage.session.set({ pending: request });
}

async function forgetRequest() {
  current = null;
  await chrome.storage.session.remove('pending');
}

async function paired(apiKey, grant) {
  await chrome.storage.local.set({ apiKey, grant: grant ?? null }); // the grant beside the key
  await forgetRequest();
  showPaired(apiKey, { grant });
}

async function failed(error) {
  await forgetRequest();
  showUnpaired(describe(error));
}

function describe(error) {
  if (!(error instanceof AnytypeError)) return String(error?.message ?? error);
  switch (error.kind) {
    case 'code_rejected':
      return 'Anytype did not take the code: it ran out (5 minutes after Allow), its tries are used, or pairing is locked after too many wrong codes. Pair again, or restart Anytype if it keeps refusing.';
    case 'challenge_refused':
      return 'Anytype refused a new request. If one from this browser still waits in Anytype, answer it there (or wait 3 minutes). After Deny, or too many requests or wrong codes, Anytype refuses until it restarts: quit and reopen it, then pair again.';
    case 'unreachable':
      return 'Anytype did not answer. Open the Anytype app (and check the address below), then try again.';
    default:
      return error.message;
  }
}

/**
 * A new pairing: one request, up to MAX_ATTEMPTS codes; the request is saved before the code is
 * asked for. While an earlier request may still wait, that one is resumed instead.
 */
async function startPairing() {
  const earlier = await pendingPairing();
  if (earlier && !longGone(earlier)) return resumePairing(earlier);
  const mine = ++flow;
  const address = await baseUrl();
  show('checking', 'Asking Anytype…');
  say('');
  try {
    const { apiKey, grant } = await pair({
      appName: APP_NAME,
      baseUrl: address,
      maxAttempts: MAX_ATTEMPTS,
      onChallenge: ({ challengeId }) => remember({ challengeId, baseUrl: address, createdAt: Date.now(), codeTyped: false }),
      getCode: ({ lastError }) => nextCode(lastError),
    });
    if (mine === flow) await paired(apiKey, grant);
  } catch (error) {
    if (mine === flow) await failed(error);
  }
}

/** The popup reopened while a request waited: the same request, no new one. */
async function resumePairing(pending) {
  const mine = ++flow;
  current = pending;
  let lastError = null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let code;
    try {
      code = await nextCode(lastError);
    } catch {
      return; // cancelled
    }
    try {
      const { apiKey, grant } = await createApiKey(pending.challengeId, code, { baseUrl: pending.baseUrl });
      if (mine === flow) await paired(apiKey, grant);
      return;
    } catch (error) {
      if (mine !== flow) return;
      const retry = error instanceof AnytypeError && ['code_rejected', 'invalid_input'].includes(error.kind) && attempt < MAX_ATTEMPTS;
      if (!retry) return failed(error);
      lastError = error;
    }
  }
}

/** On open: resume a pending pairing, else ask the service worker about the stored key. */
async function start() {
  const { baseUrl: saved } = await chrome.storage.local.get('baseUrl');
  $('base-url').value = typeof saved === 'string' ? saved : '';
  const pending = await pendingPairing();
  if (pending && !longGone(pending)) return resumePairing(pending);
  if (pending) await forgetRequest();
  show('checking', 'Checking…');
  const answer = await chrome.runtime.sendMessage({ type: 'check-key' });
  performance.mark('anytype-auth:first-call'); // the stored key checked: `make bench` reads this mark
  const { apiKey, grant = null } = await chrome.storage.local.get(['apiKey', 'grant']);
  switch (answer?.state) {
    case 'paired':
      return showPaired(apiKey, { grant, access: answer.access, worksOnV1: answer.worksOnV1 });
    case 'kept':
      return showPaired(apiKey, { grant }, `Anytype could not confirm the key right now (${answer.kind}); it is kept. ${answer.message}`);
    case 'forgotten':
      return showUnpaired(
        answer.reason === 'expired'
          ? 'The stored key has expired (401 api key expired), so it was forgotten. Pair again.'
          : 'Anytype no longer accepts the stored key (401), so it was forgotten. Pair again.',
      );
    default:
      return showUnpaired();
  }
}

$('pair').addEventListener('click', () => startPairing());
$('code-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const answer = waiting;
  waiting = null;
  if (current && !current.codeTyped) await remember({ ...current, codeTyped: true }); // a code means Allow was pressed
  answer?.resolve($('code').value);
});
$('cancel').addEventListener('click', async () => {
  dropWaiting();
  await forgetRequest();
  showUnpaired('Pairing cancelled.');
});
$('said-deny').addEventListener('click', async () => {
  dropWaiting();
  await forgetRequest();
  showUnpaired('After Deny, Anytype refuses new requests from this browser’s extensions until it restarts. Quit and reopen Anytype, then pair again.');
});
$('new-code').addEventListener('click', async () => {
  dropWaiting();
  await forgetRequest();
  startPairing();
});
$('forget').addEventListener('click', async () => {
  await chrome.storage.local.remove(['apiKey', 'grant']);
  showUnpaired('The key is forgotten here. Revoke it in Anytype → Settings → API Keys too.');
});
$('address-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = $('base-url').value.trim();
  if (value === '') await chrome.storage.local.remove('baseUrl');
  else await chrome.storage.local.set({ baseUrl: value });
  say('Address saved.');
});

start();
