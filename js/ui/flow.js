// The pairing flow as states and actions, with no DOM: finding Anytype, asking for access only
// when the person asks, waiting for Allow and the code, checking an existing key, forgetting it,
// and explaining a later failure. `<anytype-pair>` renders it; any framework can drive it.
// Anytype's numbers come from the package's facts (LIMITS); the clock and timers are injected.
import { lastFour, makeCheckKeyText } from './key-check.js';
import { classifyFailure } from './classify-failure.js';
import { challengeRefusedCauses, codeRejectedCauses } from './refusals.js';
import { builtInStorage, pendingStorage } from './storage.js';

const SYSTEM_CLOCK = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id),
};

/** The key problems that put the flow in `error` and what each makes of the key. */
const KEY_FAILURES = new Set(['key-expired', 'key-revoked', 'key-missing', 'key-narrowed', 'space-not-granted', 'write-not-granted', 'key-limited', 'origin-not-allowed']);

/** `createPairingFlow` over the package's functions and facts (`core`: an entry's exports). */
export function makeCreatePairingFlow(core) {
  const { LIMITS, DEFAULTS } = core;
  const checkKeyText = makeCheckKeyText(LIMITS);

  return function createPairingFlow(options = {}) {
    const appName = options.appName;
    if (typeof appName !== 'string' || !appName.trim()) throw new TypeError('createPairingFlow: appName is required (what the person sees in Anytype).');
    const clock = { ...SYSTEM_CLOCK, ...options.clock };
    const pollMs = options.pollMs ?? 2000;
    const timeoutMs = options.timeoutMs ?? 3000;
    const fetchFn = options.fetch ?? globalThis.fetch?.bind(globalThis);
    const name = options.storageName ?? 'anytype-auth';
    const pendingStore = options.pendingStorage ?? pendingStorage();
    const keyStore = typeof options.keyStorage === 'string' ? builtInStorage(options.keyStorage) : (options.keyStorage ?? null);
    const PENDING = `${name}:pending`;
    const KEY = `${name}:key`;

    /** Lifetimes in ms for a generation: how long a request waits for Allow, and how long a code lives. */
    const lifetimes = (generation) =>
      generation === 'code-first'
        ? { pendingMs: 0, codeMs: options.lifetimes?.codeMsV047 ?? LIMITS.codeSecondsV047 * 1000 }
        : { pendingMs: options.lifetimes?.pendingMs ?? LIMITS.pendingSeconds * 1000, codeMs: options.lifetimes?.codeMs ?? LIMITS.codeMinutes * 60 * 1000 };

    let snapshot = Object.freeze({ state: 'checking', baseUrl: options.baseUrl ?? DEFAULTS.baseUrl, generation: null, checks: 0, nextCheckAt: null, busy: null, request: null, problem: null, key: null });
    let apiKey = null; // the key itself: never in the snapshot, which screens and logs may show
    let candidate = null; // a key to check once Anytype answers: { key, source }
    let request = null; // the pending request: { challengeId, createdAt, tries, codeTyped, denied, generation }
    let lastRequest = null; // the one before it, for ordering the causes of a refusal
    let run = 0; // bumped by every new check, so that late answers of an older one are dropped
    const timers = new Set();
    const listeners = new Set();
    let disposed = false;

    const set = (changes) => {
      snapshot = Object.freeze({ ...snapshot, ...changes });
      for (const listener of listeners) listener(snapshot);
    };
    const after = (ms, fn) => {
      const id = clock.setTimeout(() => {
        timers.delete(id);
        if (!disposed) fn();
      }, Math.max(0, ms));
      timers.add(id);
    };
    const clearTimers = () => {
      for (const id of timers) clock.clearTimeout(id);
      timers.clear();
    };
    const net = () => ({ baseUrl: snapshot.baseUrl, timeoutMs: options.requestTimeoutMs ?? DEFAULTS.timeoutMs });

    /** What the snapshot says of the request: its deadlines, tries and whether it may still wait. */
    function requestView(now = clock.now()) {
      if (!request) return null;
      const { pendingMs, codeMs } = lifetimes(request.generation);
      const approvalEndsAt = request.generation === 'code-first' ? null : request.createdAt + pendingMs;
      return Object.freeze({
        createdAt: request.createdAt,
        approvalEndsAt,
        endsAt: request.createdAt + pendingMs + codeMs,
        tries: request.tries,
        triesLeft: Math.max(0, LIMITS.triesPerChallenge - request.tries),
        codeTyped: request.codeTyped,
        mayStillWait: mayStillWait(request, now),
      });
    }
    /** Whether Anytype may still hold this request open for Allow or Deny (then no new one may be made). */
    function mayStillWait(r, now) {
      if (!r || r.generation === 'code-first' || r.codeTyped || r.denied) return false;
      return now < r.createdAt + lifetimes(r.generation).pendingMs;
    }

    async function saveRequest() {
      try {
        if (request) await pendingStore.set(PENDING, JSON.stringify({ ...request, baseUrl: snapshot.baseUrl, appName }));
        else await pendingStore.remove(PENDING);
      } catch {} // a storage that refuses: the flow still works, but does not resume after a reload
    }
    async function loadRequest() {
      try {
        const value = JSON.parse((await pendingStore.get(PENDING)) ?? 'null');
        if (!value || typeof value.challengeId !== 'string' || typeof value.createdAt !== 'number') return null;
        if (value.baseUrl !== snapshot.baseUrl || value.appName !== appName) return null;
        const generation = value.generation === 'code-first' ? 'code-first' : 'approval';
        return { challengeId: value.challengeId, createdAt: value.createdAt, tries: Number(value.tries) || 0, codeTyped: value.codeTyped === true, denied: false, generation };
      } catch {
        return null;
      }
    }
    async function dropRequest() {
      lastRequest = request;
      request = null;
      await saveRequest();
    }

    /** Timers for the request's deadlines: when it may have lapsed, and when it surely has. */
    function watchRequest() {
      clearTimers();
      const view = requestView();
      if (!view) return;
      const now = clock.now();
      if (view.approvalEndsAt !== null && view.mayStillWait) after(view.approvalEndsAt - now, () => set({ request: requestView() }));
      after(view.endsAt - now, async () => {
        const generation = request?.generation;
        await dropRequest();
        set({ state: 'error', request: null, busy: null, problem: problem(generation === 'code-first' ? 'code-expired' : 'request-lapsed', null, [{ id: 'ask', action: 'ask' }]) });
      });
    }

    const problem = (id, kind = null, causes = []) => Object.freeze({ id, kind, causes: Object.freeze(causes) });
    const errorProblem = (error) => problem(error?.kind === 'origin_not_allowed' ? 'origin-not-allowed' : 'failed', typeof error?.kind === 'string' ? error.kind : null);
    const isClosed = (error) => error?.kind === 'unreachable' || error?.kind === 'timeout';

    /** Anytype is not answering: say so and look again every `pollMs`. */
    function notRunning(changes = {}) {
      clearTimers();
      const nextCheckAt = clock.now() + pollMs;
      set({ state: 'not-running', busy: null, checks: snapshot.checks + 1, nextCheckAt, ...changes });
      const mine = run;
      after(pollMs, () => mine === run && check());
    }

    /** Which generation answers: 404 on `/v2/auth/whoami` is Anytype before 2026; anything else today's. */
    async function probeGeneration() {
      if (!fetchFn) return 'approval';
      try {
        const answer = await fetchFn(`${snapshot.baseUrl.replace(/\/+$/, '')}/v2/auth/whoami`, { signal: AbortSignal.timeout(timeoutMs) });
        return answer.status === 404 ? 'code-first' : 'approval';
      } catch {
        return 'approval'; // unreadable (a page without CORS): play today's stricter rules
      }
    }

    /** Finds Anytype at the address, then resumes what was under way: a key to check, a request, or ready. */
    async function check() {
      const mine = ++run;
      clearTimers();
      set({ state: 'checking', busy: 'checking', nextCheckAt: null });
      let running = false;
      try {
        ({ running } = await core.checkAnytype({ baseUrl: snapshot.baseUrl, timeoutMs }));
      } catch (error) {
        if (mine !== run) return;
        set({ state: 'error', busy: null, problem: problem(error?.kind === 'invalid_input' ? 'address-invalid' : 'failed', error?.kind ?? null) });
        return;
      }
      if (mine !== run) return;
      if (!running) return notRunning();
      const generation = await probeGeneration();
      if (mine !== run) return;
      set({ generation, checks: 0 });
      if (candidate) return verify(candidate);
      request ??= await loadRequest();
      if (mine !== run) return;
      if (request && clock.now() >= request.createdAt + Object.values(lifetimes(request.generation)).reduce((a, b) => a + b)) await dropRequest();
      if (request) {
        set({ state: 'waiting', busy: null, request: requestView(), problem: null });
        watchRequest();
      } else if (apiKey && snapshot.key) {
        set({ state: snapshot.problem ? 'error' : 'paired', busy: null });
      } else {
        set({ state: 'ready', busy: null, problem: null });
      }
    }

    /** Stores the key where the app asked, then tells the app (`onPaired`). */
    async function deliver(key, details, source) {
      apiKey = key;
      candidate = null;
      let stored = null;
      if (keyStore && source !== 'stored') {
        try {
          await keyStore.set(KEY, key);
          stored = true;
        } catch {
          stored = false; // the key is still delivered; the screen says it was not stored
        }
      } else if (source === 'stored') stored = true;
      const narrowed = details.worksOnV1 === false;
      const keyView = Object.freeze({ last4: lastFour(key), source, grant: details.grant ?? null, access: details.access ?? null, worksOnV1: details.worksOnV1 ?? null, narrowed, stored });
      set({ state: 'paired', busy: null, problem: null, request: null, key: keyView });
      options.onPaired?.({ apiKey: key, grant: keyView.grant, access: keyView.access, stored });
    }

    /** Checks a key with Anytype (`verifyApiKey`); a closed Anytype leaves it unjudged. */
    async function verify({ key, source }) {
      const mine = run;
      candidate = { key, source };
      set({ state: 'checking', busy: 'checking-key' });
      let status;
      try {
        status = await core.verifyApiKey(key, net());
      } catch (error) {
        if (mine !== run) return;
        if (isClosed(error)) return notRunning();
        candidate = null;
        return set({ state: 'error', busy: null, problem: errorProblem(error) });
      }
      if (mine !== run) return;
      if (status.valid) {
        const grant = status.access ? { allSpaces: status.access.allSpaces === true, spaceIds: status.access.spaces.map((s) => s.id), permission: status.access.permission ?? 'readwrite' } : null;
        return deliver(key, { grant: status.access?.scoped ? grant : null, access: status.access, worksOnV1: status.worksOnV1 }, source);
      }
      candidate = null;
      const id = status.reason === 'expired' ? 'key-expired' : source === 'pasted' || source === 'app' ? 'key-invalid' : 'key-revoked';
      apiKey = key;
      set({ state: 'error', busy: null, problem: problem(id, null, [{ id: 'ask', action: 'ask' }]), key: Object.freeze({ last4: lastFour(key), source, grant: null, access: null, worksOnV1: null, narrowed: false, stored: source === 'stored' ? true : null }) });
    }

    const flow = {
      /** The current snapshot (frozen); see `subscribe`. */
      get snapshot() {
        return snapshot;
      },
      /** The key, when there is one (paired, pasted, stored); never part of the snapshot. */
      get apiKey() {
        return apiKey;
      },
      /** Calls `listener(snapshot)` on every change; returns the function that stops it. */
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      /** Loads a stored key (when the app keeps one) and looks for Anytype. */
      async start() {
        if (keyStore && !candidate && !apiKey) {
          try {
            const stored = await keyStore.get(KEY);
            if (stored) candidate = { key: stored, source: 'stored' };
          } catch {} // unreadable: as if nothing was stored
        }
        await check();
      },
      /** Looks for Anytype again now (e.g. the person just started it). */
      recheck: () => check(),
      /** Moves to another address (Anytype's API port can be changed in its settings) and looks there. */
      async setBaseUrl(baseUrl) {
        clearTimers();
        request = null;
        lastRequest = null;
        set({ baseUrl: String(baseUrl).trim(), generation: null, checks: 0, request: null, problem: null });
        await check();
      },
      /**
       * Asks Anytype for access (one pairing request). Does nothing and resolves false while a
       * request may still wait in Anytype, while another action runs, or before Anytype answered.
       */
      async ask() {
        if (snapshot.busy || !snapshot.generation || !['ready', 'error', 'waiting', 'paired'].includes(snapshot.state)) return false;
        if (mayStillWait(request, clock.now())) return false;
        const mine = run;
        clearTimers();
        set({ busy: 'asking', problem: null });
        try {
          const { challengeId } = await core.createChallenge(appName, net());
          if (request) lastRequest = request;
          request = { challengeId, createdAt: clock.now(), tries: 0, codeTyped: false, denied: false, generation: snapshot.generation };
          await saveRequest();
          set({ state: 'waiting', busy: null, problem: null, request: requestView() });
          watchRequest();
          return true;
        } catch (error) {
          if (mine !== run) return false;
          if (isClosed(error)) return notRunning(), false;
          if (error?.kind === 'challenge_refused') {
            const last = request ?? lastRequest;
            const causes = challengeRefusedCauses(snapshot.generation, last && { ...last, mayStillWait: mayStillWait(last, clock.now()) });
            set({ state: 'error', busy: null, problem: problem('challenge-refused', error.kind, causes) });
          } else set({ state: 'error', busy: null, problem: errorProblem(error) });
          return false;
        }
      },
      /**
       * Sends the code the person read in Anytype. A code that is not 4 digits is refused here
       * (nothing sent, no try used); after the request's 5th refused code nothing more is sent.
       * Resolves true once paired.
       */
      async submitCode(code) {
        if (snapshot.busy || !request || snapshot.state !== 'waiting') return false;
        const digits = String(code ?? '').replace(/\s+/g, '');
        if (!/^\d{4}$/.test(digits)) return set({ problem: problem('code-invalid') }), false;
        if (request.tries >= LIMITS.triesPerChallenge) return set({ state: 'error', problem: problem('tries-used', null, [{ id: 'ask', action: 'ask' }]) }), false;
        const mine = run;
        set({ busy: 'sending-code', problem: null });
        let result;
        try {
          result = await core.createApiKey(request.challengeId, digits, net());
        } catch (error) {
          if (mine !== run || !request) return false;
          if (isClosed(error)) return notRunning(), false;
          if (error?.kind !== 'code_rejected') return set({ busy: null, problem: errorProblem(error) }), false;
          request.tries += 1;
          request.codeTyped = true;
          const now = clock.now();
          const view = { tries: request.tries, couldHaveRunOut: now - request.createdAt >= Math.min(...Object.values(lifetimes(request.generation)).filter(Boolean)) };
          const causes = codeRejectedCauses(request.generation, view, LIMITS.triesPerChallenge);
          if (request.tries >= LIMITS.triesPerChallenge) {
            await dropRequest();
            clearTimers();
            set({ state: 'error', busy: null, request: null, problem: problem('tries-used', error.kind, causes) });
          } else {
            await saveRequest();
            set({ busy: null, request: requestView(), problem: problem('code-rejected', error.kind, causes) });
            watchRequest();
          }
          return false;
        }
        clearTimers();
        const generation = request.generation;
        await dropRequest();
        let access = null;
        let worksOnV1 = result.grant ? result.grant.allSpaces && result.grant.permission === 'readwrite' : true;
        if (generation !== 'code-first') {
          try {
            const status = await core.verifyApiKey(result.apiKey, net());
            access = status.access;
            worksOnV1 = status.worksOnV1 ?? worksOnV1;
          } catch {} // what the key reaches stays unknown; the key itself is kept
        }
        await deliver(result.apiKey, { grant: result.grant, access, worksOnV1 }, 'paired');
        return true;
      },
      /**
       * The person says they pressed Deny in Anytype, or wants to stop: the request is forgotten
       * here (Anytype refuses this app until it restarts after a Deny).
       */
      async cancel({ denied = true } = {}) {
        if (!request || snapshot.busy) return;
        request.denied = denied;
        clearTimers();
        await dropRequest();
        set({ state: 'ready', request: null, problem: denied ? problem('denied', null, challengeRefusedCauses(snapshot.generation, lastRequest).slice(0, 1)) : null });
      },
      /**
       * Checks an existing key (pasted by the person: `source` "pasted"; handed over by the app:
       * "app"): first locally (a typo of the 2026 format sends nothing), then with Anytype.
       */
      async useKey(text, source = 'pasted') {
        if (snapshot.busy === 'asking' || snapshot.busy === 'sending-code') return false;
        const { key, problem: local } = checkKeyText(text);
        if (local) return set({ state: 'error', busy: null, problem: problem(local) }), false;
        ++run;
        clearTimers();
        await verify({ key, source });
        // A key checked before the look for Anytype finished: learn the generation, so that pairing again is offered.
        if (!snapshot.generation && snapshot.state !== 'not-running') set({ generation: await probeGeneration() });
        return snapshot.state === 'paired';
      },
      /** Forgets the key (and removes it from the app's storage); tells the app (`onForgotten`). */
      async forget() {
        apiKey = null;
        candidate = null;
        if (keyStore) {
          try {
            await keyStore.remove(KEY);
          } catch {}
        }
        set({ key: null, problem: null });
        options.onForgotten?.();
        await check();
      },
      /**
       * The key's later life: hand over a failed `Response` of the app's own call to Anytype (or
       * what that call threw). Resolves to its classification (see `classifyFailure`) after
       * moving to the state that explains it, or null when there is nothing to explain.
       */
      async handleFailure(failure) {
        const id = await classifyFailure(failure);
        if (id === 'not-running') {
          ++run;
          notRunning();
        } else if (KEY_FAILURES.has(id)) {
          clearTimers();
          const remedies = id === 'key-narrowed' ? [{ id: 'widen', action: null }, { id: 'ask', action: 'ask' }] : id === 'origin-not-allowed' ? [] : [{ id: 'ask', action: 'ask' }];
          set({ state: 'error', busy: null, problem: problem(id, null, remedies) });
        }
        return id;
      },
      /** Stops every timer; the flow does nothing more. */
      dispose() {
        disposed = true;
        ++run;
        clearTimers();
        listeners.clear();
      },
    };
    return flow;
  };
}
