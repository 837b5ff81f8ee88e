// The causes behind Anytype's bare HTTP 500s, likeliest first, each with the next step's action.
// Anytype answers every refused pairing request (`challenge_refused`) and every refused code
// (`code_rejected`) with the same 500, so the flow cannot know which cause it was: it lists them
// all, ordered by what it knows of its own request (its age, the codes tried, a Deny the person
// reported). A cause is `{ id, action }`; `action` is `"ask"` when asking again is the remedy,
// else null (the remedy is in Anytype). The words are in messages.js, under `cause.<id>`.

const cause = (id, action = null) => Object.freeze({ id, action });

const WAITING = cause('waiting');
const DENIED = cause('denied', 'ask');
const TOO_MANY = cause('too-many', 'ask');
const LOGGED_OUT = cause('logged-out', 'ask');
const CAP_V047 = cause('cap-v047', 'ask');
const USED_UP = cause('used-up', 'ask');
const MISTYPED = cause('mistyped');
const NOT_ALLOWED = cause('not-allowed');
const EXPIRED = cause('expired', 'ask');
const LOCKED = cause('locked', 'ask');
const GONE_V047 = cause('gone-v047', 'ask');

/**
 * The causes of a refused new request (`challenge_refused`), for a generation (`"approval"`:
 * Anytype of 2026; `"code-first"`: before) and the flow's last request (null when it has none:
 * another tab or an earlier visit may have one waiting), whose `mayStillWait` says whether it can
 * still wait in Anytype.
 */
export function challengeRefusedCauses(generation, request) {
  if (generation === 'code-first') return [CAP_V047, LOGGED_OUT];
  if (request?.denied) return [DENIED, WAITING, TOO_MANY, LOGGED_OUT];
  if (!request || request.mayStillWait) return [WAITING, DENIED, TOO_MANY, LOGGED_OUT];
  return [TOO_MANY, DENIED, WAITING, LOGGED_OUT];
}

/**
 * The causes of a refused code (`code_rejected`): `request.tries` counts this one,
 * `request.couldHaveRunOut` says whether its pending time or code time may have passed.
 */
export function codeRejectedCauses(generation, request, triesPerChallenge) {
  if (generation === 'code-first') return [MISTYPED, GONE_V047];
  if (request.tries >= triesPerChallenge) return [USED_UP, LOCKED];
  return request.couldHaveRunOut ? [EXPIRED, MISTYPED, NOT_ALLOWED, LOCKED] : [MISTYPED, NOT_ALLOWED, EXPIRED, LOCKED];
}
