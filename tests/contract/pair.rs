//! The JS contract of `pair()` (js/plain-api.js, over this build's wasm exports) against the
//! stand-in Anytype: one challenge, wrong codes retried on it, attempts bounded, the caller's
//! `getCode`, `onChallenge` and signal ending it with `aborted`, and invalid requests refused
//! with nothing sent.

use std::cell::RefCell;
use std::rc::Rc;

use anytype_auth::error::Error;
use anytype_auth::wasm::{create_api_key, create_challenge, AnytypeError};
use gloo_net::http::Request;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

#[wasm_bindgen(module = "/js/plain-api.js")]
extern "C" {
    /// The package's factory of its plain-JS functions:
    /// `makePlainApi({ createChallenge, createApiKey, AnytypeError })` → `{ authHeaders, pair }`.
    #[wasm_bindgen(js_name = makePlainApi)]
    fn make_plain_api(api: &Object) -> Object;
}

thread_local! {
    /// `pair` as every package entry builds it, over this build's wasm exports.
    static PAIR: Function = {
        let api = Object::new();
        let challenge = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(create_challenge).into_js_value();
        let api_key = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Promise>::new(create_api_key).into_js_value();
        let error: JsValue = AnytypeError::from(Error::invalid_input("probe")).into();
        let class = Reflect::get(&error, &"constructor".into()).unwrap();
        for (name, value) in [("createChallenge", challenge), ("createApiKey", api_key), ("AnytypeError", class)] {
            Reflect::set(&api, &name.into(), &value).unwrap();
        }
        Reflect::get(&make_plain_api(&api), &"pair".into()).unwrap().unchecked_into()
    };
}

/// Calls the package's `pair(request)` and awaits it.
async fn pair(request: JsValue) -> Result<JsValue, JsValue> {
    let promise = PAIR.with(|pair| pair.call1(&JsValue::UNDEFINED, &request)).expect("pair is async: it returns a Promise");
    JsFuture::from(promise.unchecked_into::<Promise>()).await
}

/// What the scripted `getCode` does on one attempt.
#[derive(Clone, Copy, Debug)]
enum Answer {
    /// Resolves to the code Anytype shows.
    Right,
    /// Resolves to a wrong 4-digit code.
    Wrong,
    /// Returns (not a Promise) a string that is not 4 digits.
    Malformed,
    /// Returns the right code as a number.
    Number,
    /// Returns a Promise that rejects.
    Reject,
    /// Throws synchronously.
    Throw,
    /// Returns a Promise that never settles.
    Never,
}

/// One call of the scripted `getCode`: what it was asked.
#[derive(Debug)]
struct Asked {
    challenge_id: String,
    attempt: u32,
    last_error_kind: Option<String>,
}

type AskLog = Rc<RefCell<Vec<Asked>>>;

/// A `getCode` that follows `script` (one answer per attempt) and records each question.
fn scripted_get_code(spec: &str, script: &[Answer]) -> (JsValue, AskLog) {
    let log: AskLog = Rc::default();
    let (spec, script, record) = (spec.to_owned(), script.to_vec(), log.clone());
    let get_code = Closure::<dyn FnMut(JsValue) -> Result<JsValue, JsValue>>::new(move |question: JsValue| {
        let asked = Asked {
            challenge_id: get_str(&question, "challengeId"),
            attempt: get(&question, "attempt").as_f64().expect("attempt is a number") as u32,
            last_error_kind: get(&question, "lastError").is_object().then(|| get_str(&get(&question, "lastError"), "kind")),
        };
        let answer = script[asked.attempt as usize - 1];
        let id = asked.challenge_id.clone();
        record.borrow_mut().push(asked);
        let spec = spec.clone();
        match answer {
            Answer::Right | Answer::Wrong => Ok(future_to_promise(async move {
                let code = code_for(&spec, &id).await;
                let code = if matches!(answer, Answer::Right) { code } else { wrong_code(&code) };
                Ok(code.into())
            })
            .into()),
            Answer::Malformed => Ok("12a4".into()),
            Answer::Number => Ok(JsValue::from(1234)),
            Answer::Reject => Ok(Promise::reject(&"the person closed the dialog".into()).into()),
            Answer::Throw => Err(js_sys::Error::new("getCode blew up").into()),
            Answer::Never => Ok(Promise::new(&mut |_, _| {}).into()),
        }
    });
    (get_code.into_js_value(), log)
}

fn wrong_code(right: &str) -> String {
    format!("{:04}", (right.parse::<u32>().unwrap() + 1) % 10_000)
}

/// The `pair()` argument: `{ appName, getCode, baseUrl }` plus extra keys.
fn request(base: &str, get_code: &JsValue, extra: &[(&str, JsValue)]) -> JsValue {
    let mut all = vec![("appName", JsValue::from("Pair Test")), ("getCode", get_code.clone())];
    all.extend(extra.iter().cloned());
    opts(base, &all)
}

/// The paths of what the instance received: `challenges` / `api_keys` / other.
async fn routes(spec: &str) -> Vec<String> {
    requests(spec).await.iter().map(|r| get_str(r, "path").rsplit('/').next().unwrap().to_owned()).collect()
}

/// Pairs on a fresh instance (`extra` spec items) with a scripted `getCode`, expecting a key;
/// returns the instance's spec and what `getCode` was asked.
async fn pair_scripted(extra: &str, script: &[Answer]) -> (String, AskLog) {
    let (base, spec) = scope(extra);
    let (get_code, asked) = scripted_get_code(&spec, script);
    let result = pair(request(&base, &get_code, &[])).await.unwrap();
    assert_eq!(get_str(&result, "apiKey").len(), 44);
    (spec, asked)
}

fn kinds(log: &AskLog) -> Vec<Option<String>> {
    log.borrow().iter().map(|a| a.last_error_kind.clone()).collect()
}

#[wasm_bindgen_test]
async fn pairs_with_the_first_code_and_reports_the_challenge_first() {
    let (base, spec) = scope("");
    let (get_code, asked) = scripted_get_code(&spec, &[Answer::Right]);
    let seen: Rc<RefCell<Vec<(String, String, usize)>>> = Rc::default();
    let (record, asked_so_far) = (seen.clone(), asked.clone());
    let on_challenge = Closure::<dyn FnMut(JsValue)>::new(move |info: JsValue| {
        record.borrow_mut().push((get_str(&info, "challengeId"), get_str(&info, "serverVersion"), asked_so_far.borrow().len()));
    });
    let result = pair(request(&base, &get_code, &[("onChallenge", on_challenge.into_js_value())])).await.unwrap();
    let api_key = get_str(&result, "apiKey");
    assert_eq!(api_key.len(), 44);
    assert_eq!(get_str(&result, "serverVersion"), "2025-11-08");
    assert_eq!(Object::keys(result.unchecked_ref::<Object>()).length(), 2);

    {
        let asked = asked.borrow();
        assert_eq!(asked.len(), 1);
        assert_eq!((asked[0].attempt, asked[0].last_error_kind.clone()), (1, None));
        assert_eq!(
            seen.borrow().as_slice(),
            &[(asked[0].challenge_id.clone(), "2025-11-08".to_owned(), 0)],
            "onChallenge runs once, before getCode"
        );
    }
    assert_eq!(routes(&spec).await, ["challenges", "api_keys"]);
    assert_eq!(spaces_status(&base, &api_key).await, 200, "Anytype does not accept the key");
}

/// The status of `GET /v1/spaces?limit=1` with `Authorization: Bearer <api_key>`.
async fn spaces_status(base: &str, api_key: &str) -> u16 {
    let call = Request::get(&format!("{base}/v1/spaces?limit=1")).header("Authorization", &format!("Bearer {api_key}"));
    call.send().await.expect("stand-in answers").status()
}

#[wasm_bindgen_test]
async fn wrong_codes_are_retried_on_the_same_challenge() {
    let (spec, asked) = pair_scripted("", &[Answer::Wrong, Answer::Wrong, Answer::Right]).await;
    assert_eq!(asked.borrow().iter().map(|a| a.attempt).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(kinds(&asked), [None, Some("code_rejected".into()), Some("code_rejected".into())]);
    let id = asked.borrow()[0].challenge_id.clone();
    assert!(asked.borrow().iter().all(|a| a.challenge_id == id));
    assert_eq!(routes(&spec).await, ["challenges", "api_keys", "api_keys", "api_keys"]);
    for sent in &requests(&spec).await[1..] {
        assert!(get_str(sent, "body").starts_with(&format!("{{\"challenge_id\":\"{id}\",")), "another challenge was used");
    }
}

#[wasm_bindgen_test]
async fn a_code_that_is_not_four_digits_costs_an_attempt_but_is_never_sent() {
    let (spec, asked) = pair_scripted("", &[Answer::Malformed, Answer::Right]).await;
    assert_eq!(kinds(&asked), [None, Some("invalid_input".into())]);
    assert_eq!(routes(&spec).await, ["challenges", "api_keys"]);
}

#[wasm_bindgen_test]
async fn max_attempts_bounds_the_retries_and_the_last_rejection_is_returned() {
    let (base, spec) = scope("");
    let (get_code, asked) = scripted_get_code(&spec, &[Answer::Wrong, Answer::Wrong, Answer::Right]);
    let result = pair(request(&base, &get_code, &[("maxAttempts", JsValue::from(2))])).await;
    let error = expect_error(result, "code_rejected", Some(500));
    assert_eq!(get_str(&error, "serverMessage"), "failed to authenticate user");
    assert_eq!(asked.borrow().len(), 2);
    assert_eq!(routes(&spec).await, ["challenges", "api_keys", "api_keys"]);

    let (base, spec) = scope("");
    let (get_code, asked) = scripted_get_code(&spec, &[Answer::Wrong, Answer::Right]);
    expect_error(pair(request(&base, &get_code, &[("maxAttempts", JsValue::from(1))])).await, "code_rejected", Some(500));
    assert_eq!(asked.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn get_code_rejecting_or_throwing_ends_with_aborted_and_keeps_the_cause() {
    for (answer, cause) in [(Answer::Reject, "the person closed the dialog"), (Answer::Throw, "getCode blew up")] {
        let (base, spec) = scope("");
        let (get_code, asked) = scripted_get_code(&spec, &[answer]);
        let error = expect_error(pair(request(&base, &get_code, &[])).await, "aborted", None);
        assert!(get_str(&error, "message").contains("getCode"), "{answer:?}");
        let got = get(&error, "cause");
        let got = got.as_string().unwrap_or_else(|| get_str(&got, "message"));
        assert_eq!(got, cause);
        assert_eq!(asked.borrow().len(), 1);
        assert_eq!(routes(&spec).await, ["challenges"], "{answer:?}");
    }
}

#[wasm_bindgen_test]
async fn a_number_as_code_is_invalid_input_and_not_sent() {
    let (base, spec) = scope("");
    let (get_code, _) = scripted_get_code(&spec, &[Answer::Number, Answer::Right]);
    let error = expect_error(pair(request(&base, &get_code, &[])).await, "invalid_input", None);
    assert!(get_str(&error, "message").contains("not a number"));
    assert_eq!(routes(&spec).await, ["challenges"]);
}

#[wasm_bindgen_test]
async fn the_signal_aborts_while_waiting_for_the_code() {
    let (base, spec) = scope("");
    let (get_code, asked) = scripted_get_code(&spec, &[Answer::Never]);
    let result = pair(request(&base, &get_code, &[("signal", abort_after(150).into())])).await;
    let error = expect_error(result, "aborted", None);
    assert!(get_str(&error, "message").contains("signal"));
    assert_eq!(asked.borrow().len(), 1);
    assert_eq!(routes(&spec).await, ["challenges"]);
    still_works().await;
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing_and_asks_nothing() {
    let (base, spec) = scope("");
    let (get_code, asked) = scripted_get_code(&spec, &[Answer::Right]);
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let result = pair(request(&base, &get_code, &[("signal", controller.signal().into())])).await;
    expect_error(result, "aborted", None);
    assert!(asked.borrow().is_empty());
    assert!(all_requests(&spec).await.is_empty());
}

#[wasm_bindgen_test]
async fn on_challenge_is_awaited_and_its_rejection_ends_with_aborted() {
    let (base, spec) = scope("");
    let (get_code, asked) = scripted_get_code(&spec, &[Answer::Right]);
    let on_challenge = js("() => Promise.reject(new Error('storage is full'))");
    let error = expect_error(pair(request(&base, &get_code, &[("onChallenge", on_challenge)])).await, "aborted", None);
    assert!(get_str(&error, "message").contains("onChallenge"));
    assert_eq!(get_str(&get(&error, "cause"), "message"), "storage is full");
    assert!(asked.borrow().is_empty(), "getCode ran after onChallenge failed");
    assert_eq!(routes(&spec).await, ["challenges"]);

    // A slow onChallenge finishes before getCode is asked.
    let (base, spec) = scope("");
    let (get_code, asked) = scripted_get_code(&spec, &[Answer::Right]);
    let done = js("{ value: false }");
    let slow = Function::new_with_args("done", "return info => new Promise(r => setTimeout(() => { done.value = true; r(); }, 50))")
        .call1(&JsValue::NULL, &done)
        .unwrap();
    pair(request(&base, &get_code, &[("onChallenge", slow)])).await.unwrap();
    assert_eq!(get(&done, "value"), JsValue::TRUE);
    assert_eq!(asked.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn other_errors_propagate_without_asking_for_a_code() {
    let (base, spec) = scope("status=500");
    let (get_code, asked) = scripted_get_code(&spec, &[Answer::Right]);
    expect_error(pair(request(&base, &get_code, &[])).await, "challenge_refused", Some(500));
    assert!(asked.borrow().is_empty());

    let (get_code, asked) = scripted_get_code("unused", &[Answer::Right]);
    expect_error(pair(request(&closed_url(), &get_code, &[])).await, "unreachable", None);
    assert!(asked.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn pairs_with_the_2026_server() {
    let (spec, asked) = pair_scripted("mode=2026", &[Answer::Wrong, Answer::Right]).await;
    assert_eq!(kinds(&asked), [None, Some("code_rejected".into())]);
    assert_eq!(routes(&spec).await, ["challenges", "api_keys", "api_keys"]);
}

#[wasm_bindgen_test]
async fn invalid_requests_are_refused_with_nothing_sent() {
    let (base, spec) = scope("");
    let (get_code, asked) = scripted_get_code(&spec, &[Answer::Right]);
    let b = base.as_str();
    let cases: Vec<(&str, JsValue, &str)> = vec![
        ("no argument", JsValue::UNDEFINED, "pair() takes one object"),
        ("a string", "Acme".into(), "pair() takes one object"),
        ("no getCode", opts(b, &[("appName", "Acme".into())]), "getCode must be a function"),
        ("getCode a string", opts(b, &[("appName", "Acme".into()), ("getCode", "1234".into())]), "getCode must be a function"),
        ("no appName", opts(b, &[("getCode", get_code.clone())]), "appName must be a string"),
        ("empty appName", request(b, &get_code, &[("appName", "  ".into())]), "appName is empty"),
        ("maxAttempts 0", request(b, &get_code, &[("maxAttempts", JsValue::from(0))]), "maxAttempts"),
        ("maxAttempts 11", request(b, &get_code, &[("maxAttempts", JsValue::from(11))]), "maxAttempts"),
        ("maxAttempts 2.5", request(b, &get_code, &[("maxAttempts", JsValue::from(2.5))]), "maxAttempts"),
        ("maxAttempts \"3\"", request(b, &get_code, &[("maxAttempts", "3".into())]), "maxAttempts"),
        ("onChallenge not a function", request(b, &get_code, &[("onChallenge", JsValue::TRUE)]), "onChallenge must be a function"),
        ("unknown key", request(b, &get_code, &[("code", "1234".into())]), "Unknown option \"code\""),
        ("near miss", request(b, &get_code, &[("maxattempts", JsValue::from(2))]), "did you mean \"maxAttempts\"?"),
        ("bad timeoutMs", request(b, &get_code, &[("timeoutMs", JsValue::from(-1))]), "timeoutMs"),
        ("bad signal", request(b, &get_code, &[("signal", JsValue::TRUE)]), "signal must be an AbortSignal"),
    ];
    for (name, value, needle) in cases {
        let error = expect_error(pair(value).await, "invalid_input", None);
        let message = get_str(&error, "message");
        assert!(message.contains(needle), "{name}: {message}");
    }
    let remote = request("http://192.0.2.1:31009", &get_code, &[]);
    expect_error(pair(remote).await, "invalid_input", None);
    assert!(asked.borrow().is_empty());
    assert!(all_requests(&spec).await.is_empty());
}
