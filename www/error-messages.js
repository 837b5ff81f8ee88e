// What the demo page tells a person for each AnytypeError kind: what happened, in plain words,
// and the next step. Nothing here shows a stack, a raw object, an API key or a pairing code.
// The two bare 500s of pairing, `challenge_refused` and `code_rejected`, have several causes;
// where the page knows its own request it lists each with its next step (refusal-causes.js).

/** One entry per `AnytypeError.kind`: `title` says what happened, `next` what to do now. */
export const ERROR_MESSAGES = Object.freeze({
  invalid_input: {
    title: 'That value isn’t accepted.',
    next: 'Check the field and try again. App names are 1–200 ordinary characters, codes are exactly 4 digits, and keys must be copied whole.',
  },
  wasm_unavailable: {
    title: 'This page couldn’t start its pairing code (WebAssembly).',
    next: 'Nothing was sent to Anytype. Reload the page; if that doesn’t help, WebAssembly is blocked or turned off in this browser (some strict security modes do that): use another browser or turn those off for this page.',
  },
  unreachable: {
    title: 'Anytype isn’t answering.',
    next: 'Open the Anytype desktop app and log in: its API only runs while you are logged in. Then try again.',
  },
  timeout: {
    title: 'Anytype took too long to answer.',
    next: 'It may still be starting up or busy syncing. Wait a moment, then try again.',
  },
  aborted: {
    title: 'The request was cancelled.',
    next: 'Nothing was changed. Try again when you are ready.',
  },
  origin_not_allowed: {
    title: 'This Anytype refuses requests from web pages and extensions.',
    next: 'Newer Anytype versions only accept local apps. An extension must drop the Origin header (see docs/extensions.md#the-origin-rule), or Anytype must be started with ANYTYPE_API_ALLOWED_ORIGINS listing your origin.',
  },
  code_rejected: {
    title: 'That code didn’t match.',
    next: 'Check the code in the Anytype window and type it again. If Anytype still asks, press Allow first; if the code ran out, ask again.',
  },
  challenge_refused: {
    title: 'Anytype won’t start another pairing.',
    next: 'Answer a request that still waits in Anytype’s window. After Deny, or too many requests or wrong codes, Anytype refuses until it restarts: quit and reopen it, then try again.',
  },
  unauthorized: {
    title: 'Anytype didn’t accept this page’s credentials.',
    next: 'Pair again to get a new API key.',
  },
  rate_limited: {
    title: 'Anytype is getting too many requests.',
    next: 'Wait a few seconds, then try again.',
  },
  not_supported: {
    title: 'This Anytype doesn’t support pairing.',
    next: 'Update Anytype to version 0.41 or newer, or check that it is really Anytype listening on that port.',
  },
  bad_request: {
    title: 'Anytype didn’t understand the request.',
    next: 'This page and your Anytype may be too far apart in version. Update Anytype, then try again.',
  },
  server_error: {
    title: 'Anytype ran into an internal error.',
    next: 'Try again. If it keeps happening, quit and reopen Anytype.',
  },
  invalid_response: {
    title: 'Anytype’s answer didn’t make sense to this page.',
    next: 'Another program may be using Anytype’s port, or your Anytype is a version this package doesn’t know. Check the port and update Anytype.',
  },
});

/** For anything that is not an AnytypeError (a bug, a failed module load). */
export const UNEXPECTED_ERROR = Object.freeze({
  title: 'Something unexpected went wrong.',
  next: 'Reload the page and try again.',
});

/**
 * The `{ title, next }` to show for a rejection. `overrides` replaces the entry for some kinds,
 * e.g. `{ invalid_input: {…} }` where a step knows better what was wrong.
 */
export function describeError(error, overrides = {}) {
  const kind = error?.name === 'AnytypeError' && typeof error.kind === 'string' ? error.kind : null;
  if (kind === null) return UNEXPECTED_ERROR;
  return overrides[kind] ?? ERROR_MESSAGES[kind] ?? UNEXPECTED_ERROR;
}
