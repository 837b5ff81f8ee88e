// pair() (plain JS, js/plain-api.js) through the built package (pkg/), as a user reaches it:
// `import … from "anytype-auth"` (pkg/node.js) and `require("anytype-auth")` (pkg/index.cjs), every
// case through both. Against an in-process stand-in, each case on its own `/s/<spec>/` instance:
// one challenge, wrong codes retried on it, attempts bounded, the caller's getCode, onChallenge and
// signal ending it with `aborted`, and invalid requests refused with nothing sent.
// `make test-js` links node_modules/anytype-auth to pkg/ before running this.
// The browser cases are in pair.browser.test.mjs.
// Every case runs through both entries and checks that entry's AnytypeError class; getCode's
// question has exactly { challengeId, attempt, lastError } with lastError null or the previous
// AnytypeError; error.cause is the very value getCode threw; the signal is aborted (and
// onChallenge released) once getCode (onChallenge) is known to be waiting, not after a timer.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as imported from 'anytype-auth';
import { SPACES, startStandIn } from '../stand-in/server.mjs';
import { closedPort } from './support/net.mjs';

const required = createRequire(import.meta.url)('anytype-auth');

/** A broken pair() may never settle: fail the case instead of hanging the run. */
const LIMIT = { timeout: 15_000 };

let standIn;
let closedUrl;
before(async () => {
  // The root (and every scope without mode=) plays heart v0.47, whose code exists at once;
  // the cases for today's Anytype name mode=current.
  standIn = await startStandIn({ port: 0, mode: 'v0.47' });
  closedUrl = `http://127.0.0.1:${await closedPort()}`;
});
after(() => standIn.close());

let instances = 0;
/** A stand-in instance of its own: `{ base, spec }`; `extra` adds spec items such as `mode=2026`. */
function scope(extra = '') {
  const spec = `id=${++instances}${extra ? `,${extra}` : ''}`;
  return { base: `${standIn.url}/s/${spec}`, spec };
}

/** The last path segment of every request the instance received: `challenges` / `api_keys` / …. */
const routes = (spec) => standIn.requests(spec).map((r) => r.path.split('?')[0].split('/').pop());

const wrongCode = (right) => String((Number(right) + 1) % 10000).padStart(4, '0');

const THROWN = new Error('getCode blew up');
const REJECTED = 'the person closed the dialog';

/**
 * A getCode that follows `script` (one answer per attempt) and records each question in `asked`:
 * 'right' / 'wrong' resolve to the right / a wrong code; 'malformed' returns (not a Promise) a
 * string that is not 4 digits; 'number' returns the right code's digits as a number; 'reject'
 * returns a Promise that rejects with REJECTED; 'throw' throws THROWN; 'never' returns a Promise
 * that never settles. `onAsk(question)` runs on every call.
 */
function scriptedGetCode(api, spec, script, onAsk = () => {}) {
  const asked = [];
  const getCode = (question) => {
    assert.deepEqual(Object.keys(question).sort(), ['attempt', 'challengeId', 'lastError']);
    const { challengeId, attempt, lastError } = question;
    assert.ok(attempt === 1 ? lastError === null : lastError instanceof api.AnytypeError, `lastError of attempt ${attempt}`);
    asked.push({ challengeId, attempt, lastErrorKind: lastError?.kind ?? null });
    onAsk(question);
    const code = () => {
      const right = standIn.codeFor(challengeId, spec);
      assert.match(right, /^\d{4}$/, 'the stand-in knows the challenge');
      return right;
    };
    switch (script[attempt - 1]) {
      case 'right': return Promise.resolve().then(code);
      case 'wrong': return Promise.resolve().then(() => wrongCode(code()));
      case 'malformed': return '12a4';
      case 'number': return Number(code());
      case 'reject': return Promise.reject(REJECTED);
      case 'throw': throw THROWN;
      case 'never': return new Promise(() => {});
      default: assert.fail(`getCode asked for attempt ${attempt} beyond the script`);
    }
  };
  return { getCode, asked };
}

const kinds = (asked) => asked.map((a) => a.lastErrorKind);

/** pair(request) of `api`, checking that it returns a Promise even for a bad request. */
function pairOf(api, request) {
  const promise = api.pair(request);
  assert.ok(promise instanceof Promise, 'pair is async: it returns a Promise');
  return promise;
}

/** Asserts that `promise` rejects with `api`'s AnytypeError of `kind` and `status`; returns it. */
async function expectError(api, promise, kind, status = null) {
  const error = await promise.then((value) => assert.fail(`expected ${kind}, got success ${JSON.stringify(value)}`), (e) => e);
  assert.ok(error instanceof api.AnytypeError, `not this entry's AnytypeError: ${error}`);
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.equal(error.name, 'AnytypeError');
  assert.equal(error.kind, kind, `message: ${error.message}`);
  assert.equal(error.status, status, `status of ${kind}`);
  assert.ok(error.message.length > 20, `message too thin: ${error.message}`);
  return error;
}

/** Proves the module still works after a failure: a challenge on a fresh instance. */
async function stillWorks(api) {
  const { challengeId } = await api.createChallenge('After failure', { baseUrl: scope().base });
  assert.match(challengeId, /^[0-9a-f]{24}$/);
}

for (const [entry, api] of [['import', imported], ['require', required]]) {
  /** The pair() argument: `{ appName, getCode, baseUrl }` plus `extra`. */
  const request = (base, getCode, extra = {}) => ({ appName: 'Pair Test', getCode, baseUrl: base, ...extra });

  /** Pairs on a fresh instance (`extra` spec items) with a scripted getCode, expecting a key. */
  async function pairScripted(extra, script) {
    const { base, spec } = scope(extra);
    const { getCode, asked } = scriptedGetCode(api, spec, script);
    const { apiKey } = await pairOf(api, request(base, getCode));
    assert.match(apiKey, /^[A-Za-z0-9+/]{43}=$/);
    return { spec, asked };
  }

  describe(`pair() from ${entry}("anytype-auth")`, () => {
    test('pairs with the first code and reports the challenge first', LIMIT, async () => {
      const { base, spec } = scope();
      const { getCode, asked } = scriptedGetCode(api, spec, ['right']);
      const seen = [];
      const onChallenge = (info) => {
        assert.deepEqual(Object.keys(info).sort(), ['challengeId', 'serverVersion']);
        seen.push({ challengeId: info.challengeId, serverVersion: info.serverVersion, askedBefore: asked.length });
      };
      const result = await pairOf(api, request(base, getCode, { onChallenge }));
      assert.deepEqual(Object.keys(result).sort(), ['apiKey', 'grant', 'serverVersion']);
      assert.equal(result.grant, null, 'heart v0.47 issues keys without a grant');
      assert.match(result.apiKey, /^[A-Za-z0-9+/]{43}=$/);
      assert.equal(result.serverVersion, '2025-11-08');

      assert.equal(asked.length, 1);
      assert.deepEqual([asked[0].attempt, asked[0].lastErrorKind], [1, null]);
      assert.match(asked[0].challengeId, /^[0-9a-f]{24}$/);
      assert.deepEqual(seen, [{ challengeId: asked[0].challengeId, serverVersion: '2025-11-08', askedBefore: 0 }], 'onChallenge runs once, before getCode');
      assert.deepEqual(routes(spec), ['challenges', 'api_keys']);
      const spaces = await fetch(`${base}/v1/spaces?limit=1`, { headers: { Authorization: `Bearer ${result.apiKey}` } });
      assert.equal(spaces.status, 200, 'Anytype does not accept the key');
    });

    test('wrong codes are retried on the same challenge', LIMIT, async () => {
      const { spec, asked } = await pairScripted('', ['wrong', 'wrong', 'right']);
      assert.deepEqual(asked.map((a) => a.attempt), [1, 2, 3]);
      assert.deepEqual(kinds(asked), [null, 'code_rejected', 'code_rejected']);
      const id = asked[0].challengeId;
      assert.ok(asked.every((a) => a.challengeId === id), 'getCode was asked about another challenge');
      assert.deepEqual(routes(spec), ['challenges', 'api_keys', 'api_keys', 'api_keys']);
      for (const sent of standIn.requests(spec).slice(1)) {
        assert.ok(sent.body.startsWith(`{"challenge_id":"${id}",`), `another challenge was used: ${sent.body}`);
      }
    });

    test('a code that is not 4 digits costs an attempt but is never sent', LIMIT, async () => {
      const { spec, asked } = await pairScripted('', ['malformed', 'right']);
      assert.deepEqual(kinds(asked), [null, 'invalid_input']);
      assert.deepEqual(routes(spec), ['challenges', 'api_keys']);
    });

    test('maxAttempts bounds the retries and the last rejection is returned', LIMIT, async () => {
      let { base, spec } = scope();
      let { getCode, asked } = scriptedGetCode(api, spec, ['wrong', 'wrong', 'right']);
      const error = await expectError(api, pairOf(api, request(base, getCode, { maxAttempts: 2 })), 'code_rejected', 500);
      assert.equal(error.serverMessage, 'failed to authenticate user');
      assert.equal(asked.length, 2);
      assert.deepEqual(routes(spec), ['challenges', 'api_keys', 'api_keys']);

      ({ base, spec } = scope());
      ({ getCode, asked } = scriptedGetCode(api, spec, ['wrong', 'right']));
      await expectError(api, pairOf(api, request(base, getCode, { maxAttempts: 1 })), 'code_rejected', 500);
      assert.equal(asked.length, 1);
      assert.deepEqual(routes(spec), ['challenges', 'api_keys']);
    });

    test('getCode rejecting or throwing ends with aborted and keeps the cause', LIMIT, async () => {
      for (const [answer, cause] of [['reject', REJECTED], ['throw', THROWN]]) {
        const { base, spec } = scope();
        const { getCode, asked } = scriptedGetCode(api, spec, [answer]);
        const error = await expectError(api, pairOf(api, request(base, getCode)), 'aborted');
        assert.match(error.message, /getCode/, answer);
        assert.equal(error.cause, cause, answer);
        assert.equal(asked.length, 1, answer);
        assert.deepEqual(routes(spec), ['challenges'], answer);
      }
    });

    test('a number as code is invalid_input and not sent', LIMIT, async () => {
      const { base, spec } = scope();
      const { getCode, asked } = scriptedGetCode(api, spec, ['number', 'right']);
      const error = await expectError(api, pairOf(api, request(base, getCode)), 'invalid_input');
      assert.match(error.message, /not a number/);
      assert.equal(asked.length, 1, 'a number is a mistake of the caller, not an attempt');
      assert.deepEqual(routes(spec), ['challenges']);
    });

    test('the signal aborts while waiting for the code', LIMIT, async () => {
      const { base, spec } = scope();
      const controller = new AbortController();
      let waiting;
      const asking = new Promise((resolve) => (waiting = resolve));
      const { getCode, asked } = scriptedGetCode(api, spec, ['never'], waiting);
      const pending = pairOf(api, request(base, getCode, { signal: controller.signal }));
      await asking; // getCode was called and will never answer
      controller.abort();
      const error = await expectError(api, pending, 'aborted');
      assert.match(error.message, /signal/);
      assert.equal(asked.length, 1);
      assert.deepEqual(routes(spec), ['challenges']);
      await stillWorks(api);
    });

    test('an already aborted signal sends nothing and asks nothing', LIMIT, async () => {
      const { base, spec } = scope();
      const { getCode, asked } = scriptedGetCode(api, spec, ['right']);
      const controller = new AbortController();
      controller.abort();
      await expectError(api, pairOf(api, request(base, getCode, { signal: controller.signal })), 'aborted');
      await expectError(api, pairOf(api, request(base, getCode, { signal: AbortSignal.abort() })), 'aborted');
      assert.equal(asked.length, 0);
      assert.deepEqual(standIn.requests(spec), []);
    });

    test('onChallenge is awaited, and its rejection ends with aborted', LIMIT, async () => {
      let { base, spec } = scope();
      let { getCode, asked } = scriptedGetCode(api, spec, ['right']);
      const onChallenge = () => Promise.reject(new Error('storage is full'));
      const error = await expectError(api, pairOf(api, request(base, getCode, { onChallenge })), 'aborted');
      assert.match(error.message, /onChallenge/);
      assert.ok(error.cause instanceof Error);
      assert.equal(error.cause.message, 'storage is full');
      assert.equal(asked.length, 0, 'getCode ran after onChallenge failed');
      assert.deepEqual(routes(spec), ['challenges']);

      // A slow onChallenge finishes before getCode is asked: it is held until the test lets it go.
      ({ base, spec } = scope());
      ({ getCode, asked } = scriptedGetCode(api, spec, ['right']));
      let called, release;
      const calling = new Promise((resolve) => (called = resolve));
      const slow = () => {
        called();
        return new Promise((resolve) => (release = resolve));
      };
      const pending = pairOf(api, request(base, getCode, { onChallenge: slow }));
      await calling;
      await (await fetch(`${standIn.url}/_standin/health`)).json(); // a real round trip: pair had time to run ahead
      assert.equal(asked.length, 0, 'getCode ran before onChallenge settled');
      assert.deepEqual(routes(spec), ['challenges']);
      release();
      const { apiKey } = await pending;
      assert.equal(apiKey.length, 44);
      assert.equal(asked.length, 1);
    });

    test('other errors propagate without asking for a code', LIMIT, async () => {
      const { base, spec } = scope('status=500');
      let { getCode, asked } = scriptedGetCode(api, spec, ['right']);
      await expectError(api, pairOf(api, request(base, getCode)), 'challenge_refused', 500);
      assert.equal(asked.length, 0);
      assert.deepEqual(routes(spec), ['challenges']);

      ({ getCode, asked } = scriptedGetCode(api, 'unused', ['right']));
      await expectError(api, pairOf(api, request(closedUrl, getCode)), 'unreachable');
      assert.equal(asked.length, 0);
    });

    test('pairs with the 2026 server', LIMIT, async () => {
      const { spec, asked } = await pairScripted('mode=2026', ['wrong', 'right']);
      assert.deepEqual(kinds(asked), [null, 'code_rejected']);
      assert.deepEqual(routes(spec), ['challenges', 'api_keys', 'api_keys']);
    });

    test('pairs with today\'s Anytype: the person allows, then types the code; the grant comes back', LIMIT, async () => {
      const { base, spec } = scope('mode=current');
      const asked = [];
      const getCode = ({ challengeId, attempt }) => {
        asked.push(attempt);
        // Before Allow there is no code to read; the person presses Allow (read only, two spaces).
        assert.equal(standIn.codeFor(challengeId, spec), null);
        assert.equal(standIn.pending(spec).length, 1, 'exactly one request waits in Anytype');
        return standIn.approve(challengeId, { spaceIds: [SPACES[0].id, SPACES[1].id] }, 'read', spec);
      };
      const paired = await pairOf(api, request(base, getCode, { maxAttempts: 5 }));
      assert.deepEqual(asked, [1]);
      assert.match(paired.apiKey, /^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/);
      assert.deepEqual(paired.grant, { allSpaces: false, spaceIds: [SPACES[0].id, SPACES[1].id], permission: 'read' });
      assert.deepEqual(routes(spec), ['challenges', 'api_keys']);
    });

    test('invalid requests are refused with nothing sent', LIMIT, async () => {
      const { base: b, spec } = scope();
      const { getCode, asked } = scriptedGetCode(api, spec, ['right']);
      const cases = [
        ['no argument', undefined, 'pair() takes one object'],
        ['a string', 'Acme', 'pair() takes one object'],
        ['no getCode', { appName: 'Acme', baseUrl: b }, 'getCode must be a function'],
        ['getCode a string', { appName: 'Acme', getCode: '1234', baseUrl: b }, 'getCode must be a function'],
        ['no appName', { getCode, baseUrl: b }, 'appName must be a string'],
        ['empty appName', request(b, getCode, { appName: '  ' }), 'appName is empty'],
        ['maxAttempts 0', request(b, getCode, { maxAttempts: 0 }), 'maxAttempts'],
        ['maxAttempts 6 (Anytype allows 5 tries per request)', request(b, getCode, { maxAttempts: 6 }), 'from 1 to 5'],
        ['maxAttempts 11', request(b, getCode, { maxAttempts: 11 }), 'maxAttempts'],
        ['maxAttempts 2.5', request(b, getCode, { maxAttempts: 2.5 }), 'maxAttempts'],
        ['maxAttempts "3"', request(b, getCode, { maxAttempts: '3' }), 'maxAttempts'],
        ['onChallenge not a function', request(b, getCode, { onChallenge: true }), 'onChallenge must be a function'],
        ['unknown key', request(b, getCode, { code: '1234' }), 'Unknown option "code"'],
        ['near miss', request(b, getCode, { maxattempts: 2 }), 'did you mean "maxAttempts"?'],
        ['bad timeoutMs', request(b, getCode, { timeoutMs: -1 }), 'timeoutMs'],
        ['bad signal', request(b, getCode, { signal: true }), 'signal must be an AbortSignal'],
      ];
      for (const [name, value, needle] of cases) {
        const error = await expectError(api, pairOf(api, value), 'invalid_input');
        assert.ok(error.message.includes(needle), `${name}: ${error.message}`);
      }
      await expectError(api, pairOf(api, request('http://192.0.2.1:31009', getCode)), 'invalid_input');
      assert.equal(asked.length, 0);
      assert.deepEqual(standIn.requests(spec), []);
    });
  });
}
