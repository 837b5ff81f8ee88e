//! The IO-free rules of `pair()`: which keys its argument may have, how many attempts it
//! makes, when a failed attempt is retried, and the errors it ends with when the caller's own
//! code (`getCode`, `onChallenge`) gives up. The wasm layer (`wasm::pair`) runs the loop.

use crate::error::{Error, ErrorKind};
use crate::options::{unknown_name, OPTION_NAMES};

/// `maxAttempts` when the caller names none.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// The largest `maxAttempts`: Anytype's desktop popup lasts about 30 seconds, and the 2026
/// server deletes a challenge after 5 wrong codes, so more tries only delay a fresh challenge.
pub const MAX_ATTEMPTS_LIMIT: u32 = 10;
/// The keys `pair()` reads itself; every other key must be a call option ([`OPTION_NAMES`]).
pub const PAIR_KEYS: [&str; 4] = ["appName", "getCode", "maxAttempts", "onChallenge"];
/// Every key `pair()`'s argument may have: [`PAIR_KEYS`], then the call options.
pub const PAIR_ARGUMENT_KEYS: [&str; 9] =
    [PAIR_KEYS[0], PAIR_KEYS[1], PAIR_KEYS[2], PAIR_KEYS[3], OPTION_NAMES[0], OPTION_NAMES[1], OPTION_NAMES[2], OPTION_NAMES[3], OPTION_NAMES[4]];

/// Checks `maxAttempts`: a whole number from 1 to [`MAX_ATTEMPTS_LIMIT`]; `None` gives the default.
pub fn max_attempts(raw: Option<f64>) -> Result<u32, Error> {
    match raw {
        None => Ok(DEFAULT_MAX_ATTEMPTS),
        Some(n) if n.is_finite() && n.fract() == 0.0 && (1.0..=MAX_ATTEMPTS_LIMIT as f64).contains(&n) => Ok(n as u32),
        Some(_) => Err(Error::invalid_input("maxAttempts must be a whole number from 1 to 10 (default 3).")),
    }
}

/// Whether `key` may appear in `pair()`'s argument.
pub fn is_known_key(key: &str) -> bool {
    PAIR_ARGUMENT_KEYS.contains(&key)
}

/// The error for a key `pair()` does not know, with a hint for near misses such as `appname`.
pub fn unknown_key(key: &str) -> Error {
    unknown_name(key, &PAIR_ARGUMENT_KEYS)
}

/// Whether a failed attempt should be followed by another `getCode` on the same challenge:
/// only a rejected code (or a code that was not 4 digits, which was never sent) is retried,
/// and only while attempts remain.
pub fn should_retry(error: &Error, attempt: u32, max_attempts: u32) -> bool {
    matches!(error.kind(), ErrorKind::CodeRejected | ErrorKind::InvalidInput) && attempt < max_attempts
}

/// Who ended the pairing early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// `getCode` threw or its Promise rejected.
    GetCode,
    /// `onChallenge` threw or its Promise rejected.
    OnChallenge,
    /// The caller's `signal` aborted while `getCode` or `onChallenge` was pending.
    Signal,
}

/// The `aborted` error `pair()` rejects with when the caller's code or signal stops it.
pub fn stopped(by: Stopped) -> Error {
    Error::new(
        ErrorKind::Aborted,
        match by {
            Stopped::GetCode => {
                "Pairing stopped: getCode threw or rejected (error.cause holds what it threw). Call pair() again for a new code."
            }
            Stopped::OnChallenge => {
                "Pairing stopped: onChallenge threw or rejected (error.cause holds what it threw). Call pair() again for a new code."
            }
            Stopped::Signal => "Pairing stopped: the signal was aborted while waiting for the code. Call pair() again for a new code.",
        },
    )
}

/// The error when `pair()`'s argument is not an object.
pub fn not_an_object() -> Error {
    Error::invalid_input("pair() takes one object such as { appName, getCode }.")
}

/// The error when `getCode` is missing or not a function.
pub fn get_code_not_a_function() -> Error {
    Error::invalid_input("getCode must be a function that returns the 4-digit code as a string (or a Promise of it).")
}

/// The error when `onChallenge` is given but is not a function.
pub fn on_challenge_not_a_function() -> Error {
    Error::invalid_input("onChallenge must be a function, or left out.")
}

/// The message when `getCode` gives something other than a string.
pub const CODE_NOT_A_STRING: &str = "getCode must return the code as a string such as \"0427\", not a number.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_attempts_defaults_to_three_and_accepts_one_to_ten() {
        assert_eq!(max_attempts(None).unwrap(), 3);
        assert_eq!(max_attempts(Some(1.0)).unwrap(), 1);
        assert_eq!(max_attempts(Some(10.0)).unwrap(), 10);
        for bad in [0.0, 11.0, -1.0, 2.5, f64::NAN, f64::INFINITY, 1e300] {
            assert_eq!(max_attempts(Some(bad)).unwrap_err().kind(), ErrorKind::InvalidInput, "{bad}");
        }
    }

    #[test]
    fn keys_are_the_pair_keys_and_the_call_options() {
        for key in ["appName", "getCode", "maxAttempts", "onChallenge", "baseUrl", "signal", "timeoutMs"] {
            assert!(is_known_key(key), "{key}");
        }
        assert!(!is_known_key("code"));
        assert!(unknown_key("appname").message().contains("did you mean \"appName\"?"));
        assert!(unknown_key("baseURL").message().contains("did you mean \"baseUrl\"?"));
        let listed = unknown_key("retries");
        assert!(listed.message().contains("maxAttempts") && listed.message().contains("allowInsecureRemote"));
    }

    #[test]
    fn only_rejected_or_malformed_codes_are_retried_while_attempts_remain() {
        let rejected = Error::new(ErrorKind::CodeRejected, "wrong").with_status(500);
        assert!(should_retry(&rejected, 1, 3));
        assert!(should_retry(&rejected, 2, 3));
        assert!(!should_retry(&rejected, 3, 3));
        assert!(should_retry(&Error::invalid_input("not 4 digits"), 1, 2));
        for kind in [ErrorKind::Unreachable, ErrorKind::Timeout, ErrorKind::Aborted, ErrorKind::OriginNotAllowed, ErrorKind::ServerError] {
            assert!(!should_retry(&Error::new(kind, "x"), 1, 10), "{kind}");
        }
    }

    #[test]
    fn stops_are_aborted_errors_that_name_the_cause() {
        assert!(stopped(Stopped::GetCode).message().contains("getCode"));
        assert!(stopped(Stopped::OnChallenge).message().contains("onChallenge"));
        assert!(stopped(Stopped::Signal).message().contains("signal"));
        for by in [Stopped::GetCode, Stopped::OnChallenge, Stopped::Signal] {
            assert_eq!(stopped(by).kind(), ErrorKind::Aborted);
            assert_eq!(stopped(by).status(), None);
        }
    }
}
