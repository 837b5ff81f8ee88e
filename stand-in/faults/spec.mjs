/**
 * Scope specs of the `/s/<spec>/...` URL scheme: `<spec>` is a comma-separated list of items, each
 * percent-decoded, that configures one lazily created instance (its mode and cap, and the
 * scripted faults that faults/effects.mjs applies). stand-in/README.md lists the items.
 */
import { grantFromText } from '../grants.mjs';
import { MODES } from '../modes/index.mjs';
import { autoApproveGrant, inheritedFrom } from '../settings.mjs';

/** A malformed spec (or control-endpoint scope): the stand-in answers 400 naming it. */
export class SpecError extends Error {}

/** The body=<kind> values. */
export const BODY_KINDS = Object.freeze([
  'notjson', 'html', 'empty', 'array', 'null', 'number', 'nofield', 'wrongtype', 'emptystring', 'huge', 'extra',
  'endless', 'badutf8', 'megabytes', 'duplicate', 'oddgrant',
]);

// Item parsers: each takes the item's value (null when the item has no `=`) and returns the
// patch it makes to the scenario, or undefined when the value is not allowed.
const flag = (patch) => (value) => (value === null ? patch : undefined);
const anyText = (key) => (value) => (value === null ? undefined : { [key]: value });
const oneOf = (key, allowed) => (value) => (allowed.includes(value) ? { [key]: value } : undefined);
const printable = (key) => (value) => (value !== null && /^[\x20-\x7e]*$/.test(value) ? { [key]: value } : undefined);
const integer = (key, min, max) => (value) => {
  const number = /^\d{1,9}$/.test(value ?? '') ? Number(value) : NaN;
  return number >= min && number <= max ? { [key]: number } : undefined;
};

/** autoapprove: all spaces + read & write; autoapprove=off; autoapprove=<all|id+id>:<permission>. */
function autoApproveItem(value) {
  if (value === 'off') return { autoApprove: null };
  if (value === null) return { autoApprove: autoApproveGrant(true) };
  const colon = value.lastIndexOf(':');
  try {
    return { autoApprove: grantFromText(value.slice(0, colon), colon < 0 ? undefined : value.slice(colon + 1), '+', 'autoapprove') };
  } catch {
    return undefined;
  }
}

const SPEC_ITEMS = {
  id: anyText('id'),
  mode: oneOf('mode', MODES),
  cap: integer('cap', 0, 1e6),
  status: integer('status', 200, 599),
  message: anyText('message'),
  plain: flag({ plain: true }),
  v2envelope: flag({ v2envelope: true }),
  echo: flag({ echo: true }),
  body: oneOf('body', BODY_KINDS),
  delay: integer('delay', 0, 600000),
  stall: integer('stall', 0, 600000),
  redirect: integer('redirect', 1, 65535),
  redirectstatus: integer('redirectstatus', 300, 399),
  to: anyText('to'),
  reset: oneOf('reset', ['before', 'after']),
  trickle: integer('trickle', 1, 60000),
  deep: integer('deep', 1, 1e6),
  type: printable('type'),
  version: printable('version'),
  noversion: flag({ version: null }),
  allowedorigins: anyText('allowedOrigins'),
  allowedhosts: anyText('allowedHosts'),
  pendingttl: integer('pendingTtlMs', 0, 1e9),
  codettl: integer('codeTtlMs', 0, 1e9),
  autoapprove: autoApproveItem,
  whoami: oneOf('whoamiCase', ['snake', 'camel']),
};

function parseSpecItem(raw) {
  let item;
  try {
    item = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const eq = item.indexOf('=');
  const name = eq < 0 ? item : item.slice(0, eq);
  const value = eq < 0 ? null : item.slice(eq + 1);
  return Object.hasOwn(SPEC_ITEMS, name) ? SPEC_ITEMS[name](value) : undefined;
}

/**
 * Turns `mode=gate,status=500` into a scenario; the settings it does not name come from the
 * `root` scenario (settings.mjs). Unknown or malformed items throw a SpecError.
 */
export function parseSpec(spec, root) {
  if (spec === '') throw new SpecError('empty scope spec in /s//');
  const scenario = inheritedFrom(root);
  for (const raw of spec.split(',')) {
    const patch = parseSpecItem(raw);
    if (!patch) throw new SpecError(`unknown or malformed scope item "${raw}" in "${spec}"`);
    Object.assign(scenario, patch);
  }
  return scenario;
}

/** `/s/<spec>/v1/x` → spec, prefix and the path the emulated Anytype sees; spec null for root. */
export function splitScope(path) {
  const match = /^\/s\/([^/]*)(.*)$/s.exec(path);
  return match ? { spec: match[1], prefix: `/s/${match[1]}`, path: match[2] } : { spec: null, prefix: '', path };
}
