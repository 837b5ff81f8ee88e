//! Reading the JS arguments: strings must be real strings (a number code would lose its leading
//! zeros) and the options must be a plain object with known keys.
//!
//! The boundary is guarded before serde sees anything. The caller's object can run code of its
//! own when read (a getter, a Proxy trap) and that code can throw, so its own properties are
//! first copied through `Reflect`, whose bindings catch, into a fresh object that holds only
//! primitive values; serde-wasm-bindgen then reads [`RawOptions`] from that copy, which can run
//! nothing. A throw, a symbol key, an inherited or unknown name, or a value that is not a
//! primitive is `invalid_input` before any request exists.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use crate::error::Error;
use crate::messages;
use crate::options::{type_rule, unknown_option, RawOptions, Settings, OPTION_NAMES};

#[wasm_bindgen]
extern "C" {
    /// `Object.prototype`: the prototype of a plain object.
    #[wasm_bindgen(thread_local_v2, js_namespace = Object, js_name = prototype)]
    static OBJECT_PROTOTYPE: Object;
    /// `AbortSignal.prototype`, whose `aborted` getter brand-checks a signal.
    #[wasm_bindgen(thread_local_v2, js_namespace = AbortSignal, js_name = prototype)]
    static ABORT_SIGNAL_PROTOTYPE: Object;
    /// `encodeURIComponent(text)`, which throws `URIError` when `text` has a lone surrogate.
    #[wasm_bindgen(catch, js_name = encodeURIComponent)]
    fn encode_uri_component(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// The name of the one option that is not plain data.
const SIGNAL: &str = "signal";

/// The string argument `name`, or `type_error` when `value` is not a string. Lone UTF-16
/// surrogates (which would silently turn into U+FFFD) are refused.
pub fn string(value: &JsValue, name: &str, type_error: &'static str) -> Result<String, Error> {
    let Some(text) = value.as_string() else { return Err(Error::invalid_input(type_error)) };
    // The conversion turns a lone surrogate into U+FFFD. Only then is the JS string checked, to
    // tell it from a real U+FFFD: `encodeURIComponent` throws on a lone surrogate.
    if text.contains('\u{FFFD}') && encode_uri_component(value).is_err() {
        return Err(Error::invalid_input(messages::unpaired_surrogate(name)));
    }
    Ok(text)
}

/// The checked options, with the caller's signal if one was given.
pub struct CallOptions {
    /// `baseUrl`, `apiVersion` and `timeoutMs`, checked, with defaults.
    pub settings: Settings,
    /// The caller's `signal`.
    pub signal: Option<AbortSignal>,
}

/// Reads `options`: `undefined` or a plain object whose keys are all known option names.
/// An option whose value is `undefined` counts as absent.
pub fn options(value: &JsValue) -> Result<CallOptions, Error> {
    if value.is_undefined() {
        return Ok(CallOptions { settings: Settings::default(), signal: None });
    }
    let (data, signal) = copy_own_options(&plain_object(value)?)?;
    let raw = RawOptions::read(serde_wasm_bindgen::Deserializer::from(JsValue::from(data)))?;
    Ok(CallOptions { settings: raw.resolve()?, signal: signal.map(abort_signal).transpose()? })
}

/// The own properties of `object`, read once each through catching bindings: the data options
/// in a fresh plain object (primitive values only), and the `signal`. Inherited properties are
/// never read, so a polluted `Object.prototype` cannot add options.
fn copy_own_options(object: &Object) -> Result<(Object, Option<JsValue>), Error> {
    let keys = Reflect::own_keys(object).map_err(|_| Error::invalid_input(messages::OPTIONS_KEYS_THREW))?;
    let data = Object::new();
    let mut signal = None;
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            return Err(Error::invalid_input(messages::OPTIONS_SYMBOL_KEY));
        };
        let Some(&name) = OPTION_NAMES.iter().find(|known| **known == name) else { return Err(unknown_option(&name)) };
        let value = Reflect::get(object, &key).map_err(|_| Error::invalid_input(messages::option_getter_threw(name)))?;
        if value.is_undefined() {
            continue;
        }
        if name == SIGNAL {
            signal = Some(value);
            continue;
        }
        // Only a string, number or boolean is ever a valid option value; anything else (null, an
        // object, a Proxy, a symbol, a bigint) is refused here, so serde never reads caller code.
        if value.as_string().is_none() && value.as_f64().is_none() && value.as_bool().is_none() {
            return Err(Error::invalid_input(type_rule(name)));
        }
        // Setting a known, non-special key on a fresh plain object cannot throw.
        let _ = Reflect::set(&data, &key, &value);
    }
    Ok((data, signal))
}

/// `value` as a real `AbortSignal`. `instanceof` alone also accepts `Object.create(AbortSignal.prototype)`,
/// whose `aborted` getter throws later, straight through the wasm stack. So the prototype's own
/// getter must accept `value` as `this` (a brand check), and a plain read of `aborted` (what the
/// transport does) must give a boolean.
fn abort_signal(value: JsValue) -> Result<AbortSignal, Error> {
    let not_signal = || Error::invalid_input(type_rule(SIGNAL));
    let signal: AbortSignal = value.dyn_into().map_err(|_| not_signal())?;
    let aborted = JsValue::from_str("aborted");
    let branded = Reflect::get_own_property_descriptor(&ABORT_SIGNAL_PROTOTYPE.with(Object::clone), &aborted)
        .and_then(|descriptor| Reflect::get(&descriptor, &JsValue::from_str("get")))
        .and_then(|getter| getter.unchecked_into::<Function>().call0(&signal))
        .is_ok_and(|value| value.as_bool().is_some());
    let readable = Reflect::get(&signal, &aborted).is_ok_and(|value| value.as_bool().is_some());
    if branded && readable {
        Ok(signal)
    } else {
        Err(not_signal())
    }
}

/// Whether `signal` has fired, read through `Reflect` (which catches): a signal that throws
/// (a hostile Proxy can pass [`abort_signal`] and throw later) counts as aborted, so nothing is sent.
pub fn is_aborted(signal: &AbortSignal) -> bool {
    Reflect::get(signal, &JsValue::from_str("aborted")).map_or(true, |value| value.is_truthy())
}

/// `value` as an `Object` when it is a plain object (its prototype is `Object.prototype` or null).
fn plain_object(value: &JsValue) -> Result<Object, Error> {
    let not_plain = || Error::invalid_input(messages::OPTIONS_NOT_PLAIN);
    if !value.is_object() {
        return Err(not_plain());
    }
    let object: &Object = value.unchecked_ref();
    let proto = Reflect::get_prototype_of(object).map_err(|_| not_plain())?;
    if !(proto.is_null() || OBJECT_PROTOTYPE.with(|prototype| proto == *prototype)) {
        return Err(not_plain());
    }
    Ok(object.clone())
}
