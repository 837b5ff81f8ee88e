// The error class of every anytype-auth failure. The wasm module constructs it and every entry
// re-exports it, so `err instanceof AnytypeError` holds for every rejection.

/**
 * A failed anytype-auth call. `kind`: what went wrong, e.g. `"code_rejected"` (`ERROR_KINDS` lists them);
 * `status`: the HTTP status, or `null` when no response arrived; `serverCode`/`serverMessage`:
 * Anytype's error envelope, or `null`. The message says what happened and what to do; it never
 * contains an API key or a pairing code.
 */
export class AnytypeError extends Error {
  constructor(kind, message, status, serverCode, serverMessage) {
    super(message);
    this.kind = kind;
    this.status = status ?? null;
    this.serverCode = serverCode ?? null;
    this.serverMessage = serverMessage ?? null;
  }
}

// Like Error.prototype.name: writable, configurable, not enumerable.
Object.defineProperty(AnytypeError.prototype, 'name', { value: 'AnytypeError', writable: true, configurable: true });
