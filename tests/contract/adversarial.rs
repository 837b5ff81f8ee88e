//! The adversarial-server matrix: every hostile answer the stand-in can give (resets, endless and
//! multi-MiB bodies, invalid UTF-8, deep nesting, duplicate keys, lying Content-Types, trickles,
//! redirects to another port, odd statuses with and without the error envelope…). Each case
//! asserts the documented outcome, that the request was sent once (never retried by us), and
//! that a good call succeeds right after on the same module (no panic poisoned it).
//!
//! Cases already covered in `mod.rs` (the plain `body=` kinds, the status kinds of
//! `createChallenge`, hangs on `createChallenge`) are not repeated here.

use anytype_auth::wasm::{check_anytype, create_api_key, create_challenge, verify_api_key, AnytypeError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

/// Which function a case calls.
#[derive(Clone, Copy, Debug)]
enum Call {
    /// `createChallenge("Adversarial")`.
    Challenge,
    /// `createApiKey` with a made-up challenge id and code.
    ApiKey,
    /// `verifyApiKey` with a key the instance knows.
    Verify,
    /// `checkAnytype`.
    Check,
}

/// What a case must give.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Rejects with this `kind` and `status`.
    Fails(&'static str, Option<u16>),
    /// Rejects with this `kind`; `status` is null in Node but the redirect status in a browser
    /// (Chromium hands a redirect without `Location` back as a response, Node fails the fetch).
    FailsStatusVaries(&'static str, u16),
    /// `createChallenge` or `createApiKey` resolve with a non-empty field.
    Succeeds,
    /// `verifyApiKey` resolves to `{ valid }`.
    Valid(bool),
    /// `checkAnytype` resolves to `{ running }`.
    Running(bool),
}

/// One row of the matrix: scope items (`{port}` becomes the stand-in's port, `{target}` a
/// second, fresh scope), the call, its `timeoutMs` and the outcome.
struct Case {
    items: &'static str,
    call: Call,
    timeout_ms: u32,
    expect: Expect,
}

const fn case(items: &'static str, call: Call, expect: Expect) -> Case {
    Case { items, call, timeout_ms: 5000, expect }
}

const fn timed(items: &'static str, call: Call, timeout_ms: u32, expect: Expect) -> Case {
    Case { items, call, timeout_ms, expect }
}

use Call::*;
use Expect::*;

const MADE_UP_ID: &str = "67647f5ecda913e9a2e11b26";

/// `verifyApiKey`'s first request, which heart v0.47 answers with an unscripted 404.
const WHOAMI: &str = "/v2/auth/whoami?ids=full";

/// Runs one case, checks its outcome and the request log, then proves the module still works.
/// `mode` (`Some("current")`) runs it against today's Anytype instead of heart v0.47.
async fn run(case: &Case, mode: Option<&str>) {
    let port = STANDIN_URL.rsplit(':').next().unwrap();
    let (_, target) = scope("");
    let items = case.items.replace("{port}", port).replace("{target}", &String::from(js_sys::encode_uri_component(&target)));
    let items = match mode {
        Some(mode) => format!("mode={mode},{items}"),
        None => items,
    };
    let (base, spec) = scope(&items);
    let options = opts(&base, &[("timeoutMs", JsValue::from(case.timeout_ms))]);
    let result = match case.call {
        Challenge => create_challenge("Adversarial".into(), options).await,
        ApiKey => create_api_key(MADE_UP_ID.into(), "0427".into(), options).await,
        Verify => verify_api_key(add_key(&spec).await.into(), options).await,
        Check => check_anytype(options).await,
    };
    let label = format!("{items} ({:?})", case.call);
    match case.expect {
        Fails(kind, status) => {
            let error = expect_error(result, kind, status);
            assert!(get(&error, "stack").is_string(), "{label}: no stack");
        }
        FailsStatusVaries(kind, status) => {
            let error = result.expect_err(&label);
            assert!(error.is_instance_of::<AnytypeError>(), "{label}: {error:?}");
            assert_eq!(get_str(&error, "kind"), kind, "{label}");
            let got = get(&error, "status");
            assert!(got.is_null() || got.as_f64() == Some(f64::from(status)), "{label}: status {got:?}");
        }
        Succeeds => {
            let value = result.unwrap_or_else(|e| panic!("{label}: {e:?}"));
            let field = if matches!(case.call, Challenge) { "challengeId" } else { "apiKey" };
            assert!(!get_str(&value, field).is_empty(), "{label}");
        }
        Valid(valid) => assert_eq!(get(&result.unwrap_or_else(|e| panic!("{label}: {e:?}")), "valid"), JsValue::from(valid), "{label}"),
        Running(running) => {
            assert_eq!(get(&result.unwrap_or_else(|e| panic!("{label}: {e:?}")), "running"), JsValue::from(running), "{label}")
        }
    }
    let mut log = requests(&spec).await;
    // verifyApiKey asks whoami first. Heart v0.47 has no /v2, so that is an unscripted 404 and the
    // scripted answer comes to the /v1 request after it; today's Anytype scripts whoami itself, and
    // only a 404 or a 403 that is not the origin gate's sends the /v1 request after it.
    let mut expected = 1;
    if matches!(case.call, Verify) {
        assert!(get_str(&log[0], "path").ends_with(WHOAMI), "{label}: whoami first");
        if mode.is_none() {
            log.remove(0);
        } else if ["status=404", "status=403,plain"].contains(&case.items) {
            expected = 2;
        }
    }
    let sent = log.len();
    if case.items.contains("reset=") {
        let allowed = resends_after_reset();
        assert!(allowed.contains(&sent), "{label}: {sent} requests, {allowed:?} allowed in {}", browser());
    } else {
        assert_eq!(sent, expected, "{label}: each request sent once, never retried");
    }
    assert!(all_requests(&target).await.is_empty(), "{label}: the redirect target received a request");
    still_works().await;
}

/// The browser running the suite, as the make target declares it at compile time
/// (`ANYTYPE_AUTH_TEST_BROWSER`: `chromium` for `make test-browser`, `firefox` for
/// `make test-firefox`; unset in Node). `runs_where_declared` checks it.
fn browser() -> &'static str {
    option_env!("ANYTYPE_AUTH_TEST_BROWSER").unwrap_or("node")
}

/// How many requests may reach the server for one call whose connection is reset before any
/// answer. We send each request once; the browser's network stack resends it below fetch, out
/// of our hands, and differently per browser. Node never does; Chromium sends it up to 3 times in
/// all (seen: 2, 3). Firefox restarts the transaction up to its `network.http.request.max-attempts`
/// (10 by default): a GET every time (seen: 10), a POST while the connection that broke was a
/// reused keep-alive one (seen: 1 to 3). So only the `reset=` cases allow resends, only up to
/// these counts, and Firefox's 10 only in Firefox; every other case still demands exactly one.
fn resends_after_reset() -> std::ops::RangeInclusive<usize> {
    match browser() {
        "firefox" => 1..=10,
        _ => 1..=3,
    }
}

/// The runtime the make target declared (whose resends `resends_after_reset` allows) is the one
/// running the suite, so Firefox's allowance can never cover another browser.
#[wasm_bindgen_test]
fn runs_where_declared() {
    let global = js_sys::global();
    let agent = || get(&get(&global, "navigator"), "userAgent").as_string().unwrap_or_default();
    match browser() {
        "node" => assert!(get(&global, "process").is_object(), "not Node"),
        "firefox" => assert!(agent().contains(" Firefox/"), "declared firefox, but the user agent is {}", agent()),
        "chromium" => assert!(agent().contains("Chrome/"), "declared chromium, but the user agent is {}", agent()),
        other => panic!("ANYTYPE_AUTH_TEST_BROWSER={other}: expected chromium or firefox"),
    }
}

/// Runs every case against heart v0.47, and the `verifyApiKey` cases against today's Anytype too.
async fn run_all(cases: &[Case]) {
    for case in cases {
        run(case, None).await;
        if matches!(case.call, Verify) {
            run(case, Some("current")).await;
        }
    }
}

/// Connections that break, bodies that never end or never arrive in time.
#[wasm_bindgen_test]
async fn broken_connections_and_endless_bodies() {
    run_all(&[
        case("reset=before", Challenge, Fails("unreachable", None)),
        case("reset=before", Verify, Fails("unreachable", None)),
        case("reset=before", Check, Running(false)),
        case("reset=after", Challenge, Fails("unreachable", Some(201))),
        case("reset=after,status=500", ApiKey, Fails("unreachable", Some(500))),
        case("body=endless", Challenge, Fails("invalid_response", Some(201))),
        case("body=endless", ApiKey, Fails("invalid_response", Some(201))),
        case("body=megabytes", Challenge, Fails("invalid_response", Some(201))),
        timed("delay=5000", ApiKey, 300, Fails("timeout", None)),
        timed("delay=5000", Verify, 300, Fails("timeout", None)),
        timed("stall=5000", ApiKey, 300, Fails("timeout", None)),
        timed("trickle=200", Challenge, 1000, Fails("timeout", None)),
        timed("trickle=200,status=500", ApiKey, 1000, Fails("timeout", None)),
        case("trickle=5", Challenge, Succeeds),
    ])
    .await;
}

/// Bodies that are not what they claim: bytes, nesting, duplicates, Content-Types.
#[wasm_bindgen_test]
async fn bodies_that_lie() {
    run_all(&[
        case("body=badutf8", Challenge, Fails("invalid_response", Some(201))),
        case("body=badutf8", ApiKey, Fails("invalid_response", Some(201))),
        case("deep=100000", Challenge, Fails("invalid_response", Some(201))),
        case("deep=30000", Challenge, Succeeds),
        case("body=duplicate", Challenge, Succeeds),
        case("type=text%2Fhtml", Challenge, Succeeds),
        case("type=application%2Foctet-stream,status=299", Challenge, Succeeds),
        case("body=html,type=application%2Fjson", Challenge, Fails("invalid_response", Some(201))),
        case("body=notjson,type=application%2Fjson", ApiKey, Fails("invalid_response", Some(201))),
        case("status=500,type=text%2Fhtml", ApiKey, Fails("code_rejected", Some(500))),
        case("status=204", Challenge, Fails("invalid_response", Some(204))),
        case("status=204", Verify, Valid(true)),
        case("status=299", Verify, Valid(true)),
        case("body=extra", Verify, Valid(true)),
    ])
    .await;
}

/// Redirects of every kind are refused, and their target receives nothing.
#[wasm_bindgen_test]
async fn redirects_to_another_place() {
    run_all(&[
        case("redirect={port},to={target}", Challenge, Fails("unreachable", None)),
        case("redirect={port},to={target},redirectstatus=301", ApiKey, Fails("unreachable", None)),
        case("redirect={port},to={target},redirectstatus=302", Verify, Fails("unreachable", None)),
        case("redirect={port},to={target},redirectstatus=303", Challenge, Fails("unreachable", None)),
        case("redirect={port},to={target},redirectstatus=308", ApiKey, Fails("unreachable", None)),
        case("redirect={port},to={target}", Check, Running(false)),
        case("status=302", Challenge, FailsStatusVaries("unreachable", 302)),
        case("status=300,plain", Verify, Fails("unreachable", Some(300))),
    ])
    .await;
}

/// `verifyApiKey` and `createApiKey` against every error status, with and without the envelope.
#[wasm_bindgen_test]
async fn error_statuses_with_and_without_the_envelope() {
    run_all(&[
        case("status=400", Verify, Fails("bad_request", Some(400))),
        case("status=400,plain", Verify, Fails("bad_request", Some(400))),
        case("status=401", Verify, Valid(false)),
        case("status=401,plain", Verify, Valid(false)),
        case("status=403", Verify, Fails("origin_not_allowed", Some(403))),
        case("status=403,plain", Verify, Fails("bad_request", Some(403))),
        case("status=404", Verify, Fails("bad_request", Some(404))),
        case("status=429", Verify, Fails("rate_limited", Some(429))),
        case("status=429,plain", Verify, Fails("rate_limited", Some(429))),
        case("status=500", Verify, Fails("server_error", Some(500))),
        case("status=500,plain", Verify, Fails("server_error", Some(500))),
        case("status=502,plain", Verify, Fails("server_error", Some(502))),
        case("status=503", Verify, Fails("server_error", Some(503))),
        case("status=401,plain", ApiKey, Fails("unauthorized", Some(401))),
        case("status=403", ApiKey, Fails("origin_not_allowed", Some(403))),
        case("status=403,plain", Challenge, Fails("bad_request", Some(403))),
        case("status=429,plain", ApiKey, Fails("rate_limited", Some(429))),
        case("status=500,plain", ApiKey, Fails("code_rejected", Some(500))),
        case("status=500,plain", Challenge, Fails("challenge_refused", Some(500))),
        case("status=502", Challenge, Fails("server_error", Some(502))),
        case("status=599", ApiKey, Fails("server_error", Some(599))),
        case("status=400,message=%7B%22nested%22%3Atrue%7D", ApiKey, Fails("bad_request", Some(400))),
    ])
    .await;
}

/// A body nested deeply but within 64 KiB is read to the end: the real challenge is found behind
/// 30,000 levels of arrays, and duplicate keys resolve to the last (real) one, usable for a key.
#[wasm_bindgen_test]
async fn deep_and_duplicate_bodies_give_the_real_values() {
    for items in ["deep=30000", "body=duplicate"] {
        let (base, spec) = scope(items);
        let created = create_challenge("Adversarial".into(), opts(&base, &[])).await.unwrap_or_else(|e| panic!("{items}: {e:?}"));
        let id = get_str(&created, "challengeId");
        assert_eq!(id.len(), 24, "{items}: {id}");
        let code = code_for(&spec, &id).await;
        let keyed = create_api_key(id.into(), code.into(), opts(&base, &[])).await.unwrap_or_else(|e| panic!("{items}: {e:?}"));
        assert_eq!(get_str(&keyed, "apiKey").len(), 44, "{items}");
    }
    still_works().await;
}

/// A lying Content-Type on an error envelope changes nothing: the envelope is still read.
#[wasm_bindgen_test]
async fn the_envelope_is_read_whatever_the_content_type() {
    let (base, _) = scope("status=500,type=text%2Fhtml");
    let error = expect_error(create_api_key(MADE_UP_ID.into(), "0427".into(), opts(&base, &[])).await, "code_rejected", Some(500));
    assert_eq!(get_str(&error, "serverMessage"), "failed to authenticate user");
    let (base, _) = scope("status=500,plain");
    let error = expect_error(create_api_key(MADE_UP_ID.into(), "0427".into(), opts(&base, &[])).await, "code_rejected", Some(500));
    assert!(get(&error, "serverMessage").is_null(), "a plain-text 500 has no envelope");
    still_works().await;
}

/// A server that echoes the call's secret: an exact copy becomes `[redacted]` in `serverMessage`;
/// any other spelling (another case, percent-encoded, cut, split, a code spaced or without its
/// leading zeros) drops the server's message.
#[wasm_bindgen_test]
async fn echoed_secrets_in_any_spelling_stay_out_of_server_messages() {
    const CODE: &str = "0427";
    const KEY: &str = "zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=";
    let fully_encoded: String = KEY.bytes().map(|b| format!("%{b:02X}")).collect();
    let component = String::from(js_sys::encode_uri_component(KEY));
    let code_spellings = ["0427", "427", "0 4 2 7", "4 2 7", "04-27", "%30%34%32%37"].map(String::from);
    let key_spellings = [
        KEY.to_uppercase(),
        KEY.to_lowercase(),
        component.clone(),
        component.to_lowercase(),
        fully_encoded,
        KEY[..40].to_owned(),
        KEY[KEY.len() - 12..].to_owned(),
        format!("{} {}", &KEY[..22], &KEY[22..]),
    ];
    let cases = code_spellings.iter().map(|s| (ApiKey, s)).chain(key_spellings.iter().map(|s| (Verify, s)));
    for (call, spelling) in cases {
        let message = format!("you sent {spelling}; refused");
        let items = format!("status=502,message={}", String::from(js_sys::encode_uri_component(&message)));
        let (base, _) = scope(&items);
        let result = match call {
            ApiKey => create_api_key(MADE_UP_ID.into(), CODE.into(), opts(&base, &[])).await,
            _ => verify_api_key(KEY.into(), opts(&base, &[])).await,
        };
        let error = expect_error(result, "server_error", Some(502));
        let kept = get(&error, "serverMessage");
        if spelling == CODE {
            assert_eq!(kept.as_string().as_deref(), Some("you sent [redacted]; refused"));
        } else {
            assert!(kept.is_null(), "{call:?} echoing {spelling:?} kept {kept:?}");
        }
    }
    still_works().await;
}
