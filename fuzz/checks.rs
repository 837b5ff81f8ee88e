//! The properties the fuzz targets check, one public function per target. Each takes raw fuzz
//! bytes, turns them into arguments for the IO-free core, calls it, and panics when a property
//! breaks (not only on a crash).
//!
//! Included with `#[path]` by `fuzz/fuzz_targets/*.rs` (cargo-fuzz, nightly) and by
//! `tests/fuzz_corpus.rs`, which replays `fuzz/corpus/<target>/*` with stable `cargo test`.
//!
//! Inputs are split into fields at the byte `0xFF`, which never occurs in UTF-8, so seed files
//! stay readable text. Fields become strings with `String::from_utf8_lossy`.
#![allow(dead_code)] // every fuzz target uses one of these functions

use std::collections::BTreeSet;
use std::sync::OnceLock;

use anytype_auth::error::{Error, ErrorKind};
use anytype_auth::internal::base_url::{BaseUrl, BASE_URL_MAX_LEN};
use anytype_auth::internal::classify::{self, Body, Next, Step, BODY_LIMIT, ORIGIN_NOT_ALLOWED_MESSAGE};
use anytype_auth::internal::input;
use anytype_auth::internal::options::{unknown_option, RawOptions, Settings, DEFAULT_API_VERSION, DEFAULT_TIMEOUT_MS};
use anytype_auth::internal::outcome::Outcome;
use anytype_auth::internal::redact::SERVER_MESSAGE_MAX_CHARS;
use anytype_auth::internal::request::{Call, Operation};
use anytype_auth::internal::test_steps::StepKind as Op;
use anytype_auth::internal::wire::{ApiKeyAnswer, ApiKeyRequest, ChallengeAnswer, ChallengeRequest, ErrorEnvelope, Json, RequestBody};

/// Separates the fields of one fuzz input.
pub const SEPARATOR: u8 = 0xFF;

/// The steps the `classify` target reads answers for, picked by its first byte.
const OPERATIONS: [Op; 6] =
    [Op::CreateChallenge, Op::CreateApiKey, Op::CheckAnytype, Op::VerifyApiKey, Op::OnV1(None), Op::OnV1(Some(false))];
const FALLBACK_CODE: &str = "0042";
const OTHER_CODE: &str = "9157";
const FALLBACK_KEY: &str = "zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=";
const OTHER_KEY: &str = "Q2xpcHBlcktleU90aGVyVGhhblRoZUZpcnN0T25lMDA=";

/// A body as the core takes it on the host: bytes, read with serde_json.
type Bytes<'a> = Body<'a, [u8]>;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Eight bytes are an `f64` bit pattern (NaN, infinities, subnormals…); anything else is parsed
/// as decimal text, or NaN.
fn number(bytes: &[u8]) -> f64 {
    match <[u8; 8]>::try_from(bytes) {
        Ok(raw) => f64::from_le_bytes(raw),
        Err(_) => text(bytes).trim().parse().unwrap_or(f64::NAN),
    }
}

// ---- response classification ----------------------------------------------------------------

/// `classify::classify` for every step. Input: operation, status (2 bytes), flags, then
/// `version 0xFF secret 0xFF body` (the body may hold any byte).
///
/// Properties: the kind follows the docs' error-kinds table for the status; a success carries a non-empty
/// field equal to what a full JSON parser (serde_json) reads; `serverVersion` passes through;
/// `serverCode`/`serverMessage` are bounded and never contain the call's secret (code or key);
/// the message does not depend on the secret.
pub fn classify(data: &[u8]) {
    let head: [u8; 4] = std::array::from_fn(|i| data.get(i).copied().unwrap_or(0));
    let rest = data.get(4..).unwrap_or_default();
    let operation = OPERATIONS[head[0] as usize % OPERATIONS.len()];
    let status = u16::from_be_bytes([head[1], head[2]]) % 1000;
    let flags = head[3];
    let mut parts = rest.splitn(3, |&b| b == SEPARATOR);
    let version = parts.next().unwrap_or_default();
    let secret_hint = text(parts.next().unwrap_or_default());
    let bytes = parts.next().unwrap_or_default();
    let server_version = (flags & 1 == 1).then(|| text(version));
    let body: Bytes<'_> = match (flags >> 1) % 3 {
        // The transport never hands over more than BODY_LIMIT bytes.
        0 if bytes.len() <= BODY_LIMIT => Body::Complete(bytes),
        0 | 1 => Body::TooLarge,
        _ => Body::NotRead,
    };

    let step = step_for(operation, &secret_hint, false);
    let next = classify::classify(step.clone(), status, server_version.clone(), copy(&body));
    match &next {
        Next::Done(outcome) => check_success(operation, status, &server_version, copy(&body), outcome),
        Next::Failed(error) => check_failure(&step.call, operation, status, copy(&body), error),
        Next::Send(follow_up) => check_follow_up(&step, operation, status, follow_up),
    }

    // The same answer to the same call with another secret: the same kind gives the same message.
    let other = classify::classify(step_for(operation, &secret_hint, true), status, server_version, body);
    if let (Next::Failed(a), Next::Failed(b)) = (&next, &other) {
        if a.kind() == b.kind() {
            assert_eq!(a.message(), b.message(), "the message depends on the secret");
        }
    }
}

/// `verifyApiKey`'s `/v1` check after `whoami` answered 404 or 403: the same key, and it keeps
/// what `whoami` said of `/v2`.
fn check_follow_up(step: &Step, operation: Op, status: u16, follow_up: &Step) {
    assert_eq!(operation, Op::VerifyApiKey, "a follow-up after {operation:?}");
    assert!(status == 404 || status == 403, "a second request after {status}");
    assert_eq!(follow_up.call.operation, Operation::VerifyOnV1);
    assert_eq!(follow_up.call.authorization, step.call.authorization, "the follow-up carries the same key");
    let v1_ok = classify::classify(follow_up.clone(), 200, None, Bytes::NotRead);
    let Next::Done(Outcome::Key(key)) = v1_ok else { panic!("/v1's 200 gave {v1_ok:?}") };
    assert_eq!(key.works_on_v2, (status == 403).then_some(false));
}

/// The step for `operation`; its secret is `hint` when that is a valid code or key, else a
/// fixed one (`other` picks a second fixed one, unrelated to the input).
fn step_for(operation: Op, hint: &str, other: bool) -> Step {
    let code = if other { OTHER_CODE.to_owned() } else { input::code(hint).unwrap_or_else(|_| FALLBACK_CODE.to_owned()) };
    let key = if other { OTHER_KEY.to_owned() } else { input::api_key(hint).unwrap_or_else(|_| FALLBACK_KEY.to_owned()) };
    operation.step(&code, &key)
}

/// Another handle on the same body.
fn copy<'a>(body: &Bytes<'a>) -> Bytes<'a> {
    match body {
        Body::Complete(bytes) => Body::Complete(bytes),
        Body::TooLarge => Body::TooLarge,
        Body::NotRead => Body::NotRead,
    }
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

fn check_success(operation: Op, status: u16, server_version: &Option<String>, body: Bytes<'_>, outcome: &Outcome) {
    match (operation, outcome) {
        (Op::CheckAnytype, Outcome::Status(s)) => {
            assert!(s.running);
            assert_eq!(&s.server_version, server_version);
        }
        (Op::VerifyApiKey | Op::OnV1(_), Outcome::Key(k)) => {
            // A key outcome only on 2xx and 401, and on /v1's 403 for a scoped key.
            let scoped_on_v1 = matches!(operation, Op::OnV1(_)) && status == 403;
            assert!(is_success(status) || status == 401 || scoped_on_v1, "verifyApiKey decided on {status}");
            assert_eq!(k.valid, status != 401, "valid is false exactly on 401");
            assert_eq!(k.reason.is_some(), !k.valid, "a reason exactly when not valid");
            if !k.valid {
                assert!(k.works_on_v1.is_none() && k.works_on_v2.is_none() && k.access.is_none());
            }
            if let Op::OnV1(works_on_v2) = operation {
                if k.valid {
                    assert_eq!(k.works_on_v2, works_on_v2, "what whoami said of /v2 is kept");
                    assert_eq!(k.works_on_v1, Some(!scoped_on_v1));
                }
            }
            assert_eq!(&k.server_version, server_version);
        }
        (Op::CreateChallenge, Outcome::Challenge(c)) => {
            check_field(status, body, "challenge_id", &c.challenge_id);
            assert_eq!(&c.server_version, server_version);
        }
        (Op::CreateApiKey, Outcome::ApiKey(k)) => {
            check_field(status, body, "api_key", &k.api_key);
            assert_eq!(&k.server_version, server_version);
        }
        (operation, outcome) => panic!("{operation:?} gave {outcome:?}"),
    }
}

fn check_field(status: u16, body: Bytes<'_>, name: &str, value: &str) {
    assert!(is_success(status), "a success on {status}");
    assert!(!value.is_empty(), "an empty {name}");
    let Body::Complete(bytes) = body else { panic!("a success without a complete body") };
    if let Some(serde_json::Value::Object(map)) = oracle(bytes) {
        // The value is trimmed, as every input rule trims what the caller passes back.
        assert_eq!(map.get(name).and_then(|v| v.as_str()).map(str::trim), Some(value), "{name} differs from serde_json's");
    }
}

fn check_failure(call: &Call, operation: Op, status: u16, body: Bytes<'_>, error: &Error) {
    assert_ne!(operation, Op::CheckAnytype, "checkAnytype rejected an HTTP answer");
    assert_eq!(error.status(), Some(status), "the status is kept");
    assert!(!error.message().is_empty());
    for server_text in [error.server_code(), error.server_message()].into_iter().flatten() {
        assert!(server_text.chars().count() <= SERVER_MESSAGE_MAX_CHARS, "server text not bounded");
    }
    if let Some(secret) = call.secret.as_deref() {
        for server_text in [error.server_code(), error.server_message()].into_iter().flatten() {
            assert!(!server_text.contains(secret), "the secret leaked into a server field");
        }
        if operation == Op::CreateApiKey {
            assert!(!error.message().contains(secret), "the code leaked into the message");
        }
    }
    let expected = if is_success(status) {
        if let Body::Complete(bytes) = body {
            // Good: a value the other calls accept back (createApiKey's id, verifyApiKey's key), as
            // the typed read sees it (`wire` checks that read against an untyped parse).
            let good = if operation == Op::CreateChallenge {
                bytes.read::<ChallengeAnswer>().is_some_and(|a| input::challenge_id(&a.challenge_id).is_ok())
            } else {
                bytes.read::<ApiKeyAnswer>().is_some_and(|a| input::api_key(&a.api_key).is_ok())
            };
            assert!(!good, "a good id or key was refused");
        }
        ErrorKind::InvalidResponse
    } else {
        expected_failure_kind(operation, status, error.server_message())
    };
    assert_eq!(error.kind(), expected, "{operation:?} {status}");
}

/// The docs' error-kinds table, written out independently of `src/classify.rs`.
fn expected_failure_kind(operation: Op, status: u16, server_message: Option<&str>) -> ErrorKind {
    match status {
        300..=399 => ErrorKind::Unreachable,
        401 => ErrorKind::Unauthorized,
        403 if server_message == Some(ORIGIN_NOT_ALLOWED_MESSAGE) => ErrorKind::OriginNotAllowed,
        404 if matches!(operation, Op::CreateChallenge | Op::CreateApiKey) => ErrorKind::NotSupported,
        429 => ErrorKind::RateLimited,
        500 if operation == Op::CreateApiKey => ErrorKind::CodeRejected,
        500 if operation == Op::CreateChallenge => ErrorKind::ChallengeRefused,
        400..=499 => ErrorKind::BadRequest,
        500..=599 => ErrorKind::ServerError,
        _ => ErrorKind::InvalidResponse,
    }
}

// ---- wire shapes ----------------------------------------------------------------------------

/// The serde wire types on any bytes, and the request bodies on any text.
/// Input: `app_name 0xFF challenge_id 0xFF code`, also read whole as a response body.
///
/// Properties: where an untyped parse (serde_json::Value) of the same bytes succeeds (it stops at
/// 128 levels of nesting; the typed reads skip unknown fields unread), each answer type reads a
/// value only where the untyped parse holds that field as that string, and `ErrorEnvelope` keeps
/// exactly the string fields it names; each request body is a JSON object with exactly the API's fields, in
/// the API's order, whose values read back unchanged (any text, escapes included).
pub fn wire(data: &[u8]) {
    if let Some(untyped) = oracle(data) {
        check_answers(data, &untyped);
    }

    let parts: Vec<String> = data.splitn(3, |&b| b == SEPARATOR).map(text).collect();
    let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
    let bodies = [
        (RequestBody::Challenge(ChallengeRequest { app_name: part(0) }), vec![("app_name", part(0))]),
        (RequestBody::ApiKey(ApiKeyRequest { challenge_id: part(1), code: part(2) }), vec![("challenge_id", part(1)), ("code", part(2))]),
    ];
    for (body, fields) in bodies {
        let written = serde_json::to_string(&body).expect("a request body could not be written");
        let read: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&written).expect("a request body is not a JSON object");
        let read: Vec<(&str, &str)> = read.iter().map(|(k, v)| (k.as_str(), v.as_str().expect("a string field"))).collect();
        let expected: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(read.len(), expected.len(), "{written}");
        for pair in &expected {
            assert!(read.contains(pair), "{written} lacks {pair:?}");
        }
        let order: Vec<usize> = expected.iter().map(|(k, _)| written.find(&format!("\"{k}\":")).expect("a field name")).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "fields out of order: {written}");
    }
}

/// The typed answer reads of `data` against its untyped parse.
fn check_answers(data: &[u8], untyped: &serde_json::Value) {
    let field = |name: &str| untyped.as_object().and_then(|m| m.get(name)).and_then(|v| v.as_str().map(str::to_owned));
    if let Some(answer) = data.read::<ChallengeAnswer>() {
        assert_eq!(Some(answer.challenge_id), field("challenge_id"), "challenge_id differs from an untyped parse");
    }
    if let Some(answer) = data.read::<ApiKeyAnswer>() {
        assert_eq!(Some(answer.api_key), field("api_key"), "api_key differs from an untyped parse");
    }
    if let Some(envelope) = data.read::<ErrorEnvelope>() {
        assert_eq!(envelope.object, field("object"));
        assert_eq!(envelope.code, field("code"));
        assert_eq!(envelope.message, field("message"));
    }
}

/// An untyped parse of `bytes`, to compare the typed wire reads with.
fn oracle(bytes: &[u8]) -> Option<serde_json::Value> {
    serde_json::from_slice(bytes).ok()
}

// ---- argument and option validation ---------------------------------------------------------

/// Every `input::*` rule and `RawOptions::resolve` on arbitrary strings and numbers.
/// Input: a flags byte, then `text 0xFF apiVersion 0xFF timeout` (timeout: 8 raw bytes or decimal).
///
/// Properties: each accepted value obeys its rule exactly (a code is exactly 4 ASCII digits,
/// the input minus whitespace; ids, keys and names are the trimmed input, of allowed length and
/// characters) and is accepted again unchanged; each refusal is `invalid_input`, happens
/// exactly when the rule is broken, and its message is one of a fixed set (so it cannot carry
/// the value); options resolve exactly when every option is valid, to those values.
pub fn input(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else { return };
    let parts: Vec<&[u8]> = rest.split(|&b| b == SEPARATOR).collect();
    let part = |i: usize| parts.get(i).copied().unwrap_or_default();
    let raw = text(part(0));
    check_app_name(&raw);
    check_code(&raw);
    check_printable(&raw, input::CHALLENGE_ID_MAX_LEN, input::challenge_id(&raw));
    check_printable(&raw, input::API_KEY_MAX_LEN, input::api_key(&raw));
    check_api_version(&raw);
    check_timeout(number(part(0)));
    check_unknown_option(&raw);

    let options = RawOptions {
        base_url: (flags & 1 != 0).then(|| raw.clone()),
        api_version: (flags & 2 != 0).then(|| text(part(1))),
        timeout_ms: (flags & 4 != 0).then(|| number(part(2))),
        allow_insecure_remote: (flags & 8 != 0).then_some(flags & 16 != 0),
    };
    check_options(&options);
    check_options_are_read_by_name(&options);
}

/// The same options written as a JSON object by their JS names read back as the same values.
fn check_options_are_read_by_name(options: &RawOptions) {
    let mut object = serde_json::Map::new();
    if let Some(v) = &options.base_url {
        object.insert("baseUrl".into(), v.clone().into());
    }
    if let Some(v) = &options.api_version {
        object.insert("apiVersion".into(), v.clone().into());
    }
    if let Some(v) = options.timeout_ms.and_then(serde_json::Number::from_f64) {
        object.insert("timeoutMs".into(), serde_json::Value::Number(v));
    }
    if let Some(v) = options.allow_insecure_remote {
        object.insert("allowInsecureRemote".into(), v.into());
    }
    let text = serde_json::Value::Object(object).to_string();
    let read = RawOptions::read(&mut serde_json::Deserializer::from_str(&text)).expect("options by their JS names");
    assert_eq!(read.base_url, options.base_url);
    assert_eq!(read.api_version, options.api_version);
    assert_eq!(read.allow_insecure_remote, options.allow_insecure_remote);
    if options.timeout_ms.is_some_and(f64::is_finite) {
        assert_eq!(read.timeout_ms, options.timeout_ms);
    }
}

/// A refusal is `invalid_input` with one of the fixed messages.
fn check_refusal(error: &Error) {
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(known_input_messages().contains(error.message()), "a message that depends on the value: {:?}", error.message());
}

fn check_app_name(raw: &str) {
    let trimmed = raw.trim();
    let count = trimmed.chars().count();
    let in_range = (1..=input::APP_NAME_MAX_CHARS).contains(&count);
    let invisible =
        |c: char| c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
    // Letters, digits, spaces and ASCII punctuation: names that must be accepted.
    let plain = trimmed.chars().all(|c| c == ' ' || c.is_ascii_graphic() || c.is_alphanumeric());
    match input::app_name(raw) {
        Ok(name) => {
            assert_eq!(name, trimmed);
            assert!(in_range);
            assert!(!trimmed.chars().any(invisible), "accepted a control or invisible character");
            assert_eq!(input::app_name(&name).as_deref(), Ok(name.as_str()), "not idempotent");
        }
        Err(e) => {
            check_refusal(&e);
            assert!(!(in_range && plain), "refused a plain name");
        }
    }
}

fn check_code(raw: &str) {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let valid = digits.len() == input::CODE_DIGITS && digits.bytes().all(|b| b.is_ascii_digit());
    match input::code(raw) {
        Ok(code) => {
            assert!(valid);
            assert_eq!(code.len(), 4);
            assert!(code.bytes().all(|b| b.is_ascii_digit()), "a valid code is exactly 4 ASCII digits");
            assert_eq!(code, digits);
        }
        Err(e) => {
            assert!(!valid, "refused a valid code");
            check_refusal(&e);
        }
    }
}

fn check_printable(raw: &str, max_len: usize, result: Result<String, Error>) {
    let trimmed = raw.trim();
    let valid = !trimmed.is_empty() && trimmed.len() <= max_len && trimmed.bytes().all(|b| (0x20..=0x7e).contains(&b));
    match result {
        Ok(value) => {
            assert!(valid);
            assert_eq!(value, trimmed);
        }
        Err(e) => {
            assert!(!valid, "refused a valid id or key");
            check_refusal(&e);
        }
    }
}

fn check_api_version(raw: &str) {
    let valid = (1..=input::API_VERSION_MAX_LEN).contains(&raw.len()) && raw.bytes().all(|b| (0x20..=0x7e).contains(&b));
    match input::api_version(raw) {
        Ok(version) => {
            assert!(valid);
            assert_eq!(version, raw);
        }
        Err(e) => {
            assert!(!valid);
            check_refusal(&e);
        }
    }
}

fn check_timeout(raw: f64) {
    let valid = raw.is_finite() && raw.trunc() == raw && (0.0..=input::TIMEOUT_MAX_MS as f64).contains(&raw);
    match input::timeout_ms(raw) {
        Ok(ms) => {
            assert!(valid);
            assert_eq!(ms as f64, raw);
        }
        Err(e) => {
            assert!(!valid, "refused {raw}");
            check_refusal(&e);
        }
    }
}

fn check_unknown_option(name: &str) {
    let error = unknown_option(name);
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.message().chars().count() <= 160, "unbounded message");
    assert!(!error.message().chars().any(char::is_control), "a control character in the message");
}

fn check_options(options: &RawOptions) {
    let allow = options.allow_insecure_remote.unwrap_or(false);
    let base_url = options.base_url.as_deref().map(|raw| BaseUrl::parse(raw, allow));
    let api_version = options.api_version.as_deref().map(input::api_version);
    let timeout = options.timeout_ms.map(input::timeout_ms);
    let all_valid = base_url.as_ref().is_none_or(Result::is_ok)
        && api_version.as_ref().is_none_or(Result::is_ok)
        && timeout.as_ref().is_none_or(Result::is_ok);
    match options.resolve() {
        Ok(settings) => {
            assert!(all_valid);
            let expected = Settings {
                base_url: base_url.map_or_else(BaseUrl::default_url, Result::unwrap),
                api_version: api_version.map_or_else(|| DEFAULT_API_VERSION.to_owned(), Result::unwrap),
                timeout_ms: timeout.map_or(DEFAULT_TIMEOUT_MS, Result::unwrap),
            };
            assert_eq!(settings, expected);
        }
        Err(e) => {
            assert!(!all_valid, "refused valid options");
            check_refusal(&e);
        }
    }
}

/// Every message the validators give, collected from one bad value per rule.
fn known_input_messages() -> &'static BTreeSet<String> {
    static MESSAGES: OnceLock<BTreeSet<String>> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        let long = "a".repeat(3000);
        let mut errors: Vec<Error> = Vec::new();
        for bad in ["", long.as_str(), "a\u{1}"] {
            errors.extend(input::app_name(bad).err());
            errors.extend(input::challenge_id(bad).err());
            errors.extend(input::api_key(bad).err());
            errors.extend(input::api_version(bad).err());
        }
        errors.extend(input::code("x").err());
        errors.extend(input::timeout_ms(-1.0).err());
        for bad in [
            "",
            "http://127.0.0.1?q",
            "http://u@127.0.0.1",
            "http://",
            "http://127.0.0.1:0",
            "http://127.0.0.1/ ",
            "http://10.0.0.1",
            long.as_str(),
        ] {
            errors.extend(BaseUrl::parse(bad, false).err());
        }
        errors.into_iter().map(|e| e.message().to_owned()).collect()
    })
}

// ---- baseUrl --------------------------------------------------------------------------------

/// `BaseUrl::parse`. Input: a flags byte (bit 0: `allowInsecureRemote`), then the text.
///
/// Properties: an accepted URL is normalised (lower-case scheme and host, no trailing slash, no
/// query, fragment, credentials, whitespace or non-ASCII) and re-parses to itself, also with a
/// trailing slash added (below the length limit); plain `http:` without the opt-in goes only to a loopback host (checked
/// here independently); a refusal is `invalid_input` with a fixed message, and without the
/// opt-in any URL accepted with it must be plain `http:` to a non-loopback host.
pub fn base_url(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else { return };
    let allow = flags & 1 == 1;
    let raw = text(rest);
    match BaseUrl::parse(&raw, allow) {
        Ok(url) => {
            let s = url.as_str();
            let (scheme, after) = s.split_once("://").expect("a scheme");
            assert!(scheme == "http" || scheme == "https", "{s}");
            assert!(!s.ends_with('/'), "{s}");
            assert!(s.bytes().all(|b| b.is_ascii_graphic()), "{s:?}");
            assert!(!s.contains(['?', '#', '\\']), "{s}");
            let authority = after.split('/').next().unwrap_or_default();
            assert!(!authority.is_empty() && !authority.contains('@'), "{s}");
            assert_eq!(authority, authority.to_ascii_lowercase(), "host not lower-case");
            if scheme == "http" && !allow {
                assert!(is_loopback_authority(authority), "plain http to a remote host: {s}");
            }
            assert_eq!(BaseUrl::parse(s, allow).as_ref(), Ok(&url), "not a fixed point");
            assert_eq!(BaseUrl::parse(s, true).as_ref(), Ok(&url));
            if raw.len() < BASE_URL_MAX_LEN {
                let mut slashed = raw.clone();
                slashed.push('/');
                assert_eq!(BaseUrl::parse(&slashed, allow).as_ref(), Ok(&url), "a trailing slash changed the URL");
            }
            assert_eq!(url.join("/v1/auth/challenges"), format!("{s}/v1/auth/challenges"));
        }
        Err(e) => {
            check_refusal(&e);
            if !allow {
                if let Ok(url) = BaseUrl::parse(&raw, true) {
                    let authority = url.as_str().strip_prefix("http://").expect("only plain http needs the opt-in");
                    assert!(!is_loopback_authority(authority.split('/').next().unwrap_or_default()), "refused a loopback URL");
                }
            }
        }
    }
}

/// `localhost`, `[::1]` or `127.a.b.c` (parts of 1 to 3 decimal digits, up to 255), with an
/// optional port. Longer zero-padded parts such as `0000` are loopback to a browser too, but the
/// library refuses them without the opt-in, which errs on the safe side.
fn is_loopback_authority(authority: &str) -> bool {
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next().unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts[0] == "127"
        && parts.iter().all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u8>().is_ok())
}

// ---- redaction of echoed secrets ------------------------------------------------------------

/// A server echoing the call's secret in another spelling, through `classify::classify`.
/// Input: operation (createApiKey: the code; verifyApiKey: the key), spelling, two parameter
/// bytes, then `prefix 0xFF secret 0xFF suffix`; the envelope's message is the prefix, the
/// secret in that spelling, then the suffix (its code field holds the spelling alone).
///
/// Property: `serverCode` and `serverMessage`, when kept, are bounded and hold the secret in no
/// spelling the package promises to remove, as an oracle written apart from the redaction finds
/// them: for a key, no run of 12 of its characters (or all of a shorter key) in any case, after
/// percent-decoding; for a code, the spelling used is not there as a number of its own.
pub fn redact(data: &[u8]) {
    let head: [u8; 4] = std::array::from_fn(|i| data.get(i).copied().unwrap_or(0));
    let mut parts = data.get(4..).unwrap_or_default().splitn(3, |&b| b == SEPARATOR);
    let (prefix, hint, suffix) =
        (text(parts.next().unwrap_or_default()), text(parts.next().unwrap_or_default()), text(parts.next().unwrap_or_default()));
    let operation = if head[0].is_multiple_of(2) { Op::CreateApiKey } else { Op::VerifyApiKey };
    let step = step_for(operation, &hint, false);
    let secret = step.call.secret.clone().expect("both calls carry a secret");
    let spelling = spelled(&secret, head[1], head[2], head[3]);
    let message = format!("{prefix}{spelling}{suffix}");
    let body = serde_json::json!({ "object": "error", "status": 500, "code": spelling, "message": message }).to_string();
    let error = match classify::classify(step, 502, None, Body::Complete(body.as_bytes())) {
        Next::Failed(error) => error,
        other => panic!("a 502 gave {other:?}"),
    };
    for kept in [error.server_code(), error.server_message()].into_iter().flatten() {
        assert!(kept.chars().count() <= SERVER_MESSAGE_MAX_CHARS, "server text not bounded");
        let seen = percent_decoded_lower(kept);
        if operation == Op::CreateApiKey {
            let spelled_lower = percent_decoded_lower(&spelling);
            assert!(!has_own_number(&seen, &spelled_lower), "the code {secret} spelled {spelling:?} survived in {kept:?}");
            assert!(!seen.contains(&secret), "the code {secret} survived in {kept:?}");
        } else {
            let key = secret.to_ascii_lowercase();
            let width = key.chars().count().min(12);
            let chars: Vec<char> = key.chars().collect();
            for run in chars.windows(width) {
                let run: String = run.iter().collect();
                assert!(!seen.contains(&run), "a run of the key ({run}) survived in {kept:?}");
            }
        }
    }
}

/// `secret` spelled one of the ways a server might echo it; `a` and `b` pick the details.
fn spelled(secret: &str, how: u8, a: u8, b: u8) -> String {
    let hex = |byte: u8, upper: bool| if upper { format!("%{byte:02X}") } else { format!("%{byte:02x}") };
    let is_code = secret.bytes().all(|c| c.is_ascii_digit());
    match how % 8 {
        0 => secret.to_owned(),
        1 => secret.to_ascii_uppercase(),
        2 => secret
            .bytes()
            .map(|c| if c.is_ascii_alphanumeric() { char::from(c).to_string() } else { hex(c, a.is_multiple_of(2)) })
            .collect(),
        3 => secret.bytes().map(|c| hex(c, a.is_multiple_of(2))).collect(),
        4 => secret.bytes().map(|c| hex(c, true).replace('%', "%25")).collect(),
        5 if is_code => secret.trim_start_matches('0').to_owned(),
        5 if secret.len() < 12 => secret.to_owned(),
        5 => {
            // A run of at least 12 characters, anywhere in the key.
            let len = secret.len();
            let run = 12 + usize::from(a) % (len - 11);
            let start = usize::from(b) % (len - run + 1);
            secret[start..start + run].to_owned()
        }
        6 if is_code => {
            let separators = [" ", "  ", "-", ". ", "\t", "_", ", ", "+"];
            let sep = separators[usize::from(a) % separators.len()];
            let digits = if b.is_multiple_of(2) { secret } else { secret.trim_start_matches('0') };
            digits.chars().map(String::from).collect::<Vec<_>>().join(sep)
        }
        6 if secret.len() >= 24 => format!("{}\n{}", &secret[..12], &secret[12..]),
        _ => secret
            .chars()
            .enumerate()
            .map(|(n, c)| if (usize::from(a) >> (n % 8)) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect(),
    }
}

/// `text` ASCII lower-cased, with `%XX` of ASCII bytes decoded until none is left (at most 3 rounds).
fn percent_decoded_lower(text: &str) -> String {
    let mut current = text.to_ascii_lowercase();
    for _ in 0..3 {
        let bytes = current.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let pair = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            match pair {
                Some(byte)
                    if bytes[i] == b'%' && byte.is_ascii() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() =>
                {
                    out.push(byte.to_ascii_lowercase());
                    i += 3;
                }
                _ => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        let next = String::from_utf8(out).expect("only ASCII bytes were decoded");
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// Whether `needle` (starting and ending with a digit) occurs in `haystack` with no digit right before or after it.
fn has_own_number(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}
