//! Redaction of the server's text before it reaches an error: the call's secret removed, the text
//! bounded.

/// The most characters of a server's error message that an [`Error`](crate::error::Error) keeps.
pub const SERVER_MESSAGE_MAX_CHARS: usize = 300;

/// `text` cut to [`SERVER_MESSAGE_MAX_CHARS`] characters after every `secret` in it has become
/// `[redacted]` (scrubbing first, so a cut can never leave part of a secret behind). A secret made
/// of the marker's own characters (a key such as "e" or "]x", never a real key or code) can
/// reappear in or around "[redacted]": then the server's text is dropped.
pub(crate) fn clean(text: Option<String>, secret: Option<&str>) -> Option<String> {
    let text = text?;
    let secret = secret.filter(|secret| !secret.is_empty());
    let scrubbed = match secret {
        Some(secret) => text.replace(secret, "[redacted]"),
        None => text,
    };
    let cut: String = scrubbed.chars().take(SERVER_MESSAGE_MAX_CHARS).collect();
    match secret {
        Some(secret) if cut.contains(secret) => None,
        _ => Some(cut),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn scrubbing_matches_replace_then_cut() {
        let cases = [
            ("x".repeat(295) + "0042 tail", "0042"),
            ("0042".repeat(200), "0042"),
            ("ab0042ab00420".into(), "0042"),
            ("é0042é".into(), ""),
            ("é".repeat(298) + "0042€", "0042"),
            ("😀0042".repeat(100), "0042"),
            ("ü".repeat(400), "ü"),
            ("".into(), "0042"),
        ];
        for (text, secret) in cases {
            let replaced = if secret.is_empty() { text.clone() } else { text.replace(secret, "[redacted]") };
            let expected: String = replaced.chars().take(SERVER_MESSAGE_MAX_CHARS).collect();
            let secret = (!secret.is_empty()).then_some(secret);
            assert_eq!(clean(Some(text.clone()), secret), Some(expected), "{text:?}");
        }
    }
}
