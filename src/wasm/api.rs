//! The exported JS functions. Each one checks every argument before anything is sent, then
//! runs one request through [`transport::send`].
//!
//! The TypeScript types and JSDoc for these live in `js/index.d.ts`; the package entry wraps
//! them so that no init call is needed.

use serde::Serialize;
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
pub async fn create_challenge(app_name: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let prepared = (|| {
        let options = args::options(&options)?;
        let name = args::string(&app_name, "appName must be a string.", "appName contains an unpaired UTF-16 surrogate.")?;
        let call = Call::create_challenge(&options.settings, &input::app_name(&name)?);
        Ok((call, options))
    })();
    run(prepared).await
}

/// `createApiKey(challengeId, code, options?)`: trades the challenge and the code the person
/// read in Anytype for an API key. Resolves to `{ apiKey, serverVersion }`.
#[wasm_bindgen(js_name = createApiKey, skip_typescript)]
pub async fn create_api_key(challenge_id: JsValue, code: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let prepared = (|| {
        let options = args::options(&options)?;
        let id = args::string(&challenge_id, "challengeId must be a string: pass the challengeId that createChallenge returned.", "challengeId contains an unpaired UTF-16 surrogate.")?;
        let code = args::string(&code, "code must be a string such as \"0427\", not a number (a number would lose leading zeros).", "code contains an unpaired UTF-16 surrogate.")?;
        let call = Call::create_api_key(&options.settings, &input::challenge_id(&id)?, &input::code(&code)?);
        Ok((call, options))
    })();
    run(prepared).await
}

/// `checkAnytype(options?)`: is anything answering at `baseUrl`? Resolves to
/// `{ running, serverVersion }`; rejects only for `invalid_input` or `aborted`.
#[wasm_bindgen(js_name = checkAnytype, skip_typescript)]
pub async fn check_anytype(options: JsValue) -> Result<JsValue, JsValue> {
    let prepared = args::options(&options).map(|options| (Call::check_anytype(&options.settings), options));
    run(prepared).await
}

/// `verifyApiKey(apiKey, options?)`: does Anytype accept this key? Resolves to
/// `{ valid, serverVersion }`: `true` on 2xx, `false` on 401; anything else rejects.
#[wasm_bindgen(js_name = verifyApiKey, skip_typescript)]
pub async fn verify_api_key(api_key: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let prepared = (|| {
        let options = args::options(&options)?;
        let key = args::string(&api_key, "apiKey must be a string.", "apiKey contains an unpaired UTF-16 surrogate.")?;
        let call = Call::verify_api_key(&options.settings, &input::api_key(&key)?);
        Ok((call, options))
    })();
    run(prepared).await
}

async fn run(prepared: Result<(Call, CallOptions), Error>) -> Result<JsValue, JsValue> {
    let (call, options) = prepared.map_err(to_js)?;
    let outcome = transport::send(&call, &options.settings, options.signal.as_ref()).await.map_err(to_js)?;
    to_object(&outcome).map_err(to_js)
}

fn to_object(outcome: &Outcome) -> Result<JsValue, Error> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    let value = match outcome {
        Outcome::Challenge(v) => v.serialize(&serializer),
        Outcome::ApiKey(v) => v.serialize(&serializer),
        Outcome::Status(v) => v.serialize(&serializer),
        Outcome::Key(v) => v.serialize(&serializer),
    };
    value.map_err(|_| Error::new(crate::error::ErrorKind::InvalidResponse, "The answer could not be turned into a JS object."))
}
