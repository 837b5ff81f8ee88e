//! JSON text in the wasm is the platform's job: `JSON.parse` reads an answer and
//! `JSON.stringify` writes a request body, each through js-sys's catching bindings, and
//! serde-wasm-bindgen moves the values between JS and the core's [`wire`](crate::wire) types.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::wire::Json;

/// A response body as `JSON.parse` read it: `None` when it is not UTF-8 or not JSON.
pub struct Parsed(Option<JsValue>);

impl Parsed {
    /// Parses `bytes` (a body of at most [`BODY_LIMIT`](crate::classify::BODY_LIMIT) bytes).
    pub fn new(bytes: &[u8]) -> Parsed {
        let parsed = std::str::from_utf8(bytes).ok().and_then(|text| js_sys::JSON::parse(text).ok());
        Parsed(parsed)
    }
}

impl Json for Parsed {
    /// Values made by `JSON.parse` are plain data (objects, arrays, primitives), so reading them
    /// runs no caller code; unknown fields are skipped without being read.
    fn read<T: DeserializeOwned>(&self) -> Option<T> {
        serde_wasm_bindgen::from_value(self.0.clone()?).ok()
    }
}

/// `value` as JSON text (a JS string, handed to `fetch` as it is: no copy through the wasm's
/// memory), or `None` if it could not be written (never for the crate's own types).
pub fn stringify(value: &impl Serialize) -> Option<js_sys::JsString> {
    let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    js_sys::JSON::stringify(&value).ok()
}
