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
use crate::classify::Step;
use crate::error::{Error, ErrorKind};
use crate::input;
use crate::messages;

/// `createChallenge(appName, options?)` → `{ challengeId, serverVersion }` (docs: js/index.d.ts).
#[wasm_bindgen(js_name = createChallenge, skip_typescript, skip_jsdoc)]
pub fn create_challenge(app_name: JsValue, options: JsValue) -> Promise {
    start((|| {
        let options = args::options(&options)?;
        let name = args::string(&app_name, "appName", messages::APP_NAME_NOT_STRING)?;
        Ok((Step::create_challenge(&options.settings, &input::app_name(&name)?), options))
    })())
}

/// `createApiKey(challengeId, code, options?)` → `{ apiKey, serverVersion }` (docs: js/index.d.ts).
#[wasm_bindgen(js_name = createApiKey, skip_typescript, skip_jsdoc)]
pub fn create_api_key(challenge_id: JsValue, code: JsValue, options: JsValue) -> Promise {
    start((|| {
        let options = args::options(&options)?;
        let id = args::string(&challenge_id, "challengeId", messages::CHALLENGE_ID_NOT_STRING)?;
        let code = args::string(&code, "code", messages::CODE_RULE)?;
        Ok((Step::create_api_key(&options.settings, &input::challenge_id(&id)?, &input::code(&code)?), options))
    })())
}

/// `checkAnytype(options?)` → `{ running, serverVersion }` (docs: js/index.d.ts).
#[wasm_bindgen(js_name = checkAnytype, skip_typescript, skip_jsdoc)]
pub fn check_anytype(options: JsValue) -> Promise {
    start(args::options(&options).map(|options| (Step::check_anytype(&options.settings), options)))
}

/// `verifyApiKey(apiKey, options?)` → `{ valid, serverVersion }` (docs: js/index.d.ts).
#[wasm_bindgen(js_name = verifyApiKey, skip_typescript, skip_jsdoc)]
pub fn verify_api_key(api_key: JsValue, options: JsValue) -> Promise {
    start((|| {
        let options = args::options(&options)?;
        let key = args::string(&api_key, "apiKey", messages::API_KEY_NOT_STRING)?;
        Ok((Step::verify_api_key(&options.settings, &input::api_key(&key)?), options))
    })())
}

/// The promise of one call, from its checked arguments. All four exports share this one async
/// state machine and promise adapter (four `async fn` exports would each get their own copy in
/// the wasm).
fn start(prepared: Result<(Step, CallOptions), Error>) -> Promise {
    match prepared {
        Ok((step, options)) => wasm_bindgen_futures::future_to_promise(run(step, options)),
        Err(error) => Promise::reject(&to_js(error)),
    }
}

/// Runs the call's steps and turns its outcome into the JS result object.
async fn run(step: Step, options: CallOptions) -> Result<JsValue, JsValue> {
    let outcome = transport::run(step, &options.settings, options.signal.as_ref()).await;
    to_js_value(&outcome.map_err(to_js)?).map_err(to_js)
}

/// `value` as a plain JS object: camelCase keys, `null` (never `undefined`) for an absent value.
pub fn to_js_value(value: &impl Serialize) -> Result<JsValue, Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|_| internal_error())
}

/// The error for a state this crate should never reach: a plain JS value that could not be built.
fn internal_error() -> Error {
    Error::new(ErrorKind::InvalidResponse, messages::INTERNAL)
}
