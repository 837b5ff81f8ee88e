/**
 * Instance settings. startStandIn's options become the root instance's scenario (checked here,
 * with a TypeError for a bad one); a scoped instance starts from the root's inherited settings
 * and applies its `/s/<spec>/` items (faults/spec.mjs) on top. Settings a mode does not use are
 * ignored by it (a v0.47 root may still give its `current` scopes a clock or TTLs).
 */
import { API_VERSION } from './constants.mjs';
import { makeGrant } from './grants.mjs';
import { DEFAULT_MODE, MODES } from './modes/index.mjs';

/** What an instance does when its options and spec say nothing else. */
export const SCENARIO_DEFAULTS = Object.freeze({ mode: DEFAULT_MODE, plain: false, delay: 0, stall: 0, version: API_VERSION });

/** The settings a scoped instance takes over from the root unless its spec says otherwise. */
const INHERITED = ['mode', 'cap', 'allowedOrigins', 'allowedHosts', 'now', 'pendingTtlMs', 'codeTtlMs', 'autoApprove', 'whoamiCase'];
/** The whoami spellings (whoami.mjs). */
const WHOAMI_CASES = ['snake', 'camel'];

const isList = (value) => typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
const isDuration = (value) => Number.isFinite(value) && value >= 0;

/**
 * The autoApprove option or item as a grant (grants.mjs) or null: `true` is all spaces with read
 * & write (the one grant /v1 also honours); an object is `{ allSpaces: true } | { spaceIds }`
 * plus `permission`.
 */
export function autoApproveGrant(value) {
  if (value === undefined || value === null || value === false) return null;
  if (value === true) return makeGrant({ allSpaces: true }, 'readwrite', 'autoApprove');
  if (typeof value !== 'object') throw new TypeError(`autoApprove must be true or a grant, got ${value}`);
  return makeGrant(value, value.permission, 'autoApprove');
}

/** startStandIn's options (without host, port, cors, log) as the root scenario. */
export function rootScenario({ mode = DEFAULT_MODE, challengeCap, allowedOrigins, allowedHosts, now, pendingTtlMs, codeTtlMs, autoApprove, whoamiCase }) {
  if (!MODES.includes(mode)) throw new TypeError(`mode must be one of ${MODES.join(', ')}, got ${mode}`);
  if (challengeCap !== undefined && !(Number.isInteger(challengeCap) && challengeCap >= 0)) {
    throw new TypeError(`challengeCap must be a non-negative integer, got ${challengeCap}`);
  }
  for (const [name, value] of Object.entries({ allowedOrigins, allowedHosts })) {
    if (value !== undefined && !isList(value)) throw new TypeError(`${name} must be a comma-separated string or an array of strings`);
  }
  for (const [name, value] of Object.entries({ pendingTtlMs, codeTtlMs })) {
    if (value !== undefined && !isDuration(value)) throw new TypeError(`${name} must be a number of milliseconds, got ${value}`);
  }
  if (now !== undefined && typeof now !== 'function') throw new TypeError('now must be a function returning ms since the epoch');
  if (whoamiCase !== undefined && !WHOAMI_CASES.includes(whoamiCase)) throw new TypeError(`whoamiCase must be 'snake' or 'camel', got ${whoamiCase}`);
  return {
    ...SCENARIO_DEFAULTS,
    mode,
    cap: challengeCap,
    allowedOrigins,
    allowedHosts,
    now,
    pendingTtlMs,
    codeTtlMs,
    autoApprove: autoApproveGrant(autoApprove),
    whoamiCase,
  };
}

/** The root scenario's settings that a scoped instance starts from. */
export const inheritedFrom = (root) => ({ ...SCENARIO_DEFAULTS, ...Object.fromEntries(INHERITED.map((key) => [key, root[key]])) });
