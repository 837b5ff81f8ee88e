/**
 * The server generations the stand-in imitates, one module each. A mode is a frozen object:
 * - `name`: what `mode` options, `--mode` and the `mode=` item accept;
 * - `gated`: whether the 2026 origin gate (origin-gate.mjs) runs before routing;
 * - `scriptedPrefixes`: the API paths the fault items (faults/*.mjs) apply to;
 * - `defaultCap`: challenges per run unless `challengeCap`/`cap=` says otherwise;
 * - `createAnytype(settings)`: a new emulated run (anytype.mjs or a subclass), where `settings`
 *   is the instance's scenario (faults/spec.mjs: mode, cap and the items);
 * - `routes`: the route table (routes.mjs explains its shape).
 * Adding a generation means adding a module and listing it here.
 */
import v047 from './v0.47.mjs';
import gate from './gate.mjs';

const REGISTRY = [v047, gate];

/** Every accepted mode name. */
export const MODES = Object.freeze(REGISTRY.map((mode) => mode.name));
/** The mode of a stand-in started without one. */
export const DEFAULT_MODE = 'v0.47';

/** The mode called `name`, or undefined. */
export const modeNamed = (name) => REGISTRY.find((mode) => mode.name === name);
