/**
 * The server generations the stand-in imitates, one module each. A mode is a frozen object:
 * - `name` and `aliases`: what `mode` options, `--mode` and the `mode=` item accept;
 * - `gated`: whether the 2026 origin gate (origin-gate.mjs) runs before routing;
 * - `scriptedPrefixes`: the paths the fault items (faults/*.mjs) apply to (the API and `/docs`, checkAnytype's probe);
 * - `defaultCap`: challenges per run unless `challengeCap`/`cap=` says otherwise;
 * - `createAnytype(settings)`: a new emulated run (anytype.mjs or a subclass), where `settings`
 *   is the instance's scenario (faults/spec.mjs: mode, cap and the items);
 * - `routes`: the route table (routes.mjs explains its shape);
 * - `exposedHeaders`: the response headers `cors` lets a page read;
 * - `scopedKeys`: whether its keys may carry grants, expiry dates, other scopes and the new format
 *   (addApiKey refuses those options elsewhere).
 * Adding a generation means adding a module and listing it here.
 */
import v047 from './v0.47.mjs';
import current from './current.mjs';
import gate from './gate.mjs';

const REGISTRY = [v047, current, gate];

/** Every accepted mode name, each mode's own name followed by its aliases. */
export const MODES = Object.freeze(REGISTRY.flatMap((mode) => [mode.name, ...mode.aliases]));
/** Old mode names and the mode they stand for (`2026` → `gate`). */
export const MODE_ALIASES = Object.freeze(Object.fromEntries(REGISTRY.flatMap((mode) => mode.aliases.map((alias) => [alias, mode.name]))));
/** The mode of a stand-in started without one: Anytype as people run it today. */
export const DEFAULT_MODE = 'current';

/** The mode called `name` (or one of its aliases), or undefined. */
export const modeNamed = (name) => REGISTRY.find((mode) => mode.name === name || mode.aliases.includes(name));
