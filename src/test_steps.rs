//! The steps of the calls, named, for the tests and the fuzz targets (`internal::test_steps`):
//! what they pick a [`Step`] by, and how they build it. Not used by the package itself.

use crate::classify::Step;
use crate::options::Settings;

/// A challenge id of the format Anytype issues.
pub const CHALLENGE_ID: &str = "67647f5ecda913e9a2e11b26";

/// Each step an answer can be read for; `OnV1(w)` is `verifyApiKey`'s second step after `whoami`
/// said `w` of `/v2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// `createChallenge`.
    CreateChallenge,
    /// `createApiKey`.
    CreateApiKey,
    /// `checkAnytype`.
    CheckAnytype,
    /// `verifyApiKey`'s first step, `whoami`.
    VerifyApiKey,
    /// `verifyApiKey`'s `/v1` check, after `whoami` said this of `/v2`.
    OnV1(Option<bool>),
}

impl StepKind {
    /// The step of this kind with default settings: `createApiKey` trades [`CHALLENGE_ID`] and
    /// `code`, the key checks send `api_key`; both must be valid.
    pub fn step(self, code: &str, api_key: &str) -> Step {
        let settings = Settings::default();
        match self {
            StepKind::CreateChallenge => Step::create_challenge(&settings, "app"),
            StepKind::CreateApiKey => Step::create_api_key(&settings, CHALLENGE_ID, code),
            StepKind::CheckAnytype => Step::check_anytype(&settings),
            StepKind::VerifyApiKey => Step::verify_api_key(&settings, api_key),
            StepKind::OnV1(works_on_v2) => Step::verify_on_v1(&settings, api_key, works_on_v2),
        }
    }
}
