//! The JSON shapes on the wire, one serde type each: the request bodies this crate sends and the
//! answers Anytype sends back. Field names are the API's own (snake_case), so no key is written
//! by hand anywhere else.
//!
//! The core never parses text itself. A body arrives as something that implements [`Json`]: on
//! the host, the raw bytes, read with serde_json; in the wasm, the value the platform's
//! `JSON.parse` made, read with serde-wasm-bindgen. Both yield the same types.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The body of `POST /v1/auth/challenges`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChallengeRequest {
    /// The name Anytype shows for the app asking for access.
    pub app_name: String,
}

/// The body of `POST /v1/auth/api_keys`. `Debug` hides the code.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct ApiKeyRequest {
    /// The id `createChallenge` returned.
    pub challenge_id: String,
    /// The 4 digits Anytype shows, as a string (`"0042"` keeps its zeros).
    pub code: String,
}

impl std::fmt::Debug for ApiKeyRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKeyRequest").field("challenge_id", &self.challenge_id).field("code", &"[redacted]").finish()
    }
}

/// A request body: serialized as the inner object, with no tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RequestBody {
    /// For `createChallenge`.
    Challenge(ChallengeRequest),
    /// For `createApiKey`.
    ApiKey(ApiKeyRequest),
}

/// The 201 answer of `POST /v1/auth/challenges`. Other fields are ignored.
#[derive(Deserialize)]
pub struct ChallengeAnswer {
    /// The id of the new challenge.
    pub challenge_id: String,
}

/// The 201 answer of `POST /v1/auth/api_keys`, as far as the key goes. Anything else in the
/// answer is read on its own, so that no other field can cost the caller the key.
#[derive(Deserialize)]
pub struct ApiKeyAnswer {
    /// The new key.
    pub api_key: String,
}

/// What a key may do in the spaces it reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Permission {
    /// Read only.
    Read,
    /// Read and write.
    Readwrite,
}

/// The `grant` of a key in the `api_keys` answer of 2026 Anytype:
/// `{"all_spaces":bool,"space_ids":[…],"permission":"read"|"readwrite"}`. As JS sees it:
/// `{ allSpaces, spaceIds, permission }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(serialize = "camelCase"))]
pub struct Grant {
    /// Every space, including spaces created later.
    pub all_spaces: bool,
    /// The spaces granted (empty with `all_spaces`).
    pub space_ids: Vec<String>,
    /// Read, or read and write.
    pub permission: Permission,
}

/// The `grant` field of the `api_keys` answer, read on its own: absent and `null` are both `None`.
#[derive(Deserialize)]
pub struct GrantAnswer {
    /// The key's grant, if the answer has one.
    pub grant: Option<Grant>,
}

/// The 200 answer of `GET /v2/auth/whoami`. Two spellings exist (snake_case in newer builds,
/// camelCase in older ones); both are read. Everything is optional: a key Anytype accepted stays
/// valid whatever this body looks like.
#[derive(Deserialize)]
pub struct WhoamiAnswer {
    /// The key itself: `{id,name,created_at|createdAt,expires_at|expiresAt}`.
    pub key: Option<WhoamiKey>,
    /// What the key reaches: `{scoped,permission,all_spaces|allSpaces,spaces:[…]}`.
    pub grant: Option<WhoamiGrant>,
}

/// `whoami`'s `key`.
#[derive(Deserialize)]
pub struct WhoamiKey {
    /// When the key stops working (RFC 3339), or `null` when it never does.
    #[serde(alias = "expiresAt")]
    pub expires_at: Option<String>,
}

/// `whoami`'s `grant`. A legacy key: `{"scoped":false,"permission":null,"spaces":[]}`.
#[derive(Deserialize)]
pub struct WhoamiGrant {
    /// `false` for a legacy key that reaches every space.
    pub scoped: bool,
    /// The key's permission; `null` for a legacy key.
    pub permission: Option<Permission>,
    /// Every space, including later ones; only builds with the space picker say.
    #[serde(alias = "allSpaces")]
    pub all_spaces: Option<bool>,
    /// The spaces the key reaches (full ids when asked with `?ids=full`).
    #[serde(default)]
    pub spaces: Vec<WhoamiSpace>,
}

/// One space of `whoami`'s `grant`.
#[derive(Deserialize)]
pub struct WhoamiSpace {
    /// The space id.
    pub id: String,
    /// The space's name.
    pub name: Option<String>,
    /// The key's permission in this space.
    pub permission: Option<Permission>,
}

/// Anytype's error envelopes: `{"object":"error","status":…,"code":…,"message":…}`, and the `/v2`
/// one, `{"status":…,"code":…,"message":…,"issues":[…]}`, which has no `object`. Every field is
/// optional here; [`crate::classify`] decides what counts as an envelope.
#[derive(Deserialize)]
pub struct ErrorEnvelope {
    /// `"error"` in the first envelope; absent in the `/v2` one.
    pub object: Option<String>,
    /// A machine-readable code, such as `internal_server_error`.
    pub code: Option<String>,
    /// Heart's error text, such as `failed to authenticate user`.
    pub message: Option<String>,
}

/// A response body that a JSON parser has read (or failed to read), from which any wire type
/// can be taken.
pub trait Json {
    /// The body as a `T`, or `None` when it is not JSON or not of `T`'s shape.
    fn read<T: DeserializeOwned>(&self) -> Option<T>;
}

/// On the host, a body is its bytes, read with serde_json (the core's tests, the fuzz targets).
/// Only a JSON object is read as an answer: serde's derived structs would also take an array
/// positionally (`["abc"]` as `{"challenge_id":"abc"}`), which the wasm's `JSON.parse` and
/// serde-wasm-bindgen never do (a fuzz finding, `fuzz/corpus/wire/regression-array-as-struct`).
#[cfg(not(target_arch = "wasm32"))]
impl Json for [u8] {
    fn read<T: DeserializeOwned>(&self) -> Option<T> {
        match serde_json::from_slice(self).ok()? {
            object @ serde_json::Value::Object(_) => serde_json::from_value(object).ok(),
            _ => None,
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn request_bodies_have_the_api_field_names_in_order() {
        let challenge = RequestBody::Challenge(ChallengeRequest { app_name: "Acme \"Clipper\"".into() });
        assert_eq!(serde_json::to_string(&challenge).unwrap(), r#"{"app_name":"Acme \"Clipper\""}"#);
        let key = RequestBody::ApiKey(ApiKeyRequest { challenge_id: "abc".into(), code: "0042".into() });
        assert_eq!(serde_json::to_string(&key).unwrap(), r#"{"challenge_id":"abc","code":"0042"}"#);
        assert!(!format!("{key:?}").contains("0042"));
    }

    #[test]
    fn answers_ignore_other_fields_and_refuse_other_shapes() {
        let body: &[u8] = br#"{"challenge_id":"abc","x":[1,{"y":null}]}"#;
        assert_eq!(body.read::<ChallengeAnswer>().map(|a| a.challenge_id).as_deref(), Some("abc"));
        for bad in [&b"[]"[..], b"[\"abc\"]", b"null", b"{\"challenge_id\":7}", b"{}", b"not json", b""] {
            assert!(bad.read::<ChallengeAnswer>().is_none(), "{}", String::from_utf8_lossy(bad));
        }
        let envelope: &[u8] = br#"{"object":"error","status":500,"code":"c","message":"m"}"#;
        let read = envelope.read::<ErrorEnvelope>().unwrap();
        assert_eq!((read.object.as_deref(), read.code.as_deref(), read.message.as_deref()), (Some("error"), Some("c"), Some("m")));
    }
}
