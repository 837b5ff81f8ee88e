// Generated from the Rust core (src/facts.rs, src/messages.rs) by `cargo run -p xtask`; do not edit.
export const ERROR_KINDS = Object.freeze(["invalid_input", "wasm_unavailable", "unreachable", "timeout", "aborted", "origin_not_allowed", "code_rejected", "challenge_refused", "unauthorized", "rate_limited", "not_supported", "bad_request", "server_error", "invalid_response"]);
export const LIMITS = Object.freeze({
  pendingSeconds: 180,
  codeMinutes: 5,
  codeSecondsV047: 30,
  triesPerChallenge: 5,
  wrongCodesLock: 20,
  requestsPerRun: 30,
  requestsPerCaller: 10,
  challengesPerRunV047: 50,
  codeDigits: 4,
  appNameMaxChars: 200,
  challengeIdMaxLength: 128,
  apiKeyMaxLength: 1024,
  apiVersionMaxLength: 32,
  baseUrlMaxLength: 2048,
  timeoutMaxMs: 600000,
  maxAttemptsMax: 5,
});
export const DEFAULTS = Object.freeze({
  baseUrl: "http://127.0.0.1:31009",
  apiVersion: "2025-11-08",
  timeoutMs: 10000,
  allowInsecureRemote: false,
  maxAttempts: 3,
});
export const PAIR_OPTION_NAMES = ["appName", "getCode", "maxAttempts", "onChallenge", "baseUrl", "apiVersion", "timeoutMs", "signal", "allowInsecureRemote"];
export const AUTH_HEADERS_OPTION_NAMES = ["apiVersion"];
export const HEADERS = {
  authorization: "Authorization",
  anytypeVersion: "Anytype-Version",
};
export const EDGE_WHITE_SPACE = /^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
export const MESSAGES = {
  appNameNotString: "appName must be a string.",
  authHeadersKeyNotString: "apiKey must be a string: pass the apiKey that createApiKey or pair returned.",
  apiKeyRule: "apiKey must be 1 to 1024 printable ASCII characters: pass the apiKey that createApiKey or pair returned.",
  apiVersionNotString: "apiVersion must be a string, such as \"2025-11-08\".",
  apiVersionRule: "apiVersion must be 1 to 32 printable ASCII characters, such as \"2025-11-08\".",
  optionsNotPlain: "options must be a plain object, or left out.",
  optionsKeysThrew: "options could not be read (reading its keys threw).",
  optionsSymbolKey: "options has a symbol key; only the documented option names are allowed.",
  pairNotObject: "pair() takes one object such as { appName, getCode }.",
  getCodeNotFunction: "getCode must be a function that returns the 4-digit code as a string (or a Promise of it).",
  getCodeNotString: "getCode must return the code as a string such as \"0427\", not a number.",
  getCodeValueName: "The code from getCode",
  onChallengeNotFunction: "onChallenge must be a function, or left out.",
  callbackThrew: "Pairing stopped: {name} threw or rejected (error.cause holds what it threw). Call pair() again for a new code.",
  pairAborted: "Pairing stopped: the signal was aborted while waiting for the code. Call pair() again for a new code.",
  wasmCopy: "copy node_modules/anytype-auth/anytype_auth_bg.wasm there (a bundler that does not emit it, such as esbuild, needs that; see docs/runtimes.md#bundlers)",
  wasmNone: "This JavaScript runtime has no WebAssembly (typeof WebAssembly is \"undefined\"), which anytype-auth needs. It is turned off in some locked-down browsers and by V8 flags such as --jitless: turn that off for this site or program, or use another runtime.",
  wasmDenoRead: "Deno refused to read {file}, anytype-auth's WebAssembly file: run it with --allow-read={file} (see docs/runtimes.md#deno).",
  wasmCsp: "The Content-Security-Policy does not allow WebAssembly, so anytype-auth cannot start: add 'wasm-unsafe-eval' to its script-src (an MV3 extension's manifest: \"content_security_policy\": { \"extension_pages\": \"script-src 'self' 'wasm-unsafe-eval'\" }).",
  wasmFetchFailed: "anytype-auth could not fetch its WebAssembly file {file} ({said}). Check that it is served there (if not, {copy}), that a Content-Security-Policy's connect-src allows it, and that the page is not opened from file://.",
  wasmNotServed: "anytype-auth's WebAssembly file is not at {file} (HTTP {status}): {copy}.",
  wasmMissing: "anytype-auth's WebAssembly file {file} is missing: reinstall anytype-auth, or in a bundle {copy}.",
  wasmOtherVersion: "{file} is the WebAssembly file of another anytype-auth version ({said}): {copy} again, from the installed version.",
  wasmNotWasm: "{file} is not anytype-auth's WebAssembly file ({said}{served}): {copy}.",
  wasmOther: "anytype-auth could not load its WebAssembly file {file} ({said}).",
  unpairedSurrogate: "{name} contains an unpaired UTF-16 surrogate.",
  optionGetterThrew: "options.{name} could not be read (its getter threw).",
  unknownOptionNear: "Unknown option \"{name}\": did you mean \"{near}\"?",
  unknownOption: "Unknown option \"{name}\"; the options are {known}.",
  maxAttemptsRule: "maxAttempts must be a whole number from 1 to 5 (default 3).",
};
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
