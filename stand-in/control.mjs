/**
 * Control endpoints, `/_standin/...`, for tests and demos that cannot call the module API (a
 * browser page, another process). They are never gated, answer JSON with
 * `Access-Control-Allow-Origin: *`, and take `scope=<spec>` (empty or absent: the root).
 */
import { jsonAnswer } from './http/answers.mjs';
import { SpecError } from './faults/spec.mjs';

/** `METHOD path` → handler({ standIn, anytype, query }) returning an answer. */
const CONTROL_ROUTES = new Map([
  ['GET /_standin/health', ({ standIn }) => jsonAnswer(200, { ok: true, mode: standIn.mode })],
  ['GET /_standin/code', ({ anytype, query }) => {
    const challenge = anytype.reveal(query.get('challenge_id'));
    return challenge ? jsonAnswer(200, { code: challenge.code, app_name: challenge.appName }) : jsonAnswer(404, { error: 'no such challenge' });
  }],
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
    if (error instanceof SpecError) return jsonAnswer(400, { error: error.message });
    throw error;
  }
}
