/**
 * The 2026 challenge service (heart's core/session/challenge.go, GO-7394/GO-7395), as the
 * `current` mode runs it. A challenge starts pending, with no code: the user's Allow (approve,
 * with a grant) mints the 4-digit code, Deny drops it. All refusals look alike over HTTP (500).
 *
 * Creating, in heart's order, is refused when: 20 wrong codes have locked pairing; 30 challenges
 * were made this run; the user denied this caller (not remembered for the anonymous caller
 * `''`); this caller made 10; this caller has a prompt pending. Otherwise the caller's own
 * approved-but-unsolved challenge is superseded (its code dies) and a new pending one is made.
 *
 * Solving is refused when pairing is locked, the id is unknown (expired, superseded, solved),
 * the challenge is still pending (not counted as a wrong code), or 5 wrong codes were tried (the
 * 6th fails even with the right code). A wrong code counts against the challenge and the run. A
 * right one mints the key with the approved grant and resets the failure count, the run's
 * challenge count and every caller's count; denials stay.
 *
 * TTLs are measured from entering a state: pending 180 s, approved 5 min. Expired challenges
 * are swept on every call, so they are simply gone.
 */
import { Anytype, callerOf, newCode } from './anytype.mjs';
import { grantBody } from './grants.mjs';

/** Challenges per run (`maxChallengesRequests`). */
export const CHALLENGE_CAP_2026 = 30;
/** Wrong codes a challenge takes before it refuses every try (`challengeMaxTries`). */
export const MAX_TRIES_2026 = 5;
/** Wrong codes per run before pairing locks (`maxFailedChallengeSolves`). */
export const MAX_FAILED_SOLVES_2026 = 20;
/** Challenges per caller and run (`maxChallengesRequestsPerCaller`). */
export const MAX_CHALLENGES_PER_CALLER_2026 = 10;
/** How long a prompt waits for Allow or Deny (`pendingChallengeTTL`, 3 min). */
export const PENDING_TTL_MS = 180_000;
/** How long a code lives after Allow (`approvedChallengeTTL`, 5 min). */
export const CODE_TTL_MS = 300_000;

/** The challenge service with approval, TTLs, per-caller budgets, denials and grants. */
export class ApprovingAnytype extends Anytype {
  /**
   * Settings: cap, now (the clock), pendingTtlMs, codeTtlMs, and autoApprove (a grant, or null):
   * with a grant every new challenge is approved with it at once, as if the user clicked Allow.
   */
  constructor({ pendingTtlMs = PENDING_TTL_MS, codeTtlMs = CODE_TTL_MS, autoApprove = null, ...settings }) {
    super(settings);
    this.pendingTtlMs = pendingTtlMs;
    this.codeTtlMs = codeTtlMs;
    this.autoApprove = autoApprove;
  }

  reset() {
    super.reset();
    this.failedSolves = 0;
    this.perCaller = new Map();
    this.pendingByCaller = new Map();
    this.denied = new Set();
  }

  get locked() {
    return this.failedSolves >= MAX_FAILED_SOLVES_2026;
  }

  /** SweepExpired: drops every challenge past its state's TTL. */
  sweep() {
    const now = this.now();
    for (const challenge of this.challenges.values()) {
      const ttl = challenge.approved ? this.codeTtlMs : this.pendingTtlMs;
      if (now - challenge.stateSince < ttl) continue;
      this.challenges.delete(challenge.id);
      if (this.pendingByCaller.get(challenge.caller) === challenge.id) this.pendingByCaller.delete(challenge.caller);
    }
  }

  createChallenge(appName, headers = {}) {
    this.sweep();
    const caller = callerOf(headers);
    if (this.refusesNewChallenge(caller)) return null;
    for (const challenge of this.challenges.values()) {
      if (challenge.caller === caller) this.challenges.delete(challenge.id); // superseded
    }
    const challenge = { ...this.newChallenge(appName, headers), code: null, approved: false, grant: null };
    challenge.stateSince = challenge.createdAt;
    this.challenges.set(challenge.id, challenge);
    this.pendingByCaller.set(caller, challenge.id);
    this.perCaller.set(caller, (this.perCaller.get(caller) ?? 0) + 1);
    this.created++;
    if (this.autoApprove) this.approve(challenge.id, this.autoApprove);
    return challenge.id;
  }

  /** heart's refusals of a new challenge, in its order. */
  refusesNewChallenge(caller) {
    if (this.locked || this.created >= this.cap) return true;
    if (caller !== '' && this.denied.has(caller)) return true;
    if ((this.perCaller.get(caller) ?? 0) >= MAX_CHALLENGES_PER_CALLER_2026) return true;
    return this.pendingByCaller.has(caller);
  }

  reveal(challengeId) {
    this.sweep();
    const challenge = super.reveal(challengeId);
    return challenge?.approved ? challenge : null;
  }

  isPending(challengeId) {
    this.sweep();
    return super.isPending(challengeId);
  }

  solve(challengeId, code) {
    this.sweep();
    return this.locked ? null : super.solve(challengeId, code);
  }

  maySolve(challenge) {
    return challenge.approved && challenge.tries < MAX_TRIES_2026;
  }

  countFailure(challenge) {
    challenge.tries++;
    this.failedSolves++;
  }

  solved() {
    this.perCaller.clear();
    this.failedSolves = 0;
    this.created = 0;
  }

  /** A 2026 JsonAPI key: the new format, the app's name, the approved grant. */
  pairedKeyOptions(challenge) {
    return { format: 'anytype', name: challenge.appName, grant: challenge.grant };
  }

  apiKeyBody(key) {
    const { grant } = this.keyRecord(key);
    return { api_key: key, grant: grant && grantBody(grant) };
  }

  listChallenges(since) {
    this.sweep();
    return super.listChallenges(since);
  }

  pendingRequests() {
    this.sweep();
    return super.pendingRequests();
  }

  pendingExpiry(challenge) {
    return challenge.stateSince + this.pendingTtlMs;
  }

  /** Allow: mints the code and stores the grant; the code TTL starts now. */
  approve(challengeId, grant) {
    this.sweep();
    const challenge = this.challenges.get(challengeId);
    if (!challenge || challenge.approved) return null;
    this.pendingByCaller.delete(challenge.caller);
    Object.assign(challenge, { approved: true, code: newCode(), grant, stateSince: this.now() });
    return challenge.code;
  }

  /** Deny: drops the request and, unless it is the anonymous caller, refuses the caller until reset. */
  deny(challengeId) {
    this.sweep();
    const challenge = this.challenges.get(challengeId);
    if (!challenge || challenge.approved) return false;
    this.pendingByCaller.delete(challenge.caller);
    this.challenges.delete(challengeId);
    if (challenge.caller !== '') this.denied.add(challenge.caller);
    return true;
  }
}
