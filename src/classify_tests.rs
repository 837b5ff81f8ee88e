use super::*;
use crate::options::Settings;
use crate::redact::SERVER_MESSAGE_MAX_CHARS;
use crate::test_steps::StepKind as Op;
use crate::wire::{Grant, Permission};

fn envelope_body(status: u16, code: &str, message: &str) -> String {
    serde_json::json!({ "object": "error", "status": status, "code": code, "message": message }).to_string()
}

/// A whole body, as bytes.
fn complete(bytes: &[u8]) -> Body<'_, [u8]> {
    Body::Complete(bytes)
}

/// A body that was not read, for the host's byte bodies.
const NOT_READ: Body<'static, [u8]> = Body::NotRead;

const KEY: &str = "S3CRETKEY";

fn step(op: Op) -> Step {
    op.step("0042", KEY)
}

/// The result of an answer that settles the call.
fn result(step: &Step, status: u16, version: Option<String>, body: Body<'_, [u8]>) -> Result<Outcome, Error> {
    match classify(step.clone(), status, version, body) {
        Next::Done(outcome) => Ok(outcome),
        Next::Failed(error) => Err(error),
        Next::Send(next) => panic!("a follow-up {:?} where a result was due", next.call),
    }
}

/// `verifyApiKey`'s outcome for one answer.
fn key(op: Op, status: u16, body: &str) -> Outcome {
    result(&step(op), status, None, complete(body.as_bytes())).expect("a key outcome")
}

fn kind_of(op: Op, status: u16, body: &str) -> ErrorKind {
    result(&step(op), status, None, complete(body.as_bytes())).expect_err("should fail").kind()
}

#[test]
fn successes() {
    let v = Some("2025-11-08".to_owned());
    let ok = result(&step(Op::CreateChallenge), 201, v.clone(), complete(br#"{"challenge_id":"abc","x":1}"#));
    assert_eq!(ok, Ok(Outcome::Challenge(Challenge { challenge_id: "abc".into(), server_version: v.clone() })));
    let ok = result(&step(Op::CreateApiKey), 200, None, complete(br#"{"api_key":"k=","grant":null}"#));
    assert_eq!(ok, Ok(Outcome::ApiKey(ApiKey { api_key: "k=".into(), grant: None, server_version: None })));
    for status in [200, 204, 299, 401, 404, 500] {
        let running = result(&step(Op::CheckAnytype), status, None, NOT_READ);
        assert_eq!(running, Ok(Outcome::Status(AnytypeStatus { running: true, server_version: None })));
    }
    let valid = result(&step(Op::OnV1(None)), 200, v.clone(), NOT_READ);
    assert_eq!(valid, Ok(Outcome::Key(KeyStatus::from_v1(true, None, v))));
    let invalid = result(&step(Op::VerifyApiKey), 401, None, NOT_READ);
    assert_eq!(invalid, Ok(Outcome::Key(KeyStatus::refused(None, None))));
}

#[test]
fn the_grant_is_read_and_never_costs_the_key() {
    let answer = br#"{"api_key":"anytype_amfbcga7eywtio2cjfifoxtfnrzxvamir6lj3jflwk44br6o2xoa_3fe1d4b7","grant":{"all_spaces":false,"space_ids":["a","b"],"permission":"read"}}"#;
    let Ok(Outcome::ApiKey(key)) = result(&step(Op::CreateApiKey), 201, None, complete(answer)) else { panic!() };
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
        let outcome = result(&step(Op::CreateApiKey), 201, None, complete(body.as_bytes()));
        assert_eq!(outcome, Ok(Outcome::ApiKey(ApiKey { api_key: "k=".into(), grant: None, server_version: None })), "{odd}");
    }
}

#[test]
fn verify_asks_v1_only_where_whoami_cannot_say() {
    let s = Settings::default();
    let whoami = step(Op::VerifyApiKey);
    let no_v2 = classify(whoami.clone(), 404, None, complete(b"404 page not found"));
    assert_eq!(no_v2, Next::Send(Step::verify_on_v1(&s, KEY, None)));
    let Next::Send(on_v1) = no_v2 else { unreachable!() };
    assert_eq!(on_v1.call.authorization.as_deref(), Some("Bearer S3CRETKEY"), "the follow-up carries the key");
    let limited = envelope_body(403, "forbidden", "api key scope does not allow json api access: key \"x\" has Limited scope");
    let refused_on_v2 = classify(whoami.clone(), 403, None, complete(limited.as_bytes()));
    assert_eq!(refused_on_v2, Next::Send(Step::verify_on_v1(&s, KEY, Some(false))));
    let scoped = r#"{"status":403,"code":"v1_not_available_for_scoped_keys","message":"key carries a space grant","issues":[]}"#;
    let Outcome::Key(status) = key(Op::OnV1(Some(false)), 403, scoped) else { panic!() };
    assert_eq!((status.valid, status.works_on_v1, status.works_on_v2), (true, Some(false), Some(false)));
    let Outcome::Key(status) = key(Op::VerifyApiKey, 200, r#"{"grant":{"scoped":false,"permission":null,"spaces":[]}}"#) else { panic!() };
    assert_eq!((status.valid, status.works_on_v1, status.works_on_v2), (true, Some(true), Some(true)));
    let expired = envelope_body(401, "unauthorized", "api key expired");
    for op in [Op::VerifyApiKey, Op::OnV1(None)] {
        let Outcome::Key(status) = key(op, 401, &expired) else { panic!() };
        assert_eq!((status.valid, status.reason), (false, Some(crate::key_status::KeyProblem::Expired)));
    }
    let origin = envelope_body(403, "forbidden", ORIGIN_NOT_ALLOWED_MESSAGE);
    assert_eq!(kind_of(Op::VerifyApiKey, 403, &origin), ErrorKind::OriginNotAllowed);
    assert_eq!(kind_of(Op::OnV1(None), 403, &origin), ErrorKind::OriginNotAllowed);
    assert_eq!(kind_of(Op::OnV1(None), 403, &limited), ErrorKind::BadRequest);
}

#[test]
fn the_v2_envelope_gives_server_details_too() {
    let body = r#"{"status":403,"code":"space_not_granted","message":"not granted","issues":[]}"#;
    let e = result(&step(Op::CreateChallenge), 403, None, complete(body.as_bytes())).unwrap_err();
    assert_eq!((e.server_code(), e.server_message()), (Some("space_not_granted"), Some("not granted")));
    let not_envelope = result(&step(Op::CreateChallenge), 403, None, complete(br#"{"object":"list","code":"c"}"#)).unwrap_err();
    assert_eq!(not_envelope.server_code(), None);
}

#[test]
fn the_500_messages_name_every_cause() {
    let refused = result(&step(Op::CreateChallenge), 500, None, NOT_READ).unwrap_err();
    for cause in ["still waiting", "Deny", "too many requests", "wrong codes", "logged in"] {
        assert!(refused.message().contains(cause), "{cause}: {}", refused.message());
    }
    let rejected = result(&step(Op::CreateApiKey), 500, None, NOT_READ).unwrap_err();
    for cause in ["mistyped", "Allow", "5 minutes", "5 tries", "wrong codes"] {
        assert!(rejected.message().contains(cause), "{cause}: {}", rejected.message());
    }
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
        assert_eq!(kind_of(Op::CreateChallenge, 201, body), ErrorKind::InvalidResponse, "{body}");
    }
    let long_id = format!(r#"{{"challenge_id":"{}"}}"#, "a".repeat(129));
    let not_ascii = r#"{"challenge_id":"\u00e9t\u00e9"}"#;
    for body in [long_id.as_str(), not_ascii, r#"{"challenge_id":"a\tb"}"#] {
        assert_eq!(kind_of(Op::CreateChallenge, 201, body), ErrorKind::InvalidResponse, "unusable id {body}");
    }
    for body in [r#"{"api_key":"k\u00e9y"}"#, r#"{"api_key":" \n "}"#] {
        assert_eq!(kind_of(Op::CreateApiKey, 201, body), ErrorKind::InvalidResponse, "unusable key {body}");
    }
    let trimmed = result(&step(Op::CreateChallenge), 201, None, complete(br#"{"challenge_id":" abc "}"#));
    assert_eq!(trimmed, Ok(Outcome::Challenge(Challenge { challenge_id: "abc".into(), server_version: None })));
    let too_big = result(&step(Op::CreateApiKey), 201, None, Body::<[u8]>::TooLarge).unwrap_err();
    assert_eq!(too_big.kind(), ErrorKind::InvalidResponse);
    assert_eq!(too_big.status(), Some(201));
    assert!(too_big.message().contains("64 KiB"));
}

#[test]
fn statuses_map_to_kinds_per_operation() {
    use ErrorKind::*;
    use Op::*;
    let origin = envelope_body(403, "forbidden", ORIGIN_NOT_ALLOWED_MESSAGE);
    let table: &[(Op, u16, &str, ErrorKind)] = &[
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
        (OnV1(None), 404, "", BadRequest),
        (OnV1(None), 500, "", ServerError),
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
    let e = result(&step(Op::CreateApiKey), 500, None, complete(body.as_bytes())).unwrap_err();
    assert_eq!(e.status(), Some(500));
    assert_eq!(e.server_code(), Some("internal_server_error"));
    assert_eq!(e.server_message(), Some("failed to authenticate user"));
    assert!(e.message().ends_with("(HTTP 500)"), "{}", e.message());
    let plain = result(&step(Op::CreateApiKey), 502, None, complete(b"Bad Gateway")).unwrap_err();
    assert_eq!((plain.server_code(), plain.server_message()), (None, None));
    let not_envelope = br#"{"error":"limit must be between 1 and 1000"}"#;
    let e = result(&step(Op::VerifyApiKey), 400, None, complete(not_envelope)).unwrap_err();
    assert_eq!(e.server_message(), None);
}

#[test]
fn a_secret_that_survives_scrubbing_drops_the_server_text() {
    // Keys made of the marker's characters reappear in or around "[redacted]" (fuzz finding).
    let cut_marker = "x".repeat(SERVER_MESSAGE_MAX_CHARS - 2) + "[r";
    for (key, message) in [("e", "bkey zhSG/r"), ("]x", "]]xx"), ("[redacted]", "[redacted]"), ("[r", cut_marker.as_str())] {
        let step = Step::verify_api_key(&Settings::default(), key);
        let body = envelope_body(502, "c", message);
        let e = result(&step, 502, None, complete(body.as_bytes())).unwrap_err();
        assert_eq!(e.server_message(), None, "{key}");
    }
}

#[test]
fn echoed_secrets_are_scrubbed_and_messages_bounded() {
    let body = envelope_body(500, "internal_server_error", "code 0042 is wrong");
    let e = result(&step(Op::CreateApiKey), 500, None, complete(body.as_bytes())).unwrap_err();
    assert_eq!(e.server_message(), Some("code [redacted] is wrong"));
    let body = envelope_body(502, "S3CRETKEY", &"S3CRETKEY ".repeat(100));
    let e = result(&step(Op::VerifyApiKey), 502, None, complete(body.as_bytes())).unwrap_err();
    assert!(!e.server_message().unwrap().contains("S3CRETKEY"));
    assert!(!e.server_code().unwrap().contains("S3CRETKEY"));
    assert!(e.server_message().unwrap().chars().count() <= SERVER_MESSAGE_MAX_CHARS);
}

#[test]
fn needs_body_only_where_it_matters() {
    assert!(!needs_body(Operation::CheckAnytype, 500));
    assert!(needs_body(Operation::VerifyApiKey, 200), "whoami says what the key reaches");
    assert!(needs_body(Operation::VerifyApiKey, 401), "the 401 says whether the key expired");
    assert!(!needs_body(Operation::VerifyApiKey, 404));
    assert!(!needs_body(Operation::VerifyOnV1, 200));
    assert!(needs_body(Operation::VerifyOnV1, 403));
    assert!(needs_body(Operation::CreateApiKey, 201));
}
