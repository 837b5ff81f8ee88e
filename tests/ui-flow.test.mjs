// The pairing flow's controller (`createPairingFlow` of anytype-auth/ui, the Node entry) against
// the stand-in, in its `current` mode (Anytype of 2026: approval first) and `v0.47` mode (the code
// at once). Every case has its own stand-in and a fake clock shared by the stand-in and the flow:
// timers fire when the test moves the clock, and the test waits on the flow's own state changes,
// never on time. `make test-ui` links node_modules/anytype-auth to pkg/ before running this.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createPairingFlow, classifyFailure, checkKeyText, memoryStorage } from 'anytype-auth/ui';
import { LIMITS, ERROR_KINDS } from 'anytype-auth';
import { SPACES, startStandIn } from '../stand-in/server.mjs';
import { closedPort } from './support/net.mjs';

const LIMIT = { timeout: 20_000 };
const START = Date.parse('2026-12-07T10:00:00Z');

/** A clock whose timers run only when `advance` moves it past them, in order. */
function fakeClock() {
  let now = START;
  let seq = 0;
  const timers = new Map();
  return {
    now: () => now,
    setTimeout: (fn, ms) => (timers.set(++seq, { at: now + ms, fn }), seq),
    clearTimeout: (id) => timers.delete(id),
    /** Moves the clock by `ms`, running each timer due on the way. */
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = target;
    },
  };
}

/** Resolves with the flow's snapshot once `predicate` holds (now or at a later change). */
function until(flow, predicate) {
  return new Promise((resolve) => {
    if (predicate(flow.snapshot)) return resolve(flow.snapshot);
    const stop = flow.subscribe((s) => predicate(s) && (stop(), resolve(s)));
  });
}
const idle = (state) => (s) => s.state === state && !s.busy;

/** The last path segment of every pairing request the stand-in received. */
const posts = (standIn, route) => standIn.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`/auth/${route}`)).length;
const wrong = (right) => String((Number(right) + 1) % 10000).padStart(4, '0');

/** A stand-in on the fake clock, a flow on it, and what the flow told the app. */
async function setup({ mode = 'current', standIn: standInOptions = {}, flow: flowOptions = {}, baseUrl } = {}) {
  const clock = fakeClock();
  const standIn = await startStandIn({ port: 0, mode, now: clock.now, ...standInOptions });
  const pending = flowOptions.pendingStorage ?? memoryStorage();
  const keys = flowOptions.keyStorage ?? memoryStorage();
  const told = [];
  const flow = createPairingFlow({
    appName: 'Flow test',
    baseUrl: baseUrl ?? standIn.url,
    clock,
    pendingStorage: pending,
    keyStorage: keys,
    onPaired: (detail) => told.push({ paired: detail }),
    onForgotten: () => told.push({ forgotten: true }),
    ...flowOptions,
  });
  const close = async () => {
    flow.dispose();
    await standIn.close();
  };
  return { clock, standIn, flow, pending, keys, told, close };
}

test('the facts come from the package entry', () => {
  assert.equal(LIMITS.triesPerChallenge, 5);
  assert.ok(ERROR_KINDS.includes('code_rejected'));
});

describe('finding Anytype', () => {
  test('starts in checking, then ready with the generation that answers', LIMIT, async () => {
    for (const [mode, generation] of [['current', 'approval'], ['v0.47', 'code-first']]) {
      const t = await setup({ mode });
      assert.equal(t.flow.snapshot.state, 'checking');
      await t.flow.start();
      assert.equal(t.flow.snapshot.state, 'ready');
      assert.equal(t.flow.snapshot.generation, generation);
      assert.equal(posts(t.standIn, 'challenges'), 0, 'nothing is asked before the person asks');
      await t.close();
    }
  });

  test('not running: says so, looks again every pollMs with progress, and finds Anytype once started', LIMIT, async () => {
    const port = await closedPort();
    const clock = fakeClock();
    const flow = createPairingFlow({ appName: 'Flow test', baseUrl: `http://127.0.0.1:${port}`, clock, pollMs: 1000, pendingStorage: memoryStorage() });
    await flow.start();
    assert.equal(flow.snapshot.state, 'not-running');
    assert.equal(flow.snapshot.checks, 1);
    assert.equal(flow.snapshot.nextCheckAt, START + 1000);
    clock.advance(1000);
    await until(flow, (s) => s.state === 'not-running' && s.checks === 2);
    const standIn = await startStandIn({ port, mode: 'current', now: clock.now });
    clock.advance(1000);
    const s = await until(flow, idle('ready'));
    assert.equal(s.generation, 'approval');
    flow.dispose();
    await standIn.close();
  });

  test('the address can be changed; a bad one is refused with nothing sent', LIMIT, async () => {
    const t = await setup({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    await t.flow.start();
    assert.equal(t.flow.snapshot.state, 'not-running');
    await t.flow.setBaseUrl('ftp://127.0.0.1:1');
    assert.equal(t.flow.snapshot.state, 'error');
    assert.equal(t.flow.snapshot.problem.id, 'address-invalid');
    await t.flow.setBaseUrl(t.standIn.url);
    assert.equal(t.flow.snapshot.state, 'ready');
    assert.equal(t.flow.snapshot.baseUrl, t.standIn.url);
    await t.close();
  });

  test('createPairingFlow needs an app name', () => {
    assert.throws(() => createPairingFlow({}), TypeError);
  });
});

describe('pairing with Anytype of 2026 (current mode)', () => {
  test('asks only when asked, never twice while the request waits, then wrong code, right code', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    assert.equal(await t.flow.ask(), true);
    let s = t.flow.snapshot;
    assert.equal(s.state, 'waiting');
    assert.equal(s.request.mayStillWait, true);
    assert.equal(s.request.approvalEndsAt, START + LIMITS.pendingSeconds * 1000);
    assert.equal(s.request.endsAt, START + LIMITS.pendingSeconds * 1000 + LIMITS.codeMinutes * 60_000);
    assert.equal(await t.flow.ask(), false, 'no second request while one may wait');
    assert.equal(posts(t.standIn, 'challenges'), 1);
    assert.ok(await t.pending.get('anytype-auth:pending'), 'the request is kept in session storage');
    const kept = JSON.parse(await t.pending.get('anytype-auth:pending'));
    assert.deepEqual(Object.keys(kept).sort(), ['appName', 'baseUrl', 'challengeId', 'codeTyped', 'createdAt', 'denied', 'generation', 'tries']);

    const [{ challengeId }] = t.standIn.pending();
    const code = t.standIn.approve(challengeId, { allSpaces: true }, 'readwrite');
    assert.equal(await t.flow.submitCode(wrong(code)), false);
    s = t.flow.snapshot;
    assert.equal(s.state, 'waiting');
    assert.equal(s.problem.id, 'code-rejected');
    assert.deepEqual(s.problem.causes.map((c) => c.id), ['mistyped', 'not-allowed', 'expired', 'locked']);
    assert.equal(s.request.tries, 1);
    assert.equal(s.request.triesLeft, LIMITS.triesPerChallenge - 1);

    assert.equal(await t.flow.submitCode(code.split('').join(' ')), true, 'spaces in the code are ignored');
    s = t.flow.snapshot;
    assert.equal(s.state, 'paired');
    assert.equal(s.key.narrowed, false);
    assert.equal(s.key.last4, t.flow.apiKey.slice(-4));
    assert.ok(!JSON.stringify(s).includes(t.flow.apiKey), 'the snapshot never holds the key');
    assert.equal(t.told.length, 1);
    const { paired } = t.told[0];
    assert.equal(paired.apiKey, t.flow.apiKey);
    assert.match(paired.apiKey, /^anytype_[a-z2-7]{52}_[0-9a-f]{8}$/);
    assert.deepEqual(paired.grant, { allSpaces: true, spaceIds: [], permission: 'readwrite' });
    assert.equal(paired.access.allSpaces, true);
    assert.equal(paired.stored, true);
    assert.equal(await t.keys.get('anytype-auth:key'), paired.apiKey, 'stored before onPaired');
    assert.equal(await t.pending.get('anytype-auth:pending'), null, 'the used request is removed');
    await t.close();
  });

  test('a code that is not 4 digits is refused with nothing sent and no try used', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    await t.flow.ask();
    assert.equal(await t.flow.submitCode('12a4'), false);
    assert.equal(t.flow.snapshot.problem.id, 'code-invalid');
    assert.equal(t.flow.snapshot.request.tries, 0);
    assert.equal(posts(t.standIn, 'api_keys'), 0);
    await t.close();
  });

  test('a reload while waiting resumes the same request: no second request', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    await t.flow.ask();
    t.flow.dispose();
    const told = [];
    const again = createPairingFlow({ appName: 'Flow test', baseUrl: t.standIn.url, clock: t.clock, pendingStorage: t.pending, onPaired: (d) => told.push(d) });
    await again.start();
    assert.equal(again.snapshot.state, 'waiting');
    assert.equal(again.snapshot.request.createdAt, START);
    assert.equal(await again.ask(), false);
    const [{ challengeId }] = t.standIn.pending();
    const code = t.standIn.approve(challengeId, { allSpaces: true }, 'readwrite');
    assert.equal(await again.submitCode(code), true);
    assert.equal(posts(t.standIn, 'challenges'), 1);
    assert.equal(told.length, 1);
    assert.equal(told[0].stored, null, 'no key storage was asked for');
    again.dispose();
    await t.close();
  });

  test('a narrowed grant pairs, with the /v1 warning', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    await t.flow.ask();
    const [{ challengeId }] = t.standIn.pending();
    const code = t.standIn.approve(challengeId, { spaceIds: [SPACES[0].id] }, 'read');
    assert.equal(await t.flow.submitCode(code), true);
    const { key } = t.flow.snapshot;
    assert.equal(key.narrowed, true);
    assert.equal(key.worksOnV1, false);
    assert.deepEqual(key.grant, { allSpaces: false, spaceIds: [SPACES[0].id], permission: 'read' });
    assert.deepEqual(key.access.spaces.map((s) => s.name), [SPACES[0].name]);
    assert.equal(await t.flow.ask(), true, 'pairing again (all spaces, read and write) is offered');
    await t.close();
  });

  test('Deny: the person says so; a new request then refused lists Deny first', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    await t.flow.ask();
    const [{ challengeId }] = t.standIn.pending();
    assert.equal(t.standIn.deny(challengeId), true);
    await t.flow.cancel();
    assert.equal(t.flow.snapshot.state, 'ready');
    assert.equal(t.flow.snapshot.problem.id, 'denied');
    assert.equal(await t.pending.get('anytype-auth:pending'), null);
    // Anytype does not remember a Deny for callers without an Origin (as Node is): it asks again.
    assert.equal(await t.flow.ask(), true);
    // The person says Deny again but Anytype still shows the request: the next one is refused.
    await t.flow.cancel();
    assert.equal(await t.flow.ask(), false);
    const s = t.flow.snapshot;
    assert.equal(s.state, 'error');
    assert.equal(s.problem.id, 'challenge-refused');
    assert.equal(s.problem.kind, 'challenge_refused');
    assert.deepEqual(s.problem.causes.map((c) => c.id), ['denied', 'waiting', 'too-many', 'logged-out']);
    assert.equal(posts(t.standIn, 'challenges'), 3);
    await t.close();
  });

  test('a request waiting elsewhere (another tab): refused, "waiting" first', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    await t.flow.ask();
    const other = createPairingFlow({ appName: 'Flow test', baseUrl: t.standIn.url, clock: t.clock, pendingStorage: memoryStorage() });
    await other.start();
    assert.equal(await other.ask(), false);
    assert.equal(other.snapshot.problem.id, 'challenge-refused');
    assert.deepEqual(other.snapshot.problem.causes.map((c) => c.id), ['waiting', 'denied', 'too-many', 'logged-out']);
    assert.equal(posts(t.standIn, 'challenges'), 2);
    other.dispose();
    await t.close();
  });

  test('lifetimes: the request may lapse after the pending time, and is gone after the code time', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    await t.flow.ask();
    t.clock.advance(LIMITS.pendingSeconds * 1000 - 1);
    assert.equal(t.flow.snapshot.request.mayStillWait, true);
    t.clock.advance(1);
    assert.equal(t.flow.snapshot.state, 'waiting');
    assert.equal(t.flow.snapshot.request.mayStillWait, false, 'it can no longer be pending');
    assert.equal(t.standIn.pending().length, 0, 'the stand-in let it lapse too');
    t.clock.advance(LIMITS.codeMinutes * 60_000);
    const s = await until(t.flow, idle('error'));
    assert.equal(s.problem.id, 'request-lapsed');
    assert.equal(s.request, null);
    assert.equal(await t.pending.get('anytype-auth:pending'), null);
    assert.equal(await t.flow.ask(), true, 'asking again is allowed');
    await t.close();
  });

  test('shortened lifetimes (an Anytype configured so) are followed', LIMIT, async () => {
    const t = await setup({ standIn: { pendingTtlMs: 2000, codeTtlMs: 3000 }, flow: { lifetimes: { pendingMs: 2000, codeMs: 3000 } } });
    await t.flow.start();
    await t.flow.ask();
    const [{ challengeId }] = t.standIn.pending();
    const code = t.standIn.approve(challengeId, { allSpaces: true }, 'readwrite');
    t.clock.advance(3000); // the code ran out at the stand-in
    assert.equal(await t.flow.submitCode(code), false);
    assert.equal(t.flow.snapshot.problem.id, 'code-rejected');
    assert.equal(t.flow.snapshot.problem.causes[0].id, 'expired', 'a request this old: "ran out" first');
    t.clock.advance(2000);
    assert.equal((await until(t.flow, idle('error'))).problem.id, 'request-lapsed');
    await t.close();
  });

  test('5 wrong codes: the 5th ends the request, and no 6th is ever sent', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    await t.flow.ask();
    const [{ challengeId }] = t.standIn.pending();
    const code = t.standIn.approve(challengeId, { allSpaces: true }, 'readwrite');
    for (let i = 1; i < LIMITS.triesPerChallenge; i++) {
      assert.equal(await t.flow.submitCode(wrong(code)), false);
      assert.equal(t.flow.snapshot.request.triesLeft, LIMITS.triesPerChallenge - i);
    }
    assert.equal(await t.flow.submitCode(wrong(code)), false);
    const s = t.flow.snapshot;
    assert.equal(s.state, 'error');
    assert.equal(s.problem.id, 'tries-used');
    assert.deepEqual(s.problem.causes.map((c) => c.id), ['used-up', 'locked']);
    assert.equal(await t.flow.submitCode(code), false, 'a 6th code is not sent');
    assert.equal(posts(t.standIn, 'api_keys'), LIMITS.triesPerChallenge);
    assert.equal(await t.flow.ask(), true, 'asking again is the remedy');
    await t.close();
  });
});

describe('pairing with Anytype before 2026 (v0.47 mode)', () => {
  test('the code exists at once; a wrong code then the right one', LIMIT, async () => {
    const t = await setup({ mode: 'v0.47' });
    await t.flow.start();
    await t.flow.ask();
    const { challengeId } = JSON.parse(await t.pending.get('anytype-auth:pending'));
    const code = t.standIn.codeFor(challengeId);
    assert.equal(t.flow.snapshot.request.approvalEndsAt, null);
    assert.equal(t.flow.snapshot.request.endsAt, START + LIMITS.codeSecondsV047 * 1000);
    await t.flow.submitCode(wrong(code));
    assert.deepEqual(t.flow.snapshot.problem.causes.map((c) => c.id), ['mistyped', 'gone-v047']);
    assert.equal(await t.flow.submitCode(code), true);
    assert.equal(t.told[0].paired.grant, null);
    assert.equal(t.told[0].paired.access, null);
    assert.equal(t.flow.snapshot.key.narrowed, false);
    await t.close();
  });

  test('the code runs out after its 30 seconds; a new one may be shown at any time', LIMIT, async () => {
    const t = await setup({ mode: 'v0.47' });
    await t.flow.start();
    await t.flow.ask();
    assert.equal(await t.flow.ask(), true, 'nothing waits for approval: a new code may be asked for');
    t.clock.advance(LIMITS.codeSecondsV047 * 1000);
    assert.equal((await until(t.flow, idle('error'))).problem.id, 'code-expired');
    assert.equal(posts(t.standIn, 'challenges'), 2);
    await t.close();
  });
});

describe('an existing key', () => {
  test('valid, expired, invalid; a typo is caught with no request', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    const valid = t.standIn.addApiKey({ format: 'anytype' });
    assert.equal(await t.flow.useKey(`  ${valid}\n`), true);
    assert.equal(t.flow.snapshot.state, 'paired');
    assert.equal(t.flow.snapshot.key.source, 'pasted');
    assert.equal(t.told.at(-1).paired.apiKey, valid);

    const expired = t.standIn.addApiKey({ expiresAt: START - 1000 });
    assert.equal(await t.flow.useKey(expired), false);
    assert.equal(t.flow.snapshot.problem.id, 'key-expired');

    assert.equal(await t.flow.useKey(Buffer.alloc(32, 7).toString('base64')), false);
    assert.equal(t.flow.snapshot.problem.id, 'key-invalid');

    const before = t.standIn.requests().length;
    const typo = valid.slice(0, 20) + (valid[20] === 'a' ? 'b' : 'a') + valid.slice(21);
    assert.equal(checkKeyText(typo).problem, 'key-typo');
    assert.equal(await t.flow.useKey(typo), false);
    assert.equal(t.flow.snapshot.problem.id, 'key-typo');
    assert.equal(t.standIn.requests().length, before, 'nothing was sent');
    assert.equal(checkKeyText(valid).problem, null);
    assert.equal(checkKeyText('').problem, 'key-empty');
    assert.equal(checkKeyText('two words').problem, 'key-malformed');
    await t.close();
  });

  test('a stored key is checked on start; a revoked one is told apart; forgetting removes it', LIMIT, async () => {
    const t = await setup();
    const key = t.standIn.addApiKey({ format: 'anytype', grant: { allSpaces: true, permission: 'read' } });
    await t.keys.set('anytype-auth:key', key);
    await t.flow.start();
    let s = t.flow.snapshot;
    assert.equal(s.state, 'paired');
    assert.equal(s.key.source, 'stored');
    assert.equal(s.key.narrowed, true, 'all spaces but read only: /v1 refuses it');
    await t.flow.forget();
    assert.equal(await t.keys.get('anytype-auth:key'), null);
    assert.deepEqual(t.told.at(-1), { forgotten: true });
    assert.equal(t.flow.snapshot.state, 'ready');
    assert.equal(t.flow.apiKey, null);

    await t.keys.set('anytype-auth:key', key);
    t.standIn.reset(); // Anytype forgot every key: as if revoked
    const again = createPairingFlow({ appName: 'Flow test', baseUrl: t.standIn.url, clock: t.clock, keyStorage: t.keys, pendingStorage: memoryStorage() });
    await again.start();
    s = again.snapshot;
    assert.equal(s.state, 'error');
    assert.equal(s.problem.id, 'key-revoked');
    again.dispose();
    await t.close();
  });

  test('a key the app hands over before start: checked, and pairing again is offered for a narrowed one', LIMIT, async () => {
    const t = await setup();
    const key = t.standIn.addApiKey({ grant: { spaceIds: [SPACES[0].id], permission: 'read' } });
    assert.equal(await t.flow.useKey(key, 'app'), true);
    assert.equal(t.flow.snapshot.key.source, 'app');
    assert.equal(t.flow.snapshot.key.narrowed, true);
    assert.equal(t.flow.snapshot.generation, 'approval');
    assert.equal(await t.flow.ask(), true);
    await t.close();
  });

  test('a closed Anytype does not make a stored key invalid', LIMIT, async () => {
    const keys = memoryStorage();
    await keys.set('anytype-auth:key', Buffer.alloc(32, 9).toString('base64'));
    const flow = createPairingFlow({ appName: 'Flow test', baseUrl: `http://127.0.0.1:${await closedPort()}`, clock: fakeClock(), keyStorage: keys, pendingStorage: memoryStorage() });
    await flow.start();
    assert.equal(flow.snapshot.state, 'not-running');
    assert.equal(flow.snapshot.problem, null);
    assert.ok(await keys.get('anytype-auth:key'), 'the key stays stored');
    flow.dispose();
  });

  test('a key storage that fails still delivers the key, and says it was not stored', LIMIT, async () => {
    const failing = { get: () => null, set: () => Promise.reject(new Error('quota')), remove: () => {} };
    const t = await setup({ flow: { keyStorage: failing } });
    await t.flow.start();
    const key = t.standIn.addApiKey();
    assert.equal(await t.flow.useKey(key), true);
    assert.equal(t.told[0].paired.apiKey, key);
    assert.equal(t.told[0].paired.stored, false);
    assert.equal(t.flow.snapshot.key.stored, false);
    await t.close();
  });
});

describe("the key's later life", () => {
  test('a failed Response of the app’s own call moves the flow to the state that explains it', LIMIT, async () => {
    const t = await setup();
    await t.flow.start();
    const narrowed = t.standIn.addApiKey({ grant: { spaceIds: [SPACES[1].id], permission: 'readwrite' } });
    await t.flow.useKey(narrowed);
    const onV1 = await fetch(`${t.standIn.url}/v1/spaces`, { headers: { Authorization: `Bearer ${narrowed}` } });
    assert.equal(await t.flow.handleFailure(onV1), 'key-narrowed');
    assert.equal(t.flow.snapshot.state, 'error');
    assert.deepEqual(t.flow.snapshot.problem.causes.map((c) => c.id), ['widen', 'ask']);

    const expired = t.standIn.addApiKey({ expiresAt: START + 1000 });
    t.clock.advance(2000);
    const late = await fetch(`${t.standIn.url}/v1/spaces`, { headers: { Authorization: `Bearer ${expired}` } });
    assert.equal(await t.flow.handleFailure(late), 'key-expired');
    assert.equal(t.flow.snapshot.problem.id, 'key-expired');

    const revoked = await fetch(`${t.standIn.url}/v1/spaces`, { headers: { Authorization: `Bearer ${Buffer.alloc(32, 1).toString('base64')}` } });
    assert.equal(await classifyFailure(revoked), 'key-revoked');
    const gated = await fetch(`${t.standIn.url}/v1/spaces`, { headers: { Origin: 'https://example.com' } });
    assert.equal(await classifyFailure(gated), 'origin-not-allowed');

    const closed = await fetch(`http://127.0.0.1:${await closedPort()}/v1/spaces`).catch((error) => error);
    assert.equal(await t.flow.handleFailure(closed), 'not-running');
    assert.equal(t.flow.snapshot.state, 'not-running');
    await t.close();
  });

  test('classifyFailure reads /v2 scope refusals, and leaves other failures alone', async () => {
    const c6 = (code) => new Response(JSON.stringify({ status: 403, code, message: 'm', issues: [] }), { status: 403 });
    assert.equal(await classifyFailure(c6('space_not_granted')), 'space-not-granted');
    assert.equal(await classifyFailure(c6('write_not_granted')), 'write-not-granted');
    assert.equal(await classifyFailure(new Response('oops', { status: 500 })), null);
    assert.equal(await classifyFailure(new Error('other')), null);
  });
});
