//! The JS contract, run by wasm-bindgen-test in Node against the stand-in Anytype.
#![cfg(target_arch = "wasm32")]

mod contract;
