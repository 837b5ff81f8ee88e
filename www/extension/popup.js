// The example's popup: pairs through anytype-auth, resumes a pairing after the popup closed
// (the challenge id waits in chrome.storage.session), and keeps the key in chrome.storage.local.
import { AnytypeError, createApiKey, init, pair } from './vendor/anytype-auth/index.js';
import { APP_NAME, baseUrl, pendingPairing } from './settings.js';

/** Tries per challenge, like pair()'s default. */
const MAX_ATTEMPTS = 3;

const $ = (id) => document.getElementById(id);

/** Bumped whenever a pairing starts or is dropped, so that late results of an old one are ignored. */
let flow = 0;
/** The code form's pending answer: { resolve, reject } while it waits. */
let waiting = null;

init().catch(() => {}); // preload the wasm while the popup opens; a failure is retried on first use

/** Shows one view: "checking", "unpaired", "code" or "paired" (also body[data-view], for tests). */
function show(view, status) {
  document.body.dataset.view = view;
  $('pair').hidden = view !== 'unpaired';
  $('code-form').hidden = view !== 'code';
  $('paired').hidden = view !== 'paired';
  $('status').textContent = status;
}

function say(text) {
  $('message').textContent = text;
}

function showUnpaired(message = '') {
  show('unpaired', 'Not connected.');
  say(message);
}

function showPaired(apiKey, message = '') {
  $('masked-key').textContent = `…${apiKey.slice(-4)}`;
  show('paired', 'Connected to Anytype.');
  say(message);
}

/** Waits for the person to submit a code; Cancel and "Show a new code" reject it. */
function nextCode(lastError) {
  show('code', 'Anytype shows a 4-digit code.');
  say(!lastError ? '' : lastError.kind === 'code_rejected' ? "That code didn't match. Check the code in Anytype and type it again." : lastError.message);
  $('code').value = '';
  $('code').focus();
  return new Promise((resolve, reject) => {
    waiting = { resolve, reject };
  });
}

function dropWaiting() {
  flow += 1;
  const current = waiting;
  waiting = null;
  current?.reject(new Error('The pairing was cancelled.'));
}

async function paired(apiKey) {
  await chrome.storage.local.set({ apiKey });
  await chrome.storage.session.remove('pending');
  showPaired(apiKey);
}

async function failed(error) {
  await chrome.storage.session.remove('pending');
  showUnpaired(describe(error));
}

function describe(error) {
  if (!(error instanceof AnytypeError)) return String(error?.message ?? error);
  switch (error.kind) {
    case 'code_rejected':
      return 'The code did not match, or it expired. Show a new code to try again.';
    case 'unreachable':
      return 'Anytype did not answer. Open the Anytype app (and check the address below), then try again.';
    default:
      return error.message;
  }
}

/** A new pairing: one challenge, up to MAX_ATTEMPTS codes; the challenge id is saved first. */
async function startPairing() {
  const mine = ++flow;
  const address = await baseUrl();
  show('checking', 'Asking Anytype for a code…');
  say('');
  try {
    const { apiKey } = await pair({
      appName: APP_NAME,
      baseUrl: address,
      maxAttempts: MAX_ATTEMPTS,
      onChallenge: ({ challengeId }) => chrome.storage.session.set({ pending: { challengeId, baseUrl: address } }),
      getCode: ({ lastError }) => nextCode(lastError),
    });
    if (mine === flow) await paired(apiKey);
  } catch (error) {
    if (mine === flow) await failed(error);
  }
}

/** The popup reopened while a pairing waited for its code: the same challenge, a new code. */
async function resumePairing(pending) {
  const mine = ++flow;
  let lastError = null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let code;
    try {
      code = await nextCode(lastError);
    } catch {
      return; // cancelled
    }
    try {
      const { apiKey } = await createApiKey(pending.challengeId, code, { baseUrl: pending.baseUrl });
      if (mine === flow) await paired(apiKey);
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
  if (pending) return resumePairing(pending);
  show('checking', 'Checking…');
  const answer = await chrome.runtime.sendMessage({ type: 'check-key' });
  performance.mark('anytype-auth:first-call'); // the stored key checked: `make bench` reads this mark
  const { apiKey } = await chrome.storage.local.get('apiKey');
  switch (answer?.state) {
    case 'paired':
      return showPaired(apiKey);
    case 'kept':
      return showPaired(apiKey, `Anytype could not confirm the key right now (${answer.kind}); it is kept. ${answer.message}`);
    case 'forgotten':
      return showUnpaired('Anytype no longer accepts the stored key (401), so it was forgotten. Pair again.');
    default:
      return showUnpaired();
  }
}

$('pair').addEventListener('click', () => startPairing());
$('code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const current = waiting;
  waiting = null;
  current?.resolve($('code').value);
});
$('cancel').addEventListener('click', async () => {
  dropWaiting();
  await chrome.storage.session.remove('pending');
  showUnpaired('Pairing cancelled.');
});
$('new-code').addEventListener('click', async () => {
  dropWaiting();
  await chrome.storage.session.remove('pending');
  startPairing();
});
$('forget').addEventListener('click', async () => {
  await chrome.storage.local.remove('apiKey');
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
