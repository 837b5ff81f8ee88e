//! The facts the JS side, the types and the docs are generated from (`xtask/` writes
//! `js/facts.js`, the facts and options blocks of `js/index.d.ts` and the docs' tables): the kinds,
//! the limits, the defaults, the names of options and headers, what `trim` removes, and what each
//! option and argument does and accepts. The messages are in [`crate::messages`].

use crate::base_url::{BASE_URL_MAX_LEN, CLI_PORT, DEFAULT_BASE_URL};
use crate::error::ErrorKind;
use crate::input::{API_KEY_MAX_LEN, API_VERSION_MAX_LEN, APP_NAME_MAX_CHARS, CHALLENGE_ID_MAX_LEN, CODE_DIGITS, TIMEOUT_MAX_MS};
use crate::limits::*;
use crate::options::{DEFAULT_API_VERSION, DEFAULT_TIMEOUT_MS};
use crate::request::{ANYTYPE_VERSION, AUTHORIZATION};

/// The keys `pair` takes besides the call options, in documentation order.
pub const PAIR_NAMES: [&str; 4] = ["appName", "getCode", "maxAttempts", "onChallenge"];
/// The only option `authHeaders` takes.
pub const AUTH_HEADERS_OPTION_NAMES: [&str; 1] = ["apiVersion"];
/// How many codes `pair` tries on its one challenge when the caller names no `maxAttempts`.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// The largest `maxAttempts` of `pair`: the tries Anytype allows a challenge. The smallest is 1.
pub const MAX_ATTEMPTS_MAX: u32 = TRIES_PER_CHALLENGE;

/// A number the JS side sees, by its camelCase name.
pub type Number = (&'static str, u64);

/// `LIMITS`: what Anytype allows a pairing client ([`crate::limits`]), then the input caps.
pub fn limits() -> Vec<Number> {
    vec![
        ("pendingSeconds", PENDING_SECONDS.into()),
        ("codeMinutes", CODE_MINUTES.into()),
        ("codeSecondsV047", CODE_SECONDS_V047.into()),
        ("triesPerChallenge", TRIES_PER_CHALLENGE.into()),
        ("wrongCodesLock", WRONG_CODES_LOCK.into()),
        ("requestsPerRun", REQUESTS_PER_RUN.into()),
        ("requestsPerCaller", REQUESTS_PER_CALLER.into()),
        ("challengesPerRunV047", CHALLENGES_PER_RUN_V047.into()),
        ("codeDigits", CODE_DIGITS as u64),
        ("appNameMaxChars", APP_NAME_MAX_CHARS as u64),
        ("challengeIdMaxLength", CHALLENGE_ID_MAX_LEN as u64),
        ("apiKeyMaxLength", API_KEY_MAX_LEN as u64),
        ("apiVersionMaxLength", API_VERSION_MAX_LEN as u64),
        ("baseUrlMaxLength", BASE_URL_MAX_LEN as u64),
        ("timeoutMaxMs", TIMEOUT_MAX_MS.into()),
        ("maxAttemptsMax", MAX_ATTEMPTS_MAX.into()),
    ]
}

/// `DEFAULTS`: the value of each option the caller leaves out, by name, in the order of the
/// options table ([`call_options`], then [`max_attempts`]).
pub fn defaults() -> Vec<(&'static str, Shown)> {
    call_options().into_iter().chain([max_attempts()]).filter_map(|option| Some((option.name, option.default?))).collect()
}

/// The `status` an error of `kind` carries, as the docs' error-kinds table shows it.
pub fn kind_status(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidInput | ErrorKind::WasmUnavailable | ErrorKind::Unreachable | ErrorKind::Timeout | ErrorKind::Aborted => "null",
        ErrorKind::OriginNotAllowed => "403",
        ErrorKind::CodeRejected | ErrorKind::ChallengeRefused => "500",
        ErrorKind::Unauthorized => "401",
        ErrorKind::RateLimited => "429",
        ErrorKind::NotSupported => "404",
        ErrorKind::BadRequest => "4xx",
        ErrorKind::ServerError => "5xx",
        ErrorKind::InvalidResponse => "2xx",
    }
}

/// `HEADERS`: the request headers `authHeaders` returns, by camelCase name.
pub const HEADERS: [(&str, &str); 2] = [("authorization", AUTHORIZATION), ("anytypeVersion", ANYTYPE_VERSION)];

/// Every character Rust's `str::trim` removes (Unicode White_Space), so that JS trims a key as
/// the core does.
pub fn white_space() -> String {
    ('\0'..=char::MAX).filter(|c| c.is_whitespace()).collect()
}

/// A value the docs, the types and `DEFAULTS` show: a string (shown quoted), a number or a boolean.
pub enum Shown {
    /// A string.
    Text(&'static str),
    /// A number.
    Number(u64),
    /// A boolean.
    Bool(bool),
}

/// One option as the docs' options table and the doc comments of the types describe it.
pub struct OptionFact {
    /// Its JS name.
    pub name: &'static str,
    /// Its TypeScript type, without `| undefined`.
    pub ts_type: &'static str,
    /// Its value when left out, or `None` when leaving it out means "none".
    pub default: Option<Shown>,
    /// The values it accepts (a phrase; Markdown).
    pub accepts: String,
    /// What it does (one sentence; Markdown).
    pub does: String,
}

/// The call options of every network call, in the order of
/// [`OPTION_NAMES`](crate::options::OPTION_NAMES); their defaults and ranges are the core's.
pub fn call_options() -> [OptionFact; 5] {
    [
        OptionFact {
            name: "baseUrl",
            ts_type: "string",
            default: Some(Shown::Text(DEFAULT_BASE_URL)),
            accepts: format!(
                "an absolute `http:` or `https:` URL of at most {BASE_URL_MAX_LEN} bytes, without credentials, query or \
                 fragment (a path prefix is kept, trailing slashes are dropped); plain `http:` only to `localhost`, \
                 `127.0.0.0/8` or `[::1]` unless `allowInsecureRemote`"
            ),
            does: format!("Where Anytype's local API is (anytype-cli serves it on port {CLI_PORT})."),
        },
        OptionFact {
            name: "apiVersion",
            ts_type: "string",
            default: Some(Shown::Text(DEFAULT_API_VERSION)),
            accepts: format!("1 to {API_VERSION_MAX_LEN} printable ASCII characters"),
            does: "Sent as the `Anytype-Version` header.".into(),
        },
        OptionFact {
            name: "timeoutMs",
            ts_type: "number",
            default: Some(Shown::Number(DEFAULT_TIMEOUT_MS.into())),
            accepts: format!("an integer from 0 (no timeout) to {TIMEOUT_MAX_MS}"),
            does: "Milliseconds for each request, headers and body (in `pair`, not the wait for the person).".into(),
        },
        OptionFact {
            name: "signal",
            ts_type: "AbortSignal",
            default: None,
            accepts: "an `AbortSignal`".into(),
            does: "Cancels the call (kind `aborted`); an already-aborted signal sends nothing.".into(),
        },
        OptionFact {
            name: "allowInsecureRemote",
            ts_type: "boolean",
            default: Some(Shown::Bool(false)),
            accepts: "`true` or `false`".into(),
            does: "Allows plain `http:` to a host that is not loopback (the key then crosses the network in clear).".into(),
        },
    ]
}

/// `pair`'s own `maxAttempts`.
pub fn max_attempts() -> OptionFact {
    OptionFact {
        name: "maxAttempts",
        ts_type: "number",
        default: Some(Shown::Number(DEFAULT_MAX_ATTEMPTS.into())),
        accepts: format!("an integer from 1 to {MAX_ATTEMPTS_MAX}"),
        does: format!("How many codes `pair` tries on its one challenge (Anytype allows {TRIES_PER_CHALLENGE} tries per request)."),
    }
}

/// One argument as the docs' arguments table describes it: its name and the values it accepts.
pub type ArgumentFact = (&'static str, String);

/// The arguments whose caps callers meet, with the rules the core checks them by.
pub fn arguments() -> [ArgumentFact; 4] {
    [
        (
            "appName",
            format!(
                "a string; trimmed; 1 to {APP_NAME_MAX_CHARS} characters; no control characters, zero-width or direction \
                 marks, or unpaired surrogates"
            ),
        ),
        ("code", format!("a string (a number is refused); all whitespace removed; then exactly {CODE_DIGITS} ASCII digits (other scripts' digits are refused)")),
        ("challengeId", format!("a string; trimmed; 1 to {CHALLENGE_ID_MAX_LEN} printable ASCII characters")),
        ("apiKey", format!("a string; trimmed; 1 to {API_KEY_MAX_LEN} printable ASCII characters")),
    ]
}
