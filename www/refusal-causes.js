// The causes behind Anytype's bare HTTP 500s, each with its own next step. Anytype answers every
// refusal of a pairing request (`challenge_refused`) and of a code (`code_rejected`) with the same
// 500, so the page cannot know which cause it was: it lists them all, the likeliest first, judged
// from what it knows of its own request (how old it is, how many codes were tried, whether the
// person said they pressed Deny).
import {
  CHALLENGES_PER_RUN_V047,
  CODE_MINUTES,
  PENDING_SECONDS,
  REQUESTS_PER_APP,
  REQUESTS_PER_RUN,
  TRIES_PER_REQUEST,
  WRONG_CODES_LOCK,
} from './anytype-generations.js';

/**
 * One cause: `id` (for tests and styling), `title` (what may have happened), `next` (what to do),
 * and `action` when the next step is a button the page offers: `ask-again`.
 */
const cause = (id, title, next, action = null) => Object.freeze({ id, title, next, action });

const REFUSED = Object.freeze({
  waiting: cause(
    'waiting',
    'A request from this page may still wait in Anytype.',
    `Anytype takes one request from an app at a time. Answer it in Anytype’s window (Allow or Deny), or wait until it lapses, ${PENDING_SECONDS / 60} minutes after it was made.`,
  ),
  denied: cause(
    'denied',
    'Deny was pressed.',
    'Anytype then refuses this page until it restarts: quit and reopen Anytype, then ask again.',
    'ask-again',
  ),
  tooMany: cause(
    'too-many',
    'Too many requests or wrong codes this run.',
    `Anytype takes ${REQUESTS_PER_APP} requests from one app and ${REQUESTS_PER_RUN} in all each time it runs, and locks pairing after ${WRONG_CODES_LOCK} wrong codes. Quit and reopen Anytype, then ask again.`,
    'ask-again',
  ),
  loggedOut: cause('logged-out', 'Anytype may not be logged in.', 'Log in to Anytype, then ask again.', 'ask-again'),
  capV047: cause(
    'too-many',
    `Anytype has shown ${CHALLENGES_PER_RUN_V047} pairing codes since it started.`,
    'It shows no more until it restarts: quit and reopen Anytype, then try again.',
    'ask-again',
  ),
});

const REJECTED = Object.freeze({
  usedUp: cause(
    'used-up',
    `That was try ${TRIES_PER_REQUEST} of ${TRIES_PER_REQUEST} for this request.`,
    'Anytype takes no more codes for it, not even the right one. Ask again for a new request.',
    'ask-again',
  ),
  mistyped: cause('mistyped', 'The code may be mistyped.', 'Check the 4 digits in Anytype’s window and type them again.'),
  notAllowed: cause(
    'not-allowed',
    'Anytype may still be asking you.',
    'If its window still shows Allow and Deny, press Allow first, then type the code it shows.',
  ),
  expired: cause(
    'expired',
    'The code or the request may have run out.',
    `A code works for ${CODE_MINUTES} minutes after Allow, an unanswered request lapses after ${PENDING_SECONDS / 60} minutes, and a newer request from this page replaces an older one. Ask again for a new request.`,
    'ask-again',
  ),
  locked: cause(
    'locked',
    'Pairing may be locked.',
    `After ${WRONG_CODES_LOCK} wrong codes in one run Anytype refuses every code until it restarts: quit and reopen Anytype, then ask again.`,
    'ask-again',
  ),
  mistypedV047: cause('mistyped', 'The code may be mistyped.', 'Check the code in the Anytype window and type it again.'),
  goneV047: cause(
    'gone',
    'The code may be from an older request, or already used.',
    'Show a new code and type that one.',
    'ask-again',
  ),
});

/**
 * What the page knows of its own request, for ordering the causes: `{ ageMs, tries, denied,
 * codeTyped }` (null when it has none, e.g. after a reload in another tab), with the lifetimes
 * `{ approvalMs, codeMs }` the page follows.
 */
function mayStillWait(request, timings) {
  if (!request) return true; // another tab or an earlier visit may have one waiting
  return !request.denied && !request.codeTyped && request.ageMs < timings.approvalMs;
}

/**
 * The causes of a `challenge_refused` (500 on a new request), likeliest first, for `generation`
 * (anytype-generations.js), `request` and `timings` as above.
 */
export function challengeRefusedCauses(generation, request, timings) {
  if (!generation.approval) return [REFUSED.capV047, REFUSED.loggedOut];
  if (request?.denied) return [REFUSED.denied, REFUSED.waiting, REFUSED.tooMany, REFUSED.loggedOut];
  if (mayStillWait(request, timings)) return [REFUSED.waiting, REFUSED.denied, REFUSED.tooMany, REFUSED.loggedOut];
  return [REFUSED.tooMany, REFUSED.denied, REFUSED.waiting, REFUSED.loggedOut];
}

/** The causes of a `code_rejected` (500 on a code), likeliest first; `request.tries` counts this one. */
export function codeRejectedCauses(generation, request, timings) {
  if (!generation.approval) return [REJECTED.mistypedV047, REJECTED.goneV047];
  if (request.tries >= TRIES_PER_REQUEST) return [REJECTED.usedUp, REJECTED.locked];
  const couldHaveRunOut = request.ageMs >= Math.min(timings.approvalMs, timings.codeMs);
  return couldHaveRunOut
    ? [REJECTED.expired, REJECTED.mistyped, REJECTED.notAllowed, REJECTED.locked]
    : [REJECTED.mistyped, REJECTED.notAllowed, REJECTED.expired, REJECTED.locked];
}

/** The title over a `code_rejected` list: what the first cause suggests. */
export function codeRejectedTitle(causes) {
  switch (causes[0]?.id) {
    case 'used-up':
      return 'Anytype takes no more codes for this request.';
    case 'expired':
      return 'Anytype didn’t accept the code.';
    default:
      return 'That code didn’t match.';
  }
}

/** The title over a `challenge_refused` list. */
export const CHALLENGE_REFUSED_TITLE = 'Anytype refused a new request.';
