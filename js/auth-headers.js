// authHeaders(apiKey, { apiVersion? }): the two headers every later call to Anytype's API needs.
// It is synchronous and needs no wasm, so it is plain JS and every entry (browser, Node import,
// require) exports this one implementation. Its key and version rules are the ones the wasm
// applies to every call (src/input.rs: trimmed, 1 to 1024 / 1 to 32 printable ASCII characters).
import { AnytypeError } from './__ANYTYPE_ERROR_MODULE__';

const DEFAULT_API_VERSION = '2025-11-08';
const API_KEY_MAX_BYTES = 1024;
const API_VERSION_MAX_BYTES = 32;
const OPTION_NAMES = ['apiVersion'];
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const LONE_SURROGATE = /\p{Surrogate}/u;
const EDGE_WHITESPACE = /^\p{White_Space}+|\p{White_Space}+$/gu; // Rust's str::trim

const invalid = (message) => new AnytypeError('invalid_input', message, null, null, null);
const utf8Length = (text) => new TextEncoder().encode(text).length;

function string(value, typeError, surrogateError) {
  if (typeof value !== 'string') throw invalid(typeError);
  if (LONE_SURROGATE.test(value)) throw invalid(surrogateError);
  return value;
}

function plainObject(value) {
  const notPlain = () => invalid('options must be a plain object such as { baseUrl: "http://127.0.0.1:31009" }, or left out.');
  if (typeof value !== 'object' || value === null) throw notPlain();
  let proto;
  try {
    proto = Reflect.getPrototypeOf(value);
  } catch {
    throw notPlain();
  }
  if (proto !== null && proto !== Object.prototype) throw notPlain();
  return value;
}

function unknownOption(name) {
  const shown = [...name].slice(0, 40).filter((c) => !/\p{Cc}/u.test(c)).join('');
  const lower = (text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const near = OPTION_NAMES.find((known) => lower(known) === lower(name));
  return invalid(near ? `Unknown option "${shown}": did you mean "${near}"?` : `Unknown option "${shown}"; the options are ${OPTION_NAMES.join(', ')}.`);
}

function readApiVersion(options) {
  let keys;
  try {
    keys = Reflect.ownKeys(options);
  } catch {
    throw invalid('options could not be read (its keys threw an exception).');
  }
  for (const key of keys) {
    if (typeof key !== 'string') throw invalid('options has a symbol key; only the documented option names are allowed.');
    if (!OPTION_NAMES.includes(key)) throw unknownOption(key);
  }
  let value;
  try {
    value = options.apiVersion;
  } catch {
    throw invalid('options.apiVersion could not be read (its getter threw an exception).');
  }
  if (value === undefined) return undefined;
  return string(value, 'apiVersion must be a string, such as "2025-11-08".', 'apiVersion contains an unpaired UTF-16 surrogate.');
}

/** `{ Authorization: "Bearer <key>", "Anytype-Version": … }`; throws AnytypeError (`invalid_input`). */
export function authHeaders(apiKey, options) {
  const raw = string(apiKey, 'apiKey must be a string: pass the apiKey that createApiKey or pair returned.', 'apiKey contains an unpaired UTF-16 surrogate.');
  const rawVersion = options === undefined ? undefined : readApiVersion(plainObject(options));
  const key = raw.replace(EDGE_WHITESPACE, '');
  if (key === '') throw invalid('apiKey is empty: pass the apiKey that createApiKey or pair returned.');
  if (utf8Length(key) > API_KEY_MAX_BYTES) throw invalid('apiKey is longer than 1024 characters.');
  if (!PRINTABLE_ASCII.test(key)) throw invalid('apiKey contains a character that is not printable ASCII (keys from Anytype are base64).');
  const version = rawVersion ?? DEFAULT_API_VERSION;
  if (version === '' || utf8Length(version) > API_VERSION_MAX_BYTES || !PRINTABLE_ASCII.test(version)) {
    throw invalid('apiVersion must be 1 to 32 printable ASCII characters, such as "2025-11-08".');
  }
  return { Authorization: `Bearer ${key}`, 'Anytype-Version': version };
}
