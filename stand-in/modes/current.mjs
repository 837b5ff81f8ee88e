/**
 * Mode `current`: Anytype as it behaves in 2026 (shared/reference/anytype-2026.md), heart v0.51
 * with the approval window. The origin gate runs before routing; a pairing request waits for the
 * user's Allow (with a space grant) or Deny, with heart's TTLs, caps, per-caller budgets and
 * denials (approval.mjs); keys come in the new `anytype_…` format and carry the approved grant;
 * `/v2/auth/challenges` and `/v2/auth/api_keys` are aliases of the /v1 pairing routes; keys are
 * checked as 2026 heart does (key-auth.mjs: expiry, checksums, key-status headers, /v1 refusing
 * narrowed grants) and `GET /v2/auth/whoami` describes them (whoami.mjs); the documents are served
 * under `/docs`, `/v1/docs` and `/v2/docs`.
 */
import { ApprovingAnytype, CHALLENGE_CAP_2026 } from '../approval.mjs';
import { docsRoutes } from '../docs.mjs';
import { authenticate, v1Refusal } from '../key-auth.mjs';
import { createApiKey, createChallenge, paginationRefused, readPagination, spacesPage } from '../routes.mjs';
import { whoami } from '../whoami.mjs';

/**
 * GET /v1/spaces: pagination (before auth, as in v0.47), the 2026 authentication (key-auth.mjs),
 * the refusal of narrowed grants, then the page with the key-status headers.
 */
function listSpaces(ctx) {
  const page = readPagination(ctx.search);
  if (!page) return paginationRefused();
  const { refusal, record, headers } = authenticate(ctx);
  return refusal ?? v1Refusal(record, headers) ?? spacesPage(page, headers);
}

/** The route table: the pairing pair under /v1 and /v2, GET /v1/spaces, whoami and the documents. */
const ROUTES = new Map([
  ['POST /v1/auth/challenges', { handle: createChallenge, field: 'challenge_id', success: 201 }],
  ['POST /v1/auth/api_keys', { handle: createApiKey, field: 'api_key', success: 201 }],
  ['POST /v2/auth/challenges', { handle: createChallenge, field: 'challenge_id', success: 201 }],
  ['POST /v2/auth/api_keys', { handle: createApiKey, field: 'api_key', success: 201 }],
  ['GET /v1/spaces', { handle: listSpaces, field: 'data', success: 200 }],
  ['GET /v2/auth/whoami', { handle: whoami, field: 'key', success: 200 }],
  ...docsRoutes({ '/docs': '/v2', '/v1/docs': '/v1', '/v2/docs': '/v2' }),
]);

/** The mode (see modes/index.mjs for the fields). */
export default Object.freeze({
  name: 'current',
  aliases: Object.freeze([]),
  gated: true,
  scriptedPrefixes: Object.freeze(['/v1', '/v2', '/docs']),
  defaultCap: CHALLENGE_CAP_2026,
  createAnytype: (settings) => new ApprovingAnytype({ ...settings, cap: settings.cap ?? CHALLENGE_CAP_2026 }),
  routes: ROUTES,
  exposedHeaders: Object.freeze(['Anytype-Version', 'Anytype-Key-Status', 'Anytype-Notice', 'Link', 'WWW-Authenticate']),
  scopedKeys: true,
});
