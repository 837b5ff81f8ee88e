/**
 * anytype-auth: pair with the Anytype desktop app and get an API key for its local HTTP API.
 *
 * @example
 * import { createChallenge, createApiKey } from "anytype-auth";
 * const { challengeId } = await createChallenge("Acme Clipper (Chrome)");
 * const code = prompt("Type the 4-digit code Anytype shows");
 * const { apiKey } = await createApiKey(challengeId, code);
 */

/** Options every function accepts. Unknown keys are refused (`invalid_input`). */
export interface Options {
  /** Where Anytype's local API is. Default `"http://127.0.0.1:31009"` (anytype-cli: `:31012`). Plain `http:` only for loopback hosts unless `allowInsecureRemote`. */
  baseUrl?: string;
  /** Sent as the `Anytype-Version` header. Default `"2025-11-08"`. */
  apiVersion?: string;
  /** Milliseconds for the whole call, body included. Default 10000; 0 means no timeout; at most 600000. */
  timeoutMs?: number;
  /** Cancels the call; it then rejects with kind `"aborted"`. An already-aborted signal sends nothing. */
  signal?: AbortSignal;
  /** Allow plain `http:` to a host that is not loopback (the key then crosses the network in clear). Default false. */
  allowInsecureRemote?: boolean;
}

/** What went wrong; see the README's table. */
export type AnytypeErrorKind =
  | "invalid_input"
  | "unreachable"
  | "timeout"
  | "aborted"
  | "origin_not_allowed"
  | "code_rejected"
  | "challenge_refused"
  | "unauthorized"
  | "rate_limited"
  | "not_supported"
  | "bad_request"
  | "server_error"
  | "invalid_response";

/**
 * Every rejection of this package. Its message says what happened and what to do, and never
 * contains an API key or a pairing code.
 *
 * @example
 * try { await createApiKey(challengeId, code); }
 * catch (e) { if (e instanceof AnytypeError && e.kind === "code_rejected") askAgain(); else throw e; }
 */
export declare class AnytypeError extends Error {
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
 * Asks Anytype to show a 4-digit pairing code. Each call spends one of the 50 challenges
 * Anytype allows per run, so call it only when the person asks to pair.
 * @param appName What the person will see in Anytype's Settings → API Keys (trimmed, 1–200 characters).
 * @example const { challengeId } = await createChallenge("Acme Clipper (Chrome)");
 */
export function createChallenge(appName: string, options?: Options): Promise<{ challengeId: string; serverVersion: string | null }>;

/**
 * Trades a challenge and the code the person read in Anytype for an API key. A wrong code
 * rejects with kind `"code_rejected"`; the same challenge can then be tried again.
 * @param code The 4 digits as a string; whitespace is ignored ("12 34" works).
 * @example const { apiKey } = await createApiKey(challengeId, "0427");
 */
export function createApiKey(challengeId: string, code: string, options?: Options): Promise<{ apiKey: string; serverVersion: string | null }>;

/**
 * Is anything answering at `baseUrl`? Resolves `running: false` when nothing answers or on
 * timeout; rejects only for `invalid_input` or `aborted`.
 * @example const { running, serverVersion } = await checkAnytype({ timeoutMs: 1500 });
 */
export function checkAnytype(options?: Options): Promise<{ running: boolean; serverVersion: string | null }>;

/**
 * Does Anytype accept this key? `valid: false` only on HTTP 401; a closed Anytype rejects
 * with `"unreachable"`, so a good key is never dropped because the app is not running.
 * @example const { valid } = await verifyApiKey(apiKey);
 */
export function verifyApiKey(apiKey: string, options?: Options): Promise<{ valid: boolean; serverVersion: string | null }>;

/** Loads and compiles the wasm module. Optional: every function does it on first use. */
export function init(): Promise<void>;
