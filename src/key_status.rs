//! What Anytype's answers say about a key: `verifyApiKey`'s result.
//!
//! `verifyApiKey` asks `GET /v2/auth/whoami` first: on today's Anytype it answers 200 for every
//! key it accepts, scoped or not, and says what the key reaches. Where it cannot say (an Anytype
//! without `/v2` answers 404; an old Limited key gets 403), a second request, `GET /v1/spaces`,
//! settles it. So a valid key costs one request on today's Anytype and at most two anywhere, and a
//! scoped key, which every `/v1` route refuses with 403, is never reported invalid.

use serde::Serialize;

use crate::wire::{Json, Permission, WhoamiAnswer, WhoamiGrant};

/// The `message` of 2026 Anytype's 401 for a key past its expiry.
pub const EXPIRED_MESSAGE: &str = "api key expired";
/// The `code` of 2026 Anytype's 403 on `/v1` for a key narrowed to some spaces or to read only.
pub const V1_REFUSES_SCOPED_CODE: &str = "v1_not_available_for_scoped_keys";

/// Why a key is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyProblem {
    /// Unknown, revoked or mistyped: pair again.
    Invalid,
    /// Past its expiry: pair again, or issue a new key in Settings → API Keys.
    Expired,
}

/// `verifyApiKey`'s result, as JS sees it:
/// `{ valid, reason, worksOnV1, worksOnV2, access, serverVersion }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyStatus {
    /// Anytype accepts this key.
    pub valid: bool,
    /// Why not, when `valid` is false; `None` when valid.
    pub reason: Option<KeyProblem>,
    /// `false`: a scoped key that every `/v1` route refuses; `None`: not known.
    pub works_on_v1: Option<bool>,
    /// `false`: e.g. an old Limited key; `None`: this Anytype has no `/v2`.
    pub works_on_v2: Option<bool>,
    /// What `GET /v2/auth/whoami` says the key reaches; `None` where there is no such answer.
    pub access: Option<KeyAccess>,
    /// The `Anytype-Version` response header of the last answer, if any.
    pub server_version: Option<String>,
}

/// What a key reaches, from `whoami`, as JS sees it:
/// `{ scoped, permission, allSpaces, spaces, expiresAt }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyAccess {
    /// `false`: a legacy key that reaches every space.
    pub scoped: bool,
    /// Read, or read and write; `None` for a legacy key.
    pub permission: Option<Permission>,
    /// Every space, including spaces created later; `None` when this Anytype does not say.
    pub all_spaces: Option<bool>,
    /// The spaces the key reaches, with full ids.
    pub spaces: Vec<SpaceAccess>,
    /// When the key stops working (RFC 3339); `None` when it never does.
    pub expires_at: Option<String>,
}

/// One space a key reaches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpaceAccess {
    /// The full space id.
    pub id: String,
    /// The space's name, if Anytype gives it.
    pub name: Option<String>,
    /// The key's permission there, if Anytype gives it.
    pub permission: Option<Permission>,
}

impl KeyStatus {
    /// A key Anytype refused with 401; `server_message` tells an expired key from an unknown one.
    pub fn refused(server_message: Option<&str>, server_version: Option<String>) -> KeyStatus {
        let reason = if server_message == Some(EXPIRED_MESSAGE) { KeyProblem::Expired } else { KeyProblem::Invalid };
        KeyStatus { valid: false, reason: Some(reason), works_on_v1: None, works_on_v2: None, access: None, server_version }
    }

    /// A key `whoami` accepted, with what its body says (an unreadable body gives `access: None`:
    /// the key stays valid whatever the body looks like).
    pub fn from_whoami<J: Json + ?Sized>(body: Option<&J>, server_version: Option<String>) -> KeyStatus {
        let access = body.and_then(|body| body.read::<WhoamiAnswer>()).and_then(access);
        let works_on_v1 = access.as_ref().and_then(works_on_v1);
        KeyStatus { valid: true, reason: None, works_on_v1, works_on_v2: Some(true), access, server_version }
    }

    /// A key `GET /v1/spaces` accepted (`works_on_v1`: false when it answered 403 for a scoped key),
    /// after `whoami` said `works_on_v2`.
    pub fn from_v1(works_on_v1: bool, works_on_v2: Option<bool>, server_version: Option<String>) -> KeyStatus {
        KeyStatus { valid: true, reason: None, works_on_v1: Some(works_on_v1), works_on_v2, access: None, server_version }
    }
}

/// `whoami`'s answer as [`KeyAccess`]; `None` without a `grant`.
fn access(answer: WhoamiAnswer) -> Option<KeyAccess> {
    let WhoamiGrant { scoped, permission, all_spaces, spaces } = answer.grant?;
    Some(KeyAccess {
        scoped,
        permission,
        all_spaces,
        spaces: spaces.into_iter().map(|s| SpaceAccess { id: s.id, name: s.name, permission: s.permission }).collect(),
        expires_at: answer.key.and_then(|key| key.expires_at),
    })
}

/// Whether `/v1` takes a key with this access: a legacy key, or a grant of all spaces with read
/// and write. `None` when Anytype does not say whether a read-and-write grant covers all spaces.
fn works_on_v1(access: &KeyAccess) -> Option<bool> {
    if !access.scoped {
        return Some(true);
    }
    match (access.all_spaces, access.permission) {
        (_, Some(Permission::Read)) | (Some(false), _) => Some(false),
        (Some(true), Some(Permission::Readwrite)) => Some(true),
        _ => None,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn whoami(body: &str) -> KeyStatus {
        KeyStatus::from_whoami(Some(body.as_bytes()), None)
    }

    #[test]
    fn a_legacy_key_works_everywhere() {
        let status = whoami(r#"{"key":{"expires_at":null},"grant":{"scoped":false,"permission":null,"spaces":[]},"scope":"jsonApi"}"#);
        assert_eq!((status.valid, status.works_on_v1, status.works_on_v2), (true, Some(true), Some(true)));
        let access = status.access.unwrap();
        assert!(!access.scoped && access.spaces.is_empty() && access.expires_at.is_none());
    }

    #[test]
    fn a_narrowed_key_is_valid_but_not_for_v1() {
        let body = r#"{"key":{"expires_at":"2027-01-01T00:00:00Z"},"grant":{"scoped":true,"permission":"read","all_spaces":false,
            "spaces":[{"id":"bafyreia","name":"Work","permission":"read"}]}}"#;
        let status = whoami(body);
        assert_eq!((status.valid, status.reason, status.works_on_v1), (true, None, Some(false)));
        let access = status.access.unwrap();
        assert_eq!(access.permission, Some(Permission::Read));
        assert_eq!(access.spaces[0].name.as_deref(), Some("Work"));
        assert_eq!(access.expires_at.as_deref(), Some("2027-01-01T00:00:00Z"));
    }

    #[test]
    fn both_whoami_spellings_are_read() {
        let camel = r#"{"key":{"expiresAt":"2027-01-01T00:00:00Z"},"keyStatus":"scoped","grant":{"scoped":true,"permission":"readwrite","allSpaces":true,"spaces":[]}}"#;
        let status = whoami(camel);
        assert_eq!(status.works_on_v1, Some(true));
        assert_eq!(status.access.as_ref().unwrap().all_spaces, Some(true));
        assert_eq!(status.access.unwrap().expires_at.as_deref(), Some("2027-01-01T00:00:00Z"));
    }

    #[test]
    fn a_grant_that_does_not_say_all_spaces_leaves_v1_unknown() {
        let status = whoami(r#"{"grant":{"scoped":true,"permission":"readwrite","spaces":[]}}"#);
        assert_eq!((status.works_on_v1, status.access.unwrap().all_spaces), (None, None));
    }

    #[test]
    fn an_unreadable_body_keeps_the_key_valid() {
        for body in ["", "[]", r#"{"grant":{"scoped":"yes"}}"#, r#"{"grant":{"scoped":true,"permission":"admin"}}"#] {
            let status = whoami(body);
            assert!(status.valid && status.access.is_none() && status.works_on_v1.is_none(), "{body}");
            assert_eq!(status.works_on_v2, Some(true));
        }
    }

    #[test]
    fn expiry_is_told_apart_from_an_unknown_key() {
        assert_eq!(KeyStatus::refused(Some(EXPIRED_MESSAGE), None).reason, Some(KeyProblem::Expired));
        assert_eq!(KeyStatus::refused(Some("invalid api key"), None).reason, Some(KeyProblem::Invalid));
        assert_eq!(KeyStatus::refused(None, None).reason, Some(KeyProblem::Invalid));
    }

    #[test]
    fn js_sees_camel_case_and_null() {
        let status = KeyStatus::from_v1(false, None, None);
        let json = serde_json::to_value(&status).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"valid":true,"reason":null,"worksOnV1":false,"worksOnV2":null,"access":null,"serverVersion":null})
        );
    }
}
