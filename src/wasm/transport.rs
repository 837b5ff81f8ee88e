//! Sending one [`Call`] with the platform's `fetch(url, init)` under one timer that bounds the
//! whole call, body included, and the caller's `AbortSignal`; the answer is read through
//! gloo-net's [`Response`](gloo_net::http::Response).
//!
//! Request policy: no retries, `redirect: "error"`, `credentials: "omit"`, `cache: "no-store"`,
//! `referrerPolicy: "no-referrer"`; at most [`BODY_LIMIT`] bytes of a body are read.
//!
//! The request is one `fetch(url, init)`: gloo-net's `RequestBuilder` was dropped because it
//! builds two `Request` objects, a `URL` and a `URLSearchParams` per call (fetch builds a third
//! `Request`), which cost 2,552 B of gzipped wasm and most of the per-call overhead in Node
//! (README, "Performance"). Each promise is awaited through [`Settled`] (no closure per await).

use gloo_net::http::Response;
use js_sys::{Function, JsString, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{
    AbortController, AbortSignal, ReadableStreamDefaultReader, ReadableStreamReadResult, ReferrerPolicy, RequestCache, RequestCredentials,
    RequestInit, RequestRedirect,
};

use super::names::{js_string, ANYTYPE_VERSION_HEADER, CONTENT_ENCODING_HEADER, CONTENT_LENGTH_HEADER};
use super::settle::Settled;
use crate::error::Error;
use crate::request::Call;
use crate::response::{self, Body, NoResponse, Outcome, BODY_LIMIT};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue) -> Result<(), JsValue>;
    /// A response's `Headers`, read with names made once in [`super::names`] (no string passed
    /// per call).
    type ResponseHeaders;
    /// `headers.get(name)`: it throws only for an invalid header name, and those names are valid.
    #[wasm_bindgen(method, js_name = get)]
    fn get(this: &ResponseHeaders, name: &JsString) -> Option<String>;
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

/// Sends `call` and reads the answer into an [`Outcome`] or an [`Error`].
pub async fn send(call: &Call, settings: &crate::options::Settings, signal: Option<&AbortSignal>) -> Result<Outcome, Error> {
    if signal.is_some_and(super::args::is_aborted) {
        return response::no_response(call, &settings.base_url, NoResponse::Aborted);
    }
    let guard = match Guard::arm(settings.timeout_ms, signal) {
        Ok(guard) => guard,
        Err(_) => return response::no_response(call, &settings.base_url, NoResponse::Network),
    };
    let why = match exchange(call, &guard.controller.signal()).await {
        Ok((status, version, body)) => {
            drop(guard);
            return response::classify(call, status, version, body.as_body());
        }
        Err(why) => match guard.stop() {
            Stop::TimedOut => NoResponse::Timeout,
            Stop::CallerAborted => NoResponse::Aborted,
            Stop::Running => why,
        },
    };
    drop(guard);
    response::no_response(call, &settings.base_url, why)
}

/// A body as read: the bytes, or the fact that it was too large or skipped.
enum ReadBody {
    Bytes(Vec<u8>),
    TooLarge,
    Skipped,
}

impl ReadBody {
    fn as_body(&self) -> Body<'_> {
        match self {
            ReadBody::Bytes(bytes) => Body::Complete(bytes),
            ReadBody::TooLarge => Body::TooLarge,
            ReadBody::Skipped => Body::NotRead,
        }
    }
}

async fn exchange(call: &Call, signal: &AbortSignal) -> Result<(u16, Option<String>, ReadBody), NoResponse> {
    let promise = fetch(&call.url, &init(call, signal)).map_err(|_| NoResponse::Network)?;
    let response = Settled::new(&promise).await.map_err(|_| NoResponse::Network)?;
    let response = Response::from(response.dyn_into::<web_sys::Response>().map_err(|_| NoResponse::Network)?);
    let status = response.status();
    let kind = response.type_();
    if kind == web_sys::ResponseType::Opaqueredirect || (300..400).contains(&status) {
        cancel_body(&response);
        return Err(NoResponse::Redirect { status: (status != 0).then_some(status) });
    }
    let headers: ResponseHeaders = response.headers().into_raw().unchecked_into();
    let version = ANYTYPE_VERSION_HEADER.with(|name| headers.get(name));
    if !response::needs_body(call.operation, status) {
        cancel_body(&response);
        return Ok((status, version, ReadBody::Skipped));
    }
    let body = read_body(&response, exact_length(kind, &headers)).await.map_err(|_| NoResponse::BodyCut { status })?;
    Ok((status, version, body))
}

/// The `fetch` init of `call`: method, headers, body, our signal and the request policy.
fn init(call: &Call, signal: &AbortSignal) -> RequestInit {
    let init = RequestInit::new();
    init.set_method(call.method.as_str());
    let headers = Object::new();
    for (name, value) in call.headers() {
        // Setting a string property on a fresh plain object cannot throw.
        let _ = Reflect::set(&headers, &js_string(name), &js_string(value));
    }
    init.set_headers(&headers);
    if let Some(body) = &call.body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(Some(signal));
    init.set_redirect(RequestRedirect::Error);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init
}

/// The body's length in bytes when the headers state it exactly: a `Content-Length`, and no
/// `Content-Encoding` (a compressed body decodes to another length), in a response whose
/// headers are all visible (`default` in Node, `basic` in a browser; a `cors` response may hide
/// `Content-Encoding`). With it, reading stops at the last byte instead of waiting for the
/// stream's end.
fn exact_length(kind: web_sys::ResponseType, headers: &ResponseHeaders) -> Option<usize> {
    if !matches!(kind, web_sys::ResponseType::Default | web_sys::ResponseType::Basic) {
        return None;
    }
    if CONTENT_ENCODING_HEADER.with(|name| headers.get(name)).is_some() {
        return None;
    }
    let length = CONTENT_LENGTH_HEADER.with(|name| headers.get(name))?;
    if length.is_empty() || length.len() > 9 {
        return None;
    }
    length.bytes().try_fold(0, |n, b| b.is_ascii_digit().then(|| n * 10 + usize::from(b - b'0')))
}

/// Reads the body stream, stopping (and cancelling the stream) once it passes [`BODY_LIMIT`],
/// and at `exact_length` bytes when that is known.
async fn read_body(response: &Response, exact_length: Option<usize>) -> Result<ReadBody, JsValue> {
    let Some(stream) = response.body() else { return Ok(ReadBody::Bytes(Vec::new())) };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        // The platform's reader resolves to a plain `{ done, value }` object: its getters cannot throw.
        let chunk: ReadableStreamReadResult = Settled::new(&reader.read()).await?.unchecked_into();
        if chunk.get_done() != Some(false) {
            return Ok(ReadBody::Bytes(bytes));
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
            return Ok(ReadBody::Bytes(bytes));
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
