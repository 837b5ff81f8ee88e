// What each generation of Anytype does when an app pairs with it, in the words the page uses, and
// the lifetimes and limits the page's hints follow. The numbers are Anytype's, from the package's
// LIMITS (generated from its Rust core).
//
// The demo server tells the generations apart (scripts/demo-generation.mjs): `GET /v2/auth/whoami`
// without a key answers 401 on today's Anytype and 404 on one without /v2. When it cannot tell,
// the page plays today's rules, the stricter ones.

import { LIMITS } from '/pkg/index.js';

/** Seconds an unanswered request waits in Anytype's approval window before it lapses. */
export const PENDING_SECONDS = LIMITS.pendingSeconds;
/** Minutes a code stays valid after the person pressed Allow. */
export const CODE_MINUTES = LIMITS.codeMinutes;
/** Tries per request: the next one is refused even with the right code. */
export const TRIES_PER_REQUEST = LIMITS.triesPerChallenge;
/** Wrong codes in one run of Anytype after which pairing is locked until it restarts. */
export const WRONG_CODES_LOCK = LIMITS.wrongCodesLock;
/** Pairing requests per run of Anytype (2026). */
export const REQUESTS_PER_RUN = LIMITS.requestsPerRun;
/** Pairing requests per app (one `Origin`) per run (2026). */
export const REQUESTS_PER_APP = LIMITS.requestsPerCaller;
/** Challenges per run of Anytype before 2026, which shows the code at once. */
export const CHALLENGES_PER_RUN_V047 = LIMITS.challengesPerRunV047;
/** How long the code popup of Anytype before 2026 stays open. */
export const CODE_POPUP_SECONDS = LIMITS.codeSecondsV047;

/**
 * The two generations. `approval`: Anytype of 2026 (heart v0.51+) asks the person to approve the
 * app (spaces, read or read & write) and only then shows a code, valid for 5 minutes.
 * `code-first`: Anytype before it shows the code at once, for about 30 s.
 */
export const GENERATIONS = Object.freeze({
  approval: Object.freeze({
    id: 'approval',
    approval: true,
    summary: 'It asks you to approve each app, then shows a code (Anytype of 2026).',
    stepTitle: 'Ask Anytype for access',
    askLabel: 'Ask Anytype for access',
    askFine: ({ codeMs }) =>
      `Anytype then asks you to approve this page in a window of its own: choose the spaces and Read only or Read and write, press Allow, and it shows a 4-digit code for ${durationText(codeMs)}. It takes one request from this page at a time, ${REQUESTS_PER_APP} per run, so this page only asks when you click.`,
    codeStepTitle: 'Approve in Anytype, then enter the code',
    codeLegend: 'The 4-digit code Anytype shows after you press Allow',
    askAgainLabel: 'Ask Anytype again',
    askedSummary: (appName) => `Anytype was asked to allow “${appName}”.`,
    askedAnnounce: 'Anytype is asking you to approve this page. Press Allow there, then type the 4-digit code it shows.',
  }),
  'code-first': Object.freeze({
    id: 'code-first',
    approval: false,
    summary: 'It shows the pairing code at once (Anytype before 2026).',
    stepTitle: 'Ask Anytype for a code',
    askLabel: 'Show a pairing code in Anytype',
    askFine: ({ codeMs }) =>
      `Anytype then shows a 4-digit code for about ${durationText(codeMs)}. It allows ${CHALLENGES_PER_RUN_V047} codes each time it runs, so this page only asks when you click.`,
    codeStepTitle: 'Enter the code',
    codeLegend: 'The 4-digit code shown in Anytype',
    askAgainLabel: 'Show a new code',
    askedSummary: (appName) => `Anytype was asked for a code for “${appName}”.`,
    askedAnnounce: 'Anytype is showing a 4-digit code. Type it in the four boxes.',
  }),
});

/** The generation for an id from the demo server (`approval`, `code-first`, or null: today's). */
export function generationOf(id) {
  return GENERATIONS[id] ?? GENERATIONS.approval;
}

/**
 * The lifetimes the page's hints follow, in ms: `approvalMs` (a request waits this long for Allow
 * or Deny) and `codeMs` (a code lives this long: after Allow today, from the request before 2026).
 * `ttls` are the built-in stand-in's, when the demo runs on it (from /demo-config.json);
 * `popupSeconds` the simulated popup's (`?codeWindowSeconds=`), before 2026 only.
 */
export function timingsFor(generation, { ttls = null, popupSeconds = CODE_POPUP_SECONDS } = {}) {
  if (!generation.approval) return { approvalMs: 0, codeMs: popupSeconds * 1000 };
  return {
    approvalMs: ttls?.pendingTtlMs ?? PENDING_SECONDS * 1000,
    codeMs: ttls?.codeTtlMs ?? CODE_MINUTES * 60 * 1000,
  };
}

/** "5 minutes" or "90 seconds": a lifetime as the hints state it. */
export function durationText(ms) {
  const seconds = Math.round(ms / 1000);
  if (seconds >= 60 && seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** `2:05` for 125 000 ms (rounded up to the second); `0:00` at or below zero. */
export function minutesAndSeconds(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
