// A browser app bundled by esbuild (tests/wasm-load.test.mjs) that imports anytype-auth and calls
// nothing at first, while the package's load of its wasm fails (fail-wasm-fetch.js): that failure
// must not surface as an unhandled rejection, only on the first call. window.__unhandled lists
// the unhandled rejections; window.__ready is set in a task after the import's own.
import './fail-wasm-fetch.js';
import { AnytypeError, init } from 'anytype-auth';

window.__unhandled = [];
window.addEventListener('unhandledrejection', (event) => window.__unhandled.push(String(event.reason?.message ?? event.reason)));
window.init = () =>
  init().then(
    () => ({ ok: true }),
    (error) => ({ ok: false, kind: error?.kind, isAnytypeError: error instanceof AnytypeError, message: String(error?.message), causeName: error?.cause?.name ?? null }),
  );
setTimeout(() => (window.__ready = true));
