// The bench page's script (see page.html). Cold start: only the implementation asked for is
// imported, and nothing else (the pairing loops are imported by the warm page only), so a cold
// run loads exactly page.html, page.mjs and that implementation's files.
const FIRST_CALL_MARK = 'anytype-auth:first-call'; // bench/chromium.mjs's FIRST_CALL_MARK

const query = new URLSearchParams(location.search);
const load = (which) => (which === 'ours' ? import('../pkg/index.js') : import('./baseline.mjs'));

/** Paths of the same-origin files this page loaded (itself, its scripts, the wasm), for the bench's empty-cache check. */
function loadedPaths() {
  const loads = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return loads.map((entry) => new URL(entry.name)).filter((url) => url.origin === location.origin).map((url) => url.pathname);
}

if (query.has('cold')) {
  const impl = await load(query.get('cold'));
  const { challengeId } = await impl.createChallenge('Bench Clipper', { baseUrl: query.get('base') });
  const { startTime: ms } = performance.mark(FIRST_CALL_MARK);
  window.coldResult = { ms, ok: typeof challengeId === 'string', loaded: loadedPaths() };
} else {
  const [{ pairMany }, ours, baseline] = await Promise.all([import('./pairing.mjs'), load('ours'), load('baseline')]);
  const impls = { ours, baseline };
  await impls.ours.init();
  const { default: initWasm } = await import('../pkg/anytype_auth.js');
  const wasm = await initWasm(); // already loaded: gives back the module's exports
  window.bench = {
    /** `count` pairings with `which`, `inFlight` at a time: every pairing's time in ms. */
    run: (which, baseUrl, count, inFlight) => pairMany(impls[which], baseUrl, count, inFlight),
    /** Bytes of the wasm module's linear memory. */
    wasmMemory: () => wasm.memory.buffer.byteLength,
  };
}
