/**
 * Mode `gate` (also called `2026`, its first name): v0.47's routes behind the 2026 origin gate
 * (origin-gate.mjs), with a simple version of the stricter challenge rules: a challenge must be approved (codeFor or
 * /_standin/code count as the click on Allow) before it can be solved, 5 wrong codes delete it,
 * 20 wrong codes in a run lock pairing until a reset, and a run allows 30 challenges (the figures
 * of approval.mjs, which the `current` mode follows in full).
 */
import { Anytype } from '../anytype.mjs';
import { CHALLENGE_CAP_2026, MAX_FAILED_SOLVES_2026, MAX_TRIES_2026 } from '../approval.mjs';
import { V047_ROUTES } from '../routes.mjs';

/** The challenge service with approval, a tries limit and the failure lock. */
class GateAnytype extends Anytype {
  reset() {
    super.reset();
    this.failedSolves = 0;
  }

  get locked() {
    return this.failedSolves >= MAX_FAILED_SOLVES_2026;
  }

  mayCreate() {
    return super.mayCreate() && !this.locked;
  }

  newChallenge(appName, headers) {
    return { ...super.newChallenge(appName, headers), approved: false };
  }

  /** Reading the code is the click on Allow. */
  reveal(challengeId) {
    const challenge = super.reveal(challengeId);
    if (challenge) challenge.approved = true;
    return challenge;
  }

  maySolve(challenge) {
    return challenge.approved && !this.locked;
  }

  countFailure(challenge) {
    this.failedSolves++;
    if (++challenge.tries >= MAX_TRIES_2026) this.challenges.delete(challenge.id);
  }

  solved() {
    this.failedSolves = 0;
  }
}

/** The mode (see modes/index.mjs for the fields). */
export default Object.freeze({
  name: 'gate',
  aliases: Object.freeze(['2026']),
  gated: true,
  scriptedPrefixes: Object.freeze(['/v1', '/docs']),
  defaultCap: CHALLENGE_CAP_2026,
  createAnytype: (settings) => new GateAnytype({ ...settings, cap: settings.cap ?? CHALLENGE_CAP_2026 }),
  routes: V047_ROUTES,
  exposedHeaders: Object.freeze(['Anytype-Version']),
  scopedKeys: false,
});
