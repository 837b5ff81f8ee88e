/** Constants every part of the stand-in shares (server.mjs re-exports them). */

/** The `Anytype-Version` every heart since v0.46.3 sends on every response. */
export const API_VERSION = '2025-11-08';
/** The desktop app's port. */
export const DEFAULT_PORT = 31009;
/** Loopback, where the desktop app listens. */
export const DEFAULT_HOST = '127.0.0.1';
/** The request log keeps this many newest entries per instance. */
export const REQUEST_LOG_LIMIT = 1000;
/** The largest request body the stand-in reads (64 KiB); a larger one is answered 413 unread. */
export const BODY_LIMIT = 64 * 1024;
/** The scoped instances (`/s/<spec>/`, `?scope=`) kept at once; one more forgets the least recently used. */
export const SCOPE_CAP = 1000;
/** How long a client may take to send a request's headers and body. */
export const REQUEST_TIMEOUT_MS = 30_000;
