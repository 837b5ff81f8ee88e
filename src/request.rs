//! The HTTP requests of each call, built as plain data: method, URL, headers and body.

use crate::options::Settings;
use crate::wire::{ApiKeyRequest, ChallengeRequest, RequestBody};

/// The four things this crate can ask Anytype.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `POST /v1/auth/challenges`: ask Anytype to show a pairing code.
    CreateChallenge,
    /// `POST /v1/auth/api_keys`: trade the challenge and its code for an API key.
    CreateApiKey,
    /// A cheap unauthenticated request: is anything answering at `baseUrl`?
    CheckAnytype,
    /// `GET /v2/auth/whoami?ids=full` with the key: does Anytype accept it, and what does it reach?
    VerifyApiKey,
    /// `GET /v1/spaces?limit=1` with the key, where `whoami` could not say: an Anytype without
    /// `/v2`, or a key `/v2` refuses.
    VerifyOnV1,
}

/// The HTTP method of a [`Call`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// Path of the challenge route.
pub const CHALLENGES_PATH: &str = "/v1/auth/challenges";
/// Path of the API-key route.
pub const API_KEYS_PATH: &str = "/v1/auth/api_keys";
/// Path and query of the key check on today's Anytype: 200 for every key it accepts, with what
/// the key reaches (full space ids).
pub const WHOAMI_PATH: &str = "/v2/auth/whoami?ids=full";
/// Path and query of the key check where there is no `/v2`: the cheapest authenticated `/v1`
/// call, with no rate limit.
pub const VERIFY_PATH: &str = "/v1/spaces?limit=1";
/// Path of the liveness probe: the API's own description, which every Anytype since v0.41 serves
/// with 200 and no authentication, and no origin gate refuses for a request without `Origin`. Its
/// body is never read.
pub const CHECK_PATH: &str = "/docs/openapi.json";

/// Name of the JSON body's media-type header.
pub const CONTENT_TYPE: &str = "Content-Type";
/// Name of the API-version header every request carries.
pub const ANYTYPE_VERSION: &str = "Anytype-Version";
/// Name of the header that carries the API key.
pub const AUTHORIZATION: &str = "Authorization";
/// The `Content-Type` of every request body.
pub const JSON_MEDIA_TYPE: &str = "application/json";

/// One request, ready for any HTTP client. `Debug` hides the `Authorization` value.
#[derive(Clone, PartialEq, Eq)]
pub struct Call {
    /// What this request is for; decides how the answer is read.
    pub operation: Operation,
    /// `GET` or `POST`.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// The body of a `POST`, sent as JSON.
    pub body: Option<RequestBody>,
    /// Value of the `Anytype-Version` header.
    pub api_version: String,
    /// Value of the `Authorization` header, if any.
    pub authorization: Option<String>,
    /// The secret this request carries (the code or the key), only so that anything the server
    /// echoes back can be scrubbed before it reaches an error.
    pub secret: Option<String>,
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("url", &self.url)
            .field("body", &self.body.as_ref().map(|_| "[redacted]"))
            .field("api_version", &self.api_version)
            .field("authorization", &self.authorization.as_ref().map(|_| "Bearer [redacted]"))
            .finish()
    }
}

impl Call {
    /// `POST /v1/auth/challenges` with `{"app_name": …}`; `app_name` must be checked already.
    pub fn create_challenge(settings: &Settings, app_name: &str) -> Call {
        let body = RequestBody::Challenge(ChallengeRequest { app_name: app_name.to_owned() });
        Call::post(settings, Operation::CreateChallenge, CHALLENGES_PATH, body, None)
    }

    /// `POST /v1/auth/api_keys` with `{"challenge_id": …, "code": …}` (both checked already).
    pub fn create_api_key(settings: &Settings, challenge_id: &str, code: &str) -> Call {
        let body = RequestBody::ApiKey(ApiKeyRequest { challenge_id: challenge_id.to_owned(), code: code.to_owned() });
        Call::post(settings, Operation::CreateApiKey, API_KEYS_PATH, body, Some(code.to_owned()))
    }

    /// The liveness probe (see [`CHECK_PATH`]).
    pub fn check_anytype(settings: &Settings) -> Call {
        Call::get(settings, Operation::CheckAnytype, CHECK_PATH, None)
    }

    /// `GET /v2/auth/whoami?ids=full` with `Authorization: Bearer <key>` (key checked already).
    pub fn verify_api_key(settings: &Settings, api_key: &str) -> Call {
        Call::get(settings, Operation::VerifyApiKey, WHOAMI_PATH, Some(api_key))
    }

    /// `GET /v1/spaces?limit=1` with `Authorization: Bearer <key>`: `verifyApiKey`'s second step.
    pub fn verify_on_v1(settings: &Settings, api_key: &str) -> Call {
        Call::get(settings, Operation::VerifyOnV1, VERIFY_PATH, Some(api_key))
    }

    /// Every header to send, in order.
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = Vec::with_capacity(3);
        if self.body.is_some() {
            headers.push((CONTENT_TYPE, JSON_MEDIA_TYPE));
        }
        headers.push((ANYTYPE_VERSION, self.api_version.as_str()));
        if let Some(auth) = &self.authorization {
            headers.push((AUTHORIZATION, auth.as_str()));
        }
        headers
    }

    fn post(settings: &Settings, operation: Operation, path: &str, body: RequestBody, secret: Option<String>) -> Call {
        Call {
            operation,
            method: Method::Post,
            url: settings.base_url.join(path),
            body: Some(body),
            api_version: settings.api_version.clone(),
            authorization: None,
            secret,
        }
    }

    fn get(settings: &Settings, operation: Operation, path: &str, api_key: Option<&str>) -> Call {
        Call {
            operation,
            method: Method::Get,
            url: settings.base_url.join(path),
            body: None,
            api_version: settings.api_version.clone(),
            authorization: api_key.map(|key| format!("Bearer {key}")),
            secret: api_key.map(str::to_owned),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn body_text(call: &Call) -> Option<String> {
        call.body.as_ref().map(|body| serde_json::to_string(body).unwrap())
    }

    #[test]
    fn create_challenge_request() {
        let call = Call::create_challenge(&Settings::default(), "Acme \"Clipper\"");
        assert_eq!(call.method, Method::Post);
        assert_eq!(call.url, "http://127.0.0.1:31009/v1/auth/challenges");
        assert_eq!(body_text(&call).as_deref(), Some(r#"{"app_name":"Acme \"Clipper\""}"#));
        assert_eq!(call.headers(), vec![("Content-Type", "application/json"), ("Anytype-Version", "2025-11-08")]);
    }

    #[test]
    fn create_api_key_request_keeps_the_code_as_a_string() {
        let call = Call::create_api_key(&Settings::default(), "67647f5ecda913e9a2e11b26", "0042");
        assert_eq!(call.url, "http://127.0.0.1:31009/v1/auth/api_keys");
        assert_eq!(body_text(&call).as_deref(), Some(r#"{"challenge_id":"67647f5ecda913e9a2e11b26","code":"0042"}"#));
        assert_eq!(call.secret.as_deref(), Some("0042"));
    }

    #[test]
    fn verify_request_sends_the_bearer_key_and_hides_it_in_debug() {
        let call = Call::verify_api_key(&Settings::default(), "k3y/ABC=");
        assert_eq!(call.method, Method::Get);
        assert_eq!(call.url, "http://127.0.0.1:31009/v2/auth/whoami?ids=full");
        let fallback = Call::verify_on_v1(&Settings::default(), "k3y/ABC=");
        assert_eq!(fallback.url, "http://127.0.0.1:31009/v1/spaces?limit=1");
        assert_eq!(fallback.headers(), call.headers());
        assert_eq!(call.body, None);
        assert_eq!(call.headers(), vec![("Anytype-Version", "2025-11-08"), ("Authorization", "Bearer k3y/ABC=")]);
        let debug = format!("{call:?}");
        assert!(!debug.contains("k3y"), "{debug}");
        let debug = format!("{:?}", Call::create_api_key(&Settings::default(), "id", "4321"));
        assert!(!debug.contains("4321"), "{debug}");
    }

    #[test]
    fn check_request_has_no_credentials() {
        let call = Call::check_anytype(&Settings::default());
        assert_eq!(call.method, Method::Get);
        assert_eq!(call.url, "http://127.0.0.1:31009/docs/openapi.json");
        assert_eq!(call.authorization, None);
        assert_eq!(call.secret, None);
    }
}
