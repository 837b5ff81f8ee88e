/**
 * Mode `v0.47`: heart v0.47.0 (Dec 2025) as read from its source. No origin gate, the code exists
 * as soon as the challenge does, wrong tries are unlimited, keys are 44-char base64, and a run
 * allows 50 challenges.
 */
import { Anytype } from '../anytype.mjs';
import { V047_ROUTES } from '../routes.mjs';

/** Challenges per run in v0.47 (`maxChallengesRequests`). */
export const DEFAULT_CHALLENGE_CAP = 50;

/** The mode (see modes/index.mjs for the fields). */
export default Object.freeze({
  name: 'v0.47',
  aliases: Object.freeze([]),
  gated: false,
  scriptedPrefixes: Object.freeze(['/v1', '/docs']),
  defaultCap: DEFAULT_CHALLENGE_CAP,
  createAnytype: (settings) => new Anytype({ ...settings, cap: settings.cap ?? DEFAULT_CHALLENGE_CAP }),
  routes: V047_ROUTES,
  exposedHeaders: Object.freeze(['Anytype-Version']),
  scopedKeys: false,
});
