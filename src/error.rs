//! The error model: one [`Error`] type whose [`ErrorKind`] says what went wrong.
//!
//! Messages are written for the person who reads them: each says what happened and what to do.
//! They are built only from static text, the HTTP status and the base URL, never from a value the
//! caller passed, so an API key or a pairing code can never end up in one. Text that comes from
//! the server ([`Error::server_message`]) is cut to a bounded length and has the call's secrets
//! removed before it is stored (see [`crate::redact`]). The sentences themselves are in
//! [`crate::messages`].

use std::borrow::Cow;
use std::fmt;

/// What kind of failure an [`Error`] is. The JS side sees [`ErrorKind::as_str`] as `error.kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// An argument or option is wrong; no request was sent.
    InvalidInput,
    /// The WebAssembly module could not be loaded, so nothing was sent: a Content-Security-Policy
    /// without `'wasm-unsafe-eval'`, the `.wasm` file missing next to a bundle (or not readable,
    /// e.g. Deno without `--allow-read`), a file that is not this version's wasm, or a runtime
    /// without `WebAssembly`. Never made here or in `src/wasm/`: the JS entry that failed to load
    /// the wasm makes it, with the message of `wasmUnavailable` in `js/wasm-unavailable.js`.
    WasmUnavailable,
    /// No HTTP response: Anytype is not running or not logged in, the port is wrong, the
    /// browser blocked the request, or the server answered with a redirect (never followed).
    Unreachable,
    /// No complete response (headers and body) arrived within `timeoutMs`.
    Timeout,
    /// The caller's `AbortSignal` fired, before or during the request.
    Aborted,
    /// HTTP 403 `request origin is not allowed`: newer Anytype refuses non-loopback origins.
    OriginNotAllowed,
    /// HTTP 500 from `/v1/auth/api_keys`: wrong code, or an unknown, used or expired challenge.
    CodeRejected,
    /// HTTP 500 from `/v1/auth/challenges`: too many challenges this run, or pairing denied.
    ChallengeRefused,
    /// HTTP 401 from any call but `verifyApiKey`.
    Unauthorized,
    /// HTTP 429.
    RateLimited,
    /// HTTP 404 on an auth route: an Anytype too old for this flow, or another program.
    NotSupported,
    /// Any other HTTP 4xx.
    BadRequest,
    /// Any other HTTP 5xx.
    ServerError,
    /// A success status whose body is not what the API promises.
    InvalidResponse,
}

impl ErrorKind {
    /// Every kind, in the order of the documentation table: `ERROR_KINDS` in JS, the union
    /// `AnytypeErrorKind` and the docs' table are generated from it (`xtask/`).
    pub const ALL: [ErrorKind; 14] = [
        ErrorKind::InvalidInput,
        ErrorKind::WasmUnavailable,
        ErrorKind::Unreachable,
        ErrorKind::Timeout,
        ErrorKind::Aborted,
        ErrorKind::OriginNotAllowed,
        ErrorKind::CodeRejected,
        ErrorKind::ChallengeRefused,
        ErrorKind::Unauthorized,
        ErrorKind::RateLimited,
        ErrorKind::NotSupported,
        ErrorKind::BadRequest,
        ErrorKind::ServerError,
        ErrorKind::InvalidResponse,
    ];

    /// The snake_case name JS callers compare against (`err.kind === "code_rejected"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::WasmUnavailable => "wasm_unavailable",
            ErrorKind::Unreachable => "unreachable",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::OriginNotAllowed => "origin_not_allowed",
            ErrorKind::CodeRejected => "code_rejected",
            ErrorKind::ChallengeRefused => "challenge_refused",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::NotSupported => "not_supported",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::ServerError => "server_error",
            ErrorKind::InvalidResponse => "invalid_response",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed call: its kind, a message for people, and what the server said, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: Cow<'static, str>,
    status: Option<u16>,
    server_code: Option<String>,
    server_message: Option<String>,
}

impl Error {
    /// An error of `kind` with a message and no HTTP details.
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Error { kind, message: message.into(), status: None, server_code: None, server_message: None }
    }

    /// An `invalid_input` error; `message` names the argument and the rule it breaks.
    pub fn invalid_input(message: impl Into<Cow<'static, str>>) -> Self {
        Error::new(ErrorKind::InvalidInput, message)
    }

    /// Adds the HTTP status of the response that caused this error.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Adds the `code` and `message` of the server's error envelope.
    pub fn with_server_details(mut self, code: Option<String>, message: Option<String>) -> Self {
        self.server_code = code;
        self.server_message = message;
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// A message that says what happened and what to do. Never contains a key or a code.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status, or `None` when no response arrived.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// `code` from the server's `{"object":"error",…}` envelope, e.g. `internal_server_error`.
    pub fn server_code(&self) -> Option<&str> {
        self.server_code.as_deref()
    }

    /// `message` from the server's envelope, e.g. `failed to authenticate user` (bounded, redacted).
    pub fn server_message(&self) -> Option<&str> {
        self.server_message.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_unique_snake_case() {
        let names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{name}");
            assert!(!names[i + 1..].contains(name), "duplicate {name}");
        }
        assert_eq!(names.len(), 14);
    }

    #[test]
    fn builder_keeps_every_field() {
        let e = Error::new(ErrorKind::CodeRejected, "nope")
            .with_status(500)
            .with_server_details(Some("internal_server_error".into()), Some("failed".into()));
        assert_eq!(e.kind(), ErrorKind::CodeRejected);
        assert_eq!(e.status(), Some(500));
        assert_eq!(e.server_code(), Some("internal_server_error"));
        assert_eq!(e.server_message(), Some("failed"));
        assert_eq!(e.to_string(), "nope");
    }
}
