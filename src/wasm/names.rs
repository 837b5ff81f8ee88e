//! The JS strings this layer passes on every call, made once (`static_string`) instead of being
//! decoded from wasm memory per call. As property keys they also skip V8's per-call string
//! interning, which made `Reflect.set` with fresh key strings a hot spot in Node.

use js_sys::JsString;
use wasm_bindgen::prelude::*;

use crate::options::DEFAULT_API_VERSION;
use crate::request::{ANYTYPE_VERSION, AUTHORIZATION, CONTENT_TYPE, JSON_MEDIA_TYPE};

// rustfmt would drop the `= "…"` of each `static_string`.
#[rustfmt::skip]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(thread_local_v2, static_string)]
    static CONTENT_TYPE_JS: JsString = "Content-Type";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static ANYTYPE_VERSION_JS: JsString = "Anytype-Version";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static AUTHORIZATION_JS: JsString = "Authorization";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static JSON_MEDIA_TYPE_JS: JsString = "application/json";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static CHALLENGE_ID_JS: JsString = "challengeId";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static API_KEY_JS: JsString = "apiKey";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static RUNNING_JS: JsString = "running";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static VALID_JS: JsString = "valid";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static SERVER_VERSION_JS: JsString = "serverVersion";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static DEFAULT_API_VERSION_JS: JsString = "2025-11-08";
    /// The response headers the transport reads (lower case, as `Headers.get` takes any case).
    #[wasm_bindgen(thread_local_v2, static_string)]
    pub static ANYTYPE_VERSION_HEADER: JsString = "anytype-version";
    #[wasm_bindgen(thread_local_v2, static_string)]
    pub static CONTENT_LENGTH_HEADER: JsString = "content-length";
    #[wasm_bindgen(thread_local_v2, static_string)]
    pub static CONTENT_ENCODING_HEADER: JsString = "content-encoding";
}

/// `text` as a JS string: the one made once when it is one of the names above, else a new one.
pub fn js_string(text: &str) -> JsValue {
    let name = match text {
        CONTENT_TYPE => &CONTENT_TYPE_JS,
        ANYTYPE_VERSION => &ANYTYPE_VERSION_JS,
        AUTHORIZATION => &AUTHORIZATION_JS,
        JSON_MEDIA_TYPE => &JSON_MEDIA_TYPE_JS,
        "challengeId" => &CHALLENGE_ID_JS,
        "apiKey" => &API_KEY_JS,
        "running" => &RUNNING_JS,
        "valid" => &VALID_JS,
        "serverVersion" => &SERVER_VERSION_JS,
        DEFAULT_API_VERSION => &DEFAULT_API_VERSION_JS,
        _ => return JsValue::from_str(text),
    };
    name.with(|name| name.into())
}
