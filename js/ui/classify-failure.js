// What went wrong when an app's own call to Anytype failed, for the key's later life: the app
// hands the failed `Response` (or what `fetch` threw, or an AnytypeError) to the flow, which
// explains it and offers the remedy. Anytype's answers: 401 with `api key expired` or `invalid
// api key` (unknown or revoked); 403 `v1_not_available_for_scoped_keys` (a narrowed key on /v1),
// `space_not_granted` / `write_not_granted` (/v2, outside the grant), `request origin is not
// allowed` (the origin gate) or the Limited-scope refusal; no answer at all: Anytype is closed.

/**
 * One of: `"key-expired"`, `"key-revoked"`, `"key-missing"` (the call sent no key or an empty
 * one), `"key-narrowed"`, `"space-not-granted"`, `"write-not-granted"`, `"key-limited"`,
 * `"origin-not-allowed"`, `"not-running"`, or null when the failure is none of these (the flow
 * then has nothing to explain). Resolves, never rejects; reads a clone of the response's body.
 */
export async function classifyFailure(failure) {
  if (typeof Response !== 'undefined' && failure instanceof Response) return classifyAnswer(failure);
  if (failure?.name === 'AnytypeError') {
    if (failure.kind === 'unreachable' || failure.kind === 'timeout') return 'not-running';
    if (failure.kind === 'origin_not_allowed') return 'origin-not-allowed';
    return null;
  }
  // What fetch throws when nothing answers (Chromium, Firefox and Node all use TypeError).
  return failure?.name === 'TypeError' ? 'not-running' : null;
}

async function classifyAnswer(response) {
  let body = null;
  try {
    body = JSON.parse(await response.clone().text());
  } catch {} // not JSON, or unreadable: classified by the status alone
  const code = typeof body?.code === 'string' ? body.code : '';
  const message = typeof body?.message === 'string' ? body.message.toLowerCase() : '';
  if (response.status === 401) {
    if (message.includes('expired')) return 'key-expired';
    if (message.includes('missing') || message.includes('format')) return 'key-missing';
    return 'key-revoked';
  }
  if (response.status !== 403) return null;
  if (code === 'v1_not_available_for_scoped_keys') return 'key-narrowed';
  if (code === 'space_not_granted') return 'space-not-granted';
  if (code === 'write_not_granted') return 'write-not-granted';
  if (message.includes('origin is not allowed')) return 'origin-not-allowed';
  if (message.includes('scope does not allow')) return 'key-limited';
  return null;
}
