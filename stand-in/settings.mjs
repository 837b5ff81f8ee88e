/**
 * Instance settings. startStandIn's options become the root instance's scenario (checked here,
 * with a TypeError for a bad one); a scoped instance starts from the root's inherited settings
 * and applies its `/s/<spec>/` items (faults/spec.mjs) on top.
 */
import { API_VERSION } from './constants.mjs';
import { DEFAULT_MODE, MODES } from './modes/index.mjs';

/** What an instance does when its options and spec say nothing else. */
export const SCENARIO_DEFAULTS = Object.freeze({ mode: DEFAULT_MODE, plain: false, delay: 0, stall: 0, version: API_VERSION });

/** The settings a scoped instance takes over from the root unless its spec says otherwise. */
const INHERITED = ['mode', 'cap', 'allowedOrigins', 'allowedHosts'];

const isList = (value) => typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

/** startStandIn's options (without host, port, cors, log) as the root scenario. */
export function rootScenario({ mode = DEFAULT_MODE, challengeCap, allowedOrigins, allowedHosts }) {
  if (!MODES.includes(mode)) throw new TypeError(`mode must be one of ${MODES.join(', ')}, got ${mode}`);
  if (challengeCap !== undefined && !(Number.isInteger(challengeCap) && challengeCap >= 0)) {
    throw new TypeError(`challengeCap must be a non-negative integer, got ${challengeCap}`);
  }
  for (const [name, value] of Object.entries({ allowedOrigins, allowedHosts })) {
    if (value !== undefined && !isList(value)) throw new TypeError(`${name} must be a comma-separated string or an array of strings`);
  }
  return { ...SCENARIO_DEFAULTS, mode, cap: challengeCap, allowedOrigins, allowedHosts };
}

/** The root scenario's settings that a scoped instance starts from. */
export const inheritedFrom = (root) => ({ ...SCENARIO_DEFAULTS, ...Object.fromEntries(INHERITED.map((key) => [key, root[key]])) });
