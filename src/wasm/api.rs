//! The exported JS functions. Each one checks every argument before anything is sent, then
//! runs one request through [`transport::send`]. Each returns a `Promise` made by one shared
//! async function (see [`start`]); Rust callers await it with `JsFuture::from`.
//!
//! The TypeScript types and JSDoc for these live in `js/index.d.ts`; the package entry wraps
//! them so that no init call is needed.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::args::{self, CallOptions};
use super::js_error::to_js;
use super::transport;
use crate::error::Error;
use crate::input;
use crate::request::Call;
use crate::response::Outcome;

/// `createChallenge(appName, options?)`: asks Anytype to show a 4-digit pairing code.
/// Resolves to `{ challengeId, serverVersion }`.
#[wasm_bindgen(js_name = createChallenge, skip_typescript)]
pub fn create_challenge(app_name: JsValue, options: JsValue) -> Promise {
    start(Box::new(move || {
        let options = args::options(&options)?;
        let name = args::string(&app_name, "appName must be a string.", "appName contains an unpaired UTF-16 surrogate.")?;
        let call = Call::create_challenge(&options.settings, &input::app_name(&name)?);
        Ok((call, options))
    }))
}

/// `createApiKey(challengeId, code, options?)`: trades the challenge and the code the person
/// read in Anytype for an API key. Resolves to `{ apiKey, serverVersion }`.
#[wasm_bindgen(js_name = createApiKey, skip_typescript)]
pub fn create_api_key(challenge_id: JsValue, code: JsValue, options: JsValue) -> Promise {
    start(Box::new(move || {
        let options = args::options(&options)?;
        let id = args::string(
            &challenge_id,
            "challengeId must be a string: pass the challengeId that createChallenge returned.",
            "challengeId contains an unpaired UTF-16 surrogate.",
        )?;
        let code = args::string(
            &code,
            "code must be a string such as \"0427\", not a number (a number would lose leading zeros).",
            "code contains an unpaired UTF-16 surrogate.",
        )?;
        let call = Call::create_api_key(&options.settings, &input::challenge_id(&id)?, &input::code(&code)?);
        Ok((call, options))
    }))
}

/// `checkAnytype(options?)`: is anything answering at `baseUrl`? Resolves to
/// `{ running, serverVersion }`; rejects only for `invalid_input` or `aborted`.
#[wasm_bindgen(js_name = checkAnytype, skip_typescript)]
pub fn check_anytype(options: JsValue) -> Promise {
    start(Box::new(move || args::options(&options).map(|options| (Call::check_anytype(&options.settings), options))))
}

/// `verifyApiKey(apiKey, options?)`: does Anytype accept this key? Resolves to
/// `{ valid, serverVersion }`: `true` on 2xx, `false` on 401; anything else rejects.
#[wasm_bindgen(js_name = verifyApiKey, skip_typescript)]
pub fn verify_api_key(api_key: JsValue, options: JsValue) -> Promise {
    start(Box::new(move || {
        let options = args::options(&options)?;
        let key = args::string(&api_key, "apiKey must be a string.", "apiKey contains an unpaired UTF-16 surrogate.")?;
        let call = Call::verify_api_key(&options.settings, &input::api_key(&key)?);
        Ok((call, options))
    }))
}

/// Reads and checks a call's JS arguments; run when the call's promise task first runs, as the
/// body of an `async fn` export would be.
type Prepare = Box<dyn FnOnce() -> Result<(Call, CallOptions), Error>>;

/// The promise of one call. All four exports share this one async state machine and promise
/// adapter (four `async fn` exports would each get their own copy in the wasm).
fn start(prepare: Prepare) -> Promise {
    wasm_bindgen_futures::future_to_promise(run(prepare))
}

/// Prepares the call, sends it, and turns its outcome into the JS result object.
async fn run(prepare: Prepare) -> Result<JsValue, JsValue> {
    let (call, options) = prepare().map_err(to_js)?;
    let outcome = transport::send(&call, &options.settings, options.signal.as_ref()).await.map_err(to_js)?;
    to_object(&outcome).map_err(to_js)
}

/// An outcome as the plain JS object callers see (`{ challengeId, serverVersion }`, …), built
/// with `Object` + `Reflect.set` (smaller in the wasm than serde-wasm-bindgen).
pub(super) fn to_object(outcome: &Outcome) -> Result<JsValue, Error> {
    let (name, value, server_version) = match outcome {
        Outcome::Challenge(v) => ("challengeId", JsValue::from_str(&v.challenge_id), &v.server_version),
        Outcome::ApiKey(v) => ("apiKey", JsValue::from_str(&v.api_key), &v.server_version),
        Outcome::Status(v) => ("running", JsValue::from_bool(v.running), &v.server_version),
        Outcome::Key(v) => ("valid", JsValue::from_bool(v.valid), &v.server_version),
    };
    let server_version = server_version.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let object = Object::new();
    let built = Reflect::set(&object, &JsValue::from_str(name), &value).is_ok()
        && Reflect::set(&object, &JsValue::from_str("serverVersion"), &server_version).is_ok();
    if !built {
        return Err(Error::new(crate::error::ErrorKind::InvalidResponse, "The answer could not be turned into a JS object."));
    }
    Ok(object.into())
}
