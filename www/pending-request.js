// The page's pairing request while it waits for the person: kept in sessionStorage (this tab
// only, gone when the tab closes), so that a reload resumes the same request instead of asking
// Anytype for a second one, which Anytype of 2026 refuses while the first waits. It holds the
// challenge id (useless without the code Anytype shows), never a code or a key, and is removed
// as soon as the request is used up, replaced or paired.

const STORAGE_KEY = 'anytype-auth-demo:pending-request';

/**
 * A request: `{ challengeId, appName, createdAt (ms since the epoch), tries (codes Anytype
 * refused), codeTyped (a whole code was sent: the person saw one, so Allow was pressed),
 * denied (the person said they pressed Deny) }`.
 */
export function newRequest(challengeId, appName, now = Date.now()) {
  return { challengeId, appName, createdAt: now, tries: 0, codeTyped: false, denied: false };
}

/** Stores `request` for this tab (quietly does nothing where storage is refused). */
export function saveRequest(request) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(request));
  } catch {
    // Private modes may refuse storage: the page then simply does not resume after a reload.
  }
}

/** The stored request, or null (none, or unreadable). */
export function loadRequest() {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (!value || typeof value.challengeId !== 'string' || typeof value.createdAt !== 'number') return null;
    return { ...newRequest(value.challengeId, String(value.appName ?? ''), value.createdAt), tries: Number(value.tries) || 0, codeTyped: value.codeTyped === true, denied: value.denied === true };
  } catch {
    return null;
  }
}

/** Forgets the stored request. */
export function clearRequest() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored, then.
  }
}

/** The request with `ageMs` (now − createdAt), as refusal-causes.js reads it. */
export function withAge(request, now = Date.now()) {
  return request && { ...request, ageMs: now - request.createdAt };
}
