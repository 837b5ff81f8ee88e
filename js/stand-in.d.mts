/**
 * A stand-in for the Anytype desktop app's local API, for your own tests (Node ≥ 20).
 * It answers like Anytype v0.47 (or, in the `gate` mode, with the 2026 origin gate) and lets
 * tests read the code Anytype would show.
 *
 * @example
 * import { startStandIn } from "anytype-auth/stand-in";
 * import { pair } from "anytype-auth";
 * const standIn = await startStandIn({ port: 0 });
 * const { apiKey } = await pair({
 *   appName: "My Tool (tests)",
 *   baseUrl: standIn.url,
 *   getCode: ({ challengeId }) => standIn.codeFor(challengeId)!,
 * });
 * await standIn.close();
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
 * A mode name: `"v0.47"` (heart v0.47.0), `"gate"` (v0.47 behind the 2026 origin gate, with
 * approval and stricter limits), or `"2026"`, the gate mode's old name.
 * @example const mode: StandInMode = "gate";
 */
export type StandInMode = "v0.47" | "gate" | "2026";

/**
 * `startStandIn`'s options.
 * @example const options: StandInOptions = { port: 0, mode: "gate", cors: true };
 */
export interface StandInOptions {
  /** Address to bind. Default `"127.0.0.1"`. */
  host?: string;
  /** Port; 0 picks a free one. Default 31009. */
  port?: number;
  /** `"v0.47"` (default), `"gate"` (origin gate, approval, stricter limits) or its alias `"2026"`. */
  mode?: StandInMode;
  /** Add CORS headers so pages on other origins can call it (the real app sends none). Default false. */
  cors?: boolean;
  /** Challenges allowed per run. Default 50 (30 in the gate mode). */
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
  /** Called with one line per response. */
  log?: (line: string) => void;
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
  /** The code Anytype would show for a challenge, or null. In the gate mode this also approves it. */
  codeFor(challengeId: string, scope?: string): string | null;
  /** Every request received (newest 1000). */
  requests(scope?: string): RecordedRequest[];
  /** A valid API key, as if made in Anytype's Settings → API Keys. */
  addApiKey(scope?: string): string;
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
/** Every accepted mode name: `["v0.47", "gate", "2026"]`. */
export const MODES: readonly StandInMode[];
/** Old mode names and the mode each stands for: `{ "2026": "gate" }`. */
export const MODE_ALIASES: Readonly<Record<string, StandInMode>>;
/** `"v0.47"`. */
export const DEFAULT_MODE: "v0.47";
