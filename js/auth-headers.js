// authHeaders needs no wasm, so it is plain JS that every entry shares, with the wasm's rules and
// messages (src/input.rs, src/wasm/args.rs). No \p{…} in its regular expressions: Node takes
// about 0.5 ms to parse those at import.
import { AnytypeError } from './__ANYTYPE_ERROR_MODULE__';

// What Rust's str::trim removes, Unicode's White_Space: JS's \s without U+FEFF, and U+0085.
const EDGE_WHITE_SPACE = /^(?:[^\S\ufeff]|\x85)+|(?:[^\S\ufeff]|\x85)+$/g;
const invalid = (message) => new AnytypeError('invalid_input', message, null, null, null);

function string(value, name, typeError) {
  if (typeof value !== 'string') throw invalid(typeError);
  if (/[\ud800-\udfff]/u.test(value)) throw invalid(`${name} contains an unpaired UTF-16 surrogate.`);
  return value;
}

function apiVersionOption(options) {
  let proto, keys; // a throwing Proxy trap or a primitive leaves proto undefined
  try {
    proto = Reflect.getPrototypeOf(options);
  } catch {}
  if (proto !== null && proto !== Object.prototype) throw invalid('options must be a plain object, or left out.');
  try {
    keys = Reflect.ownKeys(options);
  } catch {
    throw invalid('options could not be read (reading its keys threw).');
  }
  for (const key of keys) {
    if (typeof key !== 'string') throw invalid('options has a symbol key; only the documented option names are allowed.');
    if (key === 'apiVersion') continue;
    const shown = [...key].slice(0, 40).join('').replace(/[\0-\x1f\x7f-\x9f]/g, ''); // no control characters
    throw invalid(/^apiversion$/i.test(key) ? `Unknown option "${shown}": did you mean "apiVersion"?` : `Unknown option "${shown}"; the only option is apiVersion.`);
  }
  let value; // own properties only: a polluted Object.prototype adds no option
  try {
    value = keys.length ? options.apiVersion : undefined;
  } catch {
    throw invalid('options.apiVersion could not be read (its getter threw).');
  }
  return value === undefined ? undefined : string(value, 'apiVersion', 'apiVersion must be a string, such as "2025-11-08".');
}

/** `{ Authorization: "Bearer <key>", "Anytype-Version": … }`; throws AnytypeError (`invalid_input`). */
export function authHeaders(apiKey, options) {
  const raw = string(apiKey, 'apiKey', 'apiKey must be a string: pass the apiKey that createApiKey or pair returned.');
  const version = (options === undefined ? undefined : apiVersionOption(options)) ?? '2025-11-08';
  const key = raw.replace(EDGE_WHITE_SPACE, '');
  if (!/^[\x20-\x7e]{1,1024}$/.test(key)) {
    throw invalid('apiKey must be 1 to 1024 printable ASCII characters: pass the apiKey that createApiKey or pair returned.');
  }
  if (!/^[\x20-\x7e]{1,32}$/.test(version)) throw invalid('apiVersion must be 1 to 32 printable ASCII characters, such as "2025-11-08".');
  return { Authorization: `Bearer ${key}`, 'Anytype-Version': version };
}
