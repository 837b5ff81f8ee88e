//! Reading Anytype's answers: what each status and body means for each [`Step`] of a call. The
//! answer gives the next step: the call's result, its error, or the follow-up request the core
//! builds (`verifyApiKey`'s `/v1` check, key included), so the transport only runs steps.

use crate::error::{Error, ErrorKind};
use crate::input;
use crate::key_status::{KeyStatus, V1_REFUSES_SCOPED_CODE};
use crate::messages;
use crate::no_response::redirect_error;
use crate::options::Settings;
use crate::outcome::{AnytypeStatus, ApiKey, Challenge, Outcome};
use crate::redact::clean;
use crate::request::{Call, Operation};
use crate::wire::{ApiKeyAnswer, ChallengeAnswer, ErrorEnvelope, GrantAnswer, Json};

/// [`BODY_LIMIT`] in KiB, as the messages state it.
pub const BODY_LIMIT_KIB: usize = 64;
/// The most body this crate reads; a larger success body is `invalid_response`.
pub const BODY_LIMIT: usize = BODY_LIMIT_KIB * 1024;
/// The message of newer Anytype's 403 from its origin/host gate: a refused `Origin`, a refused
/// `Host`, or no `Origin` with `Sec-Fetch-Site: same-origin|same-site`.
pub const ORIGIN_NOT_ALLOWED_MESSAGE: &str = "request origin is not allowed";

/// One request of a call, with what the core needs to read its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The request to send.
    pub call: Call,
    then: Then,
}

/// What an answer to a [`Step`] can lead to besides a result or an error.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Then {
    /// Nothing: the answer settles the call.
    Settle,
    /// `whoami`; where it cannot say, `on_v1` (the `/v1` check with the same key) follows.
    Whoami { on_v1: Call },
    /// The `/v1` check, after `whoami` said `works_on_v2` of `/v2` (`None`: there is no `/v2`).
    OnV1 { works_on_v2: Option<bool> },
}

impl Step {
    /// `createChallenge`'s one step; `app_name` must be checked already.
    pub fn create_challenge(settings: &Settings, app_name: &str) -> Step {
        Step { call: Call::create_challenge(settings, app_name), then: Then::Settle }
    }

    /// `createApiKey`'s one step; both arguments must be checked already.
    pub fn create_api_key(settings: &Settings, challenge_id: &str, code: &str) -> Step {
        Step { call: Call::create_api_key(settings, challenge_id, code), then: Then::Settle }
    }

    /// `checkAnytype`'s one step.
    pub fn check_anytype(settings: &Settings) -> Step {
        Step { call: Call::check_anytype(settings), then: Then::Settle }
    }

    /// `verifyApiKey`'s first step, `whoami`, with the `/v1` check built for where it cannot say.
    pub fn verify_api_key(settings: &Settings, api_key: &str) -> Step {
        let on_v1 = Call::verify_on_v1(settings, api_key);
        Step { call: Call::verify_api_key(settings, api_key), then: Then::Whoami { on_v1 } }
    }

    /// `verifyApiKey`'s second step as [`classify`] builds it, after `whoami` said `works_on_v2`.
    pub fn verify_on_v1(settings: &Settings, api_key: &str, works_on_v2: Option<bool>) -> Step {
        Step { call: Call::verify_on_v1(settings, api_key), then: Then::OnV1 { works_on_v2 } }
    }
}

/// What follows an answer.
// One `Next` exists per answer and is moved once; boxing the step would cost the wasm more.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// The call's result.
    Done(Outcome),
    /// The call's error.
    Failed(Error),
    /// Send this step next.
    Send(Step),
}

impl From<Result<Outcome, Error>> for Next {
    fn from(result: Result<Outcome, Error>) -> Next {
        match result {
            Ok(outcome) => Next::Done(outcome),
            Err(error) => Next::Failed(error),
        }
    }
}

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
        Operation::VerifyOnV1 => !is_success(status),
        Operation::CreateChallenge | Operation::CreateApiKey => true,
    }
}

/// Reads the answer to `step` (its status, `Anytype-Version` header and body) into what follows.
pub fn classify<J: Json + ?Sized>(step: Step, status: u16, server_version: Option<String>, body: Body<'_, J>) -> Next {
    let call = &step.call;
    if call.operation == Operation::CheckAnytype {
        return Next::Done(Outcome::Status(AnytypeStatus { running: true, server_version }));
    }
    if let Some(next) = key_step(step.then, status, server_version.clone(), &body) {
        return next;
    }
    if is_success(status) {
        return success(call.operation, server_version, body).map_err(|e| e.with_status(status)).into();
    }
    Next::Failed(failure(call, status, body))
}

/// What an answer to one of `verifyApiKey`'s steps says of the key, or the step that follows,
/// unless it is an error (`None`: the general table decides).
fn key_step<J: Json + ?Sized>(then: Then, status: u16, server_version: Option<String>, body: &Body<'_, J>) -> Option<Next> {
    if matches!(then, Then::Settle) {
        return None;
    }
    let complete = match body {
        Body::Complete(body) => Some(*body),
        _ => None,
    };
    let envelope = complete.and_then(|body| body.read::<ErrorEnvelope>()).filter(is_envelope);
    let server_message = envelope.as_ref().and_then(|e| e.message.as_deref());
    let origin_gate = status == 403 && server_message == Some(ORIGIN_NOT_ALLOWED_MESSAGE);
    let on_v1 = |call: Call, works_on_v2| Some(Next::Send(Step { call, then: Then::OnV1 { works_on_v2 } }));
    let key = match (then, status) {
        (_, 401) => KeyStatus::refused(server_message, server_version),
        (Then::Whoami { .. }, 200..=299) => KeyStatus::from_whoami(complete, server_version),
        // No /v2 here (an Anytype before 2026), or /v2 refuses this key (an old Limited key).
        (Then::Whoami { on_v1: call }, 404) => return on_v1(call, None),
        (Then::Whoami { on_v1: call }, 403) if !origin_gate => return on_v1(call, Some(false)),
        (Then::OnV1 { works_on_v2 }, 200..=299) => KeyStatus::from_v1(true, works_on_v2, server_version),
        (Then::OnV1 { works_on_v2 }, 403) if envelope.as_ref().and_then(|e| e.code.as_deref()) == Some(V1_REFUSES_SCOPED_CODE) => {
            KeyStatus::from_v1(false, works_on_v2, server_version)
        }
        _ => return None,
    };
    Some(Next::Done(Outcome::Key(key)))
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

fn success<J: Json + ?Sized>(operation: Operation, server_version: Option<String>, body: Body<'_, J>) -> Result<Outcome, Error> {
    let body = match body {
        Body::Complete(body) => body,
        Body::TooLarge => return Err(invalid_response("the body", messages::BODY_TOO_LARGE)),
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
    check(value).map_err(|_| invalid_response(field, messages::UNUSABLE_VALUE))
}

/// `invalid_response` for a success whose body breaks the API's promise: `subject` (the body or
/// the field) and what is wrong with it.
fn invalid_response(subject: &str, problem: &str) -> Error {
    Error::new(ErrorKind::InvalidResponse, messages::invalid_response(subject, problem))
}

fn failure<J: Json + ?Sized>(call: &Call, status: u16, body: Body<'_, J>) -> Error {
    let (server_code, server_message) = envelope(body, call.secret.as_deref().as_slice());
    let operation = call.operation;
    let owned;
    let (kind, text): (ErrorKind, &str) = match status {
        403 if server_message.as_deref() == Some(ORIGIN_NOT_ALLOWED_MESSAGE) => (ErrorKind::OriginNotAllowed, messages::ORIGIN_NOT_ALLOWED),
        500 if operation == Operation::CreateApiKey => {
            owned = messages::code_rejected();
            (ErrorKind::CodeRejected, &owned)
        }
        500 if operation == Operation::CreateChallenge => {
            owned = messages::challenge_refused();
            (ErrorKind::ChallengeRefused, &owned)
        }
        401 => (ErrorKind::Unauthorized, messages::UNAUTHORIZED),
        429 => (ErrorKind::RateLimited, messages::RATE_LIMITED),
        404 if matches!(operation, Operation::CreateChallenge | Operation::CreateApiKey) => {
            (ErrorKind::NotSupported, messages::NOT_SUPPORTED)
        }
        300..=399 => return redirect_error(Some(status)),
        400..=499 => (ErrorKind::BadRequest, messages::BAD_REQUEST),
        500..=599 => (ErrorKind::ServerError, messages::SERVER_ERROR),
        _ => (ErrorKind::InvalidResponse, messages::ODD_STATUS),
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
#[path = "classify_tests.rs"]
mod tests;
