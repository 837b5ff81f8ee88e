// A browser app bundled by esbuild (tests/wasm-load.test.mjs), whose anytype-auth cannot always
// load its wasm: reports the first call on window.__first, and window.attempt() makes another.
import { AnytypeError, authHeaders, checkAnytype, createChallenge, init } from 'anytype-auth';

const base = new URL(location.href).searchParams.get('standin');

/** What a rejection says of itself, as plain data for the test. */
function describe(error) {
  return {
    ok: false,
    name: error?.name,
    kind: error?.kind,
    isAnytypeError: error instanceof AnytypeError,
    message: String(error?.message),
    status: error?.status,
    causeName: error?.cause?.name ?? null,
    causeMessage: String(error?.cause?.message ?? ''),
  };
}

/** One call that needs the wasm (checkAnytype, then createChallenge), or how it failed. */
window.attempt = async () => {
  try {
    const { running } = await checkAnytype({ baseUrl: base });
    const { challengeId } = await createChallenge('wasm-load test', { baseUrl: base });
    return { ok: true, running, challengeId: typeof challengeId };
  } catch (error) {
    return describe(error);
  }
};
window.init = () => init().then(() => ({ ok: true }), describe);
// authHeaders is plain JS: it works whether or not the wasm loads.
window.headers = authHeaders('k3y/ABC=');
window.attempt().then((result) => {
  window.__first = result;
});
