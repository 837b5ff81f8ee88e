//! Helpers for the contract suite: scoped stand-in instances, its control endpoints, option
//! objects and error assertions.
//!
//! Each test talks to its own stand-in instance under `/s/<spec>/`, so tests share no state and
//! can run in any order. `ANYTYPE_STANDIN_URL`, `ANYTYPE_STANDIN_TOKEN` (the stand-in's control
//! token, which a browser page needs for `/_standin/...`) and `ANYTYPE_CLOSED_PORT` are set at
//! compile time by `scripts/with-stand-in.mjs`.

use std::cell::Cell;

use anytype_auth::wasm::{self, AnytypeError};
use gloo_net::http::Request;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

pub const STANDIN_URL: &str = env!("ANYTYPE_STANDIN_URL");
const STANDIN_TOKEN: &str = env!("ANYTYPE_STANDIN_TOKEN");
pub const CLOSED_PORT: &str = env!("ANYTYPE_CLOSED_PORT");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> JsValue;
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A stand-in instance of its own: returns `(base_url, spec)`. `extra` adds spec items such as
/// `status=429` or `mode=2026`.
pub fn scope(extra: &str) -> (String, String) {
    let n = NEXT_ID.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let salt = (js_sys::Math::random() * 1e9) as u64;
    let mut spec = format!("id={salt}-{n}");
    if !extra.is_empty() {
        spec.push(',');
        spec.push_str(extra);
    }
    (format!("{STANDIN_URL}/s/{spec}"), spec)
}

/// A base URL where nothing listens.
pub fn closed_url() -> String {
    format!("http://127.0.0.1:{CLOSED_PORT}")
}

/// `{ baseUrl }` plus extra `(name, value)` pairs.
pub fn opts(base_url: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"baseUrl".into(), &base_url.into()).unwrap();
    for (k, v) in extra {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

/// Reads a property of a JS object.
pub fn get(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &name.into()).unwrap()
}

/// Reads a string property, panicking with context when it is not one.
pub fn get_str(value: &JsValue, name: &str) -> String {
    get(value, name).as_string().unwrap_or_else(|| panic!("{name} is not a string in {value:?}"))
}

async fn control_json(path_and_query: &str, method_post: bool) -> JsValue {
    let url = format!("{STANDIN_URL}/_standin/{path_and_query}");
    let request = if method_post { Request::post(&url) } else { Request::get(&url) };
    let response = request.header("Standin-Token", STANDIN_TOKEN).send().await.expect("stand-in control endpoint");
    let text = response.text().await.unwrap();
    js_sys::JSON::parse(&text).unwrap_or_else(|_| panic!("control answer is not JSON: {text}"))
}

fn enc(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// The code Anytype would show for `challenge_id` in the instance `spec`.
pub async fn code_for(spec: &str, challenge_id: &str) -> String {
    let answer = control_json(&format!("code?scope={}&challenge_id={}", enc(spec), enc(challenge_id)), false).await;
    get_str(&answer, "code")
}

/// Every request the instance `spec` received, CORS preflights included:
/// `{method, path, headers, body}` objects.
pub async fn all_requests(spec: &str) -> Vec<JsValue> {
    let answer = control_json(&format!("requests?scope={}", enc(spec)), false).await;
    Array::from(&get(&answer, "requests")).to_vec()
}

/// The requests our code sent to the instance `spec`: all but the browser's CORS preflights
/// (`OPTIONS`), which only the browser suite's cross-origin test page causes.
pub async fn requests(spec: &str) -> Vec<JsValue> {
    all_requests(spec).await.into_iter().filter(|r| get_str(r, "method") != "OPTIONS").collect()
}

/// A valid key created in the instance `spec`, as Settings → API Keys would.
pub async fn add_key(spec: &str) -> String {
    add_key_with(spec, "").await
}

/// A key made in the instance `spec` with `POST /_standin/keys` options, such as
/// `spaces=all&permission=read`, `expires_at=<ms since the epoch>`, `key_scope=limited` or `format=anytype`.
pub async fn add_key_with(spec: &str, options: &str) -> String {
    get_str(&control_json(&format!("keys?scope={}&{options}", enc(spec)), true).await, "api_key")
}

/// Presses Allow in today's Anytype for `challenge_id`, with `spaces` (`all` or comma-separated
/// ids) and `permission` (`read` or `readwrite`); returns the code it then shows.
pub async fn approve(spec: &str, challenge_id: &str, spaces: &str, permission: &str) -> String {
    let query = format!("approve?scope={}&challenge_id={}&spaces={}&permission={permission}", enc(spec), enc(challenge_id), enc(spaces));
    get_str(&control_json(&query, true).await, "code")
}

/// Presses Deny in today's Anytype for `challenge_id`.
pub async fn deny(spec: &str, challenge_id: &str) {
    let answer = control_json(&format!("deny?scope={}&challenge_id={}", enc(spec), enc(challenge_id)), true).await;
    assert_eq!(get(&answer, "ok"), JsValue::TRUE, "deny {challenge_id}: {answer:?}");
}

/// The spaces the stand-in's approval window offers: `(id, name)`.
pub async fn spaces() -> Vec<(String, String)> {
    let answer = control_json("spaces", false).await;
    Array::from(&get(&answer, "spaces")).iter().map(|space| (get_str(&space, "id"), get_str(&space, "name"))).collect()
}

/// Asserts that `result` is an `AnytypeError` of `kind` with the given status; returns it.
pub fn expect_error(result: Result<JsValue, JsValue>, kind: &str, status: Option<u16>) -> JsValue {
    let error = match result {
        Ok(v) => panic!("expected {kind}, got success {v:?}"),
        Err(e) => e,
    };
    assert!(error.is_instance_of::<AnytypeError>(), "not an AnytypeError: {error:?}");
    assert!(error.is_instance_of::<js_sys::Error>(), "not an Error: {error:?}");
    assert_eq!(get_str(&error, "name"), "AnytypeError");
    assert_eq!(get_str(&error, "kind"), kind, "message: {:?}", get(&error, "message"));
    let got_status = get(&error, "status").as_f64().map(|s| s as u16);
    assert_eq!(got_status, status, "status of {kind}");
    let message = get_str(&error, "message");
    assert!(message.len() > 20, "message too thin: {message}");
    error
}

/// Proves the module still works after a failure: a full challenge on a fresh instance.
pub async fn still_works() {
    let (base, _) = scope("");
    let ok = wasm::create_challenge("After failure".into(), opts(&base, &[])).await.expect("module still works");
    assert_eq!(get_str(&ok, "challengeId").len(), 24);
}

/// An `AbortSignal` that aborts after `ms`.
pub fn abort_after(ms: i32) -> web_sys::AbortSignal {
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let fire = Closure::once_into_js(move || controller.abort());
    set_timeout(fire.unchecked_ref(), ms);
    signal
}

/// Evaluates a JS expression (for values Rust cannot write: getters, Proxies, symbols).
pub fn js(expression: &str) -> JsValue {
    Function::new_no_args(&format!("return ({expression});")).call0(&JsValue::NULL).unwrap()
}
