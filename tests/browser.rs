//! The JS contract, run by wasm-bindgen-test in headless Chromium (`make test-browser`) and in
//! headless Firefox (`make test-firefox`) against the stand-in Anytype (started with `--cors`,
//! because the test page is served from another loopback port).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod contract;
