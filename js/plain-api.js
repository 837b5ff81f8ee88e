// authHeaders and pair, in plain JS over the wasm's createChallenge and createApiKey: one needs
// no IO (so it works before the wasm loads), the other is a loop over those two, which check the
// app name and every option before they send. Their rules, names and messages come from the
// generated facts.js, written from the Rust core. No \p{…} in regular expressions (Node parses
// those slowly at import).
import { AUTH_HEADERS_OPTION_NAMES, DEFAULTS, EDGE_WHITE_SPACE, HEADERS, LIMITS, MESSAGES, PAIR_OPTION_NAMES, fill } from './facts.js';

const printableAscii = (max) => new RegExp(`^[\\x20-\\x7e]{1,${max}}$`);
const API_KEY = printableAscii(LIMITS.apiKeyMaxLength);
const API_VERSION = printableAscii(LIMITS.apiVersionMaxLength);
const FIRED = Symbol(); // what the race against the signal gives when the signal fires first
const lower = (text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase()); // ASCII only, as in Rust

/** `{ authHeaders, pair }` (see index.d.ts) over the given functions and error class. */
export function makePlainApi({ createChallenge, createApiKey, AnytypeError }) {
  const fail = (kind, message) => new AnytypeError(kind, message, null, null, null);
  const invalid = (message) => fail('invalid_input', message);

  /** `value` if it is a string without lone surrogates. */
  function string(value, name, typeError) {
    if (typeof value != 'string') throw invalid(typeError);
    if (/[\ud800-\udfff]/u.test(value)) throw invalid(fill(MESSAGES.unpairedSurrogate, { name }));
    return value;
  }

  /** The own properties of the plain object `object`, whose keys must all be in `keys`. */
  function ownOptions(object, keys, notPlain) {
    let proto, own;
    try {
      proto = Reflect.getPrototypeOf(object);
    } catch {} // a primitive or a throwing Proxy: proto stays undefined
    if (typeof object != 'object' || !object || (proto !== null && proto !== Object.prototype)) throw invalid(notPlain);
    try {
      own = Reflect.ownKeys(object);
    } catch {
      throw invalid(MESSAGES.optionsKeysThrew);
    }
    const given = {}; // own keys only: a polluted Object.prototype adds nothing
    for (const key of own) {
      if (typeof key != 'string') throw invalid(MESSAGES.optionsSymbolKey);
      if (!keys.includes(key)) {
        const name = [...key].slice(0, 40).join('').replace(/[\0-\x1f\x7f-\x9f]/g, '');
        const near = keys.find((known) => lower(known) == lower(key));
        throw invalid(near ? fill(MESSAGES.unknownOptionNear, { name, near }) : fill(MESSAGES.unknownOption, { name, known: keys.join(', ') }));
      }
      try {
        given[key] = object[key];
      } catch {
        throw invalid(fill(MESSAGES.optionGetterThrew, { name: key }));
      }
    }
    return given;
  }

  /** `{ Authorization: "Bearer <key>", "Anytype-Version": … }`; throws `invalid_input`. */
  function authHeaders(apiKey, options) {
    const key = string(apiKey, 'apiKey', MESSAGES.authHeadersKeyNotString).replace(EDGE_WHITE_SPACE, '');
    const { apiVersion } = options === undefined ? {} : ownOptions(options, AUTH_HEADERS_OPTION_NAMES, MESSAGES.optionsNotPlain);
    const version = apiVersion === undefined ? DEFAULTS.apiVersion : string(apiVersion, 'apiVersion', MESSAGES.apiVersionNotString);
    if (!API_KEY.test(key)) throw invalid(MESSAGES.apiKeyRule);
    if (!API_VERSION.test(version)) throw invalid(MESSAGES.apiVersionRule);
    return { [HEADERS.authorization]: `Bearer ${key}`, [HEADERS.anytypeVersion]: version };
  }

  /** `fn(argument)`, awaited, unless `signal` fires first (a signal that throws counts as fired). */
  async function wait(fn, argument, signal, name) {
    let onAbort, value;
    const fired = new Promise((resolve) => (onAbort = () => resolve(FIRED)));
    try {
      value = signal?.aborted ? FIRED : (signal?.addEventListener('abort', onAbort), null);
    } catch {
      value = FIRED;
    }
    if (value !== FIRED) {
      try {
        value = await Promise.race([fn(argument), fired]);
      } catch (thrown) {
        const error = fail('aborted', fill(MESSAGES.callbackThrew, { name }));
        error.cause = thrown;
        throw error;
      } finally {
        try {
          signal.removeEventListener('abort', onAbort);
        } catch {}
      }
    }
    if (value === FIRED) throw fail('aborted', MESSAGES.pairAborted);
    return value;
  }

  /** One challenge, then `getCode` per attempt; a rejected code is retried on the same challenge. */
  async function pair(request) {
    const given = ownOptions(request, PAIR_OPTION_NAMES, MESSAGES.pairNotObject);
    const { appName, getCode, maxAttempts = DEFAULTS.maxAttempts, onChallenge, ...options } = given;
    if (typeof appName != 'string') throw invalid(MESSAGES.appNameNotString);
    if (typeof getCode != 'function') throw invalid(MESSAGES.getCodeNotFunction);
    if (onChallenge !== undefined && typeof onChallenge != 'function') throw invalid(MESSAGES.onChallengeNotFunction);
    if (!(Number.isInteger(maxAttempts) && maxAttempts > 0 && maxAttempts <= LIMITS.maxAttemptsMax)) throw invalid(MESSAGES.maxAttemptsRule);
    const challenge = await createChallenge(appName, options); // checks appName and options.signal
    const { challengeId } = challenge;
    if (onChallenge) await wait(onChallenge, challenge, options.signal, 'onChallenge');
    for (let attempt = 1, lastError = null; ; attempt++) {
      const code = await wait(getCode, { challengeId, attempt, lastError }, options.signal, 'getCode');
      string(code, MESSAGES.getCodeValueName, MESSAGES.getCodeNotString);
      try {
        return await createApiKey(challengeId, code, options);
      } catch (error) {
        // A rejected code, or one that was not 4 digits (never sent), costs one attempt.
        if (!['code_rejected', 'invalid_input'].includes(error?.kind) || attempt >= maxAttempts) throw error;
        lastError = error;
      }
    }
  }

  return { authHeaders, pair };
}
