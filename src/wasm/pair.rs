//! `pair({ appName, getCode, maxAttempts?, onChallenge?, ...options })`: one challenge, then
//! the caller's `getCode` for each attempt, retrying the same challenge on a rejected code.
//! The rules (keys, attempts, when to retry, how it stops) live in [`crate::pair`].

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::api::{internal_error, to_object};
use super::args::{self, CallOptions};
use super::js_error::to_js;
use super::transport;
use crate::error::{Error, ErrorKind};
use crate::input;
use crate::pair::{self as rules, Stopped};
use crate::request::Call;
use crate::response::{Challenge, Outcome};

/// `pair({ appName, getCode, … })` → `{ apiKey, serverVersion }` (docs: js/index.d.ts).
#[wasm_bindgen(js_name = pair, skip_typescript, skip_jsdoc)]
pub async fn pair(request: JsValue) -> Result<JsValue, JsValue> {
    let plan = Plan::read(&request).map_err(to_js)?;
    plan.run().await
}

/// A checked `pair()` request.
struct Plan {
    app_name: String,
    get_code: Function,
    on_challenge: Option<Function>,
    max_attempts: u32,
    options: CallOptions,
}

impl Plan {
    fn read(value: &JsValue) -> Result<Plan, Error> {
        let object = args::plain_object(value).map_err(|_| rules::not_an_object())?;
        let given = args::Given::read(&object, &rules::PAIR_ARGUMENT_KEYS)?;
        let name = given.get("appName").unwrap_or(JsValue::UNDEFINED);
        let name = args::string(&name, "appName", "appName must be a string.")?;
        let get_code = given.get("getCode").and_then(|v| v.dyn_into::<Function>().ok()).ok_or_else(rules::get_code_not_a_function)?;
        let on_challenge =
            given.get("onChallenge").map(|v| v.dyn_into::<Function>().map_err(|_| rules::on_challenge_not_a_function())).transpose()?;
        let max_attempts = rules::max_attempts(given.get("maxAttempts").map(|v| v.as_f64().unwrap_or(f64::NAN)))?;
        let options = args::call_options(&given)?;
        Ok(Plan { app_name: input::app_name(&name)?, get_code, on_challenge, max_attempts, options })
    }

    async fn run(self) -> Result<JsValue, JsValue> {
        let settings = &self.options.settings;
        let signal = self.options.signal.as_ref();
        let challenge = match transport::send(&Call::create_challenge(settings, &self.app_name), settings, signal).await {
            Ok(Outcome::Challenge(challenge)) => challenge,
            Ok(_) => return Err(to_js(internal_error())),
            Err(error) => return Err(to_js(error)),
        };
        let challenge_id = input::challenge_id(&challenge.challenge_id).map_err(|_| to_js(unusable_id()))?;
        if let Some(on_challenge) = &self.on_challenge {
            let info = to_object(&Outcome::Challenge(Challenge { challenge_id: challenge_id.clone(), ..challenge })).map_err(to_js)?;
            call_and_wait(on_challenge, &info, signal).await.map_err(|wait| wait.into_error(Stopped::OnChallenge))?;
        }
        let mut last_error = JsValue::NULL;
        let mut attempt = 1;
        loop {
            let question = question(&challenge_id, attempt, &last_error)?;
            let answer = call_and_wait(&self.get_code, &question, signal).await.map_err(|wait| wait.into_error(Stopped::GetCode))?;
            let code = args::string(&answer, "The code from getCode", rules::CODE_NOT_A_STRING).map_err(to_js)?;
            let result = match input::code(&code) {
                Ok(code) => transport::send(&Call::create_api_key(settings, &challenge_id, &code), settings, signal).await,
                Err(error) => Err(error),
            };
            match result {
                Ok(outcome @ Outcome::ApiKey(_)) => return to_object(&outcome).map_err(to_js),
                Ok(_) => return Err(to_js(internal_error())),
                Err(error) if rules::should_retry(&error, attempt, self.max_attempts) => {
                    last_error = to_js(error);
                    attempt += 1;
                }
                Err(error) => return Err(to_js(error)),
            }
        }
    }
}

/// `{ challengeId, attempt, lastError }` for `getCode`.
fn question(challenge_id: &str, attempt: u32, last_error: &JsValue) -> Result<JsValue, JsValue> {
    let object = Object::new();
    Reflect::set(&object, &"challengeId".into(), &challenge_id.into())?;
    Reflect::set(&object, &"attempt".into(), &attempt.into())?;
    Reflect::set(&object, &"lastError".into(), last_error)?;
    Ok(object.into())
}

/// Why waiting for the caller's function ended without a value.
enum Wait {
    /// It threw, or its Promise rejected, with this reason.
    Rejected(JsValue),
    /// The caller's signal aborted first.
    Aborted,
}

impl Wait {
    /// The `aborted` AnytypeError for this stop; a rejection reason becomes `error.cause`.
    fn into_error(self, by: Stopped) -> JsValue {
        match self {
            Wait::Aborted => to_js(rules::stopped(Stopped::Signal)),
            Wait::Rejected(reason) => {
                let error = to_js(rules::stopped(by));
                let _ = Reflect::set(&error, &"cause".into(), &reason);
                error
            }
        }
    }
}

/// Calls `function(argument)` and waits for its value (awaiting a Promise), unless `signal`
/// aborts first. The abort listener is removed before returning.
async fn call_and_wait(function: &Function, argument: &JsValue, signal: Option<&AbortSignal>) -> Result<JsValue, Wait> {
    if signal.is_some_and(args::is_aborted) {
        return Err(Wait::Aborted);
    }
    let value = function.call1(&JsValue::UNDEFINED, argument).map_err(Wait::Rejected)?;
    let settled = Promise::resolve(&value);
    let Some(signal) = signal else {
        return JsFuture::from(settled).await.map_err(Wait::Rejected);
    };
    // A second Promise that resolves to a private marker when the signal aborts; the race
    // tells the two apart by identity.
    let marker: JsValue = Object::new().into();
    let mut resolve_on_abort = None;
    let aborted = Promise::new(&mut |resolve, _reject| resolve_on_abort = Some(resolve));
    let Some(resolve_on_abort) = resolve_on_abort else { return Err(Wait::Aborted) };
    let listener: Function = resolve_on_abort.bind1(&JsValue::UNDEFINED, &marker).unchecked_into();
    if signal.add_event_listener_with_callback("abort", listener.unchecked_ref()).is_err() {
        return Err(Wait::Aborted);
    }
    let result = JsFuture::from(Promise::race(&Array::of2(&settled, &aborted))).await;
    let _ = signal.remove_event_listener_with_callback("abort", listener.unchecked_ref());
    match result {
        Ok(value) if value == marker => Err(Wait::Aborted),
        Ok(value) => Ok(value),
        Err(reason) => Err(Wait::Rejected(reason)),
    }
}

fn unusable_id() -> Error {
    Error::new(ErrorKind::InvalidResponse, "Anytype returned an unusable challenge id. Update Anytype or anytype-auth.")
}
