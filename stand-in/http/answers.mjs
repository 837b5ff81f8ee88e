/**
 * Answers and envelopes. Every handler in the stand-in returns a plain answer object,
 * `{ status, type, body, headers, value?, envelope?, endless?, scripted? }`, that
 * http/transport.mjs later sends: `type` is the Content-Type (null for none), `value` the
 * JSON value behind `body` (for wrappers that rewrite a success body), `envelope` marks heart's
 * error envelope (for the message=, plain and echo items).
 */
import { goJson } from '../go-json.mjs';

/** What gin's c.JSON sends. */
export const JSON_TYPE = 'application/json; charset=utf-8';
/** What the stand-in's own text answers (its 400 for a bad spec, its 500 for a crash) send. */
export const TEXT_TYPE = 'text/plain; charset=utf-8';
/** What Go's http.Redirect note and body=html send. */
export const HTML_TYPE = 'text/html; charset=utf-8';

/** A JSON answer, written as Go's json.Marshal would. */
export function jsonAnswer(status, value, headers = {}) {
  return { status, type: JSON_TYPE, body: goJson(value), headers, value };
}

/** A text (or other non-JSON) answer with the given Content-Type. */
export function textAnswer(status, body, type = TEXT_TYPE, headers = {}) {
  return { status, type, body, headers };
}

/** An answer without a body or Content-Type (redirects, preflights, 204). */
export function emptyAnswer(status, headers = {}) {
  return { status, type: null, body: '', headers };
}

/** gin's own 404 page, for unknown routes and for every unrouted method (never 405). */
export const notFound = () => textAnswer(404, '404 page not found', 'text/plain');

const ERROR_CODES = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'object_not_found', 429: 'rate_limit_exceeded' };

/**
 * Envelope A, util.CodeToApiError: `{"object":"error","status","code","message"}`. Statuses
 * without a case get status 500 and `internal_server_error` in the body, whatever the HTTP status.
 */
export function apiError(status, message, headers) {
  const code = ERROR_CODES[status];
  const envelope = { object: 'error', status: code ? status : 500, code: code ?? 'internal_server_error', message };
  return { ...jsonAnswer(status, envelope, headers), envelope: true };
}

/** True for a 2xx status. */
export const isSuccess = (status) => status >= 200 && status < 300;

/**
 * Envelope C6, the /v2 error: `{"status","code","message","issues":[…]}` (no `object`; `issues`
 * always present, `[]` when empty).
 */
export function v2Error(status, code, message, issues = [], headers = {}) {
  return { ...jsonAnswer(status, { status, code, message, issues }, headers), envelope: true };
}
