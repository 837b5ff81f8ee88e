/**
 * One emulated Anytype run: its challenges, keys, counters and request log. This base class is
 * heart v0.47's challenge service (core/session/challenge.go at v0.47.0): a challenge is created
 * with its code at once, lives until solved or reset, and wrong tries are never counted (the
 * count was kept in a copy, a bug). Modes that behave otherwise subclass it (modes/*.mjs).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { REQUEST_LOG_LIMIT } from './constants.mjs';

/** bson.NewObjectId().Hex(): 4 bytes of seconds, then 8 random bytes (24 hex chars). */
function objectIdHex() {
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  return seconds + randomBytes(8).toString('hex');
}

/** A 4-digit code, `%04d`. */
export const newCode = () => String(randomInt(10000)).padStart(4, '0');

/** The emulated Anytype of one instance (the root or one `/s/<spec>/` scope). */
export class Anytype {
  /** cap: challenges allowed per run (never given back). */
  constructor({ cap }) {
    this.cap = cap;
    this.reset();
  }

  /** Forgets everything, like restarting the app. */
  reset() {
    this.challenges = new Map();
    this.created = 0;
    this.seq = 0;
    this.keys = new Set();
    this.log = [];
  }

  /** Returns the new challenge id, or null once the per-run cap is used up. */
  createChallenge(appName) {
    if (!this.mayCreate()) return null;
    this.created++;
    const challenge = this.newChallenge(appName);
    this.challenges.set(challenge.id, challenge);
    return challenge.id;
  }

  /** Whether a new challenge may be created now. */
  mayCreate() {
    return this.created < this.cap;
  }

  /** A new challenge record; subclasses may start it unapproved. */
  newChallenge(appName) {
    return { id: objectIdHex(), code: newCode(), appName, seq: ++this.seq, createdAt: Date.now(), approved: true, tries: 0 };
  }

  /** What Anytype shows for a challenge, or null. */
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
    return this.issueKey();
  }

  /** Whether an existing challenge may be tried at all. */
  maySolve(challenge) {
    return challenge.approved;
  }

  /** A wrong code: v0.47 never stores the tries count (a bug), so nothing changes. */
  countFailure() {}

  /** After a correct solve (nothing more in v0.47). */
  solved() {}

  /** A new valid key, 44-char std base64 of 32 random bytes. */
  issueKey() {
    const key = randomBytes(32).toString('base64');
    this.keys.add(key);
    return key;
  }

  /** Whether `key` is a valid key of this run. */
  hasKey(key) {
    return this.keys.has(key);
  }

  /** The live challenges created after sequence number `since`, for the control endpoint. */
  listChallenges(since) {
    return [...this.challenges.values()]
      .filter((challenge) => challenge.seq > since)
      .map((c) => ({ seq: c.seq, challenge_id: c.id, app_name: c.appName, code: c.code, approved: c.approved, created_at: c.createdAt }));
  }

  /** Appends one received request to the log (the newest REQUEST_LOG_LIMIT are kept). */
  record(entry) {
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_LIMIT) this.log.shift();
  }
}
