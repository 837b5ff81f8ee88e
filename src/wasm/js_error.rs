//! Turning a core [`Error`] into a JS `AnytypeError` (the class lives in `js/anytype-error.js`).

use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(module = "/js/anytype-error.js")]
extern "C" {
    /// The JS `AnytypeError` class (`extends Error`), as a Rust type for `instanceof` checks.
    #[wasm_bindgen(extends = js_sys::Error)]
    #[derive(Clone, Debug)]
    pub type AnytypeError;

    #[wasm_bindgen(constructor)]
    fn new(kind: &str, message: &str, status: Option<u16>, server_code: Option<String>, server_message: Option<String>) -> AnytypeError;
}

impl From<Error> for AnytypeError {
    fn from(error: Error) -> AnytypeError {
        AnytypeError::new(
            error.kind().as_str(),
            error.message(),
            error.status(),
            error.server_code().map(str::to_owned),
            error.server_message().map(str::to_owned),
        )
    }
}

/// The rejection value for a failed call.
pub fn to_js(error: Error) -> JsValue {
    AnytypeError::from(error).into()
}
