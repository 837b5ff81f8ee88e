//! The per-call options (`baseUrl`, `apiVersion`, `timeoutMs`, `allowInsecureRemote`), read with
//! serde, checked and filled in with defaults. `signal` is a JS object, so the wasm layer keeps it
//! itself.

use serde::{Deserialize, Deserializer};

use crate::base_url::BaseUrl;
use crate::error::Error;
use crate::input;
use crate::messages;

/// The `Anytype-Version` sent when the caller names none: the API generation this crate speaks.
pub const DEFAULT_API_VERSION: &str = "2025-11-08";
/// The timeout when the caller names none: 10 seconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Every option name the JS functions accept, in documentation order.
pub const OPTION_NAMES: [&str; 5] = ["baseUrl", "apiVersion", "timeoutMs", "signal", "allowInsecureRemote"];

/// Options as the caller gave them, each `None` when absent (or `undefined`). Read from any serde
/// format with [`RawOptions::read`]; the option names are the JS ones (camelCase).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
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
    /// Reads the options from `options`, an object of the option names (without `signal`). A value
    /// of the wrong type gives `invalid_input` with that option's rule ([`type_rule`]).
    pub fn read<'de, D: Deserializer<'de>>(options: D) -> Result<RawOptions, Error> {
        serde_path_to_error::deserialize(options).map_err(|error| {
            let option = error.path().iter().next().map(|segment| segment.to_string()).unwrap_or_default();
            match OPTION_NAMES.iter().find(|name| **name == option) {
                Some(name) => Error::invalid_input(type_rule(name)),
                None => unknown_option(&option),
            }
        })
    }

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

/// The rule an option's value breaks when it is of the wrong type (`timeoutMs: "1000"`).
pub fn type_rule(option: &str) -> &'static str {
    match option {
        "baseUrl" => messages::BASE_URL_RULE,
        "apiVersion" => messages::API_VERSION_NOT_STRING,
        "timeoutMs" => messages::TIMEOUT_RULE,
        "allowInsecureRemote" => messages::ALLOW_INSECURE_REMOTE_NOT_BOOLEAN,
        _ => messages::SIGNAL_NOT_ABORT_SIGNAL,
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
    let shown: String = name.chars().take(40).filter(|c| !c.is_control()).collect();
    let message = match known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        Some(near) => messages::unknown_option_near(&shown, near),
        None => messages::unknown_option(&shown, &known.join(", ")),
    };
    Error::invalid_input(message)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<RawOptions, Error> {
        RawOptions::read(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn options_are_read_by_their_js_names() {
        let raw = read(r#"{"baseUrl":"http://127.0.0.1:1","apiVersion":"v","timeoutMs":5,"allowInsecureRemote":false}"#).unwrap();
        assert_eq!(raw.base_url.as_deref(), Some("http://127.0.0.1:1"));
        assert_eq!(raw.api_version.as_deref(), Some("v"));
        assert_eq!(raw.timeout_ms, Some(5.0));
        assert_eq!(raw.allow_insecure_remote, Some(false));
        assert_eq!(read("{}").unwrap(), RawOptions::default());
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_option_and_rule() {
        assert_eq!(read(r#"{"timeoutMs":"1000"}"#).unwrap_err().message(), messages::TIMEOUT_RULE);
        assert_eq!(read(r#"{"baseUrl":31009}"#).unwrap_err().message(), messages::BASE_URL_RULE);
        assert!(read(r#"{"allowInsecureRemote":"yes"}"#).unwrap_err().message().contains("true or false"));
        assert!(read(r#"{"apiVersion":[]}"#).unwrap_err().message().contains("apiVersion must be a string"));
        assert!(read(r#"{"baseURL":"x"}"#).unwrap_err().message().contains("did you mean \"baseUrl\"?"));
    }

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
