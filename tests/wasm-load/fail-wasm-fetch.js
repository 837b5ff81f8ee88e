// Imported by idle.js before anytype-auth: the page's `fetch` fails at once for a .wasm URL (as
// a network error would), so the package's own load of its wasm fails within the import, before
// the page does anything.
const fetchAnything = window.fetch.bind(window);
window.fetch = (input, init) =>
  String(input?.url ?? input).endsWith('.wasm') ? Promise.reject(new TypeError('Failed to fetch (refused by the test page)')) : fetchAnything(input, init);
