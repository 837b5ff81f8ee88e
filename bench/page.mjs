// The bench page's script (see page.html). Cold start: only the implementation asked for is
// imported, and nothing else (the pairing loops are imported by the warm page only), so a cold
// run loads exactly page.html, page.mjs and that implementation's files.
const FIRST_CALL_MARK = 'anytype-auth:first-call'; // bench/chromium.mjs's FIRST_CALL_MARK

const query = new URLSearchParams(location.search);

/**
 * The implementation `which` names: ours (the package's browser entry), baseline (bench/baseline.mjs)
 * or floor: the baseline once it has also fetched, compiled and instantiated the smallest valid
 * wasm module (bench/static-server.mjs serves it as floor.wasm), started when the baseline's module
 * was evaluated, as the package starts its own. The floor is what any package that ships a .wasm
 * file pays before its first call, whatever that wasm holds.
 */
async function load(which) {
  if (which === 'ours') return import('../pkg/index.js');
  const baseline = await import('./baseline.mjs');
  if (which === 'floor') await WebAssembly.instantiateStreaming(fetch(new URL('./floor.wasm', import.meta.url)));
  return baseline;
}

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
  // glue: wasm-bindgen's own glue over the same wasm, whose init hands back the wasm's exports
  // and so its linear memory (the entry keeps its instance to itself).
  const [{ pairMany }, ours, baseline, glue] = await Promise.all([import('./pairing.mjs'), load('ours'), load('baseline'), import('../pkg/anytype_auth.js')]);
  await ours.init();
  const wasm = await glue.default({ module_or_path: new URL('../pkg/anytype_auth_bg.wasm', import.meta.url) });
  const impls = { ours, baseline, glue };
  window.bench = {
    /** `count` pairings with `which` (ours, baseline or glue), `inFlight` at a time: every pairing's time in ms. */
    run: (which, baseUrl, count, inFlight) => pairMany(impls[which], baseUrl, count, inFlight),
    /** Bytes of the glue's wasm linear memory. */
    wasmMemory: () => wasm.memory.buffer.byteLength,
  };
}
