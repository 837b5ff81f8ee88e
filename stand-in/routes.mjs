/**
 * heart v0.47's routes: POST /v1/auth/challenges, POST /v1/auth/api_keys, GET /v1/spaces and the
 * OpenAPI documents (docs.mjs), with the pagination middleware, the Authorization check and gin's
 * trailing-slash redirect. A mode
 * (modes/*.mjs) puts these handlers, or its own, in a route table:
 * `Map<"METHOD /path", { handle(ctx), field, success }>` where `field` is the success body's main
 * field and `success` its status (both used by the body=<kind> fault item).
 *
 * A handler gets `ctx`: { anytype, scenario, method, headers, path, search, prefix, body, routes }.
 */
import { bindGoStruct, goAtoi } from './go-json.mjs';
import { apiError, emptyAnswer, HTML_TYPE, jsonAnswer, notFound, textAnswer } from './http/answers.mjs';
import { SPACES } from './spaces.mjs';
import { docsRoutes } from './docs.mjs';

/** POST /v1/auth/challenges `{"app_name"}` → 201 `{"challenge_id"}`. */
export function createChallenge(ctx) {
  const { value, error } = bindGoStruct(ctx.body, 'CreateChallengeRequest', ['app_name']);
  if (error) return apiError(400, error);
  if (!value.app_name) return apiError(400, 'missing app name');
  const challengeId = ctx.anytype.createChallenge(value.app_name, ctx.headers);
  return challengeId ? jsonAnswer(201, { challenge_id: challengeId }) : apiError(500, 'failed to create a new challenge');
}

/** POST /v1/auth/api_keys `{"challenge_id","code"}` → 201 `{"api_key"}` (2026: and `"grant"`). */
export function createApiKey(ctx) {
  const { value, error } = bindGoStruct(ctx.body, 'CreateApiKeyRequest', ['challenge_id', 'code']);
  if (error) return apiError(400, error);
  if (!value.challenge_id || !value.code) return apiError(400, 'bad input: challenge_id or code is empty');
  const apiKey = ctx.anytype.solve(value.challenge_id, value.code);
  return apiKey ? jsonAnswer(201, ctx.anytype.apiKeyBody(apiKey)) : apiError(500, 'failed to authenticate user');
}

/** The pagination middleware (runs before auth): bad or negative numbers fall back to defaults. */
export function readPagination(search) {
  const query = new URLSearchParams(search);
  const read = (key, fallback) => {
    const number = query.has(key) ? goAtoi(query.get(key)) : fallback;
    return number === null || number < 0 ? fallback : number;
  };
  const limit = read('limit', 100);
  return limit >= 1 && limit <= 1000 ? { offset: read('offset', 0), limit } : null;
}

/** The pagination middleware's own 400, in its non-standard envelope. */
export const paginationRefused = () => jsonAnswer(400, { error: 'limit must be between 1 and 1000' });

/** Returns the 401 answer for a refused Authorization header, or null when the key is known. */
function refuseAuthorization(header, anytype) {
  if (!header) return apiError(401, 'missing authorization header');
  if (!header.startsWith('Bearer ')) return apiError(401, 'invalid authorization header format');
  return anytype.hasKey(header.slice('Bearer '.length)) ? null : apiError(401, 'invalid api key');
}

/** One page of SPACES, `{data, pagination}`, with `headers` on the answer. */
export function spacesPage(page, headers = {}) {
  const start = Math.min(page.offset, SPACES.length);
  const end = Math.min(start + page.limit, SPACES.length);
  const pagination = { total: SPACES.length, offset: page.offset, limit: page.limit, has_more: end < SPACES.length };
  return jsonAnswer(200, { data: SPACES.slice(start, end), pagination }, headers);
}

/** GET /v1/spaces?limit=&offset= → 200 `{data, pagination}` for a known key. */
export function listSpaces(ctx) {
  const page = readPagination(ctx.search);
  if (!page) return paginationRefused();
  return refuseAuthorization(ctx.headers.authorization, ctx.anytype) ?? spacesPage(page);
}

/** heart v0.47's route table (its documents list the /v1 routes). */
export const V047_ROUTES = new Map([
  ['POST /v1/auth/challenges', { handle: createChallenge, field: 'challenge_id', success: 201 }],
  ['POST /v1/auth/api_keys', { handle: createApiKey, field: 'api_key', success: 201 }],
  ['GET /v1/spaces', { handle: listSpaces, field: 'data', success: 200 }],
  ...docsRoutes({ '/docs': '/v1' }),
]);

const escapeHtml = (text) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** gin's RedirectTrailingSlash: 301 for GET (with http.Redirect's little HTML note), else 307. */
function trailingSlashRedirect(ctx) {
  const stripped = ctx.path.slice(0, -1);
  if (!ctx.path.endsWith('/') || !ctx.routes.has(`${ctx.method} ${stripped}`)) return null;
  const location = ctx.prefix + stripped + ctx.search;
  if (ctx.method !== 'GET') return emptyAnswer(307, { Location: location });
  return textAnswer(301, `<a href="${escapeHtml(location)}">Moved Permanently</a>.\n\n`, HTML_TYPE, { Location: location });
}

/** The route table entry for the request, or undefined. */
export const findRoute = (ctx) => ctx.routes.get(`${ctx.method} ${ctx.path}`);

/** Answers the request from the mode's route table: its handler, a redirect or gin's 404. */
export function route(ctx) {
  const found = findRoute(ctx);
  return found ? found.handle(ctx) : trailingSlashRedirect(ctx) ?? notFound();
}
