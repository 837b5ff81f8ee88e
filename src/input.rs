//! Validation of the caller's arguments. Each check returns the cleaned value or an
//! `invalid_input` [`Error`] whose message names the argument and the rule, never the value.

use crate::error::Error;
use crate::messages;

/// The longest app name, in characters (Anytype shows it in Settings → API Keys).
pub const APP_NAME_MAX_CHARS: usize = 200;
/// The longest challenge id, in bytes (real ids are 24 hex characters).
pub const CHALLENGE_ID_MAX_LEN: usize = 128;
/// The longest API key, in bytes (real keys are 44 base64 characters).
pub const API_KEY_MAX_LEN: usize = 1024;
/// The longest `apiVersion`, in bytes.
pub const API_VERSION_MAX_LEN: usize = 32;
/// The largest `timeoutMs`: ten minutes.
pub const TIMEOUT_MAX_MS: u32 = 600_000;
/// How many digits a pairing code has.
pub const CODE_DIGITS: usize = 4;

/// Trims `raw` and checks it as an app name: 1 to 200 characters, no control or invisible
/// formatting characters.
pub fn app_name(raw: &str) -> Result<String, Error> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Error::invalid_input(messages::APP_NAME_EMPTY));
    }
    let mut chars = 0;
    let mut invisible = false;
    for c in name.chars() {
        chars += 1;
        invisible |= c.is_control() || is_invisible_format(c);
    }
    if chars > APP_NAME_MAX_CHARS {
        return Err(Error::invalid_input(messages::APP_NAME_TOO_LONG));
    }
    if invisible {
        return Err(Error::invalid_input(messages::APP_NAME_INVISIBLE));
    }
    Ok(name.to_owned())
}

/// Removes all whitespace from `raw` and checks that exactly four ASCII digits remain.
/// The code stays a string: `"0123"` is never `123`.
pub fn code(raw: &str) -> Result<String, Error> {
    let mut digits = String::with_capacity(CODE_DIGITS);
    for c in raw.chars().filter(|c| !c.is_whitespace()) {
        if !c.is_ascii_digit() || digits.len() == CODE_DIGITS {
            return Err(Error::invalid_input(messages::CODE_RULE));
        }
        digits.push(c);
    }
    if digits.len() != CODE_DIGITS {
        return Err(Error::invalid_input(messages::CODE_RULE));
    }
    Ok(digits)
}

/// Trims `raw` and checks it as a challenge id: 1 to 128 printable ASCII characters.
pub fn challenge_id(raw: &str) -> Result<String, Error> {
    printable_ascii(raw.trim(), CHALLENGE_ID_MAX_LEN, messages::CHALLENGE_ID_RULE)
}

/// Trims `raw` and checks it as an API key: 1 to 1024 printable ASCII characters.
pub fn api_key(raw: &str) -> Result<String, Error> {
    printable_ascii(raw.trim(), API_KEY_MAX_LEN, messages::API_KEY_RULE)
}

/// Checks `apiVersion`: 1 to 32 printable ASCII characters, e.g. `2025-11-08`.
pub fn api_version(raw: &str) -> Result<String, Error> {
    printable_ascii(raw, API_VERSION_MAX_LEN, messages::API_VERSION_RULE)
}

/// Checks `timeoutMs`: a whole number of milliseconds from 0 (no timeout) to 600000.
pub fn timeout_ms(raw: f64) -> Result<u32, Error> {
    if raw.is_finite() && raw.fract() == 0.0 && (0.0..=TIMEOUT_MAX_MS as f64).contains(&raw) {
        return Ok(raw as u32);
    }
    Err(Error::invalid_input(messages::TIMEOUT_RULE))
}

/// `value`, if it is 1 to `max_len` printable ASCII characters; else `invalid_input` with `rule`.
fn printable_ascii(value: &str, max_len: usize, rule: &'static str) -> Result<String, Error> {
    if value.is_empty() || value.len() > max_len || !value.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        return Err(Error::invalid_input(rule));
    }
    Ok(value.to_owned())
}

/// Characters that render as nothing but change text: zero-width and direction marks,
/// separators, the soft hyphen and the byte-order mark.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn refused<T: std::fmt::Debug>(r: Result<T, Error>) -> String {
        let e = r.expect_err("should be refused");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        e.message().to_owned()
    }

    #[test]
    fn app_name_is_trimmed() {
        assert_eq!(app_name("  Acme Clipper (Chrome) \n").unwrap(), "Acme Clipper (Chrome)");
        assert_eq!(app_name("Ü").unwrap(), "Ü");
    }

    #[test]
    fn app_name_length_counts_characters_not_bytes() {
        assert!(app_name(&"é".repeat(200)).is_ok());
        refused(app_name(&"é".repeat(201)));
        refused(app_name(""));
        refused(app_name(" \t\n "));
    }

    #[test]
    fn app_name_refuses_control_and_invisible_characters() {
        for bad in ["a\nb", "a\u{0}b", "a\u{7f}b", "a\u{85}b", "a\u{200B}b", "a\u{202E}b", "a\u{FEFF}b", "a\u{2028}b"] {
            refused(app_name(bad));
        }
    }

    #[test]
    fn code_keeps_leading_zeros_and_drops_whitespace() {
        assert_eq!(code("0123").unwrap(), "0123");
        assert_eq!(code(" 01 23\t").unwrap(), "0123");
        assert_eq!(code("1\u{3000}2 3 4").unwrap(), "1234");
    }

    #[test]
    fn code_refuses_anything_but_four_ascii_digits() {
        for bad in ["", "123", "12345", "12a4", "١٢٣٤", "１２３４", "12-4", "+123", "12.3"] {
            let msg = refused(code(bad));
            assert!(!msg.contains(bad) || bad.is_empty(), "message echoes the code");
        }
    }

    #[test]
    fn ids_and_keys_are_trimmed_printable_ascii() {
        assert_eq!(challenge_id(" 67647f5ecda913e9a2e11b26 ").unwrap(), "67647f5ecda913e9a2e11b26");
        assert_eq!(api_key("zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=").unwrap().len(), 44);
        refused(challenge_id(""));
        refused(challenge_id(&"a".repeat(129)));
        assert!(challenge_id(&"a".repeat(128)).is_ok());
        refused(challenge_id("abc\u{e9}"));
        refused(api_key("ab\u{1}c"));
        refused(api_key(&"k".repeat(1025)));
        assert!(api_key(&"k".repeat(1024)).is_ok());
    }

    #[test]
    fn key_never_appears_in_its_error() {
        let key = "secret\u{1}KEY";
        assert!(!refused(api_key(key)).contains("secret"));
    }

    #[test]
    fn api_version_rules() {
        assert_eq!(api_version("2025-11-08").unwrap(), "2025-11-08");
        refused(api_version(""));
        refused(api_version(&"9".repeat(33)));
        refused(api_version("2025\n"));
    }

    #[test]
    fn timeout_rules() {
        assert_eq!(timeout_ms(0.0).unwrap(), 0);
        assert_eq!(timeout_ms(600_000.0).unwrap(), 600_000);
        for bad in [-1.0, 0.5, 600_001.0, f64::NAN, f64::INFINITY, -0.0001] {
            refused(timeout_ms(bad));
        }
    }
}
