/**
 * `GET /v2/auth/whoami` (heart's v2 whoami handler): what the presented key is, never who the
 * user is. The newer build spells it in snake_case, `{key:{id,name,created_at,expires_at},
 * scope, grant, api:{version}, key_status, notice?}`; an older one in camelCase (`createdAt`,
 * `expiresAt`, `keyStatus`, `allSpaces`). `grant` is `{scoped, permission, all_spaces, spaces:
 * [{id,name,permission}]}`, or `{"scoped":false,"permission":null,"spaces":[]}` for a legacy key.
 * Space ids are short references unless `?ids=full`.
 */
import { API_VERSION } from './constants.mjs';
import { grantedSpaces } from './grants.mjs';
import { jsonAnswer, v2Error } from './http/answers.mjs';
import { authenticate, keyStatus, LEGACY_KEY_NOTICE, v2Refusal } from './key-auth.mjs';
import { shortSpaceId } from './spaces.mjs';

/** RFC 3339 in UTC without fractions, or null. */
const rfc3339 = (ms) => (ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** The `grant` member for a key record. */
function grantOf(record, fullIds, camel) {
  const { grant } = record;
  if (!grant) return { scoped: false, permission: null, spaces: [] };
  const spaces = grantedSpaces(grant).map((space) => ({ id: fullIds ? space.id : shortSpaceId(space.id), name: space.name, permission: grant.permission }));
  return { scoped: true, permission: grant.permission, [camel ? 'allSpaces' : 'all_spaces']: grant.allSpaces, spaces };
}

/** The whoami body for a key record. */
export function whoamiBody(record, { camel = false, fullIds = false } = {}) {
  const body = {
    key: { id: record.id, name: record.name, [camel ? 'createdAt' : 'created_at']: rfc3339(record.createdAt), [camel ? 'expiresAt' : 'expires_at']: rfc3339(record.expiresAt) },
    scope: record.keyScope,
    grant: grantOf(record, fullIds, camel),
    api: { version: API_VERSION },
    [camel ? 'keyStatus' : 'key_status']: keyStatus(record),
  };
  if (!record.grant && record.keyScope === 'jsonApi') body.notice = LEGACY_KEY_NOTICE;
  return body;
}

/** The handler: authentication and the Limited refusal first, then `?ids=compact|full`. */
export function whoami(ctx) {
  const { refusal, record, headers } = authenticate(ctx);
  if (refusal) return refusal;
  const limited = v2Refusal(record, headers);
  if (limited) return limited;
  const ids = new URLSearchParams(ctx.search).get('ids') ?? 'compact';
  if (ids !== 'compact' && ids !== 'full') {
    return v2Error(400, 'validation_failed', `unknown ids value ${JSON.stringify(ids)}: use one of compact, full`, [{ path: 'ids', message: 'allowed values: compact, full' }]);
  }
  return jsonAnswer(200, whoamiBody(record, { camel: ctx.scenario.whoamiCase === 'camel', fullIds: ids === 'full' }), headers);
}
