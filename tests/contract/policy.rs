//! The request policy, one test each, with a control request that shows what the platform would
//! have sent without it: no cookies or other credentials, no `Referer`, and plain `http:` only
//! to loopback unless `allowInsecureRemote`. (Redirects: `redirects_are_refused_and_not_followed`
//! in `mod.rs` and the redirect rows of `adversarial.rs`, which prove the target got nothing.)

use anytype_auth::wasm::create_challenge;
use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

fn header(request: &JsValue, name: &str) -> Option<String> {
    get(&get(request, "headers"), name).as_string()
}

/// A plain `fetch(url, init)` from JS, as a page would make it; its answer does not matter.
async fn plain_fetch(url: &str, init: &str) {
    let promise: Promise = js(&format!("fetch({url:?}, {init}).then(() => null, () => null)")).into();
    promise.await.expect("the control fetch settles");
}

/// Whether this runs in a browser page (Node has no `document` and no cookie jar).
fn in_browser() -> bool {
    js("typeof document !== 'undefined'").is_truthy()
}

#[wasm_bindgen_test]
async fn no_cookies_or_credentials_are_sent() {
    let (base, spec) = scope("");
    if in_browser() {
        // A cookie for 127.0.0.1 (cookies ignore the port), so the stand-in's origin has one.
        js("document.cookie = 'anytype_auth_probe=1; path=/; SameSite=Lax'");
        plain_fetch(&format!("{base}/v1/spaces"), "{ credentials: 'include' }").await;
        let control = requests(&spec).await;
        assert_eq!(control.len(), 1);
        assert_eq!(header(&control[0], "cookie").as_deref(), Some("anytype_auth_probe=1"), "the control request carries the cookie");
    }
    let before = requests(&spec).await.len();
    let ok = create_challenge("Policy".into(), opts(&base, &[])).await.expect("challenge");
    assert_eq!(get_str(&ok, "challengeId").len(), 24);
    let log = requests(&spec).await;
    assert_eq!(log.len(), before + 1);
    let ours = &log[before];
    assert_eq!(header(ours, "cookie"), None, "a cookie was sent");
    assert_eq!(header(ours, "authorization"), None, "createChallenge sent credentials");
    if in_browser() {
        js("document.cookie = 'anytype_auth_probe=; path=/; max-age=0'");
    }
}

#[wasm_bindgen_test]
async fn no_referer_is_sent() {
    let (base, spec) = scope("");
    if in_browser() {
        plain_fetch(&format!("{base}/v1/spaces"), "{}").await;
        let control = requests(&spec).await;
        assert!(header(&control[0], "referer").is_some(), "the control request carries a Referer");
    }
    let before = requests(&spec).await.len();
    create_challenge("Policy".into(), opts(&base, &[])).await.expect("challenge");
    let log = requests(&spec).await;
    assert_eq!(log.len(), before + 1);
    assert_eq!(header(&log[before], "referer"), None, "a Referer was sent");
}

/// `[::ffff:127.0.0.1]` reaches the stand-in but is not one of the loopback names the rule
/// accepts, so it stands in for any remote host: refused with nothing sent, then sent once the
/// caller opts in.
#[wasm_bindgen_test]
async fn plain_http_to_a_remote_host_needs_the_opt_in() {
    let (_, spec) = scope("");
    let port = STANDIN_URL.rsplit(':').next().unwrap();
    let remote = format!("http://[::ffff:127.0.0.1]:{port}/s/{spec}");
    let refused = create_challenge("Policy".into(), opts(&remote, &[])).await;
    let error = expect_error(refused, "invalid_input", None);
    assert!(get_str(&error, "message").contains("allowInsecureRemote"));
    assert!(all_requests(&spec).await.is_empty(), "sent without the opt-in");
    let allowed = create_challenge("Policy".into(), opts(&remote, &[("allowInsecureRemote", JsValue::TRUE)])).await;
    assert_eq!(get_str(&allowed.expect("sent with the opt-in"), "challengeId").len(), 24);
    assert_eq!(requests(&spec).await.len(), 1);
    still_works().await;
}
