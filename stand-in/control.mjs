/**
 * Control endpoints, `/_standin/...`, for tests and demos that cannot call the module API (a
 * browser page, another process). Anytype's origin gate does not apply to them; control-gate.mjs
 * decides who may call them. They answer JSON and take `scope=<spec>` (empty or absent: the root).
 */
import { jsonAnswer } from './http/answers.mjs';
import { SpecError } from './faults/spec.mjs';
import { SPACES, shortSpaceId } from './spaces.mjs';
import { maskedEntry } from './redacted-log.mjs';

/** A bad argument in a control request (answered 400). */
class BadRequest extends Error {}

/** Runs `act`; its TypeError (a bad grant or key option) becomes a BadRequest. */
function checked(act) {
  try {
    return act();
  } catch (error) {
    throw error instanceof TypeError ? new BadRequest(error.message) : error;
  }
}

/** `?spaces=all|<id>,<id>` as approve's SpaceChoice (undefined without `spaces`). */
function spaceChoiceOf(query) {
  const spaces = query.get('spaces');
  if (spaces === null) return undefined;
  return spaces === 'all' ? { allSpaces: true } : { spaceIds: spaces.split(',').filter(Boolean) };
}

/** `POST /_standin/keys`' query as addApiKey's options. */
function keyOptionsOf(query) {
  const read = (name) => query.get(name) ?? undefined;
  const spaces = spaceChoiceOf(query);
  const expiresAt = read('expires_at');
  return {
    scope: query.get('scope') ?? '',
    grant: spaces && { ...spaces, permission: read('permission') },
    expiresAt: expiresAt === undefined ? undefined : Number(expiresAt),
    format: read('format'),
    keyScope: read('key_scope'),
    name: read('name'),
  };
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
  ['POST /_standin/approve', ({ standIn, query }) => {
    const code = checked(() => standIn.approve(query.get('challenge_id'), spaceChoiceOf(query), query.get('permission') ?? undefined, query.get('scope') ?? ''));
    return code === null ? jsonAnswer(404, { error: 'no pending challenge' }) : jsonAnswer(200, { code });
  }],
  ['POST /_standin/deny', ({ anytype, query }) =>
    anytype.deny(query.get('challenge_id')) ? jsonAnswer(200, { ok: true }) : jsonAnswer(404, { error: 'no pending challenge' })],
  ['GET /_standin/spaces', () => jsonAnswer(200, { spaces: SPACES.map((space) => ({ id: space.id, short_id: shortSpaceId(space.id), name: space.name })) })],
  ['GET /_standin/challenges', ({ anytype, query }) => jsonAnswer(200, { challenges: anytype.listChallenges(Number(query.get('since')) || 0) })],
  ['GET /_standin/requests', ({ anytype }) => jsonAnswer(200, { requests: anytype.log.map(maskedEntry) })],
  ['POST /_standin/keys', ({ standIn, query }) => jsonAnswer(201, { api_key: checked(() => standIn.addApiKey(keyOptionsOf(query))) })],
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
    if (error instanceof SpecError || error instanceof BadRequest) return jsonAnswer(400, { error: error.message });
    throw error;
  }
}
