/** Constants every part of the stand-in shares (server.mjs re-exports them). */

/** The `Anytype-Version` every heart since v0.46.3 sends on every response. */
export const API_VERSION = '2025-11-08';
/** The desktop app's port. */
export const DEFAULT_PORT = 31009;
/** Loopback, where the desktop app listens. */
export const DEFAULT_HOST = '127.0.0.1';
/** The request log keeps this many newest entries per instance. */
export const REQUEST_LOG_LIMIT = 1000;
