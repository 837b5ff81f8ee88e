/**
 * anytype-auth: pair with the Anytype desktop app and get an API key for its local HTTP API.
 * One package for Node (`import` and `require`), bundlers, plain pages, MV3 service workers and
 * extension pages. No init call is needed.
 *
 * @example
 * import { pair, authHeaders } from "anytype-auth";
 * const { apiKey } = await pair({
 *   appName: "Acme Clipper (Chrome)",
 *   getCode: () => prompt("Type the 4-digit code Anytype shows") ?? Promise.reject(new Error("cancelled")),
 * });
 * const spaces = await fetch("http://127.0.0.1:31009/v1/spaces", { headers: authHeaders(apiKey) });
 */

/**
 * Options every network call accepts. Unknown keys are refused (`invalid_input`); an option set
 * to `undefined` counts as absent.
 *
 * @example
 * const options: Options = { baseUrl: "http://127.0.0.1:31012", timeoutMs: 5000 };
 */
export interface Options {
  // <generated:options>
  // Generated from the Rust core (src/facts.rs, src/messages.rs) by `cargo run -p xtask`; do not edit.
  /** Where Anytype's local API is (anytype-cli serves it on port 31012). Default `"http://127.0.0.1:31009"`. Accepts an absolute `http:` or `https:` URL of at most 2048 bytes, without credentials, query or fragment (a path prefix is kept, trailing slashes are dropped); plain `http:` only to `localhost`, `127.0.0.0/8` or `[::1]` unless `allowInsecureRemote`. */
  baseUrl?: string | undefined;
  /** Sent as the `Anytype-Version` header. Default `"2025-11-08"`. Accepts 1 to 32 printable ASCII characters. */
  apiVersion?: string | undefined;
  /** Milliseconds for each request, headers and body (in `pair`, not the wait for the person). Default `10000`. Accepts an integer from 0 (no timeout) to 600000. */
  timeoutMs?: number | undefined;
  /** Cancels the call (kind `aborted`); an already-aborted signal sends nothing. Accepts an `AbortSignal`. */
  signal?: AbortSignal | undefined;
  /** Allows plain `http:` to a host that is not loopback (the key then crosses the network in clear). Default `false`. Accepts `true` or `false`. */
  allowInsecureRemote?: boolean | undefined;
  // </generated:options>
}

// <generated:facts>
// Generated from the Rust core (src/facts.rs, src/messages.rs) by `cargo run -p xtask`; do not edit.

/**
 * Every `AnytypeError` kind, in the order of the docs' table.
 * @example for (const kind of ERROR_KINDS) console.log(kind);
 */
export declare const ERROR_KINDS: readonly ["invalid_input", "wasm_unavailable", "unreachable", "timeout", "aborted", "origin_not_allowed", "code_rejected", "challenge_refused", "unauthorized", "rate_limited", "not_supported", "bad_request", "server_error", "invalid_response"];

/**
 * What Anytype allows a pairing client (lifetimes and caps), and the input caps of this package.
 * @example const minutes = LIMITS.codeMinutes; // how long a code stays valid after Allow
 */
export declare const LIMITS: {
  readonly pendingSeconds: 180;
  readonly codeMinutes: 5;
  readonly codeSecondsV047: 30;
  readonly triesPerChallenge: 5;
  readonly wrongCodesLock: 20;
  readonly requestsPerRun: 30;
  readonly requestsPerCaller: 10;
  readonly challengesPerRunV047: 50;
  readonly codeDigits: 4;
  readonly appNameMaxChars: 200;
  readonly challengeIdMaxLength: 128;
  readonly apiKeyMaxLength: 1024;
  readonly apiVersionMaxLength: 32;
  readonly baseUrlMaxLength: 2048;
  readonly timeoutMaxMs: 600000;
  readonly maxAttemptsMax: 5;
};

/**
 * The value of each option left out.
 * @example const address = DEFAULTS.baseUrl; // Anytype desktop's local API
 */
export declare const DEFAULTS: {
  readonly baseUrl: "http://127.0.0.1:31009";
  readonly apiVersion: "2025-11-08";
  readonly timeoutMs: 10000;
  readonly allowInsecureRemote: false;
  readonly maxAttempts: 3;
};
// </generated:facts>

/**
 * What went wrong: one of `ERROR_KINDS`; see the docs' error-kinds table.
 *
 * @example
 * const retry: AnytypeErrorKind[] = ["code_rejected", "timeout"];
 */
export type AnytypeErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Every rejection (and every `authHeaders` throw) of this package. Its message says what
 * happened and what to do, and never contains an API key or a pairing code.
 *
 * @example
 * try { await createApiKey(challengeId, code); }
 * catch (e) { if (e instanceof AnytypeError && e.kind === "code_rejected") askAgain(); else throw e; }
 */
export declare class AnytypeError extends Error {
  private constructor();
  readonly name: "AnytypeError";
  /** What went wrong. */
  readonly kind: AnytypeErrorKind;
  /** The HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** `code` from Anytype's error envelope, e.g. `"internal_server_error"`, or null. */
  readonly serverCode: string | null;
  /** `message` from Anytype's error envelope, e.g. `"failed to authenticate user"`, or null. */
  readonly serverMessage: string | null;
}

/**
 * `createChallenge`'s result; also what `pair` passes to `onChallenge`.
 * @example const { challengeId, serverVersion }: ChallengeResult = await createChallenge("Acme");
 */
export interface ChallengeResult {
  /** Pass it to `createApiKey` with the code Anytype shows. */
  challengeId: string;
  /** The `Anytype-Version` response header (`"2025-11-08"` today), or null. */
  serverVersion: string | null;
}

/**
 * What a key may do in the spaces it reaches.
 * @example const write: Permission = "readwrite";
 */
export type Permission = "read" | "readwrite";

/**
 * What the person granted in Anytype's approval window (Anytype of 2026). A key narrowed to some
 * spaces or to `"read"` does not work with apps that use `/v1`.
 * @example const everything: Grant = { allSpaces: true, spaceIds: [], permission: "readwrite" };
 */
export interface Grant {
  /** Every space, including spaces created later. */
  allSpaces: boolean;
  /** The spaces granted; empty with `allSpaces`. */
  spaceIds: string[];
  /** Read only, or read and write. */
  permission: Permission;
}

/**
 * The result of `createApiKey` and `pair`.
 * @example const { apiKey, grant }: ApiKeyResult = await createApiKey(challengeId, "0427");
 */
export interface ApiKeyResult {
  /** The key; send it as `Authorization: Bearer <apiKey>` (see `authHeaders`). Store it like a password. */
  apiKey: string;
  /** What the key reaches, as granted in Anytype; null from Anytype before 2026, or when the answer's grant has an unknown shape (the key is kept). */
  grant: Grant | null;
  /** The `Anytype-Version` response header, or null. */
  serverVersion: string | null;
}

/**
 * One space a key reaches, from `GET /v2/auth/whoami`.
 * @example const work: SpaceAccess = { id: "bafyrei…", name: "Work", permission: "read" };
 */
export interface SpaceAccess {
  /** The full space id. */
  id: string;
  /** The space's name, or null when Anytype does not give it. */
  name: string | null;
  /** The key's permission there, or null when Anytype does not say. */
  permission: Permission | null;
}

/**
 * What a key reaches, as `GET /v2/auth/whoami` says (Anytype of 2026).
 * @example const { scoped, permission, spaces }: KeyAccess = (await verifyApiKey(apiKey)).access!;
 */
export interface KeyAccess {
  /** false: a legacy key that reaches every space. */
  scoped: boolean;
  /** null for a legacy key. */
  permission: Permission | null;
  /** Every space, including later ones; null when this Anytype does not say. */
  allSpaces: boolean | null;
  /** The spaces the key reaches, with full ids. */
  spaces: SpaceAccess[];
  /** When the key stops working (RFC 3339), or null when it never does. */
  expiresAt: string | null;
}

/**
 * The result of `verifyApiKey`.
 * @example const { valid, reason, worksOnV1 }: KeyStatus = await verifyApiKey(apiKey);
 */
export interface KeyStatus {
  /** Anytype accepts this key. A scoped key is valid even where `/v1` refuses it. */
  valid: boolean;
  /** Why not, when `valid` is false (`"expired"`: past its expiry; `"invalid"`: unknown or revoked); null when valid. */
  reason: "invalid" | "expired" | null;
  /** false: a scoped key that every `/v1` route refuses; null: not known. */
  worksOnV1: boolean | null;
  /** false: e.g. an old Limited key; null: this Anytype has no `/v2`. */
  worksOnV2: boolean | null;
  /** What `GET /v2/auth/whoami` says the key reaches; null where there is no such answer. */
  access: KeyAccess | null;
  /** The `Anytype-Version` response header, or null. */
  serverVersion: string | null;
}

/**
 * Asks Anytype for access for this app. Anytype of 2026 opens an approval window where the
 * person picks spaces and read or read & write, and shows the 4-digit code only after Allow;
 * Anytype before 2026 shows the code at once. Call it only when the person asks to pair:
 * Anytype limits requests per run and per app, and refuses a second one while one waits.
 * @param appName What the person will see in Anytype (trimmed, at most `LIMITS.appNameMaxChars` characters).
 * @example const { challengeId } = await createChallenge("Acme Clipper (Chrome)");
 */
export function createChallenge(appName: string, options?: Options): Promise<ChallengeResult>;

/**
 * Trades a challenge and the code the person read in Anytype for an API key. A wrong code
 * rejects with kind `"code_rejected"`; the same challenge can then be tried again.
 * @param code The 4 digits as a string; whitespace is ignored ("12 34" works).
 * @example const { apiKey } = await createApiKey(challengeId, "0427");
 */
export function createApiKey(challengeId: string, code: string, options?: Options): Promise<ApiKeyResult>;

/**
 * Is anything answering at `baseUrl`? Resolves `running: false` when nothing answers or on
 * timeout; rejects only for `invalid_input`, `aborted`, `wasm_unavailable`, or `unreachable` when
 * the runtime itself refuses the request (Deno without `--allow-net`).
 * @example const { running, serverVersion } = await checkAnytype({ timeoutMs: 1500 });
 */
export function checkAnytype(options?: Options): Promise<{ running: boolean; serverVersion: string | null }>;

/**
 * Does Anytype accept this key, and what does it reach? Asks `GET /v2/auth/whoami`, and
 * `GET /v1/spaces` where that cannot say (Anytype before 2026): at most two requests.
 * `valid: false` only on HTTP 401; a scoped key is valid, with `worksOnV1: false`; a closed
 * Anytype rejects with `"unreachable"`, so a good key is never dropped because the app is not
 * running.
 * @example
 * const { valid, reason, worksOnV1, access } = await verifyApiKey(apiKey);
 * if (!valid) forgetKey(reason); else if (worksOnV1 === false) warnNarrowedKey(access);
 */
export function verifyApiKey(apiKey: string, options?: Options): Promise<KeyStatus>;

/**
 * What `pair` passes to `getCode` on each attempt.
 * @example const getCode = ({ attempt, lastError }: CodeRequest) => askPerson(attempt > 1 ? lastError?.message : undefined);
 */
export interface CodeRequest {
  /** The one challenge of this pairing (the same on every attempt). */
  challengeId: string;
  /** 1 on the first call, then 2, 3, … up to `maxAttempts`. */
  attempt: number;
  /** Why the previous code failed (`code_rejected`, or `invalid_input` for a code that was not 4 digits), or null on attempt 1. */
  lastError: AnytypeError | null;
}

/**
 * `pair`'s argument: what it needs plus any `Options`.
 * @example
 * const request: PairRequest = { appName: "Acme Clipper (Chrome)", getCode: () => "0427", maxAttempts: 5 };
 */
export interface PairRequest extends Options {
  /** What the person will see in Anytype's Settings → API Keys. */
  appName: string;
  /**
   * Returns the 4 digits the person read in Anytype, as a string or a Promise of one. Throwing or
   * rejecting (e.g. the person cancelled) ends `pair` with kind `"aborted"` and `error.cause`.
   */
  getCode: (request: CodeRequest) => string | PromiseLike<string>;
  // <generated:pair-options>
  // Generated from the Rust core (src/facts.rs, src/messages.rs) by `cargo run -p xtask`; do not edit.
  /** How many codes `pair` tries on its one challenge (Anytype allows 5 tries per request). Default `3`. Accepts an integer from 1 to 5. */
  maxAttempts?: number | undefined;
  // </generated:pair-options>
  /**
   * Called once, after the challenge exists and before `getCode`, e.g. to store `challengeId`
   * so that a closed popup can resume. A returned Promise is awaited; throwing or rejecting ends
   * `pair` with kind `"aborted"`.
   */
  onChallenge?: ((challenge: ChallengeResult) => void | PromiseLike<void>) | undefined;
}

/**
 * Pairs in one call: creates one challenge (the person approves in Anytype, then types the code
 * it shows), asks `getCode` for the code, and retries the same challenge when the code is
 * rejected, up to `maxAttempts`. Resolves with
 * the key; the last `code_rejected` error when every attempt failed; `aborted` when `getCode`
 * or `onChallenge` throws or the signal aborts. Invalid arguments reject with `invalid_input`
 * before anything is sent. `timeoutMs` applies to each request, not to the wait for the person.
 * @example
 * const { apiKey } = await pair({
 *   appName: "Acme Clipper (Chrome)",
 *   getCode: ({ lastError }) => askPersonForCode(lastError?.message),
 *   onChallenge: ({ challengeId }) => chrome.storage.session.set({ challengeId }),
 * });
 */
export function pair(request: PairRequest): Promise<ApiKeyResult>;

/**
 * The headers every later call to Anytype's API needs; usable as `fetch`'s `headers` as is.
 * @example const headers: AuthHeaders = authHeaders(apiKey);
 */
export type AuthHeaders = {
  Authorization: `Bearer ${string}`;
  "Anytype-Version": string;
};

/**
 * `authHeaders`' options.
 * @example authHeaders(apiKey, { apiVersion: "2025-05-20" } satisfies AuthHeadersOptions);
 */
export interface AuthHeadersOptions {
  // <generated:auth-headers-options>
  // Generated from the Rust core (src/facts.rs, src/messages.rs) by `cargo run -p xtask`; do not edit.
  /** Sent as the `Anytype-Version` header. Default `"2025-11-08"`. Accepts 1 to 32 printable ASCII characters. */
  apiVersion?: string | undefined;
  // </generated:auth-headers-options>
}

/**
 * Builds `{ Authorization: "Bearer <apiKey>", "Anytype-Version": <apiVersion> }` for your own
 * calls to Anytype's API. Synchronous; throws `AnytypeError` (`invalid_input`) for a bad key,
 * version or option.
 * @example
 * const res = await fetch("http://127.0.0.1:31009/v1/spaces", { headers: authHeaders(apiKey) });
 */
export function authHeaders(apiKey: string, options?: AuthHeadersOptions): AuthHeaders;

/**
 * Resolves once the wasm module is loaded. Optional: importing the package starts loading it (in
 * browsers it is fetched and compiled while the page goes on; Node compiles it on import), and
 * every function waits for it. When the wasm cannot load, this and every function but
 * `authHeaders` reject with kind `"wasm_unavailable"` (`error.cause`: the platform's error), and
 * the next call tries again.
 * @example await init(); // e.g. to show a "ready" state, or to learn early that the wasm cannot load
 */
export function init(): Promise<void>;
