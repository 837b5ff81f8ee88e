//! The facts the JS side, the types and the docs are generated from (`xtask/` writes
//! `js/facts.js`, the facts block of `js/index.d.ts` and the error-kinds tables): the kinds, the
//! limits, the defaults, the names of options and headers and what `trim` removes. The messages
//! are in [`crate::messages`].

use crate::base_url::{BASE_URL_MAX_LEN, DEFAULT_BASE_URL};
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

/// A default the JS side sees: its option name and its value as JS source (a string literal or
/// a number).
pub enum DefaultValue {
    /// A string.
    Text(&'static str, &'static str),
    /// A number.
    Number(&'static str, u64),
}

/// `DEFAULTS`: the value of each option the caller leaves out.
pub fn defaults() -> [DefaultValue; 4] {
    [
        DefaultValue::Text("baseUrl", DEFAULT_BASE_URL),
        DefaultValue::Text("apiVersion", DEFAULT_API_VERSION),
        DefaultValue::Number("timeoutMs", DEFAULT_TIMEOUT_MS.into()),
        DefaultValue::Number("maxAttempts", DEFAULT_MAX_ATTEMPTS.into()),
    ]
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
