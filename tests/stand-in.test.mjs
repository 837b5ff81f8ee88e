/**
 * Tests for the Anytype stand-in (stand-in/server.mjs and stand-in/cli.mjs): every behaviour is
 * checked with real HTTP requests over loopback against servers started on port 0.
 * Run: node --test tests/stand-in.test.mjs
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import {
  API_VERSION, CODE_TTL_MS, DEFAULT_MODE, DEFAULT_PORT, MODE_ALIASES, MODES, PENDING_TTL_MS, SPACES, shortSpaceId, startStandIn,
} from '../stand-in/server.mjs';

const CLI = fileURLToPath(new URL('../stand-in/cli.mjs', import.meta.url));
const JSON_TYPE = 'application/json; charset=utf-8';
const KEY_PATTERN = /^[A-Za-z0-9+/]{43}=$/;
const NEW_KEY_PATTERN = /^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/;
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
after(() => agent.destroy());

/** One raw HTTP exchange; `path` is sent exactly as given. */
function call(server, method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const length = body === undefined ? {} : { 'content-length': Buffer.byteLength(body) };
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path, headers: { ...length, ...headers }, agent }, (res) => {
      const chunks = [];
      const arrivals = [];
      res.on('data', (chunk) => {
        chunks.push(chunk);
        arrivals.push({ at: performance.now() - started, bytes: chunk.length });
      });
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, text, json, arrivals, ended: performance.now() - started });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (server, path, value, headers) => call(server, 'POST', path, { body: typeof value === 'string' ? value : JSON.stringify(value), headers });
const envelope = (status, code, message) => ({ object: 'error', status, code, message });
const bearer = (key) => ({ authorization: `Bearer ${key}` });

async function newChallenge(server, prefix = '', appName = 'test-app') {
  const res = await post(server, `${prefix}/v1/auth/challenges`, { app_name: appName });
  assert.equal(res.status, 201, res.text);
  return res.json.challenge_id;
}

const solve = (server, prefix, challengeId, code) => post(server, `${prefix}/v1/auth/api_keys`, { challenge_id: challengeId, code });

/** Pairs like a client would, reading the code the way a person would in Anytype. */
async function pair(server, scope = '') {
  const prefix = scope ? `/s/${scope}` : '';
  const challengeId = await newChallenge(server, prefix);
  const res = await solve(server, prefix, challengeId, server.codeFor(challengeId, scope));
  assert.equal(res.status, 201, res.text);
  return res.json.api_key;
}

function assertNotFoundPage(res) {
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-type'], 'text/plain');
  assert.equal(res.text, '404 page not found');
}

function assertEnvelope(res, status, code, message) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers['content-type'], JSON_TYPE);
  assert.deepEqual(res.json, envelope(status, code, message));
  assert.equal(res.text, JSON.stringify(envelope(status, code, message)), 'field order is object, status, code, message');
}

const wrongCode = (code) => String((Number(code) + 1) % 10000).padStart(4, '0');

describe('v0.47 root instance', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'v0.47' });
  });
  after(() => s.close());

  test('listens on loopback and reports its URL and port', () => {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(s.url, `http://127.0.0.1:${s.port}`);
  });

  test('Anytype-Version is on every response, whatever the request sends', async () => {
    const responses = [
      await post(s, '/v1/auth/challenges', { app_name: 'a' }, { 'anytype-version': '1999-01-01', 'content-type': 'text/plain' }),
      await post(s, '/v1/auth/challenges', ''),
      await call(s, 'GET', '/v1/spaces'),
      await call(s, 'GET', '/nowhere'),
      await call(s, 'OPTIONS', '/v1/auth/challenges'),
      await call(s, 'GET', '/v1/spaces/'),
      await call(s, 'GET', '/_standin/health'),
      await call(s, 'GET', '/_standin/nope'),
      await call(s, 'GET', '/s/bogus/v1/spaces'),
    ];
    assert.equal(responses[0].status, 201, 'request Content-Type and Anytype-Version are not checked');
    for (const res of responses) assert.equal(res.headers['anytype-version'], API_VERSION);
  });

  test('POST /v1/auth/challenges answers 201 with a 24-hex challenge id', async () => {
    const res = await post(s, '/v1/auth/challenges', { app_name: 'my app' });
    assert.equal(res.status, 201);
    assert.equal(res.headers['content-type'], JSON_TYPE);
    assert.deepEqual(Object.keys(res.json), ['challenge_id']);
    assert.match(res.json.challenge_id, /^[0-9a-f]{24}$/);
  });

  test('challenge bodies are decoded like Go encoding/json', async () => {
    const cases = [
      ['', 'EOF'],
      [' \n\t', 'EOF'],
      ['{', 'unexpected EOF'],
      ['{"app_name":"x"', 'unexpected EOF'],
      ['x', "invalid character 'x' looking for beginning of value"],
      ['{"app_name" "x"}', `invalid character '"' after object key`],
      ['{"app_name":"x",}', `invalid character '}' looking for beginning of object key string`],
      ['{"app_name":tru}', "invalid character '}' in literal true (expecting 'e')"],
      ['{"app_name":1}', 'json: cannot unmarshal number into Go struct field CreateChallengeRequest.app_name of type string'],
      ['{"app_name":true}', 'json: cannot unmarshal bool into Go struct field CreateChallengeRequest.app_name of type string'],
      ['{"app_name":["x"]}', 'json: cannot unmarshal array into Go struct field CreateChallengeRequest.app_name of type string'],
      ['{"app_name":{}}', 'json: cannot unmarshal object into Go struct field CreateChallengeRequest.app_name of type string'],
      ['[]', 'json: cannot unmarshal array into Go value of type apimodel.CreateChallengeRequest'],
      ['"x"', 'json: cannot unmarshal string into Go value of type apimodel.CreateChallengeRequest'],
      ['{}', 'missing app name'],
      ['{"app_name":""}', 'missing app name'],
      ['{"app_name":null}', 'missing app name'],
      ['null', 'missing app name'],
    ];
    for (const [body, message] of cases) {
      assertEnvelope(await post(s, '/v1/auth/challenges', body), 400, 'bad_request', message);
    }
  });

  test('challenge bodies get Go leniency: trailing data, unknown fields, any key case', async () => {
    for (const body of ['{"app_name":"x"} trailing', '{"app_name":"x","other":1}', '{"APP_NAME":"x"}']) {
      const res = await post(s, '/v1/auth/challenges', body);
      assert.equal(res.status, 201, body);
    }
  });

  test('codeFor gives the 4-digit code of a live challenge, null otherwise', async () => {
    const id = await newChallenge(s);
    assert.match(s.codeFor(id), /^\d{4}$/);
    assert.equal(s.codeFor('0123456789abcdef01234567'), null);
  });

  test('pairing issues a 44-char base64 key once and deletes the challenge', async () => {
    const id = await newChallenge(s);
    const code = s.codeFor(id);
    const res = await solve(s, '', id, code);
    assert.equal(res.status, 201);
    assert.equal(res.headers['content-type'], JSON_TYPE);
    assert.deepEqual(Object.keys(res.json), ['api_key']);
    assert.match(res.json.api_key, KEY_PATTERN);
    assertEnvelope(await solve(s, '', id, code), 500, 'internal_server_error', 'failed to authenticate user');
    assert.equal(s.codeFor(id), null);
  });

  test('api_keys refuses bad input with 400', async () => {
    assertEnvelope(await post(s, '/v1/auth/api_keys', ''), 400, 'bad_request', 'EOF');
    assertEnvelope(
      await post(s, '/v1/auth/api_keys', '{"challenge_id":"abc","code":1234}'),
      400,
      'bad_request',
      'json: cannot unmarshal number into Go struct field CreateApiKeyRequest.code of type string',
    );
    for (const body of [{}, { challenge_id: 'abc' }, { code: '1234' }, { challenge_id: '', code: '1234' }, { challenge_id: 'abc', code: '' }]) {
      assertEnvelope(await post(s, '/v1/auth/api_keys', body), 400, 'bad_request', 'bad input: challenge_id or code is empty');
    }
  });

  test('wrong codes and unknown challenges are 500, tries are unlimited, codes compare exactly', async () => {
    const id = await newChallenge(s);
    const code = s.codeFor(id);
    const guesses = [` ${code}`, `${code} `, `${code}0`, code.slice(1), ...Array(8).fill(wrongCode(code))];
    for (const guess of guesses) {
      assertEnvelope(await solve(s, '', id, guess), 500, 'internal_server_error', 'failed to authenticate user');
    }
    assertEnvelope(await solve(s, '', 'ffffffffffffffffffffffff', code), 500, 'internal_server_error', 'failed to authenticate user');
    assert.equal((await solve(s, '', id, code)).status, 201, 'v0.47 never enforces the tries limit');
  });

  test('GET /v1/spaces checks pagination before auth', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=99999999999']) {
      const res = await call(s, 'GET', `/v1/spaces?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.headers['content-type'], JSON_TYPE);
      assert.equal(res.text, '{"error":"limit must be between 1 and 1000"}');
    }
  });

  test('GET /v1/spaces refuses missing, malformed and unknown keys with 401', async () => {
    const cases = [
      [{}, 'missing authorization header'],
      [{ authorization: '' }, 'missing authorization header'],
      [{ authorization: 'bearer abc' }, 'invalid authorization header format'],
      [{ authorization: 'Basic abc' }, 'invalid authorization header format'],
      [{ authorization: 'Bearer' }, 'invalid authorization header format'],
      [{ authorization: 'Bearer nope' }, 'invalid api key'],
    ];
    for (const [headers, message] of cases) {
      assertEnvelope(await call(s, 'GET', '/v1/spaces', { headers }), 401, 'unauthorized', message);
    }
  });

  test('GET /v1/spaces lists spaces for a paired key', async () => {
    const key = await pair(s);
    const res = await call(s, 'GET', '/v1/spaces', { headers: bearer(key) });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], JSON_TYPE);
    const { data, pagination } = res.json;
    assert.ok(data.length >= 2 && data.length <= 3);
    assert.deepEqual(pagination, { total: data.length, offset: 0, limit: 100, has_more: false });
    for (const item of data) {
      assert.deepEqual(Object.keys(item), ['object', 'id', 'name', 'icon', 'description', 'gateway_url', 'network_id']);
      assert.equal(item.object, 'space');
      assert.match(item.id, /^bafyrei[a-z2-7]+\.[a-z0-9]+$/);
      assert.equal(item.gateway_url, 'http://127.0.0.1:31006');
    }
  });

  test('GET /v1/spaces paginates, and bad numbers fall back to the defaults', async () => {
    const key = s.addApiKey();
    assert.match(key, KEY_PATTERN);
    const page = async (query) => (await call(s, 'GET', `/v1/spaces?${query}`, { headers: bearer(key) })).json;
    const first = await page('limit=1');
    assert.equal(first.data.length, 1);
    assert.equal(first.pagination.has_more, true);
    const total = first.pagination.total;
    const tail = await page(`offset=${total - 1}&limit=5`);
    assert.deepEqual(tail.pagination, { total, offset: total - 1, limit: 5, has_more: false });
    assert.equal(tail.data.length, 1);
    assert.deepEqual((await page('offset=50')).data, []);
    assert.deepEqual((await page('limit=abc&offset=x')).pagination, { total, offset: 0, limit: 100, has_more: false });
    assert.deepEqual((await page('limit=-5&offset=-2')).pagination, { total, offset: 0, limit: 100, has_more: false });
  });

  test('unknown routes and other methods get gin 404 text, never 405', async () => {
    const cases = [
      ['GET', '/'],
      ['GET', '/v1/nope'],
      ['GET', '/v1/auth/challenges'],
      ['OPTIONS', '/v1/auth/challenges'],
      ['OPTIONS', '/v1/spaces'],
      ['PUT', '/v1/spaces'],
      ['DELETE', '/v1/auth/api_keys'],
      ['POST', '/v1/auth/display_code?app_name=x'],
    ];
    for (const [method, path] of cases) assertNotFoundPage(await call(s, method, path));
  });

  test('a trailing slash redirects: 301 for GET, 307 for POST', async () => {
    const get = await call(s, 'GET', '/v1/spaces/?limit=1');
    assert.equal(get.status, 301);
    assert.equal(get.headers.location, '/v1/spaces?limit=1');
    const postRes = await post(s, '/v1/auth/challenges/', { app_name: 'x' });
    assert.equal(postRes.status, 307);
    assert.equal(postRes.headers.location, '/v1/auth/challenges');
  });

  test('no CORS headers at all by default, even for browsers', async () => {
    const headers = { origin: 'http://localhost:5173' };
    for (const res of [await post(s, '/v1/auth/challenges', { app_name: 'x' }, headers), await call(s, 'OPTIONS', '/v1/spaces', { headers })]) {
      assert.deepEqual(Object.keys(res.headers).filter((name) => name.startsWith('access-control-')), []);
    }
  });

  test('the default cap is 50 challenges per run in v0.47 mode', async () => {
    for (let i = 0; i < 50; i++) await newChallenge(s, '/s/id=cap50');
    assertEnvelope(await post(s, '/s/id=cap50/v1/auth/challenges', { app_name: 'x' }), 500, 'internal_server_error', 'failed to create a new challenge');
  });

  test('any Origin is accepted in v0.47 mode', async () => {
    for (const origin of ['null', 'chrome-extension://abcdef', 'https://example.com']) {
      assert.equal((await post(s, '/v1/auth/challenges', { app_name: 'x' }, { origin })).status, 201);
    }
  });

  test('the request log records method, path, lower-cased headers and body', async () => {
    const scope = 'id=log-check';
    await post(s, `/s/${scope}/v1/auth/challenges?x=1`, { app_name: 'logged' }, { 'X-Custom-Header': 'Yes' });
    const [entry] = s.requests(scope);
    assert.equal(entry.method, 'POST');
    assert.equal(entry.path, '/v1/auth/challenges?x=1');
    assert.equal(entry.headers['x-custom-header'], 'Yes');
    assert.equal(entry.body, '{"app_name":"logged"}');
    assert.equal(s.requests(scope).length, 1);
  });

  test('the request log keeps the newest 1000 entries per scope', async () => {
    const scope = 'id=log-cap';
    await Promise.all(Array.from({ length: 1005 }, (_, i) => call(s, 'GET', `/s/${scope}/v1/spaces?n=${i}`)));
    const log = s.requests(scope);
    assert.equal(log.length, 1000);
    const kept = new Set(log.map((entry) => entry.path));
    assert.equal(kept.size, 1000);
  });
});

describe('challenge cap', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'v0.47', challengeCap: 2 });
  });
  after(() => s.close());

  test('challengeCap bounds challenges per run; solving gives nothing back', async () => {
    const id = await newChallenge(s);
    await newChallenge(s);
    assert.equal((await solve(s, '', id, s.codeFor(id))).status, 201);
    assertEnvelope(await post(s, '/v1/auth/challenges', { app_name: 'x' }), 500, 'internal_server_error', 'failed to create a new challenge');
  });

  test('bad input is still 400 after the cap is reached', async () => {
    assertEnvelope(await post(s, '/v1/auth/challenges', '{}'), 400, 'bad_request', 'missing app name');
  });

  test('scopes inherit the root cap unless cap= is given', async () => {
    await newChallenge(s, '/s/id=inherit');
    await newChallenge(s, '/s/id=inherit');
    assert.equal((await post(s, '/s/id=inherit/v1/auth/challenges', { app_name: 'x' })).status, 500);
    for (let i = 0; i < 3; i++) await newChallenge(s, '/s/cap=3');
    assert.equal((await post(s, '/s/cap=3/v1/auth/challenges', { app_name: 'x' })).status, 500);
  });

  test('reset() forgets challenges, keys, counters and logs', async () => {
    const key = s.addApiKey();
    s.reset();
    assert.deepEqual(s.requests(), []);
    assert.equal((await call(s, 'GET', '/v1/spaces', { headers: bearer(key) })).status, 401);
    assert.equal((await post(s, '/v1/auth/challenges', { app_name: 'x' })).status, 201);
  });
});

describe('CORS option', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'v0.47', cors: true });
  });
  after(() => s.close());

  test('responses echo the Origin (or *) and expose Anytype-Version', async () => {
    const withOrigin = await post(s, '/v1/auth/challenges', { app_name: 'x' }, { origin: 'http://localhost:8080' });
    assert.equal(withOrigin.headers['access-control-allow-origin'], 'http://localhost:8080');
    assert.equal(withOrigin.headers['access-control-expose-headers'], 'Anytype-Version');
    const without = await call(s, 'GET', '/v1/nope');
    assert.equal(without.status, 404);
    assert.equal(without.headers['access-control-allow-origin'], '*');
  });

  test('preflights on /v1 routes get 204 with the allowed methods and headers', async () => {
    for (const path of ['/v1/auth/challenges', '/v1/spaces', '/s/status=500/v1/auth/api_keys']) {
      const res = await call(s, 'OPTIONS', path, { headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
      assert.equal(res.status, 204, path);
      assert.equal(res.text, '');
      assert.equal(res.headers['access-control-allow-origin'], 'http://localhost:3000');
      assert.equal(res.headers['access-control-allow-methods'], 'GET, POST, OPTIONS');
      assert.equal(res.headers['access-control-allow-headers'], 'content-type, authorization, anytype-version');
      assert.equal(res.headers['anytype-version'], API_VERSION);
    }
  });

  test('the current mode also exposes its key-status and auth headers to pages', async () => {
    const res = await call(s, 'GET', '/s/mode=current/v1/spaces', { headers: { origin: 'http://localhost:8080' } });
    assert.equal(res.status, 401);
    assert.equal(res.headers['access-control-allow-origin'], 'http://localhost:8080');
    assert.equal(res.headers['access-control-expose-headers'], 'Anytype-Version, Anytype-Key-Status, Anytype-Notice, Link, WWW-Authenticate');
  });

  test('scoped instances also carry CORS headers', async () => {
    const res = await call(s, 'GET', '/s/status=401/v1/spaces', { headers: { origin: 'http://127.0.0.1:9000' } });
    assert.equal(res.status, 401);
    assert.equal(res.headers['access-control-allow-origin'], 'http://127.0.0.1:9000');
  });
});

describe('2026 mode', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: '2026' });
  });
  after(() => s.close());

  const forbidden = (res) => assertEnvelope(res, 403, 'forbidden', 'request origin is not allowed');

  test('loopback origins, and requests without Origin, pass the gate', async () => {
    const origins = [undefined, 'http://localhost', 'http://localhost:5173', 'https://localhost', 'http://127.0.0.1:8080', 'http://127.4.5.6', 'http://[::1]:3000'];
    for (const origin of origins) {
      const res = await post(s, '/s/id=gate-ok,cap=100/v1/auth/challenges', { app_name: 'x' }, origin ? { origin } : {});
      assert.equal(res.status, 201, `origin ${origin}`);
    }
  });

  test('other origins are refused with 403 before anything else', async () => {
    const origins = [
      'null',
      'file://',
      'chrome-extension://abcdefghijklmnop',
      'moz-extension://0b1c2d3e-aaaa-bbbb-cccc-0123456789ab',
      'https://example.com',
      'http://localhost.example.com',
      'http://127.0.0.1.nip.io',
      'http://192.168.1.20',
      'ftp://localhost',
    ];
    for (const origin of origins) {
      forbidden(await post(s, '/v1/auth/challenges', { app_name: 'x' }, { origin }));
    }
    forbidden(await call(s, 'GET', '/v1/spaces?limit=0', { headers: { origin: 'null' } }));
    forbidden(await call(s, 'GET', '/v1/nope', { headers: { origin: 'null' } }));
  });

  test('OPTIONS from a bad origin is 403 JSON, from a good one the 404 page', async () => {
    forbidden(await call(s, 'OPTIONS', '/v1/auth/challenges', { headers: { origin: 'chrome-extension://abc' } }));
    assertNotFoundPage(await call(s, 'OPTIONS', '/v1/auth/challenges', { headers: { origin: 'http://localhost:5173' } }));
  });

  test('without Origin, Sec-Fetch-Site same-origin/same-site is refused', async () => {
    forbidden(await post(s, '/v1/auth/challenges', { app_name: 'x' }, { 'sec-fetch-site': 'same-origin' }));
    forbidden(await post(s, '/v1/auth/challenges', { app_name: 'x' }, { 'sec-fetch-site': 'same-site' }));
    assert.equal((await post(s, '/v1/auth/challenges', { app_name: 'x' }, { 'sec-fetch-site': 'none' })).status, 201);
  });

  test('the Host must be localhost or an IP literal', async () => {
    forbidden(await post(s, '/v1/auth/challenges', { app_name: 'x' }, { host: 'evil.example.com:31009' }));
    forbidden(await post(s, '/v1/auth/challenges', { app_name: 'x' }, { host: 'anytype.local' }));
    for (const host of ['localhost:31009', 'LOCALHOST', '10.0.0.5:80', '[::1]:31009']) {
      assert.equal((await post(s, '/s/id=hosts/v1/auth/challenges', { app_name: 'x' }, { host })).status, 201, host);
    }
  });

  test('a challenge must be approved (codeFor) before it can be solved', async () => {
    const prefix = '/s/mode=2026,id=approval';
    const id = await newChallenge(s, prefix);
    const listed = await call(s, 'GET', `/_standin/challenges?scope=${encodeURIComponent('mode=2026,id=approval')}`);
    const [entry] = listed.json.challenges;
    assert.equal(entry.approved, false);
    assertEnvelope(await solve(s, prefix, id, entry.code), 500, 'internal_server_error', 'failed to authenticate user');
    assert.equal(s.codeFor(id, 'mode=2026,id=approval'), entry.code);
    assert.equal((await solve(s, prefix, id, entry.code)).status, 201);
  });

  test('five wrong tries and the challenge is gone', async () => {
    const id = await newChallenge(s);
    const code = s.codeFor(id);
    for (let i = 0; i < 5; i++) {
      assertEnvelope(await solve(s, '', id, wrongCode(code)), 500, 'internal_server_error', 'failed to authenticate user');
    }
    assertEnvelope(await solve(s, '', id, code), 500, 'internal_server_error', 'failed to authenticate user');
    assert.equal(s.codeFor(id), null);
  });

  test('the default cap is 30 challenges per run; cap= still overrides it', async () => {
    for (let i = 0; i < 30; i++) await newChallenge(s, '/s/mode=2026,id=cap30');
    assertEnvelope(await post(s, '/s/mode=2026,id=cap30/v1/auth/challenges', { app_name: 'x' }), 500, 'internal_server_error', 'failed to create a new challenge');
    await newChallenge(s, '/s/mode=2026,cap=1');
    assert.equal((await post(s, '/s/mode=2026,cap=1/v1/auth/challenges', { app_name: 'x' })).status, 500);
  });

  /** Fails every try of `count` approved challenges; returns nothing. */
  async function burnChallenges(prefix, scope, count) {
    for (let n = 0; n < count; n++) {
      const id = await newChallenge(s, prefix);
      const code = s.codeFor(id, scope);
      for (let i = 0; i < 5; i++) await solve(s, prefix, id, wrongCode(code));
    }
  }

  test('20 failed solves lock pairing until reset', async () => {
    const scope = 'mode=2026,id=lockout';
    const prefix = `/s/${scope}`;
    const spare = await newChallenge(s, prefix);
    await burnChallenges(prefix, scope, 4);
    assertEnvelope(await solve(s, prefix, spare, s.codeFor(spare, scope)), 500, 'internal_server_error', 'failed to authenticate user');
    assertEnvelope(await post(s, `${prefix}/v1/auth/challenges`, { app_name: 'x' }), 500, 'internal_server_error', 'failed to create a new challenge');
    s.reset(scope);
    assert.equal(typeof (await pair(s, scope)), 'string');
  });

  test('a correct solve resets the failed-solve count', async () => {
    const scope = 'mode=2026,id=unlock';
    const prefix = `/s/${scope}`;
    await burnChallenges(prefix, scope, 3);
    await pair(s, scope);
    await burnChallenges(prefix, scope, 3);
    assert.match(await pair(s, scope), KEY_PATTERN);
  });

  test('Anytype’s origin gate does not apply to the control endpoints: a local program passes, the run’s token admits any caller', async () => {
    assert.deepEqual((await call(s, 'GET', '/_standin/health')).json, { ok: true, mode: '2026' });
    const res = await call(s, 'GET', '/_standin/health', { headers: { origin: 'chrome-extension://abc', host: 'evil.example.com', 'standin-token': s.token } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { ok: true, mode: '2026' });
  });
});

describe('gate mode (the old name 2026 is an alias)', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'gate', allowedOrigins: 'chrome-extension://abcdefghijklmnop, NULL', allowedHosts: ['anytype.local:31009', ' Box.LAN '] });
  });
  after(() => s.close());

  const forbidden = (res) => assertEnvelope(res, 403, 'forbidden', 'request origin is not allowed');
  const create = (prefix, headers) => post(s, `${prefix}/v1/auth/challenges`, { app_name: 'x' }, headers);

  test('gate and 2026 name the same mode; the default stays v0.47', async () => {
    assert.equal(DEFAULT_MODE, 'current', 'a stand-in started without a mode plays Anytype as people run it today');
    assert.ok(MODES.includes('gate') && MODES.includes('2026') && MODES.includes('v0.47'));
    assert.deepEqual(MODE_ALIASES, { 2026: 'gate' });
    assert.equal(s.mode, 'gate');
    assert.deepEqual((await call(s, 'GET', '/_standin/health')).json, { ok: true, mode: 'gate' });
    for (const mode of ['gate', '2026']) {
      forbidden(await create(`/s/mode=${mode}`, { origin: 'https://example.com' }));
      const id = await newChallenge(s, `/s/mode=${mode},id=alias`);
      assertEnvelope(await solve(s, `/s/mode=${mode},id=alias`, id, '0000'), 500, 'internal_server_error', 'failed to authenticate user');
    }
    assert.equal((await create('/s/mode=v0.47', { origin: 'https://example.com' })).status, 201);
  });

  test('allowedOrigins admits exact origins of any scheme, normalized; null never', async () => {
    for (const origin of ['chrome-extension://abcdefghijklmnop', 'Chrome-Extension://ABCDEFGHIJKLMNOP/', 'HTTP://LocalHost:3000/', ' http://127.0.0.1:9 ']) {
      assert.equal((await create('/s/id=allowed,cap=100', { origin })).status, 201, origin);
    }
    for (const origin of ['null', 'chrome-extension://other', 'chrome-extension://abcdefghijklmnop/popup.html', 'moz-extension://abcdefghijklmnop']) {
      forbidden(await create('', { origin }));
    }
  });

  test('an Origin with a path, query, fragment or userinfo is refused, and so are non-loopback IPs', async () => {
    for (const origin of ['http://localhost/app', 'http://localhost?x=1', 'http://localhost#x', 'http://me@localhost', 'http://10.0.0.1', 'http://[::2]', 'https://0.0.0.0']) {
      forbidden(await create('', { origin }));
    }
    for (const origin of ['http://[::1]', 'http://[::ffff:127.0.0.1]:80', 'http://localhost.:8080']) {
      assert.equal((await create('/s/id=loopback-forms', { origin })).status, 201, origin);
    }
  });

  test('the Host may end in a dot, or be named in allowedHosts (port ignored)', async () => {
    for (const host of ['localhost.', 'localhost.:31009', '127.0.0.1.', 'anytype.local', 'ANYTYPE.LOCAL:1234', 'box.lan:80', '[::1]']) {
      assert.equal((await create('/s/id=host-forms,cap=100', { host })).status, 201, host);
    }
    for (const host of ['anytype.local.evil', 'localhost.localdomain', 'box']) forbidden(await create('', { host }));
  });

  test('Sec-Fetch-Site same-origin/same-site refuses an Origin-less request, in any letter case', async () => {
    for (const site of ['same-origin', 'Same-Site', 'SAME-ORIGIN']) forbidden(await create('', { 'sec-fetch-site': site }));
    for (const site of ['cross-site', 'none']) assert.equal((await create('/s/id=fetch-site', { 'sec-fetch-site': site })).status, 201, site);
    assert.equal((await create('/s/id=fetch-site-origin', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:1' })).status, 201, 'an allowed Origin decides');
  });

  test('scopes inherit the allowed lists; allowedorigins= and allowedhosts= replace them', async () => {
    assert.equal((await create('/s/id=inherits', { origin: 'chrome-extension://abcdefghijklmnop' })).status, 201);
    const spec = `allowedorigins=${encodeURIComponent('moz-extension://0b1c,http://192.168.1.5:3030')},allowedhosts=lan.box`;
    assert.equal((await create(`/s/${spec}`, { origin: 'moz-extension://0b1c' })).status, 201);
    assert.equal((await create(`/s/${spec}`, { origin: 'http://192.168.1.5:3030', host: 'lan.box:31009' })).status, 201);
    forbidden(await create(`/s/${spec}`, { origin: 'chrome-extension://abcdefghijklmnop' }));
    forbidden(await create(`/s/${spec}`, { host: 'anytype.local' }));
  });

  test('startStandIn refuses allowed lists that are not strings', async () => {
    await assert.rejects(startStandIn({ port: 0, allowedOrigins: 42 }), TypeError);
    await assert.rejects(startStandIn({ port: 0, allowedHosts: ['a', 1] }), TypeError);
  });
});

describe('GET /docs/openapi.json in every mode', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'v0.47' });
  });
  after(() => s.close());

  for (const mode of MODES) {
    test(`mode ${mode}: 200 application/json, no key and no Origin needed; the YAML twin`, async () => {
      const res = await call(s, 'GET', `/s/mode=${mode}/docs/openapi.json`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers['content-type'], 'application/json');
      assert.equal(res.headers['anytype-version'], API_VERSION);
      assert.equal(res.json.openapi, '3.1.0');
      assert.equal(res.json.info.version, API_VERSION);
      assert.ok(res.json.paths['/v1/auth/challenges']?.post ?? res.json.paths['/v2/auth/challenges']?.post, Object.keys(res.json.paths).join());
      const yaml = await call(s, 'GET', `/s/mode=${mode}/docs/openapi.yaml`);
      assert.equal(yaml.status, 200);
      assert.equal(yaml.headers['content-type'], 'application/x-yaml');
      assert.equal(yaml.text, res.text, 'JSON text is valid YAML');
      assertNotFoundPage(await call(s, 'POST', `/s/mode=${mode}/docs/openapi.json`));
    });
  }

  test('v0.47 documents its /v1 routes; fault items apply to the documents too (a client may probe them)', async () => {
    const { json } = await call(s, 'GET', '/docs/openapi.json');
    assert.deepEqual(Object.keys(json.paths).sort(), ['/v1/auth/api_keys', '/v1/auth/challenges', '/v1/spaces']);
    assert.equal(json.paths['/v1/spaces'].get.operationId, 'list_spaces');
    assert.equal((await call(s, 'GET', '/s/status=500/docs/openapi.json')).status, 500);
    assert.equal((await call(s, 'GET', '/s/mode=current,status=503/docs/openapi.json')).status, 503);
    assertNotFoundPage(await call(s, 'GET', '/v1/docs/openapi.json'));
  });
});

/** CRC32-IEEE by table, to check node:zlib's (and for a Node without zlib.crc32). */
function tableCrc32(text) {
  let crc = ~0;
  for (const byte of Buffer.from(text)) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}
const crc32 = zlib.crc32 ?? tableCrc32;

/** True when a new-format key's last 8 hex digits are the CRC32 of the rest. */
function checksumOk(key) {
  const [, body, sum] = /^(anytype_[a-z2-7]+)_([0-9a-f]{8})$/.exec(key) ?? [];
  return body !== undefined && crc32(body).toString(16).padStart(8, '0') === sum;
}

const failedCreate = (res) => assertEnvelope(res, 500, 'internal_server_error', 'failed to create a new challenge');
const failedSolve = (res) => assertEnvelope(res, 500, 'internal_server_error', 'failed to authenticate user');
const fromPort = (port) => ({ origin: `http://localhost:${port}` });

describe('current mode: approval before the code', () => {
  const clock = { t: Date.UTC(2026, 9, 1, 12, 0, 0) };
  let s;
  let scopes = 0;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'current', now: () => clock.t, allowedOrigins: 'chrome-extension://extension-one' });
  });
  after(() => s.close());

  /** A fresh scope of its own: { scope, prefix }, with extra spec items. */
  function fresh(extra = '') {
    const scope = `id=approval-${++scopes}${extra ? `,${extra}` : ''}`;
    return { scope, prefix: `/s/${scope}` };
  }
  const create = (prefix, headers = {}, appName = 'My App') => post(s, `${prefix}/v1/auth/challenges`, { app_name: appName }, headers);
  async function created(prefix, headers = {}, appName) {
    const res = await create(prefix, headers, appName);
    assert.equal(res.status, 201, res.text);
    return res.json.challenge_id;
  }
  /** Creates and approves (all spaces, read & write): { id, code }. */
  async function allowed(scope, prefix, headers = {}) {
    const id = await created(prefix, headers);
    return { id, code: s.approve(id, { allSpaces: true }, 'readwrite', scope) };
  }

  test('codeFor is null until Allow; pending() shows the app, the caller and the 180 s deadline', async () => {
    const { scope, prefix } = fresh();
    const id = await created(prefix, { origin: 'HTTP://LocalHost:5173/' }, 'Clipper');
    assert.equal(s.codeFor(id, scope), null, 'the current mode never approves by itself');
    assert.deepEqual(s.pending(scope), [
      { challengeId: id, appName: 'Clipper', caller: 'origin:http://localhost:5173', origin: 'HTTP://LocalHost:5173/', createdAt: clock.t, expiresAt: clock.t + 180_000 },
    ]);
    assert.equal(PENDING_TTL_MS, 180_000);
    const code = s.approve(id, { allSpaces: true }, 'read', scope);
    assert.match(code, /^\d{4}$/);
    assert.equal(s.codeFor(id, scope), code);
    assert.deepEqual(s.pending(scope), []);
    assert.equal(s.approve(id, { allSpaces: true }, 'read', scope), null, 'answered already');
  });

  test('Allow mints a 69-char anytype_ key with a CRC32 checksum and returns the grant', async () => {
    const { scope, prefix } = fresh();
    const id = await created(prefix, fromPort(1));
    const code = s.approve(id, { spaceIds: [SPACES[1].id, shortSpaceId(SPACES[2].id)] }, 'read', scope);
    const res = await solve(s, prefix, id, code);
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(Object.keys(res.json), ['api_key', 'grant']);
    const key = res.json.api_key;
    assert.match(key, NEW_KEY_PATTERN);
    assert.equal(key.length, 69);
    assert.ok(checksumOk(key), key);
    assert.equal(res.text, JSON.stringify({ api_key: key, grant: { all_spaces: false, space_ids: [SPACES[1].id, SPACES[2].id], permission: 'read' } }));
    const all = await allowed(scope, prefix, fromPort(2));
    assert.deepEqual((await solve(s, prefix, all.id, all.code)).json.grant, { all_spaces: true, space_ids: [], permission: 'readwrite' });
  });

  test('the docs example key verifies: CRC32-IEEE over anytype_<body>', () => {
    const example = 'anytype_amfbcga7eywtio2cjfifoxtfnrzxvamir6lj3jflwk44br6o2xoa_3fe1d4b7';
    assert.equal(example.length, 69);
    assert.match(example, NEW_KEY_PATTERN);
    assert.equal(tableCrc32('anytype_amfbcga7eywtio2cjfifoxtfnrzxvamir6lj3jflwk44br6o2xoa'), 0x3fe1d4b7);
    assert.ok(checksumOk(example));
    assert.ok(!checksumOk(example.replace('_3fe1d4b7', '_3fe1d4b8')));
    if (zlib.crc32) assert.equal(zlib.crc32('anytype_x'), tableCrc32('anytype_x'));
  });

  test('approve() checks its grant: either spaces, a known space, read or readwrite', () => {
    const bad = [
      [{ allSpaces: true }, undefined],
      [{ allSpaces: true }, 'write'],
      [{}, 'read'],
      [{ allSpaces: true, spaceIds: [SPACES[0].id] }, 'read'],
      [{ spaceIds: [] }, 'read'],
      [{ spaceIds: ['bafyreinope.1'] }, 'read'],
      [undefined, 'read'],
    ];
    for (const [spaces, permission] of bad) assert.throws(() => s.approve('0123456789abcdef01234567', spaces, permission), TypeError);
    assert.equal(s.approve('0123456789abcdef01234567', { allSpaces: true }, 'read'), null);
  });

  test('solving while pending is 500 and does not use the failure budget', async () => {
    const { scope, prefix } = fresh();
    const id = await created(prefix, fromPort(1));
    for (let i = 0; i < 25; i++) failedSolve(await solve(s, prefix, id, '1234'));
    const code = s.approve(id, { allSpaces: true }, 'readwrite', scope);
    assert.equal((await solve(s, prefix, id, code)).status, 201, 'neither locked nor out of tries');
  });

  test('a pending request lapses after 180 s: the id is unknown, the caller may ask again', async () => {
    const { scope, prefix } = fresh();
    const id = await created(prefix, fromPort(1));
    clock.t += 179_999;
    failedCreate(await create(prefix, fromPort(1)));
    assert.equal(s.pending(scope).length, 1);
    clock.t += 1;
    assert.deepEqual(s.pending(scope), []);
    assert.equal(s.approve(id, { allSpaces: true }, 'readwrite', scope), null);
    failedSolve(await solve(s, prefix, id, '0000'));
    assert.equal((await create(prefix, fromPort(1))).status, 201);
  });

  test('a code lives 5 min from Allow, however long the prompt waited', async () => {
    assert.equal(CODE_TTL_MS, 300_000);
    const { scope, prefix } = fresh();
    const first = await created(prefix, fromPort(1));
    const second = await created(prefix, fromPort(2));
    clock.t += 170_000;
    const firstCode = s.approve(first, { allSpaces: true }, 'readwrite', scope);
    const secondCode = s.approve(second, { allSpaces: true }, 'readwrite', scope);
    clock.t += 299_999;
    assert.equal((await solve(s, prefix, first, firstCode)).status, 201);
    clock.t += 1;
    assert.equal(s.codeFor(second, scope), null);
    failedSolve(await solve(s, prefix, second, secondCode));
  });

  test('pendingTtlMs/codeTtlMs (options) and pendingttl=/codettl= (items) shorten the TTLs', async () => {
    const short = await startStandIn({ port: 0, mode: 'current', now: () => clock.t, pendingTtlMs: 1000, codeTtlMs: 2000 });
    try {
      const id = await newChallenge(short);
      clock.t += 1000;
      assert.deepEqual(short.pending(), []);
      const id2 = await newChallenge(short);
      const code = short.approve(id2, { allSpaces: true }, 'readwrite');
      clock.t += 1999;
      assert.equal(short.codeFor(id2), code);
      clock.t += 1;
      failedSolve(await solve(short, '', id2, code));
      assert.equal(short.codeFor(id), null);
    } finally {
      await short.close();
    }
    const { scope, prefix } = fresh('pendingttl=50,codettl=70');
    const id = await created(prefix);
    clock.t += 50;
    assert.equal(s.approve(id, { allSpaces: true }, 'read', scope), null);
    const id2 = await created(prefix);
    const code = s.approve(id2, { allSpaces: true }, 'read', scope);
    clock.t += 70;
    failedSolve(await solve(s, prefix, id2, code));
    await assert.rejects(startStandIn({ port: 0, mode: 'current', pendingTtlMs: -1 }), TypeError);
    await assert.rejects(startStandIn({ port: 0, mode: 'current', now: 5 }), TypeError);
  });

  test('5 tries per challenge: the 6th is refused even with the right code', async () => {
    const { scope, prefix } = fresh();
    const { id, code } = await allowed(scope, prefix);
    for (let i = 0; i < 5; i++) failedSolve(await solve(s, prefix, id, wrongCode(code)));
    failedSolve(await solve(s, prefix, id, code));
  });

  /** Four approved challenges of one caller, five wrong codes each: 20 failed solves. */
  async function failTwenty(scope, prefix, headers) {
    for (let n = 0; n < 4; n++) {
      const { id, code } = await allowed(scope, prefix, headers);
      for (let i = 0; i < 5; i++) failedSolve(await solve(s, prefix, id, wrongCode(code)));
    }
  }

  test('20 failed solves lock pairing, create and solve alike, until reset', async () => {
    const { scope, prefix } = fresh();
    const spare = await allowed(scope, prefix, fromPort(9));
    await failTwenty(scope, prefix, fromPort(1));
    failedCreate(await create(prefix, fromPort(2)));
    failedSolve(await solve(s, prefix, spare.id, spare.code));
    s.reset(scope);
    const again = await allowed(scope, prefix, fromPort(2));
    assert.equal((await solve(s, prefix, again.id, again.code)).status, 201);
  });

  test('a correct solve resets the failure count', async () => {
    const { scope, prefix } = fresh();
    await failTwenty(scope, prefix, fromPort(1));
    s.reset(scope);
    for (let n = 0; n < 3; n++) {
      const { id, code } = await allowed(scope, prefix, fromPort(1));
      for (let i = 0; i < 5; i++) await solve(s, prefix, id, wrongCode(code));
    }
    const good = await allowed(scope, prefix, fromPort(2));
    for (let i = 0; i < 4; i++) failedSolve(await solve(s, prefix, good.id, wrongCode(good.code)));
    assert.equal((await solve(s, prefix, good.id, good.code)).status, 201, '19 failures, then the right code');
    await failTwenty(scope, prefix, fromPort(3));
    failedCreate(await create(prefix, fromPort(4)));
  });

  /** `count` approved challenges from one caller (each supersedes the one before). */
  async function approvedRequests(scope, prefix, headers, count) {
    let last;
    for (let n = 0; n < count; n++) last = await allowed(scope, prefix, headers);
    return last;
  }

  test('10 challenges per caller; other callers still pair; a correct solve resets the count', async () => {
    const { scope, prefix } = fresh();
    await approvedRequests(scope, prefix, fromPort(1), 10);
    failedCreate(await create(prefix, fromPort(1)));
    failedCreate(await create(prefix, { origin: 'http://LOCALHOST:1/' }), 'a respelled Origin is the same caller');
    const other = await allowed(scope, prefix, { origin: 'chrome-extension://extension-one' });
    assert.equal((await solve(s, prefix, other.id, other.code)).status, 201);
    assert.equal((await create(prefix, fromPort(1))).status, 201);
  });

  test('30 challenges per run, across callers; a correct solve gives the run its budget back', async () => {
    const { scope, prefix } = fresh();
    await approvedRequests(scope, prefix, fromPort(1), 10);
    await approvedRequests(scope, prefix, fromPort(2), 10);
    const last = await approvedRequests(scope, prefix, fromPort(3), 10);
    failedCreate(await create(prefix, fromPort(4)));
    assert.equal((await solve(s, prefix, last.id, last.code)).status, 201);
    await approvedRequests(scope, prefix, fromPort(4), 10);
    await approvedRequests(scope, prefix, fromPort(5), 10);
    await approvedRequests(scope, prefix, fromPort(6), 10);
    failedCreate(await create(prefix, fromPort(7)));
  });

  test('one pending prompt per caller: a second request is refused and shows no new prompt', async () => {
    const { scope, prefix } = fresh();
    const id = await created(prefix, fromPort(1));
    failedCreate(await create(prefix, fromPort(1)));
    assert.deepEqual(s.pending(scope).map((request) => request.challengeId), [id]);
    assert.equal((await create(prefix, fromPort(2))).status, 201, 'another caller has its own prompt');
    s.approve(id, { allSpaces: true }, 'read', scope);
    assert.equal((await create(prefix, fromPort(1))).status, 201);
  });

  test('Deny is remembered per caller until reset, even past a correct solve', async () => {
    const { scope, prefix } = fresh();
    const id = await created(prefix, fromPort(1));
    assert.equal(s.deny(id, scope), true);
    assert.equal(s.deny(id, scope), false, 'nothing waits any more');
    failedSolve(await solve(s, prefix, id, '0000'));
    failedCreate(await create(prefix, fromPort(1)));
    failedCreate(await create(prefix, { origin: 'http://localhost:1/' }));
    const other = await allowed(scope, prefix, fromPort(2));
    assert.equal((await solve(s, prefix, other.id, other.code)).status, 201);
    failedCreate(await create(prefix, fromPort(1)));
    s.reset(scope);
    assert.equal((await create(prefix, fromPort(1))).status, 201);
  });

  test('without Origin every caller shares the anonymous bucket, whose denials are not remembered', async () => {
    const { scope, prefix } = fresh();
    const id = await created(prefix);
    assert.equal(s.pending(scope)[0].caller, '');
    assert.equal(s.pending(scope)[0].origin, null);
    failedCreate(await create(prefix, {}, 'Another App'));
    s.deny(id, scope);
    const again = await created(prefix);
    assert.equal(s.deny(again, scope), true);
    assert.equal((await create(prefix)).status, 201);
  });

  test('asking again after Allow, before solving, supersedes: the old code dies', async () => {
    const { scope, prefix } = fresh();
    const old = await allowed(scope, prefix, fromPort(1));
    const newer = await created(prefix, fromPort(1));
    assert.equal(s.codeFor(old.id, scope), null);
    failedSolve(await solve(s, prefix, old.id, old.code));
    assert.deepEqual(s.pending(scope).map((request) => request.challengeId), [newer]);
    const code = s.approve(newer, { allSpaces: true }, 'readwrite', scope);
    assert.equal((await solve(s, prefix, newer, code)).status, 201);
  });

  test('autoApprove (option) and autoapprove (item) approve every request with a chosen grant', async () => {
    const auto = await startStandIn({ port: 0, mode: 'current', autoApprove: true });
    try {
      const id = await newChallenge(auto);
      assert.deepEqual(auto.pending(), []);
      const res = await solve(auto, '', id, auto.codeFor(id));
      assert.deepEqual(res.json.grant, { all_spaces: true, space_ids: [], permission: 'readwrite' });
      const scoped = `autoapprove=${shortSpaceId(SPACES[0].id)}+${SPACES[1].id}:read`;
      const scopedId = await newChallenge(auto, `/s/${scoped}`);
      const grant = (await solve(auto, `/s/${scoped}`, scopedId, auto.codeFor(scopedId, scoped))).json.grant;
      assert.deepEqual(grant, { all_spaces: false, space_ids: [SPACES[0].id, SPACES[1].id], permission: 'read' });
      const manual = await newChallenge(auto, '/s/autoapprove=off');
      assert.equal(auto.codeFor(manual, 'autoapprove=off'), null);
    } finally {
      await auto.close();
    }
    const { scope, prefix } = fresh('autoapprove=all:read');
    const id = await created(prefix);
    assert.equal((await solve(s, prefix, id, s.codeFor(id, scope))).json.grant.permission, 'read');
    await assert.rejects(startStandIn({ port: 0, mode: 'current', autoApprove: { allSpaces: true } }), TypeError);
    for (const item of ['autoapprove=all', 'autoapprove=all:write', 'autoapprove=nope:read', 'autoapprove=:read']) {
      assert.equal((await call(s, 'GET', `/s/${item}/v1/spaces`)).status, 400, item);
    }
  });

  test('/v2/auth/challenges and /v2/auth/api_keys are the same handlers and budgets', async () => {
    const { scope, prefix } = fresh();
    const res = await post(s, `${prefix}/v2/auth/challenges`, { app_name: 'v2 app' }, fromPort(1));
    assert.equal(res.status, 201);
    failedCreate(await create(prefix, fromPort(1)));
    assertEnvelope(await post(s, `${prefix}/v2/auth/challenges`, '{}'), 400, 'bad_request', 'missing app name');
    assertEnvelope(await post(s, `${prefix}/v2/auth/api_keys`, { challenge_id: 'x' }), 400, 'bad_request', 'bad input: challenge_id or code is empty');
    const code = s.approve(res.json.challenge_id, { allSpaces: true }, 'readwrite', scope);
    const key = await post(s, `${prefix}/v2/auth/api_keys`, { challenge_id: res.json.challenge_id, code });
    assert.equal(key.status, 201);
    assert.match(key.json.api_key, NEW_KEY_PATTERN);
    assertEnvelope(await post(s, '/s/status=500/v2/auth/api_keys', {}), 500, 'internal_server_error', 'failed to authenticate user');
  });

  test('the gate runs first: extensions need allowedOrigins; Host and Sec-Fetch-Site rules apply', async () => {
    const { prefix } = fresh();
    const forbidden = (res) => assertEnvelope(res, 403, 'forbidden', 'request origin is not allowed');
    forbidden(await create(prefix, { origin: 'chrome-extension://extension-two' }));
    forbidden(await create(prefix, { origin: 'moz-extension://0b1c2d3e' }));
    forbidden(await create(prefix, { host: 'rebound.example' }));
    forbidden(await create(prefix, { 'sec-fetch-site': 'same-origin' }));
    forbidden(await call(s, 'OPTIONS', `${prefix}/v2/auth/whoami`, { headers: { origin: 'null' } }));
    assert.equal((await create(prefix, { origin: 'chrome-extension://extension-one' })).status, 201);
    assert.equal((await create(prefix, { host: 'localhost.:31009' })).status, 201);
  });

  test('the documents: /docs and /v2/docs list the /v2 routes, /v1/docs the /v1 ones', async () => {
    const paths = async (path) => {
      const res = await call(s, 'GET', path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers['content-type'], 'application/json');
      return Object.keys(res.json.paths).sort();
    };
    const v2 = ['/v2/auth/api_keys', '/v2/auth/challenges', '/v2/auth/whoami'];
    assert.deepEqual(await paths('/docs/openapi.json'), v2);
    assert.deepEqual(await paths('/v2/docs/openapi.json'), v2);
    assert.deepEqual(await paths('/v1/docs/openapi.json'), ['/v1/auth/api_keys', '/v1/auth/challenges', '/v1/spaces']);
    assert.equal((await call(s, 'GET', '/v1/docs/openapi.yaml')).headers['content-type'], 'application/x-yaml');
  });

  test('every answer carries Anytype-Version: 2025-11-08', async () => {
    const { prefix } = fresh();
    const answers = [
      await create(prefix, fromPort(1)),
      await create(prefix, fromPort(1)),
      await create(prefix, { origin: 'null' }),
      await call(s, 'GET', `${prefix}/v2/auth/whoami`),
      await call(s, 'GET', `${prefix}/v1/spaces`),
      await call(s, 'GET', `${prefix}/v2/nowhere`),
      await call(s, 'GET', `${prefix}/docs/openapi.json`),
    ];
    for (const res of answers) assert.equal(res.headers['anytype-version'], API_VERSION, `${res.status} ${res.text}`);
  });
});

describe('current mode: control endpoints for approval', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'current' });
  });
  after(() => s.close());
  const control = (method, path) => call(s, method, `/_standin/${path}`);

  test('pending lists waiting requests; approve takes spaces and permission; deny drops', async () => {
    const scope = 'id=ctl-approve';
    const first = await newChallenge(s, `/s/${scope}`, 'Popup');
    const second = (await post(s, `/s/${scope}/v1/auth/challenges`, { app_name: 'Other' }, fromPort(7))).json.challenge_id;
    const listed = (await control('GET', `pending?scope=${encodeURIComponent(scope)}`)).json.pending;
    assert.deepEqual(listed.map((entry) => Object.keys(entry)), [0, 1].map(() => ['challenge_id', 'app_name', 'caller', 'origin', 'created_at', 'expires_at']));
    assert.deepEqual(listed.map((entry) => [entry.challenge_id, entry.app_name, entry.caller, entry.origin]), [
      [first, 'Popup', '', null],
      [second, 'Other', 'origin:http://localhost:7', 'http://localhost:7'],
    ]);
    assert.equal(listed[0].expires_at - listed[0].created_at, 180_000);
    assert.equal((await control('GET', `code?challenge_id=${first}&scope=${scope}`)).status, 409);
    const spaces = `${shortSpaceId(SPACES[0].id)},${SPACES[2].id}`;
    const approved = await control('POST', `approve?challenge_id=${first}&spaces=${encodeURIComponent(spaces)}&permission=read&scope=${encodeURIComponent(scope)}`);
    assert.equal(approved.status, 200);
    assert.deepEqual(approved.json, { code: s.codeFor(first, scope) });
    assert.deepEqual((await control('GET', `code?challenge_id=${first}&scope=${scope}`)).json, { code: approved.json.code, app_name: 'Popup' });
    const key = await solve(s, `/s/${scope}`, first, approved.json.code);
    assert.deepEqual(key.json.grant, { all_spaces: false, space_ids: [SPACES[0].id, SPACES[2].id], permission: 'read' });
    assert.deepEqual((await control('POST', `deny?challenge_id=${second}&scope=${scope}`)).json, { ok: true });
    assert.equal((await control('POST', `deny?challenge_id=${second}&scope=${scope}`)).status, 404);
    failedCreate(await post(s, `/s/${scope}/v1/auth/challenges`, { app_name: 'Other' }, fromPort(7)));
    assert.deepEqual((await control('GET', `pending?scope=${scope}`)).json, { pending: [] });
  });

  test('approve refuses a bad grant with 400 and an unknown request with 404', async () => {
    const id = await newChallenge(s, '/s/id=ctl-bad');
    for (const query of ['spaces=all', 'spaces=all&permission=write', 'spaces=nope&permission=read', 'permission=read']) {
      const res = await control('POST', `approve?challenge_id=${id}&${query}&scope=id%3Dctl-bad`);
      assert.equal(res.status, 400, query);
      assert.ok(res.json.error);
    }
    assert.equal((await control('POST', 'approve?challenge_id=ffffffffffffffffffffffff&spaces=all&permission=read')).status, 404);
    assert.equal((await control('POST', `approve?challenge_id=${id}&spaces=all&permission=readwrite&scope=id%3Dctl-bad`)).status, 200);
  });

  test('spaces lists what the picker offers, with full and short ids', async () => {
    const res = await control('GET', 'spaces');
    assert.deepEqual(res.json.spaces, SPACES.map((space) => ({ id: space.id, short_id: shortSpaceId(space.id), name: space.name })));
    assert.equal(SPACES.length, 3);
    assert.equal(shortSpaceId('bafyreihwvsaekzzyb54o7um4hdpvpn5b2invn75lmijhhtghblvphxwz2i.28y6mgnwgodt7'), 'hxwz2i');
  });

  test('in v0.47 nothing waits; in the gate mode approve and deny act on unrevealed challenges', async () => {
    const v047 = await newChallenge(s, '/s/mode=v0.47');
    assert.deepEqual(s.pending('mode=v0.47'), []);
    assert.equal(s.approve(v047, { allSpaces: true }, 'read', 'mode=v0.47'), null);
    assert.equal(s.deny(v047, 'mode=v0.47'), false);
    const gate = await newChallenge(s, '/s/mode=gate');
    assert.equal(s.pending('mode=gate')[0].challengeId, gate);
    const code = s.approve(gate, { allSpaces: true }, 'read', 'mode=gate');
    const res = await solve(s, '/s/mode=gate', gate, code);
    assert.deepEqual(Object.keys(res.json), ['api_key'], 'no grants before the current mode');
    const denied = await newChallenge(s, '/s/mode=gate');
    assert.equal(s.deny(denied, 'mode=gate'), true);
    assert.equal(s.codeFor(denied, 'mode=gate'), null);
  });
});

describe('current mode: keys, grants and whoami', () => {
  const clock = { t: Date.UTC(2026, 9, 1, 12, 0, 0) };
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'current', now: () => clock.t });
  });
  after(() => s.close());

  const NOTICE = 'This API key is a legacy unscoped key with access to every space. It will keep working. Re-issue it as a scoped key in Settings > API Keys.';
  const LINK = '<https://developers.anytype.io/docs/guides/get-started/authentication>; rel="deprecation"; type="text/html"';
  const INVALID_TOKEN = 'Bearer realm="anytype", error="invalid_token"';
  const spaces = (key, query = '') => call(s, 'GET', `/v1/spaces${query}`, { headers: bearer(key) });
  const whoami = (key, path = '/v2/auth/whoami') => call(s, 'GET', path, { headers: key === undefined ? {} : bearer(key) });
  /** Pairs through the approval with a grant: the key. */
  async function paired(grantSpaces, permission, appName = 'My App') {
    const id = await newChallenge(s, '', appName);
    const res = await solve(s, '', id, s.approve(id, grantSpaces, permission));
    assert.equal(res.status, 201, res.text);
    return res.json.api_key;
  }

  test('401s carry WWW-Authenticate: realm alone without credentials, invalid_token otherwise', async () => {
    const valid = s.addApiKey({ format: 'anytype' });
    const swap = (char, choices) => (char === choices[0] ? choices[1] : choices[0]);
    const badSum = valid.slice(0, -1) + swap(valid.at(-1), '01');
    const badBody = `anytype_${swap(valid[8], 'ab')}${valid.slice(9)}`;
    const cases = [
      [{}, 'missing authorization header', 'Bearer realm="anytype"'],
      [{ authorization: 'bearer x' }, 'invalid authorization header format', INVALID_TOKEN],
      [{ authorization: 'Bearer' }, 'invalid authorization header format', INVALID_TOKEN],
      [{ authorization: 'Bearer nope' }, 'invalid api key', INVALID_TOKEN],
      [bearer(badSum), 'invalid api key', INVALID_TOKEN],
      [bearer(badBody), 'invalid api key', INVALID_TOKEN],
    ];
    for (const path of ['/v1/spaces', '/v2/auth/whoami']) {
      for (const [headers, message, challenge] of cases) {
        const res = await call(s, 'GET', path, { headers });
        assertEnvelope(res, 401, 'unauthorized', message);
        assert.equal(res.headers['www-authenticate'], challenge, `${path} ${message}`);
        assert.equal(res.headers['anytype-key-status'], undefined, 'no credential, no key status');
      }
    }
    assert.equal((await spaces(valid)).status, 200);
    const old = await startStandIn({ port: 0, mode: 'v0.47' });
    try {
      const res = await call(old, 'GET', '/v1/spaces');
      assert.equal(res.status, 401);
      assert.equal(res.headers['www-authenticate'], undefined, 'v0.47 sends none');
    } finally {
      await old.close();
    }
  });

  test('a key past expiresAt gets 401 api key expired, on /v1 and /v2', async () => {
    const key = s.addApiKey({ expiresAt: new Date(clock.t + 60_000) });
    const numeric = s.addApiKey({ expiresAt: clock.t + 60_000, format: 'anytype' });
    assert.equal((await spaces(key)).status, 200);
    clock.t += 59_999;
    assert.equal((await whoami(numeric)).status, 200);
    clock.t += 1;
    for (const res of [await spaces(key), await whoami(key), await spaces(numeric)]) {
      assertEnvelope(res, 401, 'unauthorized', 'api key expired');
      assert.equal(res.headers['www-authenticate'], INVALID_TOKEN);
    }
  });

  test('a legacy key on /v1: Anytype-Key-Status legacy, the notice and the deprecation Link', async () => {
    for (const key of [s.addApiKey(), s.addApiKey({ format: 'anytype' })]) {
      const res = await spaces(key, '?limit=1');
      assert.equal(res.status, 200);
      assert.equal(res.headers['anytype-key-status'], 'legacy', 'the grant decides, not the format');
      assert.equal(res.headers['anytype-notice'], NOTICE);
      assert.equal(res.headers.link, LINK);
      assert.equal(res.headers.deprecation, undefined);
      assert.equal(res.headers.sunset, undefined);
      assert.equal(res.json.data.length, 1);
    }
    assert.match(s.addApiKey(), KEY_PATTERN, 'addApiKey still makes 44-char keys by default');
    for (const keyScope of ['full', 'limited']) {
      const res = await spaces(s.addApiKey({ keyScope }));
      assert.equal(res.status, 200, keyScope);
      assert.equal(res.headers['anytype-key-status'], 'legacy');
      assert.equal(res.headers['anytype-notice'], undefined, 'the notice is for JsonAPI keys only');
      assert.equal(res.headers.link, undefined);
    }
  });

  test('/v1 serves an all spaces + read & write key, scoped, with no notice', async () => {
    const key = await paired({ allSpaces: true }, 'readwrite');
    const res = await spaces(key);
    assert.equal(res.status, 200);
    assert.equal(res.json.data.length, SPACES.length);
    assert.equal(res.headers['anytype-key-status'], 'scoped');
    assert.equal(res.headers['anytype-notice'], undefined);
    assert.equal(res.headers.link, undefined);
  });

  test('/v1 refuses any narrower grant: 403 v1_not_available_for_scoped_keys in envelope C6', async () => {
    const listed = await paired({ spaceIds: [SPACES[0].id, shortSpaceId(SPACES[1].id)] }, 'readwrite', 'Reader "2"');
    const readOnly = await paired({ allSpaces: true }, 'read');
    const cases = [
      [listed, `key "Reader \\"2\\"" carries a space grant (spaces [${SPACES[0].id}, ${SPACES[1].id}] with readwrite access), which /v1 cannot honor — call the same route on /v2, or issue an unscoped key for /v1`],
      [readOnly, 'key "My App" carries a space grant (all spaces with read access), which /v1 cannot honor — call the same route on /v2, or issue an unscoped key for /v1'],
    ];
    for (const [key, message] of cases) {
      const res = await spaces(key);
      assert.equal(res.status, 403);
      assert.equal(res.headers['content-type'], JSON_TYPE);
      assert.equal(res.text, JSON.stringify({ status: 403, code: 'v1_not_available_for_scoped_keys', message, issues: [] }));
      assert.equal(res.headers['www-authenticate'], 'Bearer error="insufficient_scope"');
      assert.equal(res.headers['anytype-key-status'], 'scoped');
    }
    assert.equal((await spaces(readOnly, '?limit=0')).status, 400, 'pagination is still checked first');
    assert.equal((await whoami(readOnly)).status, 200, '/v2 serves it');
    const restyled = await call(s, 'GET', '/s/message=custom/v1/spaces', { headers: bearer(s.addApiKey({ scope: 'message=custom', grant: { allSpaces: true, permission: 'read' } })) });
    assert.deepEqual(restyled.json, { status: 403, code: 'v1_not_available_for_scoped_keys', message: 'custom', issues: [] });
  });

  test('whoami (snake_case): a scoped key, its short space ids, and ?ids=full', async () => {
    const key = await paired({ spaceIds: [SPACES[2].id] }, 'read', 'Clipper');
    const res = await whoami(key);
    assert.equal(res.status, 200);
    assert.equal(res.headers['anytype-key-status'], 'scoped');
    const expected = {
      key: { id: createHash('sha256').update(key).digest('hex'), name: 'Clipper', created_at: new Date(clock.t).toISOString().replace('.000Z', 'Z'), expires_at: null },
      scope: 'jsonApi',
      grant: { scoped: true, permission: 'read', all_spaces: false, spaces: [{ id: shortSpaceId(SPACES[2].id), name: 'Reading list', permission: 'read' }] },
      api: { version: API_VERSION },
      key_status: 'scoped',
    };
    assert.equal(res.text, JSON.stringify(expected));
    assert.equal(shortSpaceId(SPACES[2].id).length, 6);
    const full = await whoami(key, '/v2/auth/whoami?ids=full');
    assert.deepEqual(full.json.grant.spaces, [{ id: SPACES[2].id, name: 'Reading list', permission: 'read' }]);
    const all = (await whoami(await paired({ allSpaces: true }, 'readwrite'))).json.grant;
    assert.deepEqual(all, { scoped: true, permission: 'readwrite', all_spaces: true, spaces: SPACES.map((space) => ({ id: shortSpaceId(space.id), name: space.name, permission: 'readwrite' })) });
    const bad = await whoami(key, '/v2/auth/whoami?ids=export');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.code, 'validation_failed');
    assert.match(bad.json.message, /compact, full/);
    assert.ok(Array.isArray(bad.json.issues));
  });

  test('whoami for legacy, Full and expiring keys; Limited keys get 403', async () => {
    const legacy = s.addApiKey({ name: 'old-script' });
    const res = await whoami(legacy);
    assert.equal(res.headers['anytype-key-status'], 'legacy');
    assert.equal(res.headers['anytype-notice'], NOTICE);
    assert.equal(res.headers.link, LINK);
    const expected = {
      key: { id: createHash('sha256').update(legacy).digest('hex'), name: 'old-script', created_at: new Date(clock.t).toISOString().replace('.000Z', 'Z'), expires_at: null },
      scope: 'jsonApi',
      grant: { scoped: false, permission: null, spaces: [] },
      api: { version: API_VERSION },
      key_status: 'legacy',
      notice: NOTICE,
    };
    assert.equal(res.text, JSON.stringify(expected).replace('>', '\\u003e'), 'Go escapes > in JSON strings');
    const full = await whoami(s.addApiKey({ keyScope: 'full', expiresAt: Date.UTC(2030, 2, 17, 17, 46, 40, 999) }));
    assert.equal(full.json.scope, 'full');
    assert.equal(full.json.key.expires_at, '2030-03-17T17:46:40Z', 'whole seconds, as heart stores them');
    assert.equal(full.json.notice, undefined);
    assert.equal(full.headers['anytype-notice'], undefined);
    const limited = await whoami(s.addApiKey({ keyScope: 'limited', name: 'clipper' }));
    assertEnvelope(limited, 403, 'forbidden', 'api key scope does not allow json api access: key "clipper" has Limited scope, create a new api key with JsonAPI scope');
  });

  test('whoamiCase camel (option) or whoami=camel (item): the older camelCase body', async () => {
    const camel = await startStandIn({ port: 0, mode: 'current', whoamiCase: 'camel', now: () => clock.t });
    try {
      const key = camel.addApiKey({ grant: { spaceIds: [SPACES[0].id], permission: 'readwrite' }, name: 'Claude Desktop' });
      const res = await call(camel, 'GET', '/v2/auth/whoami', { headers: bearer(key) });
      assert.equal(res.text, JSON.stringify({
        key: { id: createHash('sha256').update(key).digest('hex'), name: 'Claude Desktop', createdAt: new Date(clock.t).toISOString().replace('.000Z', 'Z'), expiresAt: null },
        scope: 'jsonApi',
        grant: { scoped: true, permission: 'readwrite', allSpaces: false, spaces: [{ id: shortSpaceId(SPACES[0].id), name: 'My Space', permission: 'readwrite' }] },
        api: { version: API_VERSION },
        keyStatus: 'scoped',
      }));
      const legacy = await call(camel, 'GET', '/s/whoami=snake/v2/auth/whoami', { headers: bearer(camel.addApiKey('whoami=snake')) });
      assert.equal(legacy.json.key_status, 'legacy');
    } finally {
      await camel.close();
    }
    const scoped = await call(s, 'GET', '/s/whoami=camel/v2/auth/whoami', { headers: bearer(s.addApiKey('whoami=camel')) });
    assert.deepEqual(Object.keys(scoped.json), ['key', 'scope', 'grant', 'api', 'keyStatus', 'notice']);
    assert.deepEqual(Object.keys(scoped.json.key), ['id', 'name', 'createdAt', 'expiresAt']);
    await assert.rejects(startStandIn({ port: 0, mode: 'current', whoamiCase: 'kebab' }), TypeError);
    assert.equal((await call(s, 'GET', '/s/whoami=kebab/v2/auth/whoami')).status, 400);
  });

  test('whoami does not exist before the current mode: 404 text', async () => {
    for (const mode of ['v0.47', 'gate']) assertNotFoundPage(await call(s, 'GET', `/s/mode=${mode}/v2/auth/whoami`, { headers: bearer('x') }));
  });

  test('addApiKey checks its options; grants and dates need the current mode', async () => {
    const bad = [
      { format: 'hex' },
      { keyScope: 'admin' },
      { grant: { allSpaces: true } },
      { grant: { spaceIds: ['nope'], permission: 'read' } },
      { grant: { allSpaces: true, permission: 'read' }, keyScope: 'limited' },
      { expiresAt: 'tomorrow' },
      { name: 42 },
    ];
    for (const options of bad) assert.throws(() => s.addApiKey(options), TypeError, JSON.stringify(options));
    for (const options of [{ grant: { allSpaces: true, permission: 'read' } }, { expiresAt: 1 }, { keyScope: 'full' }, { format: 'anytype' }]) {
      assert.throws(() => s.addApiKey({ ...options, scope: 'mode=v0.47' }), TypeError);
      assert.throws(() => s.addApiKey({ ...options, scope: 'mode=gate' }), TypeError);
    }
    const v047 = s.addApiKey({ scope: 'mode=v0.47', name: 'fine' });
    assert.match(v047, KEY_PATTERN);
    assert.equal((await call(s, 'GET', '/s/mode=v0.47/v1/spaces', { headers: bearer(v047) })).status, 200);
  });

  test('POST /_standin/keys takes spaces, permission, format, key_scope, expires_at and name', async () => {
    const res = await call(s, 'POST', `/_standin/keys?spaces=${shortSpaceId(SPACES[1].id)}&permission=read&format=anytype&name=Browser%20test&expires_at=${clock.t + 1000}`);
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.api_key, NEW_KEY_PATTERN);
    const me = (await whoami(res.json.api_key, '/v2/auth/whoami?ids=full')).json;
    assert.equal(me.key.name, 'Browser test');
    assert.deepEqual(me.grant.spaces.map((space) => space.id), [SPACES[1].id]);
    assert.equal(me.key.expires_at, new Date(clock.t + 1000).toISOString().replace('.000Z', 'Z'));
    assert.equal((await whoami((await call(s, 'POST', '/_standin/keys?key_scope=limited')).json.api_key)).status, 403);
    for (const query of ['spaces=all', 'format=hex', 'key_scope=admin', 'expires_at=soon', 'spaces=all&permission=read&key_scope=full']) {
      const bad = await call(s, 'POST', `/_standin/keys?${query}`);
      assert.equal(bad.status, 400, query);
      assert.ok(bad.json.error);
    }
    assert.equal((await call(s, 'POST', '/_standin/keys?format=anytype&scope=mode%3Dv0.47')).status, 400);
  });
});

describe('scoped instances (/s/<spec>/...)', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'v0.47' });
  });
  after(() => s.close());

  test('state is keyed by the exact spec string', async () => {
    const keyA = await pair(s, 'id=a');
    const spaces = (prefix, key) => call(s, 'GET', `${prefix}/v1/spaces`, { headers: bearer(key) });
    assert.equal((await spaces('/s/id=a', keyA)).status, 200);
    assert.equal((await spaces('/s/id=b', keyA)).status, 401);
    assert.equal((await spaces('', keyA)).status, 401);
    assert.equal((await spaces('/s/id=a,mode=v0.47', keyA)).status, 401);
    const rootKey = s.addApiKey();
    assert.equal((await spaces('/s/id=a', rootKey)).status, 401);
    const id = await newChallenge(s, '/s/id=a');
    assert.equal(s.codeFor(id, 'id=b'), null);
    assert.equal(s.codeFor(id), null);
    assert.match(s.codeFor(id, 'id=a'), /^\d{4}$/);
  });

  test('unknown or malformed items are a loud 400 naming the item', async () => {
    for (const [spec, item] of [['bogus=1', 'bogus=1'], ['id=x,status=abc', 'status=abc'], ['mode=1999', 'mode=1999'], ['delay=-1', 'delay=-1'], ['status=700', 'status=700'], ['plain=yes', 'plain=yes'], ['body=xml', 'body=xml'], ['', '/s//']]) {
      const res = await call(s, 'GET', `/s/${spec}/v1/spaces`);
      assert.equal(res.status, 400, spec);
      assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
      assert.ok(res.text.includes(item), `${res.text} names ${item}`);
    }
  });

  test('status=N forces that status and envelope on every /v1 request', async () => {
    const cases = [
      ['status=400', 'GET', '/v1/spaces', 400, 'bad_request', 'bad request'],
      ['status=401', 'GET', '/v1/spaces', 401, 'unauthorized', 'invalid api key'],
      ['status=401', 'GET', '/v1/anything', 401, 'unauthorized', 'invalid api key'],
      ['status=403', 'POST', '/v1/auth/challenges', 403, 'forbidden', 'request origin is not allowed'],
      ['status=500', 'POST', '/v1/auth/challenges', 500, 'internal_server_error', 'failed to create a new challenge'],
      ['status=500', 'POST', '/v1/auth/api_keys', 500, 'internal_server_error', 'failed to authenticate user'],
      ['status=500', 'GET', '/v1/spaces', 500, 'internal_server_error', 'internal error'],
      ['status=502', 'GET', '/v1/spaces', 502, 'internal_server_error', 'internal error'],
      ['status=418', 'POST', '/v1/auth/challenges', 418, 'internal_server_error', 'internal error'],
    ];
    for (const [spec, method, path, status, code, message] of cases) {
      const res = await call(s, method, `/s/${spec}${path}`, { body: '{"app_name":"x"}' });
      assert.equal(res.status, status, `${spec} ${path}`);
      const bodyStatus = code === 'internal_server_error' ? 500 : status;
      assert.deepEqual(res.json, envelope(bodyStatus, code, message));
    }
  });

  test('410 and 502 keep their HTTP status but say 500 in the body (CodeToApiError quirk)', async () => {
    for (const status of [410, 502]) {
      const res = await call(s, 'GET', `/s/status=${status}/v1/spaces`);
      assert.equal(res.status, status);
      assert.deepEqual(res.json, envelope(500, 'internal_server_error', 'internal error'));
    }
  });

  test('status=429 adds the tollbooth headers and message', async () => {
    const res = await post(s, '/s/status=429/v1/auth/challenges', { app_name: 'x' });
    assertEnvelope(res, 429, 'rate_limit_exceeded', 'You have reached maximum request limit.');
    assert.equal(res.headers['x-rate-limit-limit'], '1.00');
    assert.equal(res.headers['x-rate-limit-duration'], '1');
    assert.equal(res.headers['ratelimit-limit'], '1');
    assert.equal(res.headers['ratelimit-reset'], '1');
    assert.equal(res.headers['ratelimit-remaining'], '0');
    assert.equal(res.headers['retry-after'], undefined);
  });

  test('status=404 answers the gin 404 page', async () => {
    assertNotFoundPage(await post(s, '/s/status=404/v1/auth/challenges', { app_name: 'x' }));
  });

  test('status=2xx keeps the success body (none for 204); errors pass through', async () => {
    const ok = await post(s, '/s/status=200/v1/auth/challenges', { app_name: 'x' });
    assert.equal(ok.status, 200);
    assert.match(ok.json.challenge_id, /^[0-9a-f]{24}$/);
    assert.match(s.codeFor(ok.json.challenge_id, 'status=200'), /^\d{4}$/);
    const none = await post(s, '/s/status=204/v1/auth/challenges', { app_name: 'x' });
    assert.equal(none.status, 204);
    assert.equal(none.text, '');
    const key = s.addApiKey('status=299');
    const spaces = await call(s, 'GET', '/s/status=299/v1/spaces', { headers: bearer(key) });
    assert.equal(spaces.status, 299);
    assert.ok(Array.isArray(spaces.json.data));
    assert.equal((await post(s, '/s/status=200/v1/auth/challenges', '{}')).status, 400);
  });

  test('message= overrides envelope messages (percent-decoded); plain sends text', async () => {
    assertEnvelope(await call(s, 'GET', '/s/status=401,message=key%20revoked%2C%20sorry/v1/spaces'), 401, 'unauthorized', 'key revoked, sorry');
    assertEnvelope(await post(s, '/s/message=custom/v1/auth/challenges', '{}'), 400, 'bad_request', 'custom');
    const plain = await call(s, 'GET', '/s/status=503,plain/v1/spaces');
    assert.equal(plain.status, 503);
    assert.equal(plain.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(plain.text, '503 error');
  });

  test('body=<kind> replaces the success body of each route', async () => {
    const routes = [
      ['POST', '/v1/auth/challenges', 201, 'challenge_id'],
      ['POST', '/v1/auth/api_keys', 201, 'api_key'],
      ['GET', '/v1/spaces', 200, 'data'],
    ];
    const expected = { notjson: 'not json', empty: '', array: '[]', null: 'null', number: '42', nofield: '{"other":"x"}' };
    for (const [method, path, status, field] of routes) {
      for (const [kind, text] of Object.entries(expected)) {
        const res = await call(s, method, `/s/body=${kind}${path}`, { body: '{}' });
        assert.equal(res.status, status, `${kind} ${path}`);
        assert.equal(res.headers['content-type'], JSON_TYPE);
        assert.equal(res.text, text);
      }
      assert.deepEqual((await call(s, method, `/s/body=wrongtype${path}`)).json, { [field]: 42 });
      assert.deepEqual((await call(s, method, `/s/body=emptystring${path}`)).json, { [field]: '' });
      const html = await call(s, method, `/s/body=html${path}`);
      assert.equal(html.status, status);
      assert.equal(html.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(html.text, '<!doctype html><title>x</title>');
    }
  });

  test('body=huge and body=extra wrap a real, usable success body', async () => {
    const huge = await post(s, '/s/body=huge/v1/auth/challenges', { app_name: 'x' });
    assert.equal(huge.status, 201);
    assert.ok(huge.text.length >= 70 * 1024);
    assert.match(huge.json.challenge_id, /^[0-9a-f]{24}$/);
    const id = (await post(s, '/s/body=extra/v1/auth/challenges', { app_name: 'x' })).json.challenge_id;
    const extra = await solve(s, '/s/body=extra', id, s.codeFor(id, 'body=extra'));
    assert.equal(extra.status, 201);
    assert.match(extra.json.api_key, KEY_PATTERN);
    assert.ok(Object.keys(extra.json).length > 1);
    const spaces = await call(s, 'GET', '/s/body=extra/v1/spaces', { headers: bearer(extra.json.api_key) });
    assert.equal(spaces.status, 200);
    assert.ok(Array.isArray(spaces.json.data));
  });

  test('delay=ms holds the response headers back', async () => {
    const res = await call(s, 'GET', '/s/delay=120/v1/spaces');
    assert.equal(res.status, 401);
    assert.ok(res.arrivals[0].at >= 110, `first bytes after ${res.arrivals[0].at} ms`);
  });

  test('stall=ms sends half the body, waits, then the rest', async () => {
    const res = await post(s, '/s/stall=150/v1/auth/challenges', { app_name: 'x' });
    assert.equal(res.status, 201);
    assert.match(res.json.challenge_id, /^[0-9a-f]{24}$/);
    const [first] = res.arrivals;
    assert.ok(first.bytes < Buffer.byteLength(res.text), 'the first chunk is partial');
    assert.ok(first.at < 100, `first half after ${first.at} ms`);
    assert.ok(res.ended - first.at >= 130, `the rest ${res.ended - first.at} ms later`);
  });

  test('redirect=port answers 307 to the same path on that port', async () => {
    const res = await call(s, 'GET', '/s/redirect=31012/v1/spaces?limit=1');
    assert.equal(res.status, 307);
    assert.equal(res.headers.location, 'http://127.0.0.1:31012/v1/spaces?limit=1');
  });

  test('version= and noversion change the Anytype-Version header', async () => {
    assert.equal((await call(s, 'GET', '/s/version=2025-05-20/v1/spaces')).headers['anytype-version'], '2025-05-20');
    const none = await call(s, 'GET', '/s/noversion/v1/nope');
    assertNotFoundPage(none);
    assert.equal(none.headers['anytype-version'], undefined);
  });

  test('v2envelope gives every error envelope the /v2 shape, with no object', async () => {
    const res = await call(s, 'POST', '/s/status=500,v2envelope/v1/auth/api_keys', { body: '{}' });
    assert.equal(res.status, 500);
    assert.deepEqual(res.json, { status: 500, code: 'internal_server_error', message: 'failed to authenticate user', issues: [] });
  });

  test('scenarios leave paths outside /v1 and /docs alone', async () => {
    assertNotFoundPage(await call(s, 'GET', '/s/status=500/elsewhere'));
    assertNotFoundPage(await call(s, 'GET', '/s/status=500/v2/auth/whoami'));
  });

  test('a trailing-slash redirect stays inside the scope', async () => {
    const res = await call(s, 'GET', '/s/id=slash/v1/spaces/');
    assert.equal(res.status, 301);
    assert.equal(res.headers.location, '/s/id=slash/v1/spaces');
  });
});

/** A request whose answer may be cut: resolves with what arrived and how it ended. */
function rawExchange(server, method, path, { body, maxBytes = Infinity } = {}) {
  return new Promise((resolve) => {
    const result = { status: null, headers: null, bytes: 0, chunks: [], error: null, complete: false };
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path, agent: false }, (res) => {
      result.status = res.statusCode;
      result.headers = res.headers;
      res.on('data', (chunk) => {
        result.bytes += chunk.length;
        if (result.chunks.length < 64) result.chunks.push(chunk);
        if (result.bytes >= maxBytes) {
          req.destroy();
          resolve(result);
        }
      });
      res.on('end', () => {
        result.complete = true;
        resolve(result);
      });
      res.on('error', (error) => resolve({ ...result, error }));
      res.on('aborted', () => resolve({ ...result, error: new Error('aborted') }));
    });
    req.on('error', (error) => resolve({ ...result, error }));
    req.end(body);
  });
}

describe('adversarial scenario items', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'v0.47' });
  });
  after(() => s.close());
  const challengeBody = JSON.stringify({ app_name: 'x' });

  test('reset=before resets the connection before any header', async () => {
    const res = await rawExchange(s, 'POST', '/s/reset=before/v1/auth/challenges', { body: challengeBody });
    assert.equal(res.status, null);
    assert.match(res.error?.code ?? res.error?.message, /ECONNRESET|socket hang up/);
    assert.equal(s.requests('reset=before').length, 1, 'the request was received and logged');
  });

  test('reset=after sends the headers and half the body, then resets', async () => {
    const res = await rawExchange(s, 'POST', '/s/reset=after/v1/auth/challenges', { body: challengeBody });
    assert.equal(res.status, 201);
    assert.equal(res.complete, false);
    assert.ok(res.error, 'the body ended in an error');
    assert.ok(res.bytes > 0 && res.bytes < Number(res.headers['content-length']), `${res.bytes} bytes arrived`);
  });

  test('body=megabytes wraps a real challenge in 4 MiB', async () => {
    const res = await post(s, '/s/body=megabytes/v1/auth/challenges', { app_name: 'x' });
    assert.equal(res.status, 201);
    assert.ok(res.text.length >= 4 * 1024 * 1024);
    assert.match(s.codeFor(res.json.challenge_id, 'body=megabytes'), /^\d{4}$/);
  });

  test('body=endless streams a chunked body that never ends', async () => {
    const res = await rawExchange(s, 'POST', '/s/body=endless/v1/auth/challenges', { body: challengeBody, maxBytes: 8 * 1024 * 1024 });
    assert.equal(res.status, 201);
    assert.equal(res.headers['transfer-encoding'], 'chunked');
    assert.equal(res.headers['content-length'], undefined);
    assert.equal(res.complete, false);
    assert.ok(res.bytes >= 8 * 1024 * 1024);
    assert.ok(Buffer.concat(res.chunks).toString('latin1').startsWith('{"challenge_id":"xxxx'));
  });

  test('body=badutf8 sends a JSON-shaped body that is not UTF-8', async () => {
    const res = await rawExchange(s, 'POST', '/s/body=badutf8/v1/auth/api_keys', { body: '{}' });
    assert.equal(res.status, 201);
    const bytes = Buffer.concat(res.chunks);
    assert.ok(bytes.toString('latin1').startsWith('{"api_key":"'));
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), TypeError);
  });

  test('body=duplicate repeats each field with a bogus value first; the last is the real one', async () => {
    const res = await post(s, '/s/body=duplicate/v1/auth/challenges', { app_name: 'x' });
    assert.equal(res.status, 201);
    assert.match(res.text, /^\{"challenge_id":"bogus","challenge_id":"[0-9a-f]{24}"\}$/);
    assert.match(s.codeFor(res.json.challenge_id, 'body=duplicate'), /^\d{4}$/);
  });

  test('deep=N nests a member N arrays deep before the real fields', async () => {
    const shallow = await post(s, '/s/deep=3/v1/auth/challenges', { app_name: 'x' });
    assert.match(shallow.text, /^\{"nested":\[\[\[\]\]\],"challenge_id":"[0-9a-f]{24}"\}$/);
    const deep = await post(s, '/s/deep=100000/v1/auth/challenges', { app_name: 'x' });
    assert.equal(deep.status, 201);
    assert.ok(deep.text.startsWith(`{"nested":${'['.repeat(100000)}]`));
    assert.match(deep.text, /\],"challenge_id":"[0-9a-f]{24}"\}$/);
    assertEnvelope(await post(s, '/s/deep=3/v1/auth/challenges', {}), 400, 'bad_request', 'missing app name');
  });

  test('type= overrides the Content-Type of /v1 answers, successes and errors alike', async () => {
    const ok = await post(s, '/s/type=text%2Fhtml/v1/auth/challenges', { app_name: 'x' });
    assert.equal(ok.headers['content-type'], 'text/html');
    assert.match(ok.json.challenge_id, /^[0-9a-f]{24}$/);
    const error = await call(s, 'GET', '/s/type=image%2Fpng/v1/spaces');
    assert.equal(error.status, 401);
    assert.equal(error.headers['content-type'], 'image/png');
    assert.equal(error.json.code, 'unauthorized');
  });

  test('trickle=ms sends the body one byte at a time', async () => {
    const res = await post(s, '/s/trickle=5/v1/auth/challenges', { app_name: 'x' });
    assert.equal(res.status, 201);
    assert.equal(res.arrivals.length, Buffer.byteLength(res.text), 'one byte per chunk');
    assert.ok(res.ended - res.arrivals[0].at >= 5 * (res.arrivals.length - 1) * 0.8, `${res.ended} ms in all`);
    assert.match(res.json.challenge_id, /^[0-9a-f]{24}$/);
  });

  test('redirectstatus= and to= pick the redirect status and the target scope', async () => {
    const res = await call(s, 'GET', `/s/redirect=${s.port},redirectstatus=301,to=id%3Dtarget/v1/spaces?limit=1`);
    assert.equal(res.status, 301);
    assert.equal(res.headers.location, `http://127.0.0.1:${s.port}/s/id=target/v1/spaces?limit=1`);
    assert.deepEqual(s.requests('id=target'), [], 'nothing follows the redirect by itself');
  });

  test('echo repeats the request body and Authorization header in error messages', async () => {
    const res = await call(s, 'POST', '/s/echo/v1/auth/api_keys', { body: '{"challenge_id":"x","code":"0427"}', headers: bearer('K3Y') });
    assertEnvelope(res, 500, 'internal_server_error', 'failed to authenticate user; request body {"challenge_id":"x","code":"0427"}; authorization Bearer K3Y');
    const ok = await post(s, '/s/echo/v1/auth/challenges', { app_name: 'x' });
    assert.equal(ok.status, 201, 'successes are untouched');
  });

  test('bad values of the new items are refused by name', async () => {
    for (const item of ['reset=middle', 'redirectstatus=200', 'trickle=0', 'deep=0', 'body=forever']) {
      const res = await call(s, 'GET', `/s/${item}/v1/spaces`);
      assert.equal(res.status, 400, item);
      assert.ok(res.text.includes(`"${item}"`), res.text);
    }
  });
});

describe('control endpoints (/_standin/...)', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'v0.47' });
  });
  after(() => s.close());

  const control = (method, path) => call(s, method, `/_standin/${path}`);

  test('health answers JSON with the API version and no CORS headers', async () => {
    const res = await control('GET', 'health');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], JSON_TYPE);
    assert.deepEqual(res.json, { ok: true, mode: 'v0.47' });
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    assert.equal(res.headers['anytype-version'], API_VERSION);
  });

  test('OPTIONS answers 204 only to a preflight that announces the token header, allowing that origin', async () => {
    const origin = 'http://127.0.0.1:9';
    const res = await call(s, 'OPTIONS', '/_standin/keys', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'Standin-Token' } });
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], origin);
    assert.equal(res.headers['access-control-allow-methods'], 'GET, POST, OPTIONS');
    assert.match(res.headers['access-control-allow-headers'], /standin-token/);
    const bare = await call(s, 'OPTIONS', '/_standin/keys', { headers: { origin, 'access-control-request-method': 'POST' } });
    assert.equal(bare.status, 403);
    assert.equal(bare.headers['access-control-allow-origin'], undefined);
  });

  test('code gives the code and app name, or 404', async () => {
    const id = await newChallenge(s, '', 'Demo App');
    const res = await control('GET', `code?challenge_id=${id}`);
    assert.deepEqual(res.json, { code: s.codeFor(id), app_name: 'Demo App' });
    const scoped = await newChallenge(s, '/s/id=ctl%2Cx', 'Scoped');
    assert.equal((await control('GET', `code?challenge_id=${scoped}&scope=${encodeURIComponent('id=ctl%2Cx')}`)).json.app_name, 'Scoped');
    const missing = await control('GET', 'code?challenge_id=nope');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { error: 'no such challenge' });
  });

  test('challenges lists the challenges created after a sequence number', async () => {
    const scope = 'id=popup';
    const first = await newChallenge(s, `/s/${scope}`, 'one');
    const second = await newChallenge(s, `/s/${scope}`, 'two');
    const all = (await control('GET', `challenges?scope=${scope}`)).json.challenges;
    assert.deepEqual(all.map((c) => c.challenge_id), [first, second]);
    const [entry] = all;
    assert.equal(entry.app_name, 'one');
    assert.equal(entry.code, s.codeFor(first, scope));
    assert.ok(Math.abs(entry.created_at - Date.now()) < 60000);
    const later = (await control('GET', `challenges?scope=${scope}&since=${entry.seq}`)).json.challenges;
    assert.deepEqual(later.map((c) => c.app_name), ['two']);
  });

  test('requests returns the log of a scope with every Authorization value, code and key masked', async () => {
    const key = s.addApiKey('id=ctl-log');
    await call(s, 'GET', '/s/id=ctl-log/v1/spaces?limit=2', { headers: bearer(key) });
    await post(s, '/s/id=ctl-log/v1/auth/api_keys', '{"challenge_id":"c1","code":"0427"}');
    await post(s, '/s/id=ctl-log/v1/auth/api_keys', '{"code": 427, "api_key":"k\\"ey"');
    const res = await control('GET', 'requests?scope=id%3Dctl-log');
    const [probe, solveTry, broken] = res.json.requests;
    assert.equal(probe.headers.authorization, `Bearer ${'•'.repeat(key.length)}`);
    assert.equal(solveTry.body, '{"challenge_id":"c1","code":"••••"}');
    assert.equal(broken.body, '{"code": •••, "api_key":"•••••"');
    assert.ok(!JSON.stringify(res.json).includes(key) && !JSON.stringify(res.json).includes('427'), 'nothing in clear');
    const clear = s.requests('id=ctl-log');
    assert.equal(clear[0].headers.authorization, `Bearer ${key}`, 'the module API keeps the log as received');
    assert.deepEqual(res.json.requests.map((r) => [r.method, r.path]), clear.map((r) => [r.method, r.path]));
  });

  test('keys creates a valid key for a scope', async () => {
    const res = await control('POST', 'keys?scope=id%3Dctl-keys');
    assert.equal(res.status, 201);
    assert.match(res.json.api_key, KEY_PATTERN);
    assert.equal((await call(s, 'GET', '/s/id=ctl-keys/v1/spaces', { headers: bearer(res.json.api_key) })).status, 200);
    assert.equal((await call(s, 'GET', '/v1/spaces', { headers: bearer(res.json.api_key) })).status, 401);
  });

  test('reset forgets one scope, or everything', async () => {
    const scoped = s.addApiKey('id=r1');
    const other = s.addApiKey('id=r2');
    const probe = async (scope, key) => (await call(s, 'GET', `/s/${scope}/v1/spaces`, { headers: bearer(key) })).status;
    assert.equal((await control('POST', 'reset?scope=id%3Dr1')).status, 200);
    assert.equal(await probe('id=r1', scoped), 401);
    assert.equal(await probe('id=r2', other), 200);
    assert.deepEqual(s.requests('id=r1').length, 1, 'only the probe after the reset');
    await control('POST', 'reset');
    assert.equal(await probe('id=r2', other), 401);
  });

  test('unknown endpoints and bad scopes are JSON errors', async () => {
    const unknown = await control('GET', 'keys');
    assert.equal(unknown.status, 404);
    assert.ok(unknown.json.error);
    const bad = await control('GET', 'requests?scope=nonsense');
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /nonsense/);
  });
});

describe('module API', () => {
  test('exports the default constants', () => {
    assert.equal(API_VERSION, '2025-11-08');
    assert.equal(DEFAULT_PORT, 31009);
  });

  test('startStandIn refuses unknown modes and bad caps', async () => {
    await assert.rejects(startStandIn({ port: 0, mode: '2027' }), TypeError);
    await assert.rejects(startStandIn({ port: 0, challengeCap: -1 }), TypeError);
  });

  test('the log option receives one line per response', async () => {
    const lines = [];
    const s = await startStandIn({ port: 0, mode: 'v0.47', log: (line) => lines.push(line) });
    await call(s, 'GET', '/v1/spaces');
    await s.close();
    assert.deepEqual(lines, ['GET /v1/spaces -> 401']);
  });

  test('close() cuts stalled responses instead of waiting for them', async () => {
    const s = await startStandIn({ port: 0, mode: 'v0.47' });
    const req = http.get({ host: '127.0.0.1', port: s.port, path: '/s/stall=60000/v1/spaces', agent: false });
    const [res] = await once(req, 'response');
    assert.equal(res.statusCode, 401);
    const cut = once(res, 'aborted');
    const started = performance.now();
    await s.close();
    await cut;
    assert.ok(performance.now() - started < 1000);
  });
});

describe('who may use the control endpoints', () => {
  let s;
  before(async () => {
    s = await startStandIn({ port: 0, mode: 'current', controlOrigins: 'http://127.0.0.1:4444, chrome-extension://trusted' });
  });
  after(() => s.close());

  const pageOn = (origin) => ({ origin, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' });
  const refusedCallers = {
    'a page on another loopback port': pageOn('http://127.0.0.1:8790'),
    'a page with the null origin (sandboxed frame, file:)': pageOn('null'),
    'a remote site': pageOn('https://evil.example'),
    'a page that sends no Origin (no-cors, a navigation from a link)': { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
    'a DNS-rebinding page (its own origin, a non-loopback Host)': { ...pageOn('http://rebind.example:31009'), host: 'rebind.example:31009' },
    'a program asked under a non-loopback Host': { host: 'rebind.example' },
  };

  test('refuses (403, no CORS headers) every browser page and non-loopback Host: nothing read, nothing done', async () => {
    const id = (await post(s, '/v1/auth/challenges', { app_name: 'Victim' })).json.challenge_id;
    for (const [caller, headers] of Object.entries(refusedCallers)) {
      for (const [method, path] of [['GET', '/_standin/requests'], ['GET', '/_standin/pending'], ['GET', `/_standin/code?challenge_id=${id}`], ['POST', `/_standin/approve?challenge_id=${id}&spaces=all&permission=readwrite`], ['POST', '/_standin/keys'], ['POST', '/_standin/reset'], ['GET', '/_standin/health']]) {
        const res = await call(s, method, path, { headers });
        assert.equal(res.status, 403, `${caller}: ${method} ${path}`);
        assert.equal(res.headers['access-control-allow-origin'], undefined, `${caller}: ${method} ${path}`);
        assert.ok(!res.text.includes(id), `${caller}: ${method} ${path}`);
      }
    }
    assert.deepEqual(s.pending().map((p) => p.challengeId), [id], 'still waiting: no approve, no reset got through');
    assert.equal(s.codeFor(id), null);
  });

  test('a wrong or empty token is no token', async () => {
    for (const token of ['', s.token.slice(1), `${s.token}x`, s.token.toUpperCase()]) {
      const res = await call(s, 'GET', '/_standin/health', { headers: { ...pageOn('http://127.0.0.1:8790'), 'standin-token': token } });
      assert.equal(res.status, 403, JSON.stringify(token));
    }
  });

  test('the run’s token admits any caller, and its answer names that caller’s origin, never *', async () => {
    const origin = 'http://127.0.0.1:8790';
    const res = await call(s, 'GET', '/_standin/health', { headers: { ...pageOn(origin), host: 'rebind.example', 'standin-token': s.token } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], origin);
    assert.equal(res.headers.vary, 'Origin');
    const other = await startStandIn({ port: 0 });
    try {
      assert.notEqual(other.token, s.token, 'each run has its own token');
      assert.match(other.token, /^[A-Za-z0-9_-]{32}$/);
    } finally {
      await other.close();
    }
  });

  test('controlOrigins admit their pages (on a loopback Host), with a preflight for them', async () => {
    for (const origin of ['http://127.0.0.1:4444', 'chrome-extension://trusted']) {
      const res = await call(s, 'GET', '/_standin/spaces', { headers: pageOn(origin) });
      assert.equal(res.status, 200, origin);
      assert.equal(res.headers['access-control-allow-origin'], origin);
      const preflight = await call(s, 'OPTIONS', '/_standin/approve', { headers: { origin, 'access-control-request-method': 'POST' } });
      assert.equal(preflight.status, 204, origin);
      assert.equal(preflight.headers['access-control-allow-origin'], origin);
    }
    assert.equal((await call(s, 'GET', '/_standin/spaces', { headers: { ...pageOn('http://127.0.0.1:4444'), host: 'rebind.example' } })).status, 403);
    await assert.rejects(startStandIn({ port: 0, controlOrigins: 42 }), TypeError);
  });

  test('a local program (no Origin, loopback Host) needs no token', async () => {
    for (const host of [undefined, 'localhost:31009', '127.0.0.1', '[::1]:31009']) {
      const res = await call(s, 'GET', '/_standin/health', { headers: host ? { host } : {} });
      assert.equal(res.status, 200, host);
    }
    assert.equal((await call(s, 'GET', '/_standin/health', { headers: { 'sec-fetch-site': 'none' } })).status, 200, 'a URL typed into the address bar');
  });
});

describe('limits', () => {
  /** Sends a request's head only and resolves with the answer: the body never comes. */
  function headOnly(server, path, headers) {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path, headers, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
  }

  test('a body declared larger than bodyLimit is answered 413 before it is sent, and the connection is closed', async () => {
    const s = await startStandIn({ port: 0, mode: 'v0.47', bodyLimit: 100 });
    try {
      const res = await headOnly(s, '/v1/auth/challenges', { 'content-type': 'application/json', 'content-length': '101' });
      assert.equal(res.status, 413);
      assert.equal(res.headers.connection, 'close');
      assert.deepEqual(s.requests(), [], 'nothing was read or logged');
      assert.equal((await post(s, '/v1/auth/challenges', JSON.stringify({ app_name: 'x'.repeat(70) }))).status, 201, 'a body within the limit');
    } finally {
      await s.close();
    }
  });

  test('a chunked body is cut as soon as it passes the limit (the default: 64 KiB)', async () => {
    const s = await startStandIn({ port: 0, mode: 'v0.47' });
    try {
      const answer = await new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: s.port, method: 'POST', path: '/v1/auth/challenges', agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.write(Buffer.alloc(64 * 1024, 'a'));
        req.write('b'); // one byte past the limit; the body then stays open
      });
      assert.equal(answer, 413);
      assert.deepEqual(s.requests(), []);
    } finally {
      await s.close();
    }
  });

  test('scopeCap bounds the scoped instances: one more forgets the least recently used', async () => {
    const s = await startStandIn({ port: 0, mode: 'v0.47', scopeCap: 3 });
    try {
      const key = s.addApiKey('id=kept');
      for (const n of [1, 2, 3, 4, 5]) {
        assert.equal((await call(s, 'GET', `/_standin/pending?scope=id%3D${n}`)).status, 200);
        assert.equal((await call(s, 'GET', '/s/id=kept/v1/spaces', { headers: bearer(key) })).status, 200, `the recently used scope stays (${n})`);
      }
      assert.equal(s.scopeCount, 3);
      assert.equal((await call(s, 'GET', '/_standin/challenges?scope=id%3D1')).json.challenges.length, 0);
      await assert.rejects(startStandIn({ port: 0, scopeCap: 0 }), TypeError);
    } finally {
      await s.close();
    }
  });

  test('a request whose body does not arrive within requestTimeoutMs is cut (408)', async () => {
    const s = await startStandIn({ port: 0, mode: 'v0.47', requestTimeoutMs: 200 });
    try {
      const res = await headOnly(s, '/v1/auth/challenges', { 'content-length': '10' });
      assert.equal(res.status, 408);
    } finally {
      await s.close();
    }
  });
});

describe('command line', () => {
  /** Starts the CLI and resolves with the child, its first stdout line and `nextLine()` for the following ones. */
  async function launch(args, env = process.env) {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const nextLine = async () => (await lines.next()).value;
    return { child, line: (await nextLine()).trim(), nextLine };
  }

  test('prints the listening line, serves, and exits 0 on SIGTERM', async () => {
    const { child, line, nextLine } = await launch(['--port', '0', '--quiet']);
    const match = /^stand-in Anytype \(mode current\) listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
    assert.ok(match, line);
    const res = await call({ port: Number(match[1]) }, 'GET', '/_standin/health');
    assert.deepEqual(res.json, { ok: true, mode: 'current' });
    const tokenLine = await nextLine();
    const token = /^control token \(Standin-Token header for \/_standin\/\.\.\. from web pages\): ([A-Za-z0-9_-]{32})$/m.exec(tokenLine)?.[1];
    assert.ok(token, tokenLine);
    const page = { origin: 'http://127.0.0.1:9', 'sec-fetch-site': 'cross-site' };
    assert.equal((await call({ port: Number(match[1]) }, 'GET', '/_standin/health', { headers: page })).status, 403);
    assert.equal((await call({ port: Number(match[1]) }, 'GET', '/_standin/health', { headers: { ...page, 'standin-token': token } })).status, 200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  test('--mode 2026 --cors --cap are applied; SIGINT exits 0', async () => {
    const { child, line } = await launch(['--port', '0', '--mode', '2026', '--cors', '--cap', '1', '--quiet']);
    const port = Number(/:(\d+)$/.exec(line)[1]);
    assert.match(line, /\(mode 2026\)/);
    const first = await post({ port }, '/v1/auth/challenges', { app_name: 'x' }, { origin: 'http://localhost:1234' });
    assert.equal(first.status, 201);
    assert.equal(first.headers['access-control-allow-origin'], 'http://localhost:1234');
    assert.equal((await post({ port }, '/v1/auth/challenges', { app_name: 'x' })).status, 500);
    assert.equal((await post({ port }, '/v1/auth/challenges', { app_name: 'x' }, { origin: 'null' })).status, 403);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  test('--allowed-origins and --allowed-hosts, else ANYTYPE_API_ALLOWED_ORIGINS/_HOSTS, feed the gate', async () => {
    const env = { ...process.env, ANYTYPE_API_ALLOWED_ORIGINS: 'chrome-extension://fromenv', ANYTYPE_API_ALLOWED_HOSTS: 'env.host' };
    for (const [args, origin, host] of [
      [[], 'chrome-extension://fromenv', 'env.host'],
      [['--allowed-origins', 'moz-extension://fromflag', '--allowed-hosts', 'flag.host'], 'moz-extension://fromflag', 'flag.host'],
    ]) {
      const { child, line } = await launch(['--port', '0', '--mode', 'gate', '--quiet', ...args], env);
      assert.match(line, /\(mode gate\)/);
      const port = Number(/:(\d+)$/.exec(line)[1]);
      assert.equal((await post({ port }, '/v1/auth/challenges', { app_name: 'x' }, { origin, host })).status, 201, args.join(' '));
      assert.equal((await post({ port }, '/v1/auth/challenges', { app_name: 'x' }, { origin: 'chrome-extension://other' })).status, 403);
      child.kill('SIGTERM');
      assert.equal((await once(child, 'exit'))[0], 0);
    }
  });

  test('--mode current --auto-approve: requests are approved at once with that grant', async () => {
    const { child, line } = await launch(['--port', '0', '--mode', 'current', '--auto-approve', 'all:read', '--quiet']);
    assert.match(line, /\(mode current\)/);
    const port = Number(/:(\d+)$/.exec(line)[1]);
    const id = (await post({ port }, '/v1/auth/challenges', { app_name: 'x' })).json.challenge_id;
    const { code } = (await call({ port }, 'GET', `/_standin/code?challenge_id=${id}`)).json;
    const key = await post({ port }, '/v1/auth/api_keys', { challenge_id: id, code });
    assert.deepEqual(key.json.grant, { all_spaces: true, space_ids: [], permission: 'read' });
    child.kill('SIGTERM');
    assert.equal((await once(child, 'exit'))[0], 0);
  });

  test('bad flags print the usage on stderr and exit 2', async () => {
    for (const args of [['--bogus'], ['--port', 'x'], ['--mode', '2030'], ['--cap', '-1'], ['positional'], ['--auto-approve', 'all:write'], ['--auto-approve', 'all']]) {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (chunk) => (err += chunk));
      const [code] = await once(child, 'exit');
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /usage: node stand-in\/cli\.mjs/);
    }
  });
});
