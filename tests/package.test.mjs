// The built package (pkg/), imported by name as a user would: `import … from "anytype-auth"`.
// `make test-package` links node_modules/anytype-auth to pkg/ before running this.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as auth from 'anytype-auth';
import { startStandIn } from '../stand-in/server.mjs';

let standIn;
before(async () => {
  standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'v0.47' });
});
after(() => standIn.close());

const options = () => ({ baseUrl: standIn.url, timeoutMs: 5000 });

test('exports exactly the documented API', () => {
  assert.deepEqual(Object.keys(auth).sort(), ['AnytypeError', 'ERROR_KINDS', 'LIMITS', 'authHeaders', 'checkAnytype', 'createApiKey', 'createChallenge', 'init', 'pair', 'verifyApiKey']);
  for (const name of ['authHeaders', 'checkAnytype', 'createApiKey', 'createChallenge', 'verifyApiKey', 'init', 'pair']) {
    assert.equal(typeof auth[name], 'function', name);
  }
});

test('pairs with the stand-in with no init call', async () => {
  const { challengeId, serverVersion } = await auth.createChallenge('Package Test', options());
  assert.match(challengeId, /^[0-9a-f]{24}$/);
  assert.equal(serverVersion, '2025-11-08');
  const { apiKey, grant } = await auth.createApiKey(challengeId, standIn.codeFor(challengeId), options());
  assert.match(apiKey, /^[A-Za-z0-9+/]{43}=$/);
  assert.equal(grant, null);
  // Heart v0.47 has no /v2: the key works on /v1, and nothing more is known.
  assert.deepEqual(await auth.verifyApiKey(apiKey, options()), {
    valid: true,
    reason: null,
    worksOnV1: true,
    worksOnV2: null,
    access: null,
    serverVersion: '2025-11-08',
  });
  assert.deepEqual(await auth.checkAnytype(options()), { running: true, serverVersion: '2025-11-08' });
  await auth.init(); // harmless after the fact
});

test('rejects with AnytypeError, an Error subclass with typed fields', async () => {
  const { challengeId } = await auth.createChallenge('Package Test', options());
  const right = standIn.codeFor(challengeId);
  const wrong = String((Number(right) + 1) % 10000).padStart(4, '0');
  const error = await auth.createApiKey(challengeId, wrong, options()).then(
    () => assert.fail('a wrong code was accepted'),
    (e) => e,
  );
  assert.ok(error instanceof auth.AnytypeError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'AnytypeError');
  assert.equal(error.kind, 'code_rejected');
  assert.equal(error.status, 500);
  assert.equal(error.serverCode, 'internal_server_error');
  assert.equal(error.serverMessage, 'failed to authenticate user');
  for (const text of [error.message, String(error), JSON.stringify(error), error.stack]) {
    assert.ok(!text.includes(wrong), 'the code leaked');
  }
  await assert.rejects(auth.createApiKey(challengeId, 1234, options()), { name: 'AnytypeError', kind: 'invalid_input' });
  const { apiKey } = await auth.createApiKey(challengeId, right, options());
  assert.ok(apiKey.length === 44);
});

test('package.json declares the entries, types and engines', () => {
  const require = createRequire(import.meta.url);
  const manifest = JSON.parse(readFileSync(require.resolve('anytype-auth/package.json'), 'utf8'));
  assert.equal(manifest.name, 'anytype-auth');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'].node, { require: './index.cjs', default: './node.js' });
  assert.equal(manifest.exports['.'].default, './index.js');
  assert.deepEqual(manifest.exports['.'].types, { require: './index.d.cts', default: './index.d.ts' });
  assert.equal(manifest.engines.node, '>=18');
  const dir = new URL('../pkg/', import.meta.url);
  for (const file of ['index.js', 'node.js', 'index.cjs', 'index.d.ts', 'anytype_auth.js', 'anytype_auth_bg.wasm']) {
    assert.ok(readdirSync(dir).includes(file), file);
  }
});

test('authHeaders builds the two headers Anytype accepts, the same from import and require', async () => {
  const key = 'bJm8A+bwmajmyeVih7E1HAfzvP5UBTfM5S2ftsDCXt4=';
  const { authHeaders: required } = createRequire(import.meta.url)('anytype-auth');
  for (const authHeaders of [auth.authHeaders, required]) {
    assert.deepEqual(authHeaders(key), { Authorization: `Bearer ${key}`, 'Anytype-Version': '2025-11-08' });
    assert.deepEqual(Object.keys(authHeaders(key)), ['Authorization', 'Anytype-Version']);
    assert.deepEqual(authHeaders(` ${key}\n`, { apiVersion: '2025-05-20' }), { Authorization: `Bearer ${key}`, 'Anytype-Version': '2025-05-20' });
    assert.deepEqual(authHeaders(key, { apiVersion: undefined }), authHeaders(key));
    assert.deepEqual(authHeaders(key, Object.create(null)), authHeaders(key));
  }
  // The headers work as they are: the stand-in accepts a key it issued.
  const issued = standIn.addApiKey();
  const answer = await fetch(`${standIn.url}/v1/spaces?limit=1`, { headers: auth.authHeaders(issued) });
  assert.equal(answer.status, 200);
});

test('authHeaders refuses bad input with invalid_input and never echoes the key', () => {
  const secret = 'S3cretKeyValue';
  const cases = [
    [''], [' \t '], [42], [null], [undefined], [`${secret}\nX-Other: 1`], [`${secret}\u00e9`], ['x'.repeat(1025)], [`a\ud800${secret}`],
    [secret, { apiVersion: '' }], [secret, { apiVersion: 'x'.repeat(33) }], [secret, { apiVersion: 2025 }], [secret, { apiversion: 'x' }],
    [secret, { baseUrl: 'http://127.0.0.1:31009' }], [secret, { [Symbol('s')]: 1 }], [secret, 'options'], [secret, null], [secret, []],
    [secret, new (class Options {})()], [secret, { get apiVersion() { throw new Error('boom'); } }],
    [secret, new Proxy({}, { ownKeys() { throw new Error('boom'); } })],
  ];
  for (const args of cases) {
    let error;
    assert.throws(() => auth.authHeaders(...args), (e) => (error = e) instanceof auth.AnytypeError);
    assert.equal(error.kind, 'invalid_input', String(args[0]));
    assert.ok(error.message.length > 20 && !error.message.includes(secret), error.message);
  }
  const e = (() => { try { auth.authHeaders(secret, { apiversion: 'x' }); } catch (error) { return error; } })();
  assert.match(e.message, /did you mean "apiVersion"/);
});

test("the README's stand-in example: today's Anytype by default, approve() presses Allow and gives the code", async () => {
  const today = await startStandIn({ port: 0 });
  try {
    const { apiKey, grant } = await auth.pair({
      appName: 'My Tool (tests)',
      baseUrl: today.url,
      getCode: ({ challengeId }) => today.approve(challengeId, { allSpaces: true }, 'readwrite') ?? '',
    });
    assert.deepEqual(grant, { allSpaces: true, spaceIds: [], permission: 'readwrite' });
    const status = await auth.verifyApiKey(apiKey, { baseUrl: today.url });
    assert.deepEqual([status.valid, status.worksOnV1, status.worksOnV2, status.access.scoped], [true, true, true, true]);
  } finally {
    await today.close();
  }
});
