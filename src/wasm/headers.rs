//! `authHeaders(apiKey, { apiVersion? })`: the headers object for later calls to Anytype's
//! API, built by [`crate::auth_headers`]. Synchronous; throws `AnytypeError` (`invalid_input`).

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use super::args;
use super::js_error::to_js;
use crate::auth_headers::{self as rules, HEADER_OPTION_NAMES};
use crate::error::Error;

/// `authHeaders(apiKey, options?)`: `{ Authorization: "Bearer <apiKey>", "Anytype-Version": … }`.
#[wasm_bindgen(js_name = authHeaders, skip_typescript)]
pub fn auth_headers(api_key: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    headers(&api_key, &options).map_err(to_js)
}

fn headers(api_key: &JsValue, options: &JsValue) -> Result<JsValue, Error> {
    let key = args::string(api_key, "apiKey must be a string: pass the apiKey that createApiKey or pair returned.", "apiKey contains an unpaired UTF-16 surrogate.")?;
    let api_version = if options.is_undefined() {
        None
    } else {
        let object = args::plain_object(options)?;
        args::check_keys(&object, |name| HEADER_OPTION_NAMES.contains(&name), rules::unknown_option)?;
        args::read(&object, "apiVersion")?
            .map(|v| args::string(&v, "apiVersion must be a string, such as \"2025-11-08\".", "apiVersion contains an unpaired UTF-16 surrogate."))
            .transpose()?
    };
    let object = Object::new();
    for (name, value) in rules::auth_headers(&key, api_version.as_deref())? {
        Reflect::set(&object, &name.into(), &value.into()).map_err(|_| Error::invalid_input("The headers object could not be built."))?;
    }
    Ok(object.into())
}
