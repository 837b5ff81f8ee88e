/**
 * A stand-in for the Anytype desktop app's local API, for your own tests (Node ≥ 20).
 * It answers like Anytype v0.47 (or the stricter 2026 server) and lets tests read the code
 * Anytype would show.
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
 * `startStandIn`'s options.
 * @example const options: StandInOptions = { port: 0, mode: "2026", cors: true };
 */
export interface StandInOptions {
  /** Address to bind. Default `"127.0.0.1"`. */
  host?: string;
  /** Port; 0 picks a free one. Default 31009. */
  port?: number;
  /** `"v0.47"` (default) or `"2026"` (origin gate, approval, stricter limits). */
  mode?: "v0.47" | "2026";
  /** Add CORS headers so pages on other origins can call it (the real app sends none). Default false. */
  cors?: boolean;
  /** Challenges allowed per run. Default 50 (30 in 2026 mode). */
  challengeCap?: number;
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
  readonly mode: "v0.47" | "2026";
  /** The code Anytype would show for a challenge, or null. In 2026 mode this also approves it. */
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
 * @example const standIn = await startStandIn({ port: 0, mode: "2026" });
 */
export function startStandIn(options?: StandInOptions): Promise<StandIn>;

/** The `Anytype-Version` the stand-in sends: `"2025-11-08"`. */
export const API_VERSION: string;
/** 31009, Anytype's default port. */
export const DEFAULT_PORT: number;
/** `"127.0.0.1"`. */
export const DEFAULT_HOST: string;
/** `["v0.47", "2026"]`. */
export const MODES: readonly ["v0.47", "2026"];
/** `"v0.47"`. */
export const DEFAULT_MODE: "v0.47";
