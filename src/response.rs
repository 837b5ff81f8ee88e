//! Reading Anytype's answers: what each status and body means for each [`Operation`], and the
//! errors for calls that got no answer at all.

use serde::Serialize;

use crate::base_url::BaseUrl;
use crate::error::{Error, ErrorKind};
use crate::input;
use crate::key_status::{KeyStatus, V1_REFUSES_SCOPED_CODE};
use crate::limits::{CODE_MINUTES, PENDING_SECONDS, TRIES_PER_CHALLENGE};
use crate::redact::clean;
use crate::request::{Call, Operation};
use crate::wire::{ApiKeyAnswer, ChallengeAnswer, ErrorEnvelope, Grant, GrantAnswer, Json};

/// The most body this crate reads; a larger success body is `invalid_response`.
pub const BODY_LIMIT: usize = 64 * 1024;
/// The most characters of a server's error message that an [`Error`] keeps.
pub const SERVER_MESSAGE_MAX_CHARS: usize = 300;
/// The message of newer Anytype's 403 from its origin/host gate: a refused `Origin`, a refused
/// `Host`, or no `Origin` with `Sec-Fetch-Site: same-origin|same-site`.
pub const ORIGIN_NOT_ALLOWED_MESSAGE: &str = "request origin is not allowed";

/// The body of a response, as far as it was read. `J` is the body as a JSON parser has read it:
/// its bytes on the host (`Body<[u8]>`, read with serde_json), the `JSON.parse` result in the wasm.
#[derive(Debug, PartialEq, Eq)]
pub enum Body<'a, J: ?Sized> {
    /// The whole body, at most [`BODY_LIMIT`] bytes.
    Complete(&'a J),
    /// More than [`BODY_LIMIT`] bytes; reading stopped there.
    TooLarge,
    /// Not read, because [`needs_body`] said so.
    NotRead,
}

/// Whether the body of a response with `status` matters for `operation`. When it does not, the
/// transport can cancel it unread.
pub fn needs_body(operation: Operation, status: u16) -> bool {
    match operation {
        Operation::CheckAnytype => false,
        Operation::VerifyApiKey => status != 404,
        Operation::VerifyOnV1 { .. } => !is_success(status),
        Operation::CreateChallenge | Operation::CreateApiKey => true,
    }
}

/// `createChallenge`'s result, as JS sees it: `{ challengeId, serverVersion }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Challenge {
    /// The id to pass to `createApiKey` with the code Anytype shows.
    pub challenge_id: String,
    /// The `Anytype-Version` response header, if any.
    pub server_version: Option<String>,
}

/// `createApiKey`'s result, as JS sees it: `{ apiKey, grant, serverVersion }`. `Debug` hides the key.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    /// The key, for `Authorization: Bearer <apiKey>`.
    pub api_key: String,
    /// What the person granted in Anytype's approval window (2026); `None` when the answer has no
    /// grant, or one of a shape this crate does not know (the key is kept either way).
    pub grant: Option<Grant>,
    /// The `Anytype-Version` response header, if any.
    pub server_version: Option<String>,
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKey")
            .field("api_key", &"[redacted]")
            .field("grant", &self.grant)
            .field("server_version", &self.server_version)
            .finish()
    }
}

/// `checkAnytype`'s result, as JS sees it: `{ running, serverVersion }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnytypeStatus {
    /// Whether anything answered over HTTP at `baseUrl`.
    pub running: bool,
    /// The `Anytype-Version` response header, if any.
    pub server_version: Option<String>,
}

/// What a call yields when it succeeds; one variant per [`Operation`]. It serializes as the
/// variant's result object, with no tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    /// From [`Operation::CreateChallenge`].
    Challenge(Challenge),
    /// From [`Operation::CreateApiKey`].
    ApiKey(ApiKey),
    /// From [`Operation::CheckAnytype`].
    Status(AnytypeStatus),
    /// From [`Operation::VerifyApiKey`] or [`Operation::VerifyOnV1`].
    Key(KeyStatus),
    /// From [`Operation::VerifyApiKey`] when `whoami` cannot settle it: ask
    /// [`Call::verify_on_v1`] next. Never seen by JS.
    #[serde(skip)]
    VerifyOnV1 {
        /// What `whoami` said of `/v2`: `None` where it does not exist.
        works_on_v2: Option<bool>,
    },
}

/// The `name`s of the errors a runtime's `fetch` rejects with when the runtime itself refuses
/// the request for want of a permission: Deno without `--allow-net` for the host (`NotCapable`
/// since Deno 2, `PermissionDenied` before).
pub const PERMISSION_ERROR_NAMES: [&str; 2] = ["NotCapable", "PermissionDenied"];

/// Why no (complete) response arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoResponse {
    /// The request failed at the network level, or the browser refused it.
    Network,
    /// The runtime refused to send the request: it lacks the permission (Deno without
    /// `--allow-net`). Nothing left the program, so no Anytype state can be concluded from it.
    NotPermitted,
    /// The connection broke while the body was being read (after the status arrived).
    BodyCut {
        /// The status that had arrived.
        status: u16,
    },
    /// The answer was a redirect, which this crate never follows.
    Redirect {
        /// The 3xx status, when the runtime reports it.
        status: Option<u16>,
    },
    /// `timeoutMs` passed.
    Timeout,
    /// The caller's signal fired.
    Aborted,
}

/// What a rejected or throwing `fetch` means, from the `name` of what it threw (`None` when that
/// was not an object with a string `name`): [`NoResponse::NotPermitted`] for one of
/// [`PERMISSION_ERROR_NAMES`], else [`NoResponse::Network`].
pub fn fetch_failure(error_name: Option<&str>) -> NoResponse {
    match error_name {
        Some(name) if PERMISSION_ERROR_NAMES.contains(&name) => NoResponse::NotPermitted,
        _ => NoResponse::Network,
    }
}

/// Reads a response to `call`: its status, `Anytype-Version` header and body.
pub fn classify<J: Json + ?Sized>(call: &Call, status: u16, server_version: Option<String>, body: Body<'_, J>) -> Result<Outcome, Error> {
    match call.operation {
        Operation::CheckAnytype => return Ok(Outcome::Status(AnytypeStatus { running: true, server_version })),
        Operation::VerifyApiKey | Operation::VerifyOnV1 { .. } => {
            if let Some(outcome) = key_outcome(call.operation, status, server_version.clone(), &body) {
                return Ok(outcome);
            }
        }
        _ => {}
    }
    if is_success(status) {
        return success(call.operation, server_version, body).map_err(|e| e.with_status(status));
    }
    Err(failure(call, status, body))
}

/// The outcome of a call that got no complete response. `checkAnytype` reports
/// `running: false` for a network failure, a redirect or a timeout; a refused permission is an
/// error for it too, since it says nothing of whether Anytype runs.
pub fn no_response(call: &Call, base_url: &BaseUrl, why: NoResponse) -> Result<Outcome, Error> {
    if call.operation == Operation::CheckAnytype && !matches!(why, NoResponse::Aborted | NoResponse::NotPermitted) {
        return Ok(Outcome::Status(AnytypeStatus { running: false, server_version: None }));
    }
    Err(match why {
        NoResponse::Network => Error::new(
            ErrorKind::Unreachable,
            format!(
                "Anytype did not answer at {}. Open the Anytype desktop app and log in, and check the port (app 31009, anytype-cli 31012). Web pages cannot read its answers: see README, \"Where it works\".",
                base_url.as_str()
            ),
        ),
        NoResponse::NotPermitted => Error::new(
            ErrorKind::Unreachable,
            format!(
                "Deno refused this program network access to {}, so nothing was sent: run it with --allow-net={} (README, \"Where it works\").",
                base_url.as_str(),
                base_url.host()
            ),
        ),
        NoResponse::BodyCut { status } => {
            Error::new(ErrorKind::Unreachable, "Anytype's answer was cut off. Try again, or restart Anytype.").with_status(status)
        }
        NoResponse::Redirect { status } => redirect_error(status),
        NoResponse::Timeout => {
            Error::new(ErrorKind::Timeout, "Anytype did not answer within timeoutMs. Try again, raise timeoutMs, or restart Anytype.")
        }
        NoResponse::Aborted => Error::new(ErrorKind::Aborted, "The call was cancelled by its AbortSignal."),
    })
}

/// `unreachable` for a redirect (never followed), with its 3xx status when the runtime gives it.
fn redirect_error(status: Option<u16>) -> Error {
    let error = Error::new(
        ErrorKind::Unreachable,
        "baseUrl answered with a redirect, which is never followed. Point baseUrl at Anytype's API itself.",
    );
    match status {
        Some(status) => error.with_status(status),
        None => error,
    }
}

/// What an answer to one of `verifyApiKey`'s requests says of the key, unless it is an error
/// (`None`: the general table decides).
fn key_outcome<J: Json + ?Sized>(operation: Operation, status: u16, server_version: Option<String>, body: &Body<'_, J>) -> Option<Outcome> {
    let complete = match body {
        Body::Complete(body) => Some(*body),
        _ => None,
    };
    let envelope = complete.and_then(|body| body.read::<ErrorEnvelope>()).filter(is_envelope);
    let server_message = envelope.as_ref().and_then(|e| e.message.as_deref());
    let origin_gate = status == 403 && server_message == Some(ORIGIN_NOT_ALLOWED_MESSAGE);
    let status = match (operation, status) {
        (_, 401) => KeyStatus::refused(server_message, server_version),
        (Operation::VerifyApiKey, 200..=299) => KeyStatus::from_whoami(complete, server_version),
        // No /v2 here (an Anytype before 2026), or /v2 refuses this key (an old Limited key).
        (Operation::VerifyApiKey, 404) => return Some(Outcome::VerifyOnV1 { works_on_v2: None }),
        (Operation::VerifyApiKey, 403) if !origin_gate => return Some(Outcome::VerifyOnV1 { works_on_v2: Some(false) }),
        (Operation::VerifyOnV1 { works_on_v2 }, 200..=299) => KeyStatus::from_v1(true, works_on_v2, server_version),
        (Operation::VerifyOnV1 { works_on_v2 }, 403)
            if envelope.as_ref().and_then(|e| e.code.as_deref()) == Some(V1_REFUSES_SCOPED_CODE) =>
        {
            KeyStatus::from_v1(false, works_on_v2, server_version)
        }
        _ => return None,
    };
    Some(Outcome::Key(status))
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

fn success<J: Json + ?Sized>(operation: Operation, server_version: Option<String>, body: Body<'_, J>) -> Result<Outcome, Error> {
    let body = match body {
        Body::Complete(body) => body,
        Body::TooLarge => return Err(invalid_response("the body", "is larger than 64 KiB")),
        Body::NotRead => return Err(invalid_response("the body", "was not read")),
    };
    // Only a value the other calls accept back (createApiKey's challengeId, verifyApiKey's and
    // authHeaders' apiKey) counts as a success, so that pair() never asks for a code it cannot use.
    Ok(match operation {
        Operation::CreateChallenge => {
            let answer = body.read::<ChallengeAnswer>().ok_or_else(|| missing("challenge_id"))?;
            let challenge_id = usable("challenge_id", &answer.challenge_id, input::challenge_id)?;
            Outcome::Challenge(Challenge { challenge_id, server_version })
        }
        _ => {
            let answer = body.read::<ApiKeyAnswer>().ok_or_else(|| missing("api_key"))?;
            let api_key = usable("api_key", &answer.api_key, input::api_key)?;
            // Read on its own: a grant of an unknown shape costs the caller nothing but the grant.
            let grant = body.read::<GrantAnswer>().and_then(|answer| answer.grant);
            Outcome::ApiKey(ApiKey { api_key, grant, server_version })
        }
    })
}

/// `invalid_response` for a body that is not a JSON object with the string `field`.
fn missing(field: &str) -> Error {
    invalid_response(&format!("the body (a JSON object with a string {field})"), "is not what arrived")
}

/// `value` as the other calls take it back (`check`: trimmed, printable ASCII, bounded), or
/// `invalid_response` naming `field`.
fn usable(field: &str, value: &str, check: fn(&str) -> Result<String, Error>) -> Result<String, Error> {
    if value.is_empty() {
        return Err(invalid_response(field, "is an empty string"));
    }
    check(value).map_err(|_| invalid_response(field, "is not 1 to 128 (an id) or 1024 (a key) printable ASCII characters"))
}

/// `invalid_response` for a success whose body breaks the API's promise: `subject` (the body or
/// the field) and what is wrong with it.
fn invalid_response(subject: &str, problem: &str) -> Error {
    Error::new(
        ErrorKind::InvalidResponse,
        format!("Anytype's answer is unusable: {subject} {problem}. Check that baseUrl points at Anytype and that Anytype is up to date."),
    )
}

fn failure<J: Json + ?Sized>(call: &Call, status: u16, body: Body<'_, J>) -> Error {
    let (server_code, server_message) = envelope(body, call.secret.as_deref().as_slice());
    let operation = call.operation;
    let code_rejected = format!(
        "Anytype did not accept the code. If it was mistyped, type the 4 digits again. If Anytype still asks whether to allow this app, press Allow there first, then type the code it shows. If the code's {CODE_MINUTES} minutes ran out or its {TRIES_PER_CHALLENGE} tries are used, start a new request. After too many wrong codes Anytype locks pairing: restart it."
    );
    let challenge_refused = format!(
        "Anytype refused to start pairing. If a request from this app is still waiting in Anytype, answer it there (or wait up to {} minutes for it to lapse). If Deny was pressed, restart Anytype to ask again. After too many requests or too many wrong codes this run, restart Anytype. Check also that Anytype is open and logged in.",
        PENDING_SECONDS / 60
    );
    let (kind, text): (ErrorKind, &str) = match status {
        403 if server_message.as_deref() == Some(ORIGIN_NOT_ALLOWED_MESSAGE) => (
            ErrorKind::OriginNotAllowed,
            "Anytype refused this request's Origin or Host. In an extension, remove Origin with a declarativeNetRequest rule; for your own setup, start Anytype with ANYTYPE_API_ALLOWED_ORIGINS listing this origin, or ANYTYPE_API_ALLOWED_HOSTS listing this host (README, \"Where it works\").",
        ),
        500 if operation == Operation::CreateApiKey => (ErrorKind::CodeRejected, &code_rejected),
        500 if operation == Operation::CreateChallenge => (ErrorKind::ChallengeRefused, &challenge_refused),
        401 => (
            ErrorKind::Unauthorized,
            "Anytype refused the request as unauthorized. Pair again to get a new API key.",
        ),
        429 => (ErrorKind::RateLimited, "Anytype is limiting the request rate. Wait a second, then try again."),
        404 if matches!(operation, Operation::CreateChallenge | Operation::CreateApiKey) => (
            ErrorKind::NotSupported,
            "This server has no Anytype pairing API. Update Anytype (0.41 or newer), and check that baseUrl points at Anytype.",
        ),
        300..=399 => return redirect_error(Some(status)),
        400..=499 => (
            ErrorKind::BadRequest,
            "Anytype refused the request as invalid. Check baseUrl and apiVersion, or update Anytype.",
        ),
        500..=599 => (ErrorKind::ServerError, "Anytype had an internal error. Try again, or restart Anytype."),
        _ => (ErrorKind::InvalidResponse, "Anytype answered with a status its API never uses. Check that baseUrl points at Anytype."),
    };
    Error::new(kind, format!("{text} (HTTP {status})")).with_status(status).with_server_details(server_code, server_message)
}

/// `code` and `message` of an error envelope, bounded and with every secret of the call removed.
fn envelope<J: Json + ?Sized>(body: Body<'_, J>, secrets: &[&str]) -> (Option<String>, Option<String>) {
    let Body::Complete(body) = body else { return (None, None) };
    match body.read::<ErrorEnvelope>().filter(is_envelope) {
        Some(envelope) => (clean(envelope.code, secrets), clean(envelope.message, secrets)),
        None => (None, None),
    }
}

/// Whether a body read as [`ErrorEnvelope`] is one: `"object":"error"`, or no `object` (the `/v2`
/// envelope) with a `code` or `message`.
fn is_envelope(envelope: &ErrorEnvelope) -> bool {
    match envelope.object.as_deref() {
        Some(object) => object == "error",
        None => envelope.code.is_some() || envelope.message.is_some(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::options::Settings;
    use crate::wire::Permission;

    fn envelope_body(status: u16, code: &str, message: &str) -> String {
        serde_json::json!({ "object": "error", "status": status, "code": code, "message": message }).to_string()
    }

    /// A whole body, as bytes.
    fn complete(bytes: &[u8]) -> Body<'_, [u8]> {
        Body::Complete(bytes)
    }

    /// A body that was not read, for the host's byte bodies.
    const NOT_READ: Body<'static, [u8]> = Body::NotRead;

    fn call(op: Operation) -> Call {
        let s = Settings::default();
        match op {
            Operation::CreateChallenge => Call::create_challenge(&s, "app"),
            Operation::CreateApiKey => Call::create_api_key(&s, "67647f5ecda913e9a2e11b26", "0042"),
            Operation::CheckAnytype => Call::check_anytype(&s),
            Operation::VerifyApiKey => Call::verify_api_key(&s, "S3CRETKEY"),
            Operation::VerifyOnV1 { works_on_v2 } => Call::verify_on_v1(&s, "S3CRETKEY", works_on_v2),
        }
    }

    /// `verifyApiKey`'s outcome for one answer.
    fn key(op: Operation, status: u16, body: &str) -> Outcome {
        classify(&call(op), status, None, complete(body.as_bytes())).expect("a key outcome")
    }

    fn kind_of(op: Operation, status: u16, body: &str) -> ErrorKind {
        classify(&call(op), status, None, complete(body.as_bytes())).expect_err("should fail").kind()
    }

    #[test]
    fn successes() {
        let v = Some("2025-11-08".to_owned());
        let ok = classify(&call(Operation::CreateChallenge), 201, v.clone(), complete(br#"{"challenge_id":"abc","x":1}"#));
        assert_eq!(ok, Ok(Outcome::Challenge(Challenge { challenge_id: "abc".into(), server_version: v.clone() })));
        let ok = classify(&call(Operation::CreateApiKey), 200, None, complete(br#"{"api_key":"k=","grant":null}"#));
        assert_eq!(ok, Ok(Outcome::ApiKey(ApiKey { api_key: "k=".into(), grant: None, server_version: None })));
        for status in [200, 204, 299, 401, 404, 500] {
            let running = classify(&call(Operation::CheckAnytype), status, None, NOT_READ);
            assert_eq!(running, Ok(Outcome::Status(AnytypeStatus { running: true, server_version: None })));
        }
        let valid = classify(&call(Operation::VerifyOnV1 { works_on_v2: None }), 200, v.clone(), NOT_READ);
        assert_eq!(valid, Ok(Outcome::Key(KeyStatus::from_v1(true, None, v))));
        let invalid = classify(&call(Operation::VerifyApiKey), 401, None, NOT_READ);
        assert_eq!(invalid, Ok(Outcome::Key(KeyStatus::refused(None, None))));
    }

    #[test]
    fn the_grant_is_read_and_never_costs_the_key() {
        let answer = br#"{"api_key":"anytype_amfbcga7eywtio2cjfifoxtfnrzxvamir6lj3jflwk44br6o2xoa_3fe1d4b7","grant":{"all_spaces":false,"space_ids":["a","b"],"permission":"read"}}"#;
        let Ok(Outcome::ApiKey(key)) = classify(&call(Operation::CreateApiKey), 201, None, complete(answer)) else { panic!() };
        assert_eq!(key.api_key.len(), 69);
        assert_eq!(key.grant, Some(Grant { all_spaces: false, space_ids: vec!["a".into(), "b".into()], permission: Permission::Read }));
        let js = serde_json::to_value(&key).unwrap();
        assert_eq!(js["grant"], serde_json::json!({"allSpaces":false,"spaceIds":["a","b"],"permission":"read"}));
        for odd in [
            r#""all""#,
            "7",
            r#"{"all_spaces":"yes","space_ids":[],"permission":"read"}"#,
            r#"{"all_spaces":true,"space_ids":[],"permission":"admin"}"#,
            r#"{"all_spaces":true}"#,
        ] {
            let body = format!(r#"{{"api_key":"k=","grant":{odd}}}"#);
            let outcome = classify(&call(Operation::CreateApiKey), 201, None, complete(body.as_bytes()));
            assert_eq!(outcome, Ok(Outcome::ApiKey(ApiKey { api_key: "k=".into(), grant: None, server_version: None })), "{odd}");
        }
    }

    #[test]
    fn verify_asks_v1_only_where_whoami_cannot_say() {
        let no_v2 = key(Operation::VerifyApiKey, 404, "404 page not found");
        assert_eq!(no_v2, Outcome::VerifyOnV1 { works_on_v2: None });
        let limited = envelope_body(403, "forbidden", "api key scope does not allow json api access: key \"x\" has Limited scope");
        assert_eq!(key(Operation::VerifyApiKey, 403, &limited), Outcome::VerifyOnV1 { works_on_v2: Some(false) });
        let scoped = r#"{"status":403,"code":"v1_not_available_for_scoped_keys","message":"key carries a space grant","issues":[]}"#;
        let Outcome::Key(status) = key(Operation::VerifyOnV1 { works_on_v2: Some(false) }, 403, scoped) else { panic!() };
        assert_eq!((status.valid, status.works_on_v1, status.works_on_v2), (true, Some(false), Some(false)));
        let Outcome::Key(status) = key(Operation::VerifyApiKey, 200, r#"{"grant":{"scoped":false,"permission":null,"spaces":[]}}"#) else {
            panic!()
        };
        assert_eq!((status.valid, status.works_on_v1, status.works_on_v2), (true, Some(true), Some(true)));
        let expired = envelope_body(401, "unauthorized", "api key expired");
        for op in [Operation::VerifyApiKey, Operation::VerifyOnV1 { works_on_v2: None }] {
            let Outcome::Key(status) = key(op, 401, &expired) else { panic!() };
            assert_eq!((status.valid, status.reason), (false, Some(crate::key_status::KeyProblem::Expired)));
        }
        let origin = envelope_body(403, "forbidden", ORIGIN_NOT_ALLOWED_MESSAGE);
        assert_eq!(kind_of(Operation::VerifyApiKey, 403, &origin), ErrorKind::OriginNotAllowed);
        assert_eq!(kind_of(Operation::VerifyOnV1 { works_on_v2: None }, 403, &origin), ErrorKind::OriginNotAllowed);
        assert_eq!(kind_of(Operation::VerifyOnV1 { works_on_v2: None }, 403, &limited), ErrorKind::BadRequest);
    }

    #[test]
    fn the_v2_envelope_gives_server_details_too() {
        let body = r#"{"status":403,"code":"space_not_granted","message":"not granted","issues":[]}"#;
        let e = classify(&call(Operation::CreateChallenge), 403, None, complete(body.as_bytes())).unwrap_err();
        assert_eq!((e.server_code(), e.server_message()), (Some("space_not_granted"), Some("not granted")));
        let not_envelope =
            classify(&call(Operation::CreateChallenge), 403, None, complete(br#"{"object":"list","code":"c"}"#)).unwrap_err();
        assert_eq!(not_envelope.server_code(), None);
    }

    #[test]
    fn the_500_messages_name_every_cause() {
        let refused = classify(&call(Operation::CreateChallenge), 500, None, NOT_READ).unwrap_err();
        for cause in ["still waiting", "Deny", "too many requests", "wrong codes", "logged in"] {
            assert!(refused.message().contains(cause), "{cause}: {}", refused.message());
        }
        let rejected = classify(&call(Operation::CreateApiKey), 500, None, NOT_READ).unwrap_err();
        for cause in ["mistyped", "Allow", "5 minutes", "5 tries", "wrong codes"] {
            assert!(rejected.message().contains(cause), "{cause}: {}", rejected.message());
        }
    }

    #[test]
    fn api_key_debug_hides_the_key() {
        let key = ApiKey { api_key: "zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=".into(), grant: None, server_version: None };
        assert!(!format!("{key:?}").contains("zhSG"));
    }

    #[test]
    fn malformed_success_bodies_are_invalid_response() {
        for body in [
            "",
            "not json",
            "<!doctype html>",
            "[]",
            "null",
            "42",
            "\"s\"",
            "{}",
            r#"{"challenge_id":7}"#,
            r#"{"challenge_id":""}"#,
            r#"{"challenge_id":null}"#,
        ] {
            assert_eq!(kind_of(Operation::CreateChallenge, 201, body), ErrorKind::InvalidResponse, "{body}");
        }
        let long_id = format!(r#"{{"challenge_id":"{}"}}"#, "a".repeat(129));
        let not_ascii = r#"{"challenge_id":"\u00e9t\u00e9"}"#;
        for body in [long_id.as_str(), not_ascii, r#"{"challenge_id":"a\tb"}"#] {
            assert_eq!(kind_of(Operation::CreateChallenge, 201, body), ErrorKind::InvalidResponse, "unusable id {body}");
        }
        for body in [r#"{"api_key":"k\u00e9y"}"#, r#"{"api_key":" \n "}"#] {
            assert_eq!(kind_of(Operation::CreateApiKey, 201, body), ErrorKind::InvalidResponse, "unusable key {body}");
        }
        let trimmed = classify(&call(Operation::CreateChallenge), 201, None, complete(br#"{"challenge_id":" abc "}"#));
        assert_eq!(trimmed, Ok(Outcome::Challenge(Challenge { challenge_id: "abc".into(), server_version: None })));
        let too_big = classify(&call(Operation::CreateApiKey), 201, None, Body::<[u8]>::TooLarge).unwrap_err();
        assert_eq!(too_big.kind(), ErrorKind::InvalidResponse);
        assert_eq!(too_big.status(), Some(201));
        assert!(too_big.message().contains("64 KiB"));
    }

    #[test]
    fn statuses_map_to_kinds_per_operation() {
        use ErrorKind::*;
        use Operation::*;
        let origin = envelope_body(403, "forbidden", ORIGIN_NOT_ALLOWED_MESSAGE);
        let table: &[(Operation, u16, &str, ErrorKind)] = &[
            (CreateChallenge, 403, &origin, OriginNotAllowed),
            (CreateApiKey, 403, &origin, OriginNotAllowed),
            (VerifyApiKey, 403, &origin, OriginNotAllowed),
            (CreateChallenge, 403, "", BadRequest),
            (CreateApiKey, 500, "", CodeRejected),
            (CreateChallenge, 500, "", ChallengeRefused),
            (VerifyApiKey, 500, "", ServerError),
            (CreateChallenge, 401, "", Unauthorized),
            (CreateApiKey, 401, "", Unauthorized),
            (CreateApiKey, 429, "", RateLimited),
            (VerifyApiKey, 429, "", RateLimited),
            (CreateChallenge, 404, "404 page not found", NotSupported),
            (CreateApiKey, 404, "", NotSupported),
            (VerifyOnV1 { works_on_v2: None }, 404, "", BadRequest),
            (VerifyOnV1 { works_on_v2: None }, 500, "", ServerError),
            (CreateApiKey, 400, "", BadRequest),
            (CreateApiKey, 410, "", BadRequest),
            (CreateApiKey, 502, "", ServerError),
            (CreateChallenge, 503, "", ServerError),
            (CreateChallenge, 307, "", Unreachable),
            (CreateChallenge, 100, "", InvalidResponse),
            (CreateChallenge, 600, "", InvalidResponse),
        ];
        for &(op, status, body, kind) in table {
            assert_eq!(kind_of(op, status, body), kind, "{op:?} {status}");
        }
    }

    #[test]
    fn envelope_fields_are_kept_and_status_is_in_the_message() {
        let body = envelope_body(500, "internal_server_error", "failed to authenticate user");
        let e = classify(&call(Operation::CreateApiKey), 500, None, complete(body.as_bytes())).unwrap_err();
        assert_eq!(e.status(), Some(500));
        assert_eq!(e.server_code(), Some("internal_server_error"));
        assert_eq!(e.server_message(), Some("failed to authenticate user"));
        assert!(e.message().ends_with("(HTTP 500)"), "{}", e.message());
        let plain = classify(&call(Operation::CreateApiKey), 502, None, complete(b"Bad Gateway")).unwrap_err();
        assert_eq!((plain.server_code(), plain.server_message()), (None, None));
        let not_envelope = br#"{"error":"limit must be between 1 and 1000"}"#;
        let e = classify(&call(Operation::VerifyApiKey), 400, None, complete(not_envelope)).unwrap_err();
        assert_eq!(e.server_message(), None);
    }

    #[test]
    fn a_secret_that_survives_scrubbing_drops_the_server_text() {
        // Keys made of the marker's characters reappear in or around "[redacted]" (fuzz finding).
        let cut_marker = "x".repeat(SERVER_MESSAGE_MAX_CHARS - 2) + "[r";
        for (key, message) in [("e", "bkey zhSG/r"), ("]x", "]]xx"), ("[redacted]", "[redacted]"), ("[r", cut_marker.as_str())] {
            let call = Call::verify_api_key(&Settings::default(), key);
            let body = envelope_body(502, "c", message);
            let e = classify(&call, 502, None, complete(body.as_bytes())).unwrap_err();
            assert_eq!(e.server_message(), None, "{key}");
        }
    }

    #[test]
    fn echoed_secrets_are_scrubbed_and_messages_bounded() {
        let body = envelope_body(500, "internal_server_error", "code 0042 is wrong");
        let e = classify(&call(Operation::CreateApiKey), 500, None, complete(body.as_bytes())).unwrap_err();
        assert_eq!(e.server_message(), Some("code [redacted] is wrong"));
        let body = envelope_body(502, "S3CRETKEY", &"S3CRETKEY ".repeat(100));
        let e = classify(&call(Operation::VerifyApiKey), 502, None, complete(body.as_bytes())).unwrap_err();
        assert!(!e.server_message().unwrap().contains("S3CRETKEY"));
        assert!(!e.server_code().unwrap().contains("S3CRETKEY"));
        assert!(e.server_message().unwrap().chars().count() <= SERVER_MESSAGE_MAX_CHARS);
    }

    #[test]
    fn no_response_kinds() {
        let base = BaseUrl::default_url();
        let c = call(Operation::CreateChallenge);
        let kind = |why| no_response(&c, &base, why).unwrap_err().kind();
        assert_eq!(kind(NoResponse::Network), ErrorKind::Unreachable);
        assert_eq!(kind(NoResponse::BodyCut { status: 201 }), ErrorKind::Unreachable);
        assert_eq!(kind(NoResponse::Redirect { status: None }), ErrorKind::Unreachable);
        assert_eq!(kind(NoResponse::Timeout), ErrorKind::Timeout);
        assert_eq!(kind(NoResponse::Aborted), ErrorKind::Aborted);
        assert!(no_response(&c, &base, NoResponse::Network).unwrap_err().message().contains("http://127.0.0.1:31009"));
    }

    #[test]
    fn check_anytype_reports_not_running_except_on_abort_or_refused_permission() {
        let base = BaseUrl::default_url();
        let c = call(Operation::CheckAnytype);
        for why in [NoResponse::Network, NoResponse::Timeout, NoResponse::Redirect { status: None }] {
            assert_eq!(no_response(&c, &base, why), Ok(Outcome::Status(AnytypeStatus { running: false, server_version: None })));
        }
        assert_eq!(no_response(&c, &base, NoResponse::Aborted).unwrap_err().kind(), ErrorKind::Aborted);
        assert_eq!(no_response(&c, &base, NoResponse::NotPermitted).unwrap_err().kind(), ErrorKind::Unreachable);
    }

    #[test]
    fn a_refused_permission_is_told_apart_by_the_error_name() {
        assert_eq!(fetch_failure(Some("NotCapable")), NoResponse::NotPermitted);
        assert_eq!(fetch_failure(Some("PermissionDenied")), NoResponse::NotPermitted);
        for other in [Some("TypeError"), Some("AbortError"), Some("notcapable"), Some(""), None] {
            assert_eq!(fetch_failure(other), NoResponse::Network, "{other:?}");
        }
    }

    #[test]
    fn a_refused_permission_names_deno_and_allow_net_for_the_host() {
        let cases = [
            ("http://127.0.0.1:31009", "--allow-net=127.0.0.1 "),
            ("http://localhost:31012/prefix", "--allow-net=localhost "),
            ("http://[::1]:31009", "--allow-net=[::1] "),
            ("https://anytype.example", "--allow-net=anytype.example "),
        ];
        for (raw, flag) in cases {
            let base = BaseUrl::parse(raw, false).unwrap();
            for operation in [Operation::CreateChallenge, Operation::CreateApiKey, Operation::CheckAnytype, Operation::VerifyApiKey] {
                let error = no_response(&call(operation), &base, NoResponse::NotPermitted).unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Unreachable);
                assert_eq!(error.status(), None);
                let message = error.message();
                assert!(message.starts_with("Deno refused this program network access to "), "{message}");
                assert!(message.contains(base.as_str()), "{message}");
                assert!(message.contains(flag), "{message} lacks {flag:?}");
                assert_ne!(message, no_response(&call(Operation::CreateChallenge), &base, NoResponse::Network).unwrap_err().message());
            }
        }
    }

    #[test]
    fn needs_body_only_where_it_matters() {
        assert!(!needs_body(Operation::CheckAnytype, 500));
        assert!(needs_body(Operation::VerifyApiKey, 200), "whoami says what the key reaches");
        assert!(needs_body(Operation::VerifyApiKey, 401), "the 401 says whether the key expired");
        assert!(!needs_body(Operation::VerifyApiKey, 404));
        assert!(!needs_body(Operation::VerifyOnV1 { works_on_v2: None }, 200));
        assert!(needs_body(Operation::VerifyOnV1 { works_on_v2: None }, 403));
        assert!(needs_body(Operation::CreateApiKey, 201));
    }
}
