//! Redaction of the secrets of a call (the code it sent, the key it carries) from the text a
//! server sends back, before the package keeps any of it (`serverCode`, `serverMessage`).
//!
//! Each exact copy of a secret becomes `[redacted]`; only then is the text cut to
//! [`SERVER_MESSAGE_MAX_CHARS`] characters, so that a cut never leaves part of a copy behind.
//! A hostile or careless server may echo a secret in another spelling, so the text is then
//! dropped altogether when a secret can still be found in what is left:
//! - in any letter case, or percent-encoded (`%2B`, `%2b`, every byte encoded, twice encoded);
//! - as any run of at least [`KEY_RUN`] of its characters (a key cut, split or wrapped), or whole
//!   when it is shorter;
//! - with separators (white space, `-._,+/:|`) between its characters (`0 4 2 7`, `04-27`), and
//!   a code also without its leading zeros (`427`, `4 2 7`), where no digit stands right before
//!   or after.
//!
//! The same search drops a text in which a secret reappears around a marker (a key such as "e").
//! The search costs the wasm little: plain loops over bytes, no hashing.
//!
//! Percent-decoding is written here rather than taken from the `percent-encoding` crate, which
//! decodes every `%XX` to its byte: a secret is printable ASCII, so only an escape of an ASCII
//! byte can spell part of one, and decoding any other swallows what follows a stray `%` (a key
//! `a7%bm!%%%%%%` echoed encoded after a `%` decoded to `\xa7%bm!…`: a fuzz finding). A stray
//! `%` before a secret whose first two characters are hex digits still reads as an escape; a
//! secret too short to keep a run of [`KEY_RUN`] characters after them is therefore also searched
//! after each `%`, read as no escape.

/// The most characters of a server's error message that an [`Error`](crate::error::Error) keeps.
pub const SERVER_MESSAGE_MAX_CHARS: usize = 300;

/// What replaces each exact copy of a secret.
const MARKER: &str = "[redacted]";

/// The shortest run of a key's characters that counts as the key.
pub(crate) const KEY_RUN: usize = 12;

/// How many rounds of percent-decoding the search sees through (`%2541` is `A` twice encoded).
const DECODE_ROUNDS: usize = 3;

/// `text` with every exact copy of a secret of `secrets` replaced, cut to
/// [`SERVER_MESSAGE_MAX_CHARS`] characters; `None` when there is no text, or when a secret can
/// still be found in it in any spelling.
pub(crate) fn clean(text: Option<String>, secrets: &[&str]) -> Option<String> {
    let mut text = text?;
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        text = text.replace(secret, MARKER);
    }
    let text: String = text.chars().take(SERVER_MESSAGE_MAX_CHARS).collect();
    let bytes = text.as_bytes();
    for secret in secrets.iter().map(|secret| secret.as_bytes()).filter(|secret| !secret.is_empty()) {
        let short = secret.len() < AFTER_EACH_PERCENT_BELOW;
        if read_in(bytes, secret) || (short && (0..bytes.len()).any(|at| bytes[at] == b'%' && read_in(&bytes[at + 1..], secret))) {
            return None;
        }
    }
    Some(text)
}

/// `text` as it is, then percent-decoded once, twice, up to [`DECODE_ROUNDS`] times (`%2541` is
/// `A` twice encoded). Every reading is searched, not only the last: a key may itself hold `%`
/// and two hex digits, which one more round of decoding would turn into another byte.
fn readings(text: &[u8]) -> Vec<Vec<u8>> {
    let mut readings = vec![text.to_vec()];
    for _ in 0..DECODE_ROUNDS {
        let last = readings.last().map(Vec::as_slice).unwrap_or_default();
        let next = ascii_decoded(last);
        if next.len() == last.len() {
            break;
        }
        readings.push(next);
    }
    readings
}

/// `text` with each `%XX` that spells an ASCII byte decoded; every other byte stays as it is.
fn ascii_decoded(text: &[u8]) -> Vec<u8> {
    let hex = |digit: u8| char::from(digit).to_digit(16);
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    while let Some(&byte) = text.get(at) {
        let escaped = match text.get(at..at + 3) {
            Some(&[b'%', high, low]) => hex(high).zip(hex(low)).map(|(high, low)| high * 16 + low).filter(|&value| value < 0x80),
            _ => None,
        };
        match escaped {
            Some(value) => {
                out.push(value as u8);
                at += 3;
            }
            None => {
                out.push(byte);
                at += 1;
            }
        }
    }
    out
}

/// A secret shorter than this is also searched after each `%` of the text, read as no escape.
/// Decoding reads a stray `%` right before an encoded secret as an escape with the secret's first
/// two characters when they are hex digits; only a secret this long is sure to keep a run of
/// [`KEY_RUN`] characters after them.
const AFTER_EACH_PERCENT_BELOW: usize = KEY_RUN + 2;

/// Whether `secret` can be found ([`found`]) in any of the [`readings`] of `text`.
fn read_in(text: &[u8], secret: &[u8]) -> bool {
    readings(text).iter().any(|seen| found(seen, secret))
}

/// Whether `seen` holds, in any letter case, a run of `min(KEY_RUN, its length)` characters of
/// `secret`, or `secret` spelled with separators (a code also without its leading zeros) with
/// no digit right before or after.
fn found(seen: &[u8], secret: &[u8]) -> bool {
    let width = secret.len().min(KEY_RUN);
    let zeros = secret.iter().position(|&digit| digit != b'0').unwrap_or(secret.len() - 1);
    for start in 0..seen.len() {
        if let Some(window) = seen.get(start..start + width) {
            if secret.windows(width).any(|run| run.eq_ignore_ascii_case(window)) {
                return true;
            }
        }
        if start == 0 || !seen[start - 1].is_ascii_digit() {
            for dropped in 0..=zeros {
                if let Some(end) = spelled_at(seen, start, &secret[dropped..]) {
                    if !seen.get(end).is_some_and(u8::is_ascii_digit) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// The end of `digits` spelled at `at` in `seen`, separators allowed between any two, or `None`.
fn spelled_at(seen: &[u8], mut at: usize, digits: &[u8]) -> Option<usize> {
    for (n, digit) in digits.iter().enumerate() {
        while n > 0 && seen.get(at).is_some_and(|&byte| is_code_separator(byte)) {
            at += 1;
        }
        if seen.get(at) != Some(digit) {
            return None;
        }
        at += 1;
    }
    Some(at)
}

/// Whether `byte` may stand between a code's digits: white space and `-._,+/:|`.
fn is_code_separator(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'-' | b'.' | b'_' | b',' | b'+' | b'/' | b':' | b'|')
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const KEY: &str = "zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=";
    const NEW_KEY: &str = "anytype_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmn_0a1b2c3d";

    fn cleaned(text: &str, secrets: &[&str]) -> Option<String> {
        clean(Some(text.to_owned()), secrets)
    }

    fn percent_encoded_fully(text: &str, upper: bool) -> String {
        text.bytes().map(|b| if upper { format!("%{b:02X}") } else { format!("%{b:02x}") }).collect()
    }

    fn percent_encoded_component(text: &str) -> String {
        text.chars()
            .map(|ch| if ch.is_ascii_alphanumeric() || "-_.~".contains(ch) { ch.to_string() } else { format!("%{:02X}", ch as u32) })
            .collect()
    }

    #[test]
    fn exact_copies_become_markers_before_the_cut() {
        assert_eq!(cleaned("code 0427 is wrong", &["0427"]).as_deref(), Some("code [redacted] is wrong"));
        let text = format!("code 0427 for key {KEY}");
        assert_eq!(cleaned(&text, &["0427", KEY]).as_deref(), Some("code [redacted] for key [redacted]"));
        let long = "x".repeat(SERVER_MESSAGE_MAX_CHARS - 5) + "0042 tail";
        let expected: String = long.replace("0042", "[redacted]").chars().take(SERVER_MESSAGE_MAX_CHARS).collect();
        assert_eq!(cleaned(&long, &["0042"]), Some(expected));
        for (text, secret) in
            [("0042".repeat(200), "0042"), ("ab0042ab00420".into(), "0042"), ("😀0042".repeat(100), "0042"), ("".into(), "0042")]
        {
            let expected: String = text.replace(secret, "[redacted]").chars().take(SERVER_MESSAGE_MAX_CHARS).collect();
            assert_eq!(cleaned(&text, &[secret]), Some(expected), "{text:?}");
        }
        assert_eq!(cleaned(&"é".repeat(400), &[]).map(|t| t.chars().count()), Some(SERVER_MESSAGE_MAX_CHARS));
        assert_eq!(clean(None, &["0042"]), None);
    }

    #[test]
    fn every_other_spelling_of_a_key_drops_the_text() {
        for key in [KEY, NEW_KEY] {
            let spellings = [
                key.to_uppercase(),
                key.to_lowercase(),
                percent_encoded_component(key),
                percent_encoded_component(key).to_lowercase(),
                percent_encoded_fully(key, true),
                percent_encoded_fully(key, false),
                percent_encoded_component(&percent_encoded_component(key)),
                key[..40].to_owned(),
                key[key.len() - KEY_RUN..].to_owned(),
                format!("{} … {}", &key[..20], &key[20..]),
                format!("{}\n{}", &key[..KEY_RUN], &key[KEY_RUN..2 * KEY_RUN]),
            ];
            for spelling in spellings.into_iter().filter(|spelling| spelling != key) {
                assert_eq!(cleaned(&format!("invalid key \"{spelling}\" given"), &[key]), None, "{spelling:?}");
            }
        }
    }

    #[test]
    fn a_key_holding_percent_and_hex_is_found_before_decoding_changes_it() {
        for key in ["anbjech2%cd3", "AB%41cdefghijklmnop"] {
            let spellings = [percent_encoded_component(key), key.to_uppercase(), key.to_lowercase(), percent_encoded_fully(key, false)];
            for spelling in spellings.into_iter().filter(|spelling| spelling != key) {
                assert_eq!(cleaned(&format!("line1 \"{spelling}\" *mess"), &[key]), None, "{key} as {spelling:?}");
            }
        }
    }

    #[test]
    fn only_escapes_of_ascii_bytes_are_decoded() {
        assert_eq!(ascii_decoded(b"%41%2b%2B%7e%80%A7%zz%4%"), b"A++~%80%A7%zz%4%");
        assert_eq!(readings(b"%2541"), vec![b"%2541".to_vec(), b"%41".to_vec(), b"A".to_vec()]);
        let key = "a7%bm!%%%%%%";
        assert_eq!(cleaned(&format!("%{}", percent_encoded_component(key)), &[key]), None);
    }

    #[test]
    fn a_short_key_encoded_after_a_stray_percent_drops_the_text() {
        for key in ["41/abc", "4a!bcdefghijk", "7e(x) y"] {
            for spelling in [percent_encoded_component(key), percent_encoded_component(&percent_encoded_component(key))] {
                assert_eq!(cleaned(&format!("bad key %{spelling} given"), &[key]), None, "{key} as %{spelling:?}");
                assert_eq!(cleaned(&format!("bad key %{}", spelling.to_lowercase()), &[key]), None, "{key} lower-cased");
            }
        }
        let long = "41/abcdefghijklmnop";
        assert_eq!(cleaned(&format!("bad key %{}", percent_encoded_component(long)), &[long]), None, "a later run of a long key");
    }

    #[test]
    fn runs_shorter_than_the_run_length_stay() {
        let text = format!("prefix {} suffix", &KEY[..KEY_RUN - 1]);
        assert_eq!(cleaned(&text, &[KEY]), Some(text.clone()));
    }

    #[test]
    fn every_other_spelling_of_a_code_drops_the_text() {
        for (code, spellings) in [
            (
                "0427",
                &["427", "0 4 2 7", "4 2 7", "04 27", "4-2-7", "%30%34%32%37", "%34%32%37", "0%204%202%207", "0.4.2.7", "4 -  2 7"][..],
            ),
            ("1234", &["1 2 3 4", "12 34", "1-2-3-4", "%31%32%33%34", "%2531%2532%2533%2534"][..]),
            ("0007", &["7", "07", "0 0 0 7", "0 7"][..]),
            ("0000", &["0", "0 0 0 0", "00"][..]),
        ] {
            for spelling in spellings {
                assert_eq!(cleaned(&format!("code {spelling} is wrong"), &[code]), None, "{code} as {spelling:?}");
            }
        }
    }

    #[test]
    fn a_code_without_its_zeros_counts_only_as_a_number_of_its_own() {
        for text in ["HTTP 4270 at 1427", "027 is not it", "4 2 78", "54 2 7"] {
            assert_eq!(cleaned(text, &["0427"]).as_deref(), Some(text), "{text}");
        }
        assert_eq!(cleaned("x427y", &["0427"]), None);
        assert_eq!(cleaned("ref 104270", &["0427"]).as_deref(), Some("ref 1[redacted]0"), "the exact code inside a number is replaced");
    }

    #[test]
    fn a_secret_that_survives_drops_the_text() {
        let cut_marker = "x".repeat(SERVER_MESSAGE_MAX_CHARS - 2) + "[r";
        for (secret, text) in [("e", "bkey"), ("]x", "]]xx"), ("[redacted]", "[REDACTED]"), ("[r", cut_marker.as_str()), ("D", "d")] {
            assert_eq!(cleaned(text, &[secret]), None, "{secret:?} in {text:?}");
        }
    }

    #[test]
    fn other_text_is_kept_as_sent() {
        let text = "Ünïcode %zz %4 100% 😀 mixed CASE, HTTP 502, 2025-11-08";
        assert_eq!(cleaned(text, &["0427", KEY]).as_deref(), Some(text));
        assert_eq!(cleaned(text, &["", "0427"]).as_deref(), Some(text), "an empty secret is no secret");
    }
}
