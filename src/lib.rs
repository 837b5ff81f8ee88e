//! # anytype-auth
//!
//! Pair with the Anytype desktop app and get an API key for its local HTTP API, from a browser
//! extension, a web tool or Node, through WebAssembly.
//!
//! The crate has two layers:
//!
//! - an IO-free core, covered by plain `cargo test`: `input` checks arguments, `options` and
//!   `base_url` check options, `request` builds each HTTP request as data, `classify` reads each
//!   answer into the next step (a result of `outcome`, an [`error::Error`], or a follow-up
//!   request), `no_response` does the same when no answer came, `key_status` says what a key
//!   reaches, `wire` holds the serde type of every JSON body, `limits` what Anytype allows a
//!   pairing client, `messages` every sentence a person reads and `facts` what the JS side and the
//!   docs are generated from (`xtask/`);
//! - [`wasm`] (only on `wasm32`): the exported JS functions `createChallenge`, `createApiKey`,
//!   `checkAnytype` and `verifyApiKey`, which read JS arguments and run the core's steps with the
//!   platform's `fetch`. (`authHeaders` and `pair` are plain JS, in `js/plain-api.js`, fed by the
//!   generated `js/facts.js`.)
//!
//! The public API is [`error`] and [`wasm`]; `internal` (hidden) opens the core to the tests, the
//! fuzz targets and the generator.
//!
//! ```
//! use anytype_auth::internal::classify::{classify, Body, Next, Step};
//! use anytype_auth::internal::{options::Settings, outcome::Outcome};
//!
//! let step = Step::create_challenge(&Settings::default(), "Acme Clipper");
//! assert_eq!(step.call.url, "http://127.0.0.1:31009/v1/auth/challenges");
//! assert_eq!(serde_json::to_string(&step.call.body).unwrap(), r#"{"app_name":"Acme Clipper"}"#);
//!
//! // On the host a body is its bytes (read with serde_json); in the wasm, what JSON.parse made.
//! let answer: &[u8] = br#"{"challenge_id":"67647f5ecda913e9a2e11b26"}"#;
//! match classify(step, 201, Some("2025-11-08".into()), Body::Complete(answer)) {
//!     Next::Done(Outcome::Challenge(c)) => assert_eq!(c.challenge_id, "67647f5ecda913e9a2e11b26"),
//!     other => panic!("{other:?}"),
//! }
//! ```
#![warn(missing_docs)]

pub(crate) mod base_url;
pub(crate) mod classify;
pub mod error;
pub(crate) mod facts;
pub(crate) mod input;
pub(crate) mod key_status;
pub(crate) mod limits;
pub(crate) mod messages;
pub(crate) mod no_response;
pub(crate) mod options;
pub(crate) mod outcome;
pub(crate) mod redact;
pub(crate) mod request;
pub(crate) mod test_steps;
pub(crate) mod wire;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The core's modules, for the tests, the fuzz targets and the facts generator (`xtask/`). Not
/// part of the API.
#[doc(hidden)]
pub mod internal {
    #![allow(missing_docs)]
    pub mod base_url {
        pub use crate::base_url::*;
    }
    pub mod classify {
        pub use crate::classify::*;
    }
    pub mod facts {
        pub use crate::facts::*;
    }
    pub mod input {
        pub use crate::input::*;
    }
    pub mod key_status {
        pub use crate::key_status::*;
    }
    pub mod limits {
        pub use crate::limits::*;
    }
    pub mod messages {
        pub use crate::messages::*;
    }
    pub mod no_response {
        pub use crate::no_response::*;
    }
    pub mod options {
        pub use crate::options::*;
    }
    pub mod outcome {
        pub use crate::outcome::*;
    }
    pub mod redact {
        pub use crate::redact::*;
    }
    pub mod request {
        pub use crate::request::*;
    }
    pub mod test_steps {
        pub use crate::test_steps::*;
    }
    pub mod wire {
        pub use crate::wire::*;
    }
}
