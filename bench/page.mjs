// The bench page's script (see page.html). Cold start: the implementation is imported only
// when asked for, so a cold run loads exactly one of them.
import { pairMany } from './pairing.mjs';

const query = new URLSearchParams(location.search);
const load = (which) => (which === 'ours' ? import('../pkg/index.js') : import('./baseline.mjs'));

if (query.has('cold')) {
  const impl = await load(query.get('cold'));
  const { challengeId } = await impl.createChallenge('Bench Clipper', { baseUrl: query.get('base') });
  window.coldMs = performance.now();
  window.coldOk = typeof challengeId === 'string';
} else {
  const impls = { ours: await load('ours'), baseline: await load('baseline') };
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
