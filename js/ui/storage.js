// Where the flow keeps things: the pending pairing request (always, in session storage, so that a
// closed popup or a reload resumes it) and the key (only when the app asks for it). An adapter is
// `{ get(name), set(name, value), remove(name) }` over strings, each of which may return a Promise.

/** An adapter over a Web Storage object (`sessionStorage`, `localStorage`). */
export function webStorage(storage) {
  return {
    get: (name) => storage.getItem(name),
    set: (name, value) => storage.setItem(name, value),
    remove: (name) => storage.removeItem(name),
  };
}

/** An adapter over an extension's `storage.session` or `storage.local` area (Chromium or Firefox). */
export function extensionStorage(area) {
  return {
    get: async (name) => (await area.get(name))?.[name] ?? null,
    set: (name, value) => area.set({ [name]: value }),
    remove: (name) => area.remove(name),
  };
}

/** An adapter that keeps values in memory only (gone with the page). */
export function memoryStorage() {
  const values = new Map();
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => void values.set(name, value),
    remove: (name) => void values.delete(name),
  };
}

const extensionArea = (name) => (globalThis.browser ?? globalThis.chrome)?.storage?.[name];

/**
 * The built-in adapter for a name: `"session"` (an extension's `storage.session` where it exists,
 * else `sessionStorage`), `"local"` (an extension's `storage.local`, else `localStorage`) or
 * `"memory"`. Throws a TypeError for another name, or where that storage does not exist.
 */
export function builtInStorage(name) {
  if (name === 'memory') return memoryStorage();
  if (name !== 'session' && name !== 'local') throw new TypeError(`Unknown storage "${name}": use "session", "local" or "memory", or pass an adapter.`);
  const area = extensionArea(name);
  if (area) return extensionStorage(area);
  const web = name === 'session' ? globalThis.sessionStorage : globalThis.localStorage;
  if (!web) throw new TypeError(`There is no ${name} storage here: pass an adapter.`);
  return webStorage(web);
}

/** The adapter for the pending request: session storage where there is one, else memory. */
export function pendingStorage() {
  try {
    return builtInStorage('session');
  } catch {
    return memoryStorage();
  }
}
