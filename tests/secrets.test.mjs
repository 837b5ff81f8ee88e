// Secret hygiene through the built package (`import … from "anytype-auth"`): whole pairings and
// the failure matrix run while everything written to the console, stdout and stderr is captured,
// and every AnytypeError is rendered every way a program might log it (message, stack,
// JSON.stringify, String(), util.inspect, serverCode, serverMessage). No API key and no pairing
// code may appear anywhere, not even when the server echoes them back (the stand-in's `echo`).
// `make test-hardening` links node_modules/anytype-auth to pkg/ before running this.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import * as auth from 'anytype-auth';
import { startStandIn } from '../stand-in/server.mjs';

let standIn;
before(async () => {
  standIn = await startStandIn({ host: '127.0.0.1', port: 0, mode: 'v0.47' });
});
after(() => standIn.close());

/** Every secret seen: codes (4 digits) and keys. */
const codes = new Set();
const keys = new Set();
/** Every text a program could show or log. */
const texts = [];

/** Captures console.*, process.stdout and process.stderr while `run` runs. */
async function capturingOutput(run) {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'];
  const saved = methods.map((name) => console[name]);
  const writes = [process.stdout.write, process.stderr.write];
  const captured = [];
  for (const name of methods) console[name] = (...args) => captured.push(args.map((a) => inspect(a, { depth: 5 })).join(' '));
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = (chunk, ...rest) => {
      captured.push(String(chunk));
      return true;
    };
  }
  try {
    await run();
  } finally {
    methods.forEach((name, i) => (console[name] = saved[i]));
    [process.stdout.write, process.stderr.write] = writes;
  }
  return captured;
}

/** Runs a call expected to fail and records every rendering of its error. */
async function failure(promise, kind) {
  const error = await promise.then(
    (value) => assert.fail(`expected ${kind}, got ${inspect(value)}`),
    (e) => e,
  );
  assert.ok(error instanceof auth.AnytypeError, inspect(error));
  assert.equal(error.kind, kind, error.message);
  texts.push(error.message, error.stack, JSON.stringify(error), String(error), inspect(error, { depth: 5, showHidden: true }));
  texts.push(String(error.serverCode), String(error.serverMessage));
  return error;
}

const scoped = (spec) => ({ baseUrl: `${standIn.url}/s/${spec}`, timeoutMs: 2000 });
const wrongCode = (code) => String((Number(code) + 1) % 10000).padStart(4, '0');

/**
 * The 4-digit numbers of the package's own wording (the key's 1024-character limit, baseUrl's
 * 2048, the year of "2025-11-08"): a random code equal to one would "appear" in messages that
 * never saw it, so such a challenge is set aside for another.
 */
const OWN_WORDING = ['1024', '2048', '2025'];

/** A whole pairing in `spec`, with one wrong code first; returns the key. */
async function pairing(spec) {
  let challengeId, code, wrong;
  do {
    ({ challengeId } = await auth.createChallenge('Secret Hygiene', scoped(spec)));
    code = standIn.codeFor(challengeId, spec);
    wrong = wrongCode(code);
  } while (OWN_WORDING.includes(code) || OWN_WORDING.includes(wrong));
  codes.add(code).add(wrong);
  await failure(auth.createApiKey(challengeId, wrong, scoped(spec)), 'code_rejected');
  const { apiKey } = await auth.createApiKey(challengeId, ` ${code.slice(0, 2)} ${code.slice(2)} `, scoped(spec));
  keys.add(apiKey);
  const status = await auth.verifyApiKey(apiKey, scoped(spec));
  assert.deepEqual([status.valid, status.worksOnV1, status.serverVersion], [true, true, '2025-11-08']);
  return apiKey;
}

/** The failure matrix: each scope fails createApiKey and verifyApiKey, echoing what was sent. */
const FAILING_SCOPES = [
  ['echo,status=500', 'code_rejected', 'server_error'],
  ['echo,status=400', 'bad_request', 'bad_request'],
  ['status=403', 'origin_not_allowed', 'origin_not_allowed'],
  ['echo,status=403', 'bad_request', 'bad_request'], // the echo changes the gate's message
  ['echo,status=404', 'not_supported', 'bad_request'],
  ['echo,status=429', 'rate_limited', 'rate_limited'],
  ['echo,status=502', 'server_error', 'server_error'],
  ['echo,status=503,plain', 'server_error', 'server_error'],
  ['echo,status=401', 'unauthorized', null],
  ['body=notjson', 'invalid_response', null],
  ['body=badutf8', 'invalid_response', null],
  ['reset=before', 'unreachable', 'unreachable'],
  ['reset=after,status=500', 'unreachable', 'unreachable'],
  ['redirect=1,redirectstatus=302', 'unreachable', 'unreachable'],
];

async function failureMatrix(key) {
  for (const [items, apiKeyKind, verifyKind] of FAILING_SCOPES) {
    const spec = `id=${items.replace(/[=,]/g, '-')},${items}`;
    const code = String(1000 + codes.size * 7).padStart(4, '0');
    codes.add(code);
    await failure(auth.createApiKey('67647f5ecda913e9a2e11b26', code, scoped(spec)), apiKeyKind);
    if (verifyKind) await failure(auth.verifyApiKey(key, scoped(spec)), verifyKind);
  }
  const slow = 'id=slow,delay=3000';
  await failure(auth.createApiKey('67647f5ecda913e9a2e11b26', '4321', { ...scoped(slow), timeoutMs: 100 }), 'timeout');
  codes.add('4321');
  const controller = new AbortController();
  const pending = failure(auth.verifyApiKey(key, { ...scoped(slow), signal: controller.signal }), 'aborted');
  controller.abort();
  await pending;
  await failure(auth.verifyApiKey(key, { baseUrl: 'http://127.0.0.1:9' }), 'unreachable');
  // Invalid input that carries a secret: the message names the rule, never the value.
  await failure(auth.verifyApiKey(`${key}\n`.repeat(2), scoped('id=input')), 'invalid_input');
  await failure(auth.createApiKey('67647f5ecda913e9a2e11b26', `${[...codes][0]}5`, scoped('id=input')), 'invalid_input');
  await failure(auth.createApiKey('67647f5ecda913e9a2e11b26', Number([...codes][0]), scoped('id=input')), 'invalid_input');
}

/** The secret occurs in `text` as itself (codes: not as part of a longer number or hex run). */
function leaks(text, secret) {
  if (secret.length > 4) return text.includes(secret);
  // Stack traces hold line:column pairs and wasm offsets, so only a free-standing code counts.
  const scrubbed = text.replace(/:\d+:\d+/g, ':').replace(/0x[0-9a-f]+/gi, '0x').replace(/\[\d+\]/g, '[]');
  return new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`).test(scrubbed);
}

test('no key or code appears in any error rendering or console output', async () => {
  const output = await capturingOutput(async () => {
    const key = await pairing('id=hygiene-a');
    await pairing('id=hygiene-b,mode=2026');
    await failureMatrix(key);
    // A server that echoes the key on a 401 to verifyApiKey is answered with valid: false.
    assert.equal((await auth.verifyApiKey(key, scoped('id=echo401,echo,status=401'))).valid, false);
  });
  assert.ok(codes.size >= 15 && keys.size === 2, `${codes.size} codes, ${keys.size} keys`);
  assert.ok(texts.length >= 7 * 30, `${texts.length} renderings checked`);
  const everything = [...texts, ...output];
  for (const secret of [...keys, ...codes]) {
    const where = everything.find((text) => leaks(text, secret));
    assert.equal(where, undefined, `a secret appears in: ${where}`);
  }
  // The echo really carried the secrets: the stand-in's log has them, the errors do not.
  const echoed = standIn.requests('id=echo-status-500,echo,status=500').map((r) => r.body).join(' ');
  assert.ok([...codes].some((code) => echoed.includes(code)), 'the echo scope never saw a code');
});

test('a server echoing a secret in another spelling gets none of it into serverMessage or serverCode', async () => {
  const code = '0427';
  const key = 'zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=';
  const todayKey = standIn.addApiKey({ scope: 'id=today-key,mode=current', format: 'anytype' });
  const percentAll = (text) => [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  const spellings = {
    [code]: ['0427', '427', '0 4 2 7', '4 2 7', '04 27', '4-2-7', '0.4.2.7', percentAll('0427'), encodeURIComponent('4 2 7')],
  };
  for (const secret of [key, todayKey]) {
    spellings[secret] = [
      secret.toUpperCase(),
      encodeURIComponent(secret),
      percentAll(secret).toUpperCase(),
      encodeURIComponent(encodeURIComponent(secret)),
      secret.slice(0, 40),
      secret.slice(-12),
      `${secret.slice(0, 20)}\n${secret.slice(20)}`,
    ];
  }
  for (const [secret, list] of Object.entries(spellings)) {
    for (const spelling of list) {
      const spec = `id=spelled-${texts.length},status=502,message=${encodeURIComponent(`you sent ${spelling}; refused`)}`;
      const error =
        secret === code
          ? await failure(auth.createApiKey('67647f5ecda913e9a2e11b26', code, scoped(spec)), 'server_error')
          : await failure(auth.verifyApiKey(secret, scoped(spec)), 'server_error');
      // An exact copy becomes a marker; any other spelling drops the server's message.
      const expected = spelling === secret ? 'you sent [redacted]; refused' : null;
      assert.equal(error.serverMessage, expected, `${secret === code ? 'the code' : 'a key'} spelled ${JSON.stringify(spelling)}`);
      const rendered = texts.slice(-7).join(' ');
      assert.ok(!leaks(rendered, spelling), `the spelling ${JSON.stringify(spelling)} appears in a rendering`);
    }
  }
});

test('the secret leak check itself finds secrets', () => {
  assert.ok(leaks('code 0427 is wrong', '0427'));
  assert.ok(!leaks('at file:///x/anytype_auth.js:0427:12 (wasm-function[0427]:0x0427)', '0427'));
  assert.ok(leaks('Bearer zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=', 'zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6='));
});
