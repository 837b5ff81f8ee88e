/**
 * A dependency-free stand-in for the Anytype desktop app's local HTTP API: the pairing routes
 * (POST /v1/auth/challenges, POST /v1/auth/api_keys), the key probe GET /v1/spaces and the
 * OpenAPI document GET /docs/openapi.json; in the current mode also the /v2/auth aliases and
 * GET /v2/auth/whoami.
 *
 * By default it copies heart v0.47.0 as read from its source (shared/reference/anytype-local-api.md),
 * quirks included. The "current" mode behaves like Anytype in 2026 (shared/reference/anytype-2026.md:
 * origin gate, approval with a space grant before the code, TTLs, caps, scoped keys), and the
 * "gate" mode (alias "2026") is v0.47 behind the origin gate with simpler strict rules.
 * Besides the root instance, `/s/<spec>/v1/...` reaches independent, lazily created instances
 * configured by <spec>, and `/_standin/...` holds control endpoints for tests and demos.
 * stand-in/README.md documents the URL scheme.
 *
 * This module is the public entry: the request dispatch and the programmatic API. The parts live
 * beside it (listed in stand-in/README.md): settings, Go JSON, http/ (answers, transport), routes and
 * docs, modes/ (one module per server generation) with the approval, key and whoami modules the
 * current mode uses, the origin gate, faults/ (the `/s/<spec>/` items) and the control endpoints.
 */
import http from 'node:http';
import { controlAnswer } from './control.mjs';
import { ControlGate, newControlToken } from './control-gate.mjs';
import { deliveryOf, restyleError, scenarioAnswer } from './faults/effects.mjs';
import { parseSpec, SpecError, splitScope } from './faults/spec.mjs';
import { emptyAnswer, textAnswer } from './http/answers.mjs';
import { BodyTooLarge, logResponse, PREFLIGHT_HEADERS, readBody, splitTarget, Transport } from './http/transport.mjs';
import { modeNamed } from './modes/index.mjs';
import { OriginPolicy, originRefused } from './origin-gate.mjs';
import { route } from './routes.mjs';
import { rootScenario } from './settings.mjs';
import { makeGrant } from './grants.mjs';
import { checkedKeyOptions } from './keys.mjs';
import { BODY_LIMIT, DEFAULT_HOST, DEFAULT_PORT, REQUEST_TIMEOUT_MS, SCOPE_CAP } from './constants.mjs';

export { API_VERSION, BODY_LIMIT, DEFAULT_HOST, DEFAULT_PORT, REQUEST_LOG_LIMIT, REQUEST_TIMEOUT_MS, SCOPE_CAP } from './constants.mjs';
export { CONTROL_TOKEN_HEADER } from './control-gate.mjs';
export { DEFAULT_MODE, MODE_ALIASES, MODES } from './modes/index.mjs';
export { SPACES, shortSpaceId } from './spaces.mjs';
export { DEFAULT_CHALLENGE_CAP } from './modes/v0.47.mjs';
export {
  CHALLENGE_CAP_2026, CODE_TTL_MS, MAX_CHALLENGES_PER_CALLER_2026, MAX_FAILED_SOLVES_2026, MAX_TRIES_2026, PENDING_TTL_MS,
} from './approval.mjs';

/** True when the instance's mode scripts `path` (the fault items apply to it). */
const isScripted = (mode, path) => mode.scriptedPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** A positive whole number option, or its default. */
function countOption(name, value, fallback) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** A running stand-in: an HTTP server over a root instance and the lazily made scoped ones. */
class StandIn {
  url = '';
  port = 0;
  /** The run's control token: a request carrying it in the Standin-Token header may use `/_standin/*` from anywhere. */
  token = newControlToken();
  #server;
  #cors;
  #log;
  #root;
  #scopes = new Map();
  #scopeCap;
  #bodyLimit;
  #gate;
  #transport = new Transport();

  constructor({ cors = false, log, controlOrigins, bodyLimit, scopeCap, requestTimeoutMs, ...options } = {}) {
    this.#cors = Boolean(cors);
    this.#log = log;
    this.#root = this.#newInstance(rootScenario(options));
    this.#gate = new ControlGate({ token: this.token, controlOrigins });
    this.#bodyLimit = countOption('bodyLimit', bodyLimit, BODY_LIMIT);
    this.#scopeCap = countOption('scopeCap', scopeCap, SCOPE_CAP);
    const requestTimeout = countOption('requestTimeoutMs', requestTimeoutMs, REQUEST_TIMEOUT_MS);
    // A request (headers and body) must arrive within requestTimeout; the check runs often
    // enough for a short one.
    this.#server = http.createServer(
      { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, Math.ceil(requestTimeout / 4)) },
      (req, res) => this.#onRequest(req, res),
    );
    // Like Go's net/http in Anytype: idle keep-alive connections are never closed by the server.
    // (Node's default closes them after 5 s, which races with a client reusing one after its
    // event loop was busy: a spurious ECONNRESET.) close() still cuts every connection.
    this.#server.keepAliveTimeout = 0;
  }

  /** The root instance's mode name. */
  get mode() {
    return this.#root.scenario.mode;
  }

  /** Starts listening; resolves with this stand-in once it does. */
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

  /**
   * The code Anytype would show for a challenge, or null. Gate mode: this also approves it.
   * Current mode: null until the request is approved (approve(), or the autoApprove option).
   */
  codeFor(challengeId, scope = '') {
    return this.#instance(scope).anytype.reveal(challengeId)?.code ?? null;
  }

  /**
   * The user's Allow on a waiting pairing request: `spaces` is `{ allSpaces: true }` or
   * `{ spaceIds: [...] }` (full ids or short references of SPACES), `permission` `'read'` or
   * `'readwrite'`. Returns the code now shown, or null when no request waits under that id
   * (unknown, expired, already answered; in v0.47 nothing ever waits). A bad grant throws a
   * TypeError. Modes without grants (v0.47, gate) check it but issue ungranted keys.
   */
  approve(challengeId, spaces, permission, scope = '') {
    const grant = makeGrant(spaces, permission, 'approve');
    return this.#instance(scope).anytype.approve(challengeId, grant);
  }

  /** The user's Deny: true when a waiting request was dropped (current mode: the caller stays refused). */
  deny(challengeId, scope = '') {
    return this.#instance(scope).anytype.deny(challengeId);
  }

  /** The pairing requests waiting for Allow or Deny: `[{ challengeId, appName, caller, origin, createdAt, expiresAt }]`. */
  pending(scope = '') {
    return this.#instance(scope).anytype.pendingRequests();
  }

  /** Every request the instance received (newest REQUEST_LOG_LIMIT). */
  requests(scope = '') {
    return [...this.#instance(scope).anytype.log];
  }

  /**
   * A valid key, as if created in Settings → API Keys (or by the CLI). `options` is a scope
   * string (the old form) or `{ scope, grant, expiresAt, format, keyScope, name }` (keys.mjs
   * checkedKeyOptions; all but `scope` and `name` need the current mode). Default: a legacy
   * 44-character base64 JsonAPI key without a grant that never expires.
   */
  addApiKey(options = '') {
    const { scope = '', ...keyOptions } = typeof options === 'string' ? { scope: options } : options;
    const instance = this.#instance(scope);
    return instance.anytype.issueKey(checkedKeyOptions(keyOptions, instance.mode.scopedKeys));
  }

  /** Forgets all state (no argument) or the state of one scope ('' is the root). */
  reset(scope) {
    if (scope !== undefined) return void this.#instance(scope).anytype.reset();
    this.#scopes.clear();
    this.#root.anytype.reset();
  }

  /** Stops listening, cuts every connection and every delayed response. */
  close() {
    this.#transport.clear();
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #newInstance(scenario) {
    const mode = modeNamed(scenario.mode);
    return { scenario, mode, anytype: mode.createAnytype(scenario), policy: mode.gated ? new OriginPolicy(scenario) : null };
  }

  /** The instance for a scope of the programmatic and control APIs: '' is the root. */
  #instance(scope) {
    return scope === '' ? this.#root : this.#scoped(scope);
  }

  /**
   * The instance behind `/s/<spec>/`, created on first use (an empty spec is an error). At most
   * scopeCap of them are kept: making one more forgets the least recently used.
   */
  #scoped(spec) {
    let instance = this.#scopes.get(spec);
    if (instance) this.#scopes.delete(spec);
    else instance = this.#newInstance(parseSpec(spec, this.#root.scenario));
    this.#scopes.set(spec, instance);
    if (this.#scopes.size > this.#scopeCap) this.#scopes.delete(this.#scopes.keys().next().value);
    return instance;
  }

  /** How many scoped instances exist now (at most scopeCap). */
  get scopeCount() {
    return this.#scopes.size;
  }

  async #onRequest(req, res) {
    logResponse(req, res, this.#log);
    try {
      const [fullPath, search] = splitTarget(req.url);
      const control = fullPath.startsWith('/_standin/');
      const screened = control && this.#gate.screen(req.method, req.headers);
      if (screened) return await this.#transport.send(req, res, screened, { cors: false, close: true });
      const body = await readBody(req, this.#bodyLimit);
      if (control) return await this.#control(req, res, fullPath, search);
      const { spec, prefix, path } = splitScope(fullPath);
      const instance = spec === null ? this.#root : this.#scoped(spec);
      await this.#serveAnytype(instance, { req, res, method: req.method, headers: req.headers, path, search, prefix, body });
    } catch (error) {
      this.#fail(req, res, error);
    }
  }

  async #serveAnytype(instance, ctx) {
    const { scenario, mode, anytype } = instance;
    anytype.record({ method: ctx.method, path: ctx.path + ctx.search, headers: { ...ctx.headers }, body: ctx.body });
    const answered = await this.#answer(instance, { ...ctx, anytype, scenario, routes: mode.routes });
    const answer = restyleError(answered, scenario, ctx);
    const stall = isScripted(mode, ctx.path) ? scenario.stall : 0;
    const delivery = { version: scenario.version, cors: this.#cors, expose: mode.exposedHeaders, stall, ...deliveryOf(answer, scenario) };
    await this.#transport.send(ctx.req, ctx.res, answer, delivery);
  }

  /**
   * The middleware order: origin gate, CORS preflight (with --cors, on every path, so that a
   * browser test sees the same answers as Node), then for scripted paths the scenario, then the
   * routes.
   */
  async #answer({ scenario, mode, policy }, ctx) {
    if (policy && !policy.allows(ctx.headers)) return originRefused();
    if (this.#cors && ctx.method === 'OPTIONS') return emptyAnswer(204, PREFLIGHT_HEADERS);
    if (!isScripted(mode, ctx.path)) return route(ctx);
    const answer = await scenarioAnswer(scenario, ctx, (ms) => this.#transport.sleep(ms));
    return { ...answer, scripted: true };
  }

  #control(req, res, path, search) {
    const query = new URLSearchParams(search);
    const answer = controlAnswer(this, `${req.method} ${path}`, query, (scope) => this.#instance(scope).anytype);
    answer.headers = { ...answer.headers, ...this.#gate.corsHeaders(req.headers) };
    return this.#transport.send(req, res, answer, { cors: false });
  }

  #fail(req, res, error) {
    if (res.headersSent || req.socket.destroyed) return void res.destroy();
    if (error instanceof BodyTooLarge) {
      const answer = textAnswer(413, `stand-in: request bodies are limited to ${this.#bodyLimit} bytes`);
      return void this.#transport.send(req, res, answer, { cors: this.#cors, close: true });
    }
    const spec = error instanceof SpecError;
    const answer = textAnswer(spec ? 400 : 500, spec ? `stand-in: ${error.message}` : `stand-in failure: ${error.stack}`);
    this.#transport.send(req, res, answer, { cors: this.#cors });
  }
}

/**
 * Starts a stand-in and resolves once it listens.
 * options: host ('127.0.0.1'), port (31009; 0 = any free port), mode ('current'; or 'v0.47',
 * 'gate', '2026'), cors (false), challengeCap (50, or 30 in the current and gate modes), log
 * (function given one line per response), allowedOrigins and allowedHosts (the gate's extra
 * entries: a comma-separated string or an array), and for the current mode pendingTtlMs (180000),
 * codeTtlMs (300000), now (the clock, Date.now), autoApprove (off; true or a grant) and
 * whoamiCase ('snake' | 'camel'). settings.mjs checks them.
 * The control endpoints and the limits: controlOrigins (origins whose pages may use
 * `/_standin/*` without the token: a comma-separated string or an array), bodyLimit (BODY_LIMIT
 * bytes; a larger body gets 413 unread), scopeCap (SCOPE_CAP scoped instances; more forget the
 * least recently used), requestTimeoutMs (REQUEST_TIMEOUT_MS for a request's headers and body).
 * The resolved stand-in's `token` admits a request to `/_standin/*` from anywhere (the
 * `Standin-Token` header; see control-gate.mjs).
 */
export async function startStandIn({ host = DEFAULT_HOST, port = DEFAULT_PORT, ...options } = {}) {
  return new StandIn(options).listen(host, port);
}
