//! Reading the JS arguments: strings must be real strings (a number code would lose its leading
//! zeros) and the options must be a plain object with known keys. Every property read goes
//! through `Reflect`, whose bindings catch, so getters that throw and hostile Proxies become
//! `invalid_input` errors instead of exceptions through the wasm stack.

use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use crate::base_url::BASE_URL_RULE;
use crate::error::Error;
use crate::input::TIMEOUT_RULE;
use crate::options::{unknown_option, RawOptions, Settings, OPTION_NAMES};

// rustfmt would drop the `= "…"` of each `static_string`.
#[rustfmt::skip]
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
    /// The property name `aborted`, made once.
    #[wasm_bindgen(thread_local_v2, static_string)]
    static ABORTED: JsString = "aborted";
}

/// The string argument `name`, or `type_error` when `value` is not a string. Lone UTF-16
/// surrogates (which would silently turn into U+FFFD) are refused.
pub fn string(value: &JsValue, name: &str, type_error: &'static str) -> Result<String, Error> {
    let Some(text) = value.as_string() else { return Err(Error::invalid_input(type_error)) };
    // The conversion turns a lone surrogate into U+FFFD. Only then is the JS string checked, to
    // tell it from a real U+FFFD: `encodeURIComponent` throws on a lone surrogate.
    let replaced = text.as_bytes().windows(3).any(|bytes| bytes == "\u{FFFD}".as_bytes());
    if replaced && encode_uri_component(value).is_err() {
        let mut message = String::with_capacity(48);
        message.push_str(name);
        message.push_str(" contains an unpaired UTF-16 surrogate.");
        return Err(Error::invalid_input(message));
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
    let given = Given::read(&plain_object(value)?)?;
    call_options(&given)
}

/// The own properties of an options object, by their known names, without those whose value
/// is `undefined`. Inherited properties are never read (a polluted `Object.prototype` cannot
/// add options), and each value is read with the JS key `Reflect.ownKeys` gave, so no key
/// string is made per call.
struct Given(Vec<(&'static str, JsValue)>);

impl Given {
    /// Reads every own property of `object`. Each key must be one of [`OPTION_NAMES`]; the
    /// first that is not gets [`unknown_option`]'s error (with a near-miss hint).
    fn read(object: &Object) -> Result<Given, Error> {
        let keys = Reflect::own_keys(object).map_err(|_| Error::invalid_input("options could not be read (reading its keys threw)."))?;
        let mut given = Vec::new();
        for key in keys.iter() {
            let Some(name) = key.as_string() else {
                return Err(Error::invalid_input("options has a symbol key; only the documented option names are allowed."));
            };
            let Some(&name) = OPTION_NAMES.iter().find(|known| **known == name) else { return Err(unknown_option(&name)) };
            let value = Reflect::get(object, &key).map_err(|_| {
                let mut message = String::with_capacity(60);
                message.push_str("options.");
                message.push_str(name);
                message.push_str(" could not be read (its getter threw).");
                Error::invalid_input(message)
            })?;
            if !value.is_undefined() {
                given.push((name, value));
            }
        }
        Ok(Given(given))
    }

    /// The value given for `name`, if any.
    fn get(&self, name: &str) -> Option<JsValue> {
        self.0.iter().find(|(given, _)| *given == name).map(|(_, value)| value.clone())
    }
}

/// Reads the call options (`baseUrl`, `apiVersion`, `timeoutMs`, `allowInsecureRemote`,
/// `signal`) from the given properties.
fn call_options(given: &Given) -> Result<CallOptions, Error> {
    let raw = RawOptions {
        base_url: given.get("baseUrl").map(|v| string(&v, "baseUrl", BASE_URL_RULE)).transpose()?,
        api_version: given
            .get("apiVersion")
            .map(|v| string(&v, "apiVersion", "apiVersion must be a string, such as \"2025-11-08\"."))
            .transpose()?,
        timeout_ms: given.get("timeoutMs").map(|v| v.as_f64().ok_or_else(|| Error::invalid_input(TIMEOUT_RULE))).transpose()?,
        allow_insecure_remote: given
            .get("allowInsecureRemote")
            .map(|v| v.as_bool().ok_or_else(|| Error::invalid_input("allowInsecureRemote must be true or false.")))
            .transpose()?,
    };
    let signal = given.get("signal").map(abort_signal).transpose()?;
    Ok(CallOptions { settings: raw.resolve()?, signal })
}

/// `value` as a real `AbortSignal`. `instanceof` alone also accepts `Object.create(AbortSignal.prototype)`,
/// whose `aborted` getter throws later, straight through the wasm stack. So the prototype's own
/// getter must accept `value` as `this` (a brand check), and a plain read of `aborted` (what the
/// transport does) must give a boolean.
fn abort_signal(value: JsValue) -> Result<AbortSignal, Error> {
    let not_signal = || Error::invalid_input("signal must be an AbortSignal (from an AbortController).");
    let signal: AbortSignal = value.dyn_into().map_err(|_| not_signal())?;
    let aborted: JsValue = ABORTED.with(|name| name.into());
    let branded = Reflect::get_own_property_descriptor(&ABORT_SIGNAL_PROTOTYPE.with(Object::clone), &aborted)
        .and_then(|descriptor| Reflect::get(&descriptor, &JsValue::from_str("get")))
        .and_then(|getter| getter.unchecked_into::<js_sys::Function>().call0(&signal))
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
    ABORTED.with(|aborted| Reflect::get(signal, aborted)).map_or(true, |value| value.is_truthy())
}

/// `value` as an `Object` when it is a plain object (its prototype is `Object.prototype` or null).
fn plain_object(value: &JsValue) -> Result<Object, Error> {
    let not_plain = || Error::invalid_input("options must be a plain object, or left out.");
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
