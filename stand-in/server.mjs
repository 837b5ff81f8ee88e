/**
 * A dependency-free stand-in for the Anytype desktop app's local HTTP API: the pairing routes
 * (POST /v1/auth/challenges, POST /v1/auth/api_keys) and the key probe GET /v1/spaces.
 *
 * It copies heart v0.47.0 as read from its source (see shared/reference/anytype-local-api.md),
 * quirks included, and has an optional "2026" mode (origin gate, enforced challenge limits,
 * approval before solving). Besides the root instance, `/s/<spec>/v1/...` reaches independent,
 * lazily created instances configured by <spec>, and `/_standin/...` holds control endpoints
 * for tests and demos. stand-in/README.md documents the URL scheme.
 */
import http from 'node:http';
import net from 'node:net';
import { randomBytes, randomInt } from 'node:crypto';

export const API_VERSION = '2025-11-08';
export const DEFAULT_PORT = 31009;
export const DEFAULT_HOST = '127.0.0.1';
export const MODES = Object.freeze(['v0.47', '2026']);
export const DEFAULT_MODE = 'v0.47';
export const DEFAULT_CHALLENGE_CAP = 50;
export const CHALLENGE_CAP_2026 = 30;
export const MAX_TRIES_2026 = 5;
export const MAX_FAILED_SOLVES_2026 = 20;
export const REQUEST_LOG_LIMIT = 1000;

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const HUGE_PADDING = 72 * 1024;
const MEGABYTES_PADDING = 4 * 1024 * 1024;
/** body=endless stops after this much, in case a client reads forever. */
const ENDLESS_LIMIT = 256 * 1024 * 1024;
const ENDLESS_CHUNK = Buffer.alloc(16 * 1024, 'x');
/** reset=after holds the connection this long after the partial body, then resets it. */
const RESET_AFTER_HOLD_MS = 50;

// ---- Go's encoding/json, as gin's ShouldBindJSON applies it to a request body ---------------
// json.Decoder reads the first JSON value only (trailing bytes are ignored) and words syntax
// errors like Go; fields are then matched case-insensitively and type errors reported.

class GoJsonError extends Error {}

function decodeGoJson(text) {
  const cursor = { text, at: 0 };
  skipSpace(cursor);
  if (cursor.at === text.length) throw new GoJsonError('EOF');
  return readValue(cursor);
}

function skipSpace(cursor) {
  while (' \t\r\n'.includes(cursor.text[cursor.at] ?? 'x')) cursor.at++;
}

function peek(cursor) {
  if (cursor.at >= cursor.text.length) throw new GoJsonError('unexpected EOF');
  return cursor.text[cursor.at];
}

function take(cursor) {
  const char = peek(cursor);
  cursor.at++;
  return char;
}

/** Go's quoteChar: the offending character in single quotes, escaped like a Go string. */
function invalid(char, context) {
  const quoted = char === "'" ? "\\'" : JSON.stringify(char).slice(1, -1).replace('\\"', '"');
  throw new GoJsonError(`invalid character '${quoted}' ${context}`);
}

const isDigit = (char) => char >= '0' && char <= '9';

function readValue(cursor) {
  skipSpace(cursor);
  const char = peek(cursor);
  if (char === '{') return readObject(cursor);
  if (char === '[') return readArray(cursor);
  if (char === '"') return readString(cursor);
  if (char === '-' || isDigit(char)) return readNumber(cursor);
  if (char === 't') return readLiteral(cursor, 'true', true);
  if (char === 'f') return readLiteral(cursor, 'false', false);
  if (char === 'n') return readLiteral(cursor, 'null', null);
  return invalid(char, 'looking for beginning of value');
}

/** Objects decode to a Map, so keys such as `__proto__` stay plain data. */
function readObject(cursor) {
  const entries = new Map();
  cursor.at++;
  skipSpace(cursor);
  if (peek(cursor) === '}') {
    cursor.at++;
    return entries;
  }
  for (;;) {
    skipSpace(cursor);
    if (peek(cursor) !== '"') invalid(peek(cursor), 'looking for beginning of object key string');
    const key = readString(cursor);
    skipSpace(cursor);
    const colon = take(cursor);
    if (colon !== ':') invalid(colon, 'after object key');
    entries.set(key, readValue(cursor));
    skipSpace(cursor);
    const next = take(cursor);
    if (next === '}') return entries;
    if (next !== ',') invalid(next, 'after object key:value pair');
  }
}

function readArray(cursor) {
  const items = [];
  cursor.at++;
  skipSpace(cursor);
  if (peek(cursor) === ']') {
    cursor.at++;
    return items;
  }
  for (;;) {
    items.push(readValue(cursor));
    skipSpace(cursor);
    const next = take(cursor);
    if (next === ']') return items;
    if (next !== ',') invalid(next, 'after array element');
  }
}

function readString(cursor) {
  const start = cursor.at++;
  for (;;) {
    const char = take(cursor);
    if (char === '"') return JSON.parse(cursor.text.slice(start, cursor.at));
    if (char < ' ') invalid(char, 'in string literal');
    if (char === '\\') readEscape(cursor);
  }
}

function readEscape(cursor) {
  const char = take(cursor);
  if (char !== 'u') {
    if (!'"\\/bfnrt'.includes(char)) invalid(char, 'in string escape code');
    return;
  }
  for (let i = 0; i < 4; i++) {
    const hex = take(cursor);
    if (!/[0-9a-fA-F]/.test(hex)) invalid(hex, 'in \\u hexadecimal character escape');
  }
}

function readNumber(cursor) {
  const start = cursor.at;
  if (cursor.text[cursor.at] === '-') cursor.at++;
  if (peek(cursor) === '0') cursor.at++;
  else readDigits(cursor, 'in numeric literal');
  if (cursor.text[cursor.at] === '.') {
    cursor.at++;
    readDigits(cursor, 'after decimal point in numeric literal');
  }
  if (/[eE]/.test(cursor.text[cursor.at] ?? '')) {
    cursor.at++;
    if (/[+-]/.test(cursor.text[cursor.at] ?? '')) cursor.at++;
    readDigits(cursor, 'in exponent of numeric literal');
  }
  return Number(cursor.text.slice(start, cursor.at));
}

function readDigits(cursor, context) {
  if (!isDigit(peek(cursor))) invalid(peek(cursor), context);
  while (isDigit(cursor.text[cursor.at])) cursor.at++;
}

function readLiteral(cursor, word, value) {
  for (const expected of word) {
    const char = take(cursor);
    if (char !== expected) invalid(char, `in literal ${word} (expecting '${expected}')`);
  }
  return value;
}

function goKind(value) {
  if (value instanceof Map) return 'object';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/**
 * Binds a body into a Go struct of string fields named `fields` (their JSON names).
 * Returns { value } or { error } with the text gin would put in the 400 envelope.
 */
function bindGoStruct(body, typeName, fields) {
  let decoded;
  try {
    decoded = decodeGoJson(body);
  } catch (error) {
    return { error: error.message };
  }
  const value = Object.fromEntries(fields.map((field) => [field, '']));
  if (decoded === null) return { value };
  if (!(decoded instanceof Map)) {
    return { error: `json: cannot unmarshal ${goKind(decoded)} into Go value of type apimodel.${typeName}` };
  }
  let error;
  for (const [key, item] of decoded) {
    const field = fields.find((name) => name === key.toLowerCase());
    if (!field || item === null) continue;
    if (typeof item === 'string') value[field] = item;
    else error ??= `json: cannot unmarshal ${goKind(item)} into Go struct field ${typeName}.${field} of type string`;
  }
  return error ? { error } : { value };
}

/** Go's strconv.Atoi: an optionally signed decimal that fits in int64, else null. */
function goAtoi(text) {
  if (!/^[+-]?\d+$/.test(text)) return null;
  const big = BigInt(text);
  return big >= -(2n ** 63n) && big < 2n ** 63n ? Number(big) : null;
}

// ---- Answers: { status, type, body, headers, value?, envelope? } -----------------------------

/** JSON as Go's json.Marshal writes it (HTML-sensitive characters escaped). */
function goJson(value) {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function jsonAnswer(status, value, headers = {}) {
  return { status, type: JSON_TYPE, body: goJson(value), headers, value };
}

function textAnswer(status, body, type = TEXT_TYPE, headers = {}) {
  return { status, type, body, headers };
}

function emptyAnswer(status, headers = {}) {
  return { status, type: null, body: '', headers };
}

/** gin's own 404 page, for unknown routes and for every unrouted method (never 405). */
const notFound = () => textAnswer(404, '404 page not found', 'text/plain');

const ERROR_CODES = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'object_not_found', 429: 'rate_limit_exceeded' };

/** util.CodeToApiError: statuses without a case get status 500 in the body, whatever the HTTP status. */
function apiError(status, message, headers) {
  const code = ERROR_CODES[status];
  const envelope = { object: 'error', status: code ? status : 500, code: code ?? 'internal_server_error', message };
  return { ...jsonAnswer(status, envelope, headers), envelope: true };
}

const isSuccess = (status) => status >= 200 && status < 300;

// ---- One emulated Anytype: challenges, keys, counters and the request log --------------------

function objectIdHex() {
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  return seconds + randomBytes(8).toString('hex');
}

class Anytype {
  constructor({ mode, cap }) {
    this.mode = mode;
    this.strict = mode === '2026';
    this.cap = cap ?? (this.strict ? CHALLENGE_CAP_2026 : DEFAULT_CHALLENGE_CAP);
    this.reset();
  }

  /** Forgets everything, like restarting the app. */
  reset() {
    this.challenges = new Map();
    this.created = 0;
    this.seq = 0;
    this.failedSolves = 0;
    this.keys = new Set();
    this.log = [];
  }

  get locked() {
    return this.strict && this.failedSolves >= MAX_FAILED_SOLVES_2026;
  }

  /** Returns the new challenge id, or null once the per-run cap is used up (never given back). */
  createChallenge(appName) {
    if (this.created >= this.cap || this.locked) return null;
    this.created++;
    const challenge = {
      id: objectIdHex(),
      code: String(randomInt(10000)).padStart(4, '0'),
      appName,
      seq: ++this.seq,
      createdAt: Date.now(),
      approved: !this.strict,
      tries: 0,
    };
    this.challenges.set(challenge.id, challenge);
    return challenge.id;
  }

  /** What Anytype shows for a challenge; in 2026 mode reading it also approves it (Allow). */
  reveal(challengeId) {
    const challenge = this.challenges.get(challengeId);
    if (challenge) challenge.approved = true;
    return challenge ?? null;
  }

  /** Returns a new API key, or null for every failure (they all look alike over HTTP). */
  solve(challengeId, code) {
    const challenge = this.challenges.get(challengeId);
    if (!challenge || !challenge.approved || this.locked) return null;
    if (challenge.code !== code) {
      this.countFailure(challenge);
      return null;
    }
    this.challenges.delete(challengeId);
    this.failedSolves = 0;
    return this.issueKey();
  }

  /** v0.47 never stores the tries count (a bug), so only 2026 mode limits guesses. */
  countFailure(challenge) {
    if (!this.strict) return;
    this.failedSolves++;
    if (++challenge.tries >= MAX_TRIES_2026) this.challenges.delete(challenge.id);
  }

  issueKey() {
    const key = randomBytes(32).toString('base64');
    this.keys.add(key);
    return key;
  }

  listChallenges(since) {
    return [...this.challenges.values()]
      .filter((challenge) => challenge.seq > since)
      .map((c) => ({ seq: c.seq, challenge_id: c.id, app_name: c.appName, code: c.code, approved: c.approved, created_at: c.createdAt }));
  }

  record(entry) {
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_LIMIT) this.log.shift();
  }
}

// ---- Scope specs: `/s/<spec>/...` ------------------------------------------------------------

class SpecError extends Error {}

const BODY_KINDS = [
  'notjson', 'html', 'empty', 'array', 'null', 'number', 'nofield', 'wrongtype', 'emptystring', 'huge', 'extra',
  'endless', 'badutf8', 'megabytes', 'duplicate',
];

const flag = (patch) => (value) => (value === null ? patch : undefined);
const anyText = (key) => (value) => (value === null ? undefined : { [key]: value });
const oneOf = (key, allowed) => (value) => (allowed.includes(value) ? { [key]: value } : undefined);
const printable = (key) => (value) => (value !== null && /^[\x20-\x7e]*$/.test(value) ? { [key]: value } : undefined);
const integer = (key, min, max) => (value) => {
  const number = /^\d{1,9}$/.test(value ?? '') ? Number(value) : NaN;
  return number >= min && number <= max ? { [key]: number } : undefined;
};

const SPEC_ITEMS = {
  id: anyText('id'),
  mode: oneOf('mode', MODES),
  cap: integer('cap', 0, 1e6),
  status: integer('status', 200, 599),
  message: anyText('message'),
  plain: flag({ plain: true }),
  echo: flag({ echo: true }),
  body: oneOf('body', BODY_KINDS),
  delay: integer('delay', 0, 600000),
  stall: integer('stall', 0, 600000),
  redirect: integer('redirect', 1, 65535),
  redirectstatus: integer('redirectstatus', 300, 399),
  to: anyText('to'),
  reset: oneOf('reset', ['before', 'after']),
  trickle: integer('trickle', 1, 60000),
  deep: integer('deep', 1, 1e6),
  type: printable('type'),
  version: printable('version'),
  noversion: flag({ version: null }),
};

const SCENARIO_DEFAULTS = Object.freeze({ mode: DEFAULT_MODE, plain: false, delay: 0, stall: 0, version: API_VERSION });

function parseSpecItem(raw) {
  let item;
  try {
    item = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const eq = item.indexOf('=');
  const name = eq < 0 ? item : item.slice(0, eq);
  const value = eq < 0 ? null : item.slice(eq + 1);
  return Object.hasOwn(SPEC_ITEMS, name) ? SPEC_ITEMS[name](value) : undefined;
}

/**
 * Turns `mode=2026,status=500` into a scenario; mode and cap default to the root's.
 * Unknown or malformed items throw loudly.
 */
function parseSpec(spec, { mode, cap }) {
  if (spec === '') throw new SpecError('empty scope spec in /s//');
  const scenario = { ...SCENARIO_DEFAULTS, mode, cap };
  for (const raw of spec.split(',')) {
    const patch = parseSpecItem(raw);
    if (!patch) throw new SpecError(`unknown or malformed scope item "${raw}" in "${spec}"`);
    Object.assign(scenario, patch);
  }
  return scenario;
}

// ---- The /v1 routes ----------------------------------------------------------------------------

function createChallenge(ctx) {
  const { value, error } = bindGoStruct(ctx.body, 'CreateChallengeRequest', ['app_name']);
  if (error) return apiError(400, error);
  if (!value.app_name) return apiError(400, 'missing app name');
  const challengeId = ctx.anytype.createChallenge(value.app_name);
  return challengeId ? jsonAnswer(201, { challenge_id: challengeId }) : apiError(500, 'failed to create a new challenge');
}

function createApiKey(ctx) {
  const { value, error } = bindGoStruct(ctx.body, 'CreateApiKeyRequest', ['challenge_id', 'code']);
  if (error) return apiError(400, error);
  if (!value.challenge_id || !value.code) return apiError(400, 'bad input: challenge_id or code is empty');
  const apiKey = ctx.anytype.solve(value.challenge_id, value.code);
  return apiKey ? jsonAnswer(201, { api_key: apiKey }) : apiError(500, 'failed to authenticate user');
}

const space = (id, name, icon, description) => ({
  object: 'space',
  id,
  name,
  icon,
  description,
  gateway_url: 'http://127.0.0.1:31006',
  network_id: 'N5ZhxS8KjaqTtuGvK3BPe9WfYJ2dmLcR7oUs4yNv6AiHgXbQ',
});

const SPACES = Object.freeze([
  space('bafyreihw5tyx4qpz7gsm2nkrc3vdlb6ajfeo4u7whxiq5ty3r2kmnbvdpe.1a2b3c4d5e6f7', 'My Space', null, ''),
  space('bafyreid3kq7smv2yjx5lg4pbwn6tcrhaze4uoiq7f2xk3vmy5nbl6dtrsu.9z8y7x6w5v4u3', 'Work', { format: 'emoji', emoji: '💼' }, 'Team notes'),
  space('bafyreig6pn2xw4lqk7tvy3sdhm5ajcrb4ezuo7if2wxk6nmy3tbl5qdrpa.k1l2m3n4o5p6q', 'Reading list', { format: 'icon', name: 'book', color: 'yellow' }, ''),
]);

/** The pagination middleware (runs before auth): bad or negative numbers fall back to defaults. */
function readPagination(search) {
  const query = new URLSearchParams(search);
  const read = (key, fallback) => {
    const number = query.has(key) ? goAtoi(query.get(key)) : fallback;
    return number === null || number < 0 ? fallback : number;
  };
  const limit = read('limit', 100);
  return limit >= 1 && limit <= 1000 ? { offset: read('offset', 0), limit } : null;
}

/** Returns the 401 answer for a refused Authorization header, or null when the key is known. */
function refuseAuthorization(header, anytype) {
  if (!header) return apiError(401, 'missing authorization header');
  if (!header.startsWith('Bearer ')) return apiError(401, 'invalid authorization header format');
  return anytype.keys.has(header.slice('Bearer '.length)) ? null : apiError(401, 'invalid api key');
}

function listSpaces(ctx) {
  const page = readPagination(ctx.search);
  if (!page) return jsonAnswer(400, { error: 'limit must be between 1 and 1000' });
  const refusal = refuseAuthorization(ctx.headers.authorization, ctx.anytype);
  if (refusal) return refusal;
  const start = Math.min(page.offset, SPACES.length);
  const end = Math.min(start + page.limit, SPACES.length);
  const pagination = { total: SPACES.length, offset: page.offset, limit: page.limit, has_more: end < SPACES.length };
  return jsonAnswer(200, { data: SPACES.slice(start, end), pagination });
}

/** field: the success body's main field and success: its status (both used by body=<kind>). */
const ROUTES = new Map([
  ['POST /v1/auth/challenges', { handle: createChallenge, field: 'challenge_id', success: 201 }],
  ['POST /v1/auth/api_keys', { handle: createApiKey, field: 'api_key', success: 201 }],
  ['GET /v1/spaces', { handle: listSpaces, field: 'data', success: 200 }],
]);

const escapeHtml = (text) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** gin's RedirectTrailingSlash: 301 for GET (with http.Redirect's little HTML note), else 307. */
function trailingSlashRedirect(ctx) {
  const stripped = ctx.path.slice(0, -1);
  if (!ctx.path.endsWith('/') || !ROUTES.has(`${ctx.method} ${stripped}`)) return null;
  const location = ctx.prefix + stripped + ctx.search;
  if (ctx.method !== 'GET') return emptyAnswer(307, { Location: location });
  return textAnswer(301, `<a href="${escapeHtml(location)}">Moved Permanently</a>.\n\n`, HTML_TYPE, { Location: location });
}

function route(ctx) {
  const found = ROUTES.get(`${ctx.method} ${ctx.path}`);
  return found ? found.handle(ctx) : trailingSlashRedirect(ctx) ?? notFound();
}

// ---- 2026 origin gate ---------------------------------------------------------------------------

const ORIGIN_PATTERN = /^https?:\/\/(\[::1\]|[^:/[\]@]+)(?::\d{1,5})?$/i;

function isLoopbackOrigin(origin) {
  const host = ORIGIN_PATTERN.exec(origin)?.[1].toLowerCase();
  return host === 'localhost' || host === '[::1]' || (net.isIPv4(host ?? '') && host.startsWith('127.'));
}

function isTrustedHost(hostHeader = '') {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(hostHeader);
  const host = bracketed ? bracketed[1] : hostHeader.replace(/:\d*$/, '');
  return host === '' || host.toLowerCase() === 'localhost' || net.isIP(host) !== 0;
}

function originAllowed(headers) {
  if (!isTrustedHost(headers.host)) return false;
  if (headers.origin) return isLoopbackOrigin(headers.origin);
  return !['same-origin', 'same-site'].includes(headers['sec-fetch-site']);
}

// ---- Scenario effects ---------------------------------------------------------------------------

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
};

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
};

/**
 * body=huge|megabytes|extra|duplicate decorate the real route's success body (errors pass
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

function routeWithBodyKind(ctx, kind) {
  const found = kind && ROUTES.get(`${ctx.method} ${ctx.path}`);
  if (!found) return route(ctx);
  return fixedBody(kind, found) ?? wrapBody(kind, found.handle(ctx));
}

/** status=2xx: the success answer with that status instead (no body for 204). */
function withSuccessStatus(answer, status) {
  if (!isSuccess(answer.status)) return answer;
  return status === 204 ? emptyAnswer(204, answer.headers) : { ...answer, status };
}

/** message=... and plain apply to every error envelope the instance sends. */
function restyleError(answer, { message, plain }) {
  if (!answer.envelope) return answer;
  if (plain) return { ...textAnswer(answer.status, `${answer.status} error`, TEXT_TYPE, answer.headers), scripted: answer.scripted };
  return message === undefined ? answer : { ...apiError(answer.status, message, answer.headers), scripted: answer.scripted };
}

/** echo: every error envelope's message repeats the request's body and Authorization header. */
function echoRequest(answer, ctx) {
  if (!answer.envelope) return answer;
  const message = `${JSON.parse(answer.body).message}; request body ${ctx.body}; authorization ${ctx.headers.authorization ?? 'none'}`;
  return { ...apiError(answer.status, message, answer.headers), scripted: answer.scripted };
}

/** How a scripted /v1 answer is delivered: reset=, trickle= and type= (nothing for the others). */
const deliveryOf = (answer, { reset, trickle, type }) => (answer.scripted ? { reset, trickle, type } : {});

/** Ends the connection with a TCP RST instead of a normal close. */
function resetConnection(res) {
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else res.destroy();
}

/** Resolves once `res` can take more data, or once it is closed. */
const drainedOrClosed = (res) =>
  new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });

const isV1 = (path) => path === '/v1' || path.startsWith('/v1/');

const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type, authorization, anytype-version',
};

// ---- Control endpoints (/_standin/...) --------------------------------------------------------

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

// ---- HTTP plumbing ------------------------------------------------------------------------------

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Splits a request target into [path, search] (search keeps its `?`). */
function splitTarget(target) {
  const q = target.indexOf('?');
  return q < 0 ? [target, ''] : [target.slice(0, q), target.slice(q)];
}

/** `/s/<spec>/v1/x` → spec, prefix and the path the emulated Anytype sees; spec null for root. */
function splitScope(path) {
  const match = /^\/s\/([^/]*)(.*)$/s.exec(path);
  return match ? { spec: match[1], prefix: `/s/${match[1]}`, path: match[2] } : { spec: null, prefix: '', path };
}

function checkOptions({ mode, challengeCap }) {
  if (!MODES.includes(mode)) throw new TypeError(`mode must be one of ${MODES.join(', ')}, got ${mode}`);
  if (challengeCap !== undefined && !(Number.isInteger(challengeCap) && challengeCap >= 0)) {
    throw new TypeError(`challengeCap must be a non-negative integer, got ${challengeCap}`);
  }
}

class StandIn {
  url = '';
  port = 0;
  #server;
  #cors;
  #log;
  #root;
  #scopes = new Map();
  #timers = new Set();

  constructor({ mode = DEFAULT_MODE, challengeCap, cors = false, log } = {}) {
    checkOptions({ mode, challengeCap });
    this.#cors = Boolean(cors);
    this.#log = log;
    this.#root = this.#newInstance({ ...SCENARIO_DEFAULTS, mode, cap: challengeCap });
    this.#server = http.createServer((req, res) => this.#onRequest(req, res));
    // Like Go's net/http in Anytype: idle keep-alive connections are never closed by the server.
    // (Node's default closes them after 5 s, which races with a client reusing one after its
    // event loop was busy: a spurious ECONNRESET.) close() still cuts every connection.
    this.#server.keepAliveTimeout = 0;
  }

  get mode() {
    return this.#root.anytype.mode;
  }

  listen(host, port) {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen({ host, port }, () => {
        this.#server.off('error', reject);
        this.port = this.#server.address().port;
        this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
        resolve(this);
      });
    });
  }

  /** The code Anytype would show for a challenge, or null (2026 mode: also approves it). */
  codeFor(challengeId, scope = '') {
    return this.#instance(scope).anytype.reveal(challengeId)?.code ?? null;
  }

  requests(scope = '') {
    return [...this.#instance(scope).anytype.log];
  }

  /** A valid key, as if created in Settings → API Keys. */
  addApiKey(scope = '') {
    return this.#instance(scope).anytype.issueKey();
  }

  /** Forgets all state (no argument) or the state of one scope ('' is the root). */
  reset(scope) {
    if (scope !== undefined) return void this.#instance(scope).anytype.reset();
    this.#scopes.clear();
    this.#root.anytype.reset();
  }

  close() {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #newInstance(scenario) {
    return { scenario, anytype: new Anytype(scenario) };
  }

  /** The instance for a scope of the programmatic and control APIs: '' is the root. */
  #instance(scope) {
    return scope === '' ? this.#root : this.#scoped(scope);
  }

  /** The instance behind `/s/<spec>/`, created on first use (an empty spec is an error). */
  #scoped(spec) {
    if (!this.#scopes.has(spec)) this.#scopes.set(spec, this.#newInstance(parseSpec(spec, this.#root.scenario)));
    return this.#scopes.get(spec);
  }

  #sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  async #onRequest(req, res) {
    if (this.#log) res.once('finish', () => this.#log(`${req.method} ${req.url} -> ${res.statusCode}`));
    try {
      const body = await readBody(req);
      const [fullPath, search] = splitTarget(req.url);
      if (fullPath.startsWith('/_standin/')) return await this.#control(req, res, fullPath, search);
      const { spec, prefix, path } = splitScope(fullPath);
      const instance = spec === null ? this.#root : this.#scoped(spec);
      await this.#serveAnytype(instance, { req, res, method: req.method, headers: req.headers, path, search, prefix, body });
    } catch (error) {
      this.#fail(req, res, error);
    }
  }

  async #serveAnytype({ scenario, anytype }, ctx) {
    anytype.record({ method: ctx.method, path: ctx.path + ctx.search, headers: { ...ctx.headers }, body: ctx.body });
    const answered = await this.#answer(scenario, { ...ctx, anytype });
    const answer = restyleError(scenario.echo ? echoRequest(answered, ctx) : answered, scenario);
    const stall = isV1(ctx.path) ? scenario.stall : 0;
    await this.#send(ctx.req, ctx.res, answer, { version: scenario.version, cors: this.#cors, stall, ...deliveryOf(answer, scenario) });
  }

  /**
   * The middleware order: origin gate, CORS preflight (with --cors, on every path, so that a
   * browser test sees the same answers as Node), then for /v1 the scenario, then the routes.
   */
  async #answer(scenario, ctx) {
    if (ctx.anytype.strict && !originAllowed(ctx.headers)) return apiError(403, 'request origin is not allowed');
    if (this.#cors && ctx.method === 'OPTIONS') return emptyAnswer(204, PREFLIGHT_HEADERS);
    if (!isV1(ctx.path)) return route(ctx);
    return { ...(await this.#scenarioAnswer(scenario, ctx)), scripted: true };
  }

  /** A /v1 request under the scenario items: delay, redirect, status, body kinds and deep. */
  async #scenarioAnswer(scenario, ctx) {
    if (scenario.delay) await this.#sleep(scenario.delay);
    if (scenario.redirect) {
      const location = `http://127.0.0.1:${scenario.redirect}${scenario.to ? `/s/${scenario.to}` : ''}${ctx.path}${ctx.search}`;
      return emptyAnswer(scenario.redirectstatus ?? 307, { Location: location });
    }
    if (scenario.status && !isSuccess(scenario.status)) return forcedError(scenario.status, ctx.path);
    const routed = routeWithBodyKind(ctx, scenario.body);
    const answer = scenario.deep ? nestDeep(routed, scenario.deep) : routed;
    return scenario.status ? withSuccessStatus(answer, scenario.status) : answer;
  }

  #control(req, res, path, search) {
    const query = new URLSearchParams(search);
    const answer = req.method === 'OPTIONS' ? emptyAnswer(204, PREFLIGHT_HEADERS) : this.#controlAnswer(`${req.method} ${path}`, query);
    answer.headers = { ...answer.headers, 'Access-Control-Allow-Origin': '*' };
    return this.#send(req, res, answer, { cors: false });
  }

  #controlAnswer(routeKey, query) {
    const handler = CONTROL_ROUTES.get(routeKey);
    if (!handler) return jsonAnswer(404, { error: 'no such control endpoint' });
    try {
      return handler({ standIn: this, anytype: this.#instance(query.get('scope') ?? '').anytype, query });
    } catch (error) {
      if (error instanceof SpecError) return jsonAnswer(400, { error: error.message });
      throw error;
    }
  }

  async #send(req, res, answer, { version = API_VERSION, cors, stall = 0, reset, trickle = 0, type }) {
    if (reset === 'before') return void resetConnection(res);
    const headers = { ...answer.headers };
    if (answer.type) headers['Content-Type'] = answer.type;
    if (type) headers['Content-Type'] = type;
    if (version !== null) headers['Anytype-Version'] = version;
    if (cors) {
      headers['Access-Control-Allow-Origin'] = req.headers.origin || '*';
      headers['Access-Control-Expose-Headers'] = 'Anytype-Version';
    }
    const bytes = Buffer.from(answer.body);
    if (answer.endless) return this.#sendEndless(res, answer.status, headers, bytes);
    if (answer.status !== 204) headers['Content-Length'] = bytes.length;
    res.writeHead(answer.status, headers);
    if (reset === 'after') return this.#resetMidBody(res, bytes);
    if (trickle) return this.#trickle(res, bytes, trickle);
    if (!stall) return void res.end(bytes);
    res.flushHeaders();
    const half = bytes.length >> 1;
    if (half) res.write(bytes.subarray(0, half));
    await this.#sleep(stall);
    if (!res.destroyed) res.end(bytes.subarray(half));
  }

  /** Headers and half the body, a short hold so that they arrive, then a TCP reset. */
  async #resetMidBody(res, bytes) {
    res.flushHeaders();
    res.write(bytes.subarray(0, bytes.length >> 1));
    await this.#sleep(RESET_AFTER_HOLD_MS);
    resetConnection(res);
  }

  /** One byte every `ms` milliseconds until the body is sent or the client leaves. */
  async #trickle(res, bytes, ms) {
    res.flushHeaders();
    for (let at = 0; at < bytes.length && !res.destroyed; at++) {
      res.write(bytes.subarray(at, at + 1));
      await this.#sleep(ms);
    }
    if (!res.destroyed) res.end();
  }

  /** A chunked body that starts with `head` and never ends (up to ENDLESS_LIMIT bytes). */
  async #sendEndless(res, status, headers, head) {
    res.on('error', () => {}); // the client hanging up is the expected way out
    res.writeHead(status, headers);
    res.write(head);
    for (let sent = 0; sent < ENDLESS_LIMIT && !res.destroyed; sent += ENDLESS_CHUNK.length) {
      if (!res.write(ENDLESS_CHUNK)) await drainedOrClosed(res);
    }
    res.destroy();
  }

  #fail(req, res, error) {
    if (res.headersSent || req.socket.destroyed) return void res.destroy();
    const spec = error instanceof SpecError;
    const answer = textAnswer(spec ? 400 : 500, spec ? `stand-in: ${error.message}` : `stand-in failure: ${error.stack}`);
    this.#send(req, res, answer, { cors: this.#cors });
  }
}

/**
 * Starts a stand-in and resolves once it listens.
 * options: host ('127.0.0.1'), port (31009; 0 = any free port), mode ('v0.47' | '2026'),
 * cors (false), challengeCap (50, or 30 in 2026 mode), log (function given one line per response).
 */
export async function startStandIn({ host = DEFAULT_HOST, port = DEFAULT_PORT, ...options } = {}) {
  return new StandIn(options).listen(host, port);
}
