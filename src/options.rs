//! The per-call options (`baseUrl`, `apiVersion`, `timeoutMs`, `allowInsecureRemote`), checked
//! and filled in with defaults. `signal` is a JS object, so the wasm layer keeps it itself.

use crate::base_url::BaseUrl;
use crate::error::Error;
use crate::input;

/// The `Anytype-Version` sent when the caller names none: the API generation this crate speaks.
pub const DEFAULT_API_VERSION: &str = "2025-11-08";
/// The timeout when the caller names none: 10 seconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Every option name the JS functions accept, in documentation order.
pub const OPTION_NAMES: [&str; 5] = ["baseUrl", "apiVersion", "timeoutMs", "signal", "allowInsecureRemote"];
/// The keys `pair` takes besides [`OPTION_NAMES`], in documentation order. `pair` is plain JS
/// (`js/plain-api.js`, whose `PAIR_KEYS` are these followed by [`OPTION_NAMES`]); its names are
/// kept here so that every copy is checked against one source (`tests/protocol_facts.rs`).
pub const PAIR_NAMES: [&str; 4] = ["appName", "getCode", "maxAttempts", "onChallenge"];
/// The only option `authHeaders` (plain JS, `js/plain-api.js`) takes.
pub const AUTH_HEADERS_OPTION_NAMES: [&str; 1] = ["apiVersion"];
/// How many codes `pair` tries on its one challenge when the caller names no `maxAttempts`.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// Options as the caller gave them, each `None` when absent (or `undefined`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawOptions {
    /// `baseUrl`.
    pub base_url: Option<String>,
    /// `apiVersion`.
    pub api_version: Option<String>,
    /// `timeoutMs`, as the JS number it was.
    pub timeout_ms: Option<f64>,
    /// `allowInsecureRemote`.
    pub allow_insecure_remote: Option<bool>,
}

/// Checked options with defaults applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Where Anytype's API is.
    pub base_url: BaseUrl,
    /// The `Anytype-Version` request header.
    pub api_version: String,
    /// Milliseconds for the whole call, headers and body; 0 means no limit.
    pub timeout_ms: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { base_url: BaseUrl::default_url(), api_version: DEFAULT_API_VERSION.to_owned(), timeout_ms: DEFAULT_TIMEOUT_MS }
    }
}

impl RawOptions {
    /// Checks every option and applies the defaults.
    pub fn resolve(&self) -> Result<Settings, Error> {
        let allow_insecure_remote = self.allow_insecure_remote.unwrap_or(false);
        let base_url = match &self.base_url {
            Some(raw) => BaseUrl::parse(raw, allow_insecure_remote)?,
            None => BaseUrl::default_url(),
        };
        let api_version = match &self.api_version {
            Some(raw) => input::api_version(raw)?,
            None => DEFAULT_API_VERSION.to_owned(),
        };
        let timeout_ms = match self.timeout_ms {
            Some(raw) => input::timeout_ms(raw)?,
            None => DEFAULT_TIMEOUT_MS,
        };
        Ok(Settings { base_url, api_version, timeout_ms })
    }
}

/// The error for an option name this crate does not know, with a hint for near misses
/// such as `baseURL`.
pub fn unknown_option(name: &str) -> Error {
    unknown_name(name, &OPTION_NAMES)
}

/// The error for a key that is not one of `known`: suggests the known name that differs only
/// in case, else lists them all. Shows at most 40 characters of the key, without control characters.
pub fn unknown_name(name: &str, known: &[&str]) -> Error {
    let mut message = String::with_capacity(160);
    message.push_str("Unknown option \"");
    for c in name.chars().take(40).filter(|c| !c.is_control()) {
        message.push(c);
    }
    message.push('"');
    if let Some(near) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        message.push_str(": did you mean \"");
        message.push_str(near);
        message.push_str("\"?");
    } else {
        let mut separator = "; the options are ";
        for k in known {
            message.push_str(separator);
            message.push_str(k);
            separator = ", ";
        }
        message.push('.');
    }
    Error::invalid_input(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let s = RawOptions::default().resolve().unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.base_url.as_str(), "http://127.0.0.1:31009");
        assert_eq!(s.api_version, "2025-11-08");
        assert_eq!(s.timeout_ms, 10_000);
    }

    #[test]
    fn given_values_are_checked_and_used() {
        let raw = RawOptions {
            base_url: Some("http://10.0.0.2:31012/".into()),
            api_version: Some("2025-05-20".into()),
            timeout_ms: Some(0.0),
            allow_insecure_remote: Some(true),
        };
        let s = raw.resolve().unwrap();
        assert_eq!(s.base_url.as_str(), "http://10.0.0.2:31012");
        assert_eq!(s.api_version, "2025-05-20");
        assert_eq!(s.timeout_ms, 0);
        let mut strict = raw.clone();
        strict.allow_insecure_remote = None;
        assert!(strict.resolve().is_err());
    }

    #[test]
    fn unknown_option_suggests_the_right_spelling() {
        assert!(unknown_option("baseURL").message().contains("did you mean \"baseUrl\"?"));
        assert!(unknown_option("timeout").message().contains("the options are"));
        assert!(unknown_option(&"x".repeat(500)).message().len() < 200);
    }
}
