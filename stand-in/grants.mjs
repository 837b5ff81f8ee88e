/**
 * Space grants, as the 2026 approval picker makes them and keys carry them: internally
 * `{ allSpaces, spaceIds, permission }` with exactly one of `allSpaces` and a non-empty list of
 * full space ids, and `permission` `read` or `readwrite`. "All spaces" is dynamic (spaces made
 * later are in it); a list is fixed.
 */
import { SPACES, spaceNamed } from './spaces.mjs';

/** The picker's permission choices. */
export const PERMISSIONS = Object.freeze(['read', 'readwrite']);

/**
 * A checked grant from `{ allSpaces: true } | { spaceIds: [...] }` and a permission. Space ids may
 * be full ids or short references of SPACES; they are stored as full ids. Throws a TypeError
 * (prefixed with `what`) for anything else.
 */
export function makeGrant(spaces, permission, what = 'grant') {
  if (!PERMISSIONS.includes(permission)) throw new TypeError(`${what}: permission must be 'read' or 'readwrite', got ${permission}`);
  const allSpaces = spaces?.allSpaces === true;
  const listed = spaces?.spaceIds;
  if (allSpaces === (listed !== undefined)) throw new TypeError(`${what}: give either { allSpaces: true } or { spaceIds: [...] }`);
  if (allSpaces) return Object.freeze({ allSpaces: true, spaceIds: Object.freeze([]), permission });
  if (!Array.isArray(listed) || listed.length === 0) throw new TypeError(`${what}: spaceIds must be a non-empty array`);
  const spaceIds = listed.map((id) => {
    const space = typeof id === 'string' ? spaceNamed(id) : undefined;
    if (!space) throw new TypeError(`${what}: no space ${JSON.stringify(id)} (the spaces are ${SPACES.map((s) => s.id).join(', ')})`);
    return space.id;
  });
  return Object.freeze({ allSpaces: false, spaceIds: Object.freeze([...new Set(spaceIds)]), permission });
}

/**
 * A grant written as text, for spec items and control endpoints: `spaces` is `all` or space ids
 * (full or short) joined by `separator`. Throws a TypeError like makeGrant.
 */
export function grantFromText(spaces, permission, separator, what) {
  return makeGrant(spaces === 'all' ? { allSpaces: true } : { spaceIds: String(spaces ?? '').split(separator).filter(Boolean) }, permission, what);
}

/** The grant as the api_keys answer spells it: `{"all_spaces","space_ids","permission"}`. */
export const grantBody = (grant) => ({ all_spaces: grant.allSpaces, space_ids: [...grant.spaceIds], permission: grant.permission });

/** True for the one grant /v1 honours: all spaces with read & write. */
export const isUnrestricted = (grant) => grant.allSpaces && grant.permission === 'readwrite';

/** heart's ApiGrant.Describe: `all spaces with read access` or `spaces [a, b] with readwrite access`. */
export const describeGrant = (grant) =>
  grant.allSpaces ? `all spaces with ${grant.permission} access` : `spaces [${grant.spaceIds.join(', ')}] with ${grant.permission} access`;

/** The spaces a grant reaches (all of SPACES for an all-spaces grant). */
export const grantedSpaces = (grant) => (grant.allSpaces ? SPACES : SPACES.filter((space) => grant.spaceIds.includes(space.id)));
