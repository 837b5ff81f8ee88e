//! # anytype-auth
//!
//! Pair with the Anytype desktop app and get an API key for its local HTTP API, from a browser
//! extension, a web tool or Node, through WebAssembly.
//!
//! The crate has two layers:
//!
//! - an IO-free core, covered by plain `cargo test`: [`input`] checks arguments, [`options`]
//!   and [`base_url`] check options, [`request`] builds each HTTP request as data, [`response`]
//!   reads each answer into a result or an [`error::Error`] ([`key_status`] for `verifyApiKey`),
//!   [`wire`] holds the serde type of every JSON body on the wire, and [`limits`] what Anytype
//!   allows a pairing client;
//! - `wasm` (only on `wasm32`): the exported JS functions `createChallenge`, `createApiKey`,
//!   `checkAnytype` and `verifyApiKey`, which read JS arguments and send the core's requests
//!   with the platform's `fetch`. (`authHeaders` and `pair` are plain JS, in `js/plain-api.js`:
//!   one needs no IO, the other only calls the two pairing functions and the caller's callbacks.)
//!
//! ```
//! use anytype_auth::{options::Settings, request::Call, response::{classify, Body, Outcome}};
//!
//! let call = Call::create_challenge(&Settings::default(), "Acme Clipper");
//! assert_eq!(call.url, "http://127.0.0.1:31009/v1/auth/challenges");
//! assert_eq!(serde_json::to_string(&call.body).unwrap(), r#"{"app_name":"Acme Clipper"}"#);
//!
//! // On the host a body is its bytes (read with serde_json); in the wasm, what JSON.parse made.
//! let answer: &[u8] = br#"{"challenge_id":"67647f5ecda913e9a2e11b26"}"#;
//! match classify(&call, 201, Some("2025-11-08".into()), Body::Complete(answer)) {
//!     Ok(Outcome::Challenge(c)) => assert_eq!(c.challenge_id, "67647f5ecda913e9a2e11b26"),
//!     other => panic!("{other:?}"),
//! }
//! ```
#![warn(missing_docs)]

pub mod base_url;
pub mod error;
pub mod input;
pub mod key_status;
pub mod limits;
pub mod options;
mod redact;
pub mod request;
pub mod response;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
