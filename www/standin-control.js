// The built-in stand-in's control endpoints (stand-in/README.md, "Control endpoints"), reached
// only through the demo server: it forwards /_standin/… (when it runs the stand-in, and for this
// page alone) with the stand-in's control token, which the page never sees; the stand-in refuses
// pages that come to it directly. The simulated Anytype window uses them to see pairing requests
// and to play the person's Allow or Deny. The walkthrough itself never calls them.

async function request(method, path, query = {}) {
  const search = new URLSearchParams(query).toString();
  const answer = await fetch(`/_standin/${path}${search ? `?${search}` : ''}`, { method, cache: 'no-store' });
  if (!answer.ok) throw new Error(`stand-in control ${path} answered ${answer.status}`);
  return answer.json();
}

/** The live (unsolved) challenges: `[{ seq, challenge_id, app_name, code, approved, created_at }]`. */
export const liveChallenges = async () => (await request('GET', 'challenges', { since: '0' })).challenges;

/** The requests waiting for Allow or Deny, oldest first: `[{ challenge_id, app_name, origin, expires_at, … }]`. */
export const pendingRequests = async () => (await request('GET', 'pending')).pending;

/** The account's spaces the picker offers: `[{ id, short_id, name }]`. */
export const accountSpaces = async () => (await request('GET', 'spaces')).spaces;

/** Before 2026 (gate mode): revealing a challenge's code is the person's Allow. `{ code }`. */
export const revealCode = (challengeId) => request('GET', 'code', { challenge_id: challengeId });

/**
 * Today's Allow: `spaces` is `'all'` or a list of space ids, `permission` `read` or `readwrite`.
 * Resolves to the code Anytype now shows.
 */
export async function approve(challengeId, spaces, permission) {
  const { code } = await request('POST', 'approve', {
    challenge_id: challengeId,
    spaces: spaces === 'all' ? 'all' : spaces.join(','),
    permission,
  });
  return code;
}

/** Today's Deny. */
export const deny = (challengeId) => request('POST', 'deny', { challenge_id: challengeId });
