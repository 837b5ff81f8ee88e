//! The thin JS layer: reads JS arguments, sends the core's [`Call`](crate::request::Call)s with
//! the platform's `fetch`, and turns outcomes into JS objects and [`AnytypeError`]s.
//!
//! Built only for `wasm32`. Nothing here may panic: a panic poisons the wasm module for every
//! later call, so every JS operation that can throw goes through a `catch` binding, and serde
//! only ever reads values this layer made itself or that `JSON.parse` made.

mod api;
mod args;
mod js_error;
mod json;
mod transport;

pub use api::{check_anytype, create_api_key, create_challenge, verify_api_key};
pub use js_error::AnytypeError;
