//! The exported JS functions. Each one checks every argument before anything is sent (at once,
//! as a JS `async function` runs its body up to the first `await`), then runs one request
//! through [`transport::send`] and returns its result object, made by serde-wasm-bindgen. Each
//! returns a `Promise` made by one shared async function (see [`start`]); a bad argument gives a
//! rejected `Promise`, never an exception.
//!
//! The TypeScript types and JSDoc for these live in `js/index.d.ts`; the package entry wraps
//! them so that no init call is needed. wasm-bindgen copies each export's doc comment into the
//! shipped glue, so those stay one line.

use js_sys::Promise;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::args::{self, CallOptions};
use super::js_error::to_js;
use super::transport;
use crate::error::{Error, ErrorKind};
use crate::input;
use crate::request::Call;
use crate::response::Outcome;

/// `createChallenge(appName, options?)` → `{ challengeId, serverVersion }` (docs: js/index.d.ts).
#[wasm_bindgen(js_name = createChallenge, skip_typescript, skip_jsdoc)]
pub fn create_challenge(app_name: JsValue, options: JsValue) -> Promise {
    start((|| {
        let options = args::options(&options)?;
        let name = args::string(&app_name, "appName", "appName must be a string.")?;
        let call = Call::create_challenge(&options.settings, &input::app_name(&name)?);
        Ok((call, options))
    })())
}

/// `createApiKey(challengeId, code, options?)` → `{ apiKey, serverVersion }` (docs: js/index.d.ts).
#[wasm_bindgen(js_name = createApiKey, skip_typescript, skip_jsdoc)]
pub fn create_api_key(challenge_id: JsValue, code: JsValue, options: JsValue) -> Promise {
    start((|| {
        let options = args::options(&options)?;
        let id = args::string(
            &challenge_id,
            "challengeId",
            "challengeId must be a string: pass the challengeId that createChallenge returned.",
        )?;
        let code = args::string(&code, "code", input::CODE_RULE)?;
        let call = Call::create_api_key(&options.settings, &input::challenge_id(&id)?, &input::code(&code)?);
        Ok((call, options))
    })())
}

/// `checkAnytype(options?)` → `{ running, serverVersion }` (docs: js/index.d.ts).
#[wasm_bindgen(js_name = checkAnytype, skip_typescript, skip_jsdoc)]
pub fn check_anytype(options: JsValue) -> Promise {
    start(args::options(&options).map(|options| (Call::check_anytype(&options.settings), options)))
}

/// `verifyApiKey(apiKey, options?)` → `{ valid, serverVersion }` (docs: js/index.d.ts).
#[wasm_bindgen(js_name = verifyApiKey, skip_typescript, skip_jsdoc)]
pub fn verify_api_key(api_key: JsValue, options: JsValue) -> Promise {
    start((|| {
        let options = args::options(&options)?;
        let key = args::string(&api_key, "apiKey", "apiKey must be a string.")?;
        let call = Call::verify_api_key(&options.settings, &input::api_key(&key)?);
        Ok((call, options))
    })())
}

/// The promise of one call, from its checked arguments. All four exports share this one async
/// state machine and promise adapter (four `async fn` exports would each get their own copy in
/// the wasm).
fn start(prepared: Result<(Call, CallOptions), Error>) -> Promise {
    match prepared {
        Ok((call, options)) => wasm_bindgen_futures::future_to_promise(run(call, options)),
        Err(error) => Promise::reject(&to_js(error)),
    }
}

/// Sends the call and turns its outcome into the JS result object.
/// `verifyApiKey` may need a second request (see [`crate::key_status`]); no call needs a third.
async fn run(call: Call, options: CallOptions) -> Result<JsValue, JsValue> {
    let (settings, signal) = (&options.settings, options.signal.as_ref());
    let mut outcome = transport::send(&call, settings, signal).await;
    if let (Ok(Outcome::VerifyOnV1 { works_on_v2 }), Some(key)) = (&outcome, &call.secret) {
        outcome = transport::send(&Call::verify_on_v1(settings, key, *works_on_v2), settings, signal).await;
    }
    to_js_value(&outcome.map_err(to_js)?).map_err(to_js)
}

/// `value` as a plain JS object: camelCase keys, `null` (never `undefined`) for an absent value.
pub fn to_js_value(value: &impl Serialize) -> Result<JsValue, Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|_| internal_error())
}

/// The error for a state this crate should never reach: a plain JS value that could not be built.
fn internal_error() -> Error {
    Error::new(ErrorKind::InvalidResponse, "Internal error in anytype-auth; please report it.")
}
