// What a stored key reaches, in the popup's words: from the service worker's verifyApiKey answer
// (`access`, `worksOnV1`) when there is one, else from the `grant` Anytype returned with the key.

/** "read only" / "read and write". */
const permissionText = (permission) => (permission === 'read' ? 'read only' : 'read and write');

/**
 * `{ reach, narrowed }`: `reach` is a sentence; `narrowed` is true for a key that /v1 refuses
 * (chosen spaces or read only), which stays valid for /v2 and is kept.
 */
export function describeKey({ grant = null, access = null, worksOnV1 = null } = {}) {
  if (access && !access.scoped) return { reach: 'Reaches every space, read and write (a legacy key).', narrowed: false };
  if (access) {
    const spaces = access.allSpaces ? 'all spaces' : access.spaces.map((space) => space.name ?? space.id).join(', ');
    return { reach: `Reaches ${spaces}, ${permissionText(access.permission)}.`, narrowed: worksOnV1 === false };
  }
  if (grant) {
    const spaces = grant.allSpaces ? 'all spaces' : `${grant.spaceIds.length} chosen space${grant.spaceIds.length === 1 ? '' : 's'}`;
    return { reach: `Reaches ${spaces}, ${permissionText(grant.permission)}.`, narrowed: !grant.allSpaces || grant.permission !== 'readwrite' };
  }
  return { reach: 'Reaches every space, read and write (Anytype before 2026 makes no narrowed keys).', narrowed: worksOnV1 === false };
}
