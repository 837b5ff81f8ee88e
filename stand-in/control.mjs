/**
 * Control endpoints, `/_standin/...`, for tests and demos that cannot call the module API (a
 * browser page, another process). They are never gated, answer JSON with
 * `Access-Control-Allow-Origin: *`, and take `scope=<spec>` (empty or absent: the root).
 */
import { jsonAnswer } from './http/answers.mjs';
import { SpecError } from './faults/spec.mjs';
import { grantFromText } from './grants.mjs';
import { SPACES, shortSpaceId } from './spaces.mjs';

/** A bad grant in a control request (answered 400). */
class GrantError extends Error {}

/** `?spaces=all|<id>,<id>&permission=read|readwrite` as a grant; a bad one throws a GrantError. */
function grantOf(query) {
  try {
    return grantFromText(query.get('spaces'), query.get('permission') ?? undefined, ',', 'grant');
  } catch (error) {
    throw new GrantError(error.message);
  }
}

const pendingJson = (request) => ({
  challenge_id: request.challengeId,
  app_name: request.appName,
  caller: request.caller,
  origin: request.origin,
  created_at: request.createdAt,
  expires_at: request.expiresAt,
});

/** `METHOD path` → handler({ standIn, anytype, query }) returning an answer. */
const CONTROL_ROUTES = new Map([
  ['GET /_standin/health', ({ standIn }) => jsonAnswer(200, { ok: true, mode: standIn.mode })],
  ['GET /_standin/code', ({ anytype, query }) => {
    const id = query.get('challenge_id');
    const challenge = anytype.reveal(id);
    if (challenge) return jsonAnswer(200, { code: challenge.code, app_name: challenge.appName });
    return anytype.isPending(id) ? jsonAnswer(409, { error: 'challenge not approved yet' }) : jsonAnswer(404, { error: 'no such challenge' });
  }],
  ['GET /_standin/pending', ({ anytype }) => jsonAnswer(200, { pending: anytype.pendingRequests().map(pendingJson) })],
  ['POST /_standin/approve', ({ anytype, query }) => {
    const code = anytype.approve(query.get('challenge_id'), grantOf(query));
    return code === null ? jsonAnswer(404, { error: 'no pending challenge' }) : jsonAnswer(200, { code });
  }],
  ['POST /_standin/deny', ({ anytype, query }) =>
    anytype.deny(query.get('challenge_id')) ? jsonAnswer(200, { ok: true }) : jsonAnswer(404, { error: 'no pending challenge' })],
  ['GET /_standin/spaces', () => jsonAnswer(200, { spaces: SPACES.map((space) => ({ id: space.id, short_id: shortSpaceId(space.id), name: space.name })) })],
  ['GET /_standin/challenges', ({ anytype, query }) => jsonAnswer(200, { challenges: anytype.listChallenges(Number(query.get('since')) || 0) })],
  ['GET /_standin/requests', ({ anytype }) => jsonAnswer(200, { requests: anytype.log })],
  ['POST /_standin/keys', ({ anytype }) => jsonAnswer(201, { api_key: anytype.issueKey() })],
  ['POST /_standin/reset', ({ standIn, query }) => {
    standIn.reset(query.get('scope') ?? undefined);
    return jsonAnswer(200, { ok: true });
  }],
]);

/**
 * The answer of control request `routeKey` (`METHOD path`). `anytypeOf(scope)` gives the emulated
 * Anytype of a scope and may throw a SpecError (answered 400).
 */
export function controlAnswer(standIn, routeKey, query, anytypeOf) {
  const handler = CONTROL_ROUTES.get(routeKey);
  if (!handler) return jsonAnswer(404, { error: 'no such control endpoint' });
  try {
    return handler({ standIn, anytype: anytypeOf(query.get('scope') ?? ''), query });
  } catch (error) {
    if (error instanceof SpecError || error instanceof GrantError) return jsonAnswer(400, { error: error.message });
    throw error;
  }
}
