//! The exported JS functions. Each one checks every argument before anything is sent (at once,
//! as a JS `async function` runs its body up to the first `await`), then runs one request
//! through [`transport::send`]. Each returns a `Promise` made by one shared async function (see
//! [`start`]); a bad argument gives a rejected `Promise`, never an exception.
//!
//! The TypeScript types and JSDoc for these live in `js/index.d.ts`; the package entry wraps
//! them so that no init call is needed. wasm-bindgen copies each export's doc comment into the
//! shipped glue, so those stay one line.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::args::{self, CallOptions};
use super::js_error::to_js;
use super::names::js_string;
use super::transport;
use crate::error::Error;
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
async fn run(call: Call, options: CallOptions) -> Result<JsValue, JsValue> {
    let outcome = transport::send(&call, &options.settings, options.signal.as_ref()).await.map_err(to_js)?;
    to_object(&outcome).map_err(to_js)
}

/// An outcome as the plain JS object callers see (`{ challengeId, serverVersion }`, …), built
/// with `Object` + `Reflect.set` (smaller in the wasm than serde-wasm-bindgen).
fn to_object(outcome: &Outcome) -> Result<JsValue, Error> {
    let (name, value, server_version) = match outcome {
        Outcome::Challenge(v) => ("challengeId", JsValue::from_str(&v.challenge_id), &v.server_version),
        Outcome::ApiKey(v) => ("apiKey", JsValue::from_str(&v.api_key), &v.server_version),
        Outcome::Status(v) => ("running", JsValue::from_bool(v.running), &v.server_version),
        Outcome::Key(v) => ("valid", JsValue::from_bool(v.valid), &v.server_version),
    };
    let server_version = server_version.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let object = Object::new();
    let built = Reflect::set(&object, &js_string(name), &value).is_ok()
        && Reflect::set(&object, &js_string("serverVersion"), &server_version).is_ok();
    if !built {
        return Err(internal_error());
    }
    Ok(object.into())
}

/// The error for a state this crate should never reach: a plain JS object that could not be built.
fn internal_error() -> Error {
    Error::new(crate::error::ErrorKind::InvalidResponse, "Internal error in anytype-auth; please report it.")
}
