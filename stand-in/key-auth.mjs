/**
 * Authentication as 2026 heart does it (core/api/server/middleware.go, util/grant.go and
 * util/keystatus.go), for the `current` mode. 401s carry `WWW-Authenticate`; an authenticated
 * answer carries `Anytype-Key-Status: legacy|scoped` (a key without a grant is legacy, whatever
 * its format), and a legacy JsonAPI key also `Anytype-Notice` and a `Link` with
 * `rel="deprecation"` (never the RFC Deprecation/Sunset headers). /v1 refuses a key whose grant
 * is narrower than all spaces with read & write (403 in envelope C6); /v2 refuses Limited keys.
 */
import { goQuote } from './go-json.mjs';
import { apiError, v2Error } from './http/answers.mjs';
import { describeGrant, isUnrestricted } from './grants.mjs';
import { checksumValid } from './keys.mjs';

/** The `Anytype-Notice` a legacy JsonAPI key gets, and whoami's `notice`. */
export const LEGACY_KEY_NOTICE =
  'This API key is a legacy unscoped key with access to every space. It will keep working. Re-issue it as a scoped key in Settings > API Keys.';
/** The `Link` a legacy JsonAPI key gets. */
export const KEY_DEPRECATION_LINK = '<https://developers.anytype.io/docs/guides/get-started/authentication>; rel="deprecation"; type="text/html"';

const NO_CREDENTIALS = { 'WWW-Authenticate': 'Bearer realm="anytype"' };
const INVALID_TOKEN = { 'WWW-Authenticate': 'Bearer realm="anytype", error="invalid_token"' };

/** The key scopes as heart's proto enum names them in messages. */
const SCOPE_NAMES = { jsonApi: 'JsonAPI', full: 'Full', limited: 'Limited' };

/** `legacy` for a key without a grant, else `scoped`. */
export const keyStatus = (record) => (record.grant ? 'scoped' : 'legacy');

/** The headers of every authenticated answer for this key. */
export function keyStatusHeaders(record) {
  const status = keyStatus(record);
  if (status === 'scoped' || record.keyScope !== 'jsonApi') return { 'Anytype-Key-Status': status };
  return { 'Anytype-Key-Status': status, 'Anytype-Notice': LEGACY_KEY_NOTICE, Link: KEY_DEPRECATION_LINK };
}

/**
 * The Authorization check: `{ refusal }` (a 401 answer) or `{ record, headers }` for a valid key,
 * `headers` being the key-status headers for the answer.
 */
export function authenticate(ctx) {
  const header = ctx.headers.authorization;
  if (!header) return { refusal: apiError(401, 'missing authorization header', NO_CREDENTIALS) };
  const key = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (!key) return { refusal: apiError(401, 'invalid authorization header format', INVALID_TOKEN) };
  const record = checksumValid(key) ? ctx.anytype.keyRecord(key) : undefined;
  if (!record) return { refusal: apiError(401, 'invalid api key', INVALID_TOKEN) };
  if (record.expiresAt !== null && ctx.anytype.now() >= record.expiresAt) return { refusal: apiError(401, 'api key expired', INVALID_TOKEN) };
  return { record, headers: keyStatusHeaders(record) };
}

/** /v1's refusal of a granted key it cannot honour (anything but all spaces + readwrite), or null. */
export function v1Refusal(record, headers) {
  if (!record.grant || isUnrestricted(record.grant)) return null;
  const message = `key ${goQuote(record.name)} carries a space grant (${describeGrant(record.grant)}), which /v1 cannot honor — call the same route on /v2, or issue an unscoped key for /v1`;
  return v2Error(403, 'v1_not_available_for_scoped_keys', message, [], { ...headers, 'WWW-Authenticate': 'Bearer error="insufficient_scope"' });
}

/** /v2's refusal of a Limited key (envelope A), or null. */
export function v2Refusal(record, headers) {
  if (record.keyScope !== 'limited') return null;
  const message = `api key scope does not allow json api access: key ${goQuote(record.name)} has ${SCOPE_NAMES[record.keyScope]} scope, create a new api key with JsonAPI scope`;
  return apiError(403, message, headers);
}
