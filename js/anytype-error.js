// The error class every anytype-auth call rejects with. The wasm module constructs it, and the
// package entry re-exports it, so `err instanceof AnytypeError` holds for every rejection.

/**
 * A failed anytype-auth call.
 *
 * - `kind`: what went wrong, e.g. `"code_rejected"` or `"unreachable"` (see the README's table).
 * - `status`: the HTTP status, or `null` when no response arrived.
 * - `serverCode` / `serverMessage`: `code` and `message` of Anytype's error envelope, or `null`.
 *
 * The message says what happened and what to do. It never contains an API key or a pairing code.
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

Object.defineProperty(AnytypeError.prototype, 'name', {
  value: 'AnytypeError',
  writable: true,
  configurable: true,
  enumerable: false,
});
