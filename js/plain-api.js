// authHeaders and pair, in plain JS over the wasm's createChallenge and createApiKey: one needs
// no IO (so it works before the wasm loads), the other is a loop over those two, which check the
// app name and every option before they send (as wasm it cost 3 KB of gzipped wasm).
// Same rules and messages as src/. Also the wasm_unavailable error of every entry, whose messages
// live only here (see wasmUnavailable). No imports, so each entry and the wasm tests can build them;
// no \p{…} in regular expressions (Node parses those slowly at import).

const PAIR_KEYS = ['appName', 'getCode', 'maxAttempts', 'onChallenge', 'baseUrl', 'apiVersion', 'timeoutMs', 'signal', 'allowInsecureRemote'];
// What Rust's str::trim removes, Unicode's White_Space: JS's \s without U+FEFF, and U+0085.
const EDGE_WHITE_SPACE = /^(?:[^\S\ufeff]|\x85)+|(?:[^\S\ufeff]|\x85)+$/g;
const FIRED = Symbol(); // what the race against the signal gives when the signal fires first
const lower = (text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase()); // ASCII only, as in Rust

/** `{ authHeaders, pair }` (see index.d.ts) over the given functions and error class. */
export function makePlainApi({ createChallenge, createApiKey, AnytypeError }) {
  const fail = (kind, message) => new AnytypeError(kind, message, null, null, null);
  const invalid = (message) => fail('invalid_input', message);

  /** `value` if it is a string without lone surrogates. */
  function string(value, name, typeError) {
    if (typeof value != 'string') throw invalid(typeError);
    if (/[\ud800-\udfff]/u.test(value)) throw invalid(`${name} contains an unpaired UTF-16 surrogate.`);
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
      throw invalid('options could not be read (reading its keys threw).');
    }
    const given = {}; // own keys only: a polluted Object.prototype adds nothing
    for (const key of own) {
      if (typeof key != 'string') throw invalid('options has a symbol key; only the documented option names are allowed.');
      if (!keys.includes(key)) {
        const shown = [...key].slice(0, 40).join('').replace(/[\0-\x1f\x7f-\x9f]/g, '');
        const near = keys.find((known) => lower(known) == lower(key));
        throw invalid(`Unknown option "${shown}"` + (near ? `: did you mean "${near}"?` : `; the options are ${keys.join(', ')}.`));
      }
      try {
        given[key] = object[key];
      } catch {
        throw invalid(`options.${key} could not be read (its getter threw).`);
      }
    }
    return given;
  }

  /** `{ Authorization: "Bearer <key>", "Anytype-Version": … }`; throws `invalid_input`. */
  function authHeaders(apiKey, options) {
    const key = string(apiKey, 'apiKey', 'apiKey must be a string: pass the apiKey that createApiKey or pair returned.').replace(EDGE_WHITE_SPACE, '');
    const { apiVersion } = options === undefined ? {} : ownOptions(options, ['apiVersion'], 'options must be a plain object, or left out.');
    const version = apiVersion === undefined ? '2025-11-08' : string(apiVersion, 'apiVersion', 'apiVersion must be a string, such as "2025-11-08".');
    if (!/^[\x20-\x7e]{1,1024}$/.test(key)) {
      throw invalid('apiKey must be 1 to 1024 printable ASCII characters: pass the apiKey that createApiKey or pair returned.');
    }
    if (!/^[\x20-\x7e]{1,32}$/.test(version)) throw invalid('apiVersion must be 1 to 32 printable ASCII characters, such as "2025-11-08".');
    return { Authorization: `Bearer ${key}`, 'Anytype-Version': version };
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
        const error = fail('aborted', `Pairing stopped: ${name} threw or rejected (error.cause holds what it threw). Call pair() again for a new code.`);
        error.cause = thrown;
        throw error;
      } finally {
        try {
          signal.removeEventListener('abort', onAbort);
        } catch {}
      }
    }
    if (value === FIRED) throw fail('aborted', 'Pairing stopped: the signal was aborted while waiting for the code. Call pair() again for a new code.');
    return value;
  }

  /** One challenge, then `getCode` per attempt; a rejected code is retried on the same challenge. */
  async function pair(request) {
    const given = ownOptions(request, PAIR_KEYS, 'pair() takes one object such as { appName, getCode }.');
    const { appName, getCode, maxAttempts = 3, onChallenge, ...options } = given;
    if (typeof appName != 'string') throw invalid('appName must be a string.');
    if (typeof getCode != 'function') throw invalid('getCode must be a function that returns the 4-digit code as a string (or a Promise of it).');
    if (onChallenge !== undefined && typeof onChallenge != 'function') throw invalid('onChallenge must be a function, or left out.');
    if (!(Number.isInteger(maxAttempts) && maxAttempts > 0 && maxAttempts < 6)) throw invalid('maxAttempts must be a whole number from 1 to 5 (default 3).');
    const challenge = await createChallenge(appName, options); // checks appName and options.signal
    const { challengeId } = challenge;
    if (onChallenge) await wait(onChallenge, challenge, options.signal, 'onChallenge');
    for (let attempt = 1, lastError = null; ; attempt++) {
      const code = await wait(getCode, { challengeId, attempt, lastError }, options.signal, 'getCode');
      string(code, 'The code from getCode', 'getCode must return the code as a string such as "0427", not a number.');
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

const CSP_REFUSAL = /content.security.policy|\bCSP\b|wasm-(?:unsafe-)?eval|unsafe-eval/i;

/**
 * The `wasm_unavailable` AnytypeError for a failed load of the wasm file at `where` (its URL, or
 * a path), with what the load threw as `error.cause`. `response` is what `fetch` gave when the
 * entry fetched the file, `null` when that fetch itself failed, `undefined` when it read the file
 * instead (Node). The messages of this kind are written here and nowhere else: those of every
 * other kind come from the wasm, and the wasm is what failed to load. Each entry calls this from
 * the catch around its load (index.js, node.js, index.cjs).
 */
export function wasmUnavailable(AnytypeError, cause, where, response) {
  const file = typeof where == 'string' ? where : where.protocol == 'file:' ? decodeURIComponent(where.pathname) : where.href;
  let name = '';
  let said = '';
  try {
    name = String(cause?.name ?? '');
    said = `${name}: ${String(cause?.message ?? cause)}`.slice(0, 300);
  } catch {} // something that cannot even be read as text: classified by what else is known
  const copy = `copy node_modules/anytype-auth/anytype_auth_bg.wasm there (a bundler that does not emit it, such as esbuild, needs that; README, "Install and use")`;
  let message;
  if (typeof WebAssembly == 'undefined') {
    message = 'This JavaScript runtime has no WebAssembly (typeof WebAssembly is "undefined"), which anytype-auth needs. It is turned off in some locked-down browsers and by V8 flags such as --jitless: turn that off for this site or program, or use another runtime.';
  } else if (name == 'NotCapable' || name == 'PermissionDenied') {
    message = `Deno refused to read ${file}, anytype-auth's WebAssembly file: run it with --allow-read=${file} (README, "Where it works").`;
  } else if (name == 'EvalError' || CSP_REFUSAL.test(said)) {
    message = `The Content-Security-Policy does not allow WebAssembly, so anytype-auth cannot start: add 'wasm-unsafe-eval' to its script-src (an MV3 extension's manifest: "content_security_policy": { "extension_pages": "script-src 'self' 'wasm-unsafe-eval'" }).`;
  } else if (response === null) {
    message = `anytype-auth could not fetch its WebAssembly file ${file} (${said}). Check that it is served there (if not, ${copy}), that a Content-Security-Policy's connect-src allows it, and that the page is not opened from file://.`;
  } else if (response && !response.ok) {
    message = `anytype-auth's WebAssembly file is not at ${file} (HTTP ${response.status}): ${copy}.`;
  } else if (cause?.code == 'ENOENT' || name == 'NotFound') {
    message = `anytype-auth's WebAssembly file ${file} is missing: reinstall anytype-auth, or in a bundle ${copy}.`;
  } else if (name == 'LinkError') {
    message = `${file} is the WebAssembly file of another anytype-auth version (${said}): ${copy} again, from the installed version.`;
  } else if (name == 'CompileError') {
    const type = response?.headers.get('content-type');
    message = `${file} is not anytype-auth's WebAssembly file (${said}${type ? `; served as ${type}` : ''}): ${copy}.`;
  } else {
    message = `anytype-auth could not load its WebAssembly file ${file} (${said}).`;
  }
  const error = new AnytypeError('wasm_unavailable', message, null, null, null);
  error.cause = cause;
  return error;
}
