//! Redaction of the secrets of a call (the code it sent, the key it carries) from the text a
//! server sends back, before the package keeps any of it (`serverCode`, `serverMessage`).
//!
//! A hostile or careless server may echo a secret in another form, so a secret is found:
//! - in any letter case, and percent-encoded (`%2B`, `%2b`, every byte encoded, twice encoded);
//! - as any run of at least [`KEY_RUN`] of its characters (a key cut, split or wrapped), or whole
//!   when it is shorter;
//! - for a code (all digits): also without its leading zeros and with its digits spaced or
//!   separated (`427`, `0 4 2 7`, `4-2-7`), as a number of its own (no digit right before or
//!   after).
//!
//! Every stretch of text found becomes one `[redacted]`; only then is the text cut to
//! [`SERVER_MESSAGE_MAX_CHARS`] characters, so that a cut never leaves part of a secret behind.
//! A secret that can still be found afterwards (one made of the marker's own characters, such as
//! the key "e") drops the server's text altogether.

use std::collections::HashSet;

use crate::response::SERVER_MESSAGE_MAX_CHARS;

/// What replaces each stretch of secret material.
const MARKER: &str = "[redacted]";

/// The shortest run of a key's characters that counts as the key.
pub(crate) const KEY_RUN: usize = 12;

/// Separator characters allowed between a code's digits, and how many of them in a row.
const CODE_SEPARATORS: &[char] = &[' ', '\t', '\n', '\r', '-', '.', '_', ',', '+', '/', ':', '|'];
const MAX_SEPARATOR_RUN: usize = 3;

/// How many rounds of percent-decoding the search sees through (`%2541` is `A` twice encoded).
const DECODE_ROUNDS: usize = 3;

/// `text` with every secret of `secrets` removed, cut to [`SERVER_MESSAGE_MAX_CHARS`]
/// characters; `None` when there is no text, or when a secret survives the redaction.
pub(crate) fn clean(text: Option<String>, secrets: &[&str]) -> Option<String> {
    let text = text?;
    let secrets: Vec<&str> = secrets.iter().copied().filter(|secret| !secret.is_empty()).collect();
    let scrubbed = if secrets.is_empty() { text } else { scrub(&text, &secrets) };
    let cut: String = scrubbed.chars().take(SERVER_MESSAGE_MAX_CHARS).collect();
    let found = View::of(&cut).marks(&secrets).contains(&true);
    (!found).then_some(cut)
}

/// `text` with each stretch of secret material replaced by one [`MARKER`].
fn scrub(text: &str, secrets: &[&str]) -> String {
    let view = View::of(text);
    let marks = view.marks(secrets);
    let mut out = String::with_capacity(text.len());
    let mut in_secret = false;
    for (unit, marked) in view.units.iter().zip(marks) {
        if marked && !in_secret {
            out.push_str(MARKER);
        } else if !marked {
            out.push_str(&text[unit.start..unit.end]);
        }
        in_secret = marked;
    }
    out
}

/// One character of the text as the search sees it: ASCII lower-cased, a `%XX` of an ASCII byte
/// decoded, and the byte range of `text` it stands for.
#[derive(Clone, Copy)]
struct Unit {
    ch: char,
    start: usize,
    end: usize,
}

/// The text as the search sees it.
struct View {
    units: Vec<Unit>,
}

impl View {
    fn of(text: &str) -> View {
        let mut units: Vec<Unit> = text
            .char_indices()
            .map(|(start, ch)| Unit { ch: ch.to_ascii_lowercase(), start, end: start + ch.len_utf8() })
            .collect();
        for _ in 0..DECODE_ROUNDS {
            match percent_decoded(&units) {
                Some(decoded) => units = decoded,
                None => break,
            }
        }
        View { units }
    }

    /// Which units belong to a secret of `secrets`.
    fn marks(&self, secrets: &[&str]) -> Vec<bool> {
        let chars: Vec<char> = self.units.iter().map(|unit| unit.ch).collect();
        let mut marks = vec![false; chars.len()];
        for secret in secrets {
            mark_runs(&chars, secret, &mut marks);
            if secret.bytes().all(|b| b.is_ascii_digit()) {
                mark_code_forms(&chars, secret, &mut marks);
            }
        }
        marks
    }
}

/// The units with each `%XX` of an ASCII byte decoded into one unit; `None` when there is none.
fn percent_decoded(units: &[Unit]) -> Option<Vec<Unit>> {
    let mut out = Vec::with_capacity(units.len());
    let mut changed = false;
    let mut i = 0;
    while i < units.len() {
        if let (Some('%'), Some(high), Some(low)) = (units.get(i).map(|u| u.ch), units.get(i + 1), units.get(i + 2)) {
            if let (Some(high), Some(low)) = (high.ch.to_digit(16), low.ch.to_digit(16)) {
                let byte = (high * 16 + low) as u8;
                if byte.is_ascii() {
                    out.push(Unit { ch: char::from(byte).to_ascii_lowercase(), start: units[i].start, end: units[i + 2].end });
                    changed = true;
                    i += 3;
                    continue;
                }
            }
        }
        out.push(units[i]);
        i += 1;
    }
    changed.then_some(out)
}

/// Marks every run of `min(KEY_RUN, its length)` characters of `secret` (any case) in `chars`.
fn mark_runs(chars: &[char], secret: &str, marks: &mut [bool]) {
    let needle: Vec<char> = secret.chars().map(|ch| ch.to_ascii_lowercase()).collect();
    let width = needle.len().min(KEY_RUN);
    if chars.len() < width {
        return;
    }
    let runs: HashSet<&[char]> = needle.windows(width).collect();
    for at in 0..=chars.len() - width {
        if runs.contains(&chars[at..at + width]) {
            marks[at..at + width].iter_mut().for_each(|mark| *mark = true);
        }
    }
}

/// Marks a code's other spellings in `chars`: its digits without (some of) the leading zeros,
/// with up to [`MAX_SEPARATOR_RUN`] separators between any two, as a number of its own.
fn mark_code_forms(chars: &[char], code: &str, marks: &mut [bool]) {
    let significant = code.trim_start_matches('0');
    let significant = if significant.is_empty() { "0" } else { significant };
    let zeros = code.len() - significant.len();
    let digits: Vec<char> = significant.chars().collect();
    for start in 0..chars.len() {
        let own_number = start == 0 || !chars[start - 1].is_ascii_digit();
        if !own_number || !chars[start].is_ascii_digit() {
            continue;
        }
        if let Some(end) = code_form_at(chars, start, zeros, &digits) {
            marks[start..end].iter_mut().for_each(|mark| *mark = true);
        }
    }
}

/// The end of a spelling of the code starting at `start` (up to `zeros` leading zeros, then the
/// significant `digits`, separators allowed between them), when one ends there as a number.
fn code_form_at(chars: &[char], start: usize, zeros: usize, digits: &[char]) -> Option<usize> {
    // Try the spellings with fewer leading zeros: the zeros present decide which one fits.
    for leading in (0..=zeros).rev() {
        let wanted = std::iter::repeat('0').take(leading).chain(digits.iter().copied());
        if let Some(end) = spelled_at(chars, start, wanted) {
            let ends_number = chars.get(end).map_or(true, |ch| !ch.is_ascii_digit());
            if ends_number {
                return Some(end);
            }
        }
    }
    None
}

/// The end of `wanted`'s digits at `start`, with separator runs between them, or `None`.
fn spelled_at(chars: &[char], start: usize, wanted: impl Iterator<Item = char>) -> Option<usize> {
    let mut at = start;
    for (n, digit) in wanted.enumerate() {
        if n > 0 {
            let mut run = 0;
            while run < MAX_SEPARATOR_RUN && chars.get(at).is_some_and(|ch| CODE_SEPARATORS.contains(ch)) {
                at += 1;
                run += 1;
            }
        }
        if chars.get(at) != Some(&digit) {
            return None;
        }
        at += 1;
    }
    Some(at)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const KEY: &str = "zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=";
    const NEW_KEY: &str = "anytype_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmn_0a1b2c3d";

    fn scrubbed(text: &str, secrets: &[&str]) -> Option<String> {
        clean(Some(text.to_owned()), secrets)
    }

    fn percent_encoded_fully(text: &str) -> String {
        text.bytes().map(|b| format!("%{b:02X}")).collect()
    }

    fn percent_encoded_component(text: &str) -> String {
        text.chars()
            .map(|ch| if ch.is_ascii_alphanumeric() || "-_.~".contains(ch) { ch.to_string() } else { format!("%{:02x}", ch as u32) })
            .collect()
    }

    #[test]
    fn every_spelling_of_a_key_is_removed() {
        for key in [KEY, NEW_KEY] {
            let spellings = [
                key.to_owned(),
                key.to_uppercase(),
                key.to_lowercase(),
                percent_encoded_component(key),
                percent_encoded_fully(key),
                percent_encoded_component(&percent_encoded_component(key)),
                key[..40].to_owned(),
                key[key.len() - KEY_RUN..].to_owned(),
                format!("{} … {}", &key[..20], &key[20..]),
                format!("{}\n{}", &key[..KEY_RUN], &key[KEY_RUN..2 * KEY_RUN]),
            ];
            for spelling in spellings {
                let text = format!("invalid key \"{spelling}\" given");
                let out = scrubbed(&text, &[key]).expect("the text is kept");
                assert!(out.starts_with("invalid key \"[redacted]") && out.ends_with("\" given"), "{spelling:?} gave {out:?}");
                assert!(!out.contains(&key[..KEY_RUN]) && !out.contains(&key[key.len() - KEY_RUN..]), "{out}");
            }
        }
    }

    #[test]
    fn runs_shorter_than_the_run_length_stay() {
        // 11 characters of the key are not the key: the server's words are kept.
        let text = format!("prefix {} suffix", &KEY[..KEY_RUN - 1]);
        assert_eq!(scrubbed(&text, &[KEY]), Some(text.clone()));
    }

    #[test]
    fn every_spelling_of_a_code_is_removed() {
        for (code, spellings) in [
            ("0427", &["0427", "427", "0 4 2 7", "4 2 7", "04 27", "4-2-7", "%30%34%32%37", "%34%32%37", "0%204%202%207", "0.4.2.7", "027"][..]),
            ("1234", &["1234", "1 2 3 4", "12 34", "1-2-3-4", "%31%32%33%34"][..]),
            ("0007", &["0007", "7", "07", "0 0 0 7", "0 7"][..]),
            ("0000", &["0000", "0", "0 0 0 0"][..]),
        ] {
            for spelling in spellings {
                let text = format!("code {spelling} is wrong");
                let out = scrubbed(&text, &[code]);
                // "027" is not 0427 (a digit is missing): it stays.
                let expected = if *spelling == "027" { text.clone() } else { "code [redacted] is wrong".to_owned() };
                assert_eq!(out.as_deref(), Some(expected.as_str()), "{code} as {spelling:?}");
            }
        }
    }

    #[test]
    fn a_code_without_its_zeros_counts_only_as_a_number_of_its_own() {
        assert_eq!(scrubbed("HTTP 4270 at 1427", &["0427"]).as_deref(), Some("HTTP 4270 at 1427"));
        assert_eq!(scrubbed("ref 104270", &["0427"]).as_deref(), Some("ref 1[redacted]0"), "the whole code inside a number still goes");
        assert_eq!(scrubbed("x427y", &["0427"]).as_deref(), Some("x[redacted]y"));
    }

    #[test]
    fn every_secret_of_the_call_is_removed() {
        let text = format!("code 0427 for key {KEY}");
        assert_eq!(scrubbed(&text, &["0427", KEY]).as_deref(), Some("code [redacted] for key [redacted]"));
        assert_eq!(scrubbed(&text, &["", "0427"]).as_deref(), Some(format!("code [redacted] for key {KEY}").as_str()));
    }

    #[test]
    fn scrubbing_comes_before_the_cut_and_adjacent_copies_become_one_marker() {
        let long = "x".repeat(SERVER_MESSAGE_MAX_CHARS - 5) + "0042 tail";
        let expected: String = ("x".repeat(SERVER_MESSAGE_MAX_CHARS - 5) + "[redacted] tail").chars().take(SERVER_MESSAGE_MAX_CHARS).collect();
        assert_eq!(scrubbed(&long, &["0042"]), Some(expected));
        assert_eq!(scrubbed(&"0042".repeat(200), &["0042"]).as_deref(), Some("[redacted]"));
        assert_eq!(scrubbed("ab0042ab00420", &["0042"]).as_deref(), Some("ab[redacted]ab[redacted]0"));
        assert_eq!(scrubbed(&"😀0042".repeat(100), &["0042"]).map(|t| t.chars().count()), Some(SERVER_MESSAGE_MAX_CHARS));
        assert_eq!(scrubbed(&"ü".repeat(400), &["ü"]).as_deref(), Some("[redacted]"));
        assert_eq!(scrubbed(&"é".repeat(400), &[]).map(|t| t.chars().count()), Some(SERVER_MESSAGE_MAX_CHARS));
        assert_eq!(scrubbed("", &["0042"]).as_deref(), Some(""));
        assert_eq!(clean(None, &["0042"]), None);
    }

    #[test]
    fn a_secret_that_survives_drops_the_text() {
        let cut_marker = "x".repeat(SERVER_MESSAGE_MAX_CHARS - 2) + "[r";
        for (secret, text) in [("e", "bkey"), ("]x", "]]xx"), ("[redacted]", "[REDACTED]"), ("[r", cut_marker.as_str()), ("D", "d")] {
            assert_eq!(scrubbed(text, &[secret]), None, "{secret:?} in {text:?}");
        }
    }

    #[test]
    fn other_text_is_kept_as_sent() {
        let text = "Ünïcode %zz %4 100% 😀 mixed CASE";
        assert_eq!(scrubbed(text, &["0427", KEY]).as_deref(), Some(text));
    }
}
