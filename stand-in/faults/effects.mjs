/**
 * What the scripted fault items of a scope (faults/spec.mjs) do to the answers of the mode's API
 * paths: delay=, redirect=, status=, body=<kind>, deep= change the answer itself; message=,
 * plain and echo restyle its error envelopes; reset=, trickle= and type= change how it is sent.
 */
import { goJson } from '../go-json.mjs';
import { apiError, emptyAnswer, HTML_TYPE, isSuccess, JSON_TYPE, jsonAnswer, notFound, TEXT_TYPE, textAnswer, v2Error } from '../http/answers.mjs';
import { findRoute, route } from '../routes.mjs';

const HUGE_PADDING = 72 * 1024;
const MEGABYTES_PADDING = 4 * 1024 * 1024;

const RATE_LIMIT_HEADERS = {
  'X-Rate-Limit-Limit': '1.00',
  'X-Rate-Limit-Duration': '1',
  'RateLimit-Limit': '1',
  'RateLimit-Reset': '1',
  'RateLimit-Remaining': '0',
};

const FORCED_MESSAGES = {
  400: 'bad request',
  401: 'invalid api key',
  403: 'request origin is not allowed',
  429: 'You have reached maximum request limit.',
};

const FORCED_500_MESSAGES = {
  '/v1/auth/challenges': 'failed to create a new challenge',
  '/v1/auth/api_keys': 'failed to authenticate user',
  '/v2/auth/challenges': 'failed to create a new challenge',
  '/v2/auth/api_keys': 'failed to authenticate user',
};

/** status=N (not 2xx): that status with the message heart would most likely send. */
function forcedError(status, path) {
  if (status === 404) return notFound();
  const message = FORCED_MESSAGES[status] ?? (status === 500 ? FORCED_500_MESSAGES[path] : undefined) ?? 'internal error';
  return apiError(status, message, status === 429 ? RATE_LIMIT_HEADERS : {});
}

/** body=<kind> answers that replace the route outright (no state is touched); null for wrappers. */
function fixedBody(kind, found) {
  if (kind === 'html') return textAnswer(found.success, '<!doctype html><title>x</title>', HTML_TYPE);
  if (kind === 'endless') return { ...textAnswer(found.success, `{"${found.field}":"`, JSON_TYPE), endless: true };
  if (kind === 'badutf8') return textAnswer(found.success, Buffer.from(`{"${found.field}":"\xff\xfe\xc3("}`, 'latin1'), JSON_TYPE);
  const raw = {
    notjson: 'not json',
    empty: '',
    array: '[]',
    null: 'null',
    number: '42',
    nofield: '{"other":"x"}',
    wrongtype: JSON.stringify({ [found.field]: 42 }),
    emptystring: JSON.stringify({ [found.field]: '' }),
  }[kind];
  return raw === undefined ? null : textAnswer(found.success, raw, JSON_TYPE);
}

const WRAPPERS = {
  huge: () => ({ padding: 'x'.repeat(HUGE_PADDING) }),
  megabytes: () => ({ padding: 'x'.repeat(MEGABYTES_PADDING) }),
  extra: () => ({ unknown_field: 'x', unknown_object: { nested: [1, 2, 3] } }),
  /** A `grant` of a shape no Anytype sends, beside the real key. */
  oddgrant: () => ({ grant: { all_spaces: 'yes', space_ids: 7, permission: 'admin' } }),
};

/**
 * body=huge|megabytes|extra|oddgrant|duplicate decorate the real route's success body (errors pass
 * through). duplicate puts a bogus copy of every field first, so the real (last) value wins.
 */
function wrapBody(kind, answer) {
  if (!isSuccess(answer.status) || !answer.value) return answer;
  if (kind === 'duplicate') {
    const bogus = Object.keys(answer.value).map((key) => `${goJson(key)}:"bogus"`).join(',');
    return withLeadingMembers(answer, bogus);
  }
  return jsonAnswer(answer.status, { ...answer.value, ...WRAPPERS[kind]() }, answer.headers);
}

/** The answer's JSON object with raw `members` text in front of its own members. */
function withLeadingMembers(answer, members) {
  const own = goJson(answer.value).slice(1);
  return { ...answer, body: `{${members}${own === '}' ? '' : ','}${own}` };
}

/** deep=N: a member nested N arrays deep in front of the real success body. */
function nestDeep(answer, levels) {
  if (!isSuccess(answer.status) || !answer.value) return answer;
  return withLeadingMembers(answer, `"nested":${'['.repeat(levels)}${']'.repeat(levels)}`);
}

/** The route's answer under body=<kind> (only routes with a main `field` know the kinds). */
function routeWithBodyKind(ctx, kind) {
  const found = kind && findRoute(ctx);
  if (!found?.field) return route(ctx);
  return fixedBody(kind, found) ?? wrapBody(kind, found.handle(ctx));
}

/** status=2xx: the success answer with that status instead (no body for 204). */
function withSuccessStatus(answer, status) {
  if (!isSuccess(answer.status)) return answer;
  return status === 204 ? emptyAnswer(204, answer.headers) : { ...answer, status };
}

/**
 * A scripted request under the items that change the answer: delay, redirect, status, body
 * kinds and deep. `sleep(ms)` waits (Transport.sleep, so that close() can cut it).
 */
export async function scenarioAnswer(scenario, ctx, sleep) {
  if (scenario.delay) await sleep(scenario.delay);
  if (scenario.redirect) {
    const location = `http://127.0.0.1:${scenario.redirect}${scenario.to ? `/s/${scenario.to}` : ''}${ctx.path}${ctx.search}`;
    return emptyAnswer(scenario.redirectstatus ?? 307, { Location: location });
  }
  if (scenario.status && !isSuccess(scenario.status)) return forcedError(scenario.status, ctx.path);
  const routed = routeWithBodyKind(ctx, scenario.body);
  const answer = scenario.deep ? nestDeep(routed, scenario.deep) : routed;
  return scenario.status ? withSuccessStatus(answer, scenario.status) : answer;
}

/** The same error envelope (A or C6) with another message. */
const withMessage = (answer, message) => ({ ...jsonAnswer(answer.status, { ...answer.value, message }, answer.headers), envelope: true, scripted: answer.scripted });

/** message=..., plain and v2envelope apply to every error envelope the instance sends. */
function restyle(answer, { message, plain, v2envelope }) {
  if (!answer.envelope) return answer;
  if (plain) return { ...textAnswer(answer.status, `${answer.status} error`, TEXT_TYPE, answer.headers), scripted: answer.scripted };
  const shaped = v2envelope ? { ...v2Error(answer.status, answer.value.code, answer.value.message, [], answer.headers), scripted: answer.scripted } : answer;
  return message === undefined ? shaped : withMessage(shaped, message);
}

/** echo: every error envelope's message repeats the request's body and Authorization header. */
function echoRequest(answer, ctx) {
  if (!answer.envelope) return answer;
  return withMessage(answer, `${answer.value.message}; request body ${ctx.body}; authorization ${ctx.headers.authorization ?? 'none'}`);
}

/** echo, then message= and plain, on any answer of the instance. */
export const restyleError = (answer, scenario, ctx) => restyle(scenario.echo ? echoRequest(answer, ctx) : answer, scenario);

/** How a scripted answer is delivered: reset=, trickle= and type= (nothing for the others). */
export const deliveryOf = (answer, { reset, trickle, type }) => (answer.scripted ? { reset, trickle, type } : {});
