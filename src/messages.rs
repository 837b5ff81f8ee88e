//! Every sentence a person reads: the error messages of the core, the wasm layer and the plain-JS
//! side (`pair`, `authHeaders`, the `wasm_unavailable` diagnostics), and the one-line description
//! of each error kind for the docs. The JS side receives its messages through the generated
//! `js/facts.js` (see `xtask/`).
//!
//! A message says what happened and what to do. It is built only from static text, the HTTP
//! status and the base URL (or, in JS, the wasm file's path), never from a value the caller
//! passed, so an API key or a pairing code can never end up in one. A message that takes values is
//! a function; `js/facts.js` gets it as a template, the function called with `{name}` placeholders
//! (filled by `fill` there), as it gets the JS-only templates below. Runtime messages point at doc
//! anchors (`docs/<page>.md#<anchor>`), never at section titles.

use const_format::formatcp;

use crate::base_url::{APP_PORT, BASE_URL_MAX_LEN, CLI_PORT, DEFAULT_BASE_URL};
use crate::classify::BODY_LIMIT_KIB;
use crate::error::ErrorKind;
use crate::facts::{DEFAULT_MAX_ATTEMPTS, MAX_ATTEMPTS_MAX};
use crate::input::{API_KEY_MAX_LEN, API_VERSION_MAX_LEN, APP_NAME_MAX_CHARS, CHALLENGE_ID_MAX_LEN, CODE_DIGITS, TIMEOUT_MAX_MS};
use crate::limits::{CHALLENGES_PER_RUN_V047, CODE_MINUTES, PENDING_SECONDS, TRIES_PER_CHALLENGE};
use crate::options::DEFAULT_API_VERSION;

/// The one-line description of `kind` in the docs' error-kinds table (Markdown).
pub fn kind_description(kind: ErrorKind) -> String {
    let pending_minutes = PENDING_SECONDS / 60;
    match kind {
        ErrorKind::InvalidInput => "an argument or option is wrong; **no request is sent**".into(),
        ErrorKind::WasmUnavailable => "the WebAssembly module could not be loaded; **no request is sent**. The message names the cause and the fix: a Content-Security-Policy without `'wasm-unsafe-eval'` in `script-src`; the `.wasm` not found next to a bundle (its URL is named; esbuild does not copy it); a file there that is not this version's wasm; Deno without `--allow-read` for it; no `WebAssembly` in the runtime. `error.cause` holds the platform's error; the next call tries to load it again".into(),
        ErrorKind::Unreachable => "no HTTP response: Anytype not running or not logged in, wrong port, the browser blocked it (Anytype sends no CORS headers), a redirect (never followed), or Deno refused the network (its own message, naming `--allow-net=<host>`)".into(),
        ErrorKind::Timeout => "no complete response (headers and body) within `timeoutMs`".into(),
        ErrorKind::Aborted => "`signal` aborted, before or during the request (or, in `pair`, `getCode` or `onChallenge` threw)".into(),
        ErrorKind::OriginNotAllowed => "403 `request origin is not allowed` from newer Anytype's gate: a refused `Origin` (an extension's or a web page's), a refused `Host`, or no `Origin` with `Sec-Fetch-Site: same-origin` or `same-site` (Firefox extensions). The message names both remedies: a declarativeNetRequest rule in an extension, or `ANYTYPE_API_ALLOWED_ORIGINS` / `ANYTYPE_API_ALLOWED_HOSTS` for the person's own setup".into(),
        ErrorKind::CodeRejected => format!("500 from `/v1/auth/api_keys`, one answer for every cause: a mistyped code (type it again); Allow not pressed yet (approve in Anytype, then type the code); the code's {CODE_MINUTES} minutes ran out, its {TRIES_PER_CHALLENGE} tries are used, or the request was superseded or lapsed (start a new request); too many wrong codes (pairing locked: restart Anytype). Heart v0.47: a wrong code, or an unknown or used challenge"),
        ErrorKind::ChallengeRefused => format!("500 from `/v1/auth/challenges`, one answer for every cause: a request from this app still waits in Anytype (answer it, or wait up to {pending_minutes} minutes); Deny was pressed (restart Anytype to ask again); too many requests this run or from this app, or too many wrong codes (restart Anytype); the account is not open. Heart v0.47: more than {CHALLENGES_PER_RUN_V047} challenges this run"),
        ErrorKind::Unauthorized => "401 from any call but `verifyApiKey` (which answers `valid: false` instead)".into(),
        ErrorKind::RateLimited => "429".into(),
        ErrorKind::NotSupported => "404 on an auth route: Anytype older than v0.41, or another program on that port".into(),
        ErrorKind::BadRequest => "any other 4xx".into(),
        ErrorKind::ServerError => "any other 5xx".into(),
        ErrorKind::InvalidResponse => format!("a success status whose body is not JSON, not an object, lacks the field, has the wrong type or an empty string, or is larger than {BODY_LIMIT_KIB} KiB"),
    }
}

// ---- arguments and options (Rust and JS) --------------------------------------------------------

/// `appName` is not a string.
pub const APP_NAME_NOT_STRING: &str = "appName must be a string.";
/// `appName` is empty after trimming.
pub const APP_NAME_EMPTY: &str = "appName is empty: pass the name Anytype should show for this app.";
/// `appName` is too long.
pub const APP_NAME_TOO_LONG: &str = formatcp!("appName is longer than {APP_NAME_MAX_CHARS} characters.");
/// `appName` has a control or invisible character.
pub const APP_NAME_INVISIBLE: &str = "appName contains a control or invisible character (such as a line break); remove it.";
/// `challengeId` is not a string.
pub const CHALLENGE_ID_NOT_STRING: &str = "challengeId must be a string: pass the challengeId that createChallenge returned.";
/// `challengeId` breaks its rule.
pub const CHALLENGE_ID_RULE: &str = formatcp!(
    "challengeId must be 1 to {CHALLENGE_ID_MAX_LEN} printable ASCII characters: pass the challengeId that createChallenge returned."
);
/// A code that is not [`CODE_DIGITS`] digits, also used where the code is not well-formed text.
pub const CODE_RULE: &str = formatcp!("code must be the {CODE_DIGITS} digits Anytype shows, as a string such as \"0427\".");
/// `verifyApiKey`'s `apiKey` is not a string.
pub const API_KEY_NOT_STRING: &str = "apiKey must be a string.";
/// `authHeaders`' `apiKey` is not a string.
pub const AUTH_HEADERS_KEY_NOT_STRING: &str = "apiKey must be a string: pass the apiKey that createApiKey or pair returned.";
/// `apiKey` breaks its rule.
pub const API_KEY_RULE: &str =
    formatcp!("apiKey must be 1 to {API_KEY_MAX_LEN} printable ASCII characters: pass the apiKey that createApiKey or pair returned.");
/// `apiVersion` is not a string.
pub const API_VERSION_NOT_STRING: &str = formatcp!("apiVersion must be a string, such as \"{DEFAULT_API_VERSION}\".");
/// `apiVersion` breaks its rule.
pub const API_VERSION_RULE: &str =
    formatcp!("apiVersion must be 1 to {API_VERSION_MAX_LEN} printable ASCII characters, such as \"{DEFAULT_API_VERSION}\".");
/// A `timeoutMs` out of range, also fit for one that is not a number.
pub const TIMEOUT_RULE: &str = formatcp!("timeoutMs must be a whole number of milliseconds from 0 (no timeout) to {TIMEOUT_MAX_MS}.");
/// `allowInsecureRemote` is not a boolean.
pub const ALLOW_INSECURE_REMOTE_NOT_BOOLEAN: &str = "allowInsecureRemote must be true or false.";
/// `signal` is not an `AbortSignal`.
pub const SIGNAL_NOT_ABORT_SIGNAL: &str = "signal must be an AbortSignal (from an AbortController).";
/// A string argument with a lone UTF-16 surrogate.
pub fn unpaired_surrogate(name: &str) -> String {
    format!("{name} contains an unpaired UTF-16 surrogate.")
}
/// `options` is neither a plain object nor left out.
pub const OPTIONS_NOT_PLAIN: &str = "options must be a plain object, or left out.";
/// Reading the keys of `options` threw (a hostile Proxy).
pub const OPTIONS_KEYS_THREW: &str = "options could not be read (reading its keys threw).";
/// `options` has a symbol key.
pub const OPTIONS_SYMBOL_KEY: &str = "options has a symbol key; only the documented option names are allowed.";
/// An option's getter threw.
pub fn option_getter_threw(name: &str) -> String {
    format!("options.{name} could not be read (its getter threw).")
}
/// An unknown option `name` (at most 40 characters of it, without control characters) that
/// differs from the known `near` only in ASCII case.
pub fn unknown_option_near(name: &str, near: &str) -> String {
    format!("Unknown option \"{name}\": did you mean \"{near}\"?")
}
/// An unknown option `name` (shown as in [`unknown_option_near`]); `known`: the names taken,
/// joined with ", ".
pub fn unknown_option(name: &str, known: &str) -> String {
    format!("Unknown option \"{name}\"; the options are {known}.")
}

// ---- baseUrl ------------------------------------------------------------------------------------

/// A `baseUrl` that is not an `http:` or `https:` URL, also fit for one that is not a string.
pub const BASE_URL_RULE: &str = formatcp!("baseUrl must be an absolute http: or https: URL, such as \"{DEFAULT_BASE_URL}\".");
/// A `baseUrl` over its length cap.
pub const BASE_URL_TOO_LONG: &str = formatcp!("baseUrl is longer than {BASE_URL_MAX_LEN} characters.");
/// A `baseUrl` with credentials, a query or a fragment.
pub const BASE_URL_EXTRAS: &str = "baseUrl must not have a user name, password, query or fragment.";
/// A `baseUrl` path that needs percent-encoding.
pub const BASE_URL_PATH: &str = "baseUrl's path has a character that must be percent-encoded.";
/// Plain `http:` to a host that is not loopback.
pub const BASE_URL_INSECURE: &str =
    "baseUrl uses plain http: to a host that is not loopback; use https:, or set allowInsecureRemote: true to send the key in clear.";
/// A `baseUrl` without a valid host.
pub const BASE_URL_HOST: &str = "baseUrl has no valid host name or IP address.";
/// A `baseUrl` with a bad port.
pub const BASE_URL_PORT: &str = "baseUrl's port must be a number from 1 to 65535.";

// ---- no answer ----------------------------------------------------------------------------------

/// Nothing answered at `base`.
pub fn unreachable(base: &str) -> String {
    format!("Anytype did not answer at {base}. Open the Anytype desktop app and log in, and check the port (app {APP_PORT}, anytype-cli {CLI_PORT}). Web pages cannot read its answers (see docs/runtimes.md#web-pages).")
}
/// Deno refused network access to `base`, whose host is `host`.
pub fn deno_net(base: &str, host: &str) -> String {
    format!("Deno refused this program network access to {base}, so nothing was sent: run it with --allow-net={host} (see docs/runtimes.md#deno).")
}
/// The body broke off.
pub const BODY_CUT: &str = "Anytype's answer was cut off. Try again, or restart Anytype.";
/// A redirect, never followed.
pub const REDIRECT: &str = "baseUrl answered with a redirect, which is never followed. Point baseUrl at Anytype's API itself.";
/// `timeoutMs` passed.
pub const TIMEOUT: &str = "Anytype did not answer within timeoutMs. Try again, raise timeoutMs, or restart Anytype.";
/// The caller's signal fired.
pub const ABORTED: &str = "The call was cancelled by its AbortSignal.";

// ---- answers ------------------------------------------------------------------------------------

/// A success whose body breaks the API's promise: `subject` (the body or the field) and what is
/// wrong with it.
pub fn invalid_response(subject: &str, problem: &str) -> String {
    format!("Anytype's answer is unusable: {subject} {problem}. Check that baseUrl points at Anytype and that Anytype is up to date.")
}
/// [`invalid_response`]'s problem for a success body over the limit.
pub const BODY_TOO_LARGE: &str = formatcp!("is larger than {BODY_LIMIT_KIB} KiB");
/// [`invalid_response`]'s problem for an id or key the other calls could not take back.
pub const UNUSABLE_VALUE: &str =
    formatcp!("is not 1 to {CHALLENGE_ID_MAX_LEN} (an id) or {API_KEY_MAX_LEN} (a key) printable ASCII characters");
/// The refused Origin or Host.
pub const ORIGIN_NOT_ALLOWED: &str = "Anytype refused this request's Origin or Host. In an extension, remove Origin with a declarativeNetRequest rule; for your own setup, start Anytype with ANYTYPE_API_ALLOWED_ORIGINS listing this origin, or ANYTYPE_API_ALLOWED_HOSTS listing this host (see docs/extensions.md#the-origin-rule).";
/// HTTP 401.
pub const UNAUTHORIZED: &str = "Anytype refused the request as unauthorized. Pair again to get a new API key.";
/// HTTP 429.
pub const RATE_LIMITED: &str = "Anytype is limiting the request rate. Wait a second, then try again.";
/// HTTP 404 on a pairing route.
pub const NOT_SUPPORTED: &str =
    "This server has no Anytype pairing API. Update Anytype (0.41 or newer), and check that baseUrl points at Anytype.";
/// Another 4xx.
pub const BAD_REQUEST: &str = "Anytype refused the request as invalid. Check baseUrl and apiVersion, or update Anytype.";
/// Another 5xx.
pub const SERVER_ERROR: &str = "Anytype had an internal error. Try again, or restart Anytype.";
/// A status outside 1xx–5xx use.
pub const ODD_STATUS: &str = "Anytype answered with a status its API never uses. Check that baseUrl points at Anytype.";
/// A state the crate should never reach.
pub const INTERNAL: &str = "Internal error in anytype-auth; please report it.";

/// HTTP 500 from `/v1/auth/api_keys`.
pub fn code_rejected() -> String {
    format!(
        "Anytype did not accept the code. If it was mistyped, type the {CODE_DIGITS} digits again. If Anytype still asks whether to allow this app, press Allow there first, then type the code it shows. If the code's {CODE_MINUTES} minutes ran out or its {TRIES_PER_CHALLENGE} tries are used, start a new request. After too many wrong codes Anytype locks pairing: restart it."
    )
}

/// HTTP 500 from `/v1/auth/challenges`.
pub fn challenge_refused() -> String {
    format!(
        "Anytype refused to start pairing. If a request from this app is still waiting in Anytype, answer it there (or wait up to {} minutes for it to lapse). If Deny was pressed, restart Anytype to ask again. After too many requests or too many wrong codes this run, restart Anytype. Check also that Anytype is open and logged in.",
        PENDING_SECONDS / 60
    )
}

// ---- pair() (JS only) ---------------------------------------------------------------------------

/// `pair()` got no plain object.
pub const PAIR_NOT_OBJECT: &str = "pair() takes one object such as { appName, getCode }.";
/// `getCode` is not a function.
pub const GET_CODE_NOT_FUNCTION: &str =
    formatcp!("getCode must be a function that returns the {CODE_DIGITS}-digit code as a string (or a Promise of it).");
/// `getCode` gave something that is not a string.
pub const GET_CODE_NOT_STRING: &str = "getCode must return the code as a string such as \"0427\", not a number.";
/// The name the surrogate message gives the code from `getCode`.
pub const GET_CODE_VALUE_NAME: &str = "The code from getCode";
/// `onChallenge` is given but not a function.
pub const ON_CHALLENGE_NOT_FUNCTION: &str = "onChallenge must be a function, or left out.";
/// A callback threw or rejected. Placeholder: `{name}` (`getCode` or `onChallenge`).
pub const CALLBACK_THREW: &str =
    "Pairing stopped: {name} threw or rejected (error.cause holds what it threw). Call pair() again for a new code.";
/// The signal fired while `pair()` waited for a callback.
pub const PAIR_ABORTED: &str = "Pairing stopped: the signal was aborted while waiting for the code. Call pair() again for a new code.";

/// `maxAttempts` out of range.
pub fn max_attempts_rule() -> String {
    format!("maxAttempts must be a whole number from 1 to {MAX_ATTEMPTS_MAX} (default {DEFAULT_MAX_ATTEMPTS}).")
}

// ---- wasm_unavailable (JS only: the wasm is what failed to load) -------------------------------

/// What to do with the `.wasm` file, cited by several of the messages below (as `{copy}`).
pub const WASM_COPY: &str = "copy node_modules/anytype-auth/anytype_auth_bg.wasm there (a bundler that does not emit it, such as esbuild, needs that; see docs/runtimes.md#bundlers)";
/// No `WebAssembly` global.
pub const WASM_NONE: &str = "This JavaScript runtime has no WebAssembly (typeof WebAssembly is \"undefined\"), which anytype-auth needs. It is turned off in some locked-down browsers and by V8 flags such as --jitless: turn that off for this site or program, or use another runtime.";
/// Deno refused to read the file. Placeholder: `{file}`.
pub const WASM_DENO_READ: &str =
    "Deno refused to read {file}, anytype-auth's WebAssembly file: run it with --allow-read={file} (see docs/runtimes.md#deno).";
/// A Content-Security-Policy without `'wasm-unsafe-eval'`.
pub const WASM_CSP: &str = "The Content-Security-Policy does not allow WebAssembly, so anytype-auth cannot start: add 'wasm-unsafe-eval' to its script-src (an MV3 extension's manifest: \"content_security_policy\": { \"extension_pages\": \"script-src 'self' 'wasm-unsafe-eval'\" }).";
/// The fetch of the file failed. Placeholders: `{file}`, `{said}` (what was thrown), `{copy}`.
pub const WASM_FETCH_FAILED: &str = "anytype-auth could not fetch its WebAssembly file {file} ({said}). Check that it is served there (if not, {copy}), that a Content-Security-Policy's connect-src allows it, and that the page is not opened from file://.";
/// The file is not served. Placeholders: `{file}`, `{status}`, `{copy}`.
pub const WASM_NOT_SERVED: &str = "anytype-auth's WebAssembly file is not at {file} (HTTP {status}): {copy}.";
/// The file is missing on disk. Placeholders: `{file}`, `{copy}`.
pub const WASM_MISSING: &str = "anytype-auth's WebAssembly file {file} is missing: reinstall anytype-auth, or in a bundle {copy}.";
/// The file belongs to another version. Placeholders: `{file}`, `{said}`, `{copy}`.
pub const WASM_OTHER_VERSION: &str =
    "{file} is the WebAssembly file of another anytype-auth version ({said}): {copy} again, from the installed version.";
/// The file is not WebAssembly. Placeholders: `{file}`, `{said}`, `{served}` (`; served as <type>`
/// or nothing), `{copy}`.
pub const WASM_NOT_WASM: &str = "{file} is not anytype-auth's WebAssembly file ({said}{served}): {copy}.";
/// Any other failure. Placeholders: `{file}`, `{said}`.
pub const WASM_OTHER: &str = "anytype-auth could not load its WebAssembly file {file} ({said}).";

/// Every message the JS side uses, by the camelCase name `js/facts.js` gives it.
pub fn for_js() -> Vec<(&'static str, String)> {
    let fixed: [(&str, &str); 25] = [
        ("appNameNotString", APP_NAME_NOT_STRING),
        ("authHeadersKeyNotString", AUTH_HEADERS_KEY_NOT_STRING),
        ("apiKeyRule", API_KEY_RULE),
        ("apiVersionNotString", API_VERSION_NOT_STRING),
        ("apiVersionRule", API_VERSION_RULE),
        ("optionsNotPlain", OPTIONS_NOT_PLAIN),
        ("optionsKeysThrew", OPTIONS_KEYS_THREW),
        ("optionsSymbolKey", OPTIONS_SYMBOL_KEY),
        ("pairNotObject", PAIR_NOT_OBJECT),
        ("getCodeNotFunction", GET_CODE_NOT_FUNCTION),
        ("getCodeNotString", GET_CODE_NOT_STRING),
        ("getCodeValueName", GET_CODE_VALUE_NAME),
        ("onChallengeNotFunction", ON_CHALLENGE_NOT_FUNCTION),
        ("callbackThrew", CALLBACK_THREW),
        ("pairAborted", PAIR_ABORTED),
        ("wasmCopy", WASM_COPY),
        ("wasmNone", WASM_NONE),
        ("wasmDenoRead", WASM_DENO_READ),
        ("wasmCsp", WASM_CSP),
        ("wasmFetchFailed", WASM_FETCH_FAILED),
        ("wasmNotServed", WASM_NOT_SERVED),
        ("wasmMissing", WASM_MISSING),
        ("wasmOtherVersion", WASM_OTHER_VERSION),
        ("wasmNotWasm", WASM_NOT_WASM),
        ("wasmOther", WASM_OTHER),
    ];
    let mut all: Vec<(&str, String)> = fixed.into_iter().map(|(name, text)| (name, text.to_owned())).collect();
    all.extend([
        ("unpairedSurrogate", unpaired_surrogate("{name}")),
        ("optionGetterThrew", option_getter_threw("{name}")),
        ("unknownOptionNear", unknown_option_near("{name}", "{near}")),
        ("unknownOption", unknown_option("{name}", "{known}")),
        ("maxAttemptsRule", max_attempts_rule()),
    ]);
    all
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_one_line_description() {
        for kind in ErrorKind::ALL {
            let text = kind_description(kind);
            assert!(!text.is_empty() && !text.contains('\n') && !text.contains('|'), "{kind}: {text}");
        }
    }

    #[test]
    fn js_message_names_are_unique_and_placeholders_known() {
        let messages = for_js();
        for (i, (name, text)) in messages.iter().enumerate() {
            assert!(!messages[i + 1..].iter().any(|(other, _)| other == name), "{name} twice");
            assert!(!text.is_empty(), "{name} is empty");
        }
        assert!(messages.iter().any(|(name, text)| *name == "maxAttemptsRule" && text.contains("from 1 to 5 (default 3)")));
    }

    #[test]
    fn runtime_messages_cite_doc_anchors_not_titles() {
        for text in [&unreachable("{base}"), &deno_net("{base}", "{host}"), ORIGIN_NOT_ALLOWED, WASM_COPY, WASM_DENO_READ] {
            assert!(text.contains("see docs/") && text.contains(".md#") && !text.contains("README"), "{text}");
        }
    }
}
