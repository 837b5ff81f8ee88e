/**
 * One emulated Anytype run: its challenges, keys, counters and request log. This base class is
 * heart v0.47's challenge service (core/session/challenge.go at v0.47.0): a challenge is created
 * with its code at once, lives until solved or reset, and wrong tries are never counted (the
 * count was kept in a copy, a bug). Modes that behave otherwise subclass it (modes/*.mjs,
 * approval.mjs).
 *
 * The approval API (`pendingRequests`, `approve`, `deny`) acts on challenges still waiting for
 * the user: in v0.47 there are none, since the code is shown at once.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { REQUEST_LOG_LIMIT } from './constants.mjs';
import { newKeyRecord } from './keys.mjs';
import { normalizeOrigin } from './origin-gate.mjs';

/** bson.NewObjectId().Hex(): 4 bytes of seconds, then 8 random bytes (24 hex chars). */
function objectIdHex(nowMs) {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return seconds + randomBytes(8).toString('hex');
}

/** A 4-digit code, `%04d`. */
export const newCode = () => String(randomInt(10000)).padStart(4, '0');

/**
 * heart's callerKey: `origin:<normalized Origin>` for a request with an Origin, else the shared
 * anonymous bucket `''` (the stand-in cannot resolve the calling process as heart tries to).
 */
export function callerOf(headers) {
  const origin = normalizeOrigin(headers?.origin);
  return origin ? `origin:${origin}` : '';
}

/** The name a key made with addApiKey gets unless one is given. */
export const DEFAULT_KEY_NAME = 'stand-in key';

/** The emulated Anytype of one instance (the root or one `/s/<spec>/` scope). */
export class Anytype {
  /** cap: challenges allowed per run (never given back); now: the clock, ms since the epoch. */
  constructor({ cap, now = Date.now }) {
    this.cap = cap;
    this.now = now;
    this.reset();
  }

  /** Forgets everything, like restarting the app. */
  reset() {
    this.challenges = new Map();
    this.created = 0;
    this.seq = 0;
    this.keys = new Map();
    this.log = [];
  }

  /** Returns the new challenge id, or null once the per-run cap is used up. `headers`: the request's. */
  createChallenge(appName, headers = {}) {
    if (!this.mayCreate(headers)) return null;
    this.created++;
    const challenge = this.newChallenge(appName, headers);
    this.challenges.set(challenge.id, challenge);
    return challenge.id;
  }

  /** Whether a new challenge may be created now. */
  mayCreate() {
    return this.created < this.cap;
  }

  /** A new challenge record; subclasses may start it unapproved. */
  newChallenge(appName, headers) {
    const createdAt = this.now();
    const origin = headers.origin ?? null;
    return { id: objectIdHex(createdAt), code: newCode(), appName, seq: ++this.seq, createdAt, approved: true, tries: 0, origin, caller: callerOf(headers) };
  }

  /** What Anytype shows for a challenge (its code is `.code`), or null. */
  reveal(challengeId) {
    return this.challenges.get(challengeId) ?? null;
  }

  /** Returns a new API key, or null for every failure (they all look alike over HTTP). */
  solve(challengeId, code) {
    const challenge = this.challenges.get(challengeId);
    if (!challenge || !this.maySolve(challenge)) return null;
    if (challenge.code !== code) {
      this.countFailure(challenge);
      return null;
    }
    this.challenges.delete(challengeId);
    this.solved(challenge);
    return this.issueKey(this.pairedKeyOptions(challenge));
  }

  /** Whether an existing challenge may be tried at all. */
  maySolve(challenge) {
    return challenge.approved;
  }

  /** A wrong code: v0.47 never stores the tries count (a bug), so nothing changes. */
  countFailure() {}

  /** After a correct solve (nothing more in v0.47). */
  solved() {}

  /** The key a solved challenge yields (newKeyRecord's options): a legacy key named after the app. */
  pairedKeyOptions(challenge) {
    return { name: challenge.appName };
  }

  /** The api_keys success body for a key: `{"api_key"}`. */
  apiKeyBody(key) {
    return { api_key: key };
  }

  /** A new valid key (keys.mjs newKeyRecord's options; default a 44-char base64 key). */
  issueKey(options = {}) {
    const record = newKeyRecord({ name: DEFAULT_KEY_NAME, createdAt: this.now(), ...options });
    this.keys.set(record.key, record);
    return record.key;
  }

  /** Whether `key` is a valid key of this run. */
  hasKey(key) {
    return this.keys.has(key);
  }

  /** The record of a valid key (keys.mjs), or undefined. */
  keyRecord(key) {
    return this.keys.get(key);
  }

  /** The live challenges created after sequence number `since`, for the control endpoint. */
  listChallenges(since) {
    return [...this.challenges.values()]
      .filter((challenge) => challenge.seq > since)
      .map((c) => ({ seq: c.seq, challenge_id: c.id, app_name: c.appName, code: c.code, approved: c.approved, created_at: c.createdAt }));
  }

  /** The pairing requests waiting for Allow or Deny, oldest first. */
  pendingRequests() {
    return [...this.challenges.values()]
      .filter((challenge) => !challenge.approved)
      .map((c) => ({ challengeId: c.id, appName: c.appName, caller: c.caller, origin: c.origin, createdAt: c.createdAt, expiresAt: this.pendingExpiry(c) }));
  }

  /** True when `challengeId` names a live challenge still waiting for Allow or Deny. */
  isPending(challengeId) {
    return this.challenges.get(challengeId)?.approved === false;
  }

  /** When a waiting request lapses (ms), or null when it never does. */
  pendingExpiry() {
    return null;
  }

  /** Allow with `grant` (grants.mjs; modes without grants ignore it): the code, or null when nothing waits. */
  approve(challengeId) {
    const challenge = this.challenges.get(challengeId);
    if (!challenge || challenge.approved) return null;
    challenge.approved = true;
    return challenge.code;
  }

  /** Deny: drops a waiting request; false when nothing waits under that id. */
  deny(challengeId) {
    const challenge = this.challenges.get(challengeId);
    if (!challenge || challenge.approved) return false;
    this.challenges.delete(challengeId);
    return true;
  }

  /** Appends one received request to the log (the newest REQUEST_LOG_LIMIT are kept). */
  record(entry) {
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_LIMIT) this.log.shift();
  }
}
