//! Sending one [`Call`] with the platform's `fetch` (request built by gloo-net), under one timer
//! that bounds the whole call, body included, and the caller's `AbortSignal`.
//!
//! Request policy: no retries, `redirect: "error"`, `credentials: "omit"`, `cache: "no-store"`,
//! `referrerPolicy: "no-referrer"`; at most [`BODY_LIMIT`] bytes of a body are read.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::RequestBuilder;
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, ReadableStreamDefaultReader, ReferrerPolicy, RequestCache, RequestCredentials, RequestRedirect, Response,
};

use crate::error::Error;
use crate::request::{Call, Method};
use crate::response::{self, Body, NoResponse, Outcome, BODY_LIMIT};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch(request: &web_sys::Request) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue) -> Result<(), JsValue>;
}

/// Why our own `AbortController` fired.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    Running,
    TimedOut,
    CallerAborted,
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
    let result = exchange(call, &guard).await;
    let stop = guard.stop.get();
    drop(guard);
    match (result, stop) {
        (Ok((status, version, body)), _) => response::classify(call, status, version, body.as_body()),
        (Err(_), Stop::TimedOut) => response::no_response(call, &settings.base_url, NoResponse::Timeout),
        (Err(_), Stop::CallerAborted) => response::no_response(call, &settings.base_url, NoResponse::Aborted),
        (Err(why), Stop::Running) => response::no_response(call, &settings.base_url, why),
    }
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

async fn exchange(call: &Call, guard: &Guard) -> Result<(u16, Option<String>, ReadBody), NoResponse> {
    let request = build(call, &guard.controller.signal()).map_err(|_| NoResponse::Network)?;
    let promise = fetch(&request).map_err(|_| NoResponse::Network)?;
    let response = JsFuture::from(promise).await.map_err(|_| NoResponse::Network)?;
    let response: Response = response.dyn_into().map_err(|_| NoResponse::Network)?;
    let status = response.status();
    if response.type_() == web_sys::ResponseType::Opaqueredirect || (300..400).contains(&status) {
        cancel_body(&response);
        return Err(NoResponse::Redirect { status: (status != 0).then_some(status) });
    }
    let version = response.headers().get("anytype-version").ok().flatten();
    if !response::needs_body(call.operation, status) {
        cancel_body(&response);
        return Ok((status, version, ReadBody::Skipped));
    }
    let body = read_body(&response).await.map_err(|_| NoResponse::BodyCut { status })?;
    Ok((status, version, body))
}

fn build(call: &Call, signal: &AbortSignal) -> Result<web_sys::Request, gloo_net::Error> {
    let mut builder = RequestBuilder::new(&call.url)
        .method(match call.method {
            Method::Get => gloo_net::http::Method::GET,
            Method::Post => gloo_net::http::Method::POST,
        })
        .redirect(RequestRedirect::Error)
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(Some(signal));
    for (name, value) in call.headers() {
        builder = builder.header(name, value);
    }
    let request = match &call.body {
        Some(body) => builder.body(body.as_str())?,
        None => builder.build()?,
    };
    Ok(request.into())
}

/// Reads the body stream, stopping (and cancelling the stream) once it passes [`BODY_LIMIT`].
async fn read_body(response: &Response) -> Result<ReadBody, JsValue> {
    let Some(stream) = response.body() else { return Ok(ReadBody::Bytes(Vec::new())) };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))?.is_truthy() {
            return Ok(ReadBody::Bytes(bytes));
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value"))?;
        let Some(array) = value.dyn_ref::<Uint8Array>() else { return Err(value) };
        let len = array.length() as usize;
        if bytes.len() + len > BODY_LIMIT {
            let _ = reader.cancel();
            return Ok(ReadBody::TooLarge);
        }
        let start = bytes.len();
        bytes.resize(start + len, 0);
        array.copy_to(&mut bytes[start..]);
    }
}

fn cancel_body(response: &Response) {
    if let Some(stream) = response.body() {
        // The promise only settles when the stream is torn down; nothing to wait for.
        let _ = stream.cancel();
    }
}

/// Our `AbortController`, its timer and the listener on the caller's signal, for one call.
/// Dropping it clears the timer and removes the listener, so nothing outlives the call.
struct Guard {
    controller: AbortController,
    stop: Rc<Cell<Stop>>,
    timer: Option<(JsValue, Closure<dyn FnMut()>)>,
    listener: Option<(AbortSignal, Closure<dyn FnMut()>)>,
}

impl Guard {
    fn arm(timeout_ms: u32, signal: Option<&AbortSignal>) -> Result<Guard, JsValue> {
        let controller = AbortController::new()?;
        let stop = Rc::new(Cell::new(Stop::Running));
        let mut guard = Guard { controller, stop, timer: None, listener: None };
        if timeout_ms > 0 {
            let on_timeout = guard.abort_with(Stop::TimedOut);
            let handle = set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms as i32)?;
            guard.timer = Some((handle, on_timeout));
        }
        if let Some(signal) = signal {
            let on_abort = guard.abort_with(Stop::CallerAborted);
            signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref())?;
            guard.listener = Some((signal.clone(), on_abort));
        }
        Ok(guard)
    }

    fn abort_with(&self, reason: Stop) -> Closure<dyn FnMut()> {
        let controller = self.controller.clone();
        let stop = self.stop.clone();
        Closure::new(move || {
            if stop.get() == Stop::Running {
                stop.set(reason);
                controller.abort();
            }
        })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some((handle, _)) = &self.timer {
            let _ = clear_timeout(handle);
        }
        if let Some((signal, on_abort)) = &self.listener {
            let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}
