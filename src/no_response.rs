//! The outcome of a call that got no complete response: a network failure, a permission the
//! runtime refused, a body cut off, a redirect, the timeout or the caller's signal.

use crate::base_url::BaseUrl;
use crate::error::{Error, ErrorKind};
use crate::messages;
use crate::outcome::{AnytypeStatus, Outcome};
use crate::request::{Call, Operation};

/// The `name`s of the errors a runtime's `fetch` rejects with when the runtime itself refuses
/// the request for want of a permission: Deno without `--allow-net` for the host (`NotCapable`
/// since Deno 2, `PermissionDenied` before).
pub const PERMISSION_ERROR_NAMES: [&str; 2] = ["NotCapable", "PermissionDenied"];

/// Why no (complete) response arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoResponse {
    /// The request failed at the network level, or the browser refused it.
    Network,
    /// The runtime refused to send the request: it lacks the permission (Deno without
    /// `--allow-net`). Nothing left the program, so no Anytype state can be concluded from it.
    NotPermitted,
    /// The connection broke while the body was being read (after the status arrived).
    BodyCut {
        /// The status that had arrived.
        status: u16,
    },
    /// The answer was a redirect, which this crate never follows.
    Redirect {
        /// The 3xx status, when the runtime reports it.
        status: Option<u16>,
    },
    /// `timeoutMs` passed.
    Timeout,
    /// The caller's signal fired.
    Aborted,
}

/// What a rejected or throwing `fetch` means, from the `name` of what it threw (`None` when that
/// was not an object with a string `name`): [`NoResponse::NotPermitted`] for one of
/// [`PERMISSION_ERROR_NAMES`], else [`NoResponse::Network`].
pub fn fetch_failure(error_name: Option<&str>) -> NoResponse {
    match error_name {
        Some(name) if PERMISSION_ERROR_NAMES.contains(&name) => NoResponse::NotPermitted,
        _ => NoResponse::Network,
    }
}

/// The outcome of `call` when no complete response came. `checkAnytype` reports
/// `running: false` for a network failure, a redirect or a timeout; a refused permission is an
/// error for it too, since it says nothing of whether Anytype runs.
pub fn no_response(call: &Call, base_url: &BaseUrl, why: NoResponse) -> Result<Outcome, Error> {
    if call.operation == Operation::CheckAnytype && !matches!(why, NoResponse::Aborted | NoResponse::NotPermitted) {
        return Ok(Outcome::Status(AnytypeStatus { running: false, server_version: None }));
    }
    Err(match why {
        NoResponse::Network => Error::new(ErrorKind::Unreachable, messages::unreachable(base_url.as_str())),
        NoResponse::NotPermitted => Error::new(ErrorKind::Unreachable, messages::deno_net(base_url.as_str(), base_url.host())),
        NoResponse::BodyCut { status } => Error::new(ErrorKind::Unreachable, messages::BODY_CUT).with_status(status),
        NoResponse::Redirect { status } => redirect_error(status),
        NoResponse::Timeout => Error::new(ErrorKind::Timeout, messages::TIMEOUT),
        NoResponse::Aborted => Error::new(ErrorKind::Aborted, messages::ABORTED),
    })
}

/// `unreachable` for a redirect (never followed), with its 3xx status when the runtime gives it.
pub(crate) fn redirect_error(status: Option<u16>) -> Error {
    let error = Error::new(ErrorKind::Unreachable, messages::REDIRECT);
    match status {
        Some(status) => error.with_status(status),
        None => error,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::options::Settings;

    fn call(operation: Operation) -> Call {
        let s = Settings::default();
        match operation {
            Operation::CreateChallenge => Call::create_challenge(&s, "app"),
            Operation::CreateApiKey => Call::create_api_key(&s, "67647f5ecda913e9a2e11b26", "0042"),
            Operation::CheckAnytype => Call::check_anytype(&s),
            Operation::VerifyApiKey => Call::verify_api_key(&s, "S3CRETKEY"),
            Operation::VerifyOnV1 => Call::verify_on_v1(&s, "S3CRETKEY"),
        }
    }

    #[test]
    fn no_response_kinds() {
        let base = BaseUrl::default_url();
        let c = call(Operation::CreateChallenge);
        let kind = |why| no_response(&c, &base, why).unwrap_err().kind();
        assert_eq!(kind(NoResponse::Network), ErrorKind::Unreachable);
        assert_eq!(kind(NoResponse::BodyCut { status: 201 }), ErrorKind::Unreachable);
        assert_eq!(kind(NoResponse::Redirect { status: None }), ErrorKind::Unreachable);
        assert_eq!(kind(NoResponse::Timeout), ErrorKind::Timeout);
        assert_eq!(kind(NoResponse::Aborted), ErrorKind::Aborted);
        assert!(no_response(&c, &base, NoResponse::Network).unwrap_err().message().contains("http://127.0.0.1:31009"));
    }

    #[test]
    fn check_anytype_reports_not_running_except_on_abort_or_refused_permission() {
        let base = BaseUrl::default_url();
        let c = call(Operation::CheckAnytype);
        for why in [NoResponse::Network, NoResponse::Timeout, NoResponse::Redirect { status: None }] {
            assert_eq!(no_response(&c, &base, why), Ok(Outcome::Status(AnytypeStatus { running: false, server_version: None })));
        }
        assert_eq!(no_response(&c, &base, NoResponse::Aborted).unwrap_err().kind(), ErrorKind::Aborted);
        assert_eq!(no_response(&c, &base, NoResponse::NotPermitted).unwrap_err().kind(), ErrorKind::Unreachable);
    }

    #[test]
    fn a_refused_permission_is_told_apart_by_the_error_name() {
        assert_eq!(fetch_failure(Some("NotCapable")), NoResponse::NotPermitted);
        assert_eq!(fetch_failure(Some("PermissionDenied")), NoResponse::NotPermitted);
        for other in [Some("TypeError"), Some("AbortError"), Some("notcapable"), Some(""), None] {
            assert_eq!(fetch_failure(other), NoResponse::Network, "{other:?}");
        }
    }

    #[test]
    fn a_refused_permission_names_deno_and_allow_net_for_the_host() {
        let cases = [
            ("http://127.0.0.1:31009", "--allow-net=127.0.0.1 "),
            ("http://localhost:31012/prefix", "--allow-net=localhost "),
            ("http://[::1]:31009", "--allow-net=[::1] "),
            ("https://anytype.example", "--allow-net=anytype.example "),
        ];
        for (raw, flag) in cases {
            let base = BaseUrl::parse(raw, false).unwrap();
            for operation in [Operation::CreateChallenge, Operation::CreateApiKey, Operation::CheckAnytype, Operation::VerifyApiKey] {
                let error = no_response(&call(operation), &base, NoResponse::NotPermitted).unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Unreachable);
                assert_eq!(error.status(), None);
                let message = error.message();
                assert!(message.starts_with("Deno refused this program network access to "), "{message}");
                assert!(message.contains(base.as_str()), "{message}");
                assert!(message.contains(flag), "{message} lacks {flag:?}");
                assert_ne!(message, no_response(&call(Operation::CreateChallenge), &base, NoResponse::Network).unwrap_err().message());
            }
        }
    }
}
