//! The results JS sees, one per call: each serializes as its JS object (camelCase keys).

use serde::Serialize;

use crate::key_status::KeyStatus;
use crate::wire::Grant;

/// `createChallenge`'s result, as JS sees it: `{ challengeId, serverVersion }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Challenge {
    /// The id to pass to `createApiKey` with the code Anytype shows.
    pub challenge_id: String,
    /// The `Anytype-Version` response header, if any.
    pub server_version: Option<String>,
}

/// `createApiKey`'s result, as JS sees it: `{ apiKey, grant, serverVersion }`. `Debug` hides the key.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    /// The key, for `Authorization: Bearer <apiKey>`.
    pub api_key: String,
    /// What the person granted in Anytype's approval window (2026); `None` when the answer has no
    /// grant, or one of a shape this crate does not know (the key is kept either way).
    pub grant: Option<Grant>,
    /// The `Anytype-Version` response header, if any.
    pub server_version: Option<String>,
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKey")
            .field("api_key", &"[redacted]")
            .field("grant", &self.grant)
            .field("server_version", &self.server_version)
            .finish()
    }
}

/// `checkAnytype`'s result, as JS sees it: `{ running, serverVersion }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnytypeStatus {
    /// Whether anything answered over HTTP at `baseUrl`.
    pub running: bool,
    /// The `Anytype-Version` response header, if any.
    pub server_version: Option<String>,
}

/// What a call yields when it succeeds: exactly what JS sees. It serializes as the variant's
/// result object, with no tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    /// `createChallenge`'s.
    Challenge(Challenge),
    /// `createApiKey`'s.
    ApiKey(ApiKey),
    /// `checkAnytype`'s.
    Status(AnytypeStatus),
    /// `verifyApiKey`'s.
    Key(KeyStatus),
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn api_key_debug_hides_the_key() {
        let key = ApiKey { api_key: "zhSG/zQRmgADyilWPtgdnfo1qD60oK02/SVgi1GaFt6=".into(), grant: None, server_version: None };
        assert!(!format!("{key:?}").contains("zhSG"));
    }
}
