//! Running a call's [`Step`]s: each one's request sent with the platform's `fetch(url, init)` under one timer that bounds the
//! whole call, body included, and the caller's `AbortSignal`; the answer is read through
//! gloo-net's [`Response`](gloo_net::http::Response).
//!
//! Request policy: no retries, `redirect: "error"`, `credentials: "omit"`, `cache: "no-store"`,
//! `referrerPolicy: "no-referrer"`; at most [`BODY_LIMIT`] bytes of a body are read.
//!
//! The request is one `fetch(url, init)`: gloo-net's `RequestBuilder` is bypassed because it
//! builds two `Request` objects, a `URL` and a `URLSearchParams` per call (fetch builds a third
//! `Request`; docs/architecture.md says what it costs). Every promise is awaited with
//! wasm-bindgen-futures' `JsFuture`.

use gloo_net::http::Response;
use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Headers, ReadableStreamDefaultReader, ReadableStreamReadResult, ReferrerPolicy, RequestCache,
    RequestCredentials, RequestInit, RequestRedirect,
};

use super::json::{stringify, Parsed};
use crate::classify::{classify, needs_body, Body, Next, Step, BODY_LIMIT};
use crate::error::Error;
use crate::no_response::{fetch_failure, no_response, NoResponse};
use crate::options::Settings;
use crate::outcome::Outcome;
use crate::request::{Call, ANYTYPE_VERSION};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue) -> Result<(), JsValue>;
    /// `AbortController.prototype.abort`, bound to our controller as the timer's and the abort
    /// listener's callback: no wasm closure per call.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["AbortController", "prototype"], js_name = abort)]
    static ABORT: Function;
}

/// Why our own `AbortController` fired: the abort reason each callback passes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    Running = 0,
    TimedOut = 1,
    CallerAborted = 2,
}

/// Runs `step` and every step that follows it until the call has its [`Outcome`] or [`Error`].
pub async fn run(mut step: Step, settings: &Settings, signal: Option<&AbortSignal>) -> Result<Outcome, Error> {
    loop {
        match send(step, settings, signal).await {
            Next::Done(outcome) => return Ok(outcome),
            Next::Failed(error) => return Err(error),
            Next::Send(next) => step = next,
        }
    }
}

/// Sends one step's request and reads the answer into what follows.
async fn send(step: Step, settings: &Settings, signal: Option<&AbortSignal>) -> Next {
    let missed = |call: &Call, why| Next::from(no_response(call, &settings.base_url, why));
    if signal.is_some_and(super::args::is_aborted) {
        return missed(&step.call, NoResponse::Aborted);
    }
    let Ok(guard) = Guard::arm(settings.timeout_ms, signal) else { return missed(&step.call, NoResponse::Network) };
    let Some(init) = init(&step.call, &guard.controller.signal()) else { return missed(&step.call, NoResponse::Network) };
    let why = match exchange(&step.call, &init).await {
        Ok((status, version, body)) => {
            drop(guard);
            return classify(step, status, version, body.as_body());
        }
        Err(why) => match guard.stop() {
            Stop::TimedOut => NoResponse::Timeout,
            Stop::CallerAborted => NoResponse::Aborted,
            Stop::Running => why,
        },
    };
    drop(guard);
    missed(&step.call, why)
}

/// A body as read: parsed, or the fact that it was too large or not read.
enum ReadBody {
    Parsed(Parsed),
    TooLarge,
    NotRead,
}

impl ReadBody {
    fn as_body(&self) -> Body<'_, Parsed> {
        match self {
            ReadBody::Parsed(parsed) => Body::Complete(parsed),
            ReadBody::TooLarge => Body::TooLarge,
            ReadBody::NotRead => Body::NotRead,
        }
    }
}

async fn exchange(call: &Call, init: &RequestInit) -> Result<(u16, Option<String>, ReadBody), NoResponse> {
    let promise = fetch(&call.url, init).map_err(|e| fetch_failed(&e))?;
    let response = JsFuture::from(promise).await.map_err(|e| fetch_failed(&e))?;
    let response = Response::from(response.dyn_into::<web_sys::Response>().map_err(|_| NoResponse::Network)?);
    let status = response.status();
    let kind = response.type_();
    if kind == web_sys::ResponseType::Opaqueredirect || (300..400).contains(&status) {
        cancel_body(&response);
        return Err(NoResponse::Redirect { status: (status != 0).then_some(status) });
    }
    let headers = response.headers();
    let version = headers.get(ANYTYPE_VERSION);
    if !needs_body(call.operation, status) {
        cancel_body(&response);
        return Ok((status, version, ReadBody::NotRead));
    }
    let body = read_body(&response, exact_length(kind, &headers)).await.map_err(|_| NoResponse::BodyCut { status })?;
    Ok((status, version, body))
}

/// What `fetch` throwing or rejecting with `error` means: the core tells a refused permission
/// (Deno without `--allow-net`) from a network failure by the error's `name`, read here with
/// `Reflect.get`, a catching binding (the value may be anything a patched `fetch` threw).
fn fetch_failed(error: &JsValue) -> NoResponse {
    let name =
        if error.is_object() { js_sys::Reflect::get(error, &JsValue::from_str("name")).ok().and_then(|n| n.as_string()) } else { None };
    fetch_failure(name.as_deref())
}

/// The `fetch` init of `call`: method, headers, JSON body, our signal and the request policy.
/// `None` only if the platform refuses a header or the body cannot be written, which the core's
/// checks rule out.
fn init(call: &Call, signal: &AbortSignal) -> Option<RequestInit> {
    let init = RequestInit::new();
    init.set_method(call.method.as_str());
    let headers = Headers::new().ok()?;
    for (name, value) in call.headers() {
        headers.append(name, value).ok()?;
    }
    init.set_headers(&headers);
    if let Some(body) = &call.body {
        init.set_body(&stringify(body)?.into());
    }
    init.set_signal(Some(signal));
    init.set_redirect(RequestRedirect::Error);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    Some(init)
}

/// The body's length in bytes when the headers state it exactly: a `Content-Length`, and no
/// `Content-Encoding` (a compressed body decodes to another length), in a response whose
/// headers are all visible (`default` in Node, `basic` in a browser; a `cors` response may hide
/// `Content-Encoding`). With it, reading stops at the last byte instead of waiting for the
/// stream's end.
fn exact_length(kind: web_sys::ResponseType, headers: &gloo_net::http::Headers) -> Option<usize> {
    if !matches!(kind, web_sys::ResponseType::Default | web_sys::ResponseType::Basic) || headers.has("content-encoding") {
        return None;
    }
    let length = headers.get("content-length")?;
    if length.is_empty() || !length.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    length.parse().ok()
}

/// Reads the body stream, stopping (and cancelling the stream) once it passes [`BODY_LIMIT`],
/// and at `exact_length` bytes when that is known.
async fn read_body(response: &Response, exact_length: Option<usize>) -> Result<ReadBody, JsValue> {
    let Some(stream) = response.body() else { return Ok(ReadBody::Parsed(Parsed::new(&[]))) };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        // The platform's reader resolves to a plain `{ done, value }` object: its getters cannot throw.
        let chunk: ReadableStreamReadResult = JsFuture::from(reader.read()).await?.unchecked_into();
        if chunk.get_done() != Some(false) {
            return Ok(ReadBody::Parsed(Parsed::new(&bytes)));
        }
        let value = chunk.get_value();
        let Some(array) = value.dyn_ref::<Uint8Array>() else { return Err(value) };
        let len = array.length() as usize;
        if bytes.len() + len > BODY_LIMIT {
            let _ = reader.cancel();
            return Ok(ReadBody::TooLarge);
        }
        let start = bytes.len();
        bytes.resize(start + len, 0);
        array.copy_to(&mut bytes[start..]);
        if exact_length == Some(bytes.len()) {
            return Ok(ReadBody::Parsed(Parsed::new(&bytes)));
        }
    }
}

fn cancel_body(response: &Response) {
    if let Some(stream) = response.body() {
        // The promise only settles when the stream is torn down; nothing to wait for.
        let _ = stream.cancel();
    }
}

/// Our `AbortController`, its timer and the listener on the caller's signal, for one call.
/// The callbacks are `controller.abort` bound to a [`Stop`] reason, so the first one to fire
/// decides the reason. Dropping the guard clears the timer and removes the listener.
struct Guard {
    controller: AbortController,
    timer: Option<JsValue>,
    listener: Option<(AbortSignal, Function)>,
}

impl Guard {
    fn arm(timeout_ms: u32, signal: Option<&AbortSignal>) -> Result<Guard, JsValue> {
        let controller = AbortController::new()?;
        let mut guard = Guard { controller, timer: None, listener: None };
        if timeout_ms > 0 {
            guard.timer = Some(set_timeout(&guard.abort_with(Stop::TimedOut), timeout_ms as i32)?);
        }
        if let Some(signal) = signal {
            let on_abort = guard.abort_with(Stop::CallerAborted);
            signal.add_event_listener_with_callback("abort", &on_abort)?;
            guard.listener = Some((signal.clone(), on_abort));
        }
        Ok(guard)
    }

    /// `controller.abort.bind(controller, reason)`.
    fn abort_with(&self, reason: Stop) -> Function {
        ABORT.with(|abort| abort.bind1(&self.controller, &JsValue::from_f64(reason as u8 as f64)).unchecked_into())
    }

    /// Which callback aborted our controller, if any did.
    fn stop(&self) -> Stop {
        let signal = self.controller.signal();
        if !signal.aborted() {
            return Stop::Running;
        }
        match signal.reason().as_f64() {
            Some(reason) if reason == Stop::TimedOut as u8 as f64 => Stop::TimedOut,
            _ => Stop::CallerAborted,
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(handle) = &self.timer {
            let _ = clear_timeout(handle);
        }
        if let Some((signal, on_abort)) = &self.listener {
            let _ = signal.remove_event_listener_with_callback("abort", on_abort);
        }
    }
}
