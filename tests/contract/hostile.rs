//! Hostile inputs: values no honest caller passes, each refused with `invalid_input` before
//! anything is sent (the instance's request log stays empty), and the module keeps working.
//! The everyday rules (`app_name_rules`, `code_rules`, `option_rules`… in `mod.rs`) are not
//! repeated here.

use anytype_auth::wasm::{check_anytype, create_api_key, create_challenge, verify_api_key};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::refused;
use super::support::*;

const ID: &str = "67647f5ecda913e9a2e11b26";
/// Ten million characters.
const HUGE: usize = 10_000_000;

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

/// Values of the wrong type for any string argument.
fn wrong_types() -> Vec<(&'static str, JsValue)> {
    vec![
        ("boxed String", js("new String('Acme 1234')")),
        ("symbol", js("Symbol('1234')")),
        ("bigint", js("1234n")),
        ("array of a string", js("['1234']")),
        ("function", js("function () { return '1234' }")),
        ("boolean", JsValue::TRUE),
        ("Uint8Array", js("new TextEncoder().encode('1234')")),
        ("object with a throwing toString", js("{ toString() { throw new Error('boom') } }")),
    ]
}

#[wasm_bindgen_test]
async fn hostile_app_names() {
    let (base, spec) = scope("");
    let mut cases = wrong_types();
    cases.extend([
        ("10 MB string", s(&"a".repeat(HUGE))),
        ("201 astral characters", s(&"😀".repeat(201))),
        ("only a byte-order mark", s("\u{FEFF}")),
        ("right-to-left override", s("Acme\u{202E}emcA")),
        ("line separator", s("Acme\u{2028}Clipper")),
        ("soft hyphen", s("Ac\u{AD}me")),
        ("C1 control inside (at the ends it is trimmed as whitespace)", s("Ac\u{85}me")),
        ("DEL", s("Acme\u{7F}")),
        ("inner tab", s("Acme\tClipper")),
        ("lone low surrogate", js("'Acme\\uDC00'")),
        ("reversed surrogate pair", js("'Acme\\uDE00\\uD83D'")),
    ]);
    for (case, value) in cases {
        refused(case, create_challenge(value, opts(&base, &[])), &spec).await;
    }
    still_works().await;
}

#[wasm_bindgen_test]
async fn hostile_codes() {
    let (base, spec) = scope("");
    let mut cases = wrong_types();
    cases.extend([
        ("zero-width space inside", s("12\u{200B}34")),
        ("superscript digits", s("¹²³⁴")),
        ("devanagari digits", s("१२३४")),
        ("mathematical bold digits", s("𝟏𝟐𝟑𝟒")),
        ("lone surrogate", js("'12\\uD83434'")),
        ("trailing NUL", s("1234\u{0}")),
        ("10 MB of digits", s(&"1".repeat(HUGE))),
        ("negative zero", js("-0")),
    ]);
    for (case, value) in cases {
        refused(case, create_api_key(s(ID), value, opts(&base, &[])), &spec).await;
    }
    still_works().await;
}

#[wasm_bindgen_test]
async fn hostile_ids_and_keys() {
    let (base, spec) = scope("");
    let ids: Vec<(&str, JsValue)> = vec![
        ("null id", JsValue::NULL),
        ("10 MB id", s(&"a".repeat(HUGE))),
        ("id with a lone surrogate", js("'67647f5e\\uD800'")),
        ("id with CRLF header injection", s("abc\r\nX-Evil: 1")),
        ("id as boxed String", js("new String('67647f5ecda913e9a2e11b26')")),
    ];
    for (case, value) in ids {
        refused(case, create_api_key(value, s("1234"), opts(&base, &[])), &spec).await;
    }
    let keys: Vec<(&str, JsValue)> = vec![
        ("key as a number", JsValue::from(42)),
        ("key with NUL", s("zhSG\u{0}zQRm")),
        ("key as bytes", js("new TextEncoder().encode('zhSG')")),
        ("key with a lone surrogate", js("'zhSG\\uDBFF'")),
        ("10 MB key", s(&"k".repeat(HUGE))),
    ];
    for (case, value) in keys {
        refused(case, verify_api_key(value, opts(&base, &[])), &spec).await;
    }
    still_works().await;
}

#[wasm_bindgen_test]
async fn hostile_option_objects() {
    let (base, spec) = scope("");
    let b = base.as_str();
    let cases: Vec<(&str, JsValue)> = vec![
        (
            "own __proto__ data property",
            js(&format!("Object.defineProperty({{ baseUrl: '{b}' }}, '__proto__', {{ value: {{}}, enumerable: true }})")),
        ),
        ("inherited baseUrl", js(&format!("Object.create({{ baseUrl: '{b}' }})"))),
        ("prototype key", opts(b, &[("prototype", JsValue::from(1))])),
        ("toString key", opts(b, &[("toString", js("() => ''"))])),
        ("hasOwnProperty key", opts(b, &[("hasOwnProperty", JsValue::from(1))])),
        ("frozen with an unknown key", js(&format!("Object.freeze({{ baseUrl: '{b}', retries: 1 }})"))),
        ("sealed with a bad timeout", js(&format!("Object.seal({{ baseUrl: '{b}', timeoutMs: -5 }})"))),
        ("getter returning a number", js("{ get baseUrl() { return 31009 } }")),
        ("throwing baseUrl getter", js("{ get baseUrl() { throw new Error('boom') } }")),
        ("proxy: get trap throws", js(&format!("new Proxy({{ baseUrl: '{b}' }}, {{ get() {{ throw new Error('boom') }} }})"))),
        (
            "proxy: getPrototypeOf trap throws",
            js(&format!("new Proxy({{ baseUrl: '{b}' }}, {{ getPrototypeOf() {{ throw new Error('boom') }} }})")),
        ),
        (
            "proxy: ownKeys returns duplicates",
            js(&format!("new Proxy({{ baseUrl: '{b}' }}, {{ ownKeys() {{ return ['baseUrl', 'baseUrl'] }} }})")),
        ),
        ("proxy: ownKeys returns a number", js(&format!("new Proxy({{ baseUrl: '{b}' }}, {{ ownKeys() {{ return [1] }} }})"))),
        ("proxy: prototype is a Map", js(&format!("new Proxy({{ baseUrl: '{b}' }}, {{ getPrototypeOf() {{ return Map.prototype }} }})"))),
        (
            "revoked proxy",
            js(&format!("(() => {{ const p = Proxy.revocable({{ baseUrl: '{b}' }}, {{}}); p.revoke(); return p.proxy }})()")),
        ),
        ("Map of options", js(&format!("new Map([['baseUrl', '{b}']])"))),
        ("Date", js("new Date()")),
        ("timeoutMs as bigint", opts(b, &[("timeoutMs", js("1000n"))])),
        ("timeoutMs as boxed Number", opts(b, &[("timeoutMs", js("new Number(1000)"))])),
        ("timeoutMs Infinity", opts(b, &[("timeoutMs", JsValue::from(f64::INFINITY))])),
        ("timeoutMs beyond 2^53", opts(b, &[("timeoutMs", JsValue::from(2f64.powi(60)))])),
        ("allowInsecureRemote 1", opts(b, &[("allowInsecureRemote", JsValue::from(1))])),
        ("allowInsecureRemote boxed true", opts(b, &[("allowInsecureRemote", js("new Boolean(true)"))])),
        ("apiVersion with CRLF", opts(b, &[("apiVersion", s("2025-11-08\r\nX-Evil: 1"))])),
        ("apiVersion 10 MB", opts(b, &[("apiVersion", s(&"9".repeat(HUGE)))])),
        ("baseUrl with U+FFFD", opts(&format!("{b}/\u{FFFD}"), &[])),
        ("baseUrl with NUL", opts(&format!("{b}\u{0}"), &[])),
        ("baseUrl with a backslash", opts(&format!("{b}\\@evil.example"), &[])),
        ("baseUrl with a trailing space", opts(&format!("{b} "), &[])),
        ("baseUrl 10 MB host", opts(&format!("http://{}", "a".repeat(HUGE)), &[])),
        ("baseUrl with a 10 MB path", opts(&format!("{b}/{}", "a".repeat(HUGE)), &[])),
    ];
    for (case, options) in cases {
        refused(case, create_challenge(s("Hostile options"), options.clone()), &spec).await;
        refused(case, check_anytype(options), &spec).await;
    }
    let surrogate = js(&format!("{{ baseUrl: '{b}/\\uD800' }}"));
    refused("baseUrl with a real lone surrogate", create_challenge(s("x"), surrogate), &spec).await;
    still_works().await;
}

/// Loopback look-alikes and tricks that would send plain http elsewhere.
#[wasm_bindgen_test]
async fn hostile_base_urls() {
    let (_, spec) = scope("");
    for (case, url) in [
        ("user info before a remote host", "http://127.0.0.1:31009@evil.example"),
        ("IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]:31009"),
        ("decimal IPv4", "http://2130706433:31009"),
        ("hex IPv4", "http://0x7f.0.0.1:31009"),
        ("localhost subdomain of a remote host", "http://localhost.evil.example:31009"),
        ("percent-encoded host", "http://127%2e0.0.1:31009"),
        ("protocol-relative", "//127.0.0.1:31009"),
        ("data URL", "data:text/plain,hello"),
        ("blob URL", "blob:http://127.0.0.1/abc"),
        ("ws URL", "ws://127.0.0.1:31009"),
    ] {
        refused(case, create_challenge(s("Hostile URL"), opts(url, &[])), &spec).await;
    }
    still_works().await;
}

/// Things that look like an `AbortSignal` but are not one.
#[wasm_bindgen_test]
async fn hostile_signals() {
    let (base, spec) = scope("");
    let cases: Vec<(&str, JsValue)> = vec![
        ("object with AbortSignal.prototype", js("Object.create(AbortSignal.prototype)")),
        ("AbortSignal.prototype itself", js("AbortSignal.prototype")),
        ("an EventTarget", js("new EventTarget()")),
        ("EventTarget subclass with aborted", js("new (class extends EventTarget { get aborted() { return false } })()")),
        ("an AbortController", js("new AbortController()")),
        ("real signal whose aborted getter throws", js("Object.defineProperty(new AbortController().signal, 'aborted', { get() { throw new Error('boom') } })")),
        ("proxy whose aborted read throws", js("new Proxy(new AbortController().signal, { get(t, k) { if (k === 'aborted') throw new Error('boom'); return Reflect.get(t, k) } })")),
    ];
    for (case, signal) in cases {
        refused(case, create_challenge(s("Hostile signal"), opts(&base, &[("signal", signal.clone())])), &spec).await;
        refused(case, check_anytype(opts(&base, &[("signal", signal)])), &spec).await;
    }
    still_works().await;
}
