//! What Anytype allows a pairing client: the lifetimes and caps of a pairing request, written once
//! for the messages, `pair()` and the docs. Anytype of 2026 enforces all of them; heart v0.47
//! only the challenge cap of its run ([`CHALLENGES_PER_RUN_V047`]).

/// Seconds an unanswered request waits in Anytype's approval window before it lapses.
pub const PENDING_SECONDS: u32 = 180;
/// Minutes a code stays valid after the person pressed Allow.
pub const CODE_MINUTES: u32 = 5;
/// Tries per challenge: the next one is refused even with the right code.
pub const TRIES_PER_CHALLENGE: u32 = 5;
/// Wrong codes in one run of Anytype after which pairing is locked until it restarts.
pub const WRONG_CODES_LOCK: u32 = 20;
/// Pairing requests per run of Anytype (2026).
pub const REQUESTS_PER_RUN: u32 = 30;
/// Pairing requests per caller (one `Origin`, or one app) per run (2026).
pub const REQUESTS_PER_CALLER: u32 = 10;
/// Challenges per run of heart v0.47, which shows the code at once.
pub const CHALLENGES_PER_RUN_V047: u32 = 50;
/// Seconds heart v0.47's code window stays open (the code itself stays valid after it closes).
pub const CODE_SECONDS_V047: u32 = 30;
