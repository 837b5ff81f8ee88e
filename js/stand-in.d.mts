/**
 * A stand-in for the Anytype desktop app's local API, for your own tests (Node ≥ 20).
 * By default (`mode: "current"`) it answers like Anytype of 2026: a pairing request waits for
 * the person's Allow, and only then is there a code. `approve` plays the person and returns that
 * code. `mode: "v0.47"` answers like Anytype of late 2025, where `codeFor` gives the code at once,
 * and `mode: "gate"` like v0.47 behind the 2026 origin gate.
 *
 * @example runnable
 * import { startStandIn } from "anytype-auth/stand-in";
 * import { pair } from "anytype-auth";
 * const standIn = await startStandIn({ port: 0 });
 * try {
 *   const { apiKey, grant } = await pair({
 *     appName: "My Tool (tests)",
 *     baseUrl: standIn.url,
 *     // The person presses Allow for all spaces, read and write; Anytype then shows the code.
 *     getCode: ({ challengeId }) => standIn.approve(challengeId, { allSpaces: true }, "readwrite") ?? "",
 *   });
 *   if (grant?.permission !== "readwrite" || apiKey === "") throw new Error("not paired as approved");
 * } finally {
 *   await standIn.close();
 * }
 */

/**
 * One request the stand-in received. Header names are lower case.
 * @example const [first]: RecordedRequest[] = standIn.requests(); first?.headers["anytype-version"];
 */
export interface RecordedRequest {
  method: string;
  /** The path with its query, e.g. `/v1/spaces?limit=1`. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A mode name: `"v0.47"` (heart v0.47.0), `"current"` (Anytype as it behaves in 2026: origin
 * gate, approval with a space grant before the code, TTLs, caps, scoped keys), `"gate"` (v0.47
 * behind the 2026 origin gate, with a simple approval and stricter limits), or `"2026"`, an alias of
 * `"gate"`.
 * @example const mode: StandInMode = "current";
 */
export type StandInMode = "v0.47" | "current" | "gate" | "2026";

/**
 * What the approval picker lets the user choose: every space (including ones made later), or a
 * list of spaces by full id or short reference.
 * @example const spaces: SpaceChoice = { spaceIds: [SPACES[0].id] };
 */
export type SpaceChoice = { allSpaces: true } | { spaceIds: readonly string[] };

/**
 * The picker's permission control.
 * @example const permission: Permission = "readwrite";
 */
export type Permission = "read" | "readwrite";

/**
 * A grant chosen ahead of time, for the `autoApprove` option: spaces plus permission.
 * @example const grant: SpaceGrant = { allSpaces: true, permission: "read" };
 */
export type SpaceGrant = SpaceChoice & { permission: Permission };

/**
 * A pairing request waiting for Allow or Deny.
 * @example const [first]: PendingRequest[] = standIn.pending(); first?.appName;
 */
export interface PendingRequest {
  challengeId: string;
  /** The `app_name` the caller sent. */
  appName: string;
  /** How Anytype tells callers apart: `"origin:<normalized Origin>"`, or `""` (the anonymous caller). */
  caller: string;
  /** The `Origin` header as sent, or null. */
  origin: string | null;
  /** ms since the epoch, by the stand-in's clock. */
  createdAt: number;
  /** When the request lapses (ms since the epoch), or null in modes without a TTL. */
  expiresAt: number | null;
}

/**
 * `addApiKey`'s options. Everything but `scope` and `name` needs the current mode.
 * @example const options: ApiKeyOptions = { grant: { allSpaces: true, permission: "read" }, format: "anytype" };
 */
export interface ApiKeyOptions {
  /** The `/s/<spec>/` instance; `""` (default) is the root. */
  scope?: string;
  /** The key's space grant; none (default) makes a legacy, unscoped key. JsonAPI keys only. */
  grant?: SpaceGrant | null;
  /** When the key stops working (401 `api key expired`): a Date or ms since the epoch. Default never. */
  expiresAt?: Date | number | null;
  /** `"base64"` (default; 44 characters, like every key before 2026) or `"anytype"` (`anytype_…_<crc32>`, 69 characters). */
  format?: "base64" | "anytype";
  /** The key's scope: `"jsonApi"` (default), `"full"` or `"limited"` (refused on /v2). */
  keyScope?: "jsonApi" | "full" | "limited";
  /** The name Settings shows (and whoami and the /v1 refusal quote). Default `"stand-in key"`. */
  name?: string;
}

/**
 * One space of the emulated account, as `GET /v1/spaces` lists it.
 * @example const names = SPACES.map((space: Space) => space.name);
 */
export interface Space {
  readonly object: "space";
  /** The full id (`bafyrei….<replication key>`). */
  readonly id: string;
  readonly name: string;
  readonly icon: unknown;
  readonly description: string;
  readonly gateway_url: string;
  readonly network_id: string;
}

/**
 * `startStandIn`'s options.
 * @example const options: StandInOptions = { port: 0, mode: "gate", cors: true };
 */
export interface StandInOptions {
  /** Address to bind. Default `"127.0.0.1"`. */
  host?: string;
  /** Port; 0 picks a free one. Default 31009. */
  port?: number;
  /** `"current"` (default), `"v0.47"`, `"gate"` or its alias `"2026"` (see StandInMode). */
  mode?: StandInMode;
  /** Add CORS headers so pages on other origins can call it (the real app sends none). Default false. */
  cors?: boolean;
  /** Challenges allowed per run. Default 50 (30 in the current and gate modes). */
  challengeCap?: number;
  /**
   * Extra origins the gate admits, as Anytype's `ANYTYPE_API_ALLOWED_ORIGINS`: exact origins of
   * any scheme (e.g. `"chrome-extension://<id>"`), comma-separated or as an array. `null` is
   * always refused. Scoped instances inherit it.
   */
  allowedOrigins?: string | string[];
  /**
   * Extra Host names the gate admits, as `ANYTYPE_API_ALLOWED_HOSTS` (comma-separated or an
   * array; a port is ignored). Scoped instances inherit it.
   */
  allowedHosts?: string | string[];
  /** Current mode: how long a pairing request waits for Allow or Deny, in ms. Default 180000 (3 min). */
  pendingTtlMs?: number;
  /** Current mode: how long a code lives after Allow, in ms. Default 300000 (5 min). */
  codeTtlMs?: number;
  /** The clock for TTLs and key dates, in ms since the epoch (tests can move it). Default `Date.now`. */
  now?: () => number;
  /**
   * Current mode, for tests: approve every new pairing request at once with this grant, so
   * `codeFor` has the code. `true` means all spaces with read & write (the grant /v1 accepts).
   * Default: off; the current mode never approves by itself.
   */
  autoApprove?: boolean | SpaceGrant;
  /** Current mode: the spelling of `GET /v2/auth/whoami`, `"snake"` (default, the newer build) or `"camel"`. */
  whoamiCase?: "snake" | "camel";
  /** Called with one line per response. */
  log?: (line: string) => void;
  /**
   * Origins whose pages may use the control endpoints (`/_standin/*`) without the run's `token`,
   * comma-separated or as an array (on a loopback Host). Default: none; other pages get 403.
   */
  controlOrigins?: string | string[];
  /** The largest request body read, in bytes; a larger one gets 413 unread. Default 65536. */
  bodyLimit?: number;
  /** The `/s/<spec>/` instances kept at once; one more forgets the least recently used. Default 1000. */
  scopeCap?: number;
  /** How long a client may take to send a request's headers and body, in ms. Default 30000. */
  requestTimeoutMs?: number;
}

/**
 * A running stand-in. `scope` selects a `/s/<spec>/` instance; `""` (default) is the root.
 * @example const code = standIn.codeFor(challengeId); // what Anytype would show
 */
export interface StandIn {
  /** e.g. `"http://127.0.0.1:43121"`: pass it as `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** The mode as it was given (so `"2026"` when started with the alias). */
  readonly mode: StandInMode;
  /**
   * This run's control token: a request carrying it in the `Standin-Token` header may use the
   * control endpoints (`/_standin/*`) from any page. Random per run; not an API key.
   */
  readonly token: string;
  /** How many `/s/<spec>/` instances exist now (at most `scopeCap`). */
  readonly scopeCount: number;
  /**
   * The code Anytype would show for a challenge, or null. In the gate mode this also approves it;
   * in the current mode it is null until the request is approved (`approve`, `autoApprove`).
   */
  codeFor(challengeId: string, scope?: string): string | null;
  /**
   * The user's Allow: returns the code now shown, or null when no request waits under that id
   * (unknown, expired, answered; never anything in v0.47). Throws a TypeError for a bad grant.
   */
  approve(challengeId: string, spaces: SpaceChoice, permission: Permission, scope?: string): string | null;
  /** The user's Deny: true when a waiting request was dropped. In the current mode the caller stays refused. */
  deny(challengeId: string, scope?: string): boolean;
  /** The pairing requests waiting for Allow or Deny, oldest first. */
  pending(scope?: string): PendingRequest[];
  /** Every request received (newest 1000), as received (`GET /_standin/requests` masks keys and codes). */
  requests(scope?: string): RecordedRequest[];
  /**
   * A valid API key, as if made in Anytype's Settings → API Keys: by default a legacy 44-character
   * base64 JsonAPI key without a grant. Takes a scope string, or options.
   */
  addApiKey(scopeOrOptions?: string | ApiKeyOptions): string;
  /** Forgets all state, or the state of one scope. */
  reset(scope?: string): void;
  /** Stops listening and cuts delayed responses. */
  close(): Promise<void>;
}

/**
 * Starts a stand-in and resolves once it listens.
 * @example const standIn = await startStandIn({ port: 0, mode: "gate" });
 */
export function startStandIn(options?: StandInOptions): Promise<StandIn>;

/** The `Anytype-Version` the stand-in sends: `"2025-11-08"`. */
export const API_VERSION: string;
/** 31009, Anytype's default port. */
export const DEFAULT_PORT: number;
/** `"127.0.0.1"`. */
export const DEFAULT_HOST: string;
/** Every accepted mode name: `["v0.47", "current", "gate", "2026"]`. */
export const MODES: readonly StandInMode[];
/** Old mode names and the mode each stands for: `{ "2026": "gate" }`. */
export const MODE_ALIASES: Readonly<Record<string, StandInMode>>;
/** `"current"`: a stand-in started without a mode plays today's Anytype. */
export const DEFAULT_MODE: "current";
/** The spaces of the emulated account: what `GET /v1/spaces` lists and the approval picker offers. */
export const SPACES: readonly Space[];
/** A space id's short reference, as the 2026 API serves it: the last 6 characters before the dot. */
export function shortSpaceId(id: string): string;
/** Challenges per run in v0.47: 50. */
export const DEFAULT_CHALLENGE_CAP: number;
/** Challenges per run with the 2026 rules: 30. */
export const CHALLENGE_CAP_2026: number;
/** Wrong codes a challenge takes with the 2026 rules: 5. */
export const MAX_TRIES_2026: number;
/** Wrong codes per run before pairing locks with the 2026 rules: 20. */
export const MAX_FAILED_SOLVES_2026: number;
/** Challenges per caller and run in the current mode: 10. */
export const MAX_CHALLENGES_PER_CALLER_2026: number;
/** How long a pairing request waits for Allow or Deny in the current mode: 180000 ms. */
export const PENDING_TTL_MS: number;
/** How long a code lives after Allow in the current mode: 300000 ms. */
export const CODE_TTL_MS: number;
/** The request log keeps this many newest entries per instance: 1000. */
export const REQUEST_LOG_LIMIT: number;
/** The largest request body the stand-in reads by default: 65536 bytes. */
export const BODY_LIMIT: number;
/** The `/s/<spec>/` instances kept at once by default: 1000. */
export const SCOPE_CAP: number;
/** How long a client may take to send a request by default: 30000 ms. */
export const REQUEST_TIMEOUT_MS: number;
/** The request header that carries the run's control token: `"Standin-Token"`. */
export const CONTROL_TOKEN_HEADER: string;
