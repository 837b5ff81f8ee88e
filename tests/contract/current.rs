//! Today's Anytype (the stand-in's `current` mode, after heart of 2026): approval before the
//! code, grants, scoped, legacy, Limited and expiring keys through `verifyApiKey`, the causes of
//! the bare 500s, and a probe that costs no failed request. The same cases run in Node and in
//! headless Chromium; the older generations keep their cases in `mod.rs` and `adversarial.rs`.

use anytype_auth::wasm::{check_anytype, create_api_key, create_challenge, verify_api_key};
use js_sys::Array;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

/// A scope of its own that plays today's Anytype, with `extra` items.
fn today(extra: &str) -> (String, String) {
    scope(&if extra.is_empty() { "mode=current".to_owned() } else { format!("mode=current,{extra}") })
}

async fn challenge(base: &str) -> String {
    get_str(&create_challenge("Today Test".into(), opts(base, &[])).await.expect("challenge"), "challengeId")
}

/// A key from a whole pairing, approved with `spaces` and `permission`: the `createApiKey` result.
async fn paired(base: &str, spec: &str, spaces: &str, permission: &str) -> JsValue {
    let id = challenge(base).await;
    let code = approve(spec, &id, spaces, permission).await;
    create_api_key(id.into(), code.into(), opts(base, &[])).await.expect("key")
}

fn strings(value: &JsValue) -> Vec<String> {
    Array::from(value).iter().map(|v| v.as_string().expect("a string")).collect()
}

/// The paths of the requests `spec` received after the first `skip`.
async fn paths_after(spec: &str, skip: usize) -> Vec<String> {
    requests(spec).await.iter().skip(skip).map(|r| get_str(r, "path")).collect()
}

#[wasm_bindgen_test]
async fn the_code_comes_only_after_allow_and_the_key_carries_its_grant() {
    let (base, spec) = today("");
    let id = challenge(&base).await;
    // Before Allow there is no code: any code is refused, with the cause named.
    let early = expect_error(create_api_key(id.clone().into(), "0000".into(), opts(&base, &[])).await, "code_rejected", Some(500));
    assert!(get_str(&early, "message").contains("press Allow there first"), "{early:?}");
    let all = spaces().await;
    let chosen = format!("{},{}", all[0].0, all[1].0);
    let code = approve(&spec, &id, &chosen, "read").await;
    let keyed = create_api_key(id.into(), code.into(), opts(&base, &[])).await.expect("key after Allow");
    let key = get_str(&keyed, "apiKey");
    assert!(key.starts_with("anytype_") && key.len() == 69, "today's key format: {} characters", key.len());
    let grant = get(&keyed, "grant");
    assert_eq!(get(&grant, "allSpaces"), JsValue::FALSE);
    assert_eq!(strings(&get(&grant, "spaceIds")), vec![all[0].0.clone(), all[1].0.clone()]);
    assert_eq!(get_str(&grant, "permission"), "read");

    let before = requests(&spec).await.len();
    let status = verify_api_key(key.into(), opts(&base, &[])).await.expect("a scoped key never throws");
    assert_eq!(get(&status, "valid"), JsValue::TRUE, "a scoped key is valid");
    assert!(get(&status, "reason").is_null());
    assert_eq!(get(&status, "worksOnV1"), JsValue::FALSE, "every /v1 route refuses a narrowed key");
    assert_eq!(get(&status, "worksOnV2"), JsValue::TRUE);
    let access = get(&status, "access");
    assert_eq!(get(&access, "scoped"), JsValue::TRUE);
    assert_eq!(get_str(&access, "permission"), "read");
    assert_eq!(get(&access, "allSpaces"), JsValue::FALSE);
    assert!(get(&access, "expiresAt").is_null(), "pairing keys never expire");
    let reached: Vec<(String, String)> =
        Array::from(&get(&access, "spaces")).iter().map(|s| (get_str(&s, "id"), get_str(&s, "name"))).collect();
    assert_eq!(reached, all[..2].to_vec(), "full space ids with their names");
    assert_eq!(paths_after(&spec, before).await.len(), 1, "one request, no failed one, for a valid key");
}

#[wasm_bindgen_test]
async fn all_spaces_with_read_and_write_works_on_v1() {
    let (base, spec) = today("");
    let keyed = paired(&base, &spec, "all", "readwrite").await;
    let grant = get(&keyed, "grant");
    assert_eq!(get(&grant, "allSpaces"), JsValue::TRUE);
    assert!(strings(&get(&grant, "spaceIds")).is_empty());
    assert_eq!(get_str(&grant, "permission"), "readwrite");
    let status = verify_api_key(get(&keyed, "apiKey"), opts(&base, &[])).await.unwrap();
    assert_eq!((get(&status, "valid"), get(&status, "worksOnV1")), (JsValue::TRUE, JsValue::TRUE));
    assert_eq!(get(&get(&status, "access"), "allSpaces"), JsValue::TRUE);
}

#[wasm_bindgen_test]
async fn all_spaces_read_only_does_not_work_on_v1() {
    let (base, spec) = today("");
    let keyed = paired(&base, &spec, "all", "read").await;
    let status = verify_api_key(get(&keyed, "apiKey"), opts(&base, &[])).await.unwrap();
    assert_eq!((get(&status, "valid"), get(&status, "worksOnV1")), (JsValue::TRUE, JsValue::FALSE));
}

#[wasm_bindgen_test]
async fn a_legacy_key_is_valid_everywhere_in_one_request() {
    let (base, spec) = today("");
    let key = add_key(&spec).await;
    let status = verify_api_key(key.into(), opts(&base, &[])).await.unwrap();
    assert_eq!(
        (get(&status, "valid"), get(&status, "worksOnV1"), get(&status, "worksOnV2")),
        (JsValue::TRUE, JsValue::TRUE, JsValue::TRUE)
    );
    let access = get(&status, "access");
    assert_eq!(get(&access, "scoped"), JsValue::FALSE);
    assert!(get(&access, "permission").is_null());
    let paths = paths_after(&spec, 0).await;
    assert!(paths.len() == 1 && paths[0].ends_with("/v2/auth/whoami?ids=full"), "one request, no failed one: {paths:?}");
}

#[wasm_bindgen_test]
async fn expired_and_unknown_keys_are_not_valid_and_say_why() {
    let (base, spec) = today("");
    let expired = add_key_with(&spec, "spaces=all&permission=readwrite&expires_at=1000").await;
    let status = verify_api_key(expired.into(), opts(&base, &[])).await.unwrap();
    assert_eq!((get(&status, "valid"), get_str(&status, "reason")), (JsValue::FALSE, "expired".to_owned()));
    assert!(get(&status, "worksOnV1").is_null() && get(&status, "access").is_null());
    let unknown = "anytype_amfbcga7eywtio2cjfifoxtfnrzxvamir6lj3jflwk44br6o2xoa_3fe1d4b7";
    let status = verify_api_key(unknown.into(), opts(&base, &[])).await.unwrap();
    assert_eq!((get(&status, "valid"), get_str(&status, "reason")), (JsValue::FALSE, "invalid".to_owned()));
    let later = add_key_with(&spec, "spaces=all&permission=readwrite&expires_at=4102444800000").await;
    let status = verify_api_key(later.into(), opts(&base, &[])).await.unwrap();
    assert!(get_str(&get(&status, "access"), "expiresAt").starts_with("2100-01-01T"), "{status:?}");
}

#[wasm_bindgen_test]
async fn both_whoami_spellings_give_the_same_access() {
    for extra in ["whoami=snake", "whoami=camel"] {
        let (base, spec) = today(extra);
        let key = add_key_with(&spec, "spaces=all&permission=readwrite&expires_at=4102444800000").await;
        let status = verify_api_key(key.into(), opts(&base, &[])).await.unwrap();
        let access = get(&status, "access");
        assert_eq!(get(&status, "worksOnV1"), JsValue::TRUE, "{extra}");
        assert_eq!(get(&access, "allSpaces"), JsValue::TRUE, "{extra}");
        assert!(get_str(&access, "expiresAt").starts_with("2100-01-01T"), "{extra}");
    }
}

#[wasm_bindgen_test]
async fn a_limited_key_costs_one_more_request_and_works_on_v1_only() {
    let (base, spec) = today("");
    let key = add_key_with(&spec, "key_scope=limited").await;
    let status = verify_api_key(key.into(), opts(&base, &[])).await.unwrap();
    assert_eq!(
        (get(&status, "valid"), get(&status, "worksOnV1"), get(&status, "worksOnV2")),
        (JsValue::TRUE, JsValue::TRUE, JsValue::FALSE)
    );
    assert!(get(&status, "access").is_null());
    let paths = paths_after(&spec, 0).await;
    assert_eq!(paths.len(), 2, "whoami, then /v1: {paths:?}");
    assert!(paths[1].ends_with("/v1/spaces?limit=1"));
}

#[wasm_bindgen_test]
async fn a_grant_of_an_unknown_shape_never_costs_the_key() {
    let (base, spec) = today("autoapprove,body=oddgrant");
    let id = challenge(&base).await;
    let code = code_for(&spec, &id).await;
    let keyed = create_api_key(id.into(), code.into(), opts(&base, &[])).await.expect("the key is kept");
    assert!(get_str(&keyed, "apiKey").starts_with("anytype_"));
    assert!(get(&keyed, "grant").is_null(), "a grant of an unknown shape is null");
}

#[wasm_bindgen_test]
async fn a_second_request_while_one_waits_is_refused_and_the_message_says_so() {
    let (base, spec) = today("");
    let first = challenge(&base).await;
    let refused = expect_error(create_challenge("Today Test".into(), opts(&base, &[])).await, "challenge_refused", Some(500));
    let message = get_str(&refused, "message");
    assert!(message.contains("still waiting in Anytype") && message.contains("3 minutes"), "{message}");
    assert!(message.contains("Deny") && message.contains("restart Anytype"), "{message}");
    // Deny: remembered for a caller with an Origin (a page), not for the anonymous one (Node).
    deny(&spec, &first).await;
    let has_origin = requests(&spec).await[0].clone();
    let after_deny = create_challenge("Today Test".into(), opts(&base, &[])).await;
    if get(&get(&has_origin, "headers"), "origin").is_string() {
        expect_error(after_deny, "challenge_refused", Some(500));
    } else {
        assert!(after_deny.is_ok(), "the anonymous caller is not blocked by a Deny: {after_deny:?}");
    }
}

#[wasm_bindgen_test]
async fn five_tries_per_request_then_even_the_right_code_is_refused() {
    let (base, spec) = today("");
    let id = challenge(&base).await;
    let code = approve(&spec, &id, "all", "readwrite").await;
    let wrong = format!("{:04}", (code.parse::<u32>().unwrap() + 1) % 10_000);
    for attempt in 1..=5 {
        let error =
            expect_error(create_api_key(id.clone().into(), wrong.clone().into(), opts(&base, &[])).await, "code_rejected", Some(500));
        assert!(get_str(&error, "message").contains("5 tries"), "attempt {attempt}");
    }
    expect_error(create_api_key(id.into(), code.into(), opts(&base, &[])).await, "code_rejected", Some(500));
}

#[wasm_bindgen_test]
async fn server_details_come_from_the_v2_envelope_too() {
    let (base, _) = today("status=500,v2envelope");
    let error =
        expect_error(create_api_key("67647f5ecda913e9a2e11b26".into(), "0427".into(), opts(&base, &[])).await, "code_rejected", Some(500));
    assert_eq!(get_str(&error, "serverCode"), "internal_server_error");
    assert_eq!(get_str(&error, "serverMessage"), "failed to authenticate user");
}

#[wasm_bindgen_test]
async fn the_gate_message_names_both_remedies() {
    let (base, _) = today("status=403");
    let error = expect_error(create_challenge("Today Test".into(), opts(&base, &[])).await, "origin_not_allowed", Some(403));
    let message = get_str(&error, "message");
    for remedy in ["declarativeNetRequest", "ANYTYPE_API_ALLOWED_ORIGINS", "ANYTYPE_API_ALLOWED_HOSTS"] {
        assert!(message.contains(remedy), "{remedy}: {message}");
    }
}

#[wasm_bindgen_test]
async fn check_anytype_probes_the_api_document_in_every_generation() {
    for mode in ["v0.47", "gate", "current"] {
        let (base, spec) = scope(&format!("mode={mode}"));
        let status = check_anytype(opts(&base, &[])).await.unwrap();
        assert_eq!(get(&status, "running"), JsValue::TRUE, "{mode}");
        let log = requests(&spec).await;
        assert_eq!(log.len(), 1, "{mode}");
        assert_eq!(get_str(&log[0], "method"), "GET");
        assert!(get_str(&log[0], "path").ends_with("/docs/openapi.json"), "{mode}: {:?}", get(&log[0], "path"));
        assert!(get(&get(&log[0], "headers"), "authorization").is_undefined(), "{mode}: no credentials");
    }
}
