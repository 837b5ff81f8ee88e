//! Reading the JS arguments: strings must be real strings (a number code would lose its leading
//! zeros) and the options must be a plain object with known keys. Every property read goes
//! through `Reflect`, whose bindings catch, so getters that throw and hostile Proxies become
//! `invalid_input` errors instead of exceptions through the wasm stack.

use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::error::Error;
use crate::options::{unknown_option, RawOptions, Settings, OPTION_NAMES};

/// A string argument, or `type_error` when `value` is not a string. Lone UTF-16 surrogates
/// (which would silently turn into U+FFFD) are refused.
pub fn string(value: &JsValue, type_error: &'static str, surrogate_error: &'static str) -> Result<String, Error> {
    let Some(text) = value.dyn_ref::<JsString>() else { return Err(Error::invalid_input(type_error)) };
    if !text.is_valid_utf16() {
        return Err(Error::invalid_input(surrogate_error));
    }
    Ok(String::from(text))
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
    let object = plain_object(value)?;
    check_keys(&object, |name| OPTION_NAMES.contains(&name), unknown_option)?;
    call_options(&object)
}

/// Checks that every own key of `object` is a string that `known` accepts; `unknown` builds the
/// error for the first one that is not.
pub fn check_keys(object: &Object, known: impl Fn(&str) -> bool, unknown: impl Fn(&str) -> Error) -> Result<(), Error> {
    let keys = Reflect::own_keys(object).map_err(|_| Error::invalid_input("options could not be read (its keys threw an exception)."))?;
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            return Err(Error::invalid_input("options has a symbol key; only the documented option names are allowed."));
        };
        if !known(&name) {
            return Err(unknown(&name));
        }
    }
    Ok(())
}

/// Reads the call options (`baseUrl`, `apiVersion`, `timeoutMs`, `allowInsecureRemote`,
/// `signal`) from an object whose keys were checked already.
pub fn call_options(object: &Object) -> Result<CallOptions, Error> {
    let raw = RawOptions {
        base_url: read(object, "baseUrl")?
            .map(|v| {
                string(
                    &v,
                    "baseUrl must be a string, such as \"http://127.0.0.1:31009\".",
                    "baseUrl contains an unpaired UTF-16 surrogate.",
                )
            })
            .transpose()?,
        api_version: read(object, "apiVersion")?
            .map(|v| {
                string(&v, "apiVersion must be a string, such as \"2025-11-08\".", "apiVersion contains an unpaired UTF-16 surrogate.")
            })
            .transpose()?,
        timeout_ms: read(object, "timeoutMs")?
            .map(|v| v.as_f64().ok_or_else(|| Error::invalid_input("timeoutMs must be a number of milliseconds (0 means no timeout).")))
            .transpose()?,
        allow_insecure_remote: read(object, "allowInsecureRemote")?
            .map(|v| v.as_bool().ok_or_else(|| Error::invalid_input("allowInsecureRemote must be true or false.")))
            .transpose()?,
    };
    let signal = read(object, "signal")?.map(abort_signal).transpose()?;
    Ok(CallOptions { settings: raw.resolve()?, signal })
}

/// `value` as a real `AbortSignal`. `instanceof` alone also accepts `Object.create(AbortSignal.prototype)`,
/// whose `aborted` getter throws later, straight through the wasm stack. So the prototype's own
/// getter must accept `value` as `this` (a brand check), and a plain read of `aborted` (what the
/// transport does) must give a boolean.
fn abort_signal(value: JsValue) -> Result<AbortSignal, Error> {
    let not_signal = || Error::invalid_input("signal must be an AbortSignal (from an AbortController).");
    let signal: AbortSignal = value.dyn_into().map_err(|_| not_signal())?;
    let aborted = JsValue::from_str("aborted");
    let branded = Reflect::get(&js_sys::global(), &JsValue::from_str("AbortSignal"))
        .and_then(|class| Reflect::get(&class, &JsValue::from_str("prototype")))
        .and_then(|prototype| Reflect::get_own_property_descriptor(prototype.unchecked_ref::<Object>(), &aborted))
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
    Reflect::get(signal, &JsValue::from_str("aborted")).map_or(true, |value| value.is_truthy())
}

/// `value` as an `Object` when it is a plain object (its prototype is `Object.prototype` or null).
pub fn plain_object(value: &JsValue) -> Result<Object, Error> {
    let not_plain = || Error::invalid_input("options must be a plain object such as { baseUrl: \"http://127.0.0.1:31009\" }, or left out.");
    if !value.is_object() {
        return Err(not_plain());
    }
    let object: &Object = value.unchecked_ref();
    let proto = Reflect::get_prototype_of(object).map_err(|_| not_plain())?;
    let object_prototype = Reflect::get_prototype_of(&Object::new()).map_err(|_| not_plain())?;
    if !(proto.is_null() || proto == object_prototype) {
        return Err(not_plain());
    }
    Ok(object.clone())
}

/// `object[name]`, or `None` when it is `undefined`; a throwing getter or Proxy becomes `invalid_input`.
pub fn read(object: &Object, name: &'static str) -> Result<Option<JsValue>, Error> {
    let value = Reflect::get(object, &JsValue::from_str(name)).map_err(|_| {
        let mut message = String::with_capacity(60);
        message.push_str("options.");
        message.push_str(name);
        message.push_str(" could not be read (its getter threw an exception).");
        Error::invalid_input(message)
    })?;
    Ok(if value.is_undefined() { None } else { Some(value) })
}
