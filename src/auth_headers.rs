//! `authHeaders()`: the two headers every later call to Anytype's API needs, built from a
//! checked key and version, so that callers never hand-craft `Authorization` wrongly.

use crate::error::Error;
use crate::input;
use crate::options::{unknown_name, DEFAULT_API_VERSION};

/// The option names `authHeaders()` accepts.
pub const HEADER_OPTION_NAMES: [&str; 1] = ["apiVersion"];

/// `[("Authorization", "Bearer <key>"), ("Anytype-Version", <version>)]` for a key and an
/// optional `apiVersion` (default `2025-11-08`), both checked like every other call's.
pub fn auth_headers(api_key: &str, api_version: Option<&str>) -> Result<[(&'static str, String); 2], Error> {
    let key = input::api_key(api_key)?;
    let version = match api_version {
        Some(raw) => input::api_version(raw)?,
        None => DEFAULT_API_VERSION.to_owned(),
    };
    let mut bearer = String::with_capacity(7 + key.len());
    bearer.push_str("Bearer ");
    bearer.push_str(&key);
    Ok([("Authorization", bearer), ("Anytype-Version", version)])
}

/// The error for an option `authHeaders()` does not know.
pub fn unknown_option(name: &str) -> Error {
    unknown_name(name, &HEADER_OPTION_NAMES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn builds_bearer_and_version() {
        let [auth, version] = auth_headers(" k3y/ABC= ", None).unwrap();
        assert_eq!(auth, ("Authorization", "Bearer k3y/ABC=".to_owned()));
        assert_eq!(version, ("Anytype-Version", "2025-11-08".to_owned()));
        let [_, version] = auth_headers("k", Some("2025-05-20")).unwrap();
        assert_eq!(version.1, "2025-05-20");
    }

    #[test]
    fn refuses_bad_keys_and_versions_without_echoing_them() {
        for (key, version) in [("", None), ("a\tb", None), ("k", Some("")), ("k", Some("x".repeat(33).as_str()))] {
            let error = auth_headers(key, version).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput);
        }
        let error = auth_headers("secret\u{7f}", None).unwrap_err();
        assert!(!error.message().contains("secret"));
        assert!(unknown_option("apiversion").message().contains("did you mean \"apiVersion\"?"));
        assert!(unknown_option("baseUrl").message().contains("the options are apiVersion."));
    }
}
