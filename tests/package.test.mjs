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
  standIn = await startStandIn({ host: '127.0.0.1', port: 0 });
});
after(() => standIn.close());

const options = () => ({ baseUrl: standIn.url, timeoutMs: 5000 });

test('exports exactly the documented API', () => {
  assert.deepEqual(Object.keys(auth).sort(), ['AnytypeError', 'checkAnytype', 'createApiKey', 'createChallenge', 'init', 'verifyApiKey']);
  for (const name of ['checkAnytype', 'createApiKey', 'createChallenge', 'verifyApiKey', 'init']) {
    assert.equal(typeof auth[name], 'function', name);
  }
});

test('pairs with the stand-in with no init call', async () => {
  const { challengeId, serverVersion } = await auth.createChallenge('Package Test', options());
  assert.match(challengeId, /^[0-9a-f]{24}$/);
  assert.equal(serverVersion, '2025-11-08');
  const { apiKey } = await auth.createApiKey(challengeId, standIn.codeFor(challengeId), options());
  assert.match(apiKey, /^[A-Za-z0-9+/]{43}=$/);
  assert.deepEqual(await auth.verifyApiKey(apiKey, options()), { valid: true, serverVersion: '2025-11-08' });
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
  assert.equal(manifest.exports['.'].node, './node.js');
  assert.equal(manifest.exports['.'].default, './index.js');
  assert.equal(manifest.exports['.'].types, './index.d.ts');
  assert.equal(manifest.engines.node, '>=18');
  const dir = new URL('../pkg/', import.meta.url);
  for (const file of ['index.js', 'node.js', 'index.d.ts', 'anytype_auth.js', 'anytype_auth_bg.wasm']) {
    assert.ok(readdirSync(dir).includes(file), file);
  }
});
