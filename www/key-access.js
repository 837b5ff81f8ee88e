// What an API key reaches, in words, from `verifyApiKey`'s answer ({ valid, reason, worksOnV1,
// worksOnV2, access }) and, as a fallback, the `grant` that came with a key just issued. Step 4
// and "Already have a key?" both show keys this way.

/** "Read only" / "Read and write" for a permission of the package's Grant or KeyAccess. */
export function permissionText(permission) {
  if (permission === 'read') return 'Read only';
  if (permission === 'readwrite') return 'Read and write';
  return null;
}

/** "1 January 2027, 00:00 UTC" for an RFC 3339 date; the text itself if it does not parse. */
export function expiryText(rfc3339) {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const pad = (n) => String(n).padStart(2, '0');
  return `${day}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/**
 * What the page says about a valid key: `category` (`legacy`, `all`, `narrowed`, `unknown` or
 * `before-2026`), `spaces` (a sentence), `spaceNames`, `permission` (a sentence or null),
 * `expires` (a sentence or null), `worksOnV1` (false for a narrowed key: show the warning).
 */
export function describeAccess({ worksOnV1 = null, worksOnV2 = null, access = null } = {}, grant = null) {
  const expires = access?.expiresAt ? `Expires ${expiryText(access.expiresAt)}.` : null;
  if (access && !access.scoped) {
    return {
      category: 'legacy',
      spaces: 'Every space: a legacy key, without a grant.',
      spaceNames: [],
      permission: 'Read and write',
      expires,
      worksOnV1: true,
      note: 'It works with apps that use /v1 and /v2. Anytype keeps accepting it; Settings → API Keys can re-issue it as a scoped key.',
    };
  }
  if (access) {
    const names = access.spaces.map((space) => space.name ?? space.id);
    const narrowed = worksOnV1 === false;
    return {
      category: narrowed ? 'narrowed' : 'all',
      spaces: access.allSpaces ? 'All spaces, including ones you create later.' : `${names.length === 1 ? 'One space' : `${names.length} spaces`}: ${names.join(', ')}.`,
      spaceNames: names,
      permission: permissionText(access.permission),
      expires,
      worksOnV1,
      note: narrowed ? null : 'It works with apps that use /v1 and /v2.',
    };
  }
  if (grant) {
    // An answer of a shape this package does not know, for a key that came with a grant.
    const narrowed = !grant.allSpaces || grant.permission !== 'readwrite';
    return {
      category: narrowed ? 'narrowed' : 'all',
      spaces: grant.allSpaces ? 'All spaces, including ones you create later.' : `${grant.spaceIds.length === 1 ? 'One space' : `${grant.spaceIds.length} spaces`} (Anytype did not name them).`,
      spaceNames: [],
      permission: permissionText(grant.permission),
      expires: null,
      worksOnV1: worksOnV1 ?? !narrowed,
      note: null,
    };
  }
  if (worksOnV2 === null && worksOnV1 !== false) {
    return {
      category: 'before-2026',
      spaces: 'Every space: Anytype before 2026 makes no narrowed keys.',
      spaceNames: [],
      permission: 'Read and write',
      expires: null,
      worksOnV1: true,
      note: 'This Anytype has no /v2, so it says nothing more about the key.',
    };
  }
  return {
    category: 'unknown',
    spaces: 'Anytype did not say which spaces.',
    spaceNames: [],
    permission: null,
    expires,
    worksOnV1,
    note: null,
  };
}
